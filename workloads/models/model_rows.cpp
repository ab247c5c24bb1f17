// The model rows as the executable sees them: the LibTorch plugin, loaded on first use. Built
// with JOULEBENCH_TORCH_PLUGIN (its file name, and its folder relative to the executable's once
// installed) when CMake found LibTorch, else with JOULEBENCH_TORCH_REASON.

#include <dlfcn.h>
#include <fmt/format.h>

#include <filesystem>
#include <mutex>
#include <stdexcept>
#include <system_error>

#include "common/bounded_read.h"
#include "common/error_text.h"
#include "workloads/models/model_workloads.h"
#include "workloads/models/torch_plugin.h"

namespace joulebench::models {
namespace {

#ifdef JOULEBENCH_TORCH_PLUGIN
// Beside the executable (the build tree), then where `cmake --install` puts it.
std::vector<std::filesystem::path> plugin_candidates() {
  std::error_code ec;
  const std::filesystem::path exe_dir =
      std::filesystem::read_symlink("/proc/self/exe", ec).parent_path();
  return {
      exe_dir / JOULEBENCH_TORCH_PLUGIN,
      (exe_dir / JOULEBENCH_TORCH_PLUGIN_INSTALL_DIR / JOULEBENCH_TORCH_PLUGIN).lexically_normal()};
}

PluginEntry load_plugin() {
  static std::mutex mutex;
  static PluginEntry entry = nullptr;
  std::lock_guard lock(mutex);
  if (entry != nullptr)
    return entry;
  std::string tried;
  for (const std::filesystem::path& path : plugin_candidates()) {
    if (!std::filesystem::exists(path)) {
      tried += fmt::format("{}{}: absent", tried.empty() ? "" : "; ", path_for_message(path));
      continue;
    }
    // Never closed: the rows' functions live in it until the process ends.
    void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (handle == nullptr) {
      tried += fmt::format("{}{}", tried.empty() ? "" : "; ", printable_text(dlerror()));
      continue;
    }
    if (void* symbol = dlsym(handle, kPluginEntryName); symbol != nullptr) {
      entry = reinterpret_cast<PluginEntry>(symbol);
      return entry;
    }
    tried += fmt::format("{}{}: no {}", tried.empty() ? "" : "; ", path_for_message(path),
                         kPluginEntryName);
  }
  throw std::runtime_error(fmt::format("cannot load the LibTorch plugin ({})", tried));
}
#endif

}  // namespace

std::optional<std::string> models_not_built() {
#ifdef JOULEBENCH_TORCH_PLUGIN
  return std::nullopt;
#else
  return "model/*: not built (" JOULEBENCH_TORCH_REASON "; install libtorch-dev and reconfigure)";
#endif
}

std::vector<WorkloadSpec> model_workloads([[maybe_unused]] const ModelManifest& manifest) {
#ifdef JOULEBENCH_TORCH_PLUGIN
  std::vector<WorkloadSpec> rows;
  std::string error;
  if (!load_plugin()(&manifest, &rows, &error))
    throw std::runtime_error(error);
  return rows;
#else
  throw std::runtime_error(fmt::format("needs LibTorch: {}", *models_not_built()));
#endif
}

}  // namespace joulebench::models
