// `joulebench run` checks every cheap option (region, PUE, hourly series, sample interval, idle
// baseline, filter, output path, data directory) before any hardware is probed, and names its
// own flags; it raises the minimum time to the meter's window. Each run gets a minimal
// environment (no JOULEBENCH_* variable, HOME in the test's directory).

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "tests/support/process.h"
#include "tests/support/temp_dir.h"

namespace joulebench {
namespace {

testing::ProcessResult run_clean(const testing::TempDir& dir, const std::vector<std::string>& args,
                                 const std::vector<std::string>& environment = {}) {
  std::vector<std::string> command = {"-i", "PATH=/usr/bin:/bin", "HOME=" + dir.path().string(),
                                      "LANG=C.UTF-8"};
  command.insert(command.end(), environment.begin(), environment.end());
  command.push_back(JOULEBENCH_BINARY);
  command.insert(command.end(), args.begin(), args.end());
  return testing::Process("/usr/bin/env", command, dir.path(), dir.path()).wait();
}

// RAPL from a tree that does not exist: selecting it fails, so an error about anything else
// shows that the option was checked before the meter was selected.
std::vector<std::string> run_with_unusable_meter(std::vector<std::string> more) {
  std::vector<std::string> args = {"run", "--meter", "rapl", "--powercap-root", "/nonexistent"};
  args.insert(args.end(), more.begin(), more.end());
  return args;
}

void expect_checked_before_the_meter(const std::vector<std::string>& more,
                                     const std::string& mention,
                                     const std::vector<std::string>& environment = {}) {
  testing::TempDir dir;
  const testing::ProcessResult r = run_clean(dir, run_with_unusable_meter(more), environment);
  EXPECT_EQ(r.exit_code, 2) << r.err;
  ASSERT_FALSE(r.err.empty());
  EXPECT_EQ(r.err.find('\n'), r.err.size() - 1) << "more than one line:\n" << r.err;
  EXPECT_NE(r.err.find(mention), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("powercap"), std::string::npos) << "the meter was probed first:\n" << r.err;
  EXPECT_EQ(dir.entries(), std::vector<std::string>{}) << "a file was written";
}

TEST(RunOptionValidation, RegionBeforeTheMeter) {
  expect_checked_before_the_meter({"--region", "Atlantis", "--out", "out.json"},
                                  "--region: unknown region 'Atlantis'");
}

TEST(RunOptionValidation, RegionFromTheEnvironmentIsNamedAsTheVariable) {
  expect_checked_before_the_meter({"--out", "out.json"},
                                  "JOULEBENCH_REGION: unknown region 'Atlantis'",
                                  {"JOULEBENCH_REGION=Atlantis"});
}

TEST(RunOptionValidation, PueBeforeTheMeter) {
  expect_checked_before_the_meter({"--pue", "0.5", "--out", "out.json"},
                                  "--pue must be a finite power usage effectiveness (PUE) >= 1 "
                                  "and <= 3 (got 0.5)");
}

TEST(RunOptionValidation, IntensitySeriesBeforeTheMeter) {
  expect_checked_before_the_meter({"--intensity-series", "nope.csv", "--out", "out.json"},
                                  "--intensity-series: cannot read intensity series nope.csv");
}

TEST(RunOptionValidation, SampleIntervalAndIdleBaselineBeforeTheMeter) {
  expect_checked_before_the_meter({"--sample-interval", "-1", "--out", "out.json"},
                                  "--sample-interval must be 0");
  expect_checked_before_the_meter({"--idle-baseline", "-1", "--out", "out.json"},
                                  "--idle-baseline must be 0");
}

TEST(RunOptionValidation, FilterBeforeTheMeter) {
  expect_checked_before_the_meter({"--filter", "^nothing$", "--out", "out.json"}, "no workload");
}

TEST(RunOptionValidation, OutputPathBeforeTheMeter) {
  expect_checked_before_the_meter({"--filter", "gemm/fp32/eigen/128$", "--out", "nodir/out.json"},
                                  "nodir/out.json");
}

TEST(RunOptionValidation, DataDirectoryBeforeTheMeter) {
  expect_checked_before_the_meter(
      {"--filter", "^mlp/", "--data-dir", "/nonexistent/fashion", "--out", "out.json"},
      "/nonexistent/fashion");
}

TEST(RunOptionValidation, TheMetersOwnErrorOnceEverythingElseIsRight) {
  testing::TempDir dir;
  const testing::ProcessResult r = run_clean(
      dir, run_with_unusable_meter({"--filter", "gemm/fp32/eigen/128$", "--out", "o.json"}));
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("rapl"), std::string::npos) << r.err;
}

TEST(RunMinimumTime, RaisedToTheWindowTheMeterResolves) {
  testing::TempDir dir;
  // The estimate over the whole machine's CPU use updates every 10 ms: 1 s windows.
  const testing::ProcessResult r = run_clean(
      dir, {"run", "--meter", "model", "--estimate-utilisation", "machine", "--idle-baseline", "0",
            "--sample-interval", "0", "--filter", "gemm/fp32/eigen/128$", "--out", "out.json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("joulebench run: --min-time raised to 1 s, the shortest window model "
                       "resolves"),
            std::string::npos)
      << r.err;
  std::ifstream in(dir.path() / "out.json");
  const auto row = nlohmann::json::parse(in).at("benchmarks").at(0);
  ASSERT_EQ(row.at("time_unit"), "us");
  EXPECT_GE(row.at("iterations").get<double>() * row.at("real_time").get<double>() * 1e-6, 1.0);
}

}  // namespace
}  // namespace joulebench
