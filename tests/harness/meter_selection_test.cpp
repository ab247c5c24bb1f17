#include "harness/meters/meter_selection.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "harness/meters/composite_meter.h"
#include "tests/support/fake_meter.h"
#include "tests/support/powercap_fixture.h"

namespace joulebench {
namespace {

MeterEnvironment no_sensors() {
  MeterEnvironment env{.powercap_root = "/nonexistent/powercap",
                       .nvml_library = "/nonexistent/libnvidia-ml.so.1",
                       .perf = real_perf_seam()};
  env.perf.pmu_directory = "/nonexistent/power";
  return env;
}

const MeterCandidate& candidate(const MeterSelection& s, std::string_view name) {
  const auto it = std::find_if(s.candidates.begin(), s.candidates.end(),
                               [&](const MeterCandidate& c) { return c.name == name; });
  EXPECT_NE(it, s.candidates.end()) << name;
  return *it;
}

TEST(MeterSelection, AutoFallsBackToTheLabelledEstimateAndSaysWhy) {
  const MeterSelection s = select_meter("auto", no_sensors());
  ASSERT_NE(s.meter, nullptr);
  EXPECT_EQ(s.meter->name(), "model");
  EXPECT_EQ(provenance_of(*s.meter), Provenance::estimated);
  EXPECT_EQ(s.candidates.size(), 4u);
  for (const MeterCandidate& c : s.candidates)
    EXPECT_FALSE(c.reason.empty()) << c.name;
  EXPECT_EQ(candidate(s, "rapl").status(), "unavailable");
  EXPECT_NE(candidate(s, "rapl").reason.find("/nonexistent/powercap"), std::string::npos);
  EXPECT_EQ(candidate(s, "model").status(), "selected");
}

TEST(MeterSelection, AnUnusableNamedMeterIsAnErrorWithItsReason) {
  try {
    select_meter("rapl", no_sensors());
    FAIL() << "expected an error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("no powercap tree"), std::string::npos);
  }
  EXPECT_THROW(select_meter("sundial", no_sensors()), std::runtime_error);
  EXPECT_EQ(select_meter("model", no_sensors()).meter->name(), "model");
}

TEST(MeterSelection, MeasuredRaplReplacesTheEstimateWithoutDoubleCounting) {
  testing::PowercapFixture fx;
  fx.add_two_socket_machine();
  MeterEnvironment env = no_sensors();
  env.powercap_root = fx.root().string();
  env.liveness = fx.advancing_load();  // the counters move across the liveness probe
  const MeterSelection s = select_meter("auto", env);
  EXPECT_EQ(s.meter->name(), "rapl");
  EXPECT_EQ(provenance_of(*s.meter), Provenance::measured);
  const MeterCandidate& rapl = candidate(s, "rapl");
  EXPECT_EQ(rapl.status(), "selected");
  EXPECT_EQ(rapl.domains.size(), 4u);  // two packages, two drams
  // psys and core are listed as left out, each with its reason.
  EXPECT_EQ(rapl.left_out.size(), 2u);
  const MeterCandidate& model = candidate(s, "model");
  EXPECT_EQ(model.status(), "not used");
  EXPECT_NE(model.reason.find("replaces the estimate"), std::string::npos);
}

TEST(CompositeMeter, ConcatenatesDomainsAndReadings) {
  std::vector<std::unique_ptr<Meter>> parts;
  parts.push_back(std::make_unique<testing::FakeMeter>([](int k) { return 10.0 * k; },
                                                       [](int k) { return 1.0 * k; }));
  parts.push_back(std::make_unique<testing::FakeMeter>([](int k) { return 1.0 * k; },
                                                       [](int k) { return 1.0 * k + 0.5; },
                                                       Provenance::integrated_power));
  CompositeMeter meter(std::move(parts));
  EXPECT_EQ(meter.name(), "fake+fake");
  ASSERT_EQ(meter.domains().size(), 2u);
  EXPECT_EQ(provenance_of(meter), Provenance::integrated_power);
  meter.read();
  const EnergyReading r = meter.read();
  ASSERT_EQ(r.per_domain.size(), 2u);
  EXPECT_DOUBLE_EQ(r.per_domain[0].value, 10.0);
  EXPECT_DOUBLE_EQ(r.per_domain[1].value, 1.0);
  EXPECT_DOUBLE_EQ(r.total().value, 11.0);
  EXPECT_DOUBLE_EQ(r.time.value, 1.5);
}

}  // namespace
}  // namespace joulebench
