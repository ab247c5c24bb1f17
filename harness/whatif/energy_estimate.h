#pragma once
// An estimate of energy and emissions from hardware, time and place, without running anything,
// the way the ML CO2 Impact and Green Algorithms calculators make it:
//   IT energy       = sum over devices of (TDP x count) x utilization x hours
//   facility energy = IT energy x PUE
//   CO2e            = facility energy (kWh) x grid intensity (gCO2e/kWh)
// Utilization is the average fraction of TDP drawn; 1.0 (the default) is an upper bound.

#include <vector>

#include "common/units.h"
#include "harness/carbon/carbon_accounting.h"
#include "harness/whatif/device_power.h"

namespace joulebench {

struct EstimateInput {
  std::vector<DevicePower> devices;
  Seconds duration;
  double utilization = 1.0;
  CarbonAccounting carbon;  // intensity and PUE
};

struct EnergyEstimate {
  Watts tdp_total;      // every device at TDP
  Watts average_power;  // tdp_total x utilization
  Joules it_energy;
  Joules facility_energy;
  GramsCO2e co2;
};

// Throws std::runtime_error with a one-line reason for hours <= 0 (or not finite), utilization
// outside [0, 1], or a device count below 1. (The PUE is checked by validate_pue.)
void validate_estimate(double hours, double utilization, int count);

EnergyEstimate estimate_energy(const EstimateInput& input);

}  // namespace joulebench
