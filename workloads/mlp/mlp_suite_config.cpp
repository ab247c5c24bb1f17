#include "workloads/mlp/mlp_suite_config.h"

#include "workloads/mlp/data_locations.h"
#include "workloads/mlp/fashion_mnist.h"

namespace joulebench::mlp {
namespace {
MlpSuiteConfig& config() {
  static MlpSuiteConfig c;
  return c;
}
}  // namespace

const MlpSuiteConfig& mlp_suite_config() {
  return config();
}
void set_mlp_suite_config(const MlpSuiteConfig& c) {
  config() = c;
}

std::filesystem::path mlp_cache_dir() {
  return config().cache_dir.empty() ? default_weight_cache_dir() : config().cache_dir;
}

std::filesystem::path mlp_data_dir() {
  return config().data_dir.empty() ? default_fashion_mnist_dir() : config().data_dir;
}

}  // namespace joulebench::mlp
