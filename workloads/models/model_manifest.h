#pragma once
// The manifest of `joulebench run --models FILE.json`: one task and the TorchScript variants of
// its model to compare, for example
//
//   {"task": "fmnist-mlp", "input_shape": [784], "batch_sizes": [1, 64, 256],
//    "eval": {"images": "t10k-images-idx3-ubyte.gz", "labels": "t10k-labels-idx1-ubyte.gz"},
//    "flops_per_sample": 537600,
//    "variants": [{"name": "fp32", "path": "mlp_fp32.pt", "precision": "fp32"},
//                 {"name": "int8-dynamic", "path": "mlp_int8.pt", "precision": "int8",
//                  "engine": "onednn"}]}
//
// Parsing needs no LibTorch (the fuzz target and the parser's tests build without it): it checks
// every key and value and resolves the paths relative to the manifest's folder; whether the files
// exist and load is checked later, by the model rows' check_inputs.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace joulebench::models {

// Bounds that keep a typo from becoming an absurd allocation or a run that never ends.
inline constexpr std::uintmax_t kMaxManifestBytes = 1 << 20;  // 1 MiB: a manifest is a few lines
inline constexpr std::size_t kMaxVariants = 64;
inline constexpr std::size_t kMaxBatchSizes = 16;
inline constexpr std::size_t kMaxThreadCounts = 8;
inline constexpr std::size_t kMaxInputDims = 4;              // per sample, the batch not counted
inline constexpr std::int64_t kMaxSampleElements = 1 << 24;  // 64 MiB of fp32 per sample
inline constexpr std::int64_t kMaxBatchElements = 1 << 28;   // 1 GiB of fp32 per batch
inline constexpr std::size_t kMaxNameChars = 64;             // task and variant names

// Where the evaluation data are: IDX images and labels (scaled to [0, 1] as the MLP does), or a
// TorchScript file holding `inputs` and `labels` tensors (see model_workloads.h).
struct EvalData {
  std::filesystem::path images;   // IDX, gzip or raw; empty for the tensors form
  std::filesystem::path labels;   // IDX, gzip or raw; empty for the tensors form
  std::filesystem::path tensors;  // .pt; empty for the IDX form
  bool is_idx() const { return tensors.empty(); }
};

struct ModelVariant {
  std::string name;            // a workload-name segment: letters, digits, '.', '_', '-'
  std::filesystem::path path;  // the TorchScript file, resolved against the manifest's folder
  std::string precision;       // fp32, fp16, bf16, int8 or int4: a label, and the input dtype
  std::string engine;          // quantized engine (onednn, qnnpack, fbgemm, x86) or "" (default)
};

struct ModelManifest {
  std::filesystem::path file;  // the manifest itself, for messages
  std::string task;
  std::vector<std::int64_t> input_shape;  // one sample's shape, without the batch dimension
  std::vector<int> batch_sizes;
  std::vector<int> threads{1};  // one row per variant, batch size and thread count
  std::optional<EvalData> eval;
  std::optional<double> flops_per_sample;
  std::vector<ModelVariant> variants;

  std::int64_t sample_elements() const {
    std::int64_t n = 1;
    for (const std::int64_t d : input_shape)
      n *= d;
    return n;
  }
};

// The keys a manifest may hold, at the top and in "eval" and in each variant. Any other key is
// refused (a misspelt "batch_size" silently ignored would measure other rows than intended),
// with the nearest known key suggested.
const std::vector<std::string>& manifest_keys();
const std::vector<std::string>& eval_keys();
const std::vector<std::string>& variant_keys();
// Precisions and quantized engines a manifest may name.
const std::vector<std::string>& manifest_precisions();
const std::vector<std::string>& manifest_engines();

// Parses and checks `text`, the manifest read from `file` (which names it in errors and anchors
// its relative paths). Throws std::runtime_error with one line "FILE: KEY: problem", e.g.
// "models.json: variants[1].engine: must be one of onednn, qnnpack, fbgemm, x86 (got 'mkl')".
ModelManifest parse_model_manifest(std::string_view text, const std::filesystem::path& file);

// Reads `file` (at most kMaxManifestBytes, any kind of file) and parses it.
ModelManifest read_model_manifest(const std::filesystem::path& file);

}  // namespace joulebench::models
