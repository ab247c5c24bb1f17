#pragma once
// Spearman's rank correlation: how well the order of one quantity predicts the order of another
// (here: does more FLOP mean more joules?), without assuming a linear relation.

#include <optional>
#include <span>
#include <vector>

namespace joulebench {

// Ranks 1..n in ascending order; tied values share the mean of the ranks they span.
std::vector<double> average_ranks(std::span<const double> values);

// The Pearson correlation of the average ranks, which stays correct with ties (the textbook
// 1 - 6 sum d^2 / (n (n^2 - 1)) shortcut does not). nullopt with fewer than 3 pairs, different
// lengths, or when either side is constant (the correlation is undefined).
std::optional<double> spearman_rho(std::span<const double> x, std::span<const double> y);

}  // namespace joulebench
