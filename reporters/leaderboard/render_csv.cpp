// The leaderboard as CSV (RFC 4180): one row per entry, every figure with its spread, so a
// spreadsheet can redo any table of the report. Energy figures of a row without energy are
// empty, with the reason in no_energy; each measured domain present in any row gets a column
// (its counter name, J/iter median), empty where a row lacks it.

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <set>
#include <vector>

#include "common/result_schema.h"
#include "reporters/leaderboard/render.h"

namespace joulebench {
namespace {

std::string field(std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos)
    return std::string(text);
  std::string out = "\"";
  for (char c : text) {
    if (c == '"')
      out += '"';
    out += c;
  }
  return out + "\"";
}

// Full precision: CSV is for further computation, not for reading.
std::string number(std::optional<double> v) {
  return v ? fmt::format("{}", *v) : "";
}

const std::vector<const char*>& spread_metrics() {
  static const std::vector<const char*> keys = {kTimeMetric, counter::kEnergy};
  return keys;
}

const std::vector<const char*>& median_metrics() {
  static const std::vector<const char*> keys = {
      counter::kPower,     counter::kCo2,      counter::kFlops,   counter::kFlopPerJoule,
      counter::kEnergyNet, counter::kAccuracy, counter::kRelError};
  return keys;
}

// Per-domain counters any entry carries, in name order.
std::vector<std::string> domain_counters(const Report& r) {
  std::set<std::string> names;
  for (const Entry& e : r.entries) {
    for (const auto& [key, spread] : e.metrics) {
      if (counter::is_domain_energy_counter(key))
        names.insert(key);
    }
  }
  return {names.begin(), names.end()};
}

}  // namespace

void render_leaderboard_csv(std::ostream& out, const Report& r) {
  std::vector<std::string> header = {"task",
                                     "workload",
                                     "variant",
                                     "precision",
                                     "backend",
                                     "host",
                                     "cpu_model",
                                     "logical_cpus",
                                     "machine_id",
                                     "rank",
                                     "sorted_by",
                                     "grade_stars",
                                     "energy_ratio_to_best",
                                     "pareto",
                                     "unit",
                                     "batch",
                                     "repetitions"};
  for (const char* key : spread_metrics()) {
    for (const char* suffix : {"", "_min", "_max", "_q1", "_q3"})
      header.push_back(std::string(key) + suffix);
  }
  for (const char* key : median_metrics())
    header.push_back(key);
  const std::vector<std::string> domains = domain_counters(r);
  header.insert(header.end(), domains.begin(), domains.end());
  for (const char* name : {"J_per_unit", "gCO2e_per_1000_units", "provenance", "estimated", "meter",
                           "sources", "error", "repetitions_without_energy", "no_energy"})
    header.push_back(name);
  fmt::print(out, "{}\r\n", fmt::join(header, ","));

  for (const Entry& e : r.entries) {
    const Spread* time = e.spread(kTimeMetric);
    std::vector<std::string> row = {
        field(e.name.task),
        field(e.name.workload),
        field(e.name.variant),
        field(e.name.precision),
        field(e.name.backend),
        field(e.host),
        field(e.machine.cpu_model),
        e.machine.logical_cpus > 0 ? std::to_string(e.machine.logical_cpus) : "",
        field(e.machine.machine_id),
        e.rank > 0 ? std::to_string(e.rank) : "",
        std::string(r.sort.option),
        e.stars ? std::to_string(*e.stars) : "",
        number(e.energy_ratio),
        e.pareto ? "true" : "false",
        std::string(work_unit_name(e.name.unit)),
        std::to_string(e.name.batch),
        time ? std::to_string(time->n) : "0"};
    for (const char* key : spread_metrics()) {
      const Spread* s = e.spread(key);
      for (const double Spread::*member :
           {&Spread::median, &Spread::min, &Spread::max, &Spread::q1, &Spread::q3})
        row.push_back(s ? number(s->*member) : "");
    }
    for (const char* key : median_metrics())
      row.push_back(number(e.median(key)));
    for (const std::string& key : domains)
      row.push_back(number(e.median(key)));
    row.push_back(number(e.joules_per_unit()));
    row.push_back(number(e.grams_per_1000_units()));
    row.push_back(field(e.provenance.empty() ? "none" : e.provenance));
    row.push_back(e.estimated() ? "true" : "false");
    row.push_back(field(e.meter));
    row.push_back(field(fmt::format("{}", fmt::join(e.sources, ";"))));
    row.push_back(field(e.error.value_or("")));
    row.push_back(std::to_string(e.repetitions_without_energy));
    row.push_back(field(e.no_energy_reason));
    fmt::print(out, "{}\r\n", fmt::join(row, ","));
  }
}

}  // namespace joulebench
