// The three renderers of a comparison, on one fixed comparison: text and Markdown against
// golden files (reviewed by eye when they were written; regenerate with
// JOULEBENCH_UPDATE_GOLDEN=1), JSON by parsing it back.

#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>

#include "reporters/compare/comparison.h"
#include "reporters/compare/render.h"
#include "tests/reporters/result_json_builder.h"
#include "tests/support/golden_file.h"

namespace joulebench {
namespace {

Comparison fixed_comparison() {
  test::FileSpec base;
  base.source = "base.json";
  base.benchmarks = {{"gemm/fp32/eigen/128", {1.00e-3, 1.01e-3, 0.99e-3, 1.02e-3, 0.98e-3}},
                     {"gemm/fp32/eigen/256", {8.0e-3, 8.1e-3, 7.9e-3, 8.2e-3, 7.8e-3}},
                     {"mlp|pipe", {2.0}},
                     {"removed", {1, 2, 3, 4}}};
  test::FileSpec changed;
  changed.source = "new.json";
  changed.benchmarks = {{"gemm/fp32/eigen/128", {1.20e-3, 1.21e-3, 1.19e-3, 1.22e-3, 1.18e-3}},
                        {"gemm/fp32/eigen/256", {8.05e-3, 8.15e-3, 7.95e-3, 8.25e-3, 7.85e-3}},
                        {"mlp|pipe", {1.5}},
                        {"added", {1, 2, 3, 4}}};
  return compare_results(test::result_file(base), test::result_file(changed), {});
}

void expect_matches_golden(const std::string& actual, const std::string& name) {
  testing::expect_matches_golden(actual, std::filesystem::path(JOULEBENCH_TEST_GOLDEN_DIR) / name);
}

TEST(CompareRender, Text) {
  std::ostringstream out;
  render_compare_text(out, fixed_comparison());
  expect_matches_golden(out.str(), "compare.txt");
}

TEST(CompareRender, Markdown) {
  std::ostringstream out;
  render_compare_markdown(out, fixed_comparison());
  expect_matches_golden(out.str(), "compare.md");
}

TEST(CompareRender, JsonCarriesEveryValueTheVerdictRestsOn) {
  std::ostringstream out;
  render_compare_json(out, fixed_comparison());
  const auto doc = nlohmann::json::parse(out.str());
  EXPECT_EQ(doc["metric"], "energy");
  EXPECT_EQ(doc["field"], "energy_J");
  EXPECT_EQ(doc["repetitions_needed"], 4);
  ASSERT_EQ(doc["benchmarks"].size(), 3u);
  const auto& first = doc["benchmarks"][0];
  EXPECT_EQ(first["name"], "gemm/fp32/eigen/128");
  EXPECT_EQ(first["verdict"], "regression");
  EXPECT_EQ(first["base_values"].size(), 5u);
  EXPECT_NEAR(first["p_value"].get<double>(), 2.0 / 252.0, 1e-12);
  EXPECT_EQ(first["test_method"], "exact");
  EXPECT_NEAR(first["relative_change"].get<double>(), 0.2, 1e-9);
  EXPECT_EQ(doc["benchmarks"][2]["verdict"], "too few repetitions");
  EXPECT_TRUE(doc["benchmarks"][2].contains("reason"));
  EXPECT_EQ(doc["only_in_base"], nlohmann::json::array({"removed"}));
  EXPECT_EQ(doc["only_in_new"], nlohmann::json::array({"added"}));
  EXPECT_EQ(doc["summary"]["regression"], 1);
  EXPECT_EQ(doc["energy_source"], "model (estimated)");
  EXPECT_EQ(doc["summary"]["no change"], 1);
}

}  // namespace
}  // namespace joulebench
