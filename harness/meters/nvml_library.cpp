#include "harness/meters/nvml_library.h"

#include <dlfcn.h>
#include <fmt/format.h>

namespace joulebench {
namespace {

template <class Fn>
bool bind(void* handle, const char* symbol, Fn& target) {
  // POSIX guarantees a data pointer from dlsym converts to a function pointer.
  target = reinterpret_cast<Fn>(::dlsym(handle, symbol));
  return target != nullptr;
}

}  // namespace

NvmlLibrary::NvmlLibrary(void* handle, NvmlFunctions functions)
    : handle_(handle), api_(functions) {}

NvmlLibrary::~NvmlLibrary() {
  api_.shutdown();
  ::dlclose(handle_);
}

std::string NvmlLibrary::describe_error(int code) const {
  const char* text = api_.error_string != nullptr ? api_.error_string(code) : nullptr;
  return text != nullptr ? fmt::format("{} (NVML error {})", text, code)
                         : fmt::format("NVML error {}", code);
}

std::variant<std::shared_ptr<NvmlLibrary>, std::string> load_nvml(const std::string& library) {
  void* handle = ::dlopen(library.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (handle == nullptr) {
    const char* why = ::dlerror();
    return fmt::format("cannot load {}: {} (no NVIDIA driver installed)", library,
                       why != nullptr ? why : "unknown dlopen error");
  }
  NvmlFunctions f;
  // The unversioned names in nvml.h are macros for the _v2 symbols.
  const std::pair<const char*, bool> required[] = {
      {"nvmlInit_v2", bind(handle, "nvmlInit_v2", f.init)},
      {"nvmlShutdown", bind(handle, "nvmlShutdown", f.shutdown)},
      {"nvmlErrorString", bind(handle, "nvmlErrorString", f.error_string)},
      {"nvmlDeviceGetCount_v2", bind(handle, "nvmlDeviceGetCount_v2", f.device_count)},
      {"nvmlDeviceGetHandleByIndex_v2",
       bind(handle, "nvmlDeviceGetHandleByIndex_v2", f.device_by_index)},
  };
  for (const auto& [symbol, found] : required) {
    if (!found) {
      ::dlclose(handle);
      return fmt::format("{} has no {} (driver too old)", library, symbol);
    }
  }
  bind(handle, "nvmlSystemGetDriverVersion", f.driver_version);
  bind(handle, "nvmlDeviceGetName", f.device_name);
  bind(handle, "nvmlDeviceGetArchitecture", f.device_architecture);
  bind(handle, "nvmlDeviceGetTotalEnergyConsumption", f.total_energy_mj);
  bind(handle, "nvmlDeviceGetPowerUsage", f.power_mw);

  if (const int rc = f.init(); rc != kNvmlSuccess) {
    const char* text = f.error_string(rc);
    ::dlclose(handle);
    return fmt::format("nvmlInit_v2 failed: {} (NVML error {})", text != nullptr ? text : "?", rc);
  }
  return std::make_shared<NvmlLibrary>(handle, f);
}

}  // namespace joulebench
