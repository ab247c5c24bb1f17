// `joulebench report` as a user runs it: the README's commands, every format, and bad or foreign
// input (empty, truncated, wrong types, not a benchmark result, 100 MB): a one-line error naming
// the file and exit 2, or a report of what is there.

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "common/huge_page_heap.h"
#include "tests/support/process.h"
#include "tests/support/temp_dir.h"

namespace joulebench {
namespace {

namespace fs = std::filesystem;

class ReportCli : public ::testing::Test {
 protected:
  testing::ProcessResult run(const std::vector<std::string>& args) {
    return testing::Process(JOULEBENCH_BINARY, args, dir_.path(), dir_.path()).wait();
  }

  void write(const std::string& name, const std::string& text) {
    std::ofstream(dir_.path() / name, std::ios::binary) << text;
  }

  std::string read(const std::string& name) {
    std::ifstream in(dir_.path() / name, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
  }

  void copy_fixtures(const fs::path& to) {
    fs::create_directories(dir_.path() / to);
    for (const char* name : {"lab-measured.json", "plain-user.json", "vm-estimated.json"})
      fs::copy_file(fs::path(JOULEBENCH_FIXTURE_DIR) / name, dir_.path() / to / name);
  }

  // Exit 2, one line on stderr that names the file and says `what`, nothing on stdout.
  void expect_one_line_error(const std::string& file, const std::string& what) {
    const testing::ProcessResult r = run({"report", "good.json", file});
    EXPECT_EQ(r.exit_code, 2) << r.err;
    ASSERT_FALSE(r.err.empty());
    EXPECT_EQ(r.err.find('\n'), r.err.size() - 1) << "more than one line:\n" << r.err;
    EXPECT_NE(r.err.find(file + ": "), std::string::npos) << r.err;
    EXPECT_NE(r.err.find(what), std::string::npos) << r.err;
    EXPECT_TRUE(r.out.empty()) << r.out;
  }

  void SetUp() override {
    write("good.json", R"({"context": {"host_name": "h"}, "benchmarks": [
      {"name": "gemm/fp32/eigen/64", "run_type": "iteration", "real_time": 5, "energy_J": 1e-3}]})");
  }

  testing::TempDir dir_;
};

TEST_F(ReportCli, ReadmeCommandWritesTheHtmlPage) {
  copy_fixtures("results");
  // The shell expands results/*.json; so do we, in the same (sorted) order.
  std::vector<std::string> args = {"report"};
  for (const char* name : {"lab-measured.json", "plain-user.json", "vm-estimated.json"})
    args.push_back(std::string("results/") + name);
  for (const char* a : {"--format", "html", "--out", "results/leaderboard.html"})
    args.push_back(a);
  const testing::ProcessResult r = run(args);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(r.out.empty());
  const std::string html = read("results/leaderboard.html");
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_NE(html.find("<section class=\"task\" id=\"task-0\""), std::string::npos);
  EXPECT_NE(html.find("<table class=\"sortable\" id=\"table-task-0\">"), std::string::npos);
  EXPECT_NE(html.find("id=\"plot-flops\""), std::string::npos);
  EXPECT_NE(html.find("id=\"plot-power\""), std::string::npos);
}

TEST_F(ReportCli, ALeaderboardBesideTheRunsIsSkippedNotFatal) {
  copy_fixtures("results");
  const std::vector<std::string> runs = {"results/lab-measured.json", "results/vm-estimated.json"};
  std::vector<std::string> args = {"report", "--format", "json", "--out",
                                   "results/leaderboard.json"};
  args.insert(args.end(), runs.begin(), runs.end());
  ASSERT_EQ(run(args).exit_code, 0);
  // What results/*.json expands to on the next run of scripts/bench.sh.
  const testing::ProcessResult r =
      run({"report", "results/lab-measured.json", "results/leaderboard.json",
           "results/vm-estimated.json", "--format", "html", "--out", "results/leaderboard.html"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err,
            "joulebench report: skipping results/leaderboard.json: a leaderboard written by "
            "joulebench report, not a result file\n");
  // Elsewhere a leaderboard is still no result file.
  EXPECT_EQ(run({"compare", "results/leaderboard.json", "results/vm-estimated.json"}).exit_code, 2);
}

TEST_F(ReportCli, EveryFormat) {
  copy_fixtures("r");
  const std::vector<std::string> files = {"r/lab-measured.json", "r/plain-user.json",
                                          "r/vm-estimated.json"};
  auto report = [&](const std::string& format) {
    std::vector<std::string> args = {"report", "--format", format};
    args.insert(args.end(), files.begin(), files.end());
    return run(args);
  };
  const auto md = report("md");
  ASSERT_EQ(md.exit_code, 0) << md.err;
  EXPECT_EQ(md.out.rfind("# joulebench leaderboard", 0), 0u);
  EXPECT_NE(md.out.find("| gemm/128 | 1 | int8/joulebench | vm | 0.000112 "), std::string::npos)
      << md.out;
  const auto csv = report("csv");
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  EXPECT_EQ(csv.out.rfind("task,workload,variant,", 0), 0u);
  const auto json = report("json");
  ASSERT_EQ(json.exit_code, 0) << json.err;
  EXPECT_EQ(nlohmann::json::parse(json.out)["entries"].size(), 16u);
  const auto html = report("html");
  ASSERT_EQ(html.exit_code, 0) << html.err;
  EXPECT_NE(html.out.find("</html>"), std::string::npos);

  const auto bad = run({"report", "--format", "pdf", files[0]});
  EXPECT_EQ(bad.exit_code, 2);
  const auto bad_sort = run({"report", "--sort", "vibes", files[0]});
  EXPECT_EQ(bad_sort.exit_code, 2);
  const auto by_time = run({"report", "--sort", "time", files[0]});
  EXPECT_EQ(by_time.exit_code, 0) << by_time.err;
  EXPECT_NE(by_time.out.find("sorted by time/iter (lower is better)"), std::string::npos);
}

TEST_F(ReportCli, PlainFilesAreReportedWithWhatTheyLackSaidOnce) {
  write("plain.json", R"({"context": {"host_name": "laptop"}, "benchmarks": [
    {"name": "BM_a/8", "run_type": "iteration", "real_time": 12, "time_unit": "ns"},
    {"name": "BM_b", "run_type": "iteration", "real_time": 3, "time_unit": "us", "mine": 2}]})");
  const testing::ProcessResult r = run({"report", "plain.json", "good.json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("| BM_a/8 | - | - | laptop | n/a | 12 ns | n/a | n/a | no energy data |"),
            std::string::npos)
      << r.out;
  const auto first = r.out.find("No energy counters in plain.json (laptop)");
  ASSERT_NE(first, std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("No energy counters", first + 1), std::string::npos) << r.out;
}

TEST_F(ReportCli, EmptyFile) {
  write("empty.json", "");
  expect_one_line_error("empty.json", "empty file");
}

TEST_F(ReportCli, TruncatedFile) {
  std::ifstream in(fs::path(JOULEBENCH_FIXTURE_DIR) / "vm-estimated.json", std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  write("truncated.json", s.str().substr(0, s.str().size() / 2));
  expect_one_line_error("truncated.json", "not valid JSON");
}

TEST_F(ReportCli, EnergyCounterOfTheWrongType) {
  write("typed.json", R"({"benchmarks": [
    {"name": "gemm/fp32/eigen/64", "run_type": "iteration", "real_time": 5, "energy_J": "lots"}]})");
  expect_one_line_error("typed.json", "benchmarks[0].energy_J is not a number");
}

TEST_F(ReportCli, TimeOfTheWrongType) {
  write("typed.json", R"({"benchmarks": [{"name": "x", "real_time": [1]}]})");
  expect_one_line_error("typed.json", "real_time is not a number");
}

TEST_F(ReportCli, TimelineOfTheWrongShape) {
  write("timeline.json", R"({"benchmarks": [], "joulebench_power_timelines": [
    {"name": "x", "interval_s": 0.1, "t_s": [0, 0.1], "power_W": [3, "hot"]}]})");
  expect_one_line_error("timeline.json", "joulebench_power_timelines[0].power_W");
  write("timeline.json", R"({"benchmarks": [], "joulebench_power_timelines": [
    {"name": "x", "t_s": [0, 0.1, 0.2], "power_W": [3, 4]}]})");
  expect_one_line_error("timeline.json", "3 times but 2 power values");
}

TEST_F(ReportCli, ForeignJson) {
  write("package.json", R"({"name": "left-pad", "version": "1.3.0"})");
  expect_one_line_error("package.json", "not a Google Benchmark result");
  write("list.json", "[1, 2, 3]");
  expect_one_line_error("list.json", "not a Google Benchmark result");
}

TEST_F(ReportCli, HundredMegabyteFileIsRefusedQuickly) {
  // Made here, not committed: a syntactically plausible start, then 100 MB of one row repeated.
  {
    std::ofstream out(dir_.path() / "huge.json", std::ios::binary);
    out << R"({"context": {}, "benchmarks": [)";
    const std::string row = R"({"name": "x", "run_type": "iteration", "real_time": 1},)";
    for (std::size_t written = 0; written < 100'000'000; written += row.size())
      out << row;
    out << R"({"name": "x"}]})";
  }
  ASSERT_GE(fs::file_size(dir_.path() / "huge.json"), 100'000'000u);
  const auto start = std::chrono::steady_clock::now();
  expect_one_line_error("huge.json", "MiB is more than the 64 MiB a result file may have");
  // Refused before parsing: well under the seconds nlohmann would need (and the gigabytes).
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
}

TEST_F(ReportCli, ErrorRowsAndAggregateOnlyFilesStillReport) {
  write("mixed.json", R"({"context": {"host_name": "h"}, "benchmarks": [
    {"name": "a/fp32/x/1", "run_type": "iteration", "error_occurred": true, "error_message": "no BLAS"},
    {"name": "b/fp32/x/1_median", "run_name": "b/fp32/x/1", "run_type": "aggregate",
     "aggregate_name": "median", "real_time": 2, "time_unit": "ms", "energy_J": 0.5}]})");
  const testing::ProcessResult r = run({"report", "mixed.json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("error: no BLAS"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("| b/1 | 1 | fp32/x | h | 0.5 | 2 ms |"), std::string::npos) << r.out;
}

// Issue 15: result files from an AMD EPYC and an Intel Xeon VM, both called "vm", are two hosts,
// and their rows are never pooled; a dead sensor's 0 J "measured" is n/a with the reason.
TEST_F(ReportCli, TwoVmsOnDifferentCpusAreTwoHostsAndZeroIsNoMeasurement) {
  auto vm_file = [](const std::string& cpu, const std::string& energy) {
    return R"({"context": {"host_name": "vm", "num_cpus": 2, "joulebench_cpu_model": ")" + cpu +
           R"(", "joulebench_meter": "perf", "joulebench_provenance": "measured"}, "benchmarks": [
      {"name": "gemm/fp32/eigen/64", "run_type": "iteration", "real_time": 5, "energy_J": )" +
           energy + R"(, "power_W": 0, "flop_per_J": 0}]})";
  };
  write("epyc.json", vm_file("AMD EPYC 9R45", "0.002"));
  write("xeon.json", vm_file("Intel(R) Xeon(R) Platinum 8488C", "0"));
  const testing::ProcessResult r = run({"report", "epyc.json", "xeon.json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("2 result files from 2 hosts: 2 rows"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("| gemm/64 | 1 | fp32/eigen | vm (AMD EPYC 9R45, 2 CPUs) | 0.002 |"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("| gemm/64 | - | fp32/eigen | vm (Intel(R) Xeon(R) Platinum 8488C, 2 CPUs) "
                       "| n/a (no energy, see note) |"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find(": energy_J = 0 from a measured source (a sensor that did not advance; not "
                       "a measurement)"),
            std::string::npos)
      << r.out;
  const auto json = run({"report", "--format", "json", "epyc.json", "xeon.json"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  const auto doc = nlohmann::json::parse(json.out);
  EXPECT_EQ(doc["hosts"], 2);
  ASSERT_EQ(doc["entries"].size(), 2u);
  for (const auto& e : doc["entries"])
    EXPECT_EQ(e["metrics"]["time_s"]["n"], 1) << "pooled across CPUs: " << e;
}

// Inputs over kHugePageHeapMinInputBytes restart the command with glibc's malloc on huge pages
// where the kernel offers them (common/huge_page_heap.h): the report is the same either way.
TEST_F(ReportCli, ALargeInputReportsTheSameWithOrWithoutTheHugePageRestart) {
  {
    std::ofstream out(dir_.path() / "large.json", std::ios::binary);
    out << R"({"context": {"host_name": "h", "joulebench_meter": "rapl"}, "benchmarks": [)";
    for (int i = 0; i < 45'000; ++i) {
      out << (i ? "," : "")
          << fmt::format(R"({{"name": "gemm/fp32/eigen/{}/real_time", "run_type": "iteration", )"
                         R"("real_time": {}, "time_unit": "us", "energy_J": {}, "power_W": 12, )"
                         R"("co2_g": 1e-06, "flops": 1000000, "repetition_index": {}}})",
                         64 + i % 500, 10 + i % 7, 1e-3 * (1 + i % 11), i / 500);
    }
    out << "]}";
  }
  ASSERT_GE(fs::file_size(dir_.path() / "large.json"), kHugePageHeapMinInputBytes);
  const testing::ProcessResult restarted = run({"report", "large.json"});
  const testing::ProcessResult as_is =
      testing::Process(JOULEBENCH_BINARY, {"report", "large.json"}, dir_.path(), dir_.path(),
                       {{"GLIBC_TUNABLES", "glibc.malloc.hugetlb=0"}})
          .wait();
  EXPECT_EQ(restarted.exit_code, 0) << restarted.err;
  EXPECT_EQ(as_is.exit_code, 0) << as_is.err;
  EXPECT_NE(restarted.out.find("| gemm/563 | 1 | fp32/eigen | h |"), std::string::npos)
      << restarted.out;
  EXPECT_EQ(restarted.out, as_is.out);
  EXPECT_EQ(restarted.err, as_is.err);
}

}  // namespace
}  // namespace joulebench
