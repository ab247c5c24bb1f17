#include "harness/meters/perf_meter.h"

#include <errno.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>

#include "harness/meters/meter_selection.h"
#include "tests/support/powercap_fixture.h"

namespace joulebench {
namespace {

// Scripted perf_event_open: fd = 100 + cpu * 16 + config; counts set by the test.
int g_open_error = 0;
std::map<int, std::uint64_t> g_counts;
std::map<int, bool> g_open_fds;

int fake_open(std::uint32_t type, std::uint64_t config, int cpu) noexcept {
  if (g_open_error != 0)
    return -g_open_error;
  if (type != 23)
    return -EINVAL;
  const int fd = 100 + cpu * 16 + static_cast<int>(config);
  g_open_fds[fd] = true;
  return fd;
}
bool fake_read(int fd, std::uint64_t* count) noexcept {
  *count = g_counts[fd];
  return g_open_fds[fd];
}
void fake_close(int fd) noexcept {
  g_open_fds[fd] = false;
}

// A power PMU as on a two-socket server: CPUs 0 and 18 carry the package events.
class PerfFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    g_open_error = 0;
    g_counts.clear();
    g_open_fds.clear();
    const std::filesystem::path dir = fx_.root() / "power";
    std::filesystem::create_directories(dir / "events");
    write(dir / "type", "23");
    write(dir / "cpumask", "0,18");
    write(fx_.root() / "paranoid", "4");
    add_event(dir, "energy-pkg", "event=0x02");
    add_event(dir, "energy-ram", "event=0x03");
    add_event(dir, "energy-cores", "event=0x01");
    seam_.pmu_directory = dir.string();
    seam_.paranoid_path = (fx_.root() / "paranoid").string();
    seam_.open_event = fake_open;
    seam_.read_count = fake_read;
    seam_.close_event = fake_close;
  }
  static void write(const std::filesystem::path& path, const std::string& text) {
    std::ofstream(path) << text << '\n';
  }
  static void add_event(const std::filesystem::path& dir, const std::string& event,
                        const std::string& code) {
    write(dir / "events" / event, code);
    write(dir / "events" / (event + ".unit"), "Joules");
    write(dir / "events" / (event + ".scale"), "2.3283064365386962890625e-10");
  }

  testing::PowercapFixture fx_;
  PerfSeam seam_;
};

TEST_F(PerfFixture, OnePackageAndDramEventPerCpuInTheCpumask) {
  const PerfDiscovery found = discover_perf(seam_);
  ASSERT_TRUE(found.usable()) << found.problem;
  EXPECT_EQ(found.pmu_type, 23u);
  ASSERT_EQ(found.events.size(), 4u);
  EXPECT_EQ(found.events[0].domain, "cpu.package-0");
  EXPECT_EQ(found.events[0].cpu, 0);
  EXPECT_EQ(found.events[1].domain, "cpu.package-1");
  EXPECT_EQ(found.events[1].cpu, 18);
  EXPECT_EQ(found.events[3].domain, "cpu.dram-1");
  EXPECT_EQ(found.events[3].config, 3u);
  EXPECT_EQ(found.passed_over.size(), 2u);  // energy-cores on both packages
  // Discovery closes what it opened to test permissions.
  for (const auto& [fd, open] : g_open_fds)
    EXPECT_FALSE(open) << fd;
}

TEST_F(PerfFixture, CountsTimesTheSysfsScaleAreJoules) {
  PerfMeter meter(discover_perf(seam_), seam_);
  EXPECT_EQ(provenance_of(meter), Provenance::measured);
  const int package1_fd = 100 + 18 * 16 + 2;
  g_counts[package1_fd] = 3ULL << 32;  // 3 J at a scale of 2^-32
  const EnergyReading r = meter.read();
  EXPECT_DOUBLE_EQ(r.per_domain.at(1).value, 3.0);
  EXPECT_DOUBLE_EQ(r.total().value, 3.0);
  EXPECT_FALSE(meter.failure());
}

TEST_F(PerfFixture, RefusedOpenNamesParanoidAndCapabilities) {
  g_open_error = EACCES;
  const PerfDiscovery found = discover_perf(seam_);
  EXPECT_FALSE(found.usable());
  EXPECT_NE(found.problem.find("perf_event_paranoid=4"), std::string::npos) << found.problem;
  EXPECT_NE(found.problem.find("CAP_PERFMON"), std::string::npos);
  EXPECT_EQ(found.problem.find('\n'), std::string::npos);
}

// Issue 21: the power PMU's sysfs files get the strictness of the RAPL counters. A scale with
// trailing junk, inf or nan, a unit with junk after it: the event is passed over.
TEST_F(PerfFixture, ScaleAndUnitFilesParseWholeOrTheEventIsPassedOver) {
  const std::filesystem::path events = fx_.root() / "power" / "events";
  for (const char* scale : {"2.3283064365386962890625e-10abc", "inf", "nan", "-1", ""}) {
    write(events / "energy-pkg.scale", scale);
    const PerfDiscovery found = discover_perf(seam_);
    EXPECT_EQ(found.events.size(), 2u) << scale;  // dram on both packages only
    EXPECT_EQ(found.passed_over.at(0).first, "energy-pkg") << scale;
  }
  write(events / "energy-pkg.scale", "2.3283064365386962890625e-10");
  write(events / "energy-pkg.unit", "Joules and more");
  EXPECT_EQ(discover_perf(seam_).events.size(), 2u);
}

TEST_F(PerfFixture, ATypeOrCpumaskThatLiesIsAReasonNotAHang) {
  const std::filesystem::path dir = fx_.root() / "power";
  write(dir / "type", "23abc");
  EXPECT_NE(discover_perf(seam_).problem.find("no perf 'power' PMU"), std::string::npos);
  write(dir / "type", "23");
  // Expanding this range would never end; a CPU id past the kernel's 8192 is no CPU.
  for (const char* cpumask : {"0-9223372036854775807", "0,99999", "0,1x", "3-1", "-1"}) {
    write(dir / "cpumask", cpumask);
    EXPECT_NE(discover_perf(seam_).problem.find("cpumask names no CPU"), std::string::npos)
        << cpumask;
  }
  write(dir / "cpumask", std::string(5000, '1'));  // over a page: not an attribute
  EXPECT_NE(discover_perf(seam_).problem.find("cpumask names no CPU"), std::string::npos);
}

TEST_F(PerfFixture, AbsentPmuIsAReason) {
  seam_.pmu_directory = (fx_.root() / "nothing").string();
  const PerfDiscovery found = discover_perf(seam_);
  EXPECT_FALSE(found.usable());
  EXPECT_NE(found.problem.find("no perf 'power' PMU"), std::string::npos);
}

TEST_F(PerfFixture, AutoPrefersRaplAndListsPerfAsNotUsed) {
  fx_.add_zone("intel-rapl:0", "package-0", 1);
  MeterEnvironment env{.powercap_root = fx_.root().string(),
                       .nvml_library = "/nonexistent/libnvidia-ml.so.1",
                       .perf = seam_};
  // Both sources move across the liveness probe: package-0 of perf (cpu 0, event 2) and rapl.
  env.liveness.run = [this](Seconds w) {
    fx_.advance_all(1000);
    g_counts[100 + 2] += 1ULL << 32;
    return w;
  };
  const MeterSelection s = select_meter("auto", env);
  EXPECT_EQ(s.meter->name(), "rapl");
  EXPECT_EQ(s.candidates.at(1).name, "perf");
  EXPECT_EQ(s.candidates.at(1).status(), "not used");
  EXPECT_NE(s.candidates.at(1).reason.find("count the CPU twice"), std::string::npos);

  env.powercap_root = "/nonexistent";
  EXPECT_EQ(select_meter("auto", env).meter->name(), "perf");
}

}  // namespace
}  // namespace joulebench
