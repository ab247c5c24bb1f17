#pragma once
// The leaderboard report: merged entries, ranked and graded per task, with the Pareto front of
// energy against quality, the FLOPs-energy rank correlation per provenance and machine, the
// inputs' provenance and what the inputs lack. Renderers (render.h) only lay this out.
//
// Rows without energy (Entry::has_energy false) are shown, but never ranked by an energy-derived
// metric, graded, put on a Pareto front or into a correlation: their energy-derived counters
// were dropped when they were merged (entries.h). Energy-derived rankings, grades and Pareto
// fronts compare measured rows only with measured ones and estimates only with estimates.

#include <optional>
#include <span>
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
  bool from_energy;  // derived from energy: ranked within one provenance, never across
};

// energy (the default), time, co2, power, flop_per_J, accuracy, rel_error.
const std::vector<SortMetric>& sort_metrics();
// nullptr for an unknown option.
const SortMetric* find_sort_metric(std::string_view option);

struct TaskInfo {
  std::string name;
  std::string quality;  // kAccuracy, kRelError, or "" when no entry of the task has either
  WorkUnit unit = WorkUnit::iteration;
  // The task's rows are Report::entries[first, first + rows): renderers take a task's rows
  // without scanning every entry once per task (quadratic over thousands of tasks).
  std::size_t first = 0;
  std::size_t rows = 0;
};

struct SourceInfo {
  std::string source, host, date, meter, method, provenance, region, intensity, pue;
  Machine machine;  // host is machine.label
  std::size_t rows = 0;
  std::size_t timelines = 0;
  bool has_energy = false;  // from an energy-measuring run (entries.h), even if every row failed
  // Summary rows (report_rows.h) of an energy-measuring run that ran but carry no energy (a
  // failed meter window, or zero from a dead sensor), and the first one's reason.
  std::size_t rows_without_energy = 0;
  std::string no_energy_reason;
};

// Spearman's rho between FLOP/iter and J/iter over the rows of one provenance on one machine:
// across provenances it would rank a model against a meter, across machines one CPU against
// another.
struct FlopsEnergyCorrelation {
  std::string provenance;
  Machine machine;
  std::size_t rows = 0;
  std::optional<double> rho;  // none for fewer than 3 rows or constant values
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
  std::vector<FlopsEnergyCorrelation> flops_energy;  // measured groups first
  std::vector<SourceInfo> sources;
  std::size_t machines = 0;        // distinct machines among the sources
  std::vector<std::string> notes;  // what the inputs lack, each said once
  bool any_estimated = false;
  std::vector<TimelineSeries> timelines;
};

Report build_report(const std::vector<ResultFile>& files, const SortMetric& sort);

// Views the renderers share.
// Entries of a task with energy, by J/iter ascending (the energy-versus-accuracy table).
// The rows of one task, in the leaderboard's order.
std::span<const Entry> task_rows(const Report& report, const TaskInfo& task);

std::vector<const Entry*> quality_rows(const Report& report, const TaskInfo& task);
// Entries with FLOPs and energy, by FLOP/iter then J/iter.
std::vector<const Entry*> flops_rows(const Report& report);
// Entries of energy-measuring runs with repetitions that came without energy, in report order.
std::vector<const Entry*> energy_gap_rows(const Report& report);

}  // namespace joulebench
