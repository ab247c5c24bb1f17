#include "harness/measurement/power_timeline_reporter.h"

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

TEST(PowerTimelineReporter, CutsTheSamplesIntoOneTimelinePerBenchmarkWithoutGaps) {
  // 5 J more and 0.1 s later at every read: 50 W throughout.
  testing::FakeMeter meter([](int k) { return 5.0 * k; }, [](int k) { return 0.1 * k; });
  testing::CapturingReporter display;
  MeterSampler sampler(meter, Seconds{0.001});
  PowerTimelineReporter reporter(display, sampler, Seconds{0.001});

  wait_for_reads(sampler, 3);
  reporter.ReportRuns({run_named("first")});
  const std::size_t seen = sampler.reads();
  wait_for_reads(sampler, seen + 2);
  reporter.ReportRuns({run_named("second")});

  EXPECT_EQ(display.runs().size(), 2u);  // everything still reaches the display
  const auto& timelines = reporter.timelines();
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

TEST(PowerTimelineReporter, AddsTheTimelinesToAResultFile) {
  testing::TempDir dir;
  const auto path = dir.path() / "run.json";
  std::ofstream(path) << R"({"context": {"host_name": "h"}, "benchmarks": []})";
  finish_result_json(path, {{"gemm/x/real_time",
                             Seconds{0.1},
                             {{Seconds{0.1}, Watts{12.5}}, {Seconds{0.2}, Watts{13.0}}}}});

  nlohmann::json document;
  std::ifstream(path) >> document;
  EXPECT_EQ(document["context"]["host_name"], "h");  // the rest is kept
  const auto& timelines = document.at(result_key::kPowerTimelines);
  ASSERT_EQ(timelines.size(), 1u);
  EXPECT_EQ(timelines[0]["name"], "gemm/x/real_time");
  EXPECT_EQ(timelines[0]["interval_s"], 0.1);
  EXPECT_EQ(timelines[0]["t_s"], (std::vector<double>{0.1, 0.2}));
  EXPECT_EQ(timelines[0]["power_W"], (std::vector<double>{12.5, 13.0}));
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

TEST(PowerTimelineReporter, RefusesAFileThatIsNotJsonNamingIt) {
  testing::TempDir dir;
  const auto path = dir.path() / "broken.json";
  std::ofstream(path) << R"({"benchmarks": [)";
  try {
    finish_result_json(path, {});
    FAIL() << "no error for truncated JSON";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("broken.json is not valid JSON"), std::string::npos)
        << e.what();
  }
}

}  // namespace
}  // namespace joulebench
