#include "reporters/leaderboard/grade.h"

namespace joulebench {

int efficiency_stars(double ratio) {
  int stars = 5;
  for (double limit : kStarRatioLimits) {
    if (ratio <= limit)
      return stars;
    --stars;
  }
  return 1;
}

std::string star_string(int stars) {
  std::string out;
  for (int i = 0; i < 5; ++i)
    out += i < stars ? "\u2605" : "\u2606";
  return out;
}

}  // namespace joulebench
