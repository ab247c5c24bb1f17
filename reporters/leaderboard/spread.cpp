#include "reporters/leaderboard/spread.h"

#include <algorithm>
#include <cmath>

namespace joulebench {
namespace {

// Quantile p of sorted values: position p (n - 1), interpolated between its neighbours.
double quantile(const std::vector<double>& sorted, double p) {
  const double position = p * static_cast<double>(sorted.size() - 1);
  const auto below = static_cast<std::size_t>(std::floor(position));
  const std::size_t above = std::min(below + 1, sorted.size() - 1);
  const double fraction = position - static_cast<double>(below);
  return sorted[below] + fraction * (sorted[above] - sorted[below]);
}

}  // namespace

std::optional<Spread> summarize(std::vector<double> values) {
  return summarize_in_place(values);
}

std::optional<Spread> summarize_in_place(std::vector<double>& values) {
  if (values.empty())
    return std::nullopt;
  std::sort(values.begin(), values.end());
  Spread s;
  s.n = values.size();
  s.min = values.front();
  s.max = values.back();
  s.median = quantile(values, 0.5);
  s.q1 = quantile(values, 0.25);
  s.q3 = quantile(values, 0.75);
  return s;
}

}  // namespace joulebench
