// A stand-in for libnvidia-ml.so.1: the NVML symbols joulebench binds, answering from scripted
// state. Tests set that state through the fake_nvml_* functions (found with dlsym on the same
// handle the meter opens); FAKE_NVML_DEVICE_COUNT and FAKE_NVML_ARCHITECTURE set it for runs of
// the real binary.

#include <cstdlib>
#include <cstring>
#include <mutex>

struct nvmlDevice_st {
  unsigned index;
};

namespace {

constexpr unsigned kMaxDevices = 4;
constexpr int kSuccess = 0;
constexpr int kInvalidArgument = 2;
constexpr int kNotSupported = 3;

struct State {
  unsigned device_count = 1;
  unsigned architecture = 7;  // Ampere
  int init_result = kSuccess;
  int read_result = kSuccess;  // what energy and power calls return
  unsigned long long energy_mj[kMaxDevices] = {};
  unsigned power_mw[kMaxDevices] = {};
};

std::mutex g_mutex;
State g_state;
nvmlDevice_st g_devices[kMaxDevices] = {{0}, {1}, {2}, {3}};

unsigned env_or(const char* name, unsigned fallback) {
  const char* value = std::getenv(name);
  return value != nullptr ? static_cast<unsigned>(std::strtoul(value, nullptr, 10)) : fallback;
}

}  // namespace

extern "C" {

// Test controls.
void fake_nvml_reset(unsigned device_count, unsigned architecture) {
  std::lock_guard lock(g_mutex);
  g_state = State{};
  g_state.device_count = device_count < kMaxDevices ? device_count : kMaxDevices;
  g_state.architecture = architecture;
}
void fake_nvml_set_init_result(int code) {
  std::lock_guard lock(g_mutex);
  g_state.init_result = code;
}
void fake_nvml_set_read_result(int code) {
  std::lock_guard lock(g_mutex);
  g_state.read_result = code;
}
void fake_nvml_set_energy_mj(unsigned device, unsigned long long mj) {
  std::lock_guard lock(g_mutex);
  g_state.energy_mj[device] = mj;
}
void fake_nvml_set_power_mw(unsigned device, unsigned mw) {
  std::lock_guard lock(g_mutex);
  g_state.power_mw[device] = mw;
}

// NVML.
int nvmlInit_v2() {
  std::lock_guard lock(g_mutex);
  g_state.device_count = env_or("FAKE_NVML_DEVICE_COUNT", g_state.device_count);
  g_state.architecture = env_or("FAKE_NVML_ARCHITECTURE", g_state.architecture);
  return g_state.init_result;
}
int nvmlShutdown() {
  return kSuccess;
}
const char* nvmlErrorString(int code) {
  switch (code) {
    case kSuccess:
      return "Success";
    case kNotSupported:
      return "Not Supported";
    default:
      return "Unknown Error";
  }
}
int nvmlSystemGetDriverVersion(char* version, unsigned length) {
  std::strncpy(version, "999.99-fake", length);
  return kSuccess;
}
int nvmlDeviceGetCount_v2(unsigned* count) {
  std::lock_guard lock(g_mutex);
  *count = g_state.device_count;
  return kSuccess;
}
int nvmlDeviceGetHandleByIndex_v2(unsigned index, nvmlDevice_st** device) {
  std::lock_guard lock(g_mutex);
  if (index >= g_state.device_count)
    return kInvalidArgument;
  *device = &g_devices[index];
  return kSuccess;
}
int nvmlDeviceGetName(nvmlDevice_st* device, char* name, unsigned length) {
  const char* model = device->index == 0 ? "Fake GPU Zero" : "Fake GPU";
  std::strncpy(name, model, length);
  return kSuccess;
}
int nvmlDeviceGetArchitecture(nvmlDevice_st*, unsigned* architecture) {
  std::lock_guard lock(g_mutex);
  *architecture = g_state.architecture;
  return kSuccess;
}
int nvmlDeviceGetTotalEnergyConsumption(nvmlDevice_st* device, unsigned long long* mj) {
  std::lock_guard lock(g_mutex);
  if (g_state.architecture < 5)  // before Volta
    return kNotSupported;
  if (g_state.read_result != kSuccess)
    return g_state.read_result;
  *mj = g_state.energy_mj[device->index];
  return kSuccess;
}
int nvmlDeviceGetPowerUsage(nvmlDevice_st* device, unsigned* mw) {
  std::lock_guard lock(g_mutex);
  if (g_state.read_result != kSuccess)
    return g_state.read_result;
  *mw = g_state.power_mw[device->index];
  return kSuccess;
}

}  // extern "C"
