#include "harness/measurement/idle_baseline.h"

#include <gtest/gtest.h>

#include "common/result_schema.h"
#include "harness/measurement/energy_scope.h"
#include "harness/measurement/measurement_setup.h"
#include "tests/support/capturing_reporter.h"
#include "tests/support/fake_meter.h"
#include "tests/support/powercap_fixture.h"

namespace joulebench {
namespace {

using testing::FakeMeter;

TEST(IdleBaseline, PowerPerDomainOverTheWindowTheMeterSaw) {
  // 30 J per reading, readings 2 s apart (whatever the real sleep was): 15 W.
  FakeMeter meter([](int k) { return 30.0 * k; }, [](int k) { return 2.0 * k; });
  const IdleBaseline b = measure_idle_baseline(meter, Seconds{0.001});
  ASSERT_EQ(b.per_domain.size(), 1u);
  EXPECT_DOUBLE_EQ(b.window.value, 2.0);
  EXPECT_DOUBLE_EQ(b.total().value, 15.0);
  EXPECT_EQ(describe(b, meter), "fake.0 15 W over 2 s");
}

TEST(IdleBaseline, ZeroWattsFromAMeasuredDomainIsADeadSensorNotAnIdleMachine) {
  FakeMeter meter([](int) { return 7.0; }, [](int k) { return 2.0 * k; });
  const IdleBaseline b = measure_idle_baseline(meter, Seconds{0.001});
  EXPECT_EQ(b.dead_domains, std::vector<std::string>{"fake.0"});
  const auto problem = dead_sensor_problem(b, meter);
  ASSERT_TRUE(problem);
  EXPECT_EQ(*problem,
            "the idle baseline read 0 W from fake.0 over 2 s: the meter 'fake' did not advance (a "
            "virtualised or disabled sensor); choose the meter 'model' for a labelled estimate");

  // An estimate that reads 0 W is a model's figure, not a dead sensor.
  FakeMeter estimate([](int) { return 7.0; }, [](int k) { return 2.0 * k; }, Provenance::estimated);
  const IdleBaseline e = measure_idle_baseline(estimate, Seconds{0.001});
  EXPECT_TRUE(e.dead_domains.empty());
  EXPECT_FALSE(dead_sensor_problem(e, estimate));
}

TEST(IdleBaseline, ASensorThatDiesBeforeTheBaselineStopsTheRunWithOneLine) {
  testing::PowercapFixture fx;
  fx.add_zone("intel-rapl:0", "package-0", 1000);
  testing::LiveCounters live(fx, 20.0);
  MeasurementOptions options;
  options.meter = "rapl";
  options.powercap_root = fx.root().string();
  options.perf_pmu_root = (fx.root() / "no-power-pmu").string();
  options.region = "FR";
  options.idle_baseline = 0.05;  // 50 of RAPL's 1 ms updates
  options.sample_interval = 0.0;
  Measurement measurement(check_measurement_options(options));  // the probe sees it move
  live.stop();                                                  // then it freezes
  try {
    measurement.run_benchmarks();
    FAIL() << "expected an error";
  } catch (const std::runtime_error& e) {
    const std::string what = e.what();
    EXPECT_EQ(what.find('\n'), std::string::npos);
    EXPECT_EQ(what.rfind("the idle baseline read 0 W from cpu.package-0 over 0.05", 0), 0u) << what;
    EXPECT_NE(what.find("the meter 'model'"), std::string::npos) << what;
  }
}

TEST(IdleBaseline, AMeterThatFailedGivesNoBaselineButOneLineWithTheCause) {
  FakeMeter meter([](int k) { return 30.0 * k; }, [](int k) { return 2.0 * k; });
  meter.set_failure("cpu.package-0: energy_uj went backwards");
  const IdleBaseline b = measure_idle_baseline(meter, Seconds{0.001});
  const auto problem = dead_sensor_problem(b, meter);
  ASSERT_TRUE(problem);
  EXPECT_EQ(*problem,
            "the idle baseline could not be measured: the meter 'fake' failed: cpu.package-0: "
            "energy_uj went backwards; choose the meter 'model' for a labelled estimate");
}

TEST(IdleBaseline, ACounterThatGoesBackwardsBeforeTheBaselineStopsTheRunWithOneLine) {
  testing::PowercapFixture fx;
  fx.add_zone("intel-rapl:0", "package-0", 50'000'000);
  testing::LiveCounters live(fx, 20.0);
  MeasurementOptions options;
  options.meter = "rapl";
  options.powercap_root = fx.root().string();
  options.perf_pmu_root = (fx.root() / "no-power-pmu").string();
  options.region = "FR";
  options.idle_baseline = 0.05;
  options.sample_interval = 0.0;
  Measurement measurement(check_measurement_options(options));  // the probe sees it move
  live.stop();
  fx.set_energy("intel-rapl:0", 1'000);  // back by about 50 J, nowhere near the top of 262 kJ
  try {
    measurement.run_benchmarks();
    FAIL() << "expected an error";
  } catch (const std::runtime_error& e) {
    const std::string what = e.what();
    EXPECT_EQ(what.find('\n'), std::string::npos);
    EXPECT_EQ(what.rfind("the idle baseline could not be measured: the meter 'rapl' failed: "
                         "cpu.package-0: energy_uj went backwards",
                         0),
              0u)
        << what;
  }
}

TEST(IdleBaseline, NetEnergyIsGrossMinusIdlePowerTimesTheWindow) {
  // 10 J and 0.25 s between consecutive readings: 40 W gross.
  FakeMeter meter([](int k) { return 10.0 * k; }, [](int k) { return 0.25 * k; });
  MeasurementSession session{meter, {GridIntensity{100.0, "t", "t", 2024, false}, 1.0}, Watts{8.0}};
  benchmark::RegisterBenchmark("idle/net", [&](benchmark::State& state) {
    EnergyScope energy(state, session);
    for (auto _ : state)
      benchmark::DoNotOptimize(state.iterations());
  })->Iterations(5);
  const auto reporter = testing::run_benchmarks("^idle/net");
  ASSERT_EQ(reporter.runs().size(), 1u);
  const auto& counters = reporter.runs()[0].counters;
  EXPECT_DOUBLE_EQ(counters.at(counter::kEnergy).value, 10.0 / 5.0);
  // 10 J - 8 W x 0.25 s = 8 J over 5 iterations.
  EXPECT_DOUBLE_EQ(counters.at(counter::kEnergyNet).value, 8.0 / 5.0);
}

TEST(IdleBaseline, NoBaselineNoNetCounter) {
  FakeMeter meter([](int k) { return 10.0 * k; }, [](int k) { return 0.25 * k; });
  MeasurementSession session{meter, {GridIntensity{100.0, "t", "t", 2024, false}, 1.0}};
  benchmark::RegisterBenchmark("idle/none", [&](benchmark::State& state) {
    EnergyScope energy(state, session);
    for (auto _ : state)
      benchmark::DoNotOptimize(state.iterations());
  })->Iterations(5);
  const auto reporter = testing::run_benchmarks("^idle/none");
  ASSERT_EQ(reporter.runs().size(), 1u);
  EXPECT_EQ(reporter.runs()[0].counters.count(counter::kEnergyNet), 0u);
}

}  // namespace
}  // namespace joulebench
