#include "harness/carbon/carbon_accounting.h"

#include <fmt/format.h>

#include <stdexcept>

#include "harness/carbon/region_lookup.h"

namespace joulebench {

WindowIntensity CarbonAccounting::intensity_for_window_ending(
    std::chrono::system_clock::time_point end) const noexcept {
  if (!series) {
    WindowIntensity fixed;
    fixed.grams_per_kwh = intensity.grams_per_kwh;
    return fixed;
  }
  const IntensitySeries::Lookup found = series->at(end);
  return {.grams_per_kwh = found.grams_per_kwh,
          .from_series = true,
          .series_hour = found.hour_used,
          .hour_present = found.hour_present};
}

GridIntensity world_average_intensity() {
  GridIntensity world = active_region_catalog().lookup("WORLD");
  world.region = "world";
  world.is_default = true;
  return world;
}

GridIntensity resolve_grid_intensity(const std::optional<std::string>& code) {
  if (!code || code->empty())
    return world_average_intensity();
  GridIntensity chosen = active_region_catalog().lookup(*code);
  if (chosen.region == "WORLD")
    chosen.region = "world";  // asked for explicitly: not a default
  return chosen;
}

void validate_pue(double pue) {
  if (!(pue >= 1.0 && pue <= 3.0)) {
    throw std::runtime_error(
        fmt::format("PUE must be between 1.0 (IT energy only) and 3.0, got {:g}", pue));
  }
}

}  // namespace joulebench
