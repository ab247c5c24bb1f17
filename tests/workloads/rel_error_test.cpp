#include "workloads/rel_error.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

namespace joulebench {
namespace {

TEST(RelError, IsTheFrobeniusRatio) {
  const std::vector<float> c = {1.0f, 2.0f, 2.0f};
  const std::vector<double> ref = {1.0, 2.0, 3.0};
  EXPECT_NEAR(relative_error<float>(c, ref), 1.0 / std::sqrt(14.0), 1e-12);
  EXPECT_EQ(relative_error<float>(std::vector<float>{1.0f, 2.0f, 3.0f}, ref), 0.0);
}

TEST(RelError, NanOrInfinityNeverPasses) {
  const std::vector<double> ref = {1.0, 2.0, 3.0};
  for (float bad :
       {std::numeric_limits<float>::quiet_NaN(), std::numeric_limits<float>::infinity()}) {
    const std::vector<float> c = {1.0f, bad, 3.0f};
    const double error = relative_error<float>(c, ref);
    EXPECT_TRUE(std::isnan(error));
    EXPECT_FALSE(within(error, 1e300));
  }
}

TEST(RelError, ZeroReferenceIsNotAPass) {
  const std::vector<double> ref = {0.0, 0.0};
  EXPECT_FALSE(within(relative_error<float>(std::vector<float>{0.0f, 0.0f}, ref), 1.0));
}

TEST(RelError, SizeMismatchThrows) {
  EXPECT_THROW(relative_error<float>(std::vector<float>{1.0f}, std::vector<double>{1.0, 2.0}),
               std::invalid_argument);
}

}  // namespace
}  // namespace joulebench
