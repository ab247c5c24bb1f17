#include "harness/measurement/energy_counters.h"

#include <gtest/gtest.h>

#include "tests/support/fake_meter.h"

namespace joulebench {
namespace {

EnergyReading reading(double seconds, double joules) {
  return {Seconds{seconds}, {Joules{joules}}};
}

TEST(WindowFigures, ArithmeticPerIteration) {
  testing::FakeMeter meter([](int) { return 0.0; }, [](int) { return 0.0; });
  const CarbonAccounting carbon{GridIntensity{360.0, "x", "s", 2024, false}, 1.2};
  const WindowFigures f =
      compute_window_figures(reading(10.0, 100.0), reading(12.0, 172.0), 8, 4.5e9, meter, carbon);
  EXPECT_DOUBLE_EQ(f.energy.value, 72.0);
  EXPECT_DOUBLE_EQ(f.energy_per_iteration.value, 9.0);
  EXPECT_DOUBLE_EQ(f.mean_power.value, 36.0);
  // 72 J x 1.2 PUE = 86.4 J = 2.4e-5 kWh; x 360 g/kWh = 8.64e-3 g.
  EXPECT_NEAR(f.co2.value, 8.64e-3, 1e-15);
  EXPECT_NEAR(f.co2_per_iteration.value, 1.08e-3, 1e-15);
  EXPECT_DOUBLE_EQ(f.flop_per_joule, 5e8);
  EXPECT_FALSE(f.below_resolution);
}

TEST(WindowFigures, FlagsWindowsBelowTheMetersResolution) {
  // A counter with 15.3 uJ steps (AMD RAPL's default unit).
  testing::FakeMeter meter([](int) { return 0.0; }, [](int) { return 0.0; }, Provenance::measured,
                           Joules{15.3e-6});
  const CarbonAccounting carbon{world_average_intensity(), 1.0};
  EXPECT_TRUE(compute_window_figures(reading(0, 0), reading(1, 1e-3), 1, 0, meter, carbon)
                  .below_resolution);
  EXPECT_FALSE(
      compute_window_figures(reading(0, 0), reading(1, 1.0), 1, 0, meter, carbon).below_resolution);
}

// NVML's energy counter: 1 mJ steps, updated every 100 ms.
class SlowCounterMeter final : public Meter {
 public:
  std::string_view name() const override { return "slow"; }
  std::string method() const override { return "test"; }
  std::span<const EnergyDomain> domains() const override { return domains_; }
  EnergyReading read() noexcept override { return {}; }

 private:
  std::vector<EnergyDomain> domains_ = {
      {"slow.0", Provenance::measured, Joules{1e-3}, Seconds{0.1}}};
};

TEST(WindowFigures, WindowsUnder100UpdateIntervalsAreFlagged) {
  SlowCounterMeter meter;
  EXPECT_DOUBLE_EQ(minimum_resolvable_window(meter).value, 10.0);
  const CarbonAccounting carbon{world_average_intensity(), 1.0};
  EXPECT_TRUE(compute_window_figures(reading(0, 0), reading(9, 100.0), 1, 0, meter, carbon)
                  .below_resolution);
  EXPECT_FALSE(compute_window_figures(reading(0, 0), reading(11, 100.0), 1, 0, meter, carbon)
                   .below_resolution);
}

TEST(WindowFigures, ZeroElapsedTimeGivesZeroPowerNotInfinity) {
  testing::FakeMeter meter([](int) { return 0.0; }, [](int) { return 0.0; });
  const CarbonAccounting carbon{world_average_intensity(), 1.0};
  const WindowFigures f = compute_window_figures(reading(5, 0), reading(5, 1), 1, 0, meter, carbon);
  EXPECT_EQ(f.mean_power.value, 0.0);
  EXPECT_EQ(f.flop_per_joule, 0.0);
}

// RAPL-like domains: 1 ms updates, 61 uJ steps; one measured, one estimated.
testing::FakeMultiDomainMeter rapl_like_meter() {
  return testing::FakeMultiDomainMeter(
      {{"cpu.package-0", Provenance::measured, Joules{61e-6}, Seconds{1e-3}},
       {"ram.estimate", Provenance::estimated, Joules{1e-9}, Seconds{0.0}}},
      {1.0, 1.0}, [](int) { return 0.0; }, [](int) { return 0.0; });
}

EnergyReading two_domains(double seconds, double package, double ram) {
  return {Seconds{seconds}, {Joules{package}, Joules{ram}}};
}

TEST(WindowFigures, PerDomainEnergiesAddUpToTheTotal) {
  auto meter = rapl_like_meter();
  const CarbonAccounting carbon{world_average_intensity(), 1.0};
  const WindowFigures f =
      compute_window_figures(two_domains(0, 10, 1), two_domains(1, 40, 3), 4, 0, meter, carbon);
  ASSERT_EQ(f.per_domain.size(), 2u);
  EXPECT_DOUBLE_EQ(f.per_domain[0].value, 30.0);
  EXPECT_DOUBLE_EQ(f.per_domain[1].value, 2.0);
  EXPECT_DOUBLE_EQ(f.energy.value, 32.0);
  EXPECT_FALSE(f.no_energy);
}

TEST(WindowFigures, AMeasuredDomainThatDidNotAdvanceOverTenUpdatesIsNoEnergy) {
  auto meter = rapl_like_meter();
  const CarbonAccounting carbon{world_average_intensity(), 1.0};
  // 0.5 s is 500 of the package's 1 ms updates; the estimate moved, the package did not.
  const WindowFigures dead =
      compute_window_figures(two_domains(0, 10, 1), two_domains(0.5, 10, 3), 4, 0, meter, carbon);
  ASSERT_TRUE(dead.no_energy);
  EXPECT_EQ(*dead.no_energy,
            "cpu.package-0 did not advance over 0.5 s (500 of its 1 ms update intervals: the "
            "sensor stopped counting)");
  // 5 ms is under 10 updates: not conclusive, so it is not called a failure.
  const WindowFigures short_window =
      compute_window_figures(two_domains(0, 10, 1), two_domains(0.005, 10, 3), 4, 0, meter, carbon);
  EXPECT_FALSE(short_window.no_energy);
  EXPECT_TRUE(short_window.below_resolution);
}

TEST(WindowFigures, ZeroJoulesIsNeverAFigureEvenBelowResolution) {
  auto meter = rapl_like_meter();
  const CarbonAccounting carbon{world_average_intensity(), 1.0};
  const WindowFigures f =
      compute_window_figures(two_domains(0, 10, 1), two_domains(0.005, 10, 1), 4, 0, meter, carbon);
  ASSERT_TRUE(f.no_energy);
  EXPECT_EQ(*f.no_energy, "0 J over 0.005 s, a window shorter than the meter resolves");
}

TEST(WindowFigures, AFailedMeterIsNoEnergyWithItsReason) {
  testing::FakeMeter meter([](int) { return 0.0; }, [](int) { return 0.0; });
  meter.set_failure("cannot read /x/energy_uj: No such file or directory");
  const CarbonAccounting carbon{world_average_intensity(), 1.0};
  const WindowFigures f = compute_window_figures(reading(0, 0), reading(1, 5), 1, 0, meter, carbon);
  ASSERT_TRUE(f.no_energy);
  EXPECT_EQ(*f.no_energy, "meter failed: cannot read /x/energy_uj: No such file or directory");
}

}  // namespace
}  // namespace joulebench
