#pragma once
// NVIDIA GPUs through NVML: one domain per GPU ("gpu.0", ...). Volta and newer expose a
// total-energy counter in mJ, which is read directly (measured). Older GPUs only give power in
// mW; read() then integrates power over time with the trapezoid rule between consecutive reads
// (labelled integrated power). Without a sampler thread that integration only sees the power at
// the instants read() is called, so a window bracketed by two reads is integrated from its two
// end points: right for steady loads, wrong for loads that change inside the window.
// Per "Part-time Power Measurements" (Yang et al., SC24) NVML itself samples only part of the
// runtime on A100/H100: measure over seconds and repeat.

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "harness/clock.h"
#include "harness/meters/meter.h"
#include "harness/meters/nvml_library.h"

namespace joulebench {

struct NvmlGpu {
  unsigned index = 0;
  NvmlDevice device = nullptr;
  std::string name;             // "NVIDIA H100 80GB HBM3"
  bool energy_counter = false;  // the mJ counter works (Volta or newer)
};

struct NvmlDiscovery {
  std::shared_ptr<NvmlLibrary> library;
  std::vector<NvmlGpu> gpus;
  std::string driver_version;
  std::string problem;   // one line; non-empty when NVML cannot be used
  bool present = false;  // NVML counted at least one GPU, usable or not

  bool usable() const { return problem.empty() && !gpus.empty(); }
};

NvmlDiscovery discover_nvml(const std::string& library = kDefaultNvmlLibrary);

class NvmlMeter final : public Meter {
 public:
  explicit NvmlMeter(NvmlDiscovery discovery, ClockFn wall_clock = steady_now);

  std::string_view name() const override { return "nvml"; }
  std::string method() const override;
  std::span<const EnergyDomain> domains() const override { return domains_; }
  EnergyReading read() noexcept override;
  std::optional<std::string> failure() const override;

 private:
  struct GpuState {
    unsigned long long start_mj = 0;  // energy-counter mode
    double last_watts = 0.0;          // power mode
    double integrated_joules = 0.0;
    double joules = 0.0;  // what the last read reported
  };
  void advance(std::size_t index, Seconds now, Seconds elapsed) noexcept;

  NvmlDiscovery discovery_;
  ClockFn wall_clock_;
  std::vector<EnergyDomain> domains_;
  mutable std::mutex mutex_;
  std::vector<GpuState> state_;
  Seconds last_time_;
  std::string failure_;
};

}  // namespace joulebench
