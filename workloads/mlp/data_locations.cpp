#include "workloads/mlp/data_locations.h"

#include <cstdlib>
#include <system_error>

namespace joulebench::mlp {
namespace {

// A variable that is set and not empty.
const char* variable(const char* name) {
  const char* value = std::getenv(name);
  return value != nullptr && *value != '\0' ? value : nullptr;
}

}  // namespace

DataDir joulebench_data_dir() {
  if (const char* dir = variable("JOULEBENCH_DATA_DIR"))
    return {.path = dir, .from_variable = true};
  std::error_code ec;
  std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec)
    exe = std::filesystem::path("/proc/self/exe");  // named in the error that follows
  // JOULEBENCH_DATA_FROM_BIN: the install's bin-to-data path, relative ("../share/joulebench").
  return {.path = (exe.parent_path() / JOULEBENCH_DATA_FROM_BIN).lexically_normal(),
          .from_variable = false};
}

std::filesystem::path system_datasets_dir() {
  const char* dir = variable("JOULEBENCH_SYSTEM_DATASETS");
  return dir != nullptr ? dir : "/usr/share/datasets";
}

std::filesystem::path default_weight_cache_dir() {
  // The XDG base directory specification: a relative XDG_CACHE_HOME is invalid and ignored.
  if (const char* xdg = variable("XDG_CACHE_HOME"); xdg && std::filesystem::path(xdg).is_absolute())
    return std::filesystem::path(xdg) / "joulebench";
  if (const char* home = variable("HOME"))
    return std::filesystem::path(home) / ".cache" / "joulebench";
  return {};
}

}  // namespace joulebench::mlp
