// `joulebench estimate`, `project` and `statement --scc` run as a user would, against small
// carbon tables (tests/whatif/data/tables) so the expected figures can be worked out by hand.

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <string>
#include <vector>

#include "tests/support/process.h"
#include "tests/support/temp_dir.h"

namespace joulebench {
namespace {

using testing::Process;
using testing::ProcessResult;

// In testing::Process's clean environment (no JOULEBENCH_REGION, HOME at `dir`, so no config
// file either), with the test's carbon tables.
ProcessResult run(const testing::TempDir& dir, const std::vector<std::string>& args) {
  return Process(JOULEBENCH_BINARY, args, dir.path(), dir.path(),
                 {{"JOULEBENCH_CARBON_TABLES", JOULEBENCH_WHATIF_TABLES}})
      .wait();
}

void expect_one_line_error(const ProcessResult& r, const std::string& contains) {
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_TRUE(r.out.empty()) << r.out;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  EXPECT_NE(r.err.find(contains), std::string::npos) << r.err;
}

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// 8 x 700 W x 0.5 x 10 h = 28 kWh IT; x PUE 1.5 = 42 kWh; in DT (1000 g/kWh) 42 kg CO2e;
// 0.042 t x 190 USD/t = 7.98 USD.
TEST(WhatIfCli, EstimatePrintsEveryFactorAndTheFormula) {
  testing::TempDir dir;
  const auto r = run(dir, {"estimate", "--gpu", "H100 SXM", "--count", "8", "--hours", "10",
                           "--utilization", "0.5", "--pue", "1.5", "--region", "DT"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(has(r.out, "28 kWh")) << r.out;
  EXPECT_TRUE(has(r.out, "= 8 x 700 W x 0.5 x 10 h")) << r.out;
  EXPECT_TRUE(has(r.out, "42 kWh")) << r.out;
  EXPECT_TRUE(has(r.out, "42 kg CO2e")) << r.out;
  EXPECT_TRUE(has(r.out, "7.98 USD")) << r.out;
  EXPECT_TRUE(has(r.out, "NVIDIA H100 Tensor Core GPU datasheet (2023)")) << r.out;
  EXPECT_TRUE(has(r.out, "1000 gCO2e/kWh: DT (Dirtland), 2022, lifecycle - Test source B"))
      << r.out;
  EXPECT_TRUE(has(r.out, "US EPA")) << r.out;
}

// CPU and GPU together: (2 x 72 W + 1 x 280 W) x 1 x 2 h = 848 Wh = 0.848 kWh; no region: the
// test tables' WORLD row (500 g/kWh), marked as a default: 424 g.
TEST(WhatIfCli, EstimateWithCpuAndGpuAndNoRegion) {
  testing::TempDir dir;
  const auto r = run(
      dir, {"estimate", "--gpu", "L4", "--count", "2", "--cpu", "AMD EPYC 7763", "--hours", "2"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(has(r.out, "0.848 kWh")) << r.out;
  EXPECT_TRUE(has(r.out, "(2 x 72 W + 1 x 280 W)")) << r.out;
  EXPECT_TRUE(has(r.out, "424 g CO2e")) << r.out;
  EXPECT_TRUE(has(r.out, "world average")) << r.out;
}

// A CPU alone is counted by --count: 2 x 280 W x 0.25 x 4 h = 0.56 kWh; in CL (10 g/kWh) 5.6 g.
TEST(WhatIfCli, EstimateForCpusAlone) {
  testing::TempDir dir;
  const auto r = run(dir, {"estimate", "--cpu", "AMD EPYC 7763 64-Core Processor", "--count", "2",
                           "--hours", "4", "--utilization", "0.25", "--region", "CL"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(has(r.out, "= 2 x 280 W x 0.25 x 4 h")) << r.out;
  EXPECT_TRUE(has(r.out, "0.56 kWh")) << r.out;
  EXPECT_TRUE(has(r.out, "5.6 g CO2e")) << r.out;
  EXPECT_TRUE(has(r.out, "row 727")) << r.out;
}

// 1 x 400 W x 1 x 1 h = 0.4 kWh: 2 g in gcp:clean-1 (5 g/kWh), 400 g in DT, 100 g in MD.
TEST(WhatIfCli, EstimateWithTheUsersOwnTdpSaysItWasGiven) {
  testing::TempDir dir;
  const auto r = run(dir, {"estimate", "--cpu", "Laptop i7", "--cpu-tdp", "28", "--gpu", "Lab GPU",
                           "--gpu-tdp", "300", "--hours", "2"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // 2 h x (300 + 28) W = 0.656 kWh, neither device looked up in a table.
  EXPECT_NE(r.out.find("0.656 kWh"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("CPU Laptop i7: 28 W (TDP as given, not looked up) - --cpu-tdp 28 W, "
                       "given by the user"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("GPU Lab GPU: 300 W"), std::string::npos) << r.out;
  expect_one_line_error(
      run(dir, {"estimate", "--gpu", "H100 SXM", "--cpu-tdp", "28", "--hours", "1"}),
      "--cpu-tdp needs --cpu NAME");
  expect_one_line_error(run(dir, {"estimate", "--cpu", "X", "--cpu-tdp", "0", "--hours", "1"}),
                        "--cpu-tdp");
  expect_one_line_error(run(dir, {"estimate", "--cpu", "X", "--hours", "1"}),
                        "or its TDP with --cpu-tdp W");
}

TEST(WhatIfCli, EstimateComparesRegions) {
  testing::TempDir dir;
  const auto r = run(dir, {"estimate", "--gpu", "A100 SXM", "--hours", "1", "--region", "CL",
                           "--compare-regions", "--regions", "MD,aws:mid-1"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto cleanest = r.out.find("cleanest (lifecycle, 4 ranked):");
  const auto dirtiest = r.out.find("dirtiest (lifecycle, 4 ranked):");
  const auto chosen = r.out.find("chosen (--regions):");
  ASSERT_NE(cleanest, std::string::npos) << r.out;
  ASSERT_NE(dirtiest, std::string::npos) << r.out;
  ASSERT_NE(chosen, std::string::npos) << r.out;
  EXPECT_LT(cleanest, dirtiest);
  EXPECT_LT(dirtiest, chosen);
  const std::string first_clean =
      r.out.substr(cleanest, r.out.find('\n', cleanest + 11) - cleanest);
  EXPECT_TRUE(has(r.out.substr(cleanest), "gcp:clean-1")) << r.out;
  EXPECT_TRUE(has(r.out, "2 g CO2e")) << r.out;
  EXPECT_TRUE(has(r.out.substr(dirtiest, chosen - dirtiest), "400 g CO2e")) << r.out;
  EXPECT_TRUE(has(r.out.substr(chosen), "100 g CO2e")) << r.out;
  EXPECT_TRUE(has(r.out.substr(chosen), "aws:mid-1")) << r.out;
}

TEST(WhatIfCli, EstimateErrorsAreOneLineAndExit2) {
  testing::TempDir dir;
  expect_one_line_error(run(dir, {"estimate", "--gpu", "Z9000", "--hours", "1"}),
                        "unknown GPU 'Z9000' (closest known:");
  expect_one_line_error(run(dir, {"estimate", "--gpu", "H100", "--hours", "1"}),
                        "form factors with different TDPs");
  expect_one_line_error(run(dir, {"estimate", "--cpu", "Intel Potato 1", "--hours", "1"}),
                        "unknown CPU");
  expect_one_line_error(run(dir, {"estimate", "--gpu", "L4", "--hours=-3"}), "--hours");
  expect_one_line_error(
      run(dir, {"estimate", "--gpu", "L4", "--hours", "1", "--utilization", "1.5"}),
      "--utilisation");  // the alias is accepted; errors name the flag as --help spells it
  expect_one_line_error(run(dir, {"estimate", "--gpu", "L4", "--hours", "1", "--utilization=-0.2"}),
                        "--utilisation");
  expect_one_line_error(run(dir, {"estimate", "--gpu", "L4", "--hours", "1", "--region", "XX"}),
                        "unknown region 'XX'");
  expect_one_line_error(run(dir, {"estimate", "--gpu", "L4", "--hours", "1", "--regions", "QQ"}),
                        "unknown region 'QQ'");
  expect_one_line_error(run(dir, {"estimate", "--gpu", "L4"}), "--hours is required");
  expect_one_line_error(run(dir, {"estimate", "--hours", "1"}), "--cpu MODEL and/or --gpu");
  expect_one_line_error(run(dir, {"estimate", "--gpu", "L4", "--hours", "1", "--pue", "0.5"}),
                        "PUE");
  expect_one_line_error(run(dir, {"estimate", "--gpu", "L4", "--hours", "1", "--count", "0"}),
                        "--count: must be a whole number >= 1");
  expect_one_line_error(
      run(dir, {"estimate", "--cpu", "AMD EPYC 7763", "--cpu-count", "2", "--hours", "1"}),
      "use --count");
}

TEST(WhatIfCli, ListGpusShowsEveryRowWithItsSource) {
  testing::TempDir dir;
  const auto r = run(dir, {"estimate", "--list-gpus"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const char* model :
       {"NVIDIA V100 SXM2", "NVIDIA A100 SXM", "NVIDIA H100 PCIe", "NVIDIA H200 SXM", "NVIDIA L4",
        "NVIDIA L40S", "NVIDIA A10G", "NVIDIA T4", "NVIDIA GeForce RTX 4090", "AMD Instinct MI250",
        "AMD Instinct MI300X"})
    EXPECT_TRUE(has(r.out, model)) << model;
}

constexpr const char* kResult = R"({"context": {"host_name": "box",
    "joulebench_pue": "1.5", "joulebench_grid_intensity_gCO2e_per_kWh": "400",
    "joulebench_meter": "rapl", "joulebench_provenance": "measured"},
  "benchmarks": [
  {"name": "mlp/infer/784-256-256-10/fp32/batch:64", "run_name": "mlp/infer/784-256-256-10/fp32/batch:64",
   "run_type": "iteration", "iterations": 400, "real_time": 1, "cpu_time": 1, "time_unit": "ms",
   "energy_J": 0.88, "co2_g": 0.000175},
  {"name": "mlp/train-to-accuracy/784-256-256-10/adam", "run_name": "mlp/train-to-accuracy/784-256-256-10/adam",
   "run_type": "iteration", "iterations": 1, "real_time": 9000, "cpu_time": 9000, "time_unit": "ms",
   "energy_J": 5000, "co2_g": 0.8}
]})";

void write(const std::filesystem::path& path, const std::string& text) {
  std::ofstream(path) << text;
}

// 0.88 J / 64 = 0.01375 J per inference; 1e6 a day = 13750 J = 0.003819 kWh IT; training 5000 J:
// break-even after 5000 / 13750 = 0.364 days. Facility 20625 J a day = 0.005729 kWh; at 0.2 per
// kWh: 0.001146 a day.
TEST(WhatIfCli, ProjectSetsInferenceBesideTraining) {
  testing::TempDir dir;
  write(dir.path() / "run.json", kResult);
  const auto r = run(dir, {"project", "run.json", "--per-day", "1000000", "--price-per-kWh", "0.2",
                           "--years", "2", "--workload", "infer"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(has(r.out, "0.0138 J IT")) << r.out;
  EXPECT_TRUE(has(r.out, "batch:64 in the name")) << r.out;
  EXPECT_TRUE(has(r.out, "energy from      rapl (measured)")) << r.out;
  EXPECT_TRUE(has(r.out, "0.00382 kWh")) << r.out;  // 13750 J
  EXPECT_TRUE(has(r.out, "0.00115")) << r.out;      // USD
  EXPECT_TRUE(has(r.out, "after 0.364 days")) << r.out;
  EXPECT_TRUE(has(r.out, "mlp/train-to-accuracy/784-256-256-10/adam")) << r.out;
}

// 1000 a day: 13.75 J IT a day, 5019 J = 1.39 Wh a year, 2.79 Wh over two; the row of a table
// keeps one unit (the largest figure's), never "13.75 J | 5019 J | 0.002788 kWh", and figures in
// plain notation (never 3.819e-06 kWh).
TEST(WhatIfCli, ProjectKeepsOneEnergyUnitAcrossTheTable) {
  testing::TempDir dir;
  write(dir.path() / "run.json", kResult);
  const auto r =
      run(dir, {"project", "run.json", "--per-day", "1000", "--years", "2", "--workload", "infer"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto line = [&](std::string_view label) {
    const std::size_t at = r.out.find(label);
    return at == std::string::npos ? std::string() : r.out.substr(at, r.out.find('\n', at) - at);
  };
  const std::string it = line("  IT energy ");
  EXPECT_TRUE(has(it, "0.00382 Wh")) << it;
  EXPECT_TRUE(has(it, "1.39 Wh")) << it;
  EXPECT_TRUE(has(it, "2.79 Wh")) << it;
  EXPECT_FALSE(has(it, " J")) << it;
  EXPECT_FALSE(has(it, "e-")) << it;
}

TEST(WhatIfCli, ProjectErrorsAreOneLineAndExit2) {
  testing::TempDir dir;
  write(dir.path() / "run.json", kResult);
  expect_one_line_error(run(dir, {"project", "missing.json", "--per-day", "10"}), "missing.json");
  expect_one_line_error(run(dir, {"project", "run.json", "--per-day", "0"}), "--per-day");
  expect_one_line_error(run(dir, {"project", "run.json", "--per-day", "10", "--years", "0"}),
                        "--years");
  expect_one_line_error(run(dir, {"project", "run.json", "--per-day", "10", "--workload", "nope"}),
                        "matches --workload 'nope'");
  expect_one_line_error(run(dir, {"project", "run.json", "--per-day", "10", "--regions", "ZZ9"}),
                        "unknown region 'ZZ9'");
}

// The statement's CO2e: 400 x 0.000175 + 1 x 0.8 = 0.87 g; at --scc 100 USD/t: 8.7e-05 USD. The
// facility energy (400 x 0.88 + 5000) J x 1.5 = 8028 J = 0.00223 kWh; in DT 2.23 g.
TEST(WhatIfCli, StatementStatesTheSocialCostAndComparesRegions) {
  testing::TempDir dir;
  write(dir.path() / "run.json", kResult);
  const auto r =
      run(dir, {"statement", "run.json", "--scc", "100", "--compare-regions", "--regions", "DT"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(has(r.out, "social cost of carbon of 100 USD per tonne of CO2 (--scc)")) << r.out;
  EXPECT_TRUE(has(r.out, "0.000087 USD of damage")) << r.out;
  EXPECT_TRUE(has(r.out, "2.23 g CO2e")) << r.out;
  const auto latex = run(dir, {"statement", "run.json", "--format", "latex", "--regions", "DT"});
  ASSERT_EQ(latex.exit_code, 0) << latex.err;
  EXPECT_TRUE(has(latex.out, "% The same facility energy")) << latex.out;
  expect_one_line_error(run(dir, {"statement", "run.json", "--scc=-1"}), "--scc");
}

// The VM with a dead perf counter: every row energy_J = 0, power_W = 0, provenance measured.
constexpr const char* kDeadSensor = R"({"context": {"host_name": "vm",
    "joulebench_pue": "1", "joulebench_grid_intensity_gCO2e_per_kWh": "400",
    "joulebench_meter": "perf", "joulebench_provenance": "measured"},
  "benchmarks": [
  {"name": "mlp/infer/784-256-256-10/fp32/batch:64", "run_name": "mlp/infer/784-256-256-10/fp32/batch:64",
   "run_type": "iteration", "iterations": 400, "real_time": 1, "cpu_time": 1, "time_unit": "ms",
   "energy_J": 0, "co2_g": 0, "power_W": 0, "label": "energy window below meter resolution"},
  {"name": "mlp/train-to-accuracy/784-256-256-10/adam", "run_name": "mlp/train-to-accuracy/784-256-256-10/adam",
   "run_type": "iteration", "iterations": 1, "real_time": 9000, "cpu_time": 9000, "time_unit": "ms",
   "energy_J": 0, "co2_g": 0, "power_W": 0}
]})";

TEST(WhatIfCli, ProjectAndStatementRefuseADeadSensorsZeros) {
  testing::TempDir dir;
  write(dir.path() / "vm.json", kDeadSensor);
  const auto project = run(dir, {"project", "vm.json", "--per-day", "1000", "--workload", "infer"});
  expect_one_line_error(project,
                        "workload 'mlp/infer/784-256-256-10/fp32/batch:64' in vm.json "
                        "has no energy figure (energy_J = 0");
  EXPECT_FALSE(has(project.err, "nan")) << project.err;
  expect_one_line_error(run(dir, {"statement", "vm.json"}),
                        "no benchmark in the result file(s) has an energy figure");
  expect_one_line_error(run(dir, {"statement", "vm.json", "--format", "latex"}),
                        "nothing to state");
}

// Inference measured, the training row 0 J: the projection stands, the comparison does not.
TEST(WhatIfCli, ProjectWithATrainingRowWithoutEnergyPrintsNoNan) {
  testing::TempDir dir;
  std::string dead_training = kResult;
  const std::string training_energy = R"("energy_J": 5000, "co2_g": 0.8)";
  dead_training.replace(dead_training.find(training_energy), training_energy.size(),
                        R"("energy_J": 0, "co2_g": 0)");
  write(dir.path() / "run.json", dead_training);
  const auto r = run(dir, {"project", "run.json", "--per-day", "1000000", "--workload", "infer"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(has(r.out, "0.0138 J IT")) << r.out;
  EXPECT_TRUE(has(r.out,
                  "Training: the training row mlp/train-to-accuracy/784-256-256-10/adam "
                  "(run.json) has no energy figure (energy_J = 0"))
      << r.out;
  EXPECT_FALSE(has(r.out, "nan")) << r.out;
  EXPECT_FALSE(has(r.out, " inf ")) << r.out;
  EXPECT_FALSE(has(r.out, "days")) << r.out;
}

TEST(WhatIfCli, HelpNamesTheFormula) {
  testing::TempDir dir;
  const auto r = run(dir, {"estimate", "--help"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_TRUE(has(r.out, "TDP x count x utilisation x hours")) << r.out;
  EXPECT_TRUE(has(r.out, "--list-gpus")) << r.out;
}

}  // namespace
}  // namespace joulebench
