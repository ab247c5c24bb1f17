#include "harness/measurement/energy_scope.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <string>

#include "common/result_schema.h"
#include "tests/support/capturing_reporter.h"
#include "tests/support/fake_meter.h"

namespace joulebench {
namespace {

using testing::FakeMeter;

// Energy grows quadratically in the reading index, so every window has a different size and a
// counter computed from the wrong pair of readings cannot match by accident.
FakeMeter make_meter() {
  return FakeMeter([](int k) { return 0.5 * k * k + 3.0; }, [](int k) { return 0.25 * k; });
}

CarbonAccounting carbon(double grams_per_kwh, double pue) {
  return {GridIntensity{grams_per_kwh, "test", "test table", 2024, false}, pue};
}

struct Expected {
  double joules;   // over the window
  double seconds;  // over the window
};

// The last two readings bracket the loop of the call Google Benchmark reported.
Expected last_window(const FakeMeter& meter) {
  const auto log = meter.log();
  EXPECT_GE(log.size(), 2u);
  const auto& before = log[log.size() - 2];
  const auto& after = log[log.size() - 1];
  return {(after.total() - before.total()).value, (after.time - before.time).value};
}

TEST(EnergyScope, CountersArePerIterationDifferenceOfTheLastCall) {
  FakeMeter meter = make_meter();
  MeasurementSession session{meter, carbon(400.0, 1.5)};
  benchmark::RegisterBenchmark("scope/auto_iterations", [&](benchmark::State& state) {
    EnergyScope energy(state, session, 1000.0);
    for (auto _ : state)
      benchmark::DoNotOptimize(state.iterations());
  })->MinTime(0.01);

  const auto reporter = testing::run_benchmarks("^scope/auto_iterations");
  ASSERT_EQ(reporter.runs().size(), 1u);
  const auto& run = reporter.runs()[0];
  // Google Benchmark probes with growing counts: several calls, two readings each.
  EXPECT_GT(meter.log().size(), 2u);
  EXPECT_EQ(meter.log().size() % 2, 0u);

  const Expected w = last_window(meter);
  const double n = static_cast<double>(run.iterations);
  EXPECT_DOUBLE_EQ(run.counters.at(counter::kEnergy).value, w.joules / n);
  EXPECT_DOUBLE_EQ(run.counters.at(counter::kPower).value, w.joules / w.seconds);
  EXPECT_DOUBLE_EQ(run.counters.at(counter::kCo2).value, w.joules * 1.5 / 3.6e6 * 400.0 / n);
  EXPECT_DOUBLE_EQ(run.counters.at(counter::kFlops).value, 1000.0);
  EXPECT_DOUBLE_EQ(run.counters.at(counter::kFlopPerJoule).value, 1000.0 / (w.joules / n));
}

TEST(EnergyScope, FixedIterationsReadTheMeterOncePerSide) {
  FakeMeter meter = make_meter();
  MeasurementSession session{meter, carbon(100.0, 1.0)};
  benchmark::RegisterBenchmark("scope/fixed_iterations", [&](benchmark::State& state) {
    EnergyScope energy(state, session);
    for (auto _ : state)
      benchmark::DoNotOptimize(state.iterations());
  })->Iterations(7);

  const auto reporter = testing::run_benchmarks("^scope/fixed_iterations");
  ASSERT_EQ(reporter.runs().size(), 1u);
  ASSERT_EQ(meter.log().size(), 2u);
  // Readings 0 and 1: 3.0 J and 3.5 J, 0.25 s apart.
  EXPECT_DOUBLE_EQ(reporter.runs()[0].counters.at(counter::kEnergy).value, 0.5 / 7.0);
  EXPECT_DOUBLE_EQ(reporter.runs()[0].counters.at(counter::kPower).value, 2.0);
  // No FLOP count declared: no FLOP counters rather than zeros.
  EXPECT_EQ(reporter.runs()[0].counters.count(counter::kFlops), 0u);
  EXPECT_EQ(reporter.runs()[0].counters.count(counter::kFlopPerJoule), 0u);
}

TEST(EnergyScope, ThreadsReadTheSystemWideMeterOnceAndDivideByAllIterations) {
  FakeMeter meter = make_meter();
  MeasurementSession session{meter, carbon(100.0, 1.0)};
  benchmark::RegisterBenchmark("scope/threads",
                               [&](benchmark::State& state) {
                                 EnergyScope energy(state, session);
                                 for (auto _ : state)
                                   benchmark::DoNotOptimize(state.iterations());
                               })
      ->Iterations(5)
      ->Threads(3);

  const auto reporter = testing::run_benchmarks("^scope/threads");
  ASSERT_EQ(reporter.runs().size(), 1u);
  ASSERT_EQ(meter.log().size(), 2u);  // thread 0 only
  const auto& run = reporter.runs()[0];
  EXPECT_EQ(run.iterations, 15);  // Google Benchmark reports the sum over threads
  EXPECT_DOUBLE_EQ(run.counters.at(counter::kEnergy).value, 0.5 / 15.0);
  EXPECT_DOUBLE_EQ(run.counters.at(counter::kPower).value, 2.0);
}

TEST(EnergyScope, RepetitionsEachGetTheirOwnWindow) {
  FakeMeter meter = make_meter();
  MeasurementSession session{meter, carbon(100.0, 1.0)};
  benchmark::RegisterBenchmark("scope/repetitions",
                               [&](benchmark::State& state) {
                                 EnergyScope energy(state, session);
                                 for (auto _ : state)
                                   benchmark::DoNotOptimize(state.iterations());
                               })
      ->Iterations(4)
      ->Repetitions(3)
      ->ReportAggregatesOnly(false);

  const auto reporter = testing::run_benchmarks("^scope/repetitions");
  ASSERT_EQ(meter.log().size(), 6u);
  std::vector<double> per_iteration;
  for (const auto& run : reporter.runs()) {
    if (run.run_type == benchmark::BenchmarkReporter::Run::RT_Iteration) {
      per_iteration.push_back(run.counters.at(counter::kEnergy).value);
    }
  }
  // Windows (0,1), (2,3), (4,5): 0.5, 2.5 and 4.5 J over 4 iterations.
  EXPECT_EQ(per_iteration, (std::vector<double>{0.5 / 4, 2.5 / 4, 4.5 / 4}));
}

TEST(EnergyScope, ErroredBenchmarkGetsNoEnergyCounters) {
  FakeMeter meter = make_meter();
  MeasurementSession session{meter, carbon(100.0, 1.0)};
  benchmark::RegisterBenchmark("scope/error", [&](benchmark::State& state) {
    EnergyScope energy(state, session);
    state.SkipWithError("input missing");
    for (auto _ : state) {
    }
  });
  const auto reporter = testing::run_benchmarks("^scope/error");
  ASSERT_EQ(reporter.runs().size(), 1u);
  EXPECT_TRUE(reporter.runs()[0].error_occurred);
  EXPECT_EQ(reporter.runs()[0].counters.count(counter::kEnergy), 0u);
}

TEST(EnergyScope, OneCounterPerDomainAddingUpToEnergyJ) {
  testing::FakeMultiDomainMeter meter(
      {{"cpu.package-0", Provenance::measured, Joules{1e-9}, Seconds{0.0}},
       {"cpu.dram-0", Provenance::measured, Joules{1e-9}, Seconds{0.0}},
       {"gpu.0", Provenance::measured, Joules{1e-9}, Seconds{0.0}}},
      {0.5, 0.125, 0.375}, [](int k) { return 8.0 * k * k + 1.0; }, [](int k) { return 0.5 * k; });
  MeasurementSession session{meter, carbon(100.0, 1.0)};
  benchmark::RegisterBenchmark("scope/per_domain", [&](benchmark::State& state) {
    EnergyScope energy(state, session);
    for (auto _ : state)
      benchmark::DoNotOptimize(state.iterations());
  })->Iterations(4);

  const auto reporter = testing::run_benchmarks("^scope/per_domain/");
  ASSERT_EQ(reporter.runs().size(), 1u);
  const auto& counters = reporter.runs()[0].counters;
  // Readings 0 and 1: 1 J and 9 J, so 8 J over 4 iterations, split 0.5 / 0.125 / 0.375.
  EXPECT_DOUBLE_EQ(counters.at(counter::kEnergy).value, 2.0);
  EXPECT_DOUBLE_EQ(counters.at("energy_cpu_package_0_J").value, 1.0);
  EXPECT_DOUBLE_EQ(counters.at("energy_cpu_dram_0_J").value, 0.25);
  EXPECT_DOUBLE_EQ(counters.at("energy_gpu_0_J").value, 0.75);
  double sum = 0.0;
  for (const auto& [name, value] : counters) {
    if (counter::is_domain_energy_counter(name))
      sum += value.value;
  }
  EXPECT_DOUBLE_EQ(sum, counters.at(counter::kEnergy).value);
}

// The counters a row without energy must not carry.
void expect_no_energy_counters(const benchmark::BenchmarkReporter::Run& run) {
  for (const char* name : {counter::kEnergy, counter::kPower, counter::kCo2, counter::kFlopPerJoule,
                           counter::kEnergyNet})
    EXPECT_EQ(run.counters.count(name), 0u) << name;
  for (const auto& [name, value] : run.counters)
    EXPECT_FALSE(counter::is_domain_energy_counter(name)) << name;
}

TEST(EnergyScope, ADomainThatDidNotAdvanceLeavesTheRowWithoutEnergyAndSaysWhy) {
  // A measured counter stuck at 3 J while 0.25 s pass between reads: a dead sensor.
  FakeMeter meter([](int) { return 3.0; }, [](int k) { return 0.25 * k; });
  MeasurementSession session{meter, carbon(100.0, 1.0), Watts{1.0}};
  benchmark::RegisterBenchmark("scope/dead", [&](benchmark::State& state) {
    EnergyScope energy(state, session, 1000.0);
    energy.set_implementation("avx2");
    for (auto _ : state)
      benchmark::DoNotOptimize(state.iterations());
  })->Iterations(3);
  const auto reporter = testing::run_benchmarks("^scope/dead/");
  ASSERT_EQ(reporter.runs().size(), 1u);
  const auto& run = reporter.runs()[0];
  EXPECT_FALSE(run.error_occurred);
  expect_no_energy_counters(run);
  EXPECT_DOUBLE_EQ(run.counters.at(counter::kFlops).value, 1000.0);  // not an energy figure
  EXPECT_EQ(run.report_label.rfind("avx2; no energy: fake.0 did not advance over 0.25 s", 0), 0u)
      << run.report_label;
  EXPECT_EQ(run.iterations, 3);
}

TEST(EnergyScope, AFailedMeterLeavesTheRowWithoutEnergy) {
  FakeMeter meter = make_meter();
  meter.set_failure("reading energy-pkg failed; cpu.package-0 stopped advancing");
  MeasurementSession session{meter, carbon(100.0, 1.0)};
  benchmark::RegisterBenchmark("scope/failed", [&](benchmark::State& state) {
    EnergyScope energy(state, session);
    for (auto _ : state)
      benchmark::DoNotOptimize(state.iterations());
  })->Iterations(3);
  const auto reporter = testing::run_benchmarks("^scope/failed/");
  ASSERT_EQ(reporter.runs().size(), 1u);
  expect_no_energy_counters(reporter.runs()[0]);
  EXPECT_EQ(reporter.runs()[0].report_label,
            "no energy: meter failed: reading energy-pkg failed; cpu.package-0 stopped advancing");
}

// Every hour from two before now to two after has the same figure, so the test does not depend
// on which hour the window ends in; the table figure (400) must not be used.
std::string series_around_now(double grams_per_kwh) {
  using namespace std::chrono;
  const auto now = floor<hours>(time_point_cast<seconds>(system_clock::now()));
  std::string text = "utc,gCO2e_per_kWh\n";
  for (int h = -2; h <= 2; ++h)
    text += fmt::format("{},{}\n", format_utc_hour(now + hours{h}), grams_per_kwh);
  return text;
}

TEST(EnergyScope, HourlySeriesChargesTheHourTheWindowEndedIn) {
  FakeMeter meter = make_meter();
  MeasurementSession session{meter, carbon(400.0, 1.5)};
  session.carbon.series = std::make_shared<const IntensitySeries>(
      IntensitySeries::parse(series_around_now(250.0), "now.csv"));
  benchmark::RegisterBenchmark("scope/series_now", [&](benchmark::State& state) {
    EnergyScope energy(state, session);
    for (auto _ : state)
      benchmark::DoNotOptimize(state.iterations());
  })->Iterations(10);

  const auto reporter = testing::run_benchmarks("^scope/series_now");
  ASSERT_EQ(reporter.runs().size(), 1u);
  const auto& run = reporter.runs()[0];
  const Expected w = last_window(meter);
  EXPECT_DOUBLE_EQ(run.counters.at(counter::kGridIntensity).value, 250.0);
  EXPECT_DOUBLE_EQ(run.counters.at(counter::kCo2).value, w.joules * 1.5 / 3.6e6 * 250.0 / 10.0);
  EXPECT_EQ(run.report_label.find("no intensity"), std::string::npos) << run.report_label;
}

TEST(EnergyScope, HourlySeriesThatEndedUsesTheLastHourAndSaysSo) {
  FakeMeter meter = make_meter();
  MeasurementSession session{meter, carbon(400.0, 1.0)};
  session.carbon.series = std::make_shared<const IntensitySeries>(
      IntensitySeries::parse("2000-01-01T00:00:00Z,90\n2000-01-01T01:00:00Z,95\n", "old.csv"));
  benchmark::RegisterBenchmark("scope/series_old", [&](benchmark::State& state) {
    EnergyScope energy(state, session);
    for (auto _ : state)
      benchmark::DoNotOptimize(state.iterations());
  })->Iterations(10);

  const auto reporter = testing::run_benchmarks("^scope/series_old");
  ASSERT_EQ(reporter.runs().size(), 1u);
  const auto& run = reporter.runs()[0];
  EXPECT_DOUBLE_EQ(run.counters.at(counter::kGridIntensity).value, 95.0);
  EXPECT_NE(run.report_label.find("no intensity for this UTC hour: used 2000-01-01T01:00:00Z"),
            std::string::npos)
      << run.report_label;
}

}  // namespace
}  // namespace joulebench
