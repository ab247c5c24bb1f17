#include "reporters/statement/carbon_statement.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>

#include "reporters/statement/everyday_equivalents.h"
#include "reporters/statement/statement_text.h"
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

// A statement is read by people, not parsers: no exponents, three significant digits, a unit
// that keeps the figure short.
TEST(CarbonStatement, FiguresAreInPlainNotation) {
  using namespace statement_text;
  EXPECT_EQ(number(3.36e-06), "0.00000336");
  EXPECT_EQ(number(0.043), "0.043");
  EXPECT_EQ(number(9.996), "10");
  EXPECT_EQ(number(12345.0), "12345");
  EXPECT_EQ(number(0.0), "0");
  EXPECT_EQ(energy(155.0), "155 J");
  EXPECT_EQ(energy(0.02 * 3.6e6), "20 Wh");
  EXPECT_EQ(energy(4.5 * 3.6e6), "4.5 kWh");
  EXPECT_EQ(co2e(0.000368), "0.000368 g CO2e");
  EXPECT_EQ(co2e(1500.0), "1.5 kg CO2e");
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

// The VM with a dead perf counter: every row energy_J = 0 labelled measured.
constexpr std::string_view kDeadSensor = R"json({
  "context": {"host_name": "vm", "joulebench_cpu_model": "Xeon", "joulebench_meter": "perf",
    "joulebench_provenance": "measured", "joulebench_pue": "1"},
  "benchmarks": [
    {"name": "gemm/128", "run_name": "gemm/128", "run_type": "iteration", "iterations": 10,
     "real_time": 1, "cpu_time": 1, "time_unit": "ms", "energy_J": 0, "co2_g": 0, "power_W": 0,
     "label": "energy window below meter resolution"},
    {"name": "gemm/256", "run_name": "gemm/256", "run_type": "iteration", "iterations": 10,
     "real_time": 1, "cpu_time": 1, "time_unit": "ms", "energy_J": 0, "co2_g": 0, "power_W": 0}
  ]
})json";

// A run where the meter failed for some rows: those carry no energy counters and say why in
// their label; one more row has energy but no co2_g.
constexpr std::string_view kMixed = R"json({
  "context": {"host_name": "lab-2", "joulebench_cpu_model": "Test CPU 9000",
    "joulebench_meter": "rapl", "joulebench_provenance": "measured",
    "joulebench_meter_method": "RAPL package counters", "joulebench_region": "FR",
    "joulebench_grid_intensity_gCO2e_per_kWh": "56.039",
    "joulebench_grid_intensity_source": "Ember via OWID (2023)",
    "joulebench_grid_intensity_method": "lifecycle", "joulebench_pue": "1"},
  "benchmarks": [
    {"name": "gemm/128", "run_name": "gemm/128", "run_type": "iteration", "iterations": 1000,
     "real_time": 1, "cpu_time": 1, "time_unit": "ms", "energy_J": 36.0, "co2_g": 0.00056039},
    {"name": "gemm/128", "run_name": "gemm/128", "run_type": "iteration", "iterations": 1000,
     "real_time": 1, "cpu_time": 1, "time_unit": "ms",
     "label": "eigen; no energy: package-0 did not advance over 1 s (a virtualised or disabled sensor)"},
    {"name": "gemm/256", "run_name": "gemm/256", "run_type": "iteration", "iterations": 1000,
     "real_time": 1, "cpu_time": 1, "time_unit": "ms",
     "label": "no energy: package-0 did not advance over 1 s (a virtualised or disabled sensor)"},
    {"name": "gemm/256", "run_name": "gemm/256", "run_type": "iteration", "iterations": 1000,
     "real_time": 1, "cpu_time": 1, "time_unit": "ms",
     "label": "no energy: package-0 did not advance over 1 s (a virtualised or disabled sensor)"},
    {"name": "gemm/512", "run_name": "gemm/512", "run_type": "iteration", "iterations": 10,
     "real_time": 1, "cpu_time": 1, "time_unit": "ms", "energy_J": 5.0}
  ]
})json";

TEST(CarbonStatement, RowsWithoutEnergyAreListedNotCounted) {
  const CarbonStatement s = build_carbon_statement({parse_result_json(kMixed, "mixed.json")});
  ASSERT_EQ(s.sources.size(), 1u);
  const StatementSource& src = s.sources[0];
  // Only the first gemm/128 repetition: 1000 x 36 J.
  EXPECT_DOUBLE_EQ(src.it_energy_joules, 36000.0);
  EXPECT_NEAR(src.co2_grams, 0.56039, 1e-9);
  EXPECT_EQ(src.benchmarks, 1);
  EXPECT_EQ(src.runs_without_energy(), 4);
  ASSERT_EQ(src.without_energy.size(), 3u);
  EXPECT_EQ(src.without_energy[0].benchmark, "gemm/128");
  EXPECT_EQ(src.without_energy[0].reason,
            "package-0 did not advance over 1 s (a virtualised or disabled sensor)");
  EXPECT_EQ(src.without_energy[1].benchmark, "gemm/256");
  EXPECT_EQ(src.without_energy[1].runs, 2);
  EXPECT_EQ(src.without_energy[2].reason, "no co2_g counter");
}

TEST(CarbonStatement, ADeadSensorFileIsNothingToStateNotZeroKwh) {
  try {
    build_carbon_statement({parse_result_json(kDeadSensor, "vm.json")});
    FAIL() << "a statement was built from 0 J";
  } catch (const std::runtime_error& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("no benchmark in the result file(s) has an energy figure (2 run(s)"),
              std::string::npos)
        << what;
    EXPECT_NE(what.find("gemm/128 in vm.json: energy_J = 0"), std::string::npos) << what;
    EXPECT_EQ(what.find('\n'), std::string::npos) << what;
  }
}

// Beside a good file, a dead one is shown with n/a and a note; its zeros are not figures.
TEST(CarbonStatement, ADeadFileBesideAGoodOneIsNotApplicableNeverZero) {
  std::vector<ResultFile> files = fixtures();
  files.push_back(parse_result_json(kDeadSensor, "vm.json"));
  const CarbonStatement s = build_carbon_statement(files);
  ASSERT_EQ(s.sources.size(), 3u);
  EXPECT_EQ(s.sources[2].benchmarks, 0);
  EXPECT_EQ(s.sources[2].runs_without_energy(), 2);
  std::ostringstream md;
  write_statement_markdown(md, s);
  EXPECT_NE(md.str().find("The 3 benchmarks in 3 result files ("), std::string::npos) << md.str();
  // Totals in plain notation, split by how they were obtained.
  EXPECT_NE(md.str().find(") used 120 Wh (100 Wh measured, 20 Wh estimated) of electricity"),
            std::string::npos)
      << md.str();
  EXPECT_NE(md.str().find("emitted 38.1 g CO2e (37 g CO2e measured, 1.12 g CO2e estimated)"),
            std::string::npos)
      << md.str();
  EXPECT_NE(md.str().find("| Energy (IT) | n/a (no energy figure) |"), std::string::npos)
      << md.str();
  EXPECT_NE(md.str().find("| Emissions | n/a (no energy figure) |"), std::string::npos) << md.str();
  EXPECT_EQ(md.str().find("| 0 J"), std::string::npos) << md.str();
  EXPECT_NE(md.str().find("2 benchmark run(s) have no energy figure and are not counted in these "
                          "totals (see the notes)."),
            std::string::npos)
      << md.str();
  std::ostringstream tex;
  write_statement_latex(tex, s);
  EXPECT_NE(tex.str().find("Energy (IT)\\par} & {\\raggedright n/a (no energy figure)"),
            std::string::npos)
      << tex.str();
}

TEST(CarbonStatement, ManyMissingBenchmarksAreCappedInTheNote) {
  std::string text = R"({"context": {"joulebench_meter": "perf"}, "benchmarks": [
      {"name": "ok", "run_name": "ok", "run_type": "iteration", "iterations": 1, "real_time": 1,
       "energy_J": 1, "co2_g": 1})";
  for (int i = 0; i < 10; ++i)
    text += fmt::format(R"(, {{"name": "dead/{}", "run_type": "iteration", "iterations": 1,
       "real_time": 1, "energy_J": 0, "co2_g": 0}})",
                        i);
  text += "]}";
  CarbonStatement s = build_carbon_statement({parse_result_json(text, "vm.json")});
  const std::vector<std::string> notes = statement_text::missing_energy_notes(s);
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_NE(notes[0].find("vm.json: 10 benchmark run(s) have no energy figure"), std::string::npos)
      << notes[0];
  EXPECT_NE(notes[0].find("dead/7 (energy_J = 0"), std::string::npos) << notes[0];
  EXPECT_EQ(notes[0].find("dead/8"), std::string::npos) << notes[0];
  EXPECT_NE(notes[0].find("; and 2 more."), std::string::npos) << notes[0];
}

TEST(CarbonStatement, OpeningSaysEstimatedWhenNothingWasMeasured) {
  CarbonStatement s;
  StatementSource source;
  source.file = "a.json";
  source.provenance = "estimated";
  source.benchmarks = 8;
  s.sources.push_back(source);
  s.co2_grams = 1e-3;
  const std::string opening = statement_text::opening_sentence(s);
  EXPECT_NE(opening.find("The 8 benchmarks in 1 result file (with energy estimated from a model "
                         "of the hardware, not measured)"),
            std::string::npos)
      << opening;
  EXPECT_EQ(opening.find(" measured by"), std::string::npos) << opening;
  // 1 mg CO2 is micrometres of driving: said as a bound, not as 5.8e-06 km.
  EXPECT_NE(opening.find("less than 0.001 km driven"), std::string::npos) << opening;
}

TEST(CarbonStatement, PlainNumbersForEverydayEquivalents) {
  EXPECT_EQ(statement_text::plain_number(12345.6), "12346");
  EXPECT_EQ(statement_text::plain_number(0.155), "0.155");
  EXPECT_EQ(statement_text::plain_number(0.00123), "0.00123");
  EXPECT_EQ(statement_text::plain_number(7.56e-6), "less than 0.001");
  EXPECT_EQ(statement_text::plain_number(0.0), "0");
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

// The mixed file beside the two of fixtures(): the note and the "Without energy figure" row.
TEST(CarbonStatement, MarkdownWithMissingEnergyMatchesTheGoldenFile) {
  std::vector<ResultFile> files = fixtures();
  files.push_back(parse_result_json(kMixed, "results/mixed.json"));
  files.push_back(parse_result_json(kDeadSensor, "results/vm.json"));
  std::ostringstream out;
  write_statement_markdown(out, build_carbon_statement(files));
  expect_golden("statement-missing-energy.md", out.str());
}

TEST(CarbonStatement, LatexWithMissingEnergyMatchesTheGoldenFile) {
  std::vector<ResultFile> files = fixtures();
  files.push_back(parse_result_json(kMixed, "results/mixed.json"));
  files.push_back(parse_result_json(kDeadSensor, "results/vm.json"));
  std::ostringstream out;
  write_statement_latex(out, build_carbon_statement(files));
  expect_golden("statement-missing-energy.tex", out.str());
}

TEST(CarbonStatement, LatexMatchesTheGoldenFile) {
  std::ostringstream out;
  write_statement_latex(out, build_carbon_statement(fixtures()));
  expect_golden("statement.tex", out.str());
}

}  // namespace
}  // namespace joulebench
