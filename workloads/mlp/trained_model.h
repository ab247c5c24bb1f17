#pragma once
// Trained weights for the inference workloads, trained once and reused: in memory for the
// process, and on disk under the cache directory keyed by everything that determines them
// (architecture, optimizer, batch, seed, epochs, and a fingerprint of the data), so a suite
// trains once and later suites not at all.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "workloads/mlp/fashion_mnist.h"
#include "workloads/mlp/mlp_model.h"
#include "workloads/mlp/mlp_training.h"

namespace joulebench::mlp {

struct TrainingRecipe {
  std::vector<int> widths;
  OptimizerKind optimizer = OptimizerKind::adam;
  int batch = 64;
  unsigned seed = 1;
  int epochs = 3;
};

// "mlp-784-256-256-10-adam-b64-seed1-ep3-data0123456789abcdef.bin"
std::string cache_file_name(const TrainingRecipe& recipe, std::uint64_t data_fingerprint);

// Binary weight file: a text magic line, the widths, then each layer's weights (column-major)
// and biases as little-endian fp32. Written atomically.
void save_weights(const std::filesystem::path& path, const MlpWeights& weights);
// nullopt when the file is missing, from another format version, truncated, or of other widths:
// the caller retrains and overwrites it.
std::optional<MlpWeights> load_weights(const std::filesystem::path& path,
                                       const std::vector<int>& widths);

struct TrainedModel {
  TrainingRecipe recipe;
  const FashionMnist* data = nullptr;  // lives in cached_fashion_mnist()
  MlpWeights weights;
  std::string key;  // the cache file name, also the in-memory key
};

// Trains (or loads) the recipe on `data`, once per process; prints one line to stderr when it
// trains or when the disk cache could not be written (the run goes on without it). An empty
// cache_dir: nothing is read from or written to disk.
std::shared_ptr<const TrainedModel> trained_model(const TrainingRecipe& recipe,
                                                  const FashionMnist& data,
                                                  const std::filesystem::path& cache_dir);

}  // namespace joulebench::mlp
