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

std::string missing_energy_sentence(const CarbonStatement& s) {
  int runs = 0;
  for (const StatementSource& source : s.sources)
    runs += source.runs_without_energy();
  if (runs == 0)
    return {};
  return fmt::format(
      "{} benchmark run(s) have no energy figure and are not counted in these totals (see the "
      "notes).",
      runs);
}

std::vector<std::string> missing_energy_notes(const CarbonStatement& s) {
  std::vector<std::string> notes;
  for (const StatementSource& source : s.sources) {
    if (source.without_energy.empty())
      continue;
    std::vector<std::string> names;
    for (const MissingEnergy& m : source.without_energy) {
      if (names.size() == kMissingListed)
        break;
      names.push_back(m.runs == 1 ? fmt::format("{} ({})", m.benchmark, m.reason)
                                  : fmt::format("{}, {} runs ({})", m.benchmark, m.runs, m.reason));
    }
    const std::size_t more = source.without_energy.size() - names.size();
    notes.push_back(
        fmt::format("{}: {} benchmark run(s) have no energy figure and are not counted: {}{}.",
                    source.file, source.runs_without_energy(), fmt::join(names, "; "),
                    more > 0 ? fmt::format("; and {} more", more) : std::string()));
  }
  return notes;
}

std::vector<std::pair<std::string, std::string>> source_rows(const StatementSource& s) {
  const bool counted = s.benchmarks > 0;
  std::vector<std::pair<std::string, std::string>> rows = {
      {"Host", s.host},
      {"Hardware", s.hardware},
      {"Energy measurement", s.meter},
      {"Benchmarks", fmt::format("{}", s.benchmarks)},
  };
  if (!s.without_energy.empty()) {
    rows.emplace_back("Without energy figure",
                      fmt::format("{} run(s), not counted", s.runs_without_energy()));
  }
  rows.insert(
      rows.end(),
      {
          {"Energy (IT)", counted ? kwh(s.it_energy_joules) : "n/a (no energy figure)"},
          {"PUE", s.pue},
          {"Emissions", counted ? kg_co2e(s.co2_grams) : "n/a (no energy figure)"},
          {"Region", s.region},
          {"Grid intensity", fmt::format("{} gCO2e/kWh ({})", s.intensity, s.intensity_method)},
          {"Intensity source", s.intensity_source},
      });
  return rows;
}

}  // namespace joulebench::statement_text
