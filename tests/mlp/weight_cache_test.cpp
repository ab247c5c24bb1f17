#include <gtest/gtest.h>

#include <fstream>

#include "tests/mlp/slice_dir.h"
#include "tests/support/temp_dir.h"
#include "workloads/mlp/eigen_threads.h"
#include "workloads/mlp/trained_model.h"

namespace joulebench::mlp {
namespace {

// The MLP runs on one thread (see eigen_threads.h).
const EigenThreads one_thread(1);

TEST(WeightCache, RoundTripsExactly) {
  testing::TempDir dir;
  const MlpWeights w = init_mlp({784, 32, 10}, 4);
  save_weights(dir.path() / "w.bin", w);
  const auto loaded = load_weights(dir.path() / "w.bin", {784, 32, 10});
  ASSERT_TRUE(loaded);
  EXPECT_EQ(loaded->w[0], w.w[0]);
  EXPECT_EQ(loaded->w[1], w.w[1]);
  EXPECT_EQ(loaded->b[1], w.b[1]);
  EXPECT_EQ(dir.entries(), std::vector<std::string>{"w.bin"});  // no temporary left behind
}

TEST(WeightCache, RejectsOtherWidthsTruncationAndTrailingBytes) {
  testing::TempDir dir;
  const auto file = dir.path() / "w.bin";
  save_weights(file, init_mlp({784, 32, 10}, 4));
  EXPECT_FALSE(load_weights(file, {784, 64, 10}));
  EXPECT_FALSE(load_weights(dir.path() / "missing.bin", {784, 32, 10}));
  const auto size = std::filesystem::file_size(file);
  std::filesystem::resize_file(file, size - 4);
  EXPECT_FALSE(load_weights(file, {784, 32, 10}));
  std::filesystem::resize_file(file, size + 4);
  EXPECT_FALSE(load_weights(file, {784, 32, 10}));
  std::ofstream(file) << "not weights";
  EXPECT_FALSE(load_weights(file, {784, 32, 10}));
}

// The cache file is read with a limit of its exact expected size (common/bounded_read.h): a
// directory or an endless device in its place is a cache miss, at once, not gigabytes read.
TEST(WeightCache, ADirectoryOrEndlessDeviceIsACacheMiss) {
  testing::TempDir dir;
  EXPECT_FALSE(load_weights(dir.path(), {784, 32, 10}));
  EXPECT_FALSE(load_weights("/dev/zero", {784, 32, 10}));
}

TEST(WeightCache, KeyNamesEverythingThatDeterminesTheWeights) {
  TrainingRecipe r;
  r.widths = {784, 256, 256, 10};
  EXPECT_EQ(cache_file_name(r, 0xabc),
            "mlp-784-256-256-10-adam-b64-seed1-ep3-data0000000000000abc.bin");
  TrainingRecipe other = r;
  other.epochs = 4;
  EXPECT_NE(cache_file_name(other, 0xabc), cache_file_name(r, 0xabc));
  other = r;
  other.optimizer = OptimizerKind::sgd_momentum;
  EXPECT_NE(cache_file_name(other, 0xabc), cache_file_name(r, 0xabc));
  EXPECT_NE(cache_file_name(r, 0xabd), cache_file_name(r, 0xabc));
}

TEST(WeightCache, TrainsOnceThenLoadsFromDisk) {
  testing::TempDir dir;
  const FashionMnist& data = cached_fashion_mnist(committed_fashion_mnist_slice_dir());
  TrainingRecipe r;
  r.widths = {784, 16, 10};
  r.epochs = 1;
  const auto model = trained_model(r, data, dir.path());
  const auto file = dir.path() / cache_file_name(r, data.fingerprint);
  ASSERT_TRUE(std::filesystem::exists(file));
  const auto from_disk = load_weights(file, r.widths);
  ASSERT_TRUE(from_disk);
  EXPECT_EQ(from_disk->w[0], model->weights.w[0]);
  EXPECT_EQ(trained_model(r, data, dir.path()), model);  // the same object: trained once
}

}  // namespace
}  // namespace joulebench::mlp
