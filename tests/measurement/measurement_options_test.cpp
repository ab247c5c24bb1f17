// Options are checked before any hardware is probed, and their errors name the option as the
// front end spells it.

#include <gtest/gtest.h>
#include <stdlib.h>

#include <fstream>
#include <functional>
#include <limits>
#include <string>

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
      {[](auto& o) { o.pue = 0.5; }, "--joulebench_pue: PUE must be between"},
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
