#include "harness/whatif/region_comparison.h"

#include <gtest/gtest.h>

#include <stdexcept>

namespace joulebench {
namespace {

// The rows of tests/whatif/data/tables (the end-to-end tests' tables) and two direct figures.
constexpr std::string_view kCountries =
    "code,aliases,name,gCO2e_per_kWh,year,method,source,licence\n"
    "WORLD,,World,500,2019,direct,Test world,test\n"
    "CL,,Cleanland,10,2023,lifecycle,Test source A,test\n"
    "MD,,Middleland,250,2023,lifecycle,Test source A,test\n"
    "DT,,Dirtland,1000,2022,lifecycle,Test source B,test\n"
    "NR,,Nearland,3,2020,direct,Test source C,test\n"
    "CO,,Coalland,1200,2020,direct,Test source C,test\n";
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
TEST(RegionComparison, RanksRegionsWithTheirOwnFigurePerMethod) {
  const Fixture f;
  const RegionComparison c =
      compare_regions(Joules{2 * 3.6e6}, f.tables, f.catalog, {"aws:mid-1", "cl"}, 2);
  ASSERT_EQ(c.rankings.size(), 2u);
  // Direct first (alphabetical): NR and CO, not WORLD.
  const RegionRanking& direct = c.rankings[0];
  EXPECT_EQ(direct.method, "direct");
  EXPECT_EQ(direct.ranked, 2u);
  ASSERT_EQ(direct.cleanest.size(), 2u);
  EXPECT_EQ(direct.cleanest[0].code, "NR");
  EXPECT_EQ(direct.dirtiest[0].code, "CO");
  // Nearland's 3 g/kWh (direct) is not ranked above the cleanest lifecycle figure.
  const RegionRanking& lifecycle = c.rankings[1];
  EXPECT_EQ(lifecycle.method, "lifecycle");
  EXPECT_EQ(lifecycle.ranked, 4u);  // CL, MD, DT, gcp:clean-1; not aws:mid-1 (MD's figure)
  ASSERT_EQ(lifecycle.cleanest.size(), 2u);
  EXPECT_EQ(lifecycle.cleanest[0].code, "gcp:clean-1");
  EXPECT_DOUBLE_EQ(lifecycle.cleanest[0].co2.value, 10.0);
  EXPECT_EQ(lifecycle.cleanest[1].code, "CL");
  EXPECT_DOUBLE_EQ(lifecycle.cleanest[1].co2.value, 20.0);
  ASSERT_EQ(lifecycle.dirtiest.size(), 2u);
  EXPECT_EQ(lifecycle.dirtiest[0].code, "DT");
  EXPECT_DOUBLE_EQ(lifecycle.dirtiest[0].co2.value, 2000.0);
  EXPECT_EQ(lifecycle.dirtiest[1].code, "MD");
  ASSERT_EQ(c.chosen.size(), 2u);
  EXPECT_EQ(c.chosen[0].code, "aws:mid-1");
  EXPECT_DOUBLE_EQ(c.chosen[0].co2.value, 500.0);  // 2 kWh x 250 g/kWh, MD's figure
  EXPECT_EQ(c.chosen[1].code, "CL");
  EXPECT_EQ(c.chosen[1].method, "lifecycle");
}

TEST(RegionComparison, AskingForMoreThanTheTablesHoldGivesThemAll) {
  const Fixture f;
  const RegionComparison c = compare_regions(Joules{3.6e6}, f.tables, f.catalog, {}, 10);
  ASSERT_EQ(c.rankings.size(), 2u);
  EXPECT_EQ(c.rankings[0].cleanest.size(), 2u);
  EXPECT_EQ(c.rankings[1].cleanest.size(), 4u);
  EXPECT_EQ(c.rankings[1].dirtiest.size(), 4u);
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

// The built-in tables hold both methods; in each ranking the cleanest region is cleaner than the
// dirtiest, every row has the ranking's method, and none is WORLD.
TEST(RegionComparison, BuiltInTablesRankSensibly) {
  const RegionComparison c = compare_regions(Joules{3.6e6}, {"FR"});
  ASSERT_EQ(c.rankings.size(), 2u);
  for (const RegionRanking& ranking : c.rankings) {
    SCOPED_TRACE(ranking.method);
    ASSERT_EQ(ranking.cleanest.size(), 5u);
    EXPECT_LT(ranking.cleanest.front().grams_per_kwh, ranking.dirtiest.front().grams_per_kwh);
    for (const auto* rows : {&ranking.cleanest, &ranking.dirtiest})
      for (const auto& r : *rows) {
        EXPECT_NE(r.code, "WORLD");
        EXPECT_EQ(r.method, ranking.method);
      }
  }
  ASSERT_EQ(c.chosen.size(), 1u);
  EXPECT_DOUBLE_EQ(c.chosen[0].co2.value, c.chosen[0].grams_per_kwh);  // 1 kWh
}

}  // namespace
}  // namespace joulebench
