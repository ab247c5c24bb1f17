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

}  // namespace
}  // namespace joulebench
