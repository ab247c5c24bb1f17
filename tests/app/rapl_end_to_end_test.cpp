// `joulebench run --meter rapl --powercap-root <fixture>` while a writer thread advances the
// fixture's package counter at a known rate: the reported power must be that rate. The binary
// runs in testing::Process's clean environment: no source but the fixture is reachable.

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <signal.h>

#include <atomic>
#include <chrono>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "tests/support/file_text.h"
#include "tests/support/powercap_fixture.h"
#include "tests/support/process.h"
#include "tests/support/temp_dir.h"

namespace joulebench {
namespace {

TEST(RaplEndToEnd, ReportedPowerIsTheRateTheFixtureCounterAdvancesAt) {
  constexpr double kWatts = 50.0;
  // Windows of 2 s keep the writer thread's scheduling lag (the file trails the true energy by up
  // to a sleep plus a time slice) far under 1% even on a loaded machine.
  // A 200 J range wraps every 4 s at 50 W: the run crosses wraps, and each Google Benchmark
  // window (well under 4 s) sees at most one, which the meter must unwrap.
  constexpr std::uint64_t kRangeUj = 200'000'000;
  testing::PowercapFixture fx;
  fx.add_zone("intel-rapl:0", "package-0", 0, kRangeUj);

  std::atomic<bool> stop{false};
  std::thread writer([&] {
    const auto start = std::chrono::steady_clock::now();
    while (!stop.load()) {
      const double seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      const auto uj = static_cast<std::uint64_t>(seconds * kWatts * 1e6);
      fx.set_energy("intel-rapl:0", uj % kRangeUj);
      std::this_thread::sleep_for(std::chrono::microseconds(100));
    }
  });

  testing::TempDir work;
  const std::filesystem::path out = work.path() / "result.json";
  const testing::ProcessResult r =
      testing::Process(JOULEBENCH_BINARY,
                       {"run", "--meter", "rapl", "--powercap-root", fx.root().string(), "--filter",
                        "gemm/fp32/eigen/128$", "--min-time", "2", "--idle-baseline", "1",
                        "--repetitions", "2", "--out", out.string()},
                       work.path(), work.path())
          .wait();
  stop = true;
  writer.join();
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;

  const nlohmann::json result = nlohmann::json::parse(std::ifstream(out));
  EXPECT_EQ(result["context"]["joulebench_meter"], "rapl");
  EXPECT_NE(result["context"]["joulebench_idle_power_W"].get<std::string>().find("cpu.package-0"),
            std::string::npos);
  int rows = 0;
  for (const nlohmann::json& row : result["benchmarks"]) {
    if (row.value("aggregate_name", "") == "stddev" || row.value("aggregate_name", "") == "cv")
      continue;
    ASSERT_TRUE(row.contains("power_W")) << row.dump();
    fmt::print("{}: power_W {:.4f} (fixture rate {} W)\n", row["name"].get<std::string>(),
               row["power_W"].get<double>(), kWatts);
    EXPECT_NEAR(row["power_W"].get<double>(), kWatts, kWatts * 0.01) << row.dump();
    // The "idle" baseline saw the same 50 W, so nothing is left above it. Looser than power_W:
    // the 1 s idle window is shorter than the benchmark's, so the writer's lag weighs more.
    const double energy = row["energy_J"].get<double>();
    EXPECT_NEAR(row["energy_net_J"].get<double>(), 0.0, energy * 0.05) << row.dump();
    ++rows;
  }
  EXPECT_GE(rows, 2);
}

// Issue 21: a counter that went backwards mid-run was read as a wrap of its whole range
// (2,725,517 W). Now the meter fails: the rows keep their times but carry no energy, and the
// label says why; the exit code follows the failure policy of a meter that fails mid-run (0,
// with a warning on stderr), as for a counter file that vanishes.
TEST(RaplEndToEnd, ACounterThatGoesBackwardsMidRunGivesRowsWithNoEnergyAndTheReason) {
  constexpr double kWatts = 50.0;
  testing::PowercapFixture fx;
  fx.add_zone("intel-rapl:0", "package-0", 0);  // the real 262 kJ range

  // Live at 50 W (the liveness probe must see it move); once `back` is set, the counter drops to
  // about 1 mJ, nowhere near the top of its range, and goes on from there.
  std::atomic<bool> stop{false};
  std::atomic<bool> back{false};
  std::thread writer([&] {
    const auto start = std::chrono::steady_clock::now();
    std::uint64_t offset = 0;
    while (!stop.load()) {
      const double seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      const auto uj = static_cast<std::uint64_t>(seconds * kWatts * 1e6);
      if (back.load() && offset == 0)
        offset = uj - 1000;
      fx.set_energy("intel-rapl:0", uj - offset);
      std::this_thread::sleep_for(std::chrono::microseconds(200));
    }
  });

  testing::TempDir work;
  const std::filesystem::path out = work.path() / "result.json";
  testing::Process run(JOULEBENCH_BINARY,
                       {"run", "--meter", "rapl", "--powercap-root", fx.root().string(), "--filter",
                        "gemm/fp32/eigen/128$", "--min-time", "2", "--idle-baseline", "0",
                        "--repetitions", "2", "--out", out.string()},
                       work.path(), work.path());
  // Google Benchmark prints "Running <program>" to stderr as the benchmarks start: the probe is
  // over, the run's meter is open, and the first window (at least 2 s) is under way.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  while (testing::read_whole_file(work.path() / ".stderr").find("Running ") == std::string::npos &&
         std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  back = true;
  const testing::ProcessResult r = run.wait();
  stop = true;
  writer.join();
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.err.find("warning: the meter failed during the run: cpu.package-0: energy_uj went "
                       "backwards"),
            std::string::npos)
      << r.err;

  const nlohmann::json result = nlohmann::json::parse(std::ifstream(out));
  int rows = 0;
  for (const nlohmann::json& row : result["benchmarks"]) {
    if (row.value("run_type", "") != "iteration")
      continue;
    EXPECT_FALSE(row.contains("energy_J")) << row.dump();
    EXPECT_FALSE(row.contains("power_W")) << row.dump();
    EXPECT_TRUE(row.contains("real_time")) << row.dump();
    const std::string label = row.value("label", "");
    EXPECT_NE(label.find("no energy: meter failed: cpu.package-0: energy_uj went backwards"),
              std::string::npos)
        << row.dump();
    ++rows;
  }
  EXPECT_EQ(rows, 2);
}

// Every source at a fixture, so the answer is the same on every host: a live two-socket RAPL
// tree; no perf power PMU and no NVML library (testing::Process pins both to "absent").
TEST(MetersCommand, JsonNamesTheSelectedSourceAndWhyEveryOtherWasPassedOver) {
  testing::PowercapFixture fx;
  fx.add_two_socket_machine();
  testing::LiveCounters live(fx, 20.0);  // the liveness probe must see the counters move
  testing::TempDir work;
  const testing::ProcessResult r =
      testing::Process(JOULEBENCH_BINARY,
                       {"meters", "--json", "--powercap-root", fx.root().string()}, work.path(),
                       work.path())
          .wait();
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const nlohmann::json doc = nlohmann::json::parse(r.out);
  EXPECT_EQ(doc["selected"]["meter"], "rapl");
  EXPECT_EQ(doc["selected"]["provenance"], "measured");
  EXPECT_EQ(doc["selected"]["domains"].size(), 4u);
  for (const nlohmann::json& source : doc["sources"]) {
    EXPECT_FALSE(source["reason"].get<std::string>().empty()) << source.dump();
    if (source["source"] == "rapl") {
      EXPECT_EQ(source["status"], "selected");
      EXPECT_EQ(source["left_out"].size(), 2u);  // core-0 and psys
    } else if (source["source"] == "model") {
      EXPECT_EQ(source["status"], "not used");
    } else {
      EXPECT_EQ(source["status"], "unavailable") << source.dump();
    }
  }
}

// Issue 21: an energy_uj that is a FIFO hung `meters` forever (open blocked). Now the zone is
// passed over with the reason, at once. A watchdog kills a hung binary so the test fails, not
// the suite.
TEST(MetersCommand, AFifoCounterIsPassedOverNotWaitedOn) {
  testing::PowercapFixture fx;
  fx.add_zone("intel-rapl:0", "package-0", 1000);
  fx.replace_energy_with_fifo("intel-rapl:0");
  testing::TempDir work;
  testing::Process meters(JOULEBENCH_BINARY,
                          {"meters", "--json", "--powercap-root", fx.root().string()}, work.path(),
                          work.path());
  std::atomic<bool> done{false};
  std::thread watchdog([&] {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (!done.load() && std::chrono::steady_clock::now() < deadline)
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    if (!done.load())
      meters.signal(SIGKILL);
  });
  const testing::ProcessResult r = meters.wait();
  done = true;
  watchdog.join();
  ASSERT_EQ(r.exit_code, 0) << "killed after 60 s: reading the FIFO blocked\n" << r.err;
  const nlohmann::json doc = nlohmann::json::parse(r.out);
  bool seen = false;
  for (const nlohmann::json& source : doc["sources"]) {
    if (source["source"] != "rapl")
      continue;
    seen = true;
    EXPECT_EQ(source["status"], "unavailable") << source.dump();
    EXPECT_NE(source.dump().find("not a regular file (a FIFO)"), std::string::npos)
        << source.dump();
  }
  EXPECT_TRUE(seen) << r.out;
}

}  // namespace
}  // namespace joulebench
