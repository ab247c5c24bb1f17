// Row labels (joulebench/labels.h) in result files: read into ResultRow::labels, checked like
// every other field of ours, and preferred over the name when reporters describe a row. And the
// timed spans of power timelines.

#include <gtest/gtest.h>

#include <string>

#include "common/result_schema.h"
#include "reporters/leaderboard/benchmark_name.h"
#include "reporters/leaderboard/entries.h"
#include "reporters/leaderboard/machines.h"
#include "reporters/result_file.h"

namespace joulebench {
namespace {

std::string file_with_row(const std::string& fields) {
  return R"({"context": {"host_name": "h"}, "benchmarks": [
    {"name": "BM_leibniz_pi/1000/real_time", "run_name": "BM_leibniz_pi/1000/real_time",
     "run_type": "iteration", "iterations": 10, "real_time": 5.0, "cpu_time": 5.0,
     "time_unit": "us")" +
         fields + "}]}";
}

std::string error_of(const std::string& text) {
  try {
    parse_result_json(text, "labels.json");
  } catch (const std::runtime_error& e) {
    return e.what();
  }
  return "no error";
}

TEST(RowLabels, AreReadFromTheRowsFields) {
  const ResultFile f = parse_result_json(
      file_with_row(R"(, "joulebench_task": "leibniz-pi", "joulebench_variant": "terms:1000",
        "joulebench_precision": "fp64", "joulebench_backend": "scalar", "joulebench_batch": 4,
        "joulebench_unit": "inference", "energy_J": 0.5)"),
      "labels.json");
  ASSERT_EQ(f.rows.size(), 1u);
  ASSERT_TRUE(f.rows[0].labels);
  const RowLabels& l = *f.rows[0].labels;
  EXPECT_EQ(l.task, "leibniz-pi");
  EXPECT_EQ(l.variant, "terms:1000");
  EXPECT_EQ(l.precision, "fp64");
  EXPECT_EQ(l.backend, "scalar");
  EXPECT_EQ(l.batch, 4);
  EXPECT_EQ(l.unit, WorkUnit::inference);
  // Labels are no counters.
  EXPECT_EQ(f.rows[0].counters.size(), 1u);
  EXPECT_FALSE(f.rows[0].counter(row_key::kBatch));
}

TEST(RowLabels, RowsWithoutThemHaveNone) {
  const ResultFile f = parse_result_json(file_with_row(""), "plain.json");
  EXPECT_FALSE(f.rows[0].labels);
}

TEST(RowLabels, WrongLabelsAreOneLineErrorsNamingTheField) {
  EXPECT_EQ(error_of(file_with_row(R"(, "joulebench_variant": "x")")),
            "labels.json: benchmarks[0] has labels but no joulebench_task");
  EXPECT_EQ(error_of(file_with_row(R"(, "joulebench_task": 3)")),
            "labels.json: benchmarks[0].joulebench_task is not a string");
  EXPECT_EQ(error_of(file_with_row(R"(, "joulebench_task": "")")),
            "labels.json: benchmarks[0] has labels but no joulebench_task");
  for (const char* batch : {"0", "-1", "2.5", "\"8\"", "1e300"}) {
    EXPECT_EQ(error_of(file_with_row(
                  std::string(R"(, "joulebench_task": "t", "joulebench_batch": )") + batch)),
              "labels.json: benchmarks[0].joulebench_batch is not a whole number above 0")
        << batch;
  }
  EXPECT_EQ(error_of(file_with_row(R"(, "joulebench_task": "t", "joulebench_unit": "epoch")")),
            "labels.json: benchmarks[0].joulebench_unit is 'epoch', not one of iteration, "
            "inference, step");
}

TEST(RowLabels, DescribeTheRowInsteadOfItsName) {
  const ResultFile f = parse_result_json(
      file_with_row(R"(, "joulebench_task": "leibniz-pi", "joulebench_variant": "terms:1000")"),
      "labels.json");
  const BenchmarkName name = describe_row(f.rows[0]);
  EXPECT_EQ(name.workload, "BM_leibniz_pi/1000");
  EXPECT_EQ(name.task, "leibniz-pi");
  EXPECT_EQ(name.variant, "terms:1000");
  EXPECT_EQ(name.unit, WorkUnit::iteration);
  EXPECT_EQ(name.batch, 1);  // no batch given: one input per iteration
  // Unlabelled, the same row is a task of its own.
  const ResultFile plain = parse_result_json(file_with_row(""), "plain.json");
  EXPECT_EQ(describe_row(plain.rows[0]).task, "BM_leibniz_pi/1000");
}

// The own-benchmarks example's series: two sizes of one task are two variants of it.
TEST(RowLabels, PutASeriesInOneTask) {
  const std::string text = R"({"context": {"host_name": "h", "joulebench_provenance": "estimated",
    "joulebench_meter": "model"}, "benchmarks": [
    {"name": "BM_leibniz_pi/1000/real_time", "run_name": "BM_leibniz_pi/1000/real_time",
     "run_type": "iteration", "iterations": 10, "real_time": 1.0, "cpu_time": 1.0,
     "time_unit": "us", "energy_J": 1e-5, "rel_error": 1e-3,
     "joulebench_task": "leibniz-pi", "joulebench_variant": "terms:1000"},
    {"name": "BM_leibniz_pi/100000/real_time", "run_name": "BM_leibniz_pi/100000/real_time",
     "run_type": "iteration", "iterations": 10, "real_time": 100.0, "cpu_time": 100.0,
     "time_unit": "us", "energy_J": 1e-3, "rel_error": 1e-5,
     "joulebench_task": "leibniz-pi", "joulebench_variant": "terms:100000"}]})";
  const std::vector<ResultFile> files = {parse_result_json(text, "own.json")};
  const std::vector<Entry> entries = merge_entries(files, machines_of(files));
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].name.task, "leibniz-pi");
  EXPECT_EQ(entries[1].name.task, "leibniz-pi");
  EXPECT_EQ(entries[0].name.variant, "terms:1000");
  EXPECT_EQ(entries[1].name.variant, "terms:100000");
}

std::string file_with_timeline(const std::string& spans) {
  return R"({"benchmarks": [], "joulebench_power_timelines": [
    {"name": "a", "interval_s": 0.1, "t_s": [0.1, 0.2, 0.3], "power_W": [5, 6, 7])" +
         spans + "}]}";
}

TEST(TimelineSpans, AreReadAsWindows) {
  const ResultFile f = parse_result_json(
      file_with_timeline(R"(, "timed_from_s": [0.05, 0.2], "timed_to_s": [0.15, 0.3])"), "t.json");
  ASSERT_EQ(f.timelines.size(), 1u);
  ASSERT_EQ(f.timelines[0].measured.size(), 2u);
  EXPECT_DOUBLE_EQ(f.timelines[0].measured[0].start_s, 0.05);
  EXPECT_DOUBLE_EQ(f.timelines[0].measured[1].end_s, 0.3);
  // Files from before spans were recorded have none.
  EXPECT_TRUE(parse_result_json(file_with_timeline(""), "old.json").timelines[0].measured.empty());
}

TEST(TimelineSpans, BadSpansAreOneLineErrors) {
  EXPECT_EQ(error_of(file_with_timeline(R"(, "timed_from_s": [0.1])")),
            "labels.json: joulebench_power_timelines[0] has 1 span starts but 0 span ends");
  EXPECT_EQ(error_of(file_with_timeline(R"(, "timed_from_s": [0.2], "timed_to_s": [0.1])")),
            "labels.json: joulebench_power_timelines[0] has a span that ends before it starts "
            "(0.2 > 0.1)");
  EXPECT_EQ(error_of(file_with_timeline(R"(, "timed_from_s": ["x"], "timed_to_s": [0.1])")),
            "labels.json: joulebench_power_timelines[0].timed_from_s holds a non-number");
  EXPECT_EQ(error_of(file_with_timeline(R"(, "timed_from_s": 3, "timed_to_s": [0.1])")),
            "labels.json: joulebench_power_timelines[0] has no array \"timed_from_s\"");
}

}  // namespace
}  // namespace joulebench
