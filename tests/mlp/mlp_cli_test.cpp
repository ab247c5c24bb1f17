// `joulebench run` on the MLP rows, as a user runs it: --data-dir errors, and the committed
// slice end to end (accuracy counters, the train-to-accuracy row, the weight cache). The binary
// runs in testing::Process's clean environment, every energy source pinned to "absent".

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "tests/mlp/idx_test_files.h"
#include "tests/support/process.h"
#include "tests/support/temp_dir.h"

namespace joulebench {
namespace {

using testing::Process;

const std::string kSlice = JOULEBENCH_FASHION_MNIST_SLICE_DIR;

testing::ProcessResult run_in(const testing::TempDir& dir, std::vector<std::string> args) {
  args.insert(args.begin(), "run");
  return Process(JOULEBENCH_BINARY, args, dir.path(), dir.path()).wait();
}

void expect_one_line_error(const testing::ProcessResult& r, const std::string& mention) {
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_EQ(r.err.find('\n'), r.err.size() - 1) << r.err;
  EXPECT_NE(r.err.find(mention), std::string::npos) << r.err;
}

TEST(MlpCli, MissingDataDirectoryIsOneLineBeforeAnythingRuns) {
  testing::TempDir dir;
  const auto r = run_in(dir, {"--filter", "mlp/infer/fp32/784-128-10/batch:1$", "--data-dir",
                              "no-such-dir", "--out", "run.json"});
  expect_one_line_error(r,
                        "no train-images-idx3-ubyte.gz or train-images-idx3-ubyte in no-such-dir");
  EXPECT_EQ(dir.entries(), std::vector<std::string>{});
}

TEST(MlpCli, CorruptDataFileIsOneLine) {
  testing::TempDir dir;
  std::filesystem::create_directory(dir.path() / "data");
  for (const char* name :
       {"train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"}) {
    std::filesystem::copy_file(kSlice + "/" + name, dir.path() / "data" / name);
  }
  std::ofstream(dir.path() / "data" / "train-images-idx3-ubyte") << "<html>not found</html>";
  const auto r = run_in(dir, {"--filter", "mlp/infer/fp32/784-128-10/batch:1$", "--data-dir",
                              "data", "--out", "run.json"});
  expect_one_line_error(r, "train-images-idx3-ubyte: not an unsigned-byte IDX file");
}

// Issue 18's small-but-valid data sets: each used to crash or read past the pixels (SIGSEGV
// with a temporary left behind, SIGFPE, or exit 0 after reading 42 KB too far). Each is now one
// line and exit 2 before any benchmark runs: no result file, no temporary, a previous file kept.
void expect_refused_before_running(std::uint32_t train, std::uint32_t test,
                                   const std::string& workload, const std::string& message) {
  testing::TempDir dir;
  mlp::idx_test::write_fashion_mnist(dir.path() / "data", train, test);
  std::ofstream(dir.path() / "run.json") << "previous";
  const auto r =
      run_in(dir, {"--meter", "model", "--filter", "^" + workload + "$", "--data-dir", "data",
                   "--min-time", "0.01", "--idle-baseline", "0", "--out", "run.json"});
  expect_one_line_error(r, message);
  EXPECT_EQ(dir.entries(), (std::vector<std::string>{"data", "run.json"}));
  EXPECT_EQ(testing::read_whole_file(dir.path() / "run.json"), "previous");
}

TEST(MlpCli, TrainingBatchLargerThanTrainingSet) {
  expect_refused_before_running(
      10, 10, "mlp/train/fp32/784-128-10/batch:64/sgd",
      "joulebench run: error: data/train-images-idx3-ubyte.gz holds 10 images; "
      "mlp/train/fp32/784-128-10/batch:64/sgd needs at least 64 (one training batch of 64)\n");
}

TEST(MlpCli, NoTestImages) {
  expect_refused_before_running(100, 0, "mlp/infer/fp32/784-128-10/batch:1",
                                "data/t10k-images-idx3-ubyte.gz holds 0 images; "
                                "mlp/infer/fp32/784-128-10/batch:1 needs at least 1");
}

TEST(MlpCli, InferenceBatchLargerThanTestSet) {
  expect_refused_before_running(100, 10, "mlp/infer/fp32/784-128-10/batch:64",
                                "data/t10k-images-idx3-ubyte.gz holds 10 images; "
                                "mlp/infer/fp32/784-128-10/batch:64 needs at least 64");
}

TEST(MlpCli, HugeIdxHeaderIsTruncatedNotAllocated) {
  testing::TempDir dir;
  mlp::idx_test::write_fashion_mnist(dir.path() / "data", 100, 100);
  std::filesystem::remove(dir.path() / "data" / "train-images-idx3-ubyte.gz");
  std::filesystem::copy_file(mlp::idx_test::reproducer_dir() / "declares-4g-elements.idx",
                             dir.path() / "data" / "train-images-idx3-ubyte");
  const auto r = run_in(dir, {"--filter", "^mlp/train/fp32/784-128-10/batch:64/sgd$", "--data-dir",
                              "data", "--out", "run.json"});
  expect_one_line_error(r,
                        "data/train-images-idx3-ubyte: truncated: header declares 4278190339 "
                        "elements, file holds 0");
  EXPECT_EQ(dir.entries(), std::vector<std::string>{"data"});
}

TEST(MlpCli, TargetAccuracyOutOfRange) {
  testing::TempDir dir;
  expect_one_line_error(run_in(dir, {"--target-accuracy", "1.5", "--out", "run.json"}),
                        "--target-accuracy");
}

const nlohmann::json& row(const nlohmann::json& result, const std::string& prefix) {
  for (const auto& b : result["benchmarks"]) {
    if (b["name"].get<std::string>().starts_with(prefix))
      return b;
  }
  throw std::runtime_error("no row " + prefix);
}

TEST(MlpCli, SliceEndToEnd) {
  testing::TempDir dir;
  const auto r =
      run_in(dir, {"--meter", "model", "--filter",
                   "^mlp/(infer/int8/784-128-10/batch:64|train-to-accuracy/fp32/784-128-10/)",
                   "--data-dir", kSlice, "--mlp-epochs", "2", "--target-accuracy", "0.6",
                   "--min-time", "0.01", "--idle-baseline", "0", "--out", "run.json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  nlohmann::json result;
  std::ifstream(dir.path() / "run.json") >> result;

  const auto& infer = row(result, "mlp/infer/int8/784-128-10/batch:64");
  EXPECT_GT(infer["accuracy"].get<double>(), 0.6);
  EXPECT_LE(infer["accuracy"].get<double>(), 1.0);
  EXPECT_DOUBLE_EQ(infer["flops"].get<double>(), 64 * 2.0 * (784 * 128 + 128 * 10));
  EXPECT_NE(infer["label"].get<std::string>().find("kernels"), std::string::npos);
  EXPECT_NE(infer["label"].get<std::string>().find("3000 train / 1000 test"), std::string::npos);

  const auto& to_target = row(result, "mlp/train-to-accuracy/fp32/784-128-10/batch:64/adam");
  EXPECT_EQ(to_target["iterations"].get<int>(), 1);
  EXPECT_GE(to_target["accuracy"].get<double>(), 0.6);
  EXPECT_DOUBLE_EQ(to_target["target_reached"].get<double>(), 1.0);
  EXPECT_DOUBLE_EQ(to_target["target_accuracy"].get<double>(), 0.6);
  EXPECT_GE(to_target["epochs"].get<double>(), 1.0);
  EXPECT_GT(to_target["energy_J"].get<double>(), 0.0);

  // Trained weights cached under ~/.cache/joulebench (HOME is the test's directory; no
  // XDG_CACHE_HOME), never under the working directory.
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "results")) << "a cache in the working dir";
  std::size_t cached = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir.path() / ".cache" / "joulebench")) {
    EXPECT_TRUE(e.path().filename().string().starts_with("mlp-784-128-10-adam-b64-seed1-ep2-"));
    ++cached;
  }
  EXPECT_EQ(cached, 1u);
}

// One small MLP inference row, quickly: what the data and cache location tests run.
const std::vector<std::string> kSmallInferenceRun = {"run",
                                                     "--meter",
                                                     "model",
                                                     "--filter",
                                                     "^mlp/infer/fp32/784-128-10/batch:64$",
                                                     "--mlp-epochs",
                                                     "1",
                                                     "--min-time",
                                                     "0.01",
                                                     "--idle-baseline",
                                                     "0",
                                                     "--out",
                                                     "run.json"};

// Without --data-dir the binary finds the slice from its own path (the build tree lays it out
// as an install does: build/share/joulebench/fashion-mnist), and caches the weights under
// $XDG_CACHE_HOME/joulebench, or --cache-dir.
TEST(MlpCli, FindsItsDataFromItsOwnPathAndCachesUnderXdgCacheHome) {
  testing::TempDir dir;
  const std::vector<std::string>& args = kSmallInferenceRun;
  const auto r = Process(JOULEBENCH_BINARY, args, dir.path(), dir.path(),
                         {{"XDG_CACHE_HOME", (dir.path() / "xdg").string()}})
                     .wait();
  ASSERT_EQ(r.exit_code, 0) << r.err;
  nlohmann::json result;
  std::ifstream(dir.path() / "run.json") >> result;
  EXPECT_NE(row(result, "mlp/infer/fp32/784-128-10/batch:64")["label"].get<std::string>().find(
                "3000 train / 1000 test"),
            std::string::npos)
      << "not the committed slice";
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.path() / "xdg" / "joulebench"),
                          std::filesystem::directory_iterator()),
            1);
  EXPECT_FALSE(std::filesystem::exists(dir.path() / ".cache"));

  const auto chosen =
      run_in(dir, {"--meter", "model", "--filter", "^mlp/infer/fp32/784-128-10/batch:64$",
                   "--mlp-epochs", "1", "--min-time", "0.01", "--idle-baseline", "0", "--cache-dir",
                   "weights", "--out", "run.json"});
  ASSERT_EQ(chosen.exit_code, 0) << chosen.err;
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.path() / "weights"),
                          std::filesystem::directory_iterator()),
            1);
}

// JOULEBENCH_DATA_DIR chooses the data directory (<dir>/fashion-mnist); one that lacks the data
// is one line naming it, never a silent fallback to another copy.
TEST(MlpCli, JoulebenchDataDirChoosesTheData) {
  testing::TempDir dir;
  std::filesystem::create_directories(dir.path() / "share" / "fashion-mnist");
  for (const char* name : {"train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
                           "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"}) {
    std::filesystem::copy_file(kSlice + "/" + name, dir.path() / "share" / "fashion-mnist" / name);
  }
  const std::vector<std::string>& args = kSmallInferenceRun;
  const auto r = Process(JOULEBENCH_BINARY, args, dir.path(), dir.path(),
                         {{"JOULEBENCH_DATA_DIR", (dir.path() / "share").string()}})
                     .wait();
  EXPECT_EQ(r.exit_code, 0) << r.err;

  const auto missing = Process(JOULEBENCH_BINARY, args, dir.path(), dir.path(),
                               {{"JOULEBENCH_DATA_DIR", (dir.path() / "nowhere").string()}})
                           .wait();
  expect_one_line_error(missing, (dir.path() / "nowhere" / "fashion-mnist").string());
}

}  // namespace
}  // namespace joulebench
