// A JOULEBENCH_MAIN program measures as `joulebench run` does: the minimum time raised to the
// window the meter resolves, --benchmark_out written atomically (with Ctrl-C cleanup), options
// checked before the meter is probed, errors in one line with exit 2 that name its own flags,
// and the same context keys in its result file.
//
// Hermetic: every run gets a minimal environment (no JOULEBENCH_* variable, HOME in the test's
// directory) and a pinned meter.

#include <gtest/gtest.h>
#include <signal.h>

#include <chrono>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "tests/support/file_text.h"
#include "tests/support/process.h"
#include "tests/support/temp_dir.h"

namespace joulebench {
namespace {

using testing::Process;
using testing::ProcessResult;

// `binary args...` under `env -i` with only PATH, HOME and LANG (and `extra`), in `dir`.
std::vector<std::string> clean_command(const std::filesystem::path& dir, const std::string& binary,
                                       const std::vector<std::string>& args,
                                       const std::vector<std::string>& extra = {}) {
  std::vector<std::string> command = {"-i", "PATH=/usr/bin:/bin", "HOME=" + dir.string(),
                                      "LANG=C.UTF-8"};
  command.insert(command.end(), extra.begin(), extra.end());
  command.push_back(binary);
  command.insert(command.end(), args.begin(), args.end());
  return command;
}

ProcessResult run_program(const testing::TempDir& dir, const std::vector<std::string>& args,
                          const std::vector<std::string>& extra_environment = {}) {
  return Process("/usr/bin/env",
                 clean_command(dir.path(), MEASURED_PROGRAM, args, extra_environment), dir.path(),
                 dir.path())
      .wait();
}

// The estimate over the whole machine's CPU use resolves windows of 100 of its 10 ms updates:
// 1 s, above Google Benchmark's default 0.5 s. No sensor involved, so the same on every host.
const std::vector<std::string> kModelMeter = {"--joulebench_meter=model",
                                              "--joulebench_estimate_utilisation=machine",
                                              "--joulebench_idle_baseline=0"};

std::vector<std::string> with(std::vector<std::string> args, const std::vector<std::string>& more) {
  args.insert(args.end(), more.begin(), more.end());
  return args;
}

double measured_seconds(const nlohmann::json& row) {
  EXPECT_EQ(row.at("time_unit"), "ns");
  return row.at("iterations").get<double>() * row.at("real_time").get<double>() * 1e-9;
}

TEST(JoulebenchMainProgram, RaisesTheMinimumTimeToTheWindowTheMeterResolves) {
  testing::TempDir dir;
  const ProcessResult r =
      run_program(dir, with(kModelMeter, {"--joulebench_sample_interval=0.05",
                                          "--joulebench_region=FR", "--benchmark_out=out.json"}));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("--benchmark_min_time raised to 1 s, the shortest window model resolves"),
            std::string::npos)
      << r.err;
  EXPECT_EQ(dir.entries(), std::vector<std::string>{"out.json"}) << "a temporary was left";
  const auto result = nlohmann::json::parse(testing::read_whole_file(dir.path() / "out.json"));
  EXPECT_GE(measured_seconds(result.at("benchmarks").at(0)), 1.0);
  EXPECT_TRUE(result.contains("joulebench_power_timelines"));
  // Recorded in neutral words: not "--region", a flag this program does not have.
  EXPECT_EQ(result.at("context").at("joulebench_region"), "FR (France; from region option)");
}

TEST(JoulebenchMainProgram, KeepsTheUsersMinimumTimeAndWarnsWhenItIsBelowTheMetersWindow) {
  testing::TempDir dir;
  const ProcessResult r = run_program(
      dir, with(kModelMeter, {"--joulebench_sample_interval=0", "--benchmark_min_time=0.05",
                              "--benchmark_out=out.json"}));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("warning: --benchmark_min_time 0.05 s is below the 1 s model resolves"),
            std::string::npos)
      << r.err;
  EXPECT_EQ(r.err.find("raised"), std::string::npos) << r.err;
  const auto result = nlohmann::json::parse(testing::read_whole_file(dir.path() / "out.json"));
  EXPECT_LT(measured_seconds(result.at("benchmarks").at(0)), 0.5);
}

TEST(JoulebenchMainProgram, ARunThatMeasuresNothingKeepsThePreviousFile) {
  for (const char* nothing : {"--benchmark_filter=^nothing$", "--benchmark_list_tests=true"}) {
    testing::TempDir dir;
    std::ofstream(dir.path() / "out.json") << "previous";
    const ProcessResult r = run_program(
        dir,
        with(kModelMeter, {"--joulebench_sample_interval=0", nothing, "--benchmark_out=out.json"}));
    EXPECT_EQ(r.exit_code, 0) << nothing << ": " << r.err;
    EXPECT_EQ(testing::read_whole_file(dir.path() / "out.json"), "previous") << nothing;
    EXPECT_EQ(dir.entries(), std::vector<std::string>{"out.json"}) << nothing;
  }
}

TEST(JoulebenchMainProgram, AnInterruptLeavesThePreviousFileAndNoTemporary) {
  testing::TempDir dir;
  std::ofstream(dir.path() / "out.json") << "previous";
  Process p(
      "/usr/bin/env",
      clean_command(dir.path(), MEASURED_PROGRAM,
                    with(kModelMeter, {"--joulebench_sample_interval=0.05",
                                       "--benchmark_min_time=30", "--benchmark_out=out.json"})),
      dir.path(), dir.path());
  // Inside the timed loop, well short of its 30 s.
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  p.signal(SIGINT);
  const ProcessResult r = p.wait();
  EXPECT_EQ(r.exit_code, 128 + SIGINT) << r.err;
  EXPECT_NE(r.err.find("interrupted; no result file written"), std::string::npos) << r.err;
  EXPECT_EQ(testing::read_whole_file(dir.path() / "out.json"), "previous");
  EXPECT_EQ(dir.entries(), std::vector<std::string>{"out.json"});
}

// One line on stderr, exit 2, naming `mention`; no file written.
void expect_one_line_error(const std::vector<std::string>& args, const std::string& mention,
                           const std::vector<std::string>& environment = {}) {
  testing::TempDir dir;
  const ProcessResult r = run_program(dir, args, environment);
  EXPECT_EQ(r.exit_code, 2) << r.err;
  ASSERT_FALSE(r.err.empty());
  EXPECT_EQ(r.err.find('\n'), r.err.size() - 1) << "more than one line:\n" << r.err;
  EXPECT_NE(r.err.find(mention), std::string::npos) << r.err;
  EXPECT_EQ(dir.entries(), std::vector<std::string>{}) << "a file was written";
}

// A meter that cannot be selected: an error about anything else shows it was checked first.
const std::vector<std::string> kUnusableMeter = {"--joulebench_meter=rapl",
                                                 "--joulebench_powercap_root=/nonexistent"};

TEST(JoulebenchMainProgram, OptionErrorsNameItsOwnFlagsAndComeBeforeTheMeterIsProbed) {
  expect_one_line_error(with(kUnusableMeter, {"--joulebench_region=Atlantis"}),
                        "--joulebench_region: unknown region 'Atlantis'");
  expect_one_line_error(with(kUnusableMeter, {"--joulebench_pue=0.5"}),
                        "--joulebench_pue must be a finite power usage effectiveness (PUE)");
  expect_one_line_error(with(kUnusableMeter, {"--joulebench_idle_baseline=-1"}),
                        "--joulebench_idle_baseline must be 0");
  expect_one_line_error(with(kUnusableMeter, {"--joulebench_intensity_series=nope.csv"}),
                        "--joulebench_intensity_series: cannot read");
  expect_one_line_error(with(kUnusableMeter, {"--benchmark_out=no-such-dir/out.json"}),
                        "cannot write no-such-dir/out.json");
  expect_one_line_error(kUnusableMeter, "JOULEBENCH_PUE must be a finite power usage effectiveness",
                        {"JOULEBENCH_PUE=0.5"});
  expect_one_line_error(kUnusableMeter, "JOULEBENCH_REGION: unknown region 'Atlantis'",
                        {"JOULEBENCH_REGION=Atlantis"});
  // ... and the meter's own error once everything else is right.
  expect_one_line_error(kUnusableMeter, "rapl");
}

// Issue 18: the --joulebench_* twins and the Google Benchmark numbers a program passes on refuse
// NaN and infinities before the meter is probed (--benchmark_min_time=nan ran until killed).
TEST(JoulebenchMainProgram, NonFiniteNumbersAreRefusedBeforeTheMeterIsProbed) {
  expect_one_line_error(with(kUnusableMeter, {"--joulebench_sample_interval=nan"}),
                        "--joulebench_sample_interval must be");
  expect_one_line_error(with(kUnusableMeter, {"--joulebench_idle_baseline=inf"}),
                        "--joulebench_idle_baseline must be");
  expect_one_line_error(with(kUnusableMeter, {"--joulebench_pue=nan"}), "--joulebench_pue must be");
  expect_one_line_error(kUnusableMeter, "JOULEBENCH_SAMPLE_INTERVAL must be",
                        {"JOULEBENCH_SAMPLE_INTERVAL=nan"});
  expect_one_line_error(with(kUnusableMeter, {"--benchmark_min_time=nan"}),
                        "--benchmark_min_time must be a finite number of seconds");
  expect_one_line_error(with(kUnusableMeter, {"--benchmark_repetitions=2147483647"}),
                        "--benchmark_repetitions must be a whole number >= 1 and <= 1000");
}

// main.h's contract: an unknown flag, Google Benchmark's or ours, is a user error (exit 2, one
// line "<program>: error: ..."), never Google Benchmark's own exit 1 nor an internal error (3).
TEST(JoulebenchMainProgram, UnknownFlagsExitTwoInOneLine) {
  expect_one_line_error(with(kModelMeter, {"--benchmark_frobnicate=1"}),
                        "measured_program: error: unrecognised flag --benchmark_frobnicate=1");
  // A typo in one of ours is caught before the meter is probed.
  expect_one_line_error(with(kUnusableMeter, {"--joulebench_regoin=FR"}),
                        "unknown flag --joulebench_regoin=FR");
}

// Values Google Benchmark rejects itself, checked first: it would print a line of its own before
// ours (numbers), or print its usage and exit 0 (formats, colour, time unit).
TEST(JoulebenchMainProgram, BadValuesOfGoogleBenchmarkFlagsExitTwoInOneLine) {
  expect_one_line_error(with(kModelMeter, {"--benchmark_min_time=soon"}),
                        "measured_program: error: --benchmark_min_time 'soon': is not a number");
  expect_one_line_error(with(kModelMeter, {"--benchmark_repetitions=many"}),
                        "--benchmark_repetitions 'many': is not a whole number");
  expect_one_line_error(with(kModelMeter, {"--v=abc"}), "--v 'abc': is not a whole number");
  expect_one_line_error(with(kModelMeter, {"--benchmark_format=bogus"}),
                        "--benchmark_format 'bogus': must be console, json or csv");
  expect_one_line_error(with(kModelMeter, {"--benchmark_out_format=xml"}),
                        "--benchmark_out_format 'xml': must be console, json or csv");
  expect_one_line_error(with(kModelMeter, {"--benchmark_color="}), "--benchmark_color '': needs");
  expect_one_line_error(with(kModelMeter, {"--benchmark_time_unit=weeks"}),
                        "--benchmark_time_unit 'weeks': must be ns, us, ms or s");
}

std::set<std::string> joulebench_context_keys(const std::filesystem::path& result) {
  const nlohmann::json document = nlohmann::json::parse(testing::read_whole_file(result));
  std::set<std::string> keys;
  for (const auto& [key, value] : document.at("context").items()) {
    if (key.starts_with("joulebench_"))
      keys.insert(key);
  }
  return keys;
}

TEST(JoulebenchMainProgram, RecordsTheSameContextAsJoulebenchRun) {
  testing::TempDir dir;
  const ProcessResult main_run =
      run_program(dir, {"--joulebench_meter=model", "--joulebench_idle_baseline=0.1",
                        "--joulebench_sample_interval=0", "--joulebench_region=FR",
                        "--benchmark_min_time=0.01", "--benchmark_out=main.json"});
  ASSERT_EQ(main_run.exit_code, 0) << main_run.err;
  const ProcessResult cli_run =
      Process("/usr/bin/env",
              clean_command(dir.path(), JOULEBENCH_BINARY,
                            {"run", "--meter", "model", "--idle-baseline", "0.1",
                             "--sample-interval", "0", "--region", "FR", "--min-time", "0.01",
                             "--filter", "gemm/fp32/eigen/128$", "--out", "run.json"}),
              dir.path(), dir.path())
          .wait();
  ASSERT_EQ(cli_run.exit_code, 0) << cli_run.err;
  std::set<std::string> run_keys = joulebench_context_keys(dir.path() / "run.json");
  // Workload knowledge, which only `run` has: which kernel paths this CPU takes and what the
  // peer libraries run.
  EXPECT_EQ(run_keys.erase("joulebench_kernel_paths"), 1u);
  EXPECT_EQ(run_keys.erase("joulebench_peer_libraries"), 1u);
  EXPECT_EQ(joulebench_context_keys(dir.path() / "main.json"), run_keys);
}

}  // namespace
}  // namespace joulebench
