#include "reporters/statement/carbon_statement.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>

#include "reporters/statement/everyday_equivalents.h"
#include "tests/support/golden_file.h"

namespace joulebench {
namespace {

// Two result files: France on the model meter with two repetitions (the mean aggregate must not
// be counted), and aws:us-east-1 with a PUE of 1.2 and a failed benchmark (not counted).
constexpr std::string_view kFrance = R"json({
  "context": {"host_name": "lab-1", "joulebench_cpu_model": "Test CPU 9000",
    "joulebench_meter": "model", "joulebench_provenance": "estimated",
    "joulebench_meter_method": "process CPU time x 12 W per core",
    "joulebench_region": "FR (France; from --region)",
                           "joulebench_grid_intensity_gCO2e_per_kWh" : "56.039",
                           "joulebench_grid_intensity_source" : "Ember via OWID (2023)",
                           "joulebench_grid_intensity_method" : "lifecycle",
                           "joulebench_pue" : "1"
}
, "benchmarks" : [
  {
    "name" : "gemm/128",
    "run_name" : "gemm/128",
    "run_type" : "iteration",
    "iterations" : 1000,
    "real_time" : 1.0,
    "cpu_time" : 1.0,
    "time_unit" : "ms",
    "energy_J" : 36.0,
    "co2_g" : 0.00056039
  },
  {
    "name" : "gemm/128",
    "run_name" : "gemm/128",
    "run_type" : "iteration",
    "iterations" : 1000,
    "real_time" : 1.0,
    "cpu_time" : 1.0,
    "time_unit" : "ms",
    "energy_J" : 36.0,
    "co2_g" : 0.00056039
  },
  {
    "name" : "gemm/128_mean",
    "run_name" : "gemm/128",
    "run_type" : "aggregate",
    "aggregate_name" : "mean",
    "iterations" : 2,
    "real_time" : 1.0,
    "cpu_time" : 1.0,
    "time_unit" : "ms",
    "energy_J" : 36.0,
    "co2_g" : 0.00056039
  }
]
})json";
constexpr std::string_view kVirginia = R"json({
  "context": {"host_name": "cloud_box", "joulebench_cpu_model": "Cloud CPU",
    "joulebench_meter": "rapl", "joulebench_provenance": "measured",
    "joulebench_meter_method": "RAPL package counters",
    "joulebench_region": "aws:us-east-1 (AWS N. Virginia, in US-VA; from --region)",
    "joulebench_grid_intensity_gCO2e_per_kWh": "308",
    "joulebench_grid_intensity_source": "Green Algorithms & carbonfootprint (2020)",
    "joulebench_grid_intensity_method": "direct", "joulebench_pue": "1.2"
}
, "benchmarks" : [
  {
    "name" : "gemm/256",
    "run_name" : "gemm/256",
    "run_type" : "iteration",
    "iterations" : 100,
    "real_time" : 8.0,
    "cpu_time" : 8.0,
    "time_unit" : "ms",
    "energy_J" : 3600.0,
    "co2_g" : 0.3696
  },
  {
    "name" : "gemm/512",
    "run_name" : "gemm/512",
    "run_type" : "iteration",
    "iterations" : 0,
    "real_time" : 0,
    "cpu_time" : 0,
    "time_unit" : "ms",
    "error_occurred" : true,
    "error_message" : "out of memory"
  }
]
})json";

std::vector<ResultFile> fixtures() {
  return {parse_result_json(kFrance, "results/fr.json"),
          parse_result_json(kVirginia, "results/aws_us-east-1.json")};
}

TEST(CarbonStatement, SumsEnergyAndCo2OfTheMeasuredWindows) {
  const CarbonStatement s = build_carbon_statement(fixtures());
  ASSERT_EQ(s.sources.size(), 2u);
  // 2 x 1000 x 36 J = 72 kJ = 0.02 kWh; at 56.039 g/kWh: 1.12078 g.
  EXPECT_DOUBLE_EQ(s.sources[0].it_energy_joules, 72000.0);
  EXPECT_NEAR(s.sources[0].co2_grams, 0.02 * 56.039, 1e-9);
  EXPECT_EQ(s.sources[0].benchmarks, 2);
  // 100 x 3600 J = 0.1 kWh x 1.2 x 308 = 36.96 g; the failed benchmark adds nothing.
  EXPECT_DOUBLE_EQ(s.sources[1].it_energy_joules, 360000.0);
  EXPECT_NEAR(s.sources[1].co2_grams, 36.96, 1e-9);
  EXPECT_EQ(s.sources[1].benchmarks, 1);
  EXPECT_NEAR(s.co2_grams, 36.96 + 1.12078, 1e-9);
}

TEST(CarbonStatement, EverydayFactorsAreTheEpaFiguresConverted) {
  EXPECT_NEAR(kEverydayEquivalents[0].grams_co2_per_unit, 248.548, 1e-3);  // 400 g/mile
  EXPECT_NEAR(kEverydayEquivalents[1].grams_co2_per_unit, 2347.69, 1e-2);  // 8887 g/gallon
}

TEST(CarbonStatement, AFileWithoutEnergyCountersIsAnError) {
  const std::vector<ResultFile> plain = {parse_result_json(
      R"({"context": {}, "benchmarks": [{"name": "x", "run_name": "x", "run_type": "iteration",
          "iterations": 1, "real_time": 1, "cpu_time": 1, "time_unit": "ns"}]})",
      "plain.json")};
  EXPECT_THROW(build_carbon_statement(plain), std::runtime_error);
}

void expect_golden(const std::string& name, const std::string& actual) {
  testing::expect_matches_golden(actual,
                                 std::filesystem::path(JOULEBENCH_STATEMENT_GOLDEN_DIR) / name);
}

TEST(CarbonStatement, MarkdownMatchesTheGoldenFile) {
  std::ostringstream out;
  write_statement_markdown(out, build_carbon_statement(fixtures()));
  expect_golden("statement.md", out.str());
}

TEST(CarbonStatement, LatexMatchesTheGoldenFile) {
  std::ostringstream out;
  write_statement_latex(out, build_carbon_statement(fixtures()));
  expect_golden("statement.tex", out.str());
}

}  // namespace
}  // namespace joulebench
