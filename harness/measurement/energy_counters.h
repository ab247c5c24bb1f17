#pragma once
// The per-iteration figures joulebench attaches to every benchmark, computed from two meter
// readings that bracket the timed loop. Pure arithmetic, kept apart from Google Benchmark so it
// can be tested on its own.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result_schema.h"
#include "harness/carbon/carbon_accounting.h"
#include "harness/meters/meter.h"

namespace joulebench {

struct WindowFigures {
  Joules energy;  // over the whole window, all iterations
  GramsCO2e co2;  // over the whole window, PUE included
  Joules energy_per_iteration;
  Watts mean_power;
  GramsCO2e co2_per_iteration;
  double flops_per_iteration = 0.0;
  double flop_per_joule = 0.0;  // 0 when there is no FLOP count or no energy
  WindowIntensity intensity;    // the gCO2e/kWh the window was charged with
  // Over the whole window, per domain, in the order of Meter::domains(); they sum to `energy`.
  std::vector<Joules> per_domain;
  // True when the energy difference is under 100 steps of the meter's resolution or the window
  // is under 100 update intervals: the figure is then mostly quantisation noise.
  bool below_resolution = false;
  // Set when the window holds no energy figure at all, with the reason (a measured domain that
  // did not advance over many of its update intervals, a meter that failed, or 0 J from a window
  // too short to show any): the row then carries no energy counters, never a measured 0 J.
  std::optional<std::string> no_energy;
};

inline constexpr double kUpdateIntervalsPerWindow = 100.0;

// The shortest window the meter resolves: 100 of its slowest domain's update intervals (0.1 s
// for RAPL, 10 s for NVML's energy counter, 100 s for NVML's 1 s power average).
Seconds minimum_resolvable_window(const Meter& meter);

// The first measured domain that did not advance from `before` to `after` although the time
// between them spans kDeadAfterUpdateIntervals of its update intervals (liveness_probe.h), as
// "cpu.package-0 did not advance over 1.5 s (...)"; nullopt when every domain is live. Estimated
// domains are never judged.
std::optional<std::string> dead_domain_in_window(const EnergyReading& before,
                                                 const EnergyReading& after, const Meter& meter);

// `iterations` is the total across threads; it must be positive. `window_end` (UTC wall clock)
// picks the hour of an hourly intensity series; without a series it is not used. Also sets
// `no_energy` when the meter reports a failure (Meter::failure()).
WindowFigures compute_window_figures(const EnergyReading& before, const EnergyReading& after,
                                     std::int64_t iterations, double flops_per_iteration,
                                     const Meter& meter, const CarbonAccounting& carbon,
                                     std::chrono::system_clock::time_point window_end = {});

}  // namespace joulebench
