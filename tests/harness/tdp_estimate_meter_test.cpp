#include "harness/meters/tdp_estimate_meter.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "tests/support/powercap_fixture.h"

namespace joulebench {
namespace {

TEST(CpuModel, NormalisationDropsTrademarksClockAndCoreCount) {
  EXPECT_EQ(normalise_cpu_model("Intel(R) Xeon(R) Platinum 8380 CPU @ 2.30GHz"),
            "intel xeon platinum 8380");
  EXPECT_EQ(normalise_cpu_model("AMD EPYC 7763 64-Core Processor"), "amd epyc 7763");
  EXPECT_EQ(normalise_cpu_model("Intel(R) Core(TM) i7-8550U CPU @ 1.80GHz"), "intel core i7-8550u");
}

TEST(CpuModel, MatchesTheTableByNormalisedName) {
  const auto xeon = match_cpu_tdp("Intel(R) Xeon(R) Platinum 8380 CPU @ 2.30GHz");
  ASSERT_TRUE(xeon);
  EXPECT_STREQ(xeon->name, "Intel Xeon Platinum 8380");
  EXPECT_DOUBLE_EQ(xeon->tdp_watts, 270.0);
  const auto epyc = match_cpu_tdp("AMD EPYC 7763 64-Core Processor");
  ASSERT_TRUE(epyc);
  EXPECT_DOUBLE_EQ(epyc->tdp_watts, 280.0);
  EXPECT_EQ(epyc->source_row, 727);  // the line in CodeCarbon's cpu_power.csv
  // Words around the model ("with Radeon Graphics") do not stop a match.
  EXPECT_TRUE(match_cpu_tdp("AMD Ryzen 9 5950X 16-Core Processor"));
  // A VM's model name without a number matches nothing rather than a guess.
  EXPECT_FALSE(match_cpu_tdp("AMD EPYC"));
  EXPECT_FALSE(match_cpu_tdp(""));
}

// The vendor left out, the rest exact: the one row that fits.
TEST(CpuModel, MatchesANameWithoutItsVendor) {
  const auto xeon = match_cpu_tdp("xeon platinum 8380");
  ASSERT_TRUE(xeon);
  EXPECT_STREQ(xeon->name, "Intel Xeon Platinum 8380");
  const auto ryzen = match_cpu_tdp("Ryzen 9 5950X");
  ASSERT_TRUE(ryzen);
  EXPECT_STREQ(ryzen->name, "AMD Ryzen 9 5950X");
  EXPECT_FALSE(match_cpu_tdp("EPYC"));  // no model number: no guess
}

TEST(CpuModel, TheBadSourceRowsWereDropped) {
  for (const CpuTdpRow& row : cpu_tdp_table()) {
    EXPECT_GT(row.tdp_watts, 0.0) << row.name;
    EXPECT_LT(row.tdp_watts, 1000.0) << row.name;
  }
  EXPECT_FALSE(match_cpu_tdp("Intel Celeron 1000A"));  // TDP '27.29.5' in the source
  EXPECT_GT(cpu_tdp_table().size(), 4800u);
}

class EstimateFixture : public ::testing::Test {
 protected:
  void write(const std::string& name, const std::string& text) {
    std::ofstream(fx_.root() / name) << text;
  }
  EstimateOptions options(UtilisationMode mode) {
    EstimateOptions o;
    o.mode = mode;
    o.cpuinfo_path = (fx_.root() / "cpuinfo").string();
    o.stat_path = (fx_.root() / "stat").string();
    o.meminfo_path = (fx_.root() / "meminfo").string();
    o.statm_path = (fx_.root() / "statm").string();
    o.cpu_clock = []() noexcept { return Seconds{cpu_seconds}; };
    o.wall_clock = []() noexcept { return Seconds{wall_seconds}; };
    return o;
  }
  // Two sockets of a Xeon Platinum 8380 (270 W each), 4 logical CPUs shown.
  void SetUp() override {
    cpu_seconds = 100.0;
    wall_seconds = 50.0;
    std::string cpuinfo;
    for (int cpu = 0; cpu < 4; ++cpu) {
      cpuinfo += fmt::format(
          "processor\t: {}\nmodel name\t: Intel(R) Xeon(R) Platinum 8380 CPU @ 2.30GHz\n"
          "physical id\t: {}\n\n",
          cpu, cpu / 2);
    }
    write("cpuinfo", cpuinfo);
    write("stat", "cpu  100 0 100 800 0 0 0 0 0 0\ncpu0 1 2 3\n");
    write("meminfo", "MemTotal:       16000000 kB\nMemFree: 1 kB\nMemAvailable:    8000000 kB\n");
    write("statm", "1000 " + std::to_string(8'000'000'000LL / ::sysconf(_SC_PAGESIZE)) +
                       " 10 10 0 10 0\n");  // 8 GB resident
  }

  static inline double cpu_seconds = 0.0;
  static inline double wall_seconds = 0.0;
  testing::PowercapFixture fx_;  // only for its temporary directory
};

TEST_F(EstimateFixture, ProcessModeIsTdpTimesSocketsTimesCpuShare) {
  TdpEstimateMeter meter(options(UtilisationMode::process));
  EXPECT_EQ(provenance_of(meter), Provenance::estimated);
  EXPECT_NE(meter.method().find("540 W"), std::string::npos) << meter.method();
  EXPECT_NE(meter.method().find("row "), std::string::npos);
  EXPECT_NE(meter.method().find("process mode"), std::string::npos);
  cpu_seconds += 2.0;  // two CPU-seconds of four logical CPUs over 1 s
  wall_seconds += 1.0;
  const EnergyReading r = meter.read();
  EXPECT_DOUBLE_EQ(r.per_domain.at(0).value, 540.0 * 2.0 / 4.0);
  // 8 GB resident x 0.375 W/GB x 1 s.
  EXPECT_NEAR(r.per_domain.at(1).value, 3.0, 1e-3);
}

TEST_F(EstimateFixture, MachineModeIsTdpTimesBusyFractionFromProcStat) {
  TdpEstimateMeter meter(options(UtilisationMode::machine));
  EXPECT_NE(meter.method().find("machine mode"), std::string::npos);
  write("stat", "cpu  175 0 100 825 0 0 0 0 0 0\n");  // 75 of 100 new ticks busy
  wall_seconds += 2.0;
  const EnergyReading r = meter.read();
  EXPECT_DOUBLE_EQ(r.per_domain.at(0).value, 540.0 * 0.75 * 2.0);
  // MemTotal - MemAvailable = 8.192 GB x 0.375 W/GB x 2 s.
  EXPECT_NEAR(r.per_domain.at(1).value, 8.192 * 0.375 * 2.0, 1e-9);
  EXPECT_FALSE(meter.failure());
}

TEST_F(EstimateFixture, UnknownCpuUsesTheDocumentedDefault) {
  write("cpuinfo",
        "processor\t: 0\nmodel name\t: AMD EPYC\n\nprocessor\t: 1\nmodel name\t: AMD EPYC\n");
  TdpEstimateMeter meter(options(UtilisationMode::process));
  EXPECT_NE(meter.method().find("not in the TDP table"), std::string::npos);
  EXPECT_NE(meter.method().find("12 W per logical CPU x 2 CPUs"), std::string::npos);
  cpu_seconds += 1.0;
  // 24 W for the machine x 1 CPU-second / 2 CPUs = 12 J: the old per-core model exactly.
  EXPECT_DOUBLE_EQ(meter.read().per_domain.at(0).value, 12.0);
}

}  // namespace
}  // namespace joulebench
