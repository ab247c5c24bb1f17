#include "harness/measurement/run_record_reporter.h"

#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "common/result_schema.h"
#include "harness/measurement/result_json_finish.h"
#include "tests/support/capturing_reporter.h"
#include "tests/support/fake_meter.h"
#include "tests/support/temp_dir.h"

namespace joulebench {
namespace {

using namespace std::chrono_literals;

benchmark::BenchmarkReporter::Run run_named(const std::string& name) {
  benchmark::BenchmarkReporter::Run run;
  run.run_name.function_name = name;
  return run;
}

void wait_for_reads(const MeterSampler& sampler, std::size_t at_least) {
  while (sampler.reads() < at_least)
    std::this_thread::sleep_for(1ms);
}

TEST(RunRecordReporter, CutsTheSamplesIntoOneTimelinePerBenchmarkWithoutGaps) {
  // 5 J more and 0.1 s later at every read: 50 W throughout.
  testing::FakeMeter meter([](int k) { return 5.0 * k; }, [](int k) { return 0.1 * k; });
  testing::CapturingReporter display;
  MeterSampler sampler(meter, Seconds{0.001});
  BenchmarkNotes notes;
  RunRecordReporter reporter(display, notes, &sampler, Seconds{0.001});

  wait_for_reads(sampler, 3);
  reporter.ReportRuns({run_named("first")});
  const std::size_t seen = sampler.reads();
  wait_for_reads(sampler, seen + 2);
  reporter.ReportRuns({run_named("second")});

  EXPECT_EQ(display.runs().size(), 2u);  // everything still reaches the display
  const auto& timelines = reporter.records().timelines;
  ASSERT_EQ(timelines.size(), 2u);
  EXPECT_EQ(timelines[0].run_name, "first");
  EXPECT_EQ(timelines[1].run_name, "second");
  for (const BenchmarkPowerTimeline& timeline : timelines) {
    ASSERT_FALSE(timeline.points.empty());
    EXPECT_DOUBLE_EQ(timeline.interval.value, 0.001);
    for (std::size_t i = 0; i < timeline.points.size(); ++i) {
      EXPECT_NEAR(timeline.points[i].power.value, 50.0, 1e-9);
      // Time counts from the benchmark's first sample, which for the second benchmark is the
      // first one's last: its first point ends one interval (0.1 s of meter time) later.
      EXPECT_NEAR(timeline.points[i].time.value, 0.1 * static_cast<double>(i + 1), 1e-9);
    }
  }
}

TEST(RunRecordReporter, AddsTheTimelinesToAResultFile) {
  testing::TempDir dir;
  const auto path = dir.path() / "run.json";
  std::ofstream(path) << R"({"context": {"host_name": "h"}, "benchmarks": []})";
  RunRecords records;
  records.timelines.push_back({"gemm/x/real_time",
                               Seconds{0.1},
                               {{Seconds{0.1}, Watts{12.5}}, {Seconds{0.2}, Watts{13.0}}},
                               {{Seconds{0.05}, Seconds{0.15}}}});
  finish_result_json(path, records);

  nlohmann::json document;
  std::ifstream(path) >> document;
  EXPECT_EQ(document["context"]["host_name"], "h");  // the rest is kept
  const auto& timelines = document.at(result_key::kPowerTimelines);
  ASSERT_EQ(timelines.size(), 1u);
  EXPECT_EQ(timelines[0]["name"], "gemm/x/real_time");
  EXPECT_EQ(timelines[0]["interval_s"], 0.1);
  EXPECT_EQ(timelines[0]["t_s"], (std::vector<double>{0.1, 0.2}));
  EXPECT_EQ(timelines[0]["power_W"], (std::vector<double>{12.5, 13.0}));
  EXPECT_EQ(timelines[0][timeline_key::kTimedFrom], (std::vector<double>{0.05}));
  EXPECT_EQ(timelines[0][timeline_key::kTimedTo], (std::vector<double>{0.15}));
}

// The spans a benchmark's scopes noted go with its timeline, on its time axis: meter time minus
// the timeline's first sample, kept within the timeline.
TEST(RunRecordReporter, PutsTheTimedSpansOnTheTimelinesAxis) {
  const std::vector<TimedSpan> spans = spans_on_axis({{Seconds{10.5}, Seconds{10.9}},
                                                      {Seconds{11.0}, Seconds{99.0}},
                                                      {Seconds{9.0}, Seconds{9.5}}},
                                                     Seconds{10.0}, Seconds{2.0});
  ASSERT_EQ(spans.size(), 3u);
  EXPECT_NEAR(spans[0].start.value, 0.5, 1e-12);
  EXPECT_NEAR(spans[0].end.value, 0.9, 1e-12);
  EXPECT_NEAR(spans[1].start.value, 1.0, 1e-12);
  EXPECT_NEAR(spans[1].end.value, 2.0, 1e-12);    // ends where the timeline ends
  EXPECT_NEAR(spans[2].start.value, 0.0, 1e-12);  // before the first sample: an empty span at 0
  EXPECT_NEAR(spans[2].end.value, 0.0, 1e-12);
}

TEST(RunRecordReporter, GivesEachBenchmarkTheSpansAndLabelsNotedWhileItRan) {
  testing::FakeMeter meter([](int k) { return 5.0 * k; }, [](int k) { return 0.1 * k; });
  testing::CapturingReporter display;
  MeterSampler sampler(meter, Seconds{0.001});
  BenchmarkNotes notes;
  RunRecordReporter reporter(display, notes, &sampler, Seconds{0.001});
  wait_for_reads(sampler, 3);
  reporter.ReportRuns({run_named("earlier")});
  const std::size_t seen = sampler.reads();
  wait_for_reads(sampler, seen + 3);
  notes.add_timed_span({Seconds{-1e9}, Seconds{1e9}});  // the whole timeline
  notes.set_labels({.task = "t",
                    .variant = "v",
                    .precision = "",
                    .backend = "",
                    .batch = 0,
                    .unit = WorkUnit::iteration});
  reporter.ReportRuns({run_named("timed")});

  const RunRecords& records = reporter.records();
  ASSERT_EQ(records.timelines.size(), 2u);
  EXPECT_TRUE(records.timelines[0].timed.empty());  // the earlier one noted none
  const BenchmarkPowerTimeline& timed = records.timelines[1];
  EXPECT_EQ(timed.run_name, "timed");
  ASSERT_EQ(timed.timed.size(), 1u);
  EXPECT_DOUBLE_EQ(timed.timed[0].start.value, 0.0);
  EXPECT_DOUBLE_EQ(timed.timed[0].end.value, timed.points.back().time.value);
  ASSERT_EQ(records.labels.size(), 1u);  // only the benchmark that set labels has them
  EXPECT_EQ(records.labels[0].run_name, "timed");
  EXPECT_EQ(records.labels[0].labels.variant, "v");
}

// Without a sampler there are no timelines, but labels are still recorded.
TEST(RunRecordReporter, RecordsLabelsWithoutASampler) {
  testing::CapturingReporter display;
  BenchmarkNotes notes;
  RunRecordReporter reporter(display, notes, nullptr, Seconds{0.0});
  notes.set_labels({.task = "leibniz-pi",
                    .variant = "terms:1000",
                    .precision = "",
                    .backend = "",
                    .batch = 0,
                    .unit = WorkUnit::iteration});
  notes.add_timed_span({Seconds{1.0}, Seconds{2.0}});
  reporter.ReportRuns({run_named("BM_leibniz_pi/1000/real_time")});
  reporter.ReportRuns({run_named("BM_sort/65536/real_time")});
  EXPECT_TRUE(reporter.records().timelines.empty());
  ASSERT_EQ(reporter.records().labels.size(), 1u);
  EXPECT_EQ(reporter.records().labels[0].run_name, "BM_leibniz_pi/1000/real_time");
  EXPECT_EQ(reporter.records().labels[0].labels.task, "leibniz-pi");
}

TEST(FinishResultJson, LabelsEveryRowOfTheirBenchmarkAggregatesIncluded) {
  nlohmann::json document = nlohmann::json::parse(R"({"benchmarks": [
    {"name": "a/real_time", "run_name": "a/real_time", "run_type": "iteration"},
    {"name": "a/real_time_median", "run_name": "a/real_time", "run_type": "aggregate"},
    {"name": "b/real_time", "run_name": "b/real_time", "run_type": "iteration"}]})");
  const std::vector<BenchmarkLabels> labels = {{"a/real_time",
                                                {.task = "mlp/infer/784-10/batch:64",
                                                 .variant = "int8/pytorch",
                                                 .precision = "int8",
                                                 .backend = "pytorch",
                                                 .batch = 64,
                                                 .unit = WorkUnit::inference}}};
  EXPECT_EQ(add_row_labels(document, labels), 2);
  const nlohmann::json& rows = document["benchmarks"];
  for (int i : {0, 1}) {
    EXPECT_EQ(rows[i][row_key::kTask], "mlp/infer/784-10/batch:64");
    EXPECT_EQ(rows[i][row_key::kVariant], "int8/pytorch");
    EXPECT_EQ(rows[i][row_key::kPrecision], "int8");
    EXPECT_EQ(rows[i][row_key::kBackend], "pytorch");
    EXPECT_EQ(rows[i][row_key::kBatch], 64);
    EXPECT_EQ(rows[i][row_key::kUnit], "inference");
  }
  EXPECT_FALSE(rows[2].contains(row_key::kTask));
}

// Google Benchmark's statistics of a counter cover only the repetitions that carry it: with one
// repetition of three left, the mean would be that one and the stddev 0.
TEST(FinishResultJson, AggregatesOfRepetitionsWithoutEnergyLoseTheirEnergy) {
  nlohmann::json document = nlohmann::json::parse(R"({"benchmarks": [
    {"name": "a", "run_name": "a", "run_type": "iteration", "energy_J": 2, "power_W": 4,
     "energy_cpu_package_0_J": 2, "flops": 8},
    {"name": "a", "run_name": "a", "run_type": "iteration", "flops": 8,
     "label": "no energy: cpu.package-0 did not advance"},
    {"name": "a", "run_name": "a", "run_type": "iteration", "error_occurred": true},
    {"name": "a_mean", "run_name": "a", "run_type": "aggregate", "energy_J": 2, "power_W": 4,
     "energy_cpu_package_0_J": 2, "flops": 8, "label": "eigen"},
    {"name": "a_stddev", "run_name": "a", "run_type": "aggregate", "energy_J": 0, "flops": 0},
    {"name": "b", "run_name": "b", "run_type": "iteration", "energy_J": 1},
    {"name": "b", "run_name": "b", "run_type": "iteration", "energy_J": 3},
    {"name": "b_mean", "run_name": "b", "run_type": "aggregate", "energy_J": 2}]})");
  EXPECT_EQ(drop_energy_of_incomplete_aggregates(document), 2);
  const nlohmann::json& rows = document["benchmarks"];
  EXPECT_EQ(rows[0]["energy_J"], 2);  // a repetition keeps its own figure
  for (int i : {3, 4}) {
    EXPECT_FALSE(rows[i].contains("energy_J")) << rows[i];
    EXPECT_FALSE(rows[i].contains("power_W")) << rows[i];
    EXPECT_FALSE(rows[i].contains("energy_cpu_package_0_J")) << rows[i];
    EXPECT_TRUE(rows[i].contains("flops")) << rows[i];
  }
  EXPECT_EQ(rows[3]["label"], "eigen; no energy: 1 of 2 repetitions had none");
  EXPECT_EQ(rows[4]["label"], "no energy: 1 of 2 repetitions had none");
  EXPECT_EQ(rows[7]["energy_J"], 2);  // every repetition of b has energy
}

TEST(RunRecordReporter, RefusesAFileThatIsNotJsonNamingIt) {
  testing::TempDir dir;
  const auto path = dir.path() / "broken.json";
  std::ofstream(path) << R"({"benchmarks": [)";
  try {
    finish_result_json(path, RunRecords{});
    FAIL() << "no error for truncated JSON";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("broken.json is not valid JSON"), std::string::npos)
        << e.what();
  }
}

}  // namespace
}  // namespace joulebench
