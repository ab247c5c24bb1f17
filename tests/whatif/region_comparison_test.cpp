#include "harness/whatif/region_comparison.h"

#include <gtest/gtest.h>

#include <stdexcept>

namespace joulebench {
namespace {

// The same rows as tests/whatif/data/tables (the end-to-end tests' tables).
constexpr std::string_view kCountries =
    "code,aliases,name,gCO2e_per_kWh,year,method,source,licence\n"
    "WORLD,,World,500,2019,direct,Test world,test\n"
    "CL,,Cleanland,10,2023,lifecycle,Test source A,test\n"
    "MD,,Middleland,250,2023,lifecycle,Test source A,test\n"
    "DT,,Dirtland,1000,2022,lifecycle,Test source B,test\n";
constexpr std::string_view kCloud =
    "code,name,location,gCO2e_per_kWh,year,method,source,licence\n"
    "gcp:clean-1,Clean cloud,,5,2024,lifecycle,Test cloud,test\n"
    "aws:mid-1,Mid cloud,MD,,,,Test AWS list,test\n";

struct Fixture {
  std::vector<TableText> texts{{"countries.csv", kCountries}, {"cloud_regions.csv", kCloud}};
  CarbonTables tables = parse_carbon_tables(texts, "test");
  RegionCatalog catalog{tables};
};

// 2 kWh of facility energy: 10 g/kWh -> 20 g, 1000 g/kWh -> 2000 g.
TEST(RegionComparison, RanksRegionsWithTheirOwnFigure) {
  const Fixture f;
  const RegionComparison c =
      compare_regions(Joules{2 * 3.6e6}, f.tables, f.catalog, {"aws:mid-1", "cl"}, 2);
  EXPECT_EQ(c.ranked, 4u);  // CL, MD, DT, gcp:clean-1; not WORLD, not aws:mid-1 (MD's figure)
  ASSERT_EQ(c.cleanest.size(), 2u);
  EXPECT_EQ(c.cleanest[0].code, "gcp:clean-1");
  EXPECT_DOUBLE_EQ(c.cleanest[0].co2.value, 10.0);
  EXPECT_EQ(c.cleanest[1].code, "CL");
  EXPECT_DOUBLE_EQ(c.cleanest[1].co2.value, 20.0);
  ASSERT_EQ(c.dirtiest.size(), 2u);
  EXPECT_EQ(c.dirtiest[0].code, "DT");
  EXPECT_DOUBLE_EQ(c.dirtiest[0].co2.value, 2000.0);
  EXPECT_EQ(c.dirtiest[1].code, "MD");
  ASSERT_EQ(c.chosen.size(), 2u);
  EXPECT_EQ(c.chosen[0].code, "aws:mid-1");
  EXPECT_DOUBLE_EQ(c.chosen[0].co2.value, 500.0);  // 2 kWh x 250 g/kWh, MD's figure
  EXPECT_EQ(c.chosen[1].code, "CL");
  EXPECT_EQ(c.chosen[1].method, "lifecycle");
}

TEST(RegionComparison, AskingForMoreThanTheTablesHoldGivesThemAll) {
  const Fixture f;
  const RegionComparison c = compare_regions(Joules{3.6e6}, f.tables, f.catalog, {}, 10);
  EXPECT_EQ(c.cleanest.size(), 4u);
  EXPECT_EQ(c.dirtiest.size(), 4u);
  EXPECT_TRUE(c.chosen.empty());
}

TEST(RegionComparison, AnUnknownChosenRegionIsAnError) {
  const Fixture f;
  try {
    compare_regions(Joules{3.6e6}, f.tables, f.catalog, {"DX"}, 2);
    FAIL() << "expected an error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("closest known: DT"), std::string::npos) << e.what();
  }
}

TEST(RegionComparison, SplitsACommaSeparatedList) {
  EXPECT_EQ(split_region_list("FR, PL,,aws:us-east-1 "),
            (std::vector<std::string>{"FR", "PL", "aws:us-east-1"}));
  EXPECT_TRUE(split_region_list("").empty());
}

// The built-in tables: the cleanest region is cleaner than the dirtiest, and none is WORLD.
TEST(RegionComparison, BuiltInTablesRankSensibly) {
  const RegionComparison c = compare_regions(Joules{3.6e6}, {"FR"});
  ASSERT_EQ(c.cleanest.size(), 5u);
  EXPECT_LT(c.cleanest.front().grams_per_kwh, c.dirtiest.front().grams_per_kwh);
  for (const auto& r : c.cleanest)
    EXPECT_NE(r.code, "WORLD");
  ASSERT_EQ(c.chosen.size(), 1u);
  EXPECT_DOUBLE_EQ(c.chosen[0].co2.value, c.chosen[0].grams_per_kwh);  // 1 kWh
}

}  // namespace
}  // namespace joulebench
