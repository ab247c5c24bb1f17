#include "reporters/result_file.h"

#include <gtest/gtest.h>

#include <sstream>

#include "common/result_schema.h"
#include "reporters/leaderboard/render.h"
#include "reporters/leaderboard/report.h"
#include "reporters/report_rows.h"

namespace joulebench {
namespace {

// A plain Google Benchmark 1.7.1 file from a user's own benchmark: no energy counters.
constexpr const char* kPlainFile = R"({
  "context": {"date": "2026-11-01T10:00:00+00:00", "host_name": "laptop", "num_cpus": 8},
  "benchmarks": [
    {"name": "BM_parse/64", "run_name": "BM_parse/64", "run_type": "iteration",
     "repetitions": 1, "repetition_index": 0, "threads": 1, "iterations": 1000,
     "real_time": 2.5e3, "cpu_time": 2.4e3, "time_unit": "ns", "items_per_second": 4e5}
  ]
})";

std::string one_line_error(const std::string& text) {
  try {
    parse_result_json(text, "bad.json");
  } catch (const std::runtime_error& e) {
    return e.what();
  }
  return "no error";
}

TEST(ResultFile, ReadsPlainGoogleBenchmarkFilesWithoutEnergy) {
  const ResultFile f = parse_result_json(kPlainFile, "plain.json");
  ASSERT_EQ(f.rows.size(), 1u);
  EXPECT_EQ(f.rows[0].name, "BM_parse/64");
  EXPECT_DOUBLE_EQ(f.rows[0].real_seconds(), 2.5e-6);
  EXPECT_TRUE(f.rows[0].counters.empty());  // items_per_second is Google Benchmark's own field
  EXPECT_EQ(f.context_value("host_name"), "laptop");
  EXPECT_EQ(f.context_value("num_cpus"), "8");
}

TEST(ResultFile, BadInputIsAOneLineErrorNamingTheFile) {
  for (const std::string text : {"{", "[]", R"({"benchmarks": 3})", R"({"benchmarks": [7]})",
                                 R"({"benchmarks": [{"iterations": 1}]})",
                                 R"({"benchmarks": [{"name": "x", "real_time": "fast"}]})",
                                 R"({"benchmarks": [{"name": "x", "time_unit": "fortnight"}]})"}) {
    const std::string error = one_line_error(text);
    EXPECT_EQ(error.rfind("bad.json: ", 0), 0u) << text << " -> " << error;
    EXPECT_EQ(error.find('\n'), std::string::npos) << error;
  }
}

TEST(ResultFile, UnreadableFileIsAnError) {
  EXPECT_THROW(read_result_file("/nonexistent/result.json"), std::runtime_error);
}

TEST(ResultFile, NonFiniteStatisticsFromGoogleBenchmarkReadAsMissing) {
  // Google Benchmark writes the cv of a counter that is 0 in every repetition as a bare NaN.
  const ResultFile f = parse_result_json(R"({"benchmarks": [
    {"name": "a_cv", "run_name": "a", "run_type": "aggregate", "aggregate_name": "cv",
     "real_time": 0.01, "energy_J": 0.02, "rel_error": NaN}
  ]})",
                                         "cv.json");
  ASSERT_EQ(f.rows.size(), 1u);
  EXPECT_EQ(f.rows[0].counter(counter::kEnergy), 0.02);
  EXPECT_FALSE(f.rows[0].counter(counter::kRelError));
}

TEST(ReportRows, MedianAggregateReplacesRepetitions) {
  const ResultFile f = parse_result_json(R"({"benchmarks": [
    {"name": "a", "run_name": "a", "run_type": "iteration", "real_time": 1},
    {"name": "a", "run_name": "a", "run_type": "iteration", "real_time": 3},
    {"name": "a_mean", "run_name": "a", "run_type": "aggregate", "aggregate_name": "mean", "real_time": 2},
    {"name": "a_median", "run_name": "a", "run_type": "aggregate", "aggregate_name": "median", "real_time": 2},
    {"name": "b", "run_name": "b", "run_type": "iteration", "real_time": 5}
  ]})",
                                         "x.json");
  std::vector<std::string> names;
  for (const ResultRow* r : summary_rows(f))
    names.push_back(r->name);
  EXPECT_EQ(names, (std::vector<std::string>{"a_median", "b"}));
}

TEST(MarkdownReport, SaysOnceWhichColumnsAPlainFileLacks) {
  const ResultFile f = parse_result_json(kPlainFile, "plain.json");
  std::ostringstream out;
  render_leaderboard_markdown(out, build_report({f, f}, *find_sort_metric("energy")));
  const std::string md = out.str();
  // Both files' single repetitions pool into one row: same workload, same host.
  EXPECT_NE(md.find("| BM_parse/64 | - | - | laptop | n/a | 2.5 us [2.5 us, 2.5 us] | n/a | n/a | "
                    "no energy data |"),
            std::string::npos)
      << md;
  const auto note = md.find("No energy counters");
  ASSERT_NE(note, std::string::npos) << md;
  EXPECT_EQ(md.find("No energy counters", note + 1), std::string::npos) << md;
}

TEST(ResultFile, PerDomainEnergyCountersMustBeNumbers) {
  EXPECT_NE(one_line_error(R"({"benchmarks": [{"name": "x", "energy_dram_0_J": "hot"}]})")
                .find("benchmarks[0].energy_dram_0_J is not a number"),
            std::string::npos);
}

// A number past a double's range is nlohmann's out_of_range.406, not a parse_error: it must
// still be one line naming the file.
TEST(ResultFile, ANumberPastADoubleIsAOneLineErrorNamingTheFile) {
  EXPECT_EQ(one_line_error(R"({"benchmarks": [{"name": "x", "real_time": 1e309}]})"),
            "bad.json: not valid JSON: number overflow parsing '1e309'");
}

TEST(ResultFile, AHugeNumberIsQuotedCutNotWhole) {
  const std::string error = one_line_error(R"({"benchmarks": [{"name": "x", "real_time": 1)" +
                                           std::string(1'000'000, '0') + "e999}]}");
  EXPECT_EQ(error.rfind("bad.json: not valid JSON: number overflow", 0), 0u) << error;
  EXPECT_LT(error.size(), 400u);
}

// iterations 1e19 was cast to int64 (undefined behaviour); counts must be whole numbers in range.
TEST(ResultFile, IterationCountsOutOfRangeAreErrorsNamingTheBenchmark) {
  EXPECT_EQ(
      one_line_error(R"({"benchmarks": [{"name": "x", "iterations": 1e19, "real_time": 1}]})"),
      "bad.json: benchmark 'x': iterations 1e+19 is not a whole number from 0 to 2^63");
  EXPECT_EQ(one_line_error(R"({"benchmarks": [{"name": "x", "iterations": -7, "real_time": 1}]})"),
            "bad.json: benchmark 'x': iterations -7 is not a whole number from 0 to 2^63");
  EXPECT_EQ(one_line_error(R"({"benchmarks": [{"name": "x", "iterations": 2.5, "real_time": 1}]})"),
            "bad.json: benchmark 'x': iterations 2.5 is not a whole number from 0 to 2^63");
  EXPECT_EQ(
      one_line_error(
          R"({"benchmarks": [{"name": "x", "iterations": 9223372036854775807, "real_time": 1}]})"),
      "bad.json: benchmark 'x': iterations 9.22337e+18 is not a whole number from 0 to 2^63");
  EXPECT_EQ(
      parse_result_json(
          R"({"benchmarks": [{"name": "x", "iterations": 4611686018427387904, "real_time": 1}]})",
          "ok.json")
          .rows[0]
          .iterations,
      std::int64_t{1} << 62);
}

TEST(ResultFile, ImpossibleFiguresAreErrorsNamingFileAndBenchmark) {
  const auto error_for = [](const std::string& fields) {
    return one_line_error(R"({"benchmarks": [{"name": "gemm/64", "iterations": 10, )" + fields +
                          "}]}");
  };
  EXPECT_EQ(error_for(R"("real_time": 1, "energy_J": -0.5)"),
            "bad.json: benchmark 'gemm/64': energy_J -0.5 is negative");
  EXPECT_EQ(error_for(R"("real_time": 1, "co2_g": -7)"),
            "bad.json: benchmark 'gemm/64': co2_g -7 is negative");
  EXPECT_EQ(error_for(R"("real_time": 1, "power_W": -9.46)"),
            "bad.json: benchmark 'gemm/64': power_W -9.46 is negative");
  EXPECT_EQ(error_for(R"("real_time": 1, "energy_cpu_package_0_J": -1)"),
            "bad.json: benchmark 'gemm/64': energy_cpu_package_0_J -1 is negative");
  EXPECT_EQ(error_for(R"("real_time": 1, "energy_J": 1e308)"),
            "bad.json: benchmark 'gemm/64': energy_J 1e+308 is above 1e+12, no measured figure");
  EXPECT_EQ(error_for(R"("real_time": -1)"),
            "bad.json: benchmark 'gemm/64': real_time -1 is negative");
  EXPECT_EQ(error_for(R"("real_time": 1, "cpu_time": -1)"),
            "bad.json: benchmark 'gemm/64': cpu_time -1 is negative");
  EXPECT_EQ(error_for(R"("real_time": 0)"),
            "bad.json: benchmark 'gemm/64': real_time is 0 in a measured run");
  EXPECT_EQ(error_for(R"("real_time": 1, "cpu_time": 0)"),
            "bad.json: benchmark 'gemm/64': cpu_time is 0 in a measured run");
  // Non-finite values Google Benchmark writes as NaN read as absent (see above); a negative
  // energy_net_J is a run below the idle baseline, not impossible.
  EXPECT_NO_THROW(parse_result_json(
      R"({"benchmarks": [{"name": "x", "real_time": 1, "energy_J": NaN, "energy_net_J": -0.1}]})",
      "ok.json"));
}

TEST(ResultFile, ZeroTimeIsPossibleInAggregatesAndFailedRuns) {
  const ResultFile f = parse_result_json(R"({"benchmarks": [
    {"name": "a_cv", "run_name": "a", "run_type": "aggregate", "aggregate_name": "cv",
     "real_time": 0, "cpu_time": 0},
    {"name": "b", "run_type": "iteration", "iterations": 0, "real_time": 0, "cpu_time": 0,
     "error_occurred": true, "error_message": "no data"}
  ]})",
                                         "ok.json");
  EXPECT_EQ(f.rows.size(), 2u);
}

TEST(ResultFile, ABenchmarkNameInAnErrorIsEscapedAndCut) {
  const std::string error = one_line_error(R"({"benchmarks": [{"name": "a\nb)" +
                                           std::string(1000, 'c') + R"(", "energy_J": -1}]})");
  EXPECT_EQ(error.find('\n'), std::string::npos) << error;
  EXPECT_NE(error.find("benchmark 'a\\nbccc"), std::string::npos) << error;
  EXPECT_NE(error.find("... (1003 bytes): energy_J -1 is negative"), std::string::npos) << error;
}

std::string read_error(const std::filesystem::path& path) {
  try {
    read_result_file(path);
  } catch (const std::runtime_error& e) {
    return e.what();
  }
  return "no error";
}

TEST(ResultFile, ADirectoryIsSaidToBeOne) {
  EXPECT_EQ(read_error("/"), "/: is a directory");
}

TEST(ResultFile, AnEndlessStreamStopsAtTheLimit) {
  EXPECT_EQ(read_error("/dev/zero"), "/dev/zero: more than the 64 MiB a result file may have");
}

TEST(ResultFile, AnEmptyStreamIsAnEmptyFile) {
  EXPECT_EQ(read_error("/dev/null"), "/dev/null: empty file, not a benchmark result");
}

}  // namespace
}  // namespace joulebench
