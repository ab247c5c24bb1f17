#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "common/result_schema.h"
#include "harness/carbon/carbon_accounting.h"
#include "harness/measurement/run_context.h"
#include "tests/support/fake_meter.h"

namespace joulebench {
namespace {

std::map<std::string, std::string> context_of(const CarbonAccounting& carbon) {
  const testing::FakeMeter meter([](int k) { return 1.0 * k; }, [](int k) { return 0.1 * k; });
  const ContextEntries entries = describe_run(meter, carbon);
  return {entries.begin(), entries.end()};
}

TEST(RunContext, RecordsTheRegionItsOriginSourceYearMethodAndPue) {
  CarbonAccounting carbon{resolve_grid_intensity(std::string("fra")), 1.3};
  carbon.intensity.chosen_by = "region option";
  const auto c = context_of(carbon);
  EXPECT_EQ(c.at(context_key::kRegion), "FR (France; from region option)");
  EXPECT_EQ(c.at(context_key::kIntensity), "56.039");
  EXPECT_NE(c.at(context_key::kIntensitySource).find("Our World in Data"), std::string::npos);
  EXPECT_NE(c.at(context_key::kIntensitySource).find("(2023)"), std::string::npos);
  EXPECT_EQ(c.at(context_key::kIntensityMethod), "lifecycle");
  EXPECT_EQ(c.at(context_key::kPue), "1.3");
}

TEST(RunContext, SourcesPassedOverAlthoughPresentAreRecordedAndOnlyThose) {
  const testing::FakeMeter meter([](int k) { return 1.0 * k; }, [](int k) { return 0.1 * k; });
  const CarbonAccounting carbon{resolve_grid_intensity(std::nullopt), 1.0};
  std::vector<MeterCandidate> candidates(4);
  candidates[0].name = "rapl";  // present, dead
  candidates[0].present = true;
  candidates[0].reason = "counter did not advance over 0.2 s of load";
  candidates[1].name = "perf";  // absent
  candidates[1].reason = "no perf 'power' PMU";
  candidates[2].name = "nvml";  // present, refused
  candidates[2].present = true;
  candidates[2].reason = "nvmlInit_v2 failed: No Permission";
  candidates[3].name = "model";
  candidates[3].present = candidates[3].usable = candidates[3].selected = true;
  const ContextEntries entries = describe_run(meter, carbon, candidates);
  const std::map<std::string, std::string> c(entries.begin(), entries.end());
  EXPECT_EQ(c.at(context_key::kMeterPassedOver),
            "rapl: counter did not advance over 0.2 s of load; nvml: nvmlInit_v2 failed: No "
            "Permission");
  EXPECT_EQ(context_of(carbon).count(context_key::kMeterPassedOver), 0u);  // none: no key
}

TEST(RunContext, TheWorldDefaultIsMarkedAsADefault) {
  const auto c = context_of(CarbonAccounting{resolve_grid_intensity(std::nullopt), 1.0});
  EXPECT_EQ(c.at(context_key::kRegion), "world (default: no region given)");
  EXPECT_EQ(c.at(context_key::kIntensity), "475");
}

TEST(RunContext, AnHourlySeriesIsNamedWithItsRange) {
  CarbonAccounting carbon{resolve_grid_intensity(std::nullopt), 1.0};
  carbon.series = std::make_shared<const IntensitySeries>(IntensitySeries::parse(
      "2024-05-01T10:00:00Z,100\n2024-05-01T12:00:00Z,120\n", "grid-may.csv"));
  const auto c = context_of(carbon);
  EXPECT_EQ(c.at(context_key::kRegion), "not given (hourly series)");
  EXPECT_EQ(c.at(context_key::kIntensitySource),
            "hourly series grid-may.csv (2 rows, 2024-05-01T10:00:00Z to 2024-05-01T12:00:00Z)");
  EXPECT_NE(c.at(context_key::kIntensity).find(counter::kGridIntensity), std::string::npos);
}

}  // namespace
}  // namespace joulebench
