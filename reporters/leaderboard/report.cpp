#include "reporters/leaderboard/report.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>
#include <tuple>

#include "common/result_schema.h"
#include "reporters/leaderboard/grade.h"
#include "reporters/report_rows.h"
#include "reporters/row_energy.h"
#include "reporters/statistics/spearman.h"

namespace joulebench {
namespace {

// The quality figure of a task: accuracy where a model reports it, else the kernels' error.
std::string quality_of(const std::vector<Entry*>& task_entries) {
  bool rel_error = false;
  for (const Entry* e : task_entries) {
    if (e->median(counter::kAccuracy))
      return counter::kAccuracy;
    rel_error = rel_error || e->median(counter::kRelError).has_value();
  }
  return rel_error ? counter::kRelError : "";
}

// Marks the rows no other row dominates: none has energy (lower is better) and quality both at
// least as good and one of them better. One sort and a sweep, O(n log n): rows sorted by energy,
// a row is dominated by an earlier (lower-energy) row at least as good in quality, or by a row of
// equal energy with better quality. A NaN compares false, so a row with one neither dominates
// nor is dominated (as a pairwise check would have it): it stays out of the sweep, on the front.
void mark_pareto(std::vector<Entry*>& task_entries, const std::string& quality) {
  if (quality.empty())
    return;
  const double sign = quality == counter::kAccuracy ? 1.0 : -1.0;  // higher is better
  struct Point {
    double energy, quality;
    Entry* entry;
  };
  std::vector<Point> points;
  for (Entry* e : task_entries) {
    const auto energy = e->median(counter::kEnergy);
    const auto q = e->median(quality);
    if (!energy || !q)
      continue;
    if (std::isnan(*energy) || std::isnan(*q)) {
      e->pareto = true;
      continue;
    }
    points.push_back({*energy, sign * *q, e});
  }
  std::sort(points.begin(), points.end(), [](const Point& a, const Point& b) {
    return a.energy != b.energy ? a.energy < b.energy : a.quality > b.quality;
  });
  double best_below = -std::numeric_limits<double>::infinity();  // best quality at lower energy
  bool any_below = false;
  for (std::size_t i = 0; i < points.size();) {
    std::size_t end = i;
    while (end < points.size() && points[end].energy == points[i].energy)
      ++end;
    const double best_here = points[i].quality;  // sorted best quality first within an energy
    for (std::size_t k = i; k < end; ++k) {
      const double q = points[k].quality;
      points[k].entry->pareto = !(any_below && best_below >= q) && !(best_here > q);
    }
    best_below = any_below ? std::max(best_below, best_here) : best_here;
    any_below = true;
    i = end;
  }
}

void grade(std::vector<Entry*>& task_entries) {
  double best = std::numeric_limits<double>::infinity();
  for (const Entry* e : task_entries) {
    if (const auto energy = e->median(counter::kEnergy); energy && *energy > 0.0)
      best = std::min(best, *energy);
  }
  if (best == std::numeric_limits<double>::infinity())
    return;
  for (Entry* e : task_entries) {
    if (const auto energy = e->median(counter::kEnergy); energy && *energy > 0.0) {
      e->energy_ratio = *energy / best;
      e->stars = efficiency_stars(*e->energy_ratio);
    }
  }
}

// Measured figures first: they are what a leaderboard is for; estimates after them.
int provenance_order(const std::string& provenance) {
  if (provenance == "measured")
    return 0;
  if (provenance == "estimated")
    return 2;
  return provenance.empty() ? 3 : 1;
}

// Best first by the sort metric; rows without it last, in their merged order. An energy-derived
// metric ranks each provenance on its own (measured first), numbering each from 1: a model's
// estimate and a meter's reading are not comparable figures.
void rank(std::vector<Entry*>& task_entries, const SortMetric& sort) {
  auto group = [&](const Entry* e) {
    return sort.from_energy ? provenance_order(e->provenance) : 0;
  };
  std::stable_sort(task_entries.begin(), task_entries.end(), [&](const Entry* a, const Entry* b) {
    if (group(a) != group(b))
      return group(a) < group(b);
    const auto va = a->median(sort.key);
    const auto vb = b->median(sort.key);
    if (!va || !vb)
      return va.has_value() && !vb.has_value();
    return sort.higher_is_better ? *va > *vb : *va < *vb;
  });
  int rank_number = 0;
  for (std::size_t i = 0; i < task_entries.size(); ++i) {
    Entry* e = task_entries[i];
    if (i > 0 && group(task_entries[i - 1]) != group(e))
      rank_number = 0;
    e->rank = e->median(sort.key) ? ++rank_number : 0;
  }
}

SourceInfo describe(const ResultFile& file, const Machine& machine) {
  auto ctx = [&](const char* key) { return file.context_value(key).value_or(""); };
  SourceInfo s;
  s.source = file.source;
  s.machine = machine;
  s.host = machine.label;
  s.date = ctx("date");
  s.has_energy = has_energy(file);
  if (s.has_energy) {
    s.meter = ctx(context_key::kMeter);
    s.method = ctx(context_key::kMeterMethod);
    s.provenance = provenance_of(file);
    s.region = ctx(context_key::kRegion);
    s.intensity = ctx(context_key::kIntensity);
    s.pue = ctx(context_key::kPue);
    // The rows a summary shows (medians where there are repetitions): a stddev of 0 J is no
    // missing energy. Failed benchmarks say so in their own rows.
    for (const ResultRow* row : summary_rows(file)) {
      if (has_energy(*row) || row->error_message)
        continue;
      if (s.rows_without_energy++ == 0)
        s.no_energy_reason = missing_energy_reason(*row, s.provenance);
    }
  }
  s.rows = file.rows.size();
  s.timelines = file.timelines.size();
  return s;
}

// One correlation per provenance and machine, over the rows of flops_rows.
std::vector<FlopsEnergyCorrelation> correlations(const Report& report) {
  struct Group {
    FlopsEnergyCorrelation info;
    std::vector<double> flops, joules;
  };
  std::map<std::tuple<int, std::string, std::string>, Group> groups;
  for (const Entry* e : flops_rows(report)) {
    Group& g = groups[{provenance_order(e->provenance), e->host, e->machine.key}];
    g.info.provenance = e->provenance;
    g.info.machine = e->machine;
    g.flops.push_back(*e->median(counter::kFlops));
    g.joules.push_back(*e->median(counter::kEnergy));
  }
  std::vector<FlopsEnergyCorrelation> out;
  for (auto& [key, g] : groups) {
    g.info.rows = g.flops.size();
    g.info.rho = spearman_rho(g.flops, g.joules);
    out.push_back(std::move(g.info));
  }
  return out;
}

// Said once for the whole report rather than as "n/a" explained on every row.
std::vector<std::string> missing_notes(const std::vector<ResultFile>& files,
                                       const std::vector<Machine>& machines,
                                       const std::vector<Entry>& entries) {
  std::vector<std::string> notes;
  std::vector<std::string> plain;
  for (std::size_t f = 0; f < files.size(); ++f) {
    if (!has_energy(files[f]))
      plain.push_back(fmt::format("{} ({})", files[f].source, machines[f].label));
  }
  if (!plain.empty()) {
    notes.push_back(fmt::format(
        "No energy counters in {}: plain Google Benchmark output, so its rows have time only "
        "(J, W, gCO2e, FLOP/J, grade: n/a).",
        fmt::join(plain, ", ")));
  }
  std::vector<std::string> absent;
  for (const char* key : {counter::kEnergy, counter::kPower, counter::kCo2, counter::kFlops,
                          counter::kAccuracy, counter::kRelError}) {
    if (std::none_of(entries.begin(), entries.end(),
                     [&](const Entry& e) { return e.median(key).has_value(); }))
      absent.push_back(key);
  }
  if (!absent.empty())
    notes.push_back(fmt::format("No input carries {}.", fmt::join(absent, ", ")));
  return notes;
}

// Rows whose label says they ran a fallback code path: a comparison with them says more about
// the library's CPU tables than about the work, and the reader must know.
std::optional<std::string> fallback_note(const std::vector<ResultFile>& files,
                                         const std::vector<Machine>& machines) {
  constexpr std::size_t kListed = 10;
  std::set<std::string> rows;
  for (std::size_t f = 0; f < files.size(); ++f) {
    for (const ResultRow& row : files[f].rows) {
      if (row.label.ends_with(row_label::kFallback))
        rows.insert(fmt::format("{} on {} ({})", benchmark_workload(row.run_name),
                                machines[f].label, row.label));
    }
  }
  if (rows.empty())
    return std::nullopt;
  std::vector<std::string> listed(rows.begin(),
                                  std::next(rows.begin(), std::min(rows.size(), kListed)));
  if (rows.size() > kListed)
    listed.push_back(fmt::format("and {} more", rows.size() - kListed));
  return fmt::format(
      "Ran a fallback code path, slower than its CPU allows, so comparisons with these rows are "
      "not fair: {}.",
      fmt::join(listed, "; "));
}

}  // namespace

const std::vector<SortMetric>& sort_metrics() {
  static const std::vector<SortMetric> metrics = {
      {"energy", counter::kEnergy, "J/iter", false, true},
      {"time", kTimeMetric, "time/iter", false, false},
      {"co2", counter::kCo2, "gCO2e/iter", false, true},
      {"power", counter::kPower, "W", false, true},
      {"flop_per_J", counter::kFlopPerJoule, "FLOP/J", true, true},
      {"accuracy", counter::kAccuracy, "accuracy", true, false},
      {"rel_error", counter::kRelError, "rel_error", false, false},
  };
  return metrics;
}

const SortMetric* find_sort_metric(std::string_view option) {
  for (const SortMetric& m : sort_metrics()) {
    if (m.option == option)
      return &m;
  }
  return nullptr;
}

Report build_report(const std::vector<ResultFile>& files, const SortMetric& sort) {
  Report report;
  report.sort = sort;
  const std::vector<Machine> machines = machines_of(files);
  report.entries = merge_entries(files, machines);

  std::map<std::string, std::vector<Entry*>> by_task;
  for (Entry& e : report.entries) {
    by_task[e.name.task].push_back(&e);
    report.any_estimated = report.any_estimated || e.estimated();
  }
  std::vector<Entry> ordered;
  ordered.reserve(report.entries.size());
  for (auto& [task, task_entries] : by_task) {
    TaskInfo info{task, quality_of(task_entries), task_entries.front()->name.unit, ordered.size(),
                  task_entries.size()};
    // Grades and Pareto fronts compare like with like: an estimate is never the yardstick of a
    // measurement, nor the other way round (hosts are compared; that is what a leaderboard is for).
    std::map<std::string, std::vector<Entry*>> by_provenance;
    for (Entry* e : task_entries)
      by_provenance[e->provenance].push_back(e);
    for (auto& [provenance, group] : by_provenance) {
      mark_pareto(group, info.quality);
      grade(group);
    }
    rank(task_entries, sort);
    for (Entry* e : task_entries)
      ordered.push_back(std::move(*e));
    report.tasks.push_back(std::move(info));
  }
  report.entries = std::move(ordered);

  report.flops_energy = correlations(report);

  std::set<std::string> machine_keys;
  std::vector<std::string> dead_timelines;
  for (std::size_t f = 0; f < files.size(); ++f) {
    const ResultFile& file = files[f];
    report.sources.push_back(describe(file, machines[f]));
    machine_keys.insert(machines[f].key);
    const bool estimated = file.context_value(context_key::kProvenance).value_or("") == "estimated";
    for (const PowerTimeline& t : file.timelines) {
      // A timeline that never rises above 0 W is a sensor that did not count, not a figure.
      if (std::none_of(t.power_W.begin(), t.power_W.end(), [](double w) { return w > 0.0; })) {
        dead_timelines.push_back(fmt::format("{} on {}", t.name, machines[f].label));
        continue;
      }
      report.timelines.push_back({machines[f].label, estimated, t});
    }
  }
  report.machines = machine_keys.size();
  report.notes = missing_notes(files, machines, report.entries);
  if (auto note = fallback_note(files, machines))
    report.notes.push_back(std::move(*note));
  if (!dead_timelines.empty()) {
    report.notes.push_back(fmt::format(
        "Power timeline{} left out, every sample 0 W or less (a sensor that did not count): {}.",
        dead_timelines.size() == 1 ? "" : "s", fmt::join(dead_timelines, ", ")));
  }
  return report;
}

std::span<const Entry> task_rows(const Report& report, const TaskInfo& task) {
  const std::size_t end = std::min(task.first + task.rows, report.entries.size());
  return std::span<const Entry>(report.entries)
      .subspan(std::min(task.first, end), end - std::min(task.first, end));
}

std::vector<const Entry*> quality_rows(const Report& report, const TaskInfo& task) {
  std::vector<const Entry*> rows;
  for (const Entry& e : task_rows(report, task)) {
    if (e.median(counter::kEnergy))
      rows.push_back(&e);
  }
  std::stable_sort(rows.begin(), rows.end(), [](const Entry* a, const Entry* b) {
    return *a->median(counter::kEnergy) < *b->median(counter::kEnergy);
  });
  return rows;
}

std::vector<const Entry*> energy_gap_rows(const Report& report) {
  std::vector<const Entry*> rows;
  for (const Entry& e : report.entries) {
    if (e.repetitions_without_energy > 0)
      rows.push_back(&e);
  }
  return rows;
}

std::vector<const Entry*> flops_rows(const Report& report) {
  // The sort keys are looked up once per row: a metric lookup per comparison was an eighth of a
  // 10^5-row report's time.
  struct Keyed {
    double flops, joules;
    const Entry* entry;
  };
  std::vector<Keyed> keyed;
  for (const Entry& e : report.entries) {
    const auto f = e.median(counter::kFlops);
    const auto j = e.median(counter::kEnergy);
    if (f && *f > 0.0 && j)
      keyed.push_back({*f, *j, &e});
  }
  std::stable_sort(keyed.begin(), keyed.end(), [](const Keyed& a, const Keyed& b) {
    return std::pair(a.flops, a.joules) < std::pair(b.flops, b.joules);
  });
  std::vector<const Entry*> rows;
  rows.reserve(keyed.size());
  for (const Keyed& k : keyed)
    rows.push_back(k.entry);
  return rows;
}

}  // namespace joulebench
