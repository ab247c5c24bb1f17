#include "reporters/statement/statement_text.h"

#include <fmt/format.h>

#include <utility>
#include <vector>

#include "reporters/statement/everyday_equivalents.h"

namespace joulebench::statement_text {

std::string number(double value) {
  return fmt::format("{:.3g}", value);
}

std::string plain_number(double value) {
  if (value >= 1000.0)
    return fmt::format("{:.0f}", value);
  if (value >= 0.001)
    return number(value);
  return value > 0.0 ? "less than 0.001" : "0";
}

std::string opening_sentence(const CarbonStatement& s) {
  int measured = 0, estimated = 0, unknown = 0;
  for (const StatementSource& source : s.sources) {
    (source.provenance == "measured"    ? measured
     : source.provenance == "estimated" ? estimated
                                        : unknown) += source.benchmarks;
  }
  const int all = measured + estimated + unknown;
  constexpr const char* kMeasured = "measured by energy sensors";
  constexpr const char* kEstimated =
      "with energy estimated from a model of the hardware, not measured";
  constexpr const char* kUnknown = "from files that do not say whether their energy was measured";
  std::string how;
  if (measured == all)
    how = kMeasured;
  else if (estimated == all)
    how = kEstimated;
  else if (unknown == all)
    how = kUnknown;
  else {
    std::vector<std::string> parts;
    for (const auto& [n, what] : {std::pair{measured, kMeasured}, std::pair{estimated, kEstimated},
                                  std::pair{unknown, kUnknown}}) {
      if (n > 0)
        parts.push_back(fmt::format("{} {}", n, what));
    }
    how = fmt::format("{}", fmt::join(parts, "; "));
  }
  const auto& car = kEverydayEquivalents[0];
  const auto& fuel = kEverydayEquivalents[1];
  return fmt::format(
      "The {} benchmark{} in {} result file{} ({}) used {} of electricity at the hardware (IT "
      "energy) and emitted {}, with the facility overhead (PUE) and the grid carbon intensity "
      "below applied. That is about as much CO2 as {} {} {}, or {} {} {}.",
      all, all == 1 ? "" : "s", s.sources.size(), s.sources.size() == 1 ? "" : "s", how,
      kwh(s.it_energy_joules), kg_co2e(s.co2_grams),
      plain_number(s.co2_grams / car.grams_co2_per_unit), car.unit, car.activity,
      plain_number(s.co2_grams / fuel.grams_co2_per_unit), fuel.unit, fuel.activity);
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
    if (source.provenance == "estimated")
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
