#include "harness/measurement/idle_baseline.h"

#include <fmt/format.h>

#include <chrono>
#include <thread>

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
  IdleBaseline baseline{after.time - before.time, {}};
  for (std::size_t i = 0; i < after.per_domain.size() && i < before.per_domain.size(); ++i) {
    baseline.per_domain.push_back(
        baseline.window.value > 0.0 ? (after.per_domain[i] - before.per_domain[i]) / baseline.window
                                    : Watts{0.0});
  }
  return baseline;
}

std::string describe(const IdleBaseline& baseline, const Meter& meter) {
  std::vector<std::string> parts;
  const auto domains = meter.domains();
  for (std::size_t i = 0; i < baseline.per_domain.size() && i < domains.size(); ++i)
    parts.push_back(fmt::format("{} {:.4g} W", domains[i].name, baseline.per_domain[i].value));
  return fmt::format("{} over {:.3g} s", fmt::join(parts, ", "), baseline.window.value);
}

}  // namespace joulebench
