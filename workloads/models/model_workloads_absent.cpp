// The model rows of a build without LibTorch: none, and the reason (JOULEBENCH_TORCH_REASON, set
// by workloads/models/CMakeLists.txt).

#include <fmt/format.h>

#include <stdexcept>

#include "workloads/models/model_workloads.h"

namespace joulebench::models {

bool models_built() {
  return false;
}

std::optional<std::string> models_not_built() {
  return "model/*: not built (" JOULEBENCH_TORCH_REASON "; install libtorch-dev and reconfigure)";
}

std::vector<WorkloadSpec> model_workloads(const ModelManifest&) {
  throw std::runtime_error(fmt::format("--models needs LibTorch: {}", *models_not_built()));
}

}  // namespace joulebench::models
