#include "harness/whatif/energy_estimate.h"

#include <fmt/format.h>

#include <cmath>
#include <stdexcept>

namespace joulebench {

void validate_estimate(double hours, double utilization, int count) {
  if (!(std::isfinite(hours) && hours > 0.0))
    throw std::runtime_error(fmt::format("--hours must be a number above 0, got {:g}", hours));
  if (!(utilization >= 0.0 && utilization <= 1.0))
    throw std::runtime_error(
        fmt::format("--utilization is the average fraction of TDP drawn, between 0 and 1; got {:g}",
                    utilization));
  if (count < 1)
    throw std::runtime_error(fmt::format("device counts must be at least 1, got {}", count));
}

EnergyEstimate estimate_energy(const EstimateInput& input) {
  EnergyEstimate e;
  for (const DevicePower& d : input.devices)
    e.tdp_total += d.total();
  e.average_power = e.tdp_total * input.utilization;
  e.it_energy = e.average_power * input.duration;
  e.facility_energy = input.carbon.facility_energy(e.it_energy);
  e.co2 = input.carbon.emissions(e.it_energy);
  return e;
}

}  // namespace joulebench
