#include "harness/measurement/energy_counters.h"

#include <fmt/format.h>

#include <algorithm>

#include "harness/meters/liveness_probe.h"

namespace joulebench {
namespace {

std::string format_interval(Seconds interval) {
  return interval.value >= 1.0 ? fmt::format("{:g} s", interval.value)
                               : fmt::format("{:g} ms", interval.value * 1e3);
}

}  // namespace

std::optional<std::string> dead_domain_in_window(const EnergyReading& before,
                                                 const EnergyReading& after, const Meter& meter) {
  const Seconds elapsed = after.time - before.time;
  const auto domains = meter.domains();
  for (std::size_t i = 0; i < domains.size(); ++i) {
    if (i >= before.per_domain.size() || i >= after.per_domain.size())
      break;
    const EnergyDomain& d = domains[i];
    if (after.per_domain[i] > before.per_domain[i] || !long_enough_to_convict(d, elapsed))
      continue;
    const std::string intervals = d.update_interval.value > 0.0
                                      ? fmt::format("{:.0f} of its {} update intervals",
                                                    elapsed.value / d.update_interval.value,
                                                    format_interval(d.update_interval))
                                      : std::string("its counter refreshes on every read");
    return fmt::format("{} did not advance over {:.3g} s ({}: the sensor stopped counting)", d.name,
                       elapsed.value, intervals);
  }
  return std::nullopt;
}

WindowFigures compute_window_figures(const EnergyReading& before, const EnergyReading& after,
                                     std::int64_t iterations, double flops_per_iteration,
                                     const Meter& meter, const CarbonAccounting& carbon,
                                     std::chrono::system_clock::time_point window_end) {
  const Joules energy = after.total() - before.total();
  const Seconds elapsed = after.time - before.time;
  const auto n = static_cast<double>(iterations);

  WindowFigures f;
  f.energy = energy;
  for (std::size_t i = 0; i < after.per_domain.size() && i < before.per_domain.size(); ++i)
    f.per_domain.push_back(after.per_domain[i] - before.per_domain[i]);
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

  // A meter failure comes first: it names the cause. Then a dead domain. Then a window so short
  // that a live meter showed nothing: still no figure, because 0 J is not a measurement.
  if (std::optional<std::string> failure = meter.failure()) {
    f.no_energy = "meter failed: " + *failure;
  } else if (std::optional<std::string> dead = dead_domain_in_window(before, after, meter)) {
    f.no_energy = std::move(dead);
  } else if (energy.value <= 0.0) {
    f.no_energy =
        fmt::format("0 J over {:.3g} s, a window shorter than the meter resolves", elapsed.value);
  }
  return f;
}

Seconds minimum_resolvable_window(const Meter& meter) {
  Seconds slowest;
  for (const EnergyDomain& d : meter.domains())
    slowest = std::max(slowest, d.update_interval);
  return slowest * kUpdateIntervalsPerWindow;
}

}  // namespace joulebench
