// `--meter auto` against fixtures only, never the real /sys: no sensor, a live powercap tree, a
// frozen one, a tree that freezes mid-run, a dead and a live perf PMU; and an explicit request
// that probes only what it asks for.

#include <errno.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <thread>

#include "common/result_schema.h"
#include "harness/measurement/energy_scope.h"
#include "harness/meters/meter_selection.h"
#include "tests/support/capturing_reporter.h"
#include "tests/support/powercap_fixture.h"

namespace joulebench {
namespace {

// Scripted perf_event_open for a one-package power PMU (type 9, energy-pkg and energy-psys as on
// the VM of issue 15): counts move only when a test's load says so.
std::map<int, std::uint64_t> g_counts;
int g_opened = 0;

int scripted_open(std::uint32_t type, std::uint64_t config, int cpu) noexcept {
  if (type != 9)
    return -EINVAL;
  ++g_opened;
  return 100 + cpu * 16 + static_cast<int>(config);
}
bool scripted_read(int fd, std::uint64_t* count) noexcept {
  *count = g_counts[fd];
  return true;
}
void scripted_close(int) noexcept {}

// A load that leaves every counter where it was: a dead sensor, without waiting 0.2 s.
LivenessLoad frozen_load() {
  return LivenessLoad{.window = kLivenessWindow, .run = [](Seconds w) { return w; }};
}

class AutoSelection : public ::testing::Test {
 protected:
  void SetUp() override {
    g_counts.clear();
    g_opened = 0;
    env_.powercap_root = (fx_.root() / "no-powercap").string();
    env_.nvml_library = "/nonexistent/libnvidia-ml.so.1";
    env_.perf.pmu_directory = (fx_.root() / "no-power-pmu").string();
    env_.perf.paranoid_path = (fx_.root() / "paranoid").string();
    env_.perf.open_event = scripted_open;
    env_.perf.read_count = scripted_read;
    env_.perf.close_event = scripted_close;
    env_.liveness = frozen_load();
  }

  void add_perf_pmu() {
    const std::filesystem::path dir = fx_.root() / "power";
    std::filesystem::create_directories(dir / "events");
    write(dir / "type", "9");
    write(dir / "cpumask", "0");
    for (const auto& [event, code] : {std::pair{"energy-psys", "event=0x05"}}) {
      write(dir / "events" / event, code);
      write(dir / "events" / (std::string(event) + ".unit"), "Joules");
      write(dir / "events" / (std::string(event) + ".scale"), "2.3283064365386962890625e-10");
    }
    env_.perf.pmu_directory = dir.string();
  }
  static void write(const std::filesystem::path& path, const std::string& text) {
    std::ofstream(path) << text << '\n';
  }
  void use_powercap_tree() { env_.powercap_root = fx_.root().string(); }

  const MeterCandidate& candidate(const MeterSelection& s, std::string_view name) {
    const auto it = std::find_if(s.candidates.begin(), s.candidates.end(),
                                 [&](const MeterCandidate& c) { return c.name == name; });
    EXPECT_NE(it, s.candidates.end()) << name;
    return *it;
  }

  testing::PowercapFixture fx_;
  MeterEnvironment env_;
};

TEST_F(AutoSelection, NoSensorAtAllGivesTheEstimateAndPassesNothingOver) {
  const MeterSelection s = select_meter("auto", env_);
  EXPECT_EQ(s.meter->name(), "model");
  EXPECT_TRUE(passed_over_sources(s.candidates).empty());
  EXPECT_TRUE(passed_over_notes(s).empty());
  for (const MeterCandidate& c : s.candidates)
    EXPECT_TRUE(c.liveness.empty()) << c.name;  // nothing present, nothing probed
}

TEST_F(AutoSelection, ALivePowercapTreeIsSelectedWithWhatEachCounterShowed) {
  fx_.add_two_socket_machine();
  use_powercap_tree();
  env_.liveness = fx_.advancing_load(500'000);  // +0.5 J per zone
  const MeterSelection s = select_meter("auto", env_);
  EXPECT_EQ(s.meter->name(), "rapl");
  const MeterCandidate& rapl = candidate(s, "rapl");
  ASSERT_EQ(rapl.liveness.size(), 4u);  // the summed zones: two packages, two drams
  for (const DomainProbe& p : rapl.liveness) {
    EXPECT_EQ(p.liveness, Liveness::advanced) << p.domain;
    EXPECT_DOUBLE_EQ(p.seen.value, 0.5) << p.domain;
    EXPECT_EQ(p.describe(), "0.5 J over 0.2 s of load");
  }
  EXPECT_TRUE(passed_over_sources(s.candidates).empty());
}

TEST_F(AutoSelection, AFrozenPowercapTreeIsPassedOverForTheEstimateWithTheReason) {
  fx_.add_two_socket_machine();
  use_powercap_tree();
  const MeterSelection s = select_meter("auto", env_);
  EXPECT_EQ(s.meter->name(), "model");
  const MeterCandidate& rapl = candidate(s, "rapl");
  EXPECT_EQ(rapl.status(), "unavailable");
  EXPECT_TRUE(rapl.passed_over());
  EXPECT_EQ(rapl.reason,
            "counters did not advance over 0.2 s of load: a virtualised or disabled sensor "
            "(cpu.package-0, cpu.dram-0, cpu.package-1, cpu.dram-1)");
  ASSERT_EQ(rapl.liveness.size(), 4u);
  EXPECT_EQ(rapl.liveness[0].describe(), "did not advance over 0.2 s of load");
  EXPECT_EQ(passed_over_sources(s.candidates), std::vector<std::string>{"rapl: " + rapl.reason});
  ASSERT_EQ(passed_over_notes(s).size(), 1u);
  EXPECT_NE(passed_over_notes(s)[0].find("energy comes from model (estimated)"), std::string::npos);
}

TEST_F(AutoSelection, ACounterThatLiesDuringTheProbeIsPassedOverWithTheMetersReason) {
  fx_.add_zone("intel-rapl:0", "package-0", 100'000'000);
  use_powercap_tree();
  // Backwards by far more than a wrap's short way round: the meter fails, and the probe must say
  // why rather than "did not advance" (the failed meter freezes its counters).
  env_.liveness = LivenessLoad{.window = kLivenessWindow, .run = [this](Seconds w) {
                                 fx_.set_energy("intel-rapl:0", 1'000);
                                 return w;
                               }};
  const MeterSelection s = select_meter("auto", env_);
  EXPECT_EQ(s.meter->name(), "model");
  const MeterCandidate& rapl = candidate(s, "rapl");
  EXPECT_TRUE(rapl.passed_over());
  EXPECT_EQ(rapl.reason.rfind("the meter failed over 0.2 s of load: ", 0), 0u) << rapl.reason;
  EXPECT_NE(rapl.reason.find("backwards"), std::string::npos) << rapl.reason;
  ASSERT_EQ(rapl.liveness.size(), 1u);
  EXPECT_EQ(rapl.liveness[0].liveness, Liveness::dead);
  EXPECT_EQ(rapl.liveness[0].describe().rfind("meter failed over 0.2 s of load: ", 0), 0u);
}

TEST_F(AutoSelection, ADeadDomainOfALiveSourceIsLeftOutOfIt) {
  fx_.add_zone("intel-rapl:0", "package-0", 1000);
  fx_.add_zone("intel-rapl:0/intel-rapl:0:0", "dram", 0);
  use_powercap_tree();
  env_.liveness.run = [this](Seconds w) {
    fx_.set_energy("intel-rapl:0", 2'000'000);  // the package moves, dram stays at 0
    return w;
  };
  const MeterSelection s = select_meter("auto", env_);
  ASSERT_EQ(s.meter->name(), "rapl");
  ASSERT_EQ(s.meter->domains().size(), 1u);
  EXPECT_EQ(s.meter->domains()[0].name, "cpu.package-0");
  const MeterCandidate& rapl = candidate(s, "rapl");
  EXPECT_EQ(rapl.domains, std::vector<std::string>{"cpu.package-0"});
  const auto dram = std::find_if(rapl.left_out.begin(), rapl.left_out.end(),
                                 [](const LeftOutDomain& d) { return d.domain == "cpu.dram-0"; });
  ASSERT_NE(dram, rapl.left_out.end());
  EXPECT_NE(dram->reason.find("did not advance"), std::string::npos);
}

TEST_F(AutoSelection, ATreeThatFreezesMidRunLeavesThatRowWithoutEnergy) {
  fx_.add_zone("intel-rapl:0", "package-0", 1000);
  use_powercap_tree();
  env_.liveness = fx_.advancing_load();
  const MeterSelection s = select_meter("auto", env_);
  ASSERT_EQ(s.meter->name(), "rapl");  // the probe saw it live
  MeasurementSession session{*s.meter, {GridIntensity{100.0, "t", "t", 2024, false}, 1.0}};
  // Now the counter stops: 30 ms of wall time is 30 of RAPL's 1 ms update intervals.
  benchmark::RegisterBenchmark("auto/frozen_mid_run", [&](benchmark::State& state) {
    EnergyScope energy(state, session, 1000.0);
    for (auto _ : state)
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
  })->Iterations(3);
  const auto reporter = testing::run_benchmarks("^auto/frozen_mid_run/");
  ASSERT_EQ(reporter.runs().size(), 1u);
  const auto& run = reporter.runs()[0];
  for (const auto& [name, value] : run.counters) {
    EXPECT_TRUE(name == counter::kFlops) << name << " = " << value.value;
  }
  EXPECT_NE(run.report_label.find("no energy: cpu.package-0 did not advance over"),
            std::string::npos)
      << run.report_label;
  EXPECT_GT(run.real_accumulated_time, 0.0);  // the time figures stay
}

TEST_F(AutoSelection, ADeadPerfPmuIsPassedOverForTheEstimate) {
  add_perf_pmu();
  const MeterSelection s = select_meter("auto", env_);
  EXPECT_EQ(s.meter->name(), "model");
  const MeterCandidate& perf = candidate(s, "perf");
  EXPECT_TRUE(perf.passed_over());
  EXPECT_EQ(perf.reason,
            "counter did not advance over 0.2 s of load: a virtualised or disabled sensor "
            "(platform.psys-0)");
}

TEST_F(AutoSelection, ALivePerfPmuIsSelected) {
  add_perf_pmu();
  env_.liveness.run = [](Seconds w) {
    g_counts[100 + 5] += 1ULL << 32;  // 1 J on energy-psys, cpu 0
    return w;
  };
  const MeterSelection s = select_meter("auto", env_);
  EXPECT_EQ(s.meter->name(), "perf");
  ASSERT_EQ(candidate(s, "perf").liveness.size(), 1u);
  EXPECT_DOUBLE_EQ(candidate(s, "perf").liveness[0].seen.value, 1.0);
}

TEST_F(AutoSelection, AnExplicitDeadSourceIsAOneLineError) {
  add_perf_pmu();
  try {
    select_meter("perf", env_);
    FAIL() << "expected an error";
  } catch (const std::runtime_error& e) {
    const std::string what = e.what();
    EXPECT_EQ(what,
              "meter 'perf' is not usable: counter did not advance over 0.2 s of load: a "
              "virtualised or disabled sensor (platform.psys-0)");
  }
  fx_.add_zone("intel-rapl:0", "package-0", 1000);
  use_powercap_tree();
  EXPECT_THROW(select_meter("rapl", env_), std::runtime_error);
}

TEST_F(AutoSelection, AnExplicitRequestProbesOnlyThatSource) {
  add_perf_pmu();
  fx_.add_zone("intel-rapl:0", "package-0", 1000);
  use_powercap_tree();
  int loads = 0;
  env_.liveness.run = [&loads](Seconds w) {
    ++loads;
    return w;
  };
  const MeterSelection model = select_meter("model", env_);
  EXPECT_EQ(loads, 0);     // no probe time for the estimate
  EXPECT_EQ(g_opened, 0);  // and no sensor read
  EXPECT_EQ(candidate(model, "rapl").status(), "not probed");
  EXPECT_EQ(candidate(model, "rapl").reason, "not probed: the meter 'model' was requested");
  EXPECT_TRUE(passed_over_sources(model.candidates).empty());

  env_.liveness = fx_.advancing_load();
  const MeterSelection rapl = select_meter("rapl", env_);
  EXPECT_EQ(rapl.meter->name(), "rapl");
  EXPECT_EQ(g_opened, 0);  // perf was not touched
  EXPECT_EQ(candidate(rapl, "perf").status(), "not probed");
}

TEST_F(AutoSelection, AllSourcesAreProbedInOneWindow) {
  add_perf_pmu();
  fx_.add_zone("intel-rapl:0", "package-0", 1000);
  use_powercap_tree();
  int loads = 0;
  env_.liveness.run = [&](Seconds w) {
    ++loads;
    fx_.advance_all(1000);
    g_counts[100 + 5] += 1ULL << 32;
    return w;
  };
  const MeterSelection s = select_meter("auto", env_);
  EXPECT_EQ(loads, 1);
  EXPECT_EQ(s.meter->name(), "rapl");
  EXPECT_EQ(candidate(s, "perf").liveness.size(), 1u);
  EXPECT_EQ(candidate(s, "perf").status(), "not used");  // live, but rapl covers the CPU
}

TEST(LivenessProbe, TheRealLoadSpinsForAboutTheWindow) {
  const Seconds took = spin_for(Seconds{0.02});
  EXPECT_GE(took.value, 0.02);
  EXPECT_LT(took.value, 0.5);
}

}  // namespace
}  // namespace joulebench
