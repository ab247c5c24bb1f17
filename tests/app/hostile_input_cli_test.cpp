// report, compare and project on hostile input (issues 18 and 21): numbers past a double, counts
// that overflow an int64, impossible figures, directories and streams as input, context values
// and names holding newlines, a path that is not UTF-8, a 30,000-character benchmark name. Each
// is a one-line error naming its source and exit 2, or a correct result; never a crash.
// Reproducers are tiny files in tests/app/data/hostile.

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "tests/support/process.h"
#include "tests/support/temp_dir.h"

namespace joulebench {
namespace {

namespace fs = std::filesystem;

std::string hostile(const std::string& name) {
  return fmt::format("{}/{}", JOULEBENCH_HOSTILE_DATA_DIR, name);
}

class HostileInputCli : public ::testing::Test {
 protected:
  testing::ProcessResult run(const std::vector<std::string>& args) {
    return testing::Process(JOULEBENCH_BINARY, args, dir_.path(), dir_.path()).wait();
  }

  // Exit 2, exactly one line on stderr holding every part, nothing on stdout.
  void expect_one_line_error(const std::vector<std::string>& args,
                             const std::vector<std::string>& parts) {
    const testing::ProcessResult r = run(args);
    EXPECT_EQ(r.exit_code, 2) << r.err;
    ASSERT_FALSE(r.err.empty());
    EXPECT_EQ(r.err.find('\n'), r.err.size() - 1) << "more than one line:\n" << r.err;
    for (const std::string& part : parts)
      EXPECT_NE(r.err.find(part), std::string::npos) << "no '" << part << "' in " << r.err;
    EXPECT_TRUE(r.out.empty()) << r.out;
  }

  testing::TempDir dir_;
};

TEST_F(HostileInputCli, ANumberPastADoubleNamesTheFile) {
  expect_one_line_error({"report", hostile("number_overflow.json")},
                        {"number_overflow.json: not valid JSON: number overflow parsing '1e309'"});
}

TEST_F(HostileInputCli, IterationsPastAnInt64AreAnError) {
  expect_one_line_error(
      {"report", hostile("iterations_1e19.json")},
      {"iterations_1e19.json: benchmark 'x': iterations 1e+19 is not a whole number"});
}

TEST_F(HostileInputCli, ImpossibleFiguresAreRefusedByEveryCommand) {
  const std::string negative = hostile("negative_energy.json");
  const std::vector<std::string> parts = {
      "negative_energy.json: benchmark 'gemm/a': energy_J -0.00972 is negative"};
  expect_one_line_error({"report", negative}, parts);
  expect_one_line_error({"statement", negative}, parts);
  expect_one_line_error({"compare", negative, negative}, parts);
  expect_one_line_error({"project", negative, "--per-day", "10"}, parts);
  expect_one_line_error({"report", hostile("zero_time.json")},
                        {"zero_time.json: benchmark 'gemm/a': real_time is 0 in a measured run"});
}

TEST_F(HostileInputCli, ADirectoryIsSaidToBeOne) {
  fs::create_directory(dir_.path() / "results.json");
  expect_one_line_error({"report", "results.json"}, {"results.json: is a directory"});
}

TEST_F(HostileInputCli, AnEndlessStreamStopsAtTheLimit) {
  expect_one_line_error({"report", "/dev/zero"},
                        {"/dev/zero: more than the 64 MiB a result file may have"});
}

// A context value with newlines made compare's error five lines and project's three.
TEST_F(HostileInputCli, ContextValuesWithNewlinesStayInOneLine) {
  expect_one_line_error({"compare", fmt::format("{}/base.json", JOULEBENCH_COMPARE_DATA_DIR),
                         hostile("newline_meter.json")},
                        {"refusing to compare", "rapl\\n# injected\\n[link](x) (measured\\nline)"});
  expect_one_line_error({"project", hostile("newline_pue.json"), "--per-day", "10"},
                        {"newline_pue.json: joulebench_pue '1.5\\n\\nline 3' is not a PUE"});
}

// nlohmann's dump threw type_error.316 on a path that is not valid UTF-8; such bytes are written
// as U+FFFD.
TEST_F(HostileInputCli, JsonOutputOfAPathThatIsNotUtf8) {
  fs::copy_file(fmt::format("{}/base.json", JOULEBENCH_COMPARE_DATA_DIR),
                dir_.path() / "r\xff.json");
  const testing::ProcessResult report = run({"report", "--format", "json", "r\xff.json"});
  EXPECT_EQ(report.exit_code, 0) << report.err;
  EXPECT_NE(report.out.find("r\xef\xbf\xbd.json"), std::string::npos) << report.out;
  const testing::ProcessResult compare =
      run({"compare", "--format", "json", "r\xff.json", "r\xff.json"});
  EXPECT_EQ(compare.exit_code, 0) << compare.err;
  EXPECT_NE(compare.out.find("r\xef\xbf\xbd.json"), std::string::npos) << compare.out;
}

// libstdc++'s std::regex recursed per character: SIGSEGV, exit 139, no message (issue 18).
TEST_F(HostileInputCli, ProjectOnAThirtyThousandCharacterNameDoesNotCrash) {
  const std::string name = "mlp/infer/" + std::string(30'000, 'n') + "/batch:8";
  std::ofstream(dir_.path() / "long.json")
      << R"({"context": {"joulebench_pue": "1.2"}, "benchmarks": [{"name": ")" << name
      << R"(", "run_type": "iteration", "iterations": 10, "real_time": 5, "cpu_time": 5,
          "energy_J": 0.8, "co2_g": 0.001}]})";
  const testing::ProcessResult r =
      run({"project", "long.json", "--per-day", "1000", "--workload", "n+/batch"});
  EXPECT_NE(r.exit_code, 139);
  expect_one_line_error({"project", "long.json", "--per-day", "1000", "--workload", "n+/batch"},
                        {"no benchmark with energy counters matches --workload 'n+/batch'"});
  const testing::ProcessResult plain =
      run({"project", "long.json", "--per-day", "1000", "--workload", "/batch:8"});
  EXPECT_EQ(plain.exit_code, 0) << plain.err;
}

// Issue 16: "batch:1$" found nothing because Google Benchmark appends /real_time.
TEST_F(HostileInputCli, ProjectMatchesNamesWithoutTheRealTimeSuffix) {
  const testing::ProcessResult r = run(
      {"project", hostile("real_time_suffix.json"), "--per-day", "1000", "--workload", "batch:1$"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("batch:1/real_time"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace joulebench
