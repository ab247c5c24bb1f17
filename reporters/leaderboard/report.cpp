#include "reporters/leaderboard/report.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <limits>
#include <map>
#include <set>

#include "common/result_schema.h"
#include "reporters/leaderboard/grade.h"
#include "reporters/statistics/spearman.h"

namespace joulebench {
namespace {

// The quality figure of a task: accuracy where a model reports it, else the kernels' error.
std::string quality_of(const std::vector<Entry>& entries, const std::string& task) {
  bool rel_error = false;
  for (const Entry& e : entries) {
    if (e.name.task != task)
      continue;
    if (e.median(counter::kAccuracy))
      return counter::kAccuracy;
    rel_error = rel_error || e.median(counter::kRelError).has_value();
  }
  return rel_error ? counter::kRelError : "";
}

// a is at least as good as b in both energy (lower) and quality, and better in one.
bool dominates(double energy_a, double quality_a, double energy_b, double quality_b,
               bool higher_quality_is_better) {
  if (!higher_quality_is_better) {
    quality_a = -quality_a;
    quality_b = -quality_b;
  }
  return energy_a <= energy_b && quality_a >= quality_b &&
         (energy_a < energy_b || quality_a > quality_b);
}

void mark_pareto(std::vector<Entry*>& task_entries, const std::string& quality) {
  if (quality.empty())
    return;
  const bool higher_better = quality == counter::kAccuracy;
  for (Entry* e : task_entries) {
    const auto energy = e->median(counter::kEnergy);
    const auto q = e->median(quality);
    if (!energy || !q)
      continue;
    e->pareto = std::none_of(task_entries.begin(), task_entries.end(), [&](const Entry* other) {
      const auto oe = other->median(counter::kEnergy);
      const auto oq = other->median(quality);
      return other != e && oe && oq && dominates(*oe, *oq, *energy, *q, higher_better);
    });
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

// Best first by the sort metric; rows without it last, in their merged order.
void rank(std::vector<Entry*>& task_entries, const SortMetric& sort) {
  std::stable_sort(task_entries.begin(), task_entries.end(), [&](const Entry* a, const Entry* b) {
    const auto va = a->median(sort.key);
    const auto vb = b->median(sort.key);
    if (!va || !vb)
      return va.has_value() && !vb.has_value();
    return sort.higher_is_better ? *va > *vb : *va < *vb;
  });
  int rank_number = 0;
  for (Entry* e : task_entries)
    e->rank = e->median(sort.key) ? ++rank_number : 0;
}

SourceInfo describe(const ResultFile& file) {
  auto ctx = [&](const char* key) { return file.context_value(key).value_or(""); };
  SourceInfo s;
  s.source = file.source;
  s.host = host_of(file);
  s.date = ctx("date");
  s.has_energy = has_energy(file);
  if (s.has_energy) {
    s.meter = ctx(context_key::kMeter);
    s.method = ctx(context_key::kMeterMethod);
    s.provenance = file.context_value(context_key::kProvenance).value_or("unknown");
    s.region = ctx(context_key::kRegion);
    s.intensity = ctx(context_key::kIntensity);
    s.pue = ctx(context_key::kPue);
  }
  s.rows = file.rows.size();
  s.timelines = file.timelines.size();
  return s;
}

// Said once for the whole report rather than as "n/a" explained on every row.
std::vector<std::string> missing_notes(const std::vector<ResultFile>& files,
                                       const std::vector<Entry>& entries) {
  std::vector<std::string> notes;
  std::vector<std::string> plain;
  for (const ResultFile& file : files) {
    if (!has_energy(file))
      plain.push_back(fmt::format("{} ({})", file.source, host_of(file)));
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

}  // namespace

const std::vector<SortMetric>& sort_metrics() {
  static const std::vector<SortMetric> metrics = {
      {"energy", counter::kEnergy, "J/iter", false},
      {"time", kTimeMetric, "time/iter", false},
      {"co2", counter::kCo2, "gCO2e/iter", false},
      {"power", counter::kPower, "W", false},
      {"flop_per_J", counter::kFlopPerJoule, "FLOP/J", true},
      {"accuracy", counter::kAccuracy, "accuracy", true},
      {"rel_error", counter::kRelError, "rel_error", false},
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
  report.entries = merge_entries(files);

  std::map<std::string, std::vector<Entry*>> by_task;
  for (Entry& e : report.entries) {
    by_task[e.name.task].push_back(&e);
    report.any_estimated = report.any_estimated || e.estimated();
  }
  std::vector<Entry> ordered;
  for (auto& [task, task_entries] : by_task) {
    TaskInfo info{task, quality_of(report.entries, task), task_entries.front()->name.unit};
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
    for (const Entry* e : task_entries)
      ordered.push_back(*e);
    report.tasks.push_back(std::move(info));
  }
  report.entries = std::move(ordered);

  std::vector<double> flops, joules;
  for (const Entry* e : flops_rows(report)) {
    flops.push_back(*e->median(counter::kFlops));
    joules.push_back(*e->median(counter::kEnergy));
  }
  report.flops_energy_n = flops.size();
  report.flops_energy_rho = spearman_rho(flops, joules);

  for (const ResultFile& file : files) {
    report.sources.push_back(describe(file));
    const bool estimated = file.context_value(context_key::kProvenance).value_or("") == "estimated";
    for (const PowerTimeline& t : file.timelines)
      report.timelines.push_back({host_of(file), estimated, t});
  }
  report.notes = missing_notes(files, report.entries);
  return report;
}

std::vector<const Entry*> quality_rows(const Report& report, const TaskInfo& task) {
  std::vector<const Entry*> rows;
  for (const Entry& e : report.entries) {
    if (e.name.task == task.name && e.median(counter::kEnergy))
      rows.push_back(&e);
  }
  std::stable_sort(rows.begin(), rows.end(), [](const Entry* a, const Entry* b) {
    return *a->median(counter::kEnergy) < *b->median(counter::kEnergy);
  });
  return rows;
}

std::vector<const Entry*> flops_rows(const Report& report) {
  std::vector<const Entry*> rows;
  for (const Entry& e : report.entries) {
    const auto f = e.median(counter::kFlops);
    if (f && *f > 0.0 && e.median(counter::kEnergy))
      rows.push_back(&e);
  }
  std::stable_sort(rows.begin(), rows.end(), [](const Entry* a, const Entry* b) {
    return std::pair(*a->median(counter::kFlops), *a->median(counter::kEnergy)) <
           std::pair(*b->median(counter::kFlops), *b->median(counter::kEnergy));
  });
  return rows;
}

}  // namespace joulebench
