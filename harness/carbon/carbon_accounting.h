#pragma once
// From joules to grams of CO2-equivalent: energy x PUE x grid intensity. Joules stay the primary
// unit; every gram carries the intensity's region, source and year.

#include <optional>
#include <string>

#include "harness/units.h"

namespace joulebench {

struct GridIntensity {
  double grams_per_kwh = 0.0;  // gCO2e per kWh
  std::string region;          // code as given ("world" for the default)
  std::string source;          // publication the figure comes from
  int year = 0;                // year the figure describes
  bool is_default = false;     // true when no region was chosen: not a location
};

struct CarbonAccounting {
  GridIntensity intensity;
  double pue = 1.0;  // 1.0 = IT energy only

  Joules facility_energy(Joules it_energy) const { return it_energy * pue; }
  GramsCO2e emissions(Joules it_energy) const {
    return GramsCO2e{facility_energy(it_energy).value / kJoulesPerKilowattHour *
                     intensity.grams_per_kwh};
  }
};

// The world average, used when no region is given.
GridIntensity world_average_intensity();

// Looks `code` up (case-insensitive); nullopt or empty means the world average. Throws
// std::runtime_error with a one-line reason for an unknown code.
GridIntensity resolve_grid_intensity(const std::optional<std::string>& code);

// Throws std::runtime_error with a one-line reason unless 1 <= pue <= 3.
void validate_pue(double pue);

}  // namespace joulebench
