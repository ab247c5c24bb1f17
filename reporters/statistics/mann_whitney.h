#pragma once
// Two-sided Mann-Whitney U (Wilcoxon rank-sum) test for two independent samples.
//
// Why this test: repetitions of a benchmark are few (3-30), rarely normal (a noisy neighbour
// makes a long right tail) and sometimes tied (a coarse energy counter gives equal readings), so
// a rank test that assumes no distribution suits better than a t-test.
//
// Which p-value:
// - exact: the permutation distribution of U, when neither sample is larger than
//   kExactMaxSampleSize and there are no ties. It is what the test means, not an approximation,
//   and the normal approximation is poor exactly where CI runs live (5-10 repetitions).
// - normal approximation otherwise: with ties the exact null distribution is no longer the
//   tabulated one, and for large samples the normal is accurate. The variance is corrected for
//   ties and |U - mean| is reduced by 0.5 (continuity correction), as in most textbooks and
//   in SciPy's mannwhitneyu(method="asymptotic", use_continuity=True).

#include <cstddef>
#include <span>

namespace joulebench {

enum class MannWhitneyMethod { exact, normal_approximation };

const char* to_string(MannWhitneyMethod method);

struct MannWhitneyResult {
  // U of the first sample: the number of pairs (x, y) with x > y, ties counting one half.
  double u = 0.0;
  double p_value = 1.0;  // two-sided, capped at 1
  MannWhitneyMethod method = MannWhitneyMethod::exact;
  bool has_ties = false;
};

// Largest sample (per side) for which the exact distribution is used: C(40, 20) = 1.4e11
// arrangements fit a double exactly enough, and the table is 20 x 20 x 401 counts.
inline constexpr std::size_t kExactMaxSampleSize = 20;

// Both samples must be non-empty (a programming error otherwise; callers check first).
MannWhitneyResult mann_whitney_u_test(std::span<const double> x, std::span<const double> y);

// The smallest two-sided p-value the exact test can give for these sample sizes: all of one
// sample below all of the other, 2 / C(n1 + n2, n1). When it is not below alpha, no outcome can
// be significant: the samples are too small to decide anything.
double smallest_possible_p_value(std::size_t n1, std::size_t n2);

// The smallest n such that n repetitions on each side can give p < alpha.
std::size_t repetitions_needed(double alpha);

}  // namespace joulebench
