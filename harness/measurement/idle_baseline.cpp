#include "harness/measurement/idle_baseline.h"

#include <fmt/format.h>

#include <chrono>
#include <thread>

#include "harness/meters/liveness_probe.h"

namespace joulebench {

Watts IdleBaseline::total() const {
  Watts sum;
  for (Watts w : per_domain)
    sum += w;
  return sum;
}

IdleBaseline measure_idle_baseline(Meter& meter, Seconds window) {
  const EnergyReading before = meter.read();
  std::this_thread::sleep_for(std::chrono::duration<double>(window.value));
  const EnergyReading after = meter.read();
  IdleBaseline baseline{after.time - before.time, {}, {}, meter.failure()};
  for (std::size_t i = 0; i < after.per_domain.size() && i < before.per_domain.size(); ++i) {
    baseline.per_domain.push_back(
        baseline.window.value > 0.0 ? (after.per_domain[i] - before.per_domain[i]) / baseline.window
                                    : Watts{0.0});
  }
  const auto domains = meter.domains();
  for (std::size_t i = 0; i < baseline.per_domain.size() && i < domains.size(); ++i) {
    if (baseline.per_domain[i].value <= 0.0 && long_enough_to_convict(domains[i], baseline.window))
      baseline.dead_domains.push_back(domains[i].name);
  }
  return baseline;
}

std::optional<std::string> dead_sensor_problem(const IdleBaseline& baseline, const Meter& meter) {
  // A failure names its cause, and its frozen domain would also look dead: it comes first.
  if (baseline.meter_failure) {
    return fmt::format(
        "the idle baseline could not be measured: the meter '{}' failed: {}; choose the meter "
        "'model' for a labelled estimate",
        meter.name(), *baseline.meter_failure);
  }
  if (baseline.dead_domains.empty())
    return std::nullopt;
  return fmt::format(
      "the idle baseline read 0 W from {} over {:.3g} s: the meter '{}' did not advance (a "
      "virtualised or disabled sensor); choose the meter 'model' for a labelled estimate",
      fmt::join(baseline.dead_domains, ", "), baseline.window.value, meter.name());
}

std::string describe(const IdleBaseline& baseline, const Meter& meter) {
  std::vector<std::string> parts;
  const auto domains = meter.domains();
  for (std::size_t i = 0; i < baseline.per_domain.size() && i < domains.size(); ++i)
    parts.push_back(fmt::format("{} {:.4g} W", domains[i].name, baseline.per_domain[i].value));
  return fmt::format("{} over {:.3g} s", fmt::join(parts, ", "), baseline.window.value);
}

}  // namespace joulebench
