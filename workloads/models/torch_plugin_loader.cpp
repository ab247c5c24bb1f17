#include "workloads/models/torch_plugin_loader.h"

#include <dlfcn.h>
#include <fmt/format.h>

#include <filesystem>
#include <mutex>
#include <stdexcept>
#include <system_error>
#include <vector>

#include "common/bounded_read.h"
#include "common/error_text.h"

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

void* plugin_handle() {
  static std::mutex mutex;
  static void* handle = nullptr;
  std::lock_guard lock(mutex);
  if (handle != nullptr)
    return handle;
  std::string tried;
  for (const std::filesystem::path& path : plugin_candidates()) {
    if (!std::filesystem::exists(path)) {
      tried += fmt::format("{}{}: absent", tried.empty() ? "" : "; ", path_for_message(path));
      continue;
    }
    // Never closed: the rows' functions live in it until the process ends.
    handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (handle != nullptr)
      return handle;
    tried += fmt::format("{}{}", tried.empty() ? "" : "; ", printable_text(dlerror()));
  }
  throw std::runtime_error(fmt::format("cannot load the LibTorch plugin ({})", tried));
}
#endif

}  // namespace

std::optional<std::string> torch_plugin_absent() {
#ifdef JOULEBENCH_TORCH_PLUGIN
  std::string tried;
  for (const std::filesystem::path& path : plugin_candidates()) {
    std::error_code ec;
    if (std::filesystem::exists(path, ec))
      return std::nullopt;
    tried += fmt::format("{}{}", tried.empty() ? "" : ", ", path_for_message(path));
  }
  return fmt::format("not available (no LibTorch plugin: {} absent; rebuild joulebench)", tried);
#else
  return "not built (" JOULEBENCH_TORCH_REASON "; install libtorch-dev and reconfigure)";
#endif
}

void* torch_plugin_symbol([[maybe_unused]] const char* name) {
#ifdef JOULEBENCH_TORCH_PLUGIN
  void* handle = plugin_handle();
  if (void* symbol = dlsym(handle, name); symbol != nullptr)
    return symbol;
  throw std::runtime_error(
      fmt::format("the LibTorch plugin {} has no {}", JOULEBENCH_TORCH_PLUGIN, name));
#else
  throw std::runtime_error(fmt::format("needs LibTorch: {}", *torch_plugin_absent()));
#endif
}

}  // namespace joulebench::models
