#pragma once
// Two result files, benchmark by benchmark: the per-repetition values of one metric, their
// medians, the relative change and a verdict. Plain values; rendering is elsewhere.
//
// A change is a regression only when BOTH say so: the Mann-Whitney test (p < alpha: the
// difference is not noise) and the relative threshold (the median moved by more than the
// threshold: the difference matters). The test alone flags 0.3% shifts on a quiet machine; the
// threshold alone flags noise on a busy one.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "reporters/compare/metric.h"
#include "reporters/result_file.h"
#include "reporters/statistics/mann_whitney.h"

namespace joulebench {

struct CompareOptions {
  Metric metric = Metric::energy;
  double threshold = 0.05;  // relative change of the median, as a fraction (0.05 = 5%)
  double alpha = 0.05;      // significance level of the two-sided test
  bool allow_mixed_meters = false;
};

enum class Verdict {
  regression,
  improvement,
  no_change,            // not significant, or within the threshold
  too_few_repetitions,  // no outcome could reach p < alpha with this many repetitions
  no_data,              // a side has no usable repetition (every one errored, aggregates only,
                        // accuracy missing); energy missing is an error instead
};

const char* to_string(Verdict verdict);

struct BenchmarkComparison {
  std::string name;
  std::vector<double> base_values;  // one per repetition, in file order
  std::vector<double> new_values;
  std::optional<double> base_median;
  std::optional<double> new_median;
  // (new - base) / base; nothing when the base median is 0 and the new one is not.
  std::optional<double> relative_change;
  std::optional<MannWhitneyResult> test;  // when both sides have values
  Verdict verdict = Verdict::no_data;
  std::string reason;  // for too_few_repetitions and no_data: why, and what to do
};

struct Comparison {
  CompareOptions options;
  std::string base_source;
  std::string new_source;
  std::vector<BenchmarkComparison> benchmarks;  // present in both files, in base-file order
  std::vector<std::string> only_in_base;        // listed, not failures: suites change
  std::vector<std::string> only_in_new;
  std::vector<std::string> notes;  // e.g. "meters differ; compared anyway"
  // Where the energy came from ("model (estimated)"; both when they differ); empty for metrics
  // that do not depend on a meter.
  std::string energy_source;
  std::size_t repetitions_needed = 0;  // per side, for p < alpha to be possible at all

  std::size_t count(Verdict verdict) const;
};

// Energy, power and CO2e take only figures (metric_value(): positive, finite, energy not lost).
// A compared benchmark with no figure in any repetition of one side makes the comparison
// impossible: the gate could neither pass nor fail it. One with figures in only some repetitions
// is compared on those, and a note says how many were left out and why.
//
// Throws std::runtime_error (one line) when the files cannot be compared on this metric: a file
// carries the metric in no benchmark; (for energy, power, CO2e) the files were measured with
// different meters or provenances and allow_mixed_meters is off; or (the same metrics) a
// benchmark in both files has no figure on one side, e.g. a dead sensor's energy_J = 0 (the
// message names the first such benchmark, its side and why, and counts the others).
Comparison compare_results(const ResultFile& base, const ResultFile& candidate,
                           const CompareOptions& options);

}  // namespace joulebench
