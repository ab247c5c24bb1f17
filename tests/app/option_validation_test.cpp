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

// A line as each workload starts, on stderr, unless --quiet.
TEST(RunProgress, ALinePerWorkloadUnlessQuiet) {
  testing::TempDir dir;
  const std::vector<std::string> args = {
      "run",   "--meter", "model", "--idle-baseline", "0", "--filter", "gemm/fp32/eigen/128$",
      "--out", "out.json"};
  const testing::ProcessResult told = run_clean(dir, args);
  ASSERT_EQ(told.exit_code, 0) << told.err;
  EXPECT_NE(told.err.find("joulebench run: [1/1] gemm/fp32/eigen/128\n"), std::string::npos)
      << told.err;
  std::vector<std::string> quiet = args;
  quiet.push_back("--quiet");
  const testing::ProcessResult silent = run_clean(dir, quiet);
  ASSERT_EQ(silent.exit_code, 0) << silent.err;
  EXPECT_EQ(silent.err.find("[1/1]"), std::string::npos) << silent.err;
}

// One spelling in --help (utilisation) and the other accepted as an alias, in every command.
TEST(UtilisationSpelling, BothSpellingsAreAcceptedAndErrorsUseTheOneInHelp) {
  testing::TempDir dir;
  for (const char* flag : {"--estimate-utilisation", "--estimate-utilization"}) {
    const testing::ProcessResult ok = run_clean(dir, {"meters", flag, "machine", "--json"});
    EXPECT_EQ(ok.exit_code, 0) << flag << ": " << ok.err;
    const testing::ProcessResult bad = run_clean(dir, {"run", flag, "cluster"});
    EXPECT_EQ(bad.exit_code, 2) << flag;
    EXPECT_NE(bad.err.find("--estimate-utilisation"), std::string::npos) << bad.err;
  }
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

// Every numeric flag of every command, table-driven: NaN, both infinities, a value out of range
// and a huge count are one line, exit 2, naming the flag; the edge values are accepted. Commands
// other than estimate are given inputs that fail later (a missing file, an unusable meter), so
// an accepted value shows as an error about something else.
struct NumericFlag {
  std::vector<std::string> command;  // the command and its other arguments
  std::string flag;
  std::vector<std::string> out_of_range;
  std::vector<std::string> edges;  // accepted
};

// One small workload: without --filter every workload's inputs are checked before the meter,
// which reads the whole Fashion-MNIST set (seconds per run, where the data set is installed). No
// numeric flag is checked there: the flags' own rules run before any workload is selected.
std::vector<std::string> run_prefix() {
  return {"run",   "--meter",  "rapl",     "--powercap-root",     "/nonexistent",
          "--out", "out.json", "--filter", "gemm/fp32/eigen/128$"};
}

const std::vector<NumericFlag>& numeric_flags() {
  static const std::vector<NumericFlag> flags = {
      {run_prefix(), "--min-time", {"-1", "3601"}, {"0", "3600"}},
      {run_prefix(), "--repetitions", {"0", "1001", "2147483647", "1.5"}, {"1", "1000"}},
      {run_prefix(), "--pue", {"0.5", "3.01"}, {"1", "3"}},
      {run_prefix(), "--sample-interval", {"-1", "1e-7", "61"}, {"0", "0.001", "60"}},
      {run_prefix(), "--idle-baseline", {"-1", "3601"}, {"0", "3600"}},
      {run_prefix(), "--target-accuracy", {"-0.1", "1.1"}, {"0", "1"}},
      {run_prefix(), "--mlp-epochs", {"0", "1001", "2147483647"}, {"1", "1000"}},
      {{"compare", "base.json", "new.json"}, "--threshold", {"-5", "1001%"}, {"0", "1000%", "5"}},
      {{"compare", "base.json", "new.json"}, "--alpha", {"0", "1"}, {"0.001", "0.999"}},
      {{"statement", "r.json"}, "--scc", {"-1", "1e7"}, {"0", "1000000"}},
      {{"project", "r.json", "--per-day", "1"}, "--scc", {"-1"}, {"0"}},
      {{"project", "r.json"}, "--per-day", {"0", "1e16"}, {"1", "1e15"}},
      {{"project", "r.json", "--per-day", "1"}, "--years", {"0", "101"}, {"0.5", "100"}},
      {{"project", "r.json", "--per-day", "1"}, "--price-per-kWh", {"-1"}, {"0", "0.3"}},
      {{"estimate", "--gpu", "L4", "--hours", "1"}, "--scc", {"-1"}, {"0"}},
      {{"estimate", "--gpu", "L4"}, "--hours", {"0", "876001"}, {"0.001", "876000"}},
      {{"estimate", "--gpu", "L4", "--hours", "1"}, "--utilisation", {"-0.1", "1.1"}, {"0", "1"}},
      {{"estimate", "--gpu", "L4", "--hours", "1"}, "--pue", {"0.9", "3.1"}, {"1", "3"}},
      {{"estimate", "--gpu", "L4", "--hours", "1"}, "--count", {"0", "2147483647"}, {"1"}},
      {{"estimate", "--gpu", "L4", "--cpu", "AMD EPYC 7763", "--hours", "1"},
       "--cpu-count",
       {"0", "100001"},
       {"1", "100000"}},
  };
  return flags;
}

testing::ProcessResult run_with(const testing::TempDir& dir, const NumericFlag& f,
                                const std::string& value) {
  std::vector<std::string> args = f.command;
  args.push_back(f.flag);
  args.push_back(value);
  return run_clean(dir, args);
}

TEST(NumericFlags, NonFiniteAndOutOfRangeValuesAreOneLineNamingTheFlag) {
  for (const NumericFlag& f : numeric_flags()) {
    std::vector<std::string> bad = {"nan", "inf", "-inf", "1e400"};
    bad.insert(bad.end(), f.out_of_range.begin(), f.out_of_range.end());
    for (const std::string& value : bad) {
      testing::TempDir dir;
      const testing::ProcessResult r = run_with(dir, f, value);
      const std::string what = f.command.front() + " " + f.flag + " " + value;
      EXPECT_EQ(r.exit_code, 2) << what << ": " << r.err;
      ASSERT_FALSE(r.err.empty()) << what;
      EXPECT_EQ(r.err.find('\n'), r.err.size() - 1) << what << ": more than one line:\n" << r.err;
      EXPECT_NE(r.err.find(f.flag), std::string::npos) << what << ": " << r.err;
      EXPECT_NE(r.err.find("must be"), std::string::npos) << what << ": " << r.err;
      EXPECT_LT(r.err.size(), 300u) << what << ": bounds in full digits? " << r.err;
      EXPECT_EQ(dir.entries(), std::vector<std::string>{}) << what << ": a file was written";
    }
  }
}

TEST(NumericFlags, EdgeValuesAreAccepted) {
  for (const NumericFlag& f : numeric_flags()) {
    for (const std::string& value : f.edges) {
      testing::TempDir dir;
      const testing::ProcessResult r = run_with(dir, f, value);
      const std::string what = f.command.front() + " " + f.flag + " " + value;
      EXPECT_EQ(r.err.find(f.flag + ": must"), std::string::npos) << what << ": " << r.err;
      EXPECT_EQ(r.err.find(f.flag + " must"), std::string::npos) << what << ": " << r.err;
      if (f.command.front() == "estimate") {
        EXPECT_EQ(r.exit_code, 0) << what << ": " << r.err;
      }
    }
  }
}

TEST(NumericFlags, HelpStatesEveryBound) {
  for (const NumericFlag& f : numeric_flags()) {
    testing::TempDir dir;
    const testing::ProcessResult r = run_clean(dir, {f.command.front(), "--help"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    std::size_t line = r.out.find("  " + f.flag + " ");
    if (line == std::string::npos)
      line =
          r.out.find("  " + f.flag + ",");  // followed by its alias: "--utilisation,--utilization"
    ASSERT_NE(line, std::string::npos) << f.flag << " not in the help of " << f.command.front();
    // The bounds follow on the flag's line or the next one (CLI11 puts a long type first).
    const std::string text =
        r.out.substr(line, r.out.find('\n', r.out.find('\n', line) + 1) - line);
    EXPECT_TRUE(text.find("<=") != std::string::npos || text.find("< ") != std::string::npos)
        << f.command.front() << " --help, " << f.flag << ":\n"
        << text;
  }
}

}  // namespace
}  // namespace joulebench
