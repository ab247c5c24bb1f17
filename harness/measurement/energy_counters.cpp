#include "harness/measurement/energy_counters.h"

#include <algorithm>

namespace joulebench {

WindowFigures compute_window_figures(const EnergyReading& before, const EnergyReading& after,
                                     std::int64_t iterations, double flops_per_iteration,
                                     const Meter& meter, const CarbonAccounting& carbon,
                                     std::chrono::system_clock::time_point window_end) {
  const Joules energy = after.total() - before.total();
  const Seconds elapsed = after.time - before.time;
  const auto n = static_cast<double>(iterations);

  WindowFigures f;
  f.energy = energy;
  f.intensity = carbon.intensity_for_window_ending(window_end);
  f.co2 = carbon.emissions(energy, f.intensity.grams_per_kwh);
  f.energy_per_iteration = energy / n;
  f.mean_power = elapsed.value > 0.0 ? energy / elapsed : Watts{0.0};
  f.co2_per_iteration = f.co2 / n;
  f.flops_per_iteration = flops_per_iteration;
  if (flops_per_iteration > 0.0 && f.energy_per_iteration.value > 0.0) {
    f.flop_per_joule = flops_per_iteration / f.energy_per_iteration.value;
  }

  Joules resolution;
  Seconds update_interval;
  for (const EnergyDomain& d : meter.domains()) {
    resolution = std::max(resolution, d.resolution);
    update_interval = std::max(update_interval, d.update_interval);
  }
  f.below_resolution =
      energy < resolution * 100.0 || elapsed < update_interval * kUpdateIntervalsPerWindow;
  return f;
}

Seconds minimum_resolvable_window(const Meter& meter) {
  Seconds slowest;
  for (const EnergyDomain& d : meter.domains())
    slowest = std::max(slowest, d.update_interval);
  return slowest * kUpdateIntervalsPerWindow;
}

}  // namespace joulebench
