#pragma once
// libnvidia-ml through dlopen, so joulebench builds without the CUDA toolkit and runs without a
// driver. Only the calls the NVML meter needs; return codes are ints (0 = NVML_SUCCESS) and
// devices opaque pointers, as in nvml.h. Tests load a fake library through this same path.

#include <memory>
#include <string>
#include <variant>

// NVML's opaque device, declared at global scope as nvml.h does: a handle type of our own namespace
// would make every call through the dlsym'd pointers a call through the wrong function type
// (clang's -fsanitize=function reports it against the fake library the tests load).
struct nvmlDevice_st;

namespace joulebench {

inline constexpr const char* kDefaultNvmlLibrary = "libnvidia-ml.so.1";
inline constexpr int kNvmlSuccess = 0;
inline constexpr int kNvmlErrorNotSupported = 3;
inline constexpr unsigned kNvmlArchitectureVolta = 5;

using NvmlDevice = ::nvmlDevice_st*;

struct NvmlFunctions {
  int (*init)() = nullptr;
  int (*shutdown)() = nullptr;
  const char* (*error_string)(int) = nullptr;
  int (*device_count)(unsigned*) = nullptr;
  int (*device_by_index)(unsigned, NvmlDevice*) = nullptr;
  // Optional: absent from older drivers; null when missing.
  int (*driver_version)(char*, unsigned) = nullptr;
  int (*device_name)(NvmlDevice, char*, unsigned) = nullptr;
  int (*device_architecture)(NvmlDevice, unsigned*) = nullptr;
  int (*total_energy_mj)(NvmlDevice, unsigned long long*) = nullptr;
  int (*power_mw)(NvmlDevice, unsigned*) = nullptr;
};

// An initialised NVML: nvmlInit_v2 has succeeded; the destructor shuts it down and unloads it.
class NvmlLibrary {
 public:
  NvmlLibrary(void* handle, NvmlFunctions functions);
  ~NvmlLibrary();
  NvmlLibrary(const NvmlLibrary&) = delete;
  NvmlLibrary& operator=(const NvmlLibrary&) = delete;

  const NvmlFunctions& api() const { return api_; }
  std::string describe_error(int code) const;

 private:
  void* handle_;
  NvmlFunctions api_;
};

// The library, or a one-line reason it cannot be used (not installed, symbols missing, init
// failed).
std::variant<std::shared_ptr<NvmlLibrary>, std::string> load_nvml(const std::string& library);

}  // namespace joulebench
