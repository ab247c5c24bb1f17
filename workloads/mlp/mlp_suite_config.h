#pragma once
// Settings of the MLP workloads that come from the command line (`joulebench run --data-dir
// --target-accuracy`). Process-wide because workloads are built by argument-less factories
// (WorkloadSpec::make), one per Google Benchmark call; set once before the suite runs.

#include <filesystem>

namespace joulebench::mlp {

struct MlpSuiteConfig {
  std::filesystem::path data_dir;  // empty: default_fashion_mnist_dir()
  double target_accuracy = 0.85;   // for mlp/train-to-accuracy/...
  int inference_epochs = 3;  // epochs of Adam (batch 64) behind the weights of mlp/infer/ rows
  std::filesystem::path cache_dir;  // trained weights; empty: default_weight_cache_dir()
};

const MlpSuiteConfig& mlp_suite_config();
void set_mlp_suite_config(const MlpSuiteConfig& config);

// data_dir, or the default when it is empty.
std::filesystem::path mlp_data_dir();
// cache_dir, or the default ($XDG_CACHE_HOME/joulebench, ~/.cache/joulebench) when it is empty;
// empty when there is no default either (no HOME): nothing is cached then.
std::filesystem::path mlp_cache_dir();

}  // namespace joulebench::mlp
