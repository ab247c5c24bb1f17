// The --models manifest parser (workloads/models/model_manifest.h), torch-free: every key
// checked, one line naming the file and the key, paths resolved against the manifest's folder.

#include "workloads/models/model_manifest.h"

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "tests/support/temp_dir.h"

namespace joulebench::models {
namespace {

using nlohmann::json;

const std::filesystem::path kFile = "/data/models/models.json";

json valid() {
  return json::parse(R"({
    "task": "fmnist-mlp", "input_shape": [784], "batch_sizes": [1, 64, 256],
    "eval": {"images": "t10k-images-idx3-ubyte.gz", "labels": "../t10k-labels-idx1-ubyte.gz"},
    "flops_per_sample": 537600,
    "variants": [{"name": "fp32", "path": "mlp_fp32.pt", "precision": "fp32"},
                 {"name": "int8-dynamic", "path": "/abs/mlp_int8.pt", "precision": "int8",
                  "engine": "onednn"}]})");
}

// The one-line error parse_model_manifest gives for `manifest`.
std::string error_of_text(const std::string& text) {
  try {
    parse_model_manifest(text, kFile);
  } catch (const std::runtime_error& e) {
    const std::string message = e.what();
    EXPECT_EQ(message.find('\n'), std::string::npos) << message;
    EXPECT_TRUE(message.starts_with(kFile.string() + ": ")) << message;
    return message.substr(kFile.string().size() + 2);
  }
  ADD_FAILURE() << "accepted: " << text;
  return {};
}

std::string error_of(const json& manifest) {
  return error_of_text(manifest.dump());
}

TEST(ModelManifest, ParsesTheIssueExampleWithPathsRelativeToTheManifest) {
  const ModelManifest m = parse_model_manifest(valid().dump(), kFile);
  EXPECT_EQ(m.file, kFile);
  EXPECT_EQ(m.task, "fmnist-mlp");
  EXPECT_EQ(m.input_shape, std::vector<std::int64_t>{784});
  EXPECT_EQ(m.sample_elements(), 784);
  EXPECT_EQ(m.batch_sizes, (std::vector<int>{1, 64, 256}));
  EXPECT_EQ(m.threads, std::vector<int>{1});
  ASSERT_TRUE(m.eval);
  EXPECT_TRUE(m.eval->is_idx());
  EXPECT_EQ(m.eval->images, "/data/models/t10k-images-idx3-ubyte.gz");
  EXPECT_EQ(m.eval->labels, "/data/t10k-labels-idx1-ubyte.gz");
  EXPECT_EQ(m.flops_per_sample, 537600.0);
  ASSERT_EQ(m.variants.size(), 2u);
  EXPECT_EQ(m.variants[0].name, "fp32");
  EXPECT_EQ(m.variants[0].path, "/data/models/mlp_fp32.pt");
  EXPECT_EQ(m.variants[0].precision, "fp32");
  EXPECT_EQ(m.variants[0].engine, "");
  EXPECT_EQ(m.variants[1].path, "/abs/mlp_int8.pt");
  EXPECT_EQ(m.variants[1].engine, "onednn");
}

TEST(ModelManifest, OptionalKeys) {
  json j = valid();
  j.erase("eval");
  j.erase("flops_per_sample");
  j["threads"] = {1, 2};
  const ModelManifest m = parse_model_manifest(j.dump(), kFile);
  EXPECT_FALSE(m.eval);
  EXPECT_FALSE(m.flops_per_sample);
  EXPECT_EQ(m.threads, (std::vector<int>{1, 2}));

  j["eval"] = {{"tensors", "eval.pt"}};
  const ModelManifest t = parse_model_manifest(j.dump(), "relative/models.json");
  ASSERT_TRUE(t.eval);
  EXPECT_FALSE(t.eval->is_idx());
  EXPECT_EQ(t.eval->tensors, "relative/eval.pt");
}

TEST(ModelManifest, NotJsonOrNotAnObject) {
  EXPECT_TRUE(error_of_text("{\"task\": \n").starts_with("not valid JSON: "));
  EXPECT_EQ(error_of_text("[1, 2]"), "the manifest: must be a JSON object (got array)");
  EXPECT_TRUE(error_of_text("").starts_with("not valid JSON: "));
  // A number beyond double is a parse error, not an infinity that slips through.
  EXPECT_TRUE(
      error_of_text(R"({"task": "t", "input_shape": [1e400]})").starts_with("not valid JSON"));
}

TEST(ModelManifest, MissingRequiredKeysNameTheKey) {
  for (const char* key : {"task", "input_shape", "batch_sizes", "variants"}) {
    json j = valid();
    j.erase(key);
    EXPECT_EQ(error_of(j), std::string("the manifest: missing the required key \"") + key + "\"")
        << key;
  }
  for (const char* key : {"name", "path", "precision"}) {
    json j = valid();
    j["variants"][1].erase(key);
    EXPECT_EQ(error_of(j), std::string("variants[1]: missing the required key \"") + key + "\"");
  }
}

TEST(ModelManifest, UnknownKeysAreRefusedWithTheNearestKnownOne) {
  json j = valid();
  j["batch_size"] = 64;
  EXPECT_EQ(error_of(j),
            "'batch_size': unknown key (known: task, input_shape, batch_sizes, threads, eval, "
            "flops_per_sample, variants); did you mean 'batch_sizes'?");
  j = valid();
  j["variants"][0]["engnie"] = "onednn";
  EXPECT_EQ(error_of(j),
            "variants[0].'engnie': unknown key (known: name, path, precision, engine); did you "
            "mean 'engine'?");
  j = valid();
  j["eval"]["zzzzzzzzzz"] = 1;
  EXPECT_EQ(error_of(j), "eval.'zzzzzzzzzz': unknown key (known: images, labels, tensors)");
  // A hostile key stays one line.
  j = valid();
  j["a\nb\x1b[31m"] = 1;
  EXPECT_NE(error_of(j).find("'a\\nb\\x1b[31m'"), std::string::npos) << error_of(j);
}

TEST(ModelManifest, Names) {
  for (const char* bad : {"", "a/b", "has space", "-lead", "x\n", "é"}) {
    json j = valid();
    j["task"] = bad;
    EXPECT_TRUE(error_of(j).starts_with("task: must be 1 to 64 letters, digits")) << bad;
  }
  json j = valid();
  j["task"] = std::string(65, 'a');
  EXPECT_TRUE(error_of(j).starts_with("task: must be 1 to 64")) << error_of(j);
  j = valid();
  j["task"] = 3;
  EXPECT_EQ(error_of(j), "task: must be a string (got number)");
  j = valid();
  j["variants"][1]["name"] = "fp32";
  EXPECT_EQ(error_of(j), "variants[1].name: 'fp32' names two variants");
}

TEST(ModelManifest, InputShapeBounds) {
  const std::vector<std::pair<json, std::string>> cases = {
      {json::array(), "input_shape: must be a list of 1 to 4 numbers (got 0 entries)"},
      {json(784), "input_shape: must be a list of 1 to 4 numbers (got number)"},
      {json{1, 2, 3, 4, 5}, "input_shape: must be a list of 1 to 4 numbers (got 5 entries)"},
      {json{0}, "input_shape[0]: must be a whole number >= 1 and <= 16777216 (got 0)"},
      {json{-3}, "input_shape[0]: must be a whole number >= 1 and <= 16777216 (got -3)"},
      {json{28.5}, "input_shape[0]: must be a whole number >= 1 and <= 16777216 (got 28.5)"},
      {json{"784"}, "input_shape[0]: must be a whole number >= 1 and <= 16777216 (got string)"},
      {json{4096, 4096, 2}, "input_shape: holds 33554432 elements per sample; at most 16777216"},
  };
  for (const auto& [shape, message] : cases) {
    json j = valid();
    j["input_shape"] = shape;
    EXPECT_EQ(error_of(j), message) << shape.dump();
  }
}

TEST(ModelManifest, BatchSizesAndThreads) {
  json j = valid();
  j["batch_sizes"] = {1, 0};
  EXPECT_EQ(error_of(j), "batch_sizes[1]: must be a whole number >= 1 and <= 65536 (got 0)");
  j["batch_sizes"] = {1, 100000};
  EXPECT_EQ(error_of(j), "batch_sizes[1]: must be a whole number >= 1 and <= 65536 (got 100000)");
  j["batch_sizes"] = {64, 64};
  EXPECT_EQ(error_of(j), "batch_sizes: lists 64 twice");
  j["batch_sizes"] = json::array();
  EXPECT_EQ(error_of(j), "batch_sizes: must be a list of 1 to 16 numbers (got 0 entries)");
  // A batch whose input would not fit in 1 GiB of fp32.
  j["input_shape"] = {3, 1024, 1024};
  j["batch_sizes"] = {65536};
  EXPECT_EQ(error_of(j),
            "batch_sizes: a batch of 65536 x 3145728 input elements is more than 268435456");
  j = valid();
  j["threads"] = {0};
  EXPECT_EQ(error_of(j), "threads[0]: must be a whole number >= 1 and <= 1024 (got 0)");
  j["threads"] = {2, 2};
  EXPECT_EQ(error_of(j), "threads: lists 2 twice");
}

TEST(ModelManifest, FlopsPrecisionEngine) {
  json j = valid();
  j["flops_per_sample"] = 0;
  EXPECT_EQ(error_of(j), "flops_per_sample: must be a finite number > 0 and <= 1e+15 (got 0)");
  j["flops_per_sample"] = "many";
  EXPECT_EQ(error_of(j), "flops_per_sample: must be a finite number > 0 and <= 1e+15 (got string)");
  j = valid();
  j["variants"][0]["precision"] = "float32";
  EXPECT_EQ(error_of(j),
            "variants[0].precision: must be one of fp32, fp16, bf16, int8, int4 (got 'float32')");
  j = valid();
  j["variants"][1]["engine"] = "mkl";
  EXPECT_EQ(error_of(j),
            "variants[1].engine: must be one of onednn, qnnpack, fbgemm, x86 (got 'mkl')");
  j = valid();
  j["variants"] = json::array();
  EXPECT_EQ(error_of(j), "variants: must be a list of 1 to 64 variants (got 0 entries)");
  j["variants"] = {"fp32"};
  EXPECT_EQ(error_of(j), "variants[0]: must be a JSON object (got string)");
}

TEST(ModelManifest, EvalForms) {
  json j = valid();
  j["eval"] = {{"images", "i.gz"}};
  EXPECT_EQ(error_of(j),
            "eval: must hold \"images\" and \"labels\" (IDX files) or \"tensors\" (a .pt file)");
  j["eval"] = {{"images", "i.gz"}, {"labels", "l.gz"}, {"tensors", "e.pt"}};
  EXPECT_EQ(error_of(j), "eval: holds either \"tensors\" or \"images\" and \"labels\", not both");
  j["eval"] = "eval.pt";
  EXPECT_EQ(error_of(j), "eval: must be a JSON object (got string)");
  j["eval"] = {{"tensors", ""}};
  EXPECT_EQ(error_of(j), "eval.tensors: must be a file path (got '')");
  j = valid();
  j["variants"][0]["path"] = 7;
  EXPECT_EQ(error_of(j), "variants[0].path: must be a string (got number)");
}

TEST(ModelManifest, ReadsFilesWithABound) {
  testing::TempDir dir;
  const auto file = dir.path() / "m.json";
  std::ofstream(file) << valid().dump();
  EXPECT_EQ(read_model_manifest(file).variants[0].path, dir.path() / "mlp_fp32.pt");
  std::ofstream(file) << std::string(kMaxManifestBytes + 1, ' ');
  try {
    read_model_manifest(file);
    ADD_FAILURE() << "accepted a manifest over the limit";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("more than the 1 MiB a model manifest may have"),
              std::string::npos)
        << e.what();
  }
  EXPECT_THROW(read_model_manifest(dir.path() / "absent.json"), std::runtime_error);
}

}  // namespace
}  // namespace joulebench::models
