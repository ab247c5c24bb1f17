#include "reporters/statement/statement_text.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

#include "reporters/statement/everyday_equivalents.h"

namespace joulebench::statement_text {

std::string plain_number(double value) {
  if (value >= 1000.0)
    return fmt::format("{:.0f}", value);
  if (value >= 0.001)
    return number(value);
  return value > 0.0 ? "less than 0.001" : "0";
}

std::string opening_sentence(const CarbonStatement& s) {
  // Per provenance: how many benchmarks, and their energy and emissions. A measured figure and an
  // estimate are told apart wherever both are in the totals.
  struct Part {
    const char* how;
    int benchmarks = 0;
    double joules = 0.0, grams = 0.0;
  };
  Part parts[] = {{"measured by energy sensors"},
                  {"with energy estimated from a model of the hardware, not measured"},
                  {"from files that do not say whether their energy was measured"}};
  for (const StatementSource& source : s.sources) {
    Part& p = parts[source.provenance == "measured" ? 0 : source.provenance == "estimated" ? 1 : 2];
    p.benchmarks += source.benchmarks;
    p.joules += source.it_energy_joules;
    p.grams += source.co2_grams;
  }
  const int all = parts[0].benchmarks + parts[1].benchmarks + parts[2].benchmarks;
  std::string how, energy_split, co2_split;
  const auto present = [&](const Part& p) { return p.benchmarks > 0; };
  if (std::count_if(std::begin(parts), std::end(parts), present) <= 1) {
    const auto only = std::find_if(std::begin(parts), std::end(parts), present);
    how = only == std::end(parts) ? parts[2].how : only->how;
  } else {
    constexpr const char* kShort[] = {"measured", "estimated", "unknown"};
    std::vector<std::string> counts, energies, emissions;
    for (std::size_t i = 0; i < std::size(parts); ++i) {
      if (!present(parts[i]))
        continue;
      counts.push_back(fmt::format("{} {}", parts[i].benchmarks, parts[i].how));
      energies.push_back(fmt::format("{} {}", energy(parts[i].joules), kShort[i]));
      emissions.push_back(fmt::format("{} {}", co2e(parts[i].grams), kShort[i]));
    }
    how = fmt::format("{}", fmt::join(counts, "; "));
    energy_split = fmt::format(" ({})", fmt::join(energies, ", "));
    co2_split = fmt::format(" ({})", fmt::join(emissions, ", "));
  }
  const auto& car = kEverydayEquivalents[0];
  const auto& fuel = kEverydayEquivalents[1];
  return fmt::format(
      "The {} benchmark{} in {} result file{} ({}) used {}{} of electricity at the hardware (IT "
      "energy) and emitted {}{}, with the facility overhead (PUE) and the grid carbon intensity "
      "below applied. That is about as much CO2 as {} {} {}, or {} {} {}.",
      all, all == 1 ? "" : "s", s.sources.size(), s.sources.size() == 1 ? "" : "s", how,
      energy(s.it_energy_joules), energy_split, co2e(s.co2_grams), co2_split,
      plain_number(s.co2_grams / car.grams_co2_per_unit), car.unit, car.activity,
      plain_number(s.co2_grams / fuel.grams_co2_per_unit), fuel.unit, fuel.activity);
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
          {"Energy (IT)", counted ? energy(s.it_energy_joules) : "n/a (no energy figure)"},
          {"PUE", s.pue},
          {"Emissions", counted ? co2e(s.co2_grams) : "n/a (no energy figure)"},
          {"Region", s.region},
          {"Grid intensity", fmt::format("{} gCO2e/kWh ({})", s.intensity, s.intensity_method)},
          {"Intensity source", s.intensity_source},
      });
  return rows;
}

}  // namespace joulebench::statement_text
