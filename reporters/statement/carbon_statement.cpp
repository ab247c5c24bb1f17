#include "reporters/statement/carbon_statement.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <stdexcept>

#include "common/result_schema.h"
#include "reporters/row_energy.h"

namespace joulebench {
namespace {

// A file written by joulebench: a meter in its context, or a row that carries (or lost) energy.
// A plain Google Benchmark file has none of these, and stating its "energy" would be wrong.
bool is_joulebench_run(const ResultFile& file) {
  if (file.context_value(context_key::kMeter))
    return true;
  return std::any_of(file.rows.begin(), file.rows.end(),
                     [](const ResultRow& row) { return has_energy(row) || lost_energy(row); });
}

// Why a row cannot be summed, or "" when it can: its energy, then its CO2e.
std::string why_not_counted(const ResultRow& row, std::string_view provenance) {
  if (!has_energy(row))
    return missing_energy_reason(row, provenance);
  const auto co2 = row.counter(counter::kCo2);
  if (!co2)
    return fmt::format("no {} counter", counter::kCo2);
  if (!std::isfinite(*co2) || *co2 < 0.0)
    return fmt::format("{} is not a number of grams", counter::kCo2);
  return {};
}

// Where each (benchmark, reason) already sits in a source's list, so that counting a run is a
// lookup, not a scan of the list (quadratic over a file of thousands of failed rows).
using MissingIndex = std::map<std::pair<std::string, std::string>, std::size_t>;

void add_missing(std::vector<MissingEnergy>& missing, MissingIndex& index, const std::string& name,
                 std::string reason) {
  const auto [at, inserted] = index.try_emplace({name, reason}, missing.size());
  if (inserted) {
    missing.push_back({.benchmark = name, .reason = std::move(reason), .runs = 1});
  } else {
    ++missing[at->second].runs;
  }
}

}  // namespace

int StatementSource::runs_without_energy() const {
  int runs = 0;
  for (const MissingEnergy& m : without_energy)
    runs += m.runs;
  return runs;
}

CarbonStatement build_carbon_statement(const std::vector<ResultFile>& files) {
  CarbonStatement statement;
  for (const ResultFile& file : files) {
    namespace k = context_key;
    if (!is_joulebench_run(file))
      throw std::runtime_error(fmt::format("{}: no {} / {} counters (not a joulebench run?)",
                                           file.source, counter::kEnergy, counter::kCo2));
    auto context = [&file](const char* key) {
      return file.context_value(key).value_or("not recorded");
    };
    StatementSource s{.file = file.source,
                      .host = file.context_value("host_name").value_or("unknown host"),
                      .hardware = context(k::kCpuModel),
                      .region = context(k::kRegion),
                      .intensity = context(k::kIntensity),
                      .intensity_source = context(k::kIntensitySource),
                      .intensity_method = context(k::kIntensityMethod),
                      .pue = context(k::kPue),
                      .meter = fmt::format("{} ({}): {}", context(k::kMeter),
                                           context(k::kProvenance), context(k::kMeterMethod)),
                      .provenance = file.context_value(k::kProvenance).value_or("")};
    MissingIndex missing_index;
    for (const ResultRow& row : file.rows) {
      if (row.run_type != "iteration" || row.error_message)
        continue;
      const std::string& name = row.run_name.empty() ? row.name : row.run_name;
      if (std::string why = why_not_counted(row, context(k::kProvenance)); !why.empty()) {
        add_missing(s.without_energy, missing_index, name, std::move(why));
        continue;
      }
      const auto n = static_cast<double>(row.iterations);
      s.it_energy_joules += *row.counter(counter::kEnergy) * n;
      s.co2_grams += *row.counter(counter::kCo2) * n;
      ++s.benchmarks;
    }
    statement.it_energy_joules += s.it_energy_joules;
    statement.co2_grams += s.co2_grams;
    statement.sources.push_back(std::move(s));
  }
  const bool any_energy = std::any_of(statement.sources.begin(), statement.sources.end(),
                                      [](const StatementSource& s) { return s.benchmarks > 0; });
  if (!any_energy) {
    int runs = 0;
    std::string first;
    for (const StatementSource& s : statement.sources) {
      runs += s.runs_without_energy();
      if (first.empty() && !s.without_energy.empty())
        first = fmt::format("{} in {}: {}", s.without_energy.front().benchmark, s.file,
                            s.without_energy.front().reason);
    }
    throw std::runtime_error(fmt::format(
        "no benchmark in the result file(s) has an energy figure ({} run(s) without{}{}): "
        "nothing to state; measure again with a working meter (joulebench meters) or --meter "
        "model for a labelled estimate",
        runs, first.empty() ? "" : ", e.g. ", first));
  }
  return statement;
}

}  // namespace joulebench
