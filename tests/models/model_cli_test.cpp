// `joulebench run --models` as a user runs it, on the TorchScript fixtures of
// tests/fixtures/torch (made by make_fixtures.py, committed): rows, labels and accuracy equal to
// the script's, and every bad input one line and exit 2 before anything runs. In a build without
// LibTorch, only the refusal of --models and list's note are tested.

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "tests/mlp/idx_test_files.h"
#include "tests/support/file_text.h"
#include "tests/support/process.h"
#include "tests/support/temp_dir.h"

namespace joulebench {
namespace {

using nlohmann::json;
using testing::Process;

const std::filesystem::path kFixtures = JOULEBENCH_TORCH_FIXTURES_DIR;
constexpr bool kTorchBuilt = JOULEBENCH_TORCH_BUILT;

testing::ProcessResult joulebench(const testing::TempDir& dir, std::vector<std::string> args) {
  return Process(JOULEBENCH_BINARY, args, dir.path(), dir.path()).wait();
}

testing::ProcessResult run_models(const testing::TempDir& dir, const std::string& manifest,
                                  std::vector<std::string> more = {}) {
  std::vector<std::string> args = {"run",   "--models",   manifest,  "--meter",
                                   "model", "--min-time", "0.01",    "--idle-baseline",
                                   "0",     "--out",      "run.json"};
  args.insert(args.end(), more.begin(), more.end());
  return joulebench(dir, args);
}

json read_json(const std::filesystem::path& file) {
  return json::parse(testing::read_whole_file(file));
}

// A manifest in `dir` whose paths point at the fixtures, with `change` applied.
std::string write_manifest(const testing::TempDir& dir, const std::function<void(json&)>& change,
                           const std::string& base = "models.json") {
  json m = read_json(kFixtures / base);
  for (auto& v : m["variants"])
    v["path"] = (kFixtures / v["path"].get<std::string>()).string();
  for (auto& [key, value] : m["eval"].items())
    value = (kFixtures / value.get<std::string>()).string();
  change(m);
  std::ofstream(dir.path() / "m.json") << m.dump();
  return "m.json";
}

void expect_refused_before_running(const testing::ProcessResult& r, const testing::TempDir& dir,
                                   const std::string& mention) {
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_EQ(r.err.find('\n'), r.err.size() - 1) << r.err;
  EXPECT_TRUE(r.err.starts_with("joulebench run: error: ")) << r.err;
  EXPECT_NE(r.err.find(mention), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "run.json"));
}

TEST(ModelCli, WithoutLibTorchModelsIsRefusedWithTheReason) {
  if (kTorchBuilt)
    GTEST_SKIP() << "this build has LibTorch";
  testing::TempDir dir;
  const auto r = run_models(dir, (kFixtures / "models.json").string());
  expect_refused_before_running(r, dir, "needs LibTorch: model/*: not built (");
  const auto list = joulebench(dir, {"list"});
  EXPECT_EQ(list.exit_code, 0);
  EXPECT_NE(list.out.find("  model/*: not built ("), std::string::npos) << list.out;
}

class ModelCliTorch : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!kTorchBuilt)
      GTEST_SKIP() << "this build has no LibTorch";
  }
};

// Every row of `manifest`, with its accuracy equal to what make_fixtures.py computed in Python.
void expect_rows_as_the_script(const std::string& manifest) {
  testing::TempDir dir;
  const auto r = run_models(dir, (kFixtures / manifest).string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json result = read_json(dir.path() / "run.json");
  const json expected = read_json(kFixtures / "expected.json")["accuracy"][manifest];
  std::size_t rows = 0;
  for (const json& b : result["benchmarks"]) {
    const std::string name = b["name"];
    SCOPED_TRACE(name);
    // model/fmnist-tiny/<variant>/batch:<N>/real_time
    const std::size_t at = std::string("model/fmnist-tiny/").size();
    const std::string variant = name.substr(at, name.find('/', at) - at);
    const std::string batch =
        name.substr(name.find("batch:") + 6, name.rfind('/') - name.find("batch:") - 6);
    EXPECT_TRUE(name.starts_with("model/fmnist-tiny/"));
    EXPECT_DOUBLE_EQ(b["accuracy"].get<double>(), expected[variant][batch].get<double>());
    EXPECT_DOUBLE_EQ(b["flops"].get<double>(), 25408.0 * std::stoi(batch));
    EXPECT_GT(b["energy_J"].get<double>(), 0.0);
    const std::string label = b["label"];
    EXPECT_TRUE(label.starts_with("pytorch ")) << label;
    EXPECT_NE(label.find("; task fmnist-tiny; variant " + variant + "; precision "),
              std::string::npos)
        << label;
    EXPECT_NE(label.find("; batch " + batch + "; engine "), std::string::npos) << label;
    EXPECT_NE(label.find("; threads 1; "), std::string::npos) << label;
    ++rows;
  }
  EXPECT_EQ(rows, 6u);  // 3 variants x 2 batch sizes
}

TEST_F(ModelCliTorch, IdxEvalRowsHaveTheScriptsAccuracyAndLabels) {
  expect_rows_as_the_script("models.json");
}

TEST_F(ModelCliTorch, TensorEvalRowsHaveTheScriptsAccuracy) {
  expect_rows_as_the_script("models-tensors.json");
}

TEST_F(ModelCliTorch, Int8RowSaysItsEngine) {
  testing::TempDir dir;
  const auto r =
      run_models(dir, (kFixtures / "models.json").string(), {"--filter", "int8-dynamic/batch:1$"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json rows = read_json(dir.path() / "run.json")["benchmarks"];
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0]["name"], "model/fmnist-tiny/int8-dynamic/batch:1/real_time");
  EXPECT_NE(rows[0]["label"].get<std::string>().find("; precision int8; batch 1; engine onednn;"),
            std::string::npos)
      << rows[0]["label"];
}

// One file under two engines: each variant loads (and packs) it for its own engine.
TEST_F(ModelCliTorch, SameModelUnderTwoEngines) {
  testing::TempDir dir;
  const auto manifest = write_manifest(dir, [](json& m) {
    json qnnpack = m["variants"][1];
    qnnpack["name"] = "int8-qnnpack";
    qnnpack["engine"] = "qnnpack";
    m["variants"] = {m["variants"][1], qnnpack};
    m["batch_sizes"] = {64};
  });
  const auto r = run_models(dir, manifest);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json rows = read_json(dir.path() / "run.json")["benchmarks"];
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_NE(rows[0]["label"].get<std::string>().find("; engine onednn;"), std::string::npos);
  EXPECT_NE(rows[1]["label"].get<std::string>().find("; engine qnnpack;"), std::string::npos);
  // Both quantize the same weights: the accuracies agree to within a few of the 100 images.
  EXPECT_NEAR(rows[0]["accuracy"].get<double>(), rows[1]["accuracy"].get<double>(), 0.03);
}

TEST_F(ModelCliTorch, WithoutEvalDataRowsHaveNoAccuracyAndThreadsNameTheRow) {
  testing::TempDir dir;
  const auto manifest = write_manifest(dir, [](json& m) {
    m.erase("eval");
    m.erase("flops_per_sample");
    m["variants"] = {m["variants"][0]};
    m["batch_sizes"] = {8};
    m["threads"] = {1, 2};
  });
  const auto r = run_models(dir, manifest);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json rows = read_json(dir.path() / "run.json")["benchmarks"];
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0]["name"], "model/fmnist-tiny/fp32/batch:8/real_time");
  EXPECT_EQ(rows[1]["name"], "model/fmnist-tiny/fp32/batch:8/threads:2/real_time");
  for (const json& row : rows) {
    EXPECT_FALSE(row.contains("accuracy"));
    EXPECT_FALSE(row.contains("flops"));
    EXPECT_NE(row["label"].get<std::string>().find("random inputs, no accuracy"),
              std::string::npos);
  }
  EXPECT_NE(rows[1]["label"].get<std::string>().find("; threads 2;"), std::string::npos);
}

TEST_F(ModelCliTorch, ManifestErrorNamesTheKey) {
  testing::TempDir dir;
  const auto manifest = write_manifest(dir, [](json& m) { m["batch_sizes"] = {0}; });
  expect_refused_before_running(
      run_models(dir, manifest), dir,
      "m.json: batch_sizes[0]: must be a whole number >= 1 and <= 65536 (got 0)");
  expect_refused_before_running(run_models(dir, "absent.json"), dir, "absent.json: cannot open");
}

TEST_F(ModelCliTorch, MissingModelFile) {
  testing::TempDir dir;
  const auto manifest =
      write_manifest(dir, [](json& m) { m["variants"][1]["path"] = "no-such-model.pt"; });
  expect_refused_before_running(run_models(dir, manifest), dir, "no-such-model.pt: cannot open");
}

TEST_F(ModelCliTorch, CorruptModelFile) {
  testing::TempDir dir;
  std::ofstream(dir.path() / "corrupt.pt") << "<html>not a model</html>";
  const auto manifest = write_manifest(
      dir, [&](json& m) { m["variants"][0]["path"] = (dir.path() / "corrupt.pt").string(); });
  expect_refused_before_running(run_models(dir, manifest), dir,
                                "variant 'fp32' (" + (dir.path() / "corrupt.pt").string() +
                                    "): not a loadable TorchScript file: ");
}

// Damaged archives: LibTorch's zip reader refuses them with a multi-line c10::Error; each is one
// line naming the variant. (Bytes flipped at random reach the unpickler and the TorchScript
// lexer too, whose plain runtime_errors load_script turns into the same line.)
TEST_F(ModelCliTorch, DamagedModelFiles) {
  const std::string model = testing::read_whole_file(kFixtures / "mlp_int8.pt");
  const std::vector<std::pair<std::string, std::string>> damaged = {
      {"truncated.pt", model.substr(0, model.size() / 2)},
      {"empty.pt", ""},
  };
  for (const auto& [name, bytes] : damaged) {
    SCOPED_TRACE(name);
    testing::TempDir dir;
    std::ofstream(dir.path() / name, std::ios::binary) << bytes;
    // A path, not the structured binding: clang 14 cannot capture bindings in a lambda.
    const std::string path = (dir.path() / name).string();
    const auto manifest = write_manifest(dir, [&](json& m) { m["variants"][1]["path"] = path; });
    expect_refused_before_running(
        run_models(dir, manifest), dir,
        "variant 'int8-dynamic' (" + path + "): not a loadable TorchScript file: ");
  }
}

TEST_F(ModelCliTorch, ModelThatIsNotARegularFileIsRefusedWithoutReadingIt) {
  testing::TempDir dir;
  const auto manifest =
      write_manifest(dir, [](json& m) { m["variants"][0]["path"] = "/dev/zero"; });
  expect_refused_before_running(
      run_models(dir, manifest), dir,
      "variant 'fp32': /dev/zero: not a regular file (a TorchScript model is a zip archive)");
}

TEST_F(ModelCliTorch, InputShapeTheModelRejectsNamesTheVariant) {
  testing::TempDir dir;
  const auto manifest = write_manifest(dir, [](json& m) {
    m.erase("eval");
    m["input_shape"] = {100};
  });
  expect_refused_before_running(run_models(dir, manifest), dir,
                                "/mlp_fp32.pt) rejects an input of shape [1, 100] (Float): "
                                "RuntimeError: mat1 and mat2 shapes cannot be multiplied (1x100 "
                                "and 784x16)");
}

TEST_F(ModelCliTorch, EvalImagesOfTheWrongShape) {
  testing::TempDir dir;
  mlp::idx_test::write_gzip(dir.path() / "images.gz",
                            mlp::idx_test::idx_bytes({5, 10, 10}, mlp::idx_test::counting(500)));
  mlp::idx_test::write_gzip(dir.path() / "labels.gz",
                            mlp::idx_test::idx_bytes({5}, {0, 1, 2, 3, 4}));
  const auto manifest = write_manifest(dir, [&](json& m) {
    m["eval"] = {{"images", "images.gz"}, {"labels", "labels.gz"}};
  });
  expect_refused_before_running(run_models(dir, manifest), dir,
                                "m.json: eval.images: samples of 100 values; input_shape [784] "
                                "needs 784");
}

TEST_F(ModelCliTorch, EvalLabelsOutOfRange) {
  testing::TempDir dir;
  mlp::idx_test::write_gzip(dir.path() / "images.gz",
                            mlp::idx_test::idx_bytes({3, 28, 28}, mlp::idx_test::counting(2352)));
  mlp::idx_test::write_gzip(dir.path() / "labels.gz", mlp::idx_test::idx_bytes({3}, {0, 12, 2}));
  const auto manifest = write_manifest(dir, [&](json& m) {
    m["eval"] = {{"images", "images.gz"}, {"labels", "labels.gz"}};
  });
  expect_refused_before_running(run_models(dir, manifest), dir,
                                "m.json: eval label 12 (sample 1) is outside the 10 classes of "
                                "variant 'fp32'");
}

TEST_F(ModelCliTorch, EvalLabelsCountDiffers) {
  testing::TempDir dir;
  mlp::idx_test::write_gzip(dir.path() / "images.gz",
                            mlp::idx_test::idx_bytes({3, 28, 28}, mlp::idx_test::counting(2352)));
  mlp::idx_test::write_gzip(dir.path() / "labels.gz", mlp::idx_test::idx_bytes({2}, {0, 1}));
  const auto manifest = write_manifest(dir, [&](json& m) {
    m["eval"] = {{"images", "images.gz"}, {"labels", "labels.gz"}};
  });
  expect_refused_before_running(run_models(dir, manifest), dir, "holds 2 labels for 3 images");
}

TEST_F(ModelCliTorch, EvalTensorsFileThatIsNotOne) {
  testing::TempDir dir;
  const auto manifest = write_manifest(dir, [&](json& m) {
    m["eval"] = {{"tensors", (kFixtures / "mlp_fp32.pt").string()}};
  });
  expect_refused_before_running(run_models(dir, manifest), dir,
                                "the module has no 'inputs' and 'labels'");
}

TEST_F(ModelCliTorch, FilterThatMatchesNoRow) {
  testing::TempDir dir;
  const auto r =
      run_models(dir, (kFixtures / "models.json").string(), {"--filter", "no-such-variant"});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("no workload matches --filter 'no-such-variant'"), std::string::npos)
      << r.err;
}

TEST_F(ModelCliTorch, ListSaysWhereModelRowsComeFrom) {
  testing::TempDir dir;
  const auto list = joulebench(dir, {"list"});
  EXPECT_EQ(list.exit_code, 0);
  EXPECT_NE(list.out.find("  model/<task>/<variant>/batch:N: from a manifest, with 'joulebench "
                          "run --models FILE.json'"),
            std::string::npos)
      << list.out;
}

}  // namespace
}  // namespace joulebench
