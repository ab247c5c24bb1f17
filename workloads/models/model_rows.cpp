// The model rows as the executable sees them: the LibTorch plugin, loaded on first use
// (torch_plugin_loader.h).

#include <fmt/format.h>

#include <stdexcept>

#include "workloads/models/model_workloads.h"
#include "workloads/models/torch_plugin.h"
#include "workloads/models/torch_plugin_loader.h"

namespace joulebench::models {

std::optional<std::string> models_not_built() {
  if (const std::optional<std::string> absent = torch_plugin_absent())
    return fmt::format("model/*: {}", *absent);
  return std::nullopt;
}

std::vector<WorkloadSpec> model_workloads(const ModelManifest& manifest) {
  if (const std::optional<std::string> absent = models_not_built())
    throw std::runtime_error(fmt::format("needs LibTorch: {}", *absent));
  std::vector<WorkloadSpec> rows;
  std::string error;
  const auto entry = reinterpret_cast<PluginEntry>(torch_plugin_symbol(kPluginEntryName));
  if (!entry(&manifest, &rows, &error))
    throw std::runtime_error(error);
  return rows;
}

}  // namespace joulebench::models
