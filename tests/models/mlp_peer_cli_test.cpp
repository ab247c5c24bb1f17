// PyTorch as a peer of our mlp/infer rows (mlp/infer/<p>/pytorch/<arch>/batch:N), as a user
// runs them: on the committed Fashion-MNIST slice with weights of one epoch (seconds), the peer's
// test accuracy equals ours within the bounds of tests/mlp/quantized_inference_test.cpp, on the
// same weights trained once; without the LibTorch plugin, `joulebench list` says why the rows are
// absent. The binary runs in testing::Process's clean environment, energy sources pinned absent.

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "tests/support/file_text.h"
#include "tests/support/process.h"
#include "tests/support/temp_dir.h"

namespace joulebench {
namespace {

using nlohmann::json;
using testing::Process;

constexpr bool kTorchBuilt = JOULEBENCH_TORCH_BUILT;
const std::string kSlice = JOULEBENCH_FASHION_MNIST_SLICE_DIR;

testing::ProcessResult joulebench(const testing::TempDir& dir, std::vector<std::string> args,
                                  const std::string& binary = JOULEBENCH_BINARY) {
  return Process(binary, args, dir.path(), dir.path()).wait();
}

// The executable alone in a folder of its own: no plugin beside it, none at ../lib/joulebench.
std::string lone_binary(const testing::TempDir& dir) {
  std::filesystem::create_directories(dir.path() / "bin");
  const std::filesystem::path copy = dir.path() / "bin" / "joulebench";
  std::filesystem::copy_file(JOULEBENCH_BINARY, copy);
  return copy.string();
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1))
    ++n;
  return n;
}

TEST(MlpPeerCli, ListWithoutThePluginSaysWhyThePyTorchRowsAreAbsent) {
  testing::TempDir dir;
  const auto list = joulebench(dir, {"list"}, lone_binary(dir));
  ASSERT_EQ(list.exit_code, 0) << list.err;
  EXPECT_EQ(list.out.find("/pytorch/784"), std::string::npos) << list.out;
  const std::string why = kTorchBuilt ? "  mlp/infer/*/pytorch/*: not available (no LibTorch "
                                        "plugin: "
                                      : "  mlp/infer/*/pytorch/*: not built (";
  EXPECT_EQ(count(list.out, why), 1u) << list.out;
  // Ours are all there.
  EXPECT_NE(list.out.find("* mlp/infer/int8/784-256-256-10/batch:64 "), std::string::npos);
}

class MlpPeerCliTorch : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!kTorchBuilt)
      GTEST_SKIP() << "this build has no LibTorch";
  }
};

TEST_F(MlpPeerCliTorch, ListNamesThePeerRowsBesideOurs) {
  testing::TempDir dir;
  const auto list = joulebench(dir, {"list", "--filter", "^mlp/infer/"});
  ASSERT_EQ(list.exit_code, 0) << list.err;
  EXPECT_EQ(list.out.find("mlp/infer/*/pytorch/*"), std::string::npos) << list.out;
  // Three architectures x fp32, bf16, int8 x batch 1, 64, 256; none at int4.
  EXPECT_EQ(count(list.out, "/pytorch/"), 27u) << list.out;
  EXPECT_EQ(list.out.find("mlp/infer/int4/pytorch/"), std::string::npos);
  // In the default suite at 784-256-256-10 only.
  EXPECT_NE(list.out.find("* mlp/infer/int8/pytorch/784-256-256-10/batch:1 "), std::string::npos);
  EXPECT_NE(list.out.find("  mlp/infer/int8/pytorch/784-128-10/batch:1 "), std::string::npos);
  EXPECT_NE(list.out.find("  mlp/infer/fp32/pytorch/784-1024-1024-10/batch:256 "),
            std::string::npos);
  // Beside ours: the PyTorch row follows ours of the same precision and batch.
  const std::size_t ours = list.out.find("mlp/infer/bf16/784-128-10/batch:64 ");
  const std::size_t theirs = list.out.find("mlp/infer/bf16/pytorch/784-128-10/batch:64 ");
  ASSERT_NE(ours, std::string::npos);
  EXPECT_EQ(list.out.find('\n', ours) + 3, theirs);
}

const json& row(const json& result, const std::string& name) {
  for (const auto& b : result["benchmarks"]) {
    if (b["run_name"].get<std::string>() == name + "/real_time")
      return b;
  }
  throw std::runtime_error("no row " + name);
}

TEST_F(MlpPeerCliTorch, AccuracyEqualsOursWithinTheQuantizationBounds) {
  testing::TempDir dir;
  const auto r = joulebench(dir, {"run", "--meter", "model", "--filter",
                                  "^mlp/infer/(fp32|bf16|int8)/(pytorch/)?784-128-10/batch:64$",
                                  "--data-dir", kSlice, "--mlp-epochs", "1", "--min-time", "0.01",
                                  "--idle-baseline", "0", "--out", "run.json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // One set of weights, trained once, for ours and PyTorch's.
  EXPECT_EQ(count(r.err, "trained MLP 784-128-10"), 1u) << r.err;
  const json result = json::parse(testing::read_whole_file(dir.path() / "run.json"));

  const double ours_fp32 = row(result, "mlp/infer/fp32/784-128-10/batch:64")["accuracy"];
  EXPECT_GT(ours_fp32, 0.6);
  // tests/mlp/quantized_inference_test.cpp's bounds against fp32, in accuracy points of 1 (the
  // slice's 1,000 test images: one image is 0.001): the same products in another summation order
  // 0.003; bf16 0.01; int8 0.02 (PyTorch's is dynamic: weights per tensor, activations per
  // batch).
  for (const auto& [precision, bound] :
       {std::pair{"fp32", 0.003}, std::pair{"bf16", 0.01}, std::pair{"int8", 0.02}}) {
    const json& peer =
        row(result, fmt::format("mlp/infer/{}/pytorch/784-128-10/batch:64", precision));
    const json& ours = row(result, fmt::format("mlp/infer/{}/784-128-10/batch:64", precision));
    EXPECT_NEAR(peer["accuracy"].get<double>(), ours_fp32, bound) << precision;
    EXPECT_NEAR(peer["accuracy"].get<double>(), ours["accuracy"].get<double>(), 2 * bound)
        << precision;
    EXPECT_DOUBLE_EQ(peer["flops"].get<double>(), ours["flops"].get<double>()) << precision;
    EXPECT_GT(peer["energy_J"].get<double>(), 0.0) << precision;
    const std::string label = peer["label"];
    EXPECT_TRUE(label.starts_with("pytorch ")) << label;
    EXPECT_NE(label.find(fmt::format("; variant {}/pytorch; precision {}; batch 64;", precision,
                                     precision)),
              std::string::npos)
        << label;
    EXPECT_NE(label.find("task mlp/infer/784-128-10/batch:64;"), std::string::npos) << label;
    EXPECT_NE(label.find("threads 1; weights 1 epochs; 3000 train / 1000 test"), std::string::npos)
        << label;
  }
  EXPECT_DOUBLE_EQ(row(result, "mlp/infer/fp32/pytorch/784-128-10/batch:64")["flops"].get<double>(),
                   64 * 2.0 * (784 * 128 + 128 * 10));
  const std::string int8_label = row(result, "mlp/infer/int8/pytorch/784-128-10/batch:64")["label"];
  // onednn where this LibTorch has it (Debian's does), else another engine, named.
  EXPECT_NE(int8_label.find(" (dynamic int8: weights per tensor, activations per batch);"),
            std::string::npos)
      << int8_label;
}

// A plugin file that is there but does not load: the PyTorch rows are listed, and running one is
// one line and exit 2 before anything is measured.
TEST_F(MlpPeerCliTorch, BrokenPluginIsOneLineBeforeAnythingRuns) {
  testing::TempDir dir;
  const std::string binary = lone_binary(dir);
  std::ofstream(dir.path() / "bin" / "libjoulebench_torch_models.so") << "not a shared object";
  const auto list = joulebench(dir, {"list", "--filter", "pytorch"}, binary);
  EXPECT_NE(list.out.find("mlp/infer/fp32/pytorch/784-128-10/batch:1 "), std::string::npos)
      << list.out;
  const auto r = joulebench(
      dir,
      {"run", "--meter", "model", "--filter", "^mlp/infer/fp32/pytorch/784-128-10/batch:1$",
       "--data-dir", kSlice, "--min-time", "0.01", "--idle-baseline", "0", "--out", "run.json"},
      binary);
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_EQ(r.err.find('\n'), r.err.size() - 1) << r.err;
  EXPECT_TRUE(r.err.starts_with("joulebench run: error: cannot load the LibTorch plugin ("))
      << r.err;
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "run.json"));
}

}  // namespace
}  // namespace joulebench
