#include "harness/carbon/region_lookup.h"

#include <gtest/gtest.h>

#include <array>
#include <string>

#include "common/closest_names.h"
#include "harness/carbon/carbon_accounting.h"
#include "harness/carbon/grid_tables.h"

namespace joulebench {
namespace {

// A small table with the same columns as data/carbon/, so the lookup rules are tested apart from
// the shipped figures.
constexpr std::string_view kGrid =
    "code,aliases,name,gCO2e_per_kWh,year,method,source,licence\n"
    "FR,FRA,France,56.039,2023,lifecycle,\"Ember, via OWID\",CC-BY-4.0\n"
    "US-VA,,\"Virginia, United States\",308,2020,direct,GA,CC-BY-4.0\n"
    "US-VT,,\"Vermont, United States\",14.45,2020,direct,GA,CC-BY-4.0\n"
    "WORLD,,World average,475,2019,direct,IEA,CC-BY-4.0\n";
constexpr std::string_view kCloud =
    "code,name,location,gCO2e_per_kWh,year,method,source,licence\n"
    "aws:us-east-1,AWS N. Virginia,US-VA,,,,AWS list,\n"
    "gcp:europe-west9,Google Cloud Paris,,16.30,2024,lifecycle,Google,Apache-2.0\n";

CarbonTables test_tables() {
  const std::array<TableText, 2> texts = {TableText{"countries.csv", kGrid},
                                          TableText{"cloud_regions.csv", kCloud}};
  return parse_carbon_tables(texts, "test");
}

TEST(EditDistance, CountsInsertionsDeletionsAndSubstitutions) {
  EXPECT_EQ(edit_distance("", ""), 0u);
  EXPECT_EQ(edit_distance("fr", "fr"), 0u);
  EXPECT_EQ(edit_distance("fr", "fra"), 1u);
  EXPECT_EQ(edit_distance("us-ca", "us-va"), 1u);
  EXPECT_EQ(edit_distance("kitten", "sitting"), 3u);
  EXPECT_EQ(edit_distance("", "abc"), 3u);
}

TEST(RegionCatalog, CountryByAlpha2OrAlpha3InAnyCase) {
  const CarbonTables tables = test_tables();
  const RegionCatalog catalog(tables);
  for (const char* code : {"FR", "fr", "FRA", "fra", " Fr "}) {
    const auto gi = catalog.find(code);
    ASSERT_TRUE(gi) << code;
    EXPECT_EQ(gi->region, "FR");
    EXPECT_DOUBLE_EQ(gi->grams_per_kwh, 56.039);
    EXPECT_EQ(gi->year, 2023);
    EXPECT_EQ(gi->method, "lifecycle");
    EXPECT_EQ(gi->source, "Ember, via OWID");
    EXPECT_FALSE(gi->is_default);
  }
}

TEST(RegionCatalog, CloudRegionWithItsOwnFigure) {
  const CarbonTables tables = test_tables();
  const GridIntensity gi = RegionCatalog(tables).lookup("GCP:Europe-West9");
  EXPECT_EQ(gi.region, "gcp:europe-west9");
  EXPECT_DOUBLE_EQ(gi.grams_per_kwh, 16.30);
  EXPECT_EQ(gi.year, 2024);
}

TEST(RegionCatalog, CloudRegionWithoutAFigureUsesItsLocation) {
  const CarbonTables tables = test_tables();
  const GridIntensity gi = RegionCatalog(tables).lookup("aws:us-east-1");
  EXPECT_EQ(gi.region, "aws:us-east-1");
  EXPECT_DOUBLE_EQ(gi.grams_per_kwh, 308.0);
  EXPECT_EQ(gi.year, 2020);
  EXPECT_NE(gi.name.find("US-VA"), std::string::npos);
  EXPECT_NE(gi.source.find("GA"), std::string::npos);
  EXPECT_NE(gi.source.find("AWS list"), std::string::npos);
}

TEST(RegionCatalog, UnknownCodeIsOneLineWithTheClosestCodes) {
  const CarbonTables tables = test_tables();
  const RegionCatalog catalog(tables);
  EXPECT_FALSE(catalog.find("US-VX"));
  EXPECT_EQ(catalog.closest_codes("us-vx", 2), (std::vector<std::string>{"US-VA", "US-VT"}));
  try {
    catalog.lookup("US-VX");
    FAIL() << "expected an error";
  } catch (const std::runtime_error& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("unknown region 'US-VX'"), std::string::npos) << message;
    EXPECT_NE(message.find("US-VA, US-VT"), std::string::npos) << message;
    EXPECT_EQ(message.find('\n'), std::string::npos);
  }
}

TEST(RegionCatalog, DuplicateCodesAndDanglingLocationsAreRejected) {
  const std::string twice = std::string(kGrid) + "FRA,,Again,1,2020,direct,x,\n";
  const std::array<TableText, 1> dup = {TableText{"countries.csv", twice}};
  const CarbonTables dup_tables = parse_carbon_tables(dup, "dup");
  EXPECT_THROW(RegionCatalog{dup_tables}, std::runtime_error);

  const std::array<TableText, 2> dangling = {
      TableText{"countries.csv", kGrid},
      TableText{"cloud_regions.csv",
                "code,name,location,gCO2e_per_kWh,year,method,source\naws:x,X,ZZ,,,,s\n"}};
  const CarbonTables dangling_tables = parse_carbon_tables(dangling, "dangling");
  EXPECT_THROW(RegionCatalog{dangling_tables}, std::runtime_error);
}

TEST(CarbonTables, MalformedRowsNameTheFileAndLine) {
  const std::array<TableText, 1> bad = {
      TableText{"countries.csv",
                "code,aliases,name,gCO2e_per_kWh,year,method,source\n"
                "FR,,France,56,2023,lifecycle,x\n"
                "DE,,Germany,lots,2023,lifecycle,x\n"}};
  try {
    parse_carbon_tables(bad, "bad");
    FAIL() << "expected an error";
  } catch (const std::runtime_error& e) {
    EXPECT_EQ(std::string(e.what()),
              "countries.csv line 3: gCO2e_per_kWh 'lots' is not a number >= 0");
  }
  const std::array<TableText, 1> no_column = {TableText{"x.csv", "code,name\nFR,France\n"}};
  EXPECT_THROW(parse_carbon_tables(no_column, "bad"), std::runtime_error);
}

// The shipped tables: every code form the issue names resolves, with the figure of its row.
TEST(BuiltInTables, ResolveEveryCodeForm) {
  const RegionCatalog& catalog = active_region_catalog();
  EXPECT_DOUBLE_EQ(catalog.lookup("FR").grams_per_kwh, catalog.lookup("FRA").grams_per_kwh);
  EXPECT_DOUBLE_EQ(catalog.lookup("fr").grams_per_kwh, 56.039);  // countries.csv, OWID 2023
  EXPECT_DOUBLE_EQ(catalog.lookup("US-CA").grams_per_kwh, 216.43);
  EXPECT_DOUBLE_EQ(catalog.lookup("CA-QC").grams_per_kwh, 1.5);
  EXPECT_DOUBLE_EQ(catalog.lookup("CA-MB").grams_per_kwh, 1.3);  // upstream code CA-MT, fixed
  EXPECT_DOUBLE_EQ(catalog.lookup("gcp:europe-west9").grams_per_kwh, 16.3);
  // AWS and Azure regions take the figure of where they are.
  EXPECT_DOUBLE_EQ(catalog.lookup("aws:eu-west-3").grams_per_kwh,
                   catalog.lookup("FR").grams_per_kwh);
  EXPECT_DOUBLE_EQ(catalog.lookup("azure:francecentral").grams_per_kwh,
                   catalog.lookup("FR").grams_per_kwh);
  EXPECT_DOUBLE_EQ(catalog.lookup("aws:us-east-1").grams_per_kwh,
                   catalog.lookup("US-VA").grams_per_kwh);
  EXPECT_DOUBLE_EQ(catalog.lookup("azure:France Central").grams_per_kwh,
                   catalog.lookup("FR").grams_per_kwh);
  EXPECT_FALSE(catalog.find("TKM"));  // implausible upstream figure, dropped
}

TEST(BuiltInTables, WorldDefaultComesFromTheTables) {
  const GridIntensity world = resolve_grid_intensity(std::nullopt);
  EXPECT_TRUE(world.is_default);
  EXPECT_EQ(world.region, "world");
  EXPECT_DOUBLE_EQ(world.grams_per_kwh, 475.0);
  EXPECT_EQ(world.year, 2019);
  const GridIntensity asked = resolve_grid_intensity(std::string("world"));
  EXPECT_FALSE(asked.is_default);
  EXPECT_EQ(asked.region, "world");
}

}  // namespace
}  // namespace joulebench
