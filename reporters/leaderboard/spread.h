#pragma once
// A quantity over repetitions: the median, which one slow repetition does not move, and its
// spread (range and interquartile range).

#include <cstddef>
#include <optional>
#include <vector>

namespace joulebench {

struct Spread {
  double median = 0.0;
  double min = 0.0;
  double max = 0.0;
  double q1 = 0.0;  // quartiles by linear interpolation between order statistics (R's type 7,
  double q3 = 0.0;  // numpy's default), so they match what readers get from those tools
  std::size_t n = 0;
};

// nullopt for no values.
std::optional<Spread> summarize(std::vector<double> values);
// The same, sorting `values` in place: no copy, for callers that summarise many metrics from one
// scratch vector.
std::optional<Spread> summarize_in_place(std::vector<double>& values);

}  // namespace joulebench
