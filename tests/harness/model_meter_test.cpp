#include "harness/meters/model_meter.h"

#include <gtest/gtest.h>

namespace joulebench {
namespace {

// Scripted clocks: CPU time advances 0.5 s per read, wall time 1 s per read.
double g_cpu = 0.0;
double g_wall = 0.0;
Seconds fake_cpu() noexcept {
  return Seconds{g_cpu += 0.5};
}
Seconds fake_wall() noexcept {
  return Seconds{g_wall += 1.0};
}

TEST(ModelMeter, EnergyIsCpuTimeSinceStartTimesPerCorePower) {
  g_cpu = 10.0;
  g_wall = 0.0;
  ModelMeter meter(PerCorePower{Watts{8.0}, "test"}, fake_cpu, fake_wall);  // start: cpu 10.5
  const EnergyReading first = meter.read();                                 // cpu 11.0
  const EnergyReading second = meter.read();                                // cpu 11.5
  ASSERT_EQ(first.per_domain.size(), 1u);
  EXPECT_DOUBLE_EQ(first.per_domain[0].value, 0.5 * 8.0);
  EXPECT_DOUBLE_EQ(second.per_domain[0].value, 1.0 * 8.0);
  EXPECT_DOUBLE_EQ((second.time - first.time).value, 1.0);
}

TEST(ModelMeter, IsLabelledAnEstimateWithItsSource) {
  ModelMeter meter(default_per_core_power());
  EXPECT_EQ(meter.name(), "model");
  EXPECT_EQ(provenance_of(meter), Provenance::estimated);
  ASSERT_EQ(meter.domains().size(), 1u);
  EXPECT_EQ(meter.domains()[0].name, "cpu.estimate");
  EXPECT_NE(meter.method().find("Green Algorithms"), std::string::npos);
  EXPECT_NE(meter.method().find("12 W per core"), std::string::npos);
}

TEST(ModelMeter, RealClocksGiveMonotonicReadings) {
  ModelMeter meter(default_per_core_power());
  Joules last = meter.read().total();
  volatile double sink = 0;
  for (int round = 0; round < 5; ++round) {
    for (int i = 0; i < 200000; ++i)
      sink = sink + i * 0.5;
    const Joules now = meter.read().total();
    EXPECT_GE(now, last);
    last = now;
  }
  EXPECT_GT(last.value, 0.0);
}

TEST(Provenance, WeakestWins) {
  EXPECT_EQ(weakest(Provenance::measured, Provenance::estimated), Provenance::estimated);
  EXPECT_EQ(weakest(Provenance::integrated_power, Provenance::measured),
            Provenance::integrated_power);
  EXPECT_EQ(to_string(Provenance::estimated), "estimated");
}

}  // namespace
}  // namespace joulebench
