#include "common/quantity_text.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "common/units.h"

namespace joulebench::quantity_text {

std::string number(double value) {
  if (value == 0.0 || !std::isfinite(value))
    return fmt::format("{}", value);
  // Enough decimals for three significant digits, then the zeros after the last digit dropped.
  const int exponent = static_cast<int>(std::floor(std::log10(std::fabs(value))));
  std::string text = fmt::format("{:.{}f}", value, std::clamp(2 - exponent, 0, 20));
  if (text.find('.') != std::string::npos) {
    text.erase(text.find_last_not_of('0') + 1);
    if (text.back() == '.')
      text.pop_back();
  }
  return text;
}

std::string energy(double joules, double scale) {
  constexpr double kJoulesPerWattHour = 3600.0;
  if (scale >= kJoulesPerKilowattHour)
    return number(joules / kJoulesPerKilowattHour) + " kWh";
  if (scale >= kJoulesPerWattHour)
    return number(joules / kJoulesPerWattHour) + " Wh";
  return number(joules) + " J";
}

std::string energy(double joules) {
  return energy(joules, joules);
}

std::string co2e(double grams, double scale) {
  if (scale >= 1000.0)
    return number(grams / 1000.0) + " kg CO2e";
  return number(grams) + " g CO2e";
}

std::string co2e(double grams) {
  return co2e(grams, grams);
}

}  // namespace joulebench::quantity_text
