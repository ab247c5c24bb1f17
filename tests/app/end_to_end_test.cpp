// The real binary on the smallest GEMM: result file, counters, context, report, and Ctrl-C.

#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <thread>

#include "common/result_schema.h"
#include "reporters/result_file.h"
#include "tests/support/process.h"
#include "tests/support/temp_dir.h"

namespace joulebench {
namespace {

using testing::Process;

// As a new user on a host without sensors sees it: --meter auto, with every source pinned to
// "absent" by testing::Process, falls back to the labelled estimate on every host.
TEST(EndToEnd, SmallestGemmWritesAResultWithEstimatedEnergyCounters) {
  testing::TempDir dir;
  const auto r = Process(JOULEBENCH_BINARY,
                         {"run", "--filter", "gemm/fp32/eigen/128$", "--min-time", "0.02",
                          "--sample-interval", "0.002", "--out", "run.json"},
                         dir.path(), dir.path())
                     .wait();
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(dir.entries(), std::vector<std::string>{"run.json"});

  const ResultFile file = read_result_file(dir.path() / "run.json");
  ASSERT_EQ(file.rows.size(), 1u);
  const ResultRow& row = file.rows[0];
  EXPECT_EQ(row.name, "gemm/fp32/eigen/128/real_time");
  const double energy = row.counter(counter::kEnergy).value_or(-1);
  EXPECT_GT(energy, 0.0);
  EXPECT_DOUBLE_EQ(row.counter(counter::kFlops).value_or(-1), 2.0 * 128 * 128 * 128);
  EXPECT_NEAR(row.counter(counter::kFlopPerJoule).value_or(-1), 2.0 * 128 * 128 * 128 / energy,
              1e-6 * 2.0 * 128 * 128 * 128 / energy);
  // World average 475 g/kWh, PUE 1.
  EXPECT_NEAR(row.counter(counter::kCo2).value_or(-1), energy / 3.6e6 * 475.0, 1e-12);
  // The estimate charges the CPU power figure it records (the host's TDP, or 12 W per logical
  // CPU) times this process's share of the machine, at most all of it, plus a little for RAM.
  const double power = row.counter(counter::kPower).value_or(-1);
  const std::string method = file.context_value(context_key::kMeterMethod).value_or("");
  std::smatch cpu_watts;
  ASSERT_TRUE(std::regex_search(method, cpu_watts, std::regex(R"(CPU ([0-9.]+) W)"))) << method;
  EXPECT_GT(power, 0.0);
  EXPECT_LT(power, std::stod(cpu_watts[1]) + 0.375 * 16) << method;  // RAM: 0.375 W/GB, < 16 GB

  EXPECT_EQ(file.context_value(context_key::kProvenance), "estimated");
  EXPECT_EQ(file.context_value(context_key::kMeter), "model");
  EXPECT_EQ(file.context_value(context_key::kRegion), "world (default: no region given)");
  EXPECT_EQ(file.context_value(context_key::kPue), "1");
  EXPECT_TRUE(file.context_value(context_key::kVersion));
  // What the row is, as fields rather than a name to parse.
  ASSERT_TRUE(row.labels);
  EXPECT_EQ(row.labels->task, "gemm/128");
  EXPECT_EQ(row.labels->variant, "fp32/eigen");
  EXPECT_EQ(row.labels->precision, "fp32");
  EXPECT_EQ(row.labels->backend, "eigen");

  // The sampler's reads during the benchmark, as its power timeline.
  nlohmann::json document;
  std::ifstream(dir.path() / "run.json") >> document;
  const auto& timelines = document.at(result_key::kPowerTimelines);
  ASSERT_EQ(timelines.size(), 1u);
  EXPECT_EQ(timelines[0]["name"], row.run_name);
  EXPECT_EQ(timelines[0]["interval_s"], 0.002);
  ASSERT_FALSE(timelines[0]["power_W"].empty());
  EXPECT_EQ(timelines[0]["t_s"].size(), timelines[0]["power_W"].size());
  for (const auto& watts : timelines[0]["power_W"])
    EXPECT_GE(watts.get<double>(), 0.0);
  // Each call of the benchmark's timed loop is a span on the timeline's axis (Google Benchmark
  // calls it at least once to find the iteration count, then for the measurement).
  ASSERT_EQ(file.timelines.size(), 1u);
  const std::vector<TimeWindow>& timed = file.timelines[0].measured;
  ASSERT_FALSE(timed.empty());
  for (const TimeWindow& w : timed) {
    EXPECT_LE(0.0, w.start_s);
    EXPECT_LE(w.start_s, w.end_s);
    EXPECT_LE(w.end_s, file.timelines[0].t_s.back() + 1e-12);
  }

  const auto report =
      Process(JOULEBENCH_BINARY, {"report", "run.json"}, dir.path(), dir.path()).wait();
  ASSERT_EQ(report.exit_code, 0) << report.err;
  EXPECT_TRUE(std::regex_search(
      report.out,
      std::regex(
          R"(\| gemm/128 \| 1 \| fp32/eigen \| [^|]+ \| [0-9.e+-]+ \(est\.\) \| )"
          R"([0-9.]+ (ns|us|ms|s) \| [0-9.e+-]+ \(est\.\) \| (★){5} \| estimated \(model\) \|)")))
      << report.out;
}

TEST(EndToEnd, DefaultOutputGoesToResultsWithHostAndUtcTime) {
  testing::TempDir dir;
  const auto r =
      Process(JOULEBENCH_BINARY,
              {"run", "--meter", "model", "--filter", "gemm/fp32/eigen/128$", "--min-time", "0.01"},
              dir.path(), dir.path())
          .wait();
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::vector<std::string> names;
  for (const auto& e : std::filesystem::directory_iterator(dir.path() / "results")) {
    names.push_back(e.path().filename().string());
  }
  ASSERT_EQ(names.size(), 1u);
  EXPECT_TRUE(std::regex_match(names[0], std::regex(R"(.+-\d{8}T\d{6}Z\.json)"))) << names[0];
}

TEST(EndToEnd, InterruptLeavesThePreviousFileAndNoTemporary) {
  testing::TempDir dir;
  { std::ofstream(dir.path() / "run.json") << "previous"; }
  Process p(JOULEBENCH_BINARY,
            {"run", "--meter", "model", "--filter", "gemm/fp32/eigen/1024$", "--min-time", "30",
             "--out", "run.json"},
            dir.path(), dir.path());
  // Long enough for the run to be inside the timed loop, well short of its 30 s.
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  p.signal(SIGINT);
  const auto r = p.wait();
  EXPECT_EQ(r.exit_code, 128 + SIGINT) << r.err;
  EXPECT_NE(r.err.find("interrupted"), std::string::npos) << r.err;
  EXPECT_EQ(dir.entries(), std::vector<std::string>{"run.json"});
  std::ifstream in(dir.path() / "run.json");
  std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(content, "previous");
}

}  // namespace
}  // namespace joulebench

namespace joulebench {
namespace {

TEST(EndToEnd, BenchmarkFlagsPassThroughAndListingWritesNoFile) {
  testing::TempDir dir;
  const auto r = testing::Process(JOULEBENCH_BINARY,
                                  {"run", "--meter", "model", "--filter", "eigen/256",
                                   "--benchmark_list_tests=true", "--out", "run.json"},
                                  dir.path(), dir.path())
                     .wait();
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("gemm/fp32/eigen/256"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("gemm/fp32/eigen/128"), std::string::npos) << r.out;
  EXPECT_EQ(dir.entries(), std::vector<std::string>{});
}

}  // namespace
}  // namespace joulebench
