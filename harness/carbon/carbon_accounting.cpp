#include "harness/carbon/carbon_accounting.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <stdexcept>

namespace joulebench {

GridIntensity world_average_intensity() {
  // Green Algorithms v3.0 CI_aggregated.csv, row WORLD (CC-BY-4.0), which cites the IEA Global
  // Energy & CO2 Status Report 2019.
  return {.grams_per_kwh = 475.0,
          .region = "world",
          .source =
              "IEA Global Energy & CO2 Status Report 2019, via Green Algorithms v3.0 "
              "CI_aggregated.csv (CC-BY-4.0)",
          .year = 2019,
          .is_default = true};
}

GridIntensity resolve_grid_intensity(const std::optional<std::string>& code) {
  if (!code || code->empty())
    return world_average_intensity();
  std::string lower = *code;
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (lower == "world") {
    GridIntensity chosen = world_average_intensity();
    chosen.is_default = false;  // asked for explicitly
    return chosen;
  }
  throw std::runtime_error(fmt::format(
      "unknown region '{}': this version knows only 'world' (regional tables: carbon issue #4)",
      *code));
}

void validate_pue(double pue) {
  if (!(pue >= 1.0 && pue <= 3.0)) {
    throw std::runtime_error(
        fmt::format("PUE must be between 1.0 (IT energy only) and 3.0, got {:g}", pue));
  }
}

}  // namespace joulebench
