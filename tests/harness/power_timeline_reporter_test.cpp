#include "harness/measurement/power_timeline_reporter.h"

#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "common/result_schema.h"
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
  add_power_timelines(path, {{"gemm/x/real_time",
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

TEST(PowerTimelineReporter, RefusesAFileThatIsNotJsonNamingIt) {
  testing::TempDir dir;
  const auto path = dir.path() / "broken.json";
  std::ofstream(path) << R"({"benchmarks": [)";
  try {
    add_power_timelines(path, {});
    FAIL() << "no error for truncated JSON";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("broken.json is not valid JSON"), std::string::npos)
        << e.what();
  }
}

}  // namespace
}  // namespace joulebench
