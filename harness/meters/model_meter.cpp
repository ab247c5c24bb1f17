#include "harness/meters/model_meter.h"

#include <fmt/format.h>
#include <time.h>

namespace joulebench {
namespace {

Seconds process_cpu_clock_resolution() {
  timespec ts{};
  ::clock_getres(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return Seconds{static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9};
}

}  // namespace

PerCorePower default_per_core_power() {
  return {Watts{12.0}, "Green Algorithms v3.0 TDP_cpu.csv, default row 'Any', CC-BY-4.0"};
}

ModelMeter::ModelMeter(PerCorePower power, ClockFn cpu_clock, ClockFn wall_clock)
    : power_(std::move(power)),
      cpu_clock_(cpu_clock),
      wall_clock_(wall_clock),
      cpu_at_start_(cpu_clock()) {
  domains_.push_back(EnergyDomain{.name = "cpu.estimate",
                                  .provenance = Provenance::estimated,
                                  .resolution = power_.watts * process_cpu_clock_resolution(),
                                  .update_interval = Seconds{0.0}});
}

std::string ModelMeter::method() const {
  return fmt::format("process CPU time x {:g} W per core ({})", power_.watts.value, power_.source);
}

EnergyReading ModelMeter::read() noexcept {
  const Seconds cpu = cpu_clock_() - cpu_at_start_;
  return EnergyReading{.time = wall_clock_(), .per_domain = {power_.watts * cpu}};
}

}  // namespace joulebench
