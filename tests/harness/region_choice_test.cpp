#include "harness/carbon/region_choice.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace joulebench {
namespace {

class RegionChoiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ =
        std::filesystem::temp_directory_path() /
        ("joulebench-region-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
         ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::filesystem::path write(const std::string& name, const std::string& text) {
    const auto path = dir_ / name;
    std::ofstream(path) << text;
    return path;
  }
  std::filesystem::path dir_;
};

TEST_F(RegionChoiceTest, FlagThenEnvironmentThenConfigThenNothing) {
  const auto config = write("config.json", R"({"region": "CA-QC"})");
  const std::vector<std::filesystem::path> files = {dir_ / "absent.json", config};
  EXPECT_EQ(choose_region("FR", "DE", files).code, "FR");
  // Neutral words: `run` spells the option --region, a JOULEBENCH_MAIN program
  // --joulebench_region, and the result file records which was used, not how it was typed.
  EXPECT_EQ(choose_region("FR", "DE", files).chosen_by, "region option");
  EXPECT_EQ(choose_region(std::nullopt, "DE", files).code, "DE");
  EXPECT_EQ(choose_region(std::nullopt, "DE", files).chosen_by, "JOULEBENCH_REGION");
  const RegionChoice from_file = choose_region(std::nullopt, "", files);
  EXPECT_EQ(from_file.code, "CA-QC");
  EXPECT_EQ(from_file.chosen_by, "config " + config.string());
  EXPECT_FALSE(choose_region(std::nullopt, std::nullopt, {dir_ / "absent.json"}).code);
}

TEST_F(RegionChoiceTest, ConfigWithoutRegionIsSkippedAndBadConfigIsAnError) {
  const auto empty = write("empty.json", R"({"pue": 1.2})");
  const auto good = write("good.json", R"({"region": "FR"})");
  EXPECT_EQ(choose_region(std::nullopt, std::nullopt, {empty, good}).code, "FR");
  EXPECT_THROW(read_region_from_config(write("bad.json", "{region")), std::runtime_error);
  EXPECT_THROW(read_region_from_config(write("num.json", R"({"region": 250})")),
               std::runtime_error);
}

// Each front end names its own flag in the error; the neutral origin stays in the result.
TEST(RegionAccounting, AnUnknownRegionFromTheOptionIsNamedWithTheFrontEndsFlag) {
  try {
    carbon_accounting_for_region("Atlantis", 1.0, "--joulebench_region");
    FAIL() << "expected an error";
  } catch (const std::runtime_error& e) {
    EXPECT_TRUE(std::string(e.what()).starts_with("--joulebench_region: unknown region 'Atlantis'"))
        << e.what();
  }
  EXPECT_EQ(carbon_accounting_for_region("FR", 1.0, "--region").intensity.chosen_by,
            "region option");
}

}  // namespace
}  // namespace joulebench
