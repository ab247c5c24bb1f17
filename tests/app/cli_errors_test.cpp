// The command line's error paths: each is one line on stderr, exit code 2, and no file written.
// testing::Process pins every energy source to "absent", so no host's sensor is probed or used.

#include <gtest/gtest.h>

#include "tests/support/powercap_fixture.h"
#include "tests/support/process.h"
#include "tests/support/temp_dir.h"

namespace joulebench {
namespace {

class CliErrors : public ::testing::Test {
 protected:
  testing::ProcessResult run(const std::vector<std::string>& args) {
    return testing::Process(JOULEBENCH_BINARY, args, dir_.path(), dir_.path()).wait();
  }

  // One line on stderr, exit 2, nothing left in the working directory.
  void expect_one_line_error(const std::vector<std::string>& args, const std::string& mention) {
    const testing::ProcessResult r = run(args);
    EXPECT_EQ(r.exit_code, 2) << r.err;
    ASSERT_FALSE(r.err.empty());
    EXPECT_EQ(r.err.find('\n'), r.err.size() - 1) << "more than one line:\n" << r.err;
    EXPECT_NE(r.err.find(mention), std::string::npos) << r.err;
    EXPECT_EQ(dir_.entries(), std::vector<std::string>{}) << "a file was written";
  }

  testing::TempDir dir_;
};

// The exit codes of every command (common/error_model.h), where a user looks for them.
TEST_F(CliErrors, HelpDocumentsTheExitCodes) {
  const testing::ProcessResult r = run({"--help"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  for (const char* part : {"Exit status: 0 done; 1 compare found a regression; 2 an error you can",
                           "3 an internal error, a bug in joulebench", "128+N stopped by signal N"})
    EXPECT_NE(r.out.find(part), std::string::npos) << part << "\n" << r.out;
}

// Google Benchmark would print its usage and exit 0 for these (common/benchmark_flag_values.h).
TEST_F(CliErrors, BadValuesOfGoogleBenchmarkFlags) {
  expect_one_line_error({"run", "--benchmark_format=bogus", "--out", "out.json"},
                        "joulebench run: error: --benchmark_format 'bogus': must be console, json "
                        "or csv");
  expect_one_line_error({"run", "--benchmark_time_unit=weeks", "--out", "out.json"},
                        "--benchmark_time_unit 'weeks': must be ns, us, ms or s");
  expect_one_line_error({"run", "--benchmark_color=", "--out", "out.json"},
                        "--benchmark_color '': needs a value");
}

TEST_F(CliErrors, UnknownFlag) {
  expect_one_line_error({"run", "--frobnicate"}, "--frobnicate");
}

TEST_F(CliErrors, UnknownSubcommand) {
  expect_one_line_error({"frobnicate"}, "frobnicate");
}

TEST_F(CliErrors, NoSubcommand) {
  expect_one_line_error({}, "subcommand");
}

TEST_F(CliErrors, UnwritableOut) {
  // One small workload: a filter that takes in mlp/ rows reads the whole Fashion-MNIST set first.
  expect_one_line_error(
      {"run", "--filter", "gemm/fp32/eigen/128$", "--out", "no-such-dir/out.json"},
      "no-such-dir/out.json");
}

TEST_F(CliErrors, NegativeMinTime) {
  expect_one_line_error({"run", "--min-time", "-1", "--out", "out.json"}, "--min-time");
}

TEST_F(CliErrors, ZeroRepetitions) {
  expect_one_line_error({"run", "--repetitions", "0", "--out", "out.json"}, "--repetitions");
}

// Issue 18: --min-time nan ran until killed, --repetitions 2147483647 ended in std::bad_alloc and
// CLI::Range printed a 310-digit bound. Issue 21: --threshold inf% disabled the gate and
// statement --scc inf printed "inf USD".
TEST_F(CliErrors, NonFiniteAndHugeNumbersAreRefusedByName) {
  expect_one_line_error(
      {"run", "--min-time", "nan", "--out", "out.json"},
      "--min-time: must be a finite number of seconds >= 0 and <= 3600 (got nan)");
  expect_one_line_error({"run", "--repetitions", "2147483647", "--out", "out.json"},
                        "--repetitions: must be a whole number >= 1 and <= 1000 (got 2147483647)");
  expect_one_line_error({"run", "--sample-interval", "nan", "--out", "out.json"},
                        "--sample-interval must be");
  expect_one_line_error({"run", "--idle-baseline", "nan", "--out", "out.json"},
                        "--idle-baseline must be");
  expect_one_line_error({"run", "--benchmark_min_warmup_time=nan", "--out", "out.json"},
                        "--benchmark_min_warmup_time must be");
  expect_one_line_error({"compare", "--threshold", "inf%", "a.json", "b.json"},
                        "--threshold: must be a finite percentage >= 0 and <= 1000 (got inf%)");
  expect_one_line_error({"statement", "--scc", "inf", "a.json"},
                        "--scc: must be a finite cost in USD per tonne >= 0 and <= 1000000 "
                        "(got inf)");
  expect_one_line_error({"run", "--min-time", "-1", "--out", "out.json"}, "(got -1)");
}

// A flag's rule reads the same whether CLI11 or the command checks it: both name the command.
TEST_F(CliErrors, ErrorsNameTheirCommand) {
  for (const auto& [args, prefix] : std::vector<std::pair<std::vector<std::string>, std::string>>{
           {{"run", "--min-time", "nan", "--out", "out.json"}, "joulebench run: error: --min-time"},
           {{"run", "--pue", "0.5", "--out", "out.json"}, "joulebench run: error: --pue"},
           {{"compare", "--threshold", "inf%", "a.json", "b.json"},
            "joulebench compare: error: --threshold"},
           {{"statement", "--scc", "nan", "a.json"}, "joulebench statement: error: --scc"}}) {
    expect_one_line_error(args, prefix);
    EXPECT_EQ(run(args).err.rfind(prefix, 0), 0u) << run(args).err;
  }
}

TEST_F(CliErrors, UnknownRegion) {
  expect_one_line_error({"run", "--region", "atlantis", "--out", "out.json"}, "atlantis");
}

TEST_F(CliErrors, PueBelowOne) {
  expect_one_line_error({"run", "--pue", "0.5", "--out", "out.json"}, "PUE");
}

TEST_F(CliErrors, UnknownMeter) {
  expect_one_line_error({"run", "--meter", "sundial", "--out", "out.json"}, "sundial");
}

TEST_F(CliErrors, UnusableMeterSaysWhy) {
  // A powercap tree without RAPL zones, so that no host's working RAPL runs the default suite.
  testing::PowercapFixture no_rapl;
  expect_one_line_error({"run", "--meter", "rapl", "--powercap-root", no_rapl.root().string(),
                         "--filter", "gemm/fp32/eigen/128$", "--out", "out.json"},
                        "rapl");
}

TEST_F(CliErrors, BenchmarkFlagThatRunSetsItself) {
  expect_one_line_error({"run", "--benchmark_out=x.json"}, "--out");
}

TEST_F(CliErrors, BenchmarkFlagOutsideRun) {
  expect_one_line_error({"list", "--benchmark_filter=x"}, "only 'run'");
}

TEST_F(CliErrors, FilterMatchingNothing) {
  expect_one_line_error({"run", "--filter", "^nothing$", "--out", "out.json"}, "no workload");
}

TEST_F(CliErrors, InvalidFilterRegex) {
  expect_one_line_error({"list", "--filter", "("}, "regex");
}

TEST_F(CliErrors, ReportOfMalformedJson) {
  { std::ofstream(dir_.path() / "bad.json") << "{\"benchmarks\": ["; }
  const testing::ProcessResult r = run({"report", "bad.json"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err.find('\n'), r.err.size() - 1) << r.err;
  EXPECT_NE(r.err.find("bad.json: not valid JSON"), std::string::npos) << r.err;
  EXPECT_TRUE(r.out.empty());
}

TEST_F(CliErrors, ReportOfMissingFile) {
  expect_one_line_error({"report", "nope.json"}, "nope.json");
}

TEST_F(CliErrors, CompareOfMissingFilesNamesThem) {
  expect_one_line_error({"compare", "a.json", "b.json"}, "a.json: cannot open");
}

TEST(CliHelp, ListsTheSubcommands) {
  testing::TempDir dir;
  const auto r = testing::Process(JOULEBENCH_BINARY, {"--help"}, dir.path(), dir.path()).wait();
  EXPECT_EQ(r.exit_code, 0);
  for (const char* sub : {"run", "list", "meters", "report", "compare"}) {
    EXPECT_NE(r.out.find(std::string("  ") + sub + " "), std::string::npos) << sub;
  }
}

}  // namespace
}  // namespace joulebench
