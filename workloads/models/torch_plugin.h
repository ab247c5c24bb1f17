#pragma once
// The seam between joulebench and its LibTorch plugin (libjoulebench_torch_models.so). LibTorch
// takes about two seconds to load and register its operators, so the executable does not link
// it: the plugin is loaded with dlopen (model_rows.cpp) by `joulebench run --models` and by the
// first PyTorch peer row that runs (mlp_peer_rows.cpp); every other command, `joulebench list`
// included, starts as fast as before.
//
// Both entry points have C linkage for a name dlsym finds; both sides are this project's C++
// (same compiler, same libstdc++, same flags), so the C++ types cross safely. Workloads made by
// the plugin live in it: it is never closed.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "workloads/models/model_manifest.h"
#include "workloads/workload.h"

namespace joulebench::models {

// The manifest's rows into `rows`, or false with one line in `error`.
using PluginEntry = bool (*)(const ModelManifest* manifest, std::vector<WorkloadSpec>* rows,
                             std::string* error);
inline constexpr const char* kPluginEntryName = "joulebench_torch_model_workloads";

// What the PyTorch peer of an mlp/infer row runs (workloads/mlp/mlp_peers.h), as plain arrays:
// the plugin holds no Eigen and none of joulebench_workloads' code. The arrays are our trained
// weights and test set, borrowed from the executable's in-process caches; `owner` keeps them
// alive as long as the plugin holds the request.
struct MlpPeerRequest {
  std::string weights_key;            // the trained model's cache key: one LibTorch copy per key
  std::vector<int> widths;            // {784, 256, 256, 10}
  std::vector<const float*> weights;  // [l]: widths[l+1] x widths[l], column-major (ours)
  std::vector<const float*> biases;   // [l]: widths[l+1]
  const std::uint8_t* test_pixels = nullptr;  // test_images x inputs bytes, as the IDX file
  const std::uint8_t* test_labels = nullptr;  // test_images labels, 0 to widths.back() - 1
  std::size_t test_images = 0;
  std::string precision;  // fp32, bf16 or int8
  int batch = 1;
  int threads = 1;
  std::vector<std::size_t> batch_firsts;  // the timed input batches: test images from each
  double flops_per_sample = 0.0;
  std::size_t accuracy_chunk = 500;  // images per forward pass when measuring accuracy
  std::string provenance;            // "weights 3 epochs; 60000 train / 10000 test images from DIR"
  std::shared_ptr<const void> owner;
};

// The row's workload into `workload`, or false with one line in `error`. Loads nothing from
// disk: everything comes in the request.
using MlpPeerEntry = bool (*)(const MlpPeerRequest* request, std::unique_ptr<Workload>* workload,
                              std::string* error);
inline constexpr const char* kMlpPeerEntryName = "joulebench_torch_mlp_peer_workload";

}  // namespace joulebench::models
