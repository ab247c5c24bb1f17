#include "harness/carbon/intensity_series.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "harness/carbon/carbon_accounting.h"

namespace joulebench {
namespace {

using namespace std::chrono;
using namespace std::chrono_literals;

system_clock::time_point utc(int y, unsigned m, unsigned d, hours h, minutes mi = 0min,
                             seconds s = 0s) {
  return sys_days{year{y} / month{m} / day{d}} + h + mi + s;
}

// 10:00, 11:00, then a gap at 12:00, then 13:00.
constexpr std::string_view kSeries =
    "datetime_utc,gCO2e_per_kWh\n"
    "# comment\n"
    "2024-05-01T10:00:00Z,100\n"
    "2024-05-01T11:00Z,110.5\n"
    "\n"
    "2024-05-01 13:00,130\n";

TEST(IntensitySeries, EachInstantUsesTheRowOfItsUtcHour) {
  const IntensitySeries s = IntensitySeries::parse(kSeries, "grid.csv");
  ASSERT_EQ(s.rows().size(), 3u);
  // Start of the hour, and the last second of it.
  EXPECT_DOUBLE_EQ(s.at(utc(2024, 5, 1, 10h)).grams_per_kwh, 100.0);
  EXPECT_DOUBLE_EQ(s.at(utc(2024, 5, 1, 10h, 59min, 59s)).grams_per_kwh, 100.0);
  EXPECT_DOUBLE_EQ(s.at(utc(2024, 5, 1, 11h)).grams_per_kwh, 110.5);
  EXPECT_TRUE(s.at(utc(2024, 5, 1, 11h, 30min)).hour_present);
  EXPECT_DOUBLE_EQ(s.at(utc(2024, 5, 1, 13h, 59min, 59s)).grams_per_kwh, 130.0);
}

TEST(IntensitySeries, OutsideTheRangeOrInAGapTheNearestRowIsUsedAndFlagged) {
  const IntensitySeries s = IntensitySeries::parse(kSeries, "grid.csv");
  const auto before = s.at(utc(2024, 5, 1, 9h, 59min, 59s));
  EXPECT_FALSE(before.hour_present);
  EXPECT_DOUBLE_EQ(before.grams_per_kwh, 100.0);
  const auto after = s.at(utc(2024, 5, 1, 14h));
  EXPECT_FALSE(after.hour_present);
  EXPECT_DOUBLE_EQ(after.grams_per_kwh, 130.0);
  EXPECT_EQ(format_utc_hour(after.hour_used), "2024-05-01T13:00:00Z");
  // 12:00 is missing: 11:00 and 13:00 are equally near; the earlier one wins.
  const auto gap = s.at(utc(2024, 5, 1, 12h, 45min));
  EXPECT_FALSE(gap.hour_present);
  EXPECT_DOUBLE_EQ(gap.grams_per_kwh, 110.5);
  EXPECT_FALSE(s.has_hour_of(utc(2024, 5, 1, 12h)));
  EXPECT_TRUE(s.has_hour_of(utc(2024, 5, 1, 13h)));
}

std::string error_of(std::string_view text) {
  try {
    IntensitySeries::parse(text, "grid.csv");
  } catch (const std::runtime_error& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(IntensitySeries, MalformedRowsAreOneLineErrorsWithTheLineNumber) {
  EXPECT_EQ(error_of("t,g\n2024-05-01T10:00:00Z,100\n2024-05-01T11:00:00Z,abc\n"),
            "grid.csv line 3: intensity 'abc' is not a number >= 0");
  EXPECT_EQ(error_of("2024-05-01T10:00:00Z,100\n2024-05-01T10:30:00Z,100\n"),
            "grid.csv line 2: timestamp '2024-05-01T10:30:00Z' is not on the hour");
  EXPECT_EQ(error_of("2024-05-01T10:00:00Z,100\nyesterday,100\n"),
            "grid.csv line 2: 'yesterday' is not a UTC timestamp");
  EXPECT_EQ(error_of("2024-05-01T11:00:00Z,100\n2024-05-01T10:00:00Z,100\n"),
            "grid.csv line 2: 2024-05-01T10:00:00Z is not after the previous row "
            "(2024-05-01T11:00:00Z)");
  EXPECT_EQ(error_of("2024-05-01T10:00:00Z,100,7\n"),
            "grid.csv line 1: expected 2 fields (UTC timestamp, gCO2e/kWh), got 3");
  EXPECT_EQ(error_of("2024-05-01T10:00:00+02:00,100\n"),
            "grid.csv line 1: timestamp '2024-05-01T10:00:00+02:00' must be UTC (end in Z or "
            "+00:00, or carry no offset)");
  EXPECT_EQ(error_of("2024-02-30T10:00:00Z,100\n"),
            "grid.csv line 1: timestamp '2024-02-30T10:00:00Z' is not a valid date and hour");
  EXPECT_EQ(error_of("2024-05-01T10:00:00Z,-1\n"),
            "grid.csv line 1: intensity '-1' is not a number >= 0");
  EXPECT_EQ(error_of("header,only\n"), "grid.csv: no hourly rows");
}

TEST(IntensitySeries, AUtf8ByteOrderMarkIsSkippedAndTheFirstRowKept) {
  const IntensitySeries plain = IntensitySeries::parse(
      "\xEF\xBB\xBF"
      "2024-05-01T10:00:00Z,100\n2024-05-01T11:00:00Z,110\n",
      "bom.csv");
  ASSERT_EQ(plain.rows().size(), 2u);
  EXPECT_DOUBLE_EQ(plain.rows()[0].grams_per_kwh, 100.0);
  const IntensitySeries with_header = IntensitySeries::parse(
      "\xEF\xBB\xBF"
      "datetime_utc,gCO2e_per_kWh\n2024-05-01T10:00:00Z,100\n",
      "bom.csv");
  ASSERT_EQ(with_header.rows().size(), 1u);
}

// from_chars read "-1" as an hour: T-1 became 23:00 the day before.
TEST(IntensitySeries, NegativeHoursAndMinutesAreRejected) {
  EXPECT_EQ(error_of("2024-05-01T10:00:00Z,100\n2024-05-02T-1:00Z,100\n"),
            "grid.csv line 2: '2024-05-02T-1:00Z' is not a UTC timestamp");
  // On the first line too: a field starting with a digit is never taken for a header.
  EXPECT_EQ(error_of("2024-05-02T-1:00Z,100\n2024-05-02T10:00Z,100\n"),
            "grid.csv line 1: '2024-05-02T-1:00Z' is not a UTC timestamp");
  EXPECT_EQ(error_of("2024-05-02T10:-1Z,100\n"),
            "grid.csv line 1: '2024-05-02T10:-1Z' is not a UTC timestamp");
  EXPECT_EQ(error_of("2024-05-02T10:00:-1Z,100\n"),
            "grid.csv line 1: '2024-05-02T10:00:-1Z' is not a UTC timestamp");
}

// format_utc_hour goes through a nanosecond clock (1678-2261): years outside 1970-2200 are
// refused when read, never formatted with overflow.
TEST(IntensitySeries, YearsOutsideTheDocumentedRangeAreRejected) {
  for (const char* year : {"0000", "1677", "1969", "2201", "2262", "9999"}) {
    const std::string t = std::string(year) + "-05-01T10:00:00Z";
    EXPECT_EQ(error_of(t + ",100\n"),
              "grid.csv line 1: timestamp '" + t + "' is outside the years 1970 to 2200");
  }
  const IntensitySeries s =
      IntensitySeries::parse("1970-01-01T00:00:00Z,1\n2200-12-31T23:00:00Z,2\n", "edges.csv");
  EXPECT_EQ(format_utc_hour(s.rows().front().hour), "1970-01-01T00:00:00Z");
  EXPECT_EQ(format_utc_hour(s.rows().back().hour), "2200-12-31T23:00:00Z");
}

TEST(IntensitySeries, AHugeNumberIsQuotedCutInTheError) {
  const std::string error =
      error_of("2024-05-01T10:00:00Z,1" + std::string(5'000'000, '0') + "x\n");
  EXPECT_EQ(error, "grid.csv line 1: intensity '1" + std::string(119, '0') +
                       "'... (5000002 bytes) is not a number >= 0");
}

TEST(IntensitySeries, ANulOrNewlineInAFieldIsEscapedNotCutting) {
  using namespace std::string_literals;
  EXPECT_EQ(error_of("2024-05-01T10:00:00Z,1\0"
                     "2\n"s),
            "grid.csv line 1: intensity '1\\02' is not a number >= 0");
  EXPECT_EQ(error_of("2024-05-01T10:00:00Z,\"1\n2\"\n"), "grid.csv line 1: unterminated quote");
}

TEST(IntensitySeries, LoadSaysADirectoryIsOneAndStopsAStreamAtTheLimit) {
  try {
    IntensitySeries::load("/");
    FAIL() << "no error";
  } catch (const std::runtime_error& e) {
    EXPECT_STREQ(e.what(), "cannot read intensity series /: is a directory");
  }
  try {
    IntensitySeries::load("/dev/zero");
    FAIL() << "no error";
  } catch (const std::runtime_error& e) {
    EXPECT_STREQ(e.what(),
                 "cannot read intensity series /dev/zero: more than the 16 MiB an intensity "
                 "series may have");
  }
}

TEST(CarbonAccounting, TheSeriesOverridesTheTableFigurePerWindow) {
  CarbonAccounting carbon{GridIntensity{500.0, "x", "s", 2024, false}, 1.5};
  EXPECT_FALSE(carbon.intensity_for_window_ending(utc(2024, 5, 1, 10h)).from_series);
  EXPECT_DOUBLE_EQ(carbon.intensity_for_window_ending(utc(2024, 5, 1, 10h)).grams_per_kwh, 500.0);
  carbon.series = std::make_shared<const IntensitySeries>(IntensitySeries::parse(kSeries, "g"));
  const WindowIntensity w = carbon.intensity_for_window_ending(utc(2024, 5, 1, 11h, 10min));
  EXPECT_TRUE(w.from_series);
  EXPECT_TRUE(w.hour_present);
  EXPECT_DOUBLE_EQ(w.grams_per_kwh, 110.5);
  // 3.6e6 J = 1 kWh; x 1.5 PUE x 110.5 g/kWh.
  EXPECT_DOUBLE_EQ(carbon.emissions(Joules{3.6e6}, w.grams_per_kwh).value, 165.75);
}

}  // namespace
}  // namespace joulebench
