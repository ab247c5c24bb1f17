#pragma once
// The per-iteration figures joulebench attaches to every benchmark, computed from two meter
// readings that bracket the timed loop. Pure arithmetic, kept apart from Google Benchmark so it
// can be tested on its own.

#include <chrono>
#include <cstdint>
#include <string_view>

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
  // True when the energy difference is under 100 steps of the meter's resolution or the window
  // is under 100 update intervals: the figure is then mostly quantisation noise.
  bool below_resolution = false;
};

inline constexpr double kUpdateIntervalsPerWindow = 100.0;

// The shortest window the meter resolves: 100 of its slowest domain's update intervals (0.1 s
// for RAPL, 10 s for NVML's energy counter, 100 s for NVML's 1 s power average).
Seconds minimum_resolvable_window(const Meter& meter);

// `iterations` is the total across threads; it must be positive. `window_end` (UTC wall clock)
// picks the hour of an hourly intensity series; without a series it is not used.
WindowFigures compute_window_figures(const EnergyReading& before, const EnergyReading& after,
                                     std::int64_t iterations, double flops_per_iteration,
                                     const Meter& meter, const CarbonAccounting& carbon,
                                     std::chrono::system_clock::time_point window_end = {});

}  // namespace joulebench
