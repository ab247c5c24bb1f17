#pragma once
// Many result files, from many machines, merged into one entry per workload and machine: the
// repetitions of a benchmark (from one file or several) pooled and summarised, with the meter
// and provenance of the file they came from. A repetition without energy (energy_J absent, not
// finite or not above zero) adds its time and quality but none of its energy-derived counters,
// so a dead sensor's zeros never become a figure.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result_schema.h"
#include "reporters/flat_string_map.h"
#include "reporters/leaderboard/benchmark_name.h"
#include "reporters/leaderboard/machines.h"
#include "reporters/leaderboard/spread.h"
#include "reporters/result_file.h"

namespace joulebench {

// The metric key for real time per iteration in seconds; every other key is a counter name.
inline constexpr const char* kTimeMetric = "time_s";

struct Entry {
  BenchmarkName name;
  std::string host;  // the machine's label (machines.h): its host name unless that is ambiguous
  Machine machine;
  std::string meter;       // joulebench_meter of the files, "" for plain files
  std::string provenance;  // "measured", "estimated", "unknown", or "" without energy counters
  std::vector<std::string> sources;  // the files its repetitions came from
  // kTimeMetric and every counter, over repetitions, in name order.
  FlatStringMap<Spread> metrics;
  std::optional<std::string> error;  // the benchmark failed and left no repetition
  bool from_aggregates = false;      // the files kept only aggregates; the median stands for them
  // Repetitions from an energy-measuring run (provenance set) that came without energy, and why
  // (the first one's reason, missing_energy_reason in result_file.h).
  std::size_t repetitions_without_energy = 0;
  std::string no_energy_reason;

  // Filled in by build_report.
  int rank = 0;                        // in its task, by the report's sort metric (1 = best)
  std::optional<int> stars;            // efficiency grade, 1-5 (grade.h)
  std::optional<double> energy_ratio;  // J/iter over the task's lowest J/iter
  bool pareto = false;                 // on the task's energy-quality Pareto front

  bool estimated() const { return provenance == "estimated"; }
  // Energy: a positive J/iter median from at least one repetition.
  bool has_energy() const { return spread(counter::kEnergy) != nullptr; }
  // Repetitions that were summarised (time), with or without energy.
  std::size_t repetitions() const;
  // Per measured domain (counter::is_domain_energy_counter), the domain as its counter names it
  // ("cpu_package_0") and its J/iter median, in name order; empty without a breakdown.
  std::vector<std::pair<std::string, double>> domain_energies() const;
  std::optional<double> median(std::string_view metric) const;
  const Spread* spread(std::string_view metric) const;
  // Energy per unit of useful work (per inference for batched inference, else per iteration)
  // and grams CO2e per 1000 such units.
  std::optional<double> joules_per_unit() const;
  std::optional<double> grams_per_1000_units() const;
};

// Entries are keyed by workload, machine, meter and provenance: repetitions of one benchmark on
// one machine are pooled across files, but a measured figure is never pooled with an estimate,
// nor rows of two CPUs that share a host name. `machines` is machines_of(files).
// Sorted by task, variant, host, workload.
std::vector<Entry> merge_entries(const std::vector<ResultFile>& files,
                                 const std::vector<Machine>& machines);

// A file from an energy-measuring run: it names a meter or a provenance, or a row has energy_J
// (even one that is zero or from a meter that failed on every row). Plain Google Benchmark
// output is not.
bool has_energy(const ResultFile& file);
// The "joulebench_provenance" of an energy-measuring file ("unknown" when it does not say); "" for
// plain files.
std::string provenance_of(const ResultFile& file);

}  // namespace joulebench
