// The leaderboard as JSON: every entry with every metric's spread, the tasks with their Pareto
// fronts, the FLOPs-energy correlation per provenance and machine, sources and notes, for other
// programs. An entry without energy has null energy figures and says why in "no_energy".

#include <nlohmann/json.hpp>

#include "reporters/leaderboard/grade.h"
#include "reporters/leaderboard/render.h"

namespace joulebench {
namespace {

using nlohmann::json;

json optional_number(std::optional<double> v) {
  return v ? json(*v) : json(nullptr);
}

json machine_fields(const Machine& m) {
  return {{"host_name", m.host_name},
          {"cpu_model", m.cpu_model.empty() ? json(nullptr) : json(m.cpu_model)},
          {"logical_cpus", m.logical_cpus > 0 ? json(m.logical_cpus) : json(nullptr)},
          {"machine_id", m.machine_id.empty() ? json(nullptr) : json(m.machine_id)}};
}

json entry_json(const Entry& e) {
  json domains = json::object();
  for (const auto& [domain, joules] : e.domain_energies())
    domains[domain] = joules;
  json metrics = json::object();
  for (const auto& [key, s] : e.metrics) {
    metrics[key] = {{"median", s.median}, {"min", s.min}, {"max", s.max},
                    {"q1", s.q1},         {"q3", s.q3},   {"n", s.n}};
  }
  return {{"task", e.name.task},
          {"workload", e.name.workload},
          {"variant", e.name.variant},
          {"precision", e.name.precision},
          {"backend", e.name.backend},
          {"host", e.host},
          {"machine", machine_fields(e.machine)},
          {"rank", e.rank > 0 ? json(e.rank) : json(nullptr)},
          {"grade_stars", e.stars ? json(*e.stars) : json(nullptr)},
          {"energy_ratio_to_best", optional_number(e.energy_ratio)},
          {"pareto", e.pareto},
          {"unit", work_unit_name(e.name.unit)},
          {"batch", e.name.batch},
          {"J_per_unit", optional_number(e.joules_per_unit())},
          {"gCO2e_per_1000_units", optional_number(e.grams_per_1000_units())},
          {"provenance", e.provenance.empty() ? "none" : e.provenance},
          {"estimated", e.estimated()},
          {"meter", e.meter},
          {"from_aggregates", e.from_aggregates},
          {"sources", e.sources},
          {"error", e.error ? json(*e.error) : json(nullptr)},
          {"repetitions_without_energy", e.repetitions_without_energy},
          {"no_energy", e.no_energy_reason.empty() ? json(nullptr) : json(e.no_energy_reason)},
          {"energy_by_domain_J", domains},
          {"metrics", metrics}};
}

}  // namespace

void render_leaderboard_json(std::ostream& out, const Report& r) {
  json tasks = json::array();
  for (const TaskInfo& t : r.tasks) {
    json pareto = json::array();
    for (const Entry& e : task_rows(r, t)) {
      if (e.pareto)
        pareto.push_back({{"workload", e.name.workload}, {"host", e.host}});
    }
    tasks.push_back({{"task", t.name},
                     {"quality", t.quality.empty() ? json(nullptr) : json(t.quality)},
                     {"unit", work_unit_name(t.unit)},
                     {"pareto", pareto}});
  }
  json entries = json::array();
  for (const Entry& e : r.entries)
    entries.push_back(entry_json(e));
  json sources = json::array();
  for (const SourceInfo& s : r.sources) {
    sources.push_back(
        {{"source", s.source},
         {"host", s.host},
         {"machine", machine_fields(s.machine)},
         {"date", s.date},
         {"has_energy", s.has_energy},
         {"meter", s.meter},
         {"method", s.method},
         {"provenance", s.provenance},
         {"region", s.region},
         {"intensity", s.intensity},
         {"pue", s.pue},
         {"rows", s.rows},
         {"rows_without_energy", s.rows_without_energy},
         {"no_energy", s.no_energy_reason.empty() ? json(nullptr) : json(s.no_energy_reason)},
         {"timelines", s.timelines}});
  }
  json correlations = json::array();
  for (const FlopsEnergyCorrelation& c : r.flops_energy) {
    correlations.push_back({{"provenance", c.provenance},
                            {"host", c.machine.label},
                            {"machine", machine_fields(c.machine)},
                            {"spearman_rho", optional_number(c.rho)},
                            {"rows", c.rows}});
  }
  json timelines = json::array();
  for (const TimelineSeries& s : r.timelines) {
    timelines.push_back({{"name", s.timeline.name},
                         {"host", s.host},
                         {"estimated", s.estimated},
                         {"interval_s", s.timeline.interval_s},
                         {"t_s", s.timeline.t_s},
                         {"power_W", s.timeline.power_W}});
  }
  const json doc = {
      {kLeaderboardMarker, 1},  // the format's version; see result_file.h
      {"sorted_by",
       {{"option", r.sort.option},
        {"metric", r.sort.key},
        {"higher_is_better", r.sort.higher_is_better},
        {"ranked_within_provenance", r.sort.from_energy}}},
      {"grade_scale",
       {{"relative_to", "lowest J/iter in the task among rows of the same provenance"},
        {"max_ratio_for_stars",
         {{"5", kStarRatioLimits[0]},
          {"4", kStarRatioLimits[1]},
          {"3", kStarRatioLimits[2]},
          {"2", kStarRatioLimits[3]}}}}},
      {"entries", entries},
      {"tasks", tasks},
      {"flops_vs_energy", {{"scope", "one provenance on one machine"}, {"groups", correlations}}},
      {"any_estimated", r.any_estimated},
      {"hosts", r.machines},
      {"sources", sources},
      {"notes", r.notes},
      {"power_timelines", timelines}};
  // File paths are bytes, not UTF-8: an invalid sequence is written as U+FFFD (README, "JSON
  // output") instead of failing the whole report with type_error.316.
  out << doc.dump(2, ' ', /*ensure_ascii=*/false, nlohmann::json::error_handler_t::replace) << '\n';
}

}  // namespace joulebench
