// Known answers for the Mann-Whitney U test. Every expected value was computed independently of
// the code under test (scipy is not installed on the build machine):
// - exact p-values: a throwaway Python script enumerating every assignment of the pooled ranks
//   to the first sample with itertools.combinations (C(n1+n2, n1) cases), counting U <= u and
//   U >= u; for n = 7, 9 and 20 per side, the coefficients of the Gaussian binomial
//   [n1+n2 choose n1]_q in exact integer arithmetic, which is the same distribution reached by
//   a different route than the recurrence in mann_whitney.cpp;
// - normal approximations: by hand from mean n1*n2/2, variance
//   n1*n2/12 * ((n+1) - sum(t^3 - t)/(n(n-1))), z = (|U - mean| - 0.5)/sd, p = erfc(z/sqrt 2),
//   checked with Python's math.erfc. The worked example for "ties" is in that test.

#include "reporters/statistics/mann_whitney.h"

#include <gtest/gtest.h>

#include <vector>

namespace joulebench {
namespace {

using V = std::vector<double>;
constexpr double kTight = 1e-12;

TEST(MannWhitney, CompletelySeparatedSamplesOfFive) {
  const auto r = mann_whitney_u_test(V{1, 2, 3, 4, 5}, V{6, 7, 8, 9, 10});
  EXPECT_EQ(r.method, MannWhitneyMethod::exact);
  EXPECT_FALSE(r.has_ties);
  EXPECT_DOUBLE_EQ(r.u, 0.0);
  EXPECT_NEAR(r.p_value, 0.0079365079365079361, kTight);  // 2 / C(10, 5) = 2/252
}

TEST(MannWhitney, TwoSidedIsSymmetric) {
  const auto r = mann_whitney_u_test(V{6, 7, 8, 9, 10}, V{1, 2, 3, 4, 5});
  EXPECT_DOUBLE_EQ(r.u, 25.0);
  EXPECT_NEAR(r.p_value, 0.0079365079365079361, kTight);
}

TEST(MannWhitney, InterleavedUnequalSizes) {
  const auto r = mann_whitney_u_test(V{1.1, 2.3, 0.7, 4.2}, V{3.1, 5.5, 6.0, 2.9, 7.4});
  EXPECT_EQ(r.method, MannWhitneyMethod::exact);
  EXPECT_DOUBLE_EQ(r.u, 2.0);
  EXPECT_NEAR(r.p_value, 0.063492063492063489, kTight);
}

TEST(MannWhitney, OverlappingSamplesOfSix) {
  const auto r = mann_whitney_u_test(V{10.2, 11.5, 9.8, 12.1, 10.9, 11.0},
                                     V{11.8, 12.6, 13.0, 11.3, 12.9, 13.4});
  EXPECT_DOUBLE_EQ(r.u, 3.0);
  EXPECT_NEAR(r.p_value, 0.015151515151515152, kTight);
}

TEST(MannWhitney, SevenAgainstNine) {
  const auto r =
      mann_whitney_u_test(V{0, 1, 2, 3, 4, 5, 6}, V{2.5, 3.5, 4.5, 5.5, 6.5, 7.5, 8.5, 9.5, 10.5});
  EXPECT_EQ(r.method, MannWhitneyMethod::exact);
  EXPECT_DOUBLE_EQ(r.u, 10.0);
  EXPECT_NEAR(r.p_value, 0.022902097902097903, kTight);
}

TEST(MannWhitney, LargestExactCaseTwentyPerSide) {
  V x;
  V y;
  for (int i = 0; i < 20; ++i) {
    x.push_back(i);
    y.push_back(i + 15.5);
  }
  const auto r = mann_whitney_u_test(x, y);
  EXPECT_EQ(r.method, MannWhitneyMethod::exact);
  EXPECT_DOUBLE_EQ(r.u, 10.0);
  EXPECT_NEAR(r.p_value / 2.016735585435107e-09, 1.0, 1e-9);
}

TEST(MannWhitney, LargeSamplesUseTheNormalApproximation) {
  V x;
  V y;
  for (int i = 0; i < 25; ++i) {
    x.push_back(i);
    y.push_back(i + 10.5);
  }
  const auto r = mann_whitney_u_test(x, y);
  EXPECT_EQ(r.method, MannWhitneyMethod::normal_approximation);
  EXPECT_FALSE(r.has_ties);
  EXPECT_DOUBLE_EQ(r.u, 105.0);
  // mean 312.5, sd sqrt(625/12 * 51) = 51.54; z = (207.5 - 0.5)/51.54 = 4.01639.
  EXPECT_NEAR(r.p_value, 5.909644085596031e-05, 1e-15);
}

TEST(MannWhitney, TiesUseTheNormalApproximationWithTieCorrection) {
  const auto r = mann_whitney_u_test(V{1, 2, 2, 3, 4}, V{2, 3, 3, 5, 6, 6});
  EXPECT_EQ(r.method, MannWhitneyMethod::normal_approximation);
  EXPECT_TRUE(r.has_ties);
  // U by hand: 1 beats nothing; each 2 ties the 2 (0.5 + 0.5); 3 beats the 2 and ties both 3s
  // (1 + 1); 4 beats 2, 3, 3 (3): 0 + 1 + 2 + 3 = 6.
  EXPECT_DOUBLE_EQ(r.u, 6.0);
  // Ties: three 2s, three 3s, two 6s: sum(t^3 - t) = 24 + 24 + 6 = 54. n = 11,
  // variance = 30/12 * (12 - 54/110) = 28.7727, sd = 5.36402; z = (|6 - 15| - 0.5)/sd =
  // 1.58463; p = erfc(z / sqrt 2) = 0.113050.
  EXPECT_NEAR(r.p_value, 0.11304997885632297, 1e-12);
}

TEST(MannWhitney, TiedButSeparatedSamples) {
  const auto r = mann_whitney_u_test(V{1, 1, 2, 2}, V{3, 3, 4, 4});
  EXPECT_EQ(r.method, MannWhitneyMethod::normal_approximation);
  EXPECT_DOUBLE_EQ(r.u, 0.0);
  EXPECT_NEAR(r.p_value, 0.026518721959430752, 1e-12);
}

TEST(MannWhitney, IdenticalSamplesGiveOne) {
  const auto r = mann_whitney_u_test(V{5, 5, 5}, V{5, 5, 5});
  EXPECT_DOUBLE_EQ(r.u, 4.5);
  EXPECT_DOUBLE_EQ(r.p_value, 1.0);
}

TEST(MannWhitney, SameValuesInBothSamplesGiveOne) {
  // No ties within a sample, every value shared: U is exactly its mean.
  const auto r = mann_whitney_u_test(V{1, 2, 3, 4}, V{4, 3, 2, 1});
  EXPECT_DOUBLE_EQ(r.u, 8.0);
  EXPECT_DOUBLE_EQ(r.p_value, 1.0);
}

TEST(MannWhitney, SingleRepetitionCannotBeSignificant) {
  const auto r = mann_whitney_u_test(V{1.0}, V{2.0});
  EXPECT_EQ(r.method, MannWhitneyMethod::exact);
  EXPECT_DOUBLE_EQ(r.u, 0.0);
  EXPECT_DOUBLE_EQ(r.p_value, 1.0);  // two orderings, each half the mass: 2 * 1/2
}

TEST(MannWhitney, SmallestPossiblePValue) {
  EXPECT_DOUBLE_EQ(smallest_possible_p_value(1, 1), 1.0);
  EXPECT_DOUBLE_EQ(smallest_possible_p_value(2, 2), 2.0 / 6.0);
  EXPECT_DOUBLE_EQ(smallest_possible_p_value(3, 3), 0.1);
  EXPECT_DOUBLE_EQ(smallest_possible_p_value(4, 4), 2.0 / 70.0);
  EXPECT_DOUBLE_EQ(smallest_possible_p_value(3, 5), 2.0 / 56.0);
  EXPECT_DOUBLE_EQ(smallest_possible_p_value(0, 5), 1.0);
  // The exact test reaches it: completely separated samples of three.
  EXPECT_NEAR(mann_whitney_u_test(V{1, 2, 3}, V{4, 5, 6}).p_value, 0.1, kTight);
  EXPECT_NEAR(mann_whitney_u_test(V{1, 2, 3, 4}, V{5, 6, 7, 8}).p_value, 0.028571428571428571,
              kTight);
}

TEST(MannWhitney, RepetitionsNeeded) {
  // 2 / C(2n, n): n = 3 gives 0.1, n = 4 0.0286, n = 5 0.00794, n = 6 0.00216.
  EXPECT_EQ(repetitions_needed(0.05), 4u);
  EXPECT_EQ(repetitions_needed(0.1), 4u);  // p must be strictly below alpha
  EXPECT_EQ(repetitions_needed(0.2), 3u);
  EXPECT_EQ(repetitions_needed(0.01), 5u);
  EXPECT_EQ(repetitions_needed(0.005), 6u);
}

}  // namespace
}  // namespace joulebench
