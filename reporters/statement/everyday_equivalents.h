#pragma once
// Everyday comparisons for a mass of CO2e, each with the factor's source and year, so a reader
// can check it. Both factors are tailpipe CO2 of US gasoline use.

#include <array>
#include <string_view>

namespace joulebench {

struct EverydayEquivalent {
  std::string_view unit;      // "km", "litres"
  std::string_view one_unit;  // "km", "litre"
  std::string_view activity;  // "driven by an average passenger car"
  double grams_co2_per_unit;  // grams of CO2 per `unit` of `activity`
  std::string_view source;
};

// US EPA, "Greenhouse Gas Emissions from a Typical Passenger Vehicle", EPA-420-F-23-014 (June
// 2023): about 400 g CO2 per mile (= 400 / 1.609344 g per km), and 8,887 g CO2 per gallon of
// gasoline burned (= 8887 / 3.785411784 g per litre).
inline constexpr std::string_view kEpaVehicleSource =
    "US EPA, Greenhouse Gas Emissions from a Typical Passenger Vehicle, EPA-420-F-23-014 (2023)";
inline constexpr std::array<EverydayEquivalent, 2> kEverydayEquivalents = {{
    {"km", "km", "driven by an average passenger car", 400.0 / 1.609344, kEpaVehicleSource},
    {"litres", "litre", "of gasoline burned", 8887.0 / 3.785411784, kEpaVehicleSource},
}};

}  // namespace joulebench
