// Counters and context set by the bridge survive Google Benchmark's JSON writer and our reader.

#include <gtest/gtest.h>

#include <sstream>

#include "common/result_schema.h"
#include "harness/measurement/energy_scope.h"
#include "harness/measurement/run_context.h"
#include "reporters/leaderboard/render.h"
#include "reporters/leaderboard/report.h"
#include "reporters/result_file.h"
#include "tests/support/capturing_reporter.h"
#include "tests/support/fake_meter.h"

namespace joulebench {
namespace {

TEST(JsonRoundTrip, CountersAndContextSurviveWritingAndReading) {
  testing::FakeMeter meter([](int k) { return 2.0 * k * k; }, [](int k) { return 0.5 * k; },
                           Provenance::estimated);
  MeasurementSession session{meter, {GridIntensity{250.0, "FR", "test table", 2023, false}, 1.1}};
  add_benchmark_context(describe_run(meter, session.carbon));
  benchmark::RegisterBenchmark("round_trip/gemm",
                               [&](benchmark::State& state) {
                                 EnergyScope energy(state, session, 5e6);
                                 for (auto _ : state)
                                   benchmark::DoNotOptimize(state.iterations());
                               })
      ->Iterations(50)
      ->Repetitions(3);

  const auto captured = testing::run_benchmarks("^round_trip/gemm");
  const ResultFile file = parse_result_json(captured.json(), "round_trip.json");

  std::vector<const ResultRow*> iterations;
  for (const ResultRow& row : file.rows) {
    if (row.run_type == "iteration")
      iterations.push_back(&row);
  }
  std::vector<const benchmark::BenchmarkReporter::Run*> runs;
  for (const auto& run : captured.runs()) {
    if (run.run_type == benchmark::BenchmarkReporter::Run::RT_Iteration)
      runs.push_back(&run);
  }
  ASSERT_EQ(iterations.size(), 3u);
  ASSERT_EQ(runs.size(), 3u);
  for (std::size_t i = 0; i < runs.size(); ++i) {
    for (const char* key : {counter::kEnergy, counter::kPower, counter::kCo2, counter::kFlops,
                            counter::kFlopPerJoule}) {
      ASSERT_TRUE(iterations[i]->counter(key)) << key;
      EXPECT_DOUBLE_EQ(*iterations[i]->counter(key), runs[i]->counters.at(key).value) << key;
    }
    EXPECT_EQ(iterations[i]->iterations, 50);
  }
  EXPECT_EQ(file.context_value(context_key::kProvenance), "estimated");
  EXPECT_EQ(file.context_value(context_key::kMeter), "fake");
  EXPECT_EQ(file.context_value(context_key::kRegion), "FR");
  EXPECT_EQ(file.context_value(context_key::kIntensity), "250");
  EXPECT_EQ(file.context_value(context_key::kPue), "1.1");

  // The report pools the three repetitions into one row (Google Benchmark's suffixes dropped from
  // the name), its energy marked as estimated.
  std::ostringstream md;
  render_leaderboard_markdown(md, build_report({file}, *find_sort_metric("energy")));
  EXPECT_NE(md.str().find("| round_trip/gemm | 1 | - | "), std::string::npos) << md.str();
  EXPECT_NE(md.str().find("(est.) |"), std::string::npos) << md.str();
  EXPECT_NE(md.str().find("| estimated (fake) |"), std::string::npos) << md.str();
}

}  // namespace
}  // namespace joulebench
