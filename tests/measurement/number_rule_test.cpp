// One rule per numeric flag (common/number_rule.h): finite, bounded, with bounds a reader can
// read (CLI::Range printed a 310-digit maximum), and a message that quotes what was typed.

#include "common/number_rule.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

#include "common/flag_rules.h"

namespace joulebench {
namespace {

constexpr double kNan = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

TEST(NumberRule, NonFiniteValuesBreakEveryRule) {
  const NumberRule unbounded{.what = "a finite number"};
  for (const double bad : {kNan, kInf, -kInf})
    EXPECT_EQ(unbounded.problem(bad, "x"), "must be a finite number (got x)") << bad;
  EXPECT_EQ(unbounded.problem(1e300, "1e300"), "");
}

TEST(NumberRule, BoundsReadAsPeopleWriteThem) {
  EXPECT_EQ(flag_rules::kMinTime.problem(-1, "-1"),
            "must be a finite number of seconds >= 0 and <= 3600 (got -1)");
  EXPECT_EQ(flag_rules::kAlpha.problem(1, "1"),
            "must be a finite significance level > 0 and < 1 (got 1)");
  EXPECT_EQ(flag_rules::kSampleInterval.problem(kNan, "nan"),
            "must be 0 (no background reads) or a finite number of seconds >= 0.001 and <= 60 "
            "(got nan)");
  EXPECT_EQ(flag_rules::kScc.bounds(), ">= 0 and <= 1000000");
  EXPECT_EQ(flag_rules::kPerDay.bounds(), "> 0 and <= 1e+15");
}

TEST(NumberRule, EdgesAreInsideZeroIsOffAndCountsAreWhole) {
  EXPECT_EQ(flag_rules::kMinTime.problem(0, "0"), "");
  EXPECT_EQ(flag_rules::kMinTime.problem(3600, "3600"), "");
  EXPECT_NE(flag_rules::kMinTime.problem(3600.5, "3600.5"), "");
  EXPECT_EQ(flag_rules::kSampleInterval.problem(0, "0"), "");
  EXPECT_NE(flag_rules::kSampleInterval.problem(1e-6, "1e-6"), "");
  EXPECT_EQ(flag_rules::kRepetitions.problem(1000, "1000"), "");
  EXPECT_NE(flag_rules::kRepetitions.problem(2147483647, "2147483647"), "");
  EXPECT_NE(flag_rules::kRepetitions.problem(2.5, "2.5"), "");
  EXPECT_NE(flag_rules::kHours.problem(0, "0"), "");
}

TEST(NumberRule, AHugeArgumentIsCutInTheMessage) {
  const std::string typed(100000, '9');
  EXPECT_LT(flag_rules::kMinTime.problem(kInf, typed).size(), 150u);
  // A control character typed into the value cannot break the one line either.
  EXPECT_EQ(flag_rules::kMinTime.problem(kInf, "1\n# 2").find('\n'), std::string::npos);
}

TEST(NumberRule, ParsesWhatCli11WouldAndNamesWhatItCannot) {
  EXPECT_EQ(parse_number("2.5"), 2.5);
  EXPECT_EQ(parse_number("+2"), 2.0);
  EXPECT_EQ(parse_number("1e400"), kInf);
  EXPECT_EQ(parse_number("-1e400"), -kInf);
  EXPECT_TRUE(std::isnan(*parse_number("nan")));
  EXPECT_EQ(parse_number("-inf"), -kInf);
  EXPECT_EQ(parse_number(""), std::nullopt);
  EXPECT_EQ(parse_number("5x"), std::nullopt);
  EXPECT_EQ(parse_number("abc"), std::nullopt);
}

TEST(NumberRule, CheckNumberNamesTheFlag) {
  EXPECT_THROW(check_number("--pue", kNan, flag_rules::kPue), std::runtime_error);
  try {
    check_number("--pue", 0.5, flag_rules::kPue);
  } catch (const std::runtime_error& e) {
    EXPECT_STREQ(e.what(),
                 "--pue must be a finite power usage effectiveness (PUE) >= 1 and <= 3 "
                 "(got 0.5)");
  }
  EXPECT_NO_THROW(check_number("--pue", 1.5, flag_rules::kPue));
}

}  // namespace
}  // namespace joulebench
