// reporters/row_energy.h: the one rule every reader of result files applies (issue 15).

#include "reporters/row_energy.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "common/result_schema.h"

namespace joulebench {
namespace {

ResultRow row(std::optional<double> energy, std::string label = "") {
  ResultRow r;
  r.name = "gemm/128";
  r.run_type = "iteration";
  r.iterations = 10;
  if (energy)
    r.counters[counter::kEnergy] = *energy;
  r.label = std::move(label);
  return r;
}

TEST(RowEnergy, OnlyAPositiveFiniteEnergyIsAFigure) {
  EXPECT_EQ(positive_energy(row(0.5)), 0.5);
  EXPECT_TRUE(has_energy(row(1e-12)));
  EXPECT_FALSE(has_energy(row(0.0)));
  EXPECT_FALSE(has_energy(row(-1.0)));
  EXPECT_FALSE(has_energy(row(std::numeric_limits<double>::quiet_NaN())));
  EXPECT_FALSE(has_energy(row(std::numeric_limits<double>::infinity())));
  EXPECT_FALSE(has_energy(row(std::nullopt)));
}

TEST(RowEnergy, LostEnergyIsAJoulebenchRowThatFailedNotAPlainRow) {
  EXPECT_FALSE(lost_energy(row(0.5)));
  EXPECT_TRUE(lost_energy(row(0.0)));  // a dead sensor's file, before the harness refused zeros
  EXPECT_TRUE(lost_energy(row(std::nullopt, "no energy: psys did not advance")));
  EXPECT_FALSE(lost_energy(row(std::nullopt)));  // a plain Google Benchmark row
  EXPECT_FALSE(lost_energy(row(std::nullopt, "eigen")));
}

TEST(RowEnergy, TheReasonComesFromTheLabelOrTheCounter) {
  EXPECT_EQ(missing_energy_reason(row(0.5)), "");
  EXPECT_EQ(missing_energy_reason(
                row(std::nullopt, "eigen; no energy: dram did not advance over 2 s (dead); x")),
            "dram did not advance over 2 s (dead)");
  EXPECT_EQ(missing_energy_reason(row(std::nullopt, "no energy: the meter failed")),
            "the meter failed");
  EXPECT_EQ(missing_energy_reason(row(0.0), "measured"),
            "energy_J = 0 from a measured source (a sensor that did not advance; not a "
            "measurement)");
  EXPECT_EQ(missing_energy_reason(row(0.0), "estimated"), "energy_J = 0 (not a measurement)");
  EXPECT_EQ(missing_energy_reason(row(0.0)), "energy_J = 0 (not a measurement)");
  EXPECT_EQ(missing_energy_reason(row(-2.0)), "energy_J < 0");
  EXPECT_EQ(missing_energy_reason(row(std::numeric_limits<double>::quiet_NaN())),
            "energy_J is not a finite number");
  EXPECT_EQ(missing_energy_reason(row(std::nullopt)), "no energy_J counter");
}

TEST(RowEnergy, EnergyDerivedCountersIncludeEveryDomain) {
  for (const char* name : {"energy_J", "power_W", "co2_g", "flop_per_J", "energy_net_J",
                           "energy_cpu_package_0_J", "energy_gpu_0_J"})
    EXPECT_TRUE(counter::is_energy_derived(name)) << name;
  for (const char* name : {"flops", "rel_error", "accuracy", "bytes"})
    EXPECT_FALSE(counter::is_energy_derived(name)) << name;
}

}  // namespace
}  // namespace joulebench
