#include <gtest/gtest.h>

#include <cmath>

#include "harness/carbon/carbon_accounting.h"

namespace joulebench {
namespace {

TEST(CarbonAccounting, PueScalesEnergyBeforeIntensity) {
  const CarbonAccounting c{GridIntensity{500.0, "x", "s", 2024, false}, 1.5};
  EXPECT_DOUBLE_EQ(c.facility_energy(Joules{100.0}).value, 150.0);
  // 3.6e6 J = 1 kWh; x 1.5 x 500 g/kWh.
  EXPECT_DOUBLE_EQ(c.emissions(Joules{3.6e6}).value, 750.0);
}

TEST(CarbonAccounting, KnownValuesFromJoulesToKilowattHoursToGrams) {
  // 1 kWh at PUE 1.0 in France (56.039 g/kWh, countries.csv).
  const CarbonAccounting fr{resolve_grid_intensity(std::string("FR")), 1.0};
  EXPECT_DOUBLE_EQ(fr.emissions(Joules{3.6e6}).value, 56.039);
  // 1 J = 1/3.6e6 kWh; x 1.2 PUE x 308 g/kWh (US-VA, the location of aws:us-east-1).
  const CarbonAccounting aws{resolve_grid_intensity(std::string("aws:us-east-1")), 1.2};
  EXPECT_DOUBLE_EQ(aws.emissions(Joules{1.0}).value, 1.2 * 308.0 / 3.6e6);
  // 0 J is 0 g whatever the grid.
  EXPECT_DOUBLE_EQ(aws.emissions(Joules{0.0}).value, 0.0);
  // 36 kJ at PUE 1.56 (Uptime Institute 2024 survey average) and the 475 g/kWh world default.
  const CarbonAccounting world{resolve_grid_intensity(std::nullopt), 1.56};
  EXPECT_NEAR(world.emissions(Joules{36000.0}).value, 0.01 * 1.56 * 475.0, 1e-12);
}

TEST(CarbonAccounting, NoRegionIsTheWorldAverageMarkedAsDefault) {
  const GridIntensity gi = resolve_grid_intensity(std::nullopt);
  EXPECT_TRUE(gi.is_default);
  EXPECT_EQ(gi.region, "world");
  EXPECT_GT(gi.grams_per_kwh, 0.0);
  EXPECT_FALSE(gi.source.empty());
  EXPECT_GT(gi.year, 2000);
  EXPECT_FALSE(resolve_grid_intensity(std::string("WORLD")).is_default);
}

TEST(CarbonAccounting, UnknownRegionIsAOneLineError) {
  try {
    resolve_grid_intensity(std::string("atlantis"));
    FAIL() << "expected an error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("atlantis"), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("closest known"), std::string::npos);
    EXPECT_EQ(std::string(e.what()).find('\n'), std::string::npos);
  }
}

TEST(CarbonAccounting, PueOutsideItsRangeIsRejected) {
  EXPECT_NO_THROW(validate_pue(1.0));
  EXPECT_NO_THROW(validate_pue(1.58));
  EXPECT_THROW(validate_pue(0.9), std::runtime_error);
  EXPECT_THROW(validate_pue(-1.0), std::runtime_error);
  EXPECT_THROW(validate_pue(std::nan("")), std::runtime_error);
}

}  // namespace
}  // namespace joulebench
