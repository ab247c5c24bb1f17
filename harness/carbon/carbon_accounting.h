#pragma once
// From joules to grams of CO2-equivalent: energy x PUE x grid intensity. Joules stay the primary
// unit; every gram carries the intensity's region, source and year.

#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "common/units.h"
#include "harness/carbon/intensity_series.h"

namespace joulebench {

struct GridIntensity {
  double grams_per_kwh = 0.0;  // gCO2e per kWh
  std::string region;          // code as found ("world" for the default)
  std::string source;          // publication the figure comes from
  int year = 0;                // year the figure describes
  bool is_default = false;     // true when no region was chosen: not a location
  std::string name{};          // "France", "AWS N. Virginia, Virginia, United States of America"
  std::string method{};        // lifecycle | direct
  std::string chosen_by{};     // "region option", "JOULEBENCH_REGION", "config FILE", or empty
};

// The intensity one measured window was charged with.
struct WindowIntensity {
  double grams_per_kwh = 0.0;
  bool from_series = false;
  UtcHour series_hour{};     // the series row used (from_series only)
  bool hour_present = true;  // false: the window's hour had no row; the nearest was used
};

struct CarbonAccounting {
  GridIntensity intensity;
  double pue = 1.0;  // 1.0 = IT energy only
  // When set, each window uses the series row of the UTC hour it ended in, not `intensity`.
  std::shared_ptr<const IntensitySeries> series = nullptr;

  Joules facility_energy(Joules it_energy) const { return it_energy * pue; }
  GramsCO2e emissions(Joules it_energy, double grams_per_kwh) const {
    return GramsCO2e{facility_energy(it_energy).value / kJoulesPerKilowattHour * grams_per_kwh};
  }
  GramsCO2e emissions(Joules it_energy) const {
    return emissions(it_energy, intensity.grams_per_kwh);
  }
  WindowIntensity intensity_for_window_ending(
      std::chrono::system_clock::time_point end) const noexcept;
};

// The world average, used when no region is given (the WORLD row of the tables).
GridIntensity world_average_intensity();

// Looks `code` up in the active tables (case-insensitive); nullopt or empty means the world
// average, marked as a default. Throws std::runtime_error with a one-line reason, naming the
// closest known codes, for an unknown code.
GridIntensity resolve_grid_intensity(const std::optional<std::string>& code);

// Throws std::runtime_error with a one-line reason unless 1 <= pue <= 3.
void validate_pue(double pue);

}  // namespace joulebench
