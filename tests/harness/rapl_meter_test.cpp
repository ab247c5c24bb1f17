#include "harness/meters/rapl_meter.h"

#include <errno.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>

#include "tests/support/clean_environment.h"
#include "tests/support/powercap_fixture.h"

namespace joulebench {
namespace {

using testing::FailingFileSystem;
using testing::PowercapFixture;

const RaplZone* find(const std::vector<RaplZone>& zones, std::string_view domain) {
  const auto it = std::find_if(zones.begin(), zones.end(),
                               [&](const RaplZone& z) { return z.domain == domain; });
  return it == zones.end() ? nullptr : &*it;
}

std::vector<std::string> domain_names(const Meter& meter) {
  std::vector<std::string> names;
  for (const EnergyDomain& d : meter.domains())
    names.push_back(d.name);
  return names;
}

TEST(RaplDiscovery, MapsZonesBySocketAndNameNotByIndex) {
  PowercapFixture fx;
  fx.add_two_socket_machine();
  const RaplDiscovery found = discover_rapl(fx.root().string());
  ASSERT_TRUE(found.usable()) << found.problem;
  ASSERT_EQ(found.zones.size(), 6u);
  ASSERT_NE(find(found.zones, "cpu.package-0"), nullptr);
  ASSERT_NE(find(found.zones, "cpu.package-1"), nullptr);
  ASSERT_NE(find(found.zones, "cpu.core-0"), nullptr);
  ASSERT_NE(find(found.zones, "cpu.dram-0"), nullptr);
  ASSERT_NE(find(found.zones, "cpu.dram-1"), nullptr);
  // psys sits at a hex id (0xa); its name, not its index, makes it psys.
  const RaplZone* psys = find(found.zones, "platform.psys");
  ASSERT_NE(psys, nullptr);
  EXPECT_EQ(psys->id, "intel-rapl:a");
  EXPECT_EQ(find(found.zones, "cpu.dram-1")->id, "intel-rapl:1:0");
}

TEST(RaplDiscovery, FindsZonesInsideTheControlTypeDirectoryToo) {
  PowercapFixture fx;
  fx.add_zone("intel-rapl/intel-rapl:0", "package-0", 1);
  const RaplDiscovery found = discover_rapl(fx.root().string());
  ASSERT_TRUE(found.usable()) << found.problem;
  EXPECT_EQ(found.zones.at(0).domain, "cpu.package-0");
}

TEST(RaplDiscovery, MmioDuplicateOfAnMsrPackageIsDroppedWithAReason) {
  PowercapFixture fx;
  fx.add_zone("intel-rapl:0", "package-0", 10);
  fx.add_zone("intel-rapl-mmio:0", "package-0", 10);
  const RaplDiscovery found = discover_rapl(fx.root().string());
  ASSERT_EQ(found.zones.size(), 1u);
  EXPECT_EQ(found.zones[0].id, "intel-rapl:0");
  ASSERT_EQ(found.passed_over.size(), 1u);
  EXPECT_NE(found.passed_over[0].zone.find("intel-rapl-mmio:0"), std::string::npos);
  EXPECT_NE(found.passed_over[0].reason.find("same domain"), std::string::npos);
}

TEST(RaplDiscovery, MissingTreeIsAOneLineReason) {
  const RaplDiscovery found = discover_rapl("/nonexistent/powercap");
  EXPECT_FALSE(found.usable());
  EXPECT_NE(found.problem.find("/nonexistent/powercap"), std::string::npos);
  EXPECT_EQ(found.problem.find('\n'), std::string::npos);

  PowercapFixture empty;
  EXPECT_NE(discover_rapl(empty.root().string()).problem.find("no intel-rapl zones"),
            std::string::npos);
}

TEST(RaplDiscovery, PermissionDeniedSaysHowToGrantAccess) {
  PowercapFixture fx;
  fx.add_two_socket_machine();
  FailingFileSystem fs;
  fs.failing_path = (fx.root() / "intel-rapl:1/energy_uj").string();
  fs.error = EACCES;
  const RaplDiscovery found = discover_rapl(fx.root().string(), fs);
  EXPECT_FALSE(found.usable());
  EXPECT_NE(found.problem.find("permission denied"), std::string::npos);
  EXPECT_NE(found.problem.find("run as root"), std::string::npos);
  EXPECT_NE(found.problem.find("chmod"), std::string::npos);
  EXPECT_NE(found.problem.find("CAP_PERFMON"), std::string::npos);
  EXPECT_EQ(found.problem.find('\n'), std::string::npos);
}

TEST(RaplDiscovery, UnreadableFileOnTheRealFileSystem) {
  if (::geteuid() == 0)
    GTEST_SKIP() << "running as root, which reads a mode-000 file anyway; the same path is "
                    "covered through the file-system seam by PermissionDeniedSaysHowToGrantAccess";
  PowercapFixture fx;
  fx.add_zone("intel-rapl:0", "package-0", 1);
  std::filesystem::permissions(fx.root() / "intel-rapl:0/energy_uj", std::filesystem::perms::none);
  const RaplDiscovery found = discover_rapl(fx.root().string());
  EXPECT_FALSE(found.usable());
  EXPECT_NE(found.problem.find("permission denied"), std::string::npos);
}

TEST(RaplPlan, PackagePlusDramAndNeverPsysOrCoreOnTop) {
  PowercapFixture fx;
  fx.add_two_socket_machine();
  const RaplPlan plan = plan_disjoint_zones(discover_rapl(fx.root().string()).zones);
  std::vector<std::string> summed;
  for (const RaplZone& z : plan.summed)
    summed.push_back(z.domain);
  std::sort(summed.begin(), summed.end());
  EXPECT_EQ(summed, (std::vector<std::string>{"cpu.dram-0", "cpu.dram-1", "cpu.package-0",
                                              "cpu.package-1"}));
  ASSERT_EQ(plan.passed_over.size(), 2u);  // core-0 and psys, each with a reason
  for (const PassedOverZone& p : plan.passed_over)
    EXPECT_FALSE(p.reason.empty()) << p.zone;
}

TEST(RaplPlan, PsysAloneWhenThereIsNoPackage) {
  PowercapFixture fx;
  fx.add_zone("intel-rapl:0", "psys", 5);
  const RaplPlan plan = plan_disjoint_zones(discover_rapl(fx.root().string()).zones);
  ASSERT_EQ(plan.summed.size(), 1u);
  EXPECT_EQ(plan.summed[0].domain, "platform.psys");
}

TEST(RaplMeter, CumulativeJoulesPerDomainSinceStart) {
  PowercapFixture fx;
  fx.add_two_socket_machine();
  RaplMeter meter(plan_disjoint_zones(discover_rapl(fx.root().string()).zones).summed);
  EXPECT_EQ(meter.name(), "rapl");
  EXPECT_EQ(provenance_of(meter), Provenance::measured);
  const std::vector<std::string> names = domain_names(meter);
  const auto index = [&](std::string_view n) {
    return static_cast<std::size_t>(std::find(names.begin(), names.end(), n) - names.begin());
  };

  EXPECT_DOUBLE_EQ(meter.read().total().value, 0.0);
  fx.set_energy("intel-rapl:0", 1000000 + 2500000);               // +2.5 J
  fx.set_energy("intel-rapl:1/intel-rapl:1:0", 400000 + 125000);  // +0.125 J
  fx.set_energy("intel-rapl:a", 99999999);                        // psys: not summed
  const EnergyReading r = meter.read();
  EXPECT_DOUBLE_EQ(r.per_domain.at(index("cpu.package-0")).value, 2.5);
  EXPECT_DOUBLE_EQ(r.per_domain.at(index("cpu.dram-1")).value, 0.125);
  EXPECT_DOUBLE_EQ(r.total().value, 2.625);
  EXPECT_FALSE(meter.failure());
  // Resolution is the hardware unit: range / 2^32, about 61 uJ for this range.
  EXPECT_NEAR(meter.domains()[0].resolution.value, 61.035e-6, 1e-8);
}

TEST(RaplMeter, CounterThatWrapsMidMeasurementStaysMonotonic) {
  PowercapFixture fx;
  const std::uint64_t range = 1000000;  // 1 J range, to wrap quickly
  fx.add_zone("intel-rapl:0", "package-0", 900000, range);
  RaplMeter meter(discover_rapl(fx.root().string()).zones);
  fx.set_energy("intel-rapl:0", 950000);  // +0.05 J
  EXPECT_NEAR(meter.read().total().value, 0.05, 1e-12);
  fx.set_energy("intel-rapl:0", 150000);  // wrapped: +0.05 to the top, +0.15 after
  EXPECT_NEAR(meter.read().total().value, 0.25, 1e-12);
  fx.set_energy("intel-rapl:0", 400000);
  EXPECT_NEAR(meter.read().total().value, 0.5, 1e-12);
}

TEST(RaplMeter, VanishedFileFreezesTheDomainAndIsReportedNotACrash) {
  PowercapFixture fx;
  fx.add_zone("intel-rapl:0", "package-0", 0);
  RaplMeter meter(discover_rapl(fx.root().string()).zones);
  fx.set_energy("intel-rapl:0", 3000000);
  EXPECT_DOUBLE_EQ(meter.read().total().value, 3.0);
  std::filesystem::remove(fx.root() / "intel-rapl:0/energy_uj");
  EXPECT_DOUBLE_EQ(meter.read().total().value, 3.0);
  const std::optional<std::string> failure = meter.failure();
  ASSERT_TRUE(failure);
  EXPECT_NE(failure->find("energy_uj"), std::string::npos);
  EXPECT_NE(failure->find("cpu.package-0"), std::string::npos);
}

TEST(PowercapRoot, FlagThenEnvironmentThenSysfs) {
  {
    const testing::ScopedVariable unset(kPowercapRootVariable, std::nullopt);
    EXPECT_EQ(resolve_powercap_root(std::nullopt), "/sys/class/powercap");
  }
  const testing::ScopedVariable from_env(kPowercapRootVariable, "/from/env");
  EXPECT_EQ(resolve_powercap_root(std::nullopt), "/from/env");
  EXPECT_EQ(resolve_powercap_root(std::string("/from/flag")), "/from/flag");
}

}  // namespace
}  // namespace joulebench
