#pragma once
// Many result files, from many hosts, merged into one entry per workload and host: the
// repetitions of a benchmark (from one file or several) pooled and summarised, with the meter
// and provenance of the file they came from.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "reporters/leaderboard/benchmark_name.h"
#include "reporters/leaderboard/spread.h"
#include "reporters/result_file.h"

namespace joulebench {

// The metric key for real time per iteration in seconds; every other key is a counter name.
inline constexpr const char* kTimeMetric = "time_s";

struct Entry {
  BenchmarkName name;
  std::string host;
  std::string meter;       // joulebench_meter of the files, "" for plain files
  std::string provenance;  // "measured", "estimated", "unknown", or "" without energy counters
  std::vector<std::string> sources;       // the files its repetitions came from
  std::map<std::string, Spread> metrics;  // kTimeMetric and every counter, over repetitions
  std::optional<std::string> error;       // the benchmark failed and left no repetition
  bool from_aggregates = false;  // the files kept only aggregates; the median stands for them

  // Filled in by build_report.
  int rank = 0;                        // in its task, by the report's sort metric (1 = best)
  std::optional<int> stars;            // efficiency grade, 1-5 (grade.h)
  std::optional<double> energy_ratio;  // J/iter over the task's lowest J/iter
  bool pareto = false;                 // on the task's energy-quality Pareto front

  bool estimated() const { return provenance == "estimated"; }
  std::optional<double> median(std::string_view metric) const;
  const Spread* spread(std::string_view metric) const;
  // Energy per unit of useful work (per inference for batched inference, else per iteration)
  // and grams CO2e per 1000 such units.
  std::optional<double> joules_per_unit() const;
  std::optional<double> grams_per_1000_units() const;
};

// Entries are keyed by workload, host, meter and provenance: repetitions of one benchmark on
// one host are pooled across files, but a measured figure is never pooled with an estimate.
// Sorted by task, variant, host, workload.
std::vector<Entry> merge_entries(const std::vector<ResultFile>& files);

// The host a file came from: Google Benchmark's host_name, else "unknown host".
std::string host_of(const ResultFile& file);
bool has_energy(const ResultFile& file);

}  // namespace joulebench
