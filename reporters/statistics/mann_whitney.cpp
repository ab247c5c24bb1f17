#include "reporters/statistics/mann_whitney.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <iterator>
#include <map>
#include <vector>

namespace joulebench {
namespace {

// U = pairs (a in x, b in y) with a > b, plus half of those with a == b. Counted against y
// sorted, O((n1 + n2) log n2): compare gates CI over thousands of repetitions, where counting
// n1 * n2 pairs took seconds. Every term is a whole or half number, so the sum is exact either way.
double u_statistic(std::span<const double> x, std::span<const double> y) {
  std::vector<double> sorted_y;
  // A NaN in y compares false with everything: it counts in no pair, and would break the sort.
  std::copy_if(y.begin(), y.end(), std::back_inserter(sorted_y),
               [](double b) { return !std::isnan(b); });
  std::sort(sorted_y.begin(), sorted_y.end());
  double u = 0.0;
  for (double a : x) {
    if (std::isnan(a))
      continue;  // NaN compares false with everything: no pair counts (as pairwise counting had it)
    const auto [lower, upper] = std::equal_range(sorted_y.begin(), sorted_y.end(), a);
    u += static_cast<double>(lower - sorted_y.begin()) + 0.5 * static_cast<double>(upper - lower);
  }
  return u;
}

// Sum over groups of equal values of (t^3 - t), the tie term of the variance of U.
double tie_term(std::span<const double> x, std::span<const double> y) {
  std::map<double, double> counts;
  for (double v : x)
    counts[v] += 1.0;
  for (double v : y)
    counts[v] += 1.0;
  double sum = 0.0;
  for (const auto& [value, t] : counts)
    sum += t * t * t - t;
  return sum;
}

// Number of the C(n1 + n2, n1) orderings of n1 x's and n2 y's in which U = u, for every u. The
// largest element is either an x (above all n2 y's: adds n2 to U) or a y (adds nothing), so
// count(n1, n2, u) = count(n1 - 1, n2, u - n2) + count(n1, n2 - 1, u).
std::vector<double> exact_u_counts(std::size_t n1, std::size_t n2) {
  // table[i][j] holds the counts for sizes (i, j), indexed by u.
  std::vector<std::vector<std::vector<double>>> table(n1 + 1,
                                                      std::vector<std::vector<double>>(n2 + 1));
  for (std::size_t i = 0; i <= n1; ++i) {
    for (std::size_t j = 0; j <= n2; ++j) {
      std::vector<double>& counts = table[i][j];
      counts.assign(i * j + 1, 0.0);
      if (i == 0 || j == 0) {
        counts[0] = 1.0;
        continue;
      }
      const std::vector<double>& x_on_top = table[i - 1][j];
      const std::vector<double>& y_on_top = table[i][j - 1];
      for (std::size_t u = 0; u < x_on_top.size(); ++u)
        counts[u + j] += x_on_top[u];
      for (std::size_t u = 0; u < y_on_top.size(); ++u)
        counts[u] += y_on_top[u];
    }
  }
  return table[n1][n2];
}

double exact_two_sided_p(double u, std::size_t n1, std::size_t n2) {
  const std::vector<double> counts = exact_u_counts(n1, n2);
  double total = 0.0;
  double at_most = 0.0;
  double at_least = 0.0;
  for (std::size_t k = 0; k < counts.size(); ++k) {
    const double value = static_cast<double>(k);
    total += counts[k];
    if (value <= u)
      at_most += counts[k];
    if (value >= u)
      at_least += counts[k];
  }
  return std::min(1.0, 2.0 * std::min(at_most, at_least) / total);
}

double normal_two_sided_p(double u, std::size_t n1, std::size_t n2, double ties) {
  const double a = static_cast<double>(n1);
  const double b = static_cast<double>(n2);
  const double n = a + b;
  const double variance = a * b / 12.0 * ((n + 1.0) - ties / (n * (n - 1.0)));
  if (variance <= 0.0)
    return 1.0;  // every value equal: nothing to tell the samples apart
  const double distance = std::max(0.0, std::abs(u - a * b / 2.0) - 0.5);
  const double z = distance / std::sqrt(variance);
  return std::min(1.0, std::erfc(z / std::sqrt(2.0)));
}

}  // namespace

const char* to_string(MannWhitneyMethod method) {
  switch (method) {
    case MannWhitneyMethod::exact:
      return "exact";
    case MannWhitneyMethod::normal_approximation:
      return "normal approximation";
  }
  return "unknown";
}

MannWhitneyResult mann_whitney_u_test(std::span<const double> x, std::span<const double> y) {
  assert(!x.empty() && !y.empty());
  MannWhitneyResult result;
  if (x.empty() || y.empty())
    return result;
  result.u = u_statistic(x, y);
  const double ties = tie_term(x, y);
  result.has_ties = ties > 0.0;
  const bool small = x.size() <= kExactMaxSampleSize && y.size() <= kExactMaxSampleSize;
  if (small && !result.has_ties) {
    result.method = MannWhitneyMethod::exact;
    result.p_value = exact_two_sided_p(result.u, x.size(), y.size());
  } else {
    result.method = MannWhitneyMethod::normal_approximation;
    result.p_value = normal_two_sided_p(result.u, x.size(), y.size(), ties);
  }
  return result;
}

double smallest_possible_p_value(std::size_t n1, std::size_t n2) {
  if (n1 == 0 || n2 == 0)
    return 1.0;
  // C(n1 + n2, n1) by the multiplicative formula: every partial product is itself a binomial,
  // an integer, so it stays exact up to 2^53 (and at alpha = 0.1, n = 3 must give exactly 0.1).
  const std::size_t k_max = std::min(n1, n2);
  const std::size_t n = n1 + n2;
  double choose = 1.0;
  for (std::size_t k = 1; k <= k_max; ++k) {
    choose = choose * static_cast<double>(n - k_max + k) / static_cast<double>(k);
  }
  return std::min(1.0, 2.0 / choose);
}

std::size_t repetitions_needed(double alpha) {
  std::size_t n = 1;
  // 2 / C(2n, n) falls roughly fourfold per step, so this ends quickly for any alpha > 0.
  while (smallest_possible_p_value(n, n) >= alpha && n < 1000)
    ++n;
  return n;
}

}  // namespace joulebench
