// `joulebench compare` as CI runs it: the real binary on small hand-made result files in
// tests/app/data (values chosen so each verdict is clear: +20% on five completely separated
// repetitions is a regression, p = 2/252; +-0.1% is not). Exit codes, outputs, and bad input as
// exactly one line on stderr. No benchmark runs: well under a second.

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "tests/support/process.h"
#include "tests/support/temp_dir.h"

namespace joulebench {
namespace {

std::string data(const std::string& name) {
  return fmt::format("{}/{}", JOULEBENCH_COMPARE_DATA_DIR, name);
}

class CompareCli : public ::testing::Test {
 protected:
  testing::ProcessResult compare(std::vector<std::string> args) {
    args.insert(args.begin(), "compare");
    return testing::Process(JOULEBENCH_BINARY, args, dir_.path(), dir_.path()).wait();
  }

  void expect_one_line_error(const std::vector<std::string>& args, const std::string& mention) {
    const testing::ProcessResult r = compare(args);
    EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
    ASSERT_FALSE(r.err.empty());
    EXPECT_EQ(r.err.find('\n'), r.err.size() - 1) << "more than one line:\n" << r.err;
    EXPECT_NE(r.err.find(mention), std::string::npos) << r.err;
    EXPECT_TRUE(r.out.empty()) << r.out;
  }

  testing::TempDir dir_;
};

TEST_F(CompareCli, NoiseIsNoRegression) {
  const auto r = compare({data("base.json"), data("same.json")});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("2 benchmarks compared: 2 no change"), std::string::npos) << r.out;
}

TEST_F(CompareCli, TwentyPercentMoreEnergyIsARegression) {
  const auto r = compare({data("base.json"), data("slower.json")});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.out.find("+20.0%   0.0079  regression"), std::string::npos) << r.out;
  EXPECT_TRUE(r.err.empty()) << r.err;
}

TEST_F(CompareCli, ThresholdAboveTheChangePasses) {
  EXPECT_EQ(compare({"--threshold", "25%", data("base.json"), data("slower.json")}).exit_code, 0);
  EXPECT_EQ(compare({"--threshold", "15", data("base.json"), data("slower.json")}).exit_code, 1);
}

TEST_F(CompareCli, ImprovementPassesUnlessAnyChangeFails) {
  const auto r = compare({data("base.json"), data("faster.json")});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("improvement"), std::string::npos) << r.out;
  EXPECT_EQ(compare({"--fail-on", "any-change", data("base.json"), data("faster.json")}).exit_code,
            1);
}

TEST_F(CompareCli, OtherMetrics) {
  // The fixtures raise power with energy and leave real time alone.
  EXPECT_EQ(compare({"--metric", "power", data("base.json"), data("slower.json")}).exit_code, 1);
  EXPECT_EQ(compare({"--metric", "time", data("base.json"), data("slower.json")}).exit_code, 0);
}

TEST_F(CompareCli, MarkdownAndJson) {
  const auto md = compare({"--format", "md", data("base.json"), data("slower.json")});
  EXPECT_EQ(md.exit_code, 1);
  EXPECT_NE(md.out.find("| gemm/a | 1 mJ | 1.2 mJ | +20.0% | 0.0079 | **regression** |"),
            std::string::npos)
      << md.out;
  const auto js = compare({"--format", "json", data("base.json"), data("slower.json")});
  EXPECT_EQ(js.exit_code, 1);
  const auto doc = nlohmann::json::parse(js.out);
  EXPECT_EQ(doc["benchmarks"][0]["verdict"], "regression");
  EXPECT_EQ(doc["benchmarks"][1]["verdict"], "no change");
}

TEST_F(CompareCli, OutWritesTheReportAndKeepsTheExitCode) {
  const auto r =
      compare({"--format", "md", "--out", "report.md", data("base.json"), data("slower.json")});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_TRUE(r.out.empty());
  std::ifstream in(dir_.path() / "report.md");
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_NE(text.str().find("### joulebench compare: energy_J"), std::string::npos);
}

TEST_F(CompareCli, EstimatedAgainstMeasuredIsRefusedUnlessAllowed) {
  expect_one_line_error({data("base.json"), data("rapl.json")}, "--allow-mixed-meters");
  expect_one_line_error({data("base.json"), data("rapl.json")}, "model (estimated)");
  const auto r = compare({"--allow-mixed-meters", data("base.json"), data("rapl.json")});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("meters differ"), std::string::npos) << r.out;
}

// The VM with a dead perf counter: every row energy_J = 0, power_W = 0, provenance measured.
// 0 J against 0 J is no measurement, so the gate refuses (exit 2) instead of passing it as
// "no change", naming the first benchmark and the side.
TEST_F(CompareCli, DeadSensorOnBothSidesIsExit2NotNoChange) {
  expect_one_line_error({data("dead_sensor.json"), data("dead_sensor.json")},
                        "gemm/a has no energy_J figure in the base file");
  expect_one_line_error({data("dead_sensor.json"), data("dead_sensor.json")}, "energy_J = 0");
  expect_one_line_error({data("dead_sensor.json"), data("dead_sensor.json")},
                        "nor in the new file, and 1 more compared benchmark(s) have none");
  // Power from the same dead sensor is no figure either.
  expect_one_line_error({"--metric", "power", data("dead_sensor.json"), data("dead_sensor.json")},
                        "gemm/a has no power_W figure");
  // Time does not depend on the meter: still compared.
  EXPECT_EQ(
      compare({"--metric", "time", data("dead_sensor.json"), data("dead_sensor.json")}).exit_code,
      0);
}

// The meter failed on the new side: the rows carry no energy counters and a "no energy:" label.
TEST_F(CompareCli, MeterFailureOnTheNewSideIsExit2NamingItAndWhy) {
  expect_one_line_error({data("rapl.json"), data("meter_failed.json")},
                        "gemm/a has no energy_J figure in the new file");
  expect_one_line_error({data("rapl.json"), data("meter_failed.json")},
                        "package-0 did not advance over 0.5 s");
  expect_one_line_error({data("meter_failed.json"), data("rapl.json")}, "in the base file");
}

// One repetition of five lost its energy: compared on the other four, and a note says so.
TEST_F(CompareCli, RepetitionsWithoutEnergyAreLeftOutWithANote) {
  const auto r = compare({data("rapl.json"), data("partly_failed.json")});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("1 of 5 repetitions of gemm/a left out (package-0 did not advance over "
                       "0.1 s (a virtualised or disabled sensor)); compared on the other 4"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("2 benchmarks compared: 2 no change"), std::string::npos) << r.out;
}

TEST_F(CompareCli, MalformedInput) {
  expect_one_line_error({data("base.json"), data("malformed.json")},
                        "malformed.json: not valid JSON");
  expect_one_line_error({data("not_benchmark.json"), data("base.json")}, "no \"benchmarks\" array");
  expect_one_line_error({data("base.json"), data("does-not-exist.json")}, "does-not-exist.json");
  expect_one_line_error({"--metric", "accuracy", data("base.json"), data("same.json")},
                        "no benchmark carries accuracy");
}

TEST_F(CompareCli, BadOptions) {
  expect_one_line_error({"--threshold", "lots", data("base.json"), data("same.json")},
                        "--threshold");
  expect_one_line_error({"--threshold=-5", data("base.json"), data("same.json")}, "-5");
  expect_one_line_error({"--alpha", "1.5", data("base.json"), data("same.json")}, "--alpha");
  expect_one_line_error({"--metric", "joy", data("base.json"), data("same.json")}, "joy");
  expect_one_line_error({"--format", "html", data("base.json"), data("same.json")}, "html");
  expect_one_line_error({data("base.json")}, "new");
}

}  // namespace
}  // namespace joulebench
