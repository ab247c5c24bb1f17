#include "harness/whatif/energy_estimate.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <stdexcept>

#include "common/social_cost.h"
#include "harness/whatif/device_power.h"

namespace joulebench {
namespace {

GridIntensity intensity(double grams_per_kwh) {
  GridIntensity gi;
  gi.grams_per_kwh = grams_per_kwh;
  gi.region = "TEST";
  return gi;
}

// 8 GPUs at 700 W and 2 CPUs at 280 W, half of TDP on average, for 10 h, PUE 1.5, 400 g/kWh:
// TDP total = 5600 + 560 = 6160 W; average 3080 W; IT energy = 3080 W x 36000 s = 110.88 MJ
// = 30.8 kWh; facility = 46.2 kWh; CO2e = 46.2 x 400 = 18480 g.
TEST(EnergyEstimate, KnownAnswer) {
  EstimateInput in;
  in.devices.push_back(gpu_power("H100 SXM", 8));
  in.devices.push_back(cpu_power("AMD EPYC 7763", 2));
  in.duration = Seconds{10 * 3600.0};
  in.utilization = 0.5;
  in.carbon = CarbonAccounting{intensity(400.0), 1.5};
  const EnergyEstimate e = estimate_energy(in);
  EXPECT_DOUBLE_EQ(e.tdp_total.value, 6160.0);
  EXPECT_DOUBLE_EQ(e.average_power.value, 3080.0);
  EXPECT_DOUBLE_EQ(e.it_energy.value, 110.88e6);
  EXPECT_NEAR(e.facility_energy.value / 3.6e6, 46.2, 1e-9);
  EXPECT_NEAR(e.co2.value, 18480.0, 1e-6);
}

TEST(EnergyEstimate, DevicesCarryTheirSourceRow) {
  const DevicePower gpu = gpu_power("L4", 3);
  EXPECT_EQ(gpu.model, "NVIDIA L4");
  EXPECT_DOUBLE_EQ(gpu.total().value, 216.0);
  EXPECT_NE(gpu.source.find("https://"), std::string::npos);
  const DevicePower cpu = cpu_power("AMD EPYC 7763 64-Core Processor", 1);
  EXPECT_EQ(cpu.model, "AMD EPYC 7763");
  EXPECT_NE(cpu.source.find("row 727"), std::string::npos);
}

TEST(EnergyEstimate, UnknownAndAmbiguousModelsAreOneLineErrors) {
  auto message = [](auto&& call) {
    try {
      call();
    } catch (const std::runtime_error& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  const std::string gpu = message([] { gpu_power("Z9000", 1); });
  EXPECT_NE(gpu.find("closest known"), std::string::npos) << gpu;
  const std::string family = message([] { gpu_power("H100", 1); });
  EXPECT_NE(family.find("NVIDIA H100 SXM' (700 W)"), std::string::npos) << family;
  const std::string cpu = message([] { cpu_power("Intel Xeon Platinum 99999", 1); });
  EXPECT_NE(cpu.find("closest known"), std::string::npos) << cpu;
  for (const std::string& m : {gpu, family, cpu})
    EXPECT_EQ(m.find('\n'), std::string::npos) << m;
}

// Suggestions share the typed words before they are few edits away: an unknown Apple part gets
// Apple parts, not whichever short name is fewest letters off.
TEST(EnergyEstimate, UnknownCpuSuggestionsShareTheTypedWords) {
  std::string message;
  try {
    cpu_power("Intel Xeon Gold 9999", 1);
  } catch (const std::runtime_error& e) {
    message = e.what();
  }
  const auto closest = message.substr(message.find("closest known: "));
  const auto list = closest.substr(0, closest.find(')'));
  for (std::size_t at = list.find(": ") + 2; at < list.size();) {
    const std::size_t end = std::min(list.find(", ", at), list.size());
    EXPECT_TRUE(list.substr(at, end - at).starts_with("Intel Xeon Gold")) << message;
    at = end + 2;
  }
}

TEST(EnergyEstimate, InputsOutsideTheirRangeAreRejected) {
  EXPECT_NO_THROW(validate_estimate(1.0, 0.0, 1));
  EXPECT_NO_THROW(validate_estimate(0.5, 1.0, 16));
  EXPECT_THROW(validate_estimate(-1.0, 0.5, 1), std::runtime_error);
  EXPECT_THROW(validate_estimate(0.0, 0.5, 1), std::runtime_error);
  EXPECT_THROW(validate_estimate(std::numeric_limits<double>::quiet_NaN(), 0.5, 1),
               std::runtime_error);
  EXPECT_THROW(validate_estimate(std::numeric_limits<double>::infinity(), 0.5, 1),
               std::runtime_error);
  EXPECT_THROW(validate_estimate(1.0, 1.01, 1), std::runtime_error);
  EXPECT_THROW(validate_estimate(1.0, -0.1, 1), std::runtime_error);
  EXPECT_THROW(validate_estimate(1.0, 0.5, 0), std::runtime_error);
}

// 18480 g = 0.01848 t; at 190 USD/t: 3.5112 USD. One tonne at the default: 190 USD.
TEST(SocialCost, KnownAnswer) {
  const SocialCostOfCarbon epa;
  EXPECT_DOUBLE_EQ(epa.usd_per_tonne, 190.0);
  EXPECT_DOUBLE_EQ(epa.usd(1e6), 190.0);
  EXPECT_NEAR(epa.usd(18480.0), 3.5112, 1e-12);
  EXPECT_NEAR((SocialCostOfCarbon{51.0, "--scc"}.usd(2e6)), 102.0, 1e-12);
}

}  // namespace
}  // namespace joulebench
