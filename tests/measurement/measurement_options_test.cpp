// Options are checked before any hardware is probed, and their errors name the option as the
// front end spells it.

#include <gtest/gtest.h>
#include <stdlib.h>

#include <fstream>
#include <functional>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "harness/measurement/measurement_setup.h"
#include "tests/support/temp_dir.h"

namespace joulebench {
namespace {

// A meter that cannot be selected: if anything probed it, the error would be about RAPL.
MeasurementOptions options_of_a_main_program() {
  // The built-in carbon tables, whatever the tester's environment says (read once, at first use).
  ::unsetenv("JOULEBENCH_CARBON_TABLES");
  MeasurementOptions o;
  o.meter = "rapl";
  o.powercap_root = "/nonexistent";
  o.region = "FR";  // given, so JOULEBENCH_REGION and config files are never read
  o.names.program = "./bench";
  o.names.region = "--joulebench_region";
  o.names.pue = "--joulebench_pue";
  o.names.idle_baseline = "--joulebench_idle_baseline";
  o.names.sample_interval = "--joulebench_sample_interval";
  o.names.estimate_utilisation = "--joulebench_estimate_utilisation";
  o.names.intensity_series = "--joulebench_intensity_series";
  o.names.meter = "--joulebench_meter";
  return o;
}

std::string error_of(const MeasurementOptions& o) {
  try {
    check_measurement_options(o);
  } catch (const std::runtime_error& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(MeasurementOptions, EachBadOptionIsNamedAsTheFrontEndSpellsItWithNothingProbed) {
  const std::vector<std::pair<std::function<void(MeasurementOptions&)>, std::string>> cases = {
      {[](auto& o) { o.region = "Atlantis"; }, "--joulebench_region: unknown region 'Atlantis'"},
      {[](auto& o) { o.pue = 0.5; },
       "--joulebench_pue must be a finite power usage effectiveness (PUE) >= 1 and <= 3"},
      {[](auto& o) { o.idle_baseline = -1; }, "--joulebench_idle_baseline must be 0"},
      {[](auto& o) { o.sample_interval = -0.1; }, "--joulebench_sample_interval must be 0"},
      {[](auto& o) { o.estimate_utilisation = "cluster"; },
       "--joulebench_estimate_utilisation must be process or machine, got 'cluster'"},
      {[](auto& o) { o.intensity_series = "/nonexistent/grid.csv"; },
       "--joulebench_intensity_series: cannot read intensity series /nonexistent/grid.csv"},
      {[](auto& o) { o.meter = "sundial"; }, "--joulebench_meter: unknown meter 'sundial'"},
  };
  for (const auto& [spoil, expected] : cases) {
    MeasurementOptions o = options_of_a_main_program();
    spoil(o);
    const std::string error = error_of(o);
    EXPECT_TRUE(error.starts_with(expected)) << error;
    EXPECT_EQ(error.find('\n'), std::string::npos) << error;
  }
}

TEST(MeasurementOptions, AnInfiniteIdleBaselineIsRefusedRatherThanWaitedFor) {
  MeasurementOptions o = options_of_a_main_program();
  o.idle_baseline = std::numeric_limits<double>::infinity();
  EXPECT_TRUE(error_of(o).starts_with("--joulebench_idle_baseline must be 0 (skip)"))
      << error_of(o);
}

// NaN passes every comparison-based check written as "x < min": each number is refused by name.
TEST(MeasurementOptions, NonFiniteAndOutOfRangeNumbersAreRefusedByName) {
  constexpr double kNan = std::numeric_limits<double>::quiet_NaN();
  constexpr double kInf = std::numeric_limits<double>::infinity();
  const std::vector<std::pair<std::function<void(MeasurementOptions&, double)>, std::string>>
      numbers = {
          {[](auto& o, double x) { o.pue = x; }, "--joulebench_pue must be"},
          {[](auto& o, double x) { o.idle_baseline = x; }, "--joulebench_idle_baseline must be"},
          {[](auto& o, double x) { o.sample_interval = x; },
           "--joulebench_sample_interval must be"},
      };
  for (const auto& [set, expected] : numbers) {
    for (const double bad : {kNan, kInf, -kInf, 1e9, -1.0}) {
      MeasurementOptions o = options_of_a_main_program();
      set(o, bad);
      const std::string error = error_of(o);
      EXPECT_TRUE(error.starts_with(expected)) << bad << ": " << error;
      EXPECT_NE(error.find("(got "), std::string::npos) << error;
      EXPECT_EQ(error.find('\n'), std::string::npos) << error;
      EXPECT_LT(error.size(), 200u) << "bounds printed in full digits? " << error;
    }
  }
}

TEST(MeasurementOptions, EdgeValuesAreAccepted) {
  const std::vector<std::function<void(MeasurementOptions&)>> edges = {
      [](auto& o) { o.pue = 1.0; },
      [](auto& o) { o.pue = 3.0; },
      [](auto& o) { o.idle_baseline = 0.0; },
      [](auto& o) { o.idle_baseline = 3600.0; },
      [](auto& o) { o.sample_interval = 0.0; },
      [](auto& o) { o.sample_interval = 0.001; },
      [](auto& o) { o.sample_interval = 60.0; },
  };
  for (const auto& set : edges) {
    MeasurementOptions o = options_of_a_main_program();
    set(o);
    EXPECT_NO_THROW(check_measurement_options(o));
  }
}

// Google Benchmark 1.7.1 takes --benchmark_min_time=nan and runs until killed; 2147483647
// repetitions end in std::bad_alloc.
TEST(BenchmarkFlags, PassedOnNumbersObeyTheSameRules) {
  for (const std::string bad :
       {"--benchmark_min_time=nan", "--benchmark_min_time=inf", "--benchmark_min_time=-1",
        "--benchmark_min_time=3601", "--benchmark_min_warmup_time=nan",
        "--benchmark_min_warmup_time=-inf", "--benchmark_repetitions=2147483647",
        "--benchmark_repetitions=0", "--benchmark_repetitions=nan"}) {
    const std::string flag = bad.substr(0, bad.find('='));
    try {
      check_benchmark_flags({"--benchmark_filter=x", bad});
      ADD_FAILURE() << bad << " was accepted";
    } catch (const std::runtime_error& e) {
      const std::string error = e.what();
      EXPECT_TRUE(error.starts_with(flag + " must be ")) << error;
      EXPECT_EQ(error.find('\n'), std::string::npos) << error;
    }
  }
  EXPECT_NO_THROW(
      check_benchmark_flags({"--benchmark_min_time=0", "--benchmark_min_time=3600",
                             "--benchmark_repetitions=1000", "--benchmark_min_warmup_time=0.5"}));
  // Not a number at all: Google Benchmark's to report, as before.
  EXPECT_NO_THROW(check_benchmark_flags({"--benchmark_min_time=abc"}));
}

TEST(MeasurementOptions, AnHourlySeriesWithoutTheCurrentHourNamesTheFrontEndsFlag) {
  testing::TempDir dir;
  const auto series = dir.path() / "old.csv";
  std::ofstream(series) << "2001-01-01T00:00:00Z,100\n";
  MeasurementOptions o = options_of_a_main_program();
  o.names.intensity_series = "--intensity-series";
  o.intensity_series = series.string();
  EXPECT_TRUE(error_of(o).starts_with("--intensity-series " + series.string() +
                                      " has no row for the current UTC hour"))
      << error_of(o);
}

TEST(MeasurementOptions, GoodOptionsPassWithTheRegionRecordedInNeutralWords) {
  const CheckedMeasurementOptions checked = check_measurement_options(options_of_a_main_program());
  EXPECT_EQ(checked.carbon.intensity.region, "FR");
  EXPECT_EQ(checked.carbon.intensity.chosen_by, "region option");
}

}  // namespace
}  // namespace joulebench
