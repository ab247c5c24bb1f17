#pragma once
// The efficiency grade: 1 to 5 stars for energy per iteration relative to the lowest in the
// same task, in the spirit of the AI Energy Score (which rates models against the others of
// their task). Each star down allows twice the energy of the one above it:
//   5 stars: up to 1.5x the best    4 stars: up to 3x    3 stars: up to 6x
//   2 stars: up to 12x              1 star: more than 12x
// A ratio scale, not quintiles of the rows, so a grade does not change when another poor
// variant is added to the task, and a task with two rows can still show a 10x gap.

#include <array>
#include <string>

namespace joulebench {

// The largest ratio to the best that still earns 5, 4, 3 and 2 stars.
inline constexpr std::array<double, 4> kStarRatioLimits = {1.5, 3.0, 6.0, 12.0};

// `ratio`: energy over the task's lowest energy (>= 1).
int efficiency_stars(double ratio);

// "★★★☆☆" style, filled then empty stars.
std::string star_string(int stars);

}  // namespace joulebench
