#include "harness/meters/liveness_probe.h"

#include <fmt/format.h>

#include <algorithm>
#include <optional>

#include "harness/clock.h"

namespace joulebench {
namespace {

// The spin overshoots its window by the clock's granularity and the machine's load (0.2 s
// becomes 0.2065 s): one decimal says what matters.
std::string seconds_text(Seconds s) {
  return s.value >= 0.1 ? fmt::format("{:.1f} s", s.value) : fmt::format("{:.2g} s", s.value);
}

}  // namespace

bool long_enough_to_convict(const EnergyDomain& domain, Seconds elapsed) {
  if (domain.provenance == Provenance::estimated || elapsed.value <= 0.0)
    return false;
  return elapsed >= domain.update_interval * kDeadAfterUpdateIntervals;
}

Seconds spin_for(Seconds window) {
  const Seconds start = steady_now();
  Seconds now = start;
  // Floating-point work the compiler cannot drop, checked against the clock every few
  // thousand steps so the clock's own cost stays small.
  volatile double sink = 1.0;
  while (now - start < window) {
    for (int i = 0; i < 4096; ++i)
      sink = sink * 1.0000001 + 1e-9;
    now = steady_now();
  }
  return now - start;
}

LivenessLoad spinning_load(Seconds window) {
  return LivenessLoad{.window = window, .run = spin_for};
}

std::string DomainProbe::describe() const {
  if (!meter_failure.empty())
    return fmt::format("meter failed over {} of load: {}", seconds_text(window), meter_failure);
  switch (liveness) {
    case Liveness::advanced:
      return fmt::format("{:.4g} J over {} of load", seen.value, seconds_text(window));
    case Liveness::dead:
      return fmt::format("did not advance over {} of load", seconds_text(window));
    case Liveness::not_conclusive:
      return fmt::format(
          "did not advance over {} of load, under {:g} of its update intervals: not "
          "conclusive, a run's longer windows judge it",
          seconds_text(window), kDeadAfterUpdateIntervals);
  }
  return {};
}

std::vector<std::vector<DomainProbe>> probe_liveness(std::span<Meter* const> meters,
                                                     const LivenessLoad& load) {
  std::vector<EnergyReading> before;
  for (Meter* meter : meters)
    before.push_back(meter->read());
  const Seconds window = load.run ? load.run(load.window) : spin_for(load.window);
  std::vector<std::vector<DomainProbe>> results;
  for (std::size_t m = 0; m < meters.size(); ++m) {
    const EnergyReading after = meters[m]->read();
    // A meter that caught its counter lying froze it: "did not advance" would hide the cause.
    const std::optional<std::string> failure = meters[m]->failure();
    const auto domains = meters[m]->domains();
    std::vector<DomainProbe>& probes = results.emplace_back();
    for (std::size_t d = 0; d < domains.size(); ++d) {
      DomainProbe p{.domain = domains[d].name,
                    .liveness = Liveness::advanced,
                    .seen = {},
                    .window = window,
                    .meter_failure = {}};
      if (d < after.per_domain.size() && d < before[m].per_domain.size())
        p.seen = after.per_domain[d] - before[m].per_domain[d];
      if (failure) {
        p.liveness = Liveness::dead;
        p.meter_failure = *failure;
      } else if (p.seen.value <= 0.0) {
        p.liveness =
            long_enough_to_convict(domains[d], window) ? Liveness::dead : Liveness::not_conclusive;
      }
      probes.push_back(std::move(p));
    }
  }
  return results;
}

std::string dead_source_reason(const std::vector<DomainProbe>& probes) {
  std::vector<std::string> dead;
  Seconds window;
  for (const DomainProbe& p : probes) {
    if (!p.meter_failure.empty())
      return fmt::format("the meter failed over {} of load: {}", seconds_text(p.window),
                         p.meter_failure);
    if (p.liveness == Liveness::dead)
      dead.push_back(p.domain);
    window = std::max(window, p.window);
  }
  return fmt::format("{} did not advance over {} of load: a virtualised or disabled sensor ({})",
                     dead.size() == 1 ? "counter" : "counters", seconds_text(window),
                     fmt::join(dead, ", "));
}

}  // namespace joulebench
