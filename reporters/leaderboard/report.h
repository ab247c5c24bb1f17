#pragma once
// The leaderboard report: merged entries, ranked and graded per task, with the Pareto front of
// energy against quality, the FLOPs-energy rank correlation, the inputs' provenance and what
// the inputs lack. Renderers (render.h) only lay this out.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "reporters/leaderboard/entries.h"
#include "reporters/result_file.h"

namespace joulebench {

// A metric the leaderboard can be sorted by.
struct SortMetric {
  std::string_view option;  // the --sort value
  std::string_view key;     // the metric key in Entry::metrics
  std::string_view label;   // a column heading
  bool higher_is_better;
};

// energy (the default), time, co2, power, flop_per_J, accuracy, rel_error.
const std::vector<SortMetric>& sort_metrics();
// nullptr for an unknown option.
const SortMetric* find_sort_metric(std::string_view option);

struct TaskInfo {
  std::string name;
  std::string quality;  // kAccuracy, kRelError, or "" when no entry of the task has either
  WorkUnit unit = WorkUnit::iteration;
};

struct SourceInfo {
  std::string source, host, date, meter, method, provenance, region, intensity, pue;
  std::size_t rows = 0;
  std::size_t timelines = 0;
  bool has_energy = false;
};

struct TimelineSeries {
  std::string host;
  bool estimated = false;
  PowerTimeline timeline;
};

struct Report {
  SortMetric sort;
  std::vector<Entry> entries;  // the leaderboard's order: by task, then by rank
  std::vector<TaskInfo> tasks;
  std::optional<double> flops_energy_rho;  // Spearman, over entries with FLOPs and energy
  std::size_t flops_energy_n = 0;
  std::vector<SourceInfo> sources;
  std::vector<std::string> notes;  // what the inputs lack, each said once
  bool any_estimated = false;
  std::vector<TimelineSeries> timelines;
};

Report build_report(const std::vector<ResultFile>& files, const SortMetric& sort);

// Views the renderers share.
// Entries of a task with energy, by J/iter ascending (the energy-versus-accuracy table).
std::vector<const Entry*> quality_rows(const Report& report, const TaskInfo& task);
// Entries with FLOPs and energy, by FLOP/iter then J/iter.
std::vector<const Entry*> flops_rows(const Report& report);

}  // namespace joulebench
