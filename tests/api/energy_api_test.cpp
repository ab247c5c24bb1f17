// The public one-line scope (include/joulebench/energy.h) against a meter with scripted
// readings, installed as the session joulebench::Main would install.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "common/result_schema.h"
#include "harness/api/current_session.h"
#include "harness/measurement/benchmark_notes.h"
#include "joulebench/joulebench.h"
#include "tests/support/capturing_reporter.h"
#include "tests/support/fake_meter.h"

namespace joulebench {
namespace {

using testing::FakeMeter;

// 0.5 J more at every reading, readings 0.25 s apart: 2 W.
FakeMeter linear_meter() {
  return FakeMeter([](int k) { return 0.5 * k; }, [](int k) { return 0.25 * k; });
}

MeasurementSession session_with(FakeMeter& meter) {
  return {meter, CarbonAccounting{GridIntensity{200.0, "test", "test table", 2024, false}, 1.0}};
}

TEST(EnergyApi, ThreadsAndRepetitionsGetPerIterationCountersAndTheDeclaredFigures) {
  FakeMeter meter = linear_meter();
  MeasurementSession session = session_with(meter);
  const CurrentSessionGuard installed(session);
  benchmark::RegisterBenchmark("api/threads_and_repetitions",
                               [](benchmark::State& state) {
                                 Energy energy(state, /*flops_per_iteration=*/64.0);
                                 energy.set_accuracy(0.875);
                                 energy.set_rel_error(1e-6);
                                 for (auto _ : state)
                                   benchmark::DoNotOptimize(state.iterations());
                               })
      ->Iterations(5)
      ->Threads(2)
      ->Repetitions(2)
      ->UseRealTime();

  const auto reporter = testing::run_benchmarks("^api/threads_and_repetitions");
  // One pair of readings per repetition, by the first thread alone.
  ASSERT_EQ(meter.log().size(), 4u);
  int iteration_rows = 0;
  for (const auto& run : reporter.runs()) {
    if (run.run_type != benchmark::BenchmarkReporter::Run::RT_Iteration)
      continue;
    ++iteration_rows;
    EXPECT_EQ(run.iterations, 10);  // both threads'
    EXPECT_DOUBLE_EQ(run.counters.at(counter::kEnergy).value, 0.5 / 10);
    EXPECT_DOUBLE_EQ(run.counters.at(counter::kPower).value, 2.0);
    EXPECT_DOUBLE_EQ(run.counters.at(counter::kCo2).value, 0.5 / 10 / 3.6e6 * 200.0);
    EXPECT_DOUBLE_EQ(run.counters.at(counter::kFlopPerJoule).value, 64.0 / (0.5 / 10));
    // Declared figures are not per-iteration quantities: neither summed over threads nor divided.
    EXPECT_DOUBLE_EQ(run.counters.at(counter::kAccuracy).value, 0.875);
    EXPECT_DOUBLE_EQ(run.counters.at(counter::kRelError).value, 1e-6);
  }
  EXPECT_EQ(iteration_rows, 2);
}

TEST(EnergyApi, WithoutJoulebenchMainTheBenchmarkIsSkippedWithAReason) {
  ASSERT_EQ(current_session(), nullptr);
  benchmark::RegisterBenchmark("api/not_set_up", [](benchmark::State& state) {
    Energy energy(state);
    energy.set_accuracy(0.5);  // harmless without a session
    for (auto _ : state)
      benchmark::DoNotOptimize(state.iterations());
  });

  const auto reporter = testing::run_benchmarks("^api/not_set_up");
  ASSERT_EQ(reporter.runs().size(), 1u);
  const auto& run = reporter.runs()[0];
  EXPECT_TRUE(run.error_occurred);
  EXPECT_NE(run.error_message.find("JOULEBENCH_MAIN()"), std::string::npos) << run.error_message;
  EXPECT_EQ(run.counters.count(counter::kEnergy), 0u);
}

// What a benchmark says it is reaches the session's notes once per benchmark call, with one
// timed span per call, for the result file's rows.
TEST(EnergyApi, LabelsAndTimedSpansReachTheSessionsNotes) {
  FakeMeter meter = linear_meter();
  BenchmarkNotes notes;
  MeasurementSession session{
      meter, CarbonAccounting{GridIntensity{200.0, "test", "test table", 2024, false}, 1.0},
      std::nullopt, &notes};
  const CurrentSessionGuard installed(session);
  benchmark::RegisterBenchmark("api/labelled",
                               [](benchmark::State& state) {
                                 Energy energy(state);
                                 energy.set_task("leibniz-pi", "terms:1000");
                                 for (auto _ : state)
                                   benchmark::DoNotOptimize(state.iterations());
                               })
      ->Iterations(3)
      ->Repetitions(2);
  const auto reporter = testing::run_benchmarks("^api/labelled/");
  const BenchmarkNotes::Taken taken = notes.take();
  ASSERT_TRUE(taken.labels);
  EXPECT_EQ(taken.labels->task, "leibniz-pi");
  EXPECT_EQ(taken.labels->variant, "terms:1000");
  EXPECT_EQ(taken.labels->unit, WorkUnit::iteration);
  ASSERT_EQ(taken.spans.size(), 2u);  // one per call: two repetitions of fixed iterations
  for (const TimedSpan& span : taken.spans)
    EXPECT_DOUBLE_EQ((span.end - span.start).value, 0.25);  // the fake meter's clock step
}

TEST(EnergyApi, AnEmptyTaskOrANegativeBatchFailsTheBenchmarkSayingWhy) {
  FakeMeter meter = linear_meter();
  MeasurementSession session = session_with(meter);
  const CurrentSessionGuard installed(session);
  benchmark::RegisterBenchmark("api/bad_labels/empty_task", [](benchmark::State& state) {
    Energy energy(state);
    energy.set_task("", "v");
    for (auto _ : state)
      benchmark::DoNotOptimize(state.iterations());
  });
  benchmark::RegisterBenchmark("api/bad_labels/negative_batch", [](benchmark::State& state) {
    Energy energy(state);
    energy.set_labels({.task = "t",
                       .variant = "",
                       .precision = "",
                       .backend = "",
                       .batch = -1,
                       .unit = WorkUnit::inference});
    for (auto _ : state)
      benchmark::DoNotOptimize(state.iterations());
  });
  const auto reporter = testing::run_benchmarks("^api/bad_labels/");
  ASSERT_EQ(reporter.runs().size(), 2u);
  EXPECT_TRUE(reporter.runs()[0].error_occurred);
  EXPECT_NE(reporter.runs()[0].error_message.find("the task is empty"), std::string::npos)
      << reporter.runs()[0].error_message;
  EXPECT_TRUE(reporter.runs()[1].error_occurred);
  EXPECT_NE(reporter.runs()[1].error_message.find("the batch is below 0"), std::string::npos)
      << reporter.runs()[1].error_message;
}

int main_with(std::vector<std::string> args) {
  std::vector<char*> argv;
  for (std::string& arg : args)
    argv.push_back(arg.data());
  argv.push_back(nullptr);
  return Main(static_cast<int>(args.size()), argv.data());
}

TEST(JoulebenchMain, BadMeasurementFlagsExitTwoBeforeAnythingRuns) {
  EXPECT_EQ(main_with({"bench", "--joulebench_meter=bogus"}), 2);
  EXPECT_EQ(main_with({"bench", "--joulebench_pue=0.5", "--benchmark_filter=^none$"}), 2);
  EXPECT_EQ(main_with({"bench", "--joulebench_idle_baseline=-1", "--benchmark_filter=^none$"}), 2);
  EXPECT_EQ(main_with({"bench", "--joulebench_region=Atlantis", "--benchmark_filter=^none$"}), 2);
}

}  // namespace
}  // namespace joulebench
