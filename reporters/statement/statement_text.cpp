#include "reporters/statement/statement_text.h"

#include <fmt/format.h>

namespace joulebench::statement_text {

std::string number(double value) {
  return fmt::format("{:.3g}", value);
}

std::string kwh(double joules) {
  return number(joules / kJoulesPerKilowattHour) + " kWh";
}

std::string kg_co2e(double grams) {
  return number(grams / 1000.0) + " kg CO2e";
}

std::string social_cost_sentence(const CarbonStatement& s) {
  return fmt::format(
      "At a social cost of carbon of {:g} USD per tonne of CO2 ({}), these emissions did about {} "
      "USD of damage.",
      s.scc.usd_per_tonne, s.scc.source, number(s.scc.usd(s.co2_grams)));
}

bool any_estimated(const CarbonStatement& s) {
  for (const StatementSource& source : s.sources) {
    if (source.meter.find("estimated") != std::string::npos)
      return true;
  }
  return false;
}

std::vector<std::pair<std::string, std::string>> source_rows(const StatementSource& s) {
  return {
      {"Host", s.host},
      {"Hardware", s.hardware},
      {"Energy measurement", s.meter},
      {"Benchmarks", fmt::format("{}", s.benchmarks)},
      {"Energy (IT)", kwh(s.it_energy_joules)},
      {"PUE", s.pue},
      {"Emissions", kg_co2e(s.co2_grams)},
      {"Region", s.region},
      {"Grid intensity", fmt::format("{} gCO2e/kWh ({})", s.intensity, s.intensity_method)},
      {"Intensity source", s.intensity_source},
  };
}

}  // namespace joulebench::statement_text
