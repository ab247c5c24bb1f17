// Data sets that are valid but small (fewer images than a batch, no test images): every MLP
// workload says which file holds too few images for which row, and the code beneath refuses to
// read past the pixels in every build (it used to rely on an assert compiled out by NDEBUG).

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "tests/mlp/idx_test_files.h"
#include "tests/support/temp_dir.h"
#include "workloads/mlp/fashion_mnist.h"
#include "workloads/mlp/mlp_suite_config.h"
#include "workloads/mlp/mlp_training.h"
#include "workloads/mlp/mlp_workloads.h"

namespace joulebench::mlp {
namespace {

using namespace idx_test;

WorkloadSpec spec_named(const std::string& name) {
  for (WorkloadSpec& spec : mlp_workloads()) {
    if (spec.name == name)
      return spec;
  }
  throw std::runtime_error("no workload " + name);
}

// The suite reads `train` and `test` images from a fresh directory.
class SmallDataset : public ::testing::Test {
 protected:
  void use(std::uint32_t train, std::uint32_t test) {
    write_fashion_mnist(dir_.path(), train, test);
    MlpSuiteConfig config;
    config.data_dir = dir_.path();
    config.cache_dir = dir_.path() / "cache";
    set_mlp_suite_config(config);
  }
  void TearDown() override { set_mlp_suite_config({}); }
  std::string file(const char* name) const { return (dir_.path() / name).string(); }

  // Both the check before the run and the factory fail with exactly `message`.
  void expect_refused(const std::string& workload, const std::string& message) {
    const WorkloadSpec spec = spec_named(workload);
    ASSERT_TRUE(spec.check_inputs) << workload;
    for (const auto& attempt : {spec.check_inputs, std::function<void()>([&] { spec.make(); })}) {
      try {
        attempt();
        ADD_FAILURE() << "no error for " << workload;
      } catch (const std::runtime_error& e) {
        EXPECT_EQ(e.what(), message);
      }
    }
  }

  testing::TempDir dir_;
};

TEST_F(SmallDataset, TrainingBatchLargerThanTrainingSet) {
  use(10, 10);
  expect_refused("mlp/train/fp32/784-128-10/batch:64/sgd",
                 file("train-images-idx3-ubyte.gz") +
                     " holds 10 images; mlp/train/fp32/784-128-10/batch:64/sgd needs at least 64 "
                     "(one training batch of 64)");
}

TEST_F(SmallDataset, InferenceBatchLargerThanTestSet) {
  use(100, 10);
  expect_refused("mlp/infer/fp32/784-128-10/batch:64",
                 file("t10k-images-idx3-ubyte.gz") +
                     " holds 10 images; mlp/infer/fp32/784-128-10/batch:64 needs at least 64 "
                     "(one test batch of 64)");
  EXPECT_NO_THROW(spec_named("mlp/infer/int8/784-128-10/batch:1").check_inputs());
}

TEST_F(SmallDataset, NoTestImages) {
  use(100, 0);
  expect_refused("mlp/infer/fp32/784-128-10/batch:1",
                 file("t10k-images-idx3-ubyte.gz") +
                     " holds 0 images; mlp/infer/fp32/784-128-10/batch:1 needs at least 1 (one "
                     "test batch of 1)");
  expect_refused("mlp/train-to-accuracy/fp32/784-128-10/batch:64/adam",
                 file("t10k-images-idx3-ubyte.gz") +
                     " holds 0 images; mlp/train-to-accuracy/fp32/784-128-10/batch:64/adam needs "
                     "at least 1 (test images to measure its accuracy on)");
  // A training step reads no test image.
  EXPECT_NO_THROW(spec_named("mlp/train/fp32/784-128-10/batch:64/adam").check_inputs());
}

TEST_F(SmallDataset, InferenceWeightsNeedATrainingBatch) {
  use(10, 100);
  expect_refused("mlp/infer/fp32/784-128-10/batch:1",
                 file("train-images-idx3-ubyte.gz") +
                     " holds 10 images; mlp/infer/fp32/784-128-10/batch:1 needs at least 64 "
                     "(training batches of 64 for the weights it runs)");
}

TEST_F(SmallDataset, EveryMlpWorkloadChecksItsInputs) {
  use(300, 300);
  for (const WorkloadSpec& spec : mlp_workloads()) {
    ASSERT_TRUE(spec.check_inputs) << spec.name;
    EXPECT_NO_THROW(spec.check_inputs()) << spec.name;
  }
}

TEST(SmallDatasetGuards, MiniBatchStreamRefusesBatchLargerThanData) {
  LabelledImages ten{std::vector<std::uint8_t>(10 * kPixels), std::vector<std::uint8_t>(10), {}};
  EXPECT_THROW(MiniBatchStream(ten, 64, 1), std::invalid_argument);
  EXPECT_THROW(MiniBatchStream(ten, 0, 1), std::invalid_argument);
  LabelledImages none;
  EXPECT_THROW(MiniBatchStream(none, 1, 1), std::invalid_argument);
  MiniBatchStream whole(ten, 10, 1);
  Eigen::MatrixXf x;
  std::vector<int> labels;
  whole.next(x, labels);
  whole.next(x, labels);  // a second epoch
  EXPECT_EQ(x.cols(), 10);
}

TEST(SmallDatasetGuards, BatchCopiesStayInsideTheData) {
  LabelledImages ten{std::vector<std::uint8_t>(10 * kPixels), std::vector<std::uint8_t>(10), {}};
  // `test.size() - batch` used to underflow into a start far past the pixels.
  EXPECT_THROW(images_as_matrix(ten, 0, 64), std::out_of_range);
  EXPECT_THROW(images_as_matrix(ten, 8, 3), std::out_of_range);
  EXPECT_THROW(images_as_matrix(ten, static_cast<std::size_t>(-54), 64), std::out_of_range);
  EXPECT_EQ(images_as_matrix(ten, 0, 10).cols(), 10);
  EXPECT_EQ(images_as_matrix(ten, 10, 0).cols(), 0);
  Eigen::MatrixXf x;
  std::vector<int> labels;
  const std::vector<int> past = {3, 10};
  EXPECT_THROW(gather_batch(ten, past, x, labels), std::out_of_range);
}

}  // namespace
}  // namespace joulebench::mlp
