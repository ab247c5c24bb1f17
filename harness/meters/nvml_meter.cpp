#include "harness/meters/nvml_meter.h"

#include <fmt/format.h>

namespace joulebench {
namespace {

// The energy counter advances about every 100 ms (ml.energy measurements); power on Ampere and
// newer is a 1 s average, so integrated power cannot resolve anything shorter.
constexpr Seconds kEnergyCounterUpdate{0.1};
constexpr Seconds kPowerAverageWindow{1.0};

std::string gpu_name(const NvmlFunctions& api, NvmlDevice device) {
  char buffer[96] = {};  // NVML_DEVICE_NAME_V2_BUFFER_SIZE
  if (api.device_name == nullptr || api.device_name(device, buffer, sizeof buffer) != kNvmlSuccess)
    return "unknown NVIDIA GPU";
  return std::string(buffer);
}

bool has_energy_counter(const NvmlFunctions& api, NvmlDevice device) {
  if (api.total_energy_mj == nullptr)
    return false;
  unsigned architecture = 0;
  if (api.device_architecture != nullptr &&
      api.device_architecture(device, &architecture) == kNvmlSuccess &&
      architecture < kNvmlArchitectureVolta) {
    return false;
  }
  // The architecture query is missing from older drivers: trust the counter if it answers.
  unsigned long long mj = 0;
  return api.total_energy_mj(device, &mj) == kNvmlSuccess;
}

}  // namespace

NvmlDiscovery discover_nvml(const std::string& library) {
  NvmlDiscovery out;
  auto loaded = load_nvml(library);
  if (std::string* problem = std::get_if<std::string>(&loaded)) {
    out.problem = std::move(*problem);
    return out;
  }
  out.library = std::get<std::shared_ptr<NvmlLibrary>>(std::move(loaded));
  const NvmlFunctions& api = out.library->api();
  char version[80] = {};
  if (api.driver_version != nullptr && api.driver_version(version, sizeof version) == kNvmlSuccess)
    out.driver_version = version;

  unsigned count = 0;
  if (const int rc = api.device_count(&count); rc != kNvmlSuccess) {
    out.problem = fmt::format("nvmlDeviceGetCount_v2 failed: {}", out.library->describe_error(rc));
    return out;
  }
  out.present = count > 0;
  for (unsigned i = 0; i < count; ++i) {
    NvmlGpu gpu{.index = i, .device = nullptr, .name = {}, .energy_counter = false};
    if (const int rc = api.device_by_index(i, &gpu.device); rc != kNvmlSuccess) {
      out.problem = fmt::format("nvmlDeviceGetHandleByIndex_v2({}) failed: {}", i,
                                out.library->describe_error(rc));
      return out;
    }
    gpu.name = gpu_name(api, gpu.device);
    gpu.energy_counter = has_energy_counter(api, gpu.device);
    if (!gpu.energy_counter && api.power_mw == nullptr) {
      out.problem =
          fmt::format("gpu.{} ({}) has neither an energy counter nor power readings", i, gpu.name);
      return out;
    }
    out.gpus.push_back(std::move(gpu));
  }
  if (out.gpus.empty())
    out.problem = "NVML is installed but reports no GPU";
  return out;
}

NvmlMeter::NvmlMeter(NvmlDiscovery discovery, ClockFn wall_clock)
    : discovery_(std::move(discovery)),
      wall_clock_(wall_clock),
      state_(discovery_.gpus.size()),
      last_time_(wall_clock_()) {
  const NvmlFunctions& api = discovery_.library->api();
  for (std::size_t i = 0; i < discovery_.gpus.size(); ++i) {
    const NvmlGpu& gpu = discovery_.gpus[i];
    domains_.push_back(EnergyDomain{
        .name = fmt::format("gpu.{}", gpu.index),
        .provenance = gpu.energy_counter ? Provenance::measured : Provenance::integrated_power,
        .resolution = Joules{1e-3},
        .update_interval = gpu.energy_counter ? kEnergyCounterUpdate : kPowerAverageWindow});
    GpuState& s = state_[i];
    if (gpu.energy_counter) {
      api.total_energy_mj(gpu.device, &s.start_mj);
    } else {
      unsigned mw = 0;
      if (api.power_mw(gpu.device, &mw) == kNvmlSuccess)
        s.last_watts = mw * 1e-3;
    }
  }
}

std::string NvmlMeter::method() const {
  std::vector<std::string> gpus;
  for (const NvmlGpu& gpu : discovery_.gpus) {
    gpus.push_back(fmt::format("gpu.{}={} ({})", gpu.index, gpu.name,
                               gpu.energy_counter
                                   ? "total-energy counter, mJ"
                                   : "power in mW integrated between reads, trapezoid rule"));
  }
  return fmt::format("NVML{}: {}",
                     discovery_.driver_version.empty()
                         ? std::string()
                         : fmt::format(" (driver {})", discovery_.driver_version),
                     fmt::join(gpus, ", "));
}

void NvmlMeter::advance(std::size_t index, Seconds now, Seconds elapsed) noexcept {
  const NvmlFunctions& api = discovery_.library->api();
  const NvmlGpu& gpu = discovery_.gpus[index];
  GpuState& s = state_[index];
  int rc = kNvmlSuccess;
  if (gpu.energy_counter) {
    unsigned long long mj = 0;
    rc = api.total_energy_mj(gpu.device, &mj);
    // A driver reload restarts the counter; keep the last value rather than go backwards.
    if (rc == kNvmlSuccess && mj >= s.start_mj)
      s.joules = static_cast<double>(mj - s.start_mj) * 1e-3;
  } else {
    unsigned mw = 0;
    rc = api.power_mw(gpu.device, &mw);
    if (rc == kNvmlSuccess) {
      const double watts = mw * 1e-3;
      s.integrated_joules += 0.5 * (s.last_watts + watts) * elapsed.value;
      s.last_watts = watts;
      s.joules = s.integrated_joules;
    }
  }
  if (rc != kNvmlSuccess && failure_.empty()) {
    failure_ = fmt::format("gpu.{}: NVML read failed at t={:.3f} s: {}; gpu.{} stopped advancing",
                           gpu.index, now.value, discovery_.library->describe_error(rc), gpu.index);
  }
}

EnergyReading NvmlMeter::read() noexcept {
  std::lock_guard lock(mutex_);
  const Seconds now = wall_clock_();
  const Seconds elapsed = now - last_time_;
  last_time_ = now;
  EnergyReading reading{.time = now, .per_domain = {}};
  reading.per_domain.reserve(state_.size());
  for (std::size_t i = 0; i < state_.size(); ++i) {
    advance(i, now, elapsed);
    reading.per_domain.push_back(Joules{state_[i].joules});
  }
  return reading;
}

std::optional<std::string> NvmlMeter::failure() const {
  std::lock_guard lock(mutex_);
  if (failure_.empty())
    return std::nullopt;
  return failure_;
}

}  // namespace joulebench
