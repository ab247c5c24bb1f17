#pragma once
// Number formatting shared by the text and Markdown renderers of a comparison.

#include <optional>
#include <string>
#include <vector>

#include "reporters/compare/comparison.h"

namespace joulebench::compare_format {

inline constexpr const char* kMissing = "n/a";

// 4 significant digits with an SI prefix on the metric's unit: "1.234 mJ", "812.5 us".
std::string value(std::optional<double> v, const MetricInfo& metric);
// "+12.3%", "-0.4%"; "n/a" when the base median is 0.
std::string change(std::optional<double> relative);
// "0.0079", "<0.0001", "n/a".
std::string p_value(const BenchmarkComparison& b);
// "12 benchmarks: 1 regression, 2 improvements, 9 no change".
std::string summary(const Comparison& c);
// One sentence on the method: the test, alpha, the threshold and the direction of "worse".
std::string method(const Comparison& c);

// Benchmarks that share a verdict and its reason (say "too few repetitions" for every benchmark of
// a 3-repetition run): said once with their names, not once per benchmark.
struct ReasonGroup {
  std::string verdict;
  std::string reason;
  std::vector<std::string> names;  // at most kNamesPerReason, in the comparison's order
  std::size_t more = 0;            // names beyond those
};
inline constexpr std::size_t kNamesPerReason = 10;
std::vector<ReasonGroup> reason_groups(const Comparison& c);

}  // namespace joulebench::compare_format
