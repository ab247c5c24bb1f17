#pragma once
// The estimate, for machines without an energy sensor (VMs, containers, most laptops in CI):
// energy = process CPU time x power per busy core. Every figure it gives is labelled estimated.

#include <string>
#include <vector>

#include "harness/clock.h"
#include "harness/meters/meter.h"

namespace joulebench {

struct PerCorePower {
  Watts watts;
  std::string source;  // where the figure comes from, recorded in every result's context
};

// 12 W per core: the default ("Any") row of Green Algorithms v3.0 data/v3.0/TDP_cpu.csv
// (Lannelongue et al., CC-BY-4.0), the value their calculator uses for an unknown CPU.
PerCorePower default_per_core_power();

class ModelMeter final : public Meter {
 public:
  explicit ModelMeter(PerCorePower power, ClockFn cpu_clock = process_cpu_now,
                      ClockFn wall_clock = steady_now);

  std::string_view name() const override { return "model"; }
  std::string method() const override;
  std::span<const EnergyDomain> domains() const override { return domains_; }
  EnergyReading read() noexcept override;

 private:
  PerCorePower power_;
  ClockFn cpu_clock_;
  ClockFn wall_clock_;
  Seconds cpu_at_start_;
  std::vector<EnergyDomain> domains_;
};

}  // namespace joulebench
