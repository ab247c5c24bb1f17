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

}  // namespace
}  // namespace joulebench
