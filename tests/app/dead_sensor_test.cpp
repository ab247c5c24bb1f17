// The binary on a machine whose only sensor is dead: a frozen powercap tree (counters that never
// move), no perf power PMU, no NVML, and the tests' clean environment (testing::Process).
// `meters` names rapl as passed over, `run` falls back to the labelled estimate and records the
// dead source, and an explicit `--meter rapl` is a one-line error.

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "common/result_schema.h"
#include "tests/support/file_text.h"
#include "tests/support/powercap_fixture.h"
#include "tests/support/process.h"

namespace joulebench {
namespace {

class DeadSensor : public ::testing::Test {
 protected:
  void SetUp() override {
    fx_.add_two_socket_machine();  // nobody writes to it: frozen
  }

  // `joulebench <args>` in the fixture's directory, in the tests' clean environment (every
  // source pinned absent), with RAPL pointed at the frozen tree.
  testing::ProcessResult joulebench(std::vector<std::string> args) {
    args.insert(args.end(), {"--powercap-root", fx_.root().string(), "--perf-pmu-root",
                             (fx_.root() / "no-power-pmu").string()});
    return testing::Process(JOULEBENCH_BINARY, args, fx_.root(), fx_.root()).wait();
  }

  testing::PowercapFixture fx_;
};

TEST_F(DeadSensor, MetersNamesRaplAsPassedOverWithWhatTheProbeSaw) {
  const testing::ProcessResult text = joulebench({"meters"});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("auto picks: model (estimated)"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("auto passed over rapl: counters did not advance over 0.2 s of load"),
            std::string::npos)
      << text.out;
  EXPECT_NE(text.out.find("did not advance over 0.2 s of load"), std::string::npos);

  const testing::ProcessResult json = joulebench({"meters", "--json"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  const nlohmann::json doc = nlohmann::json::parse(json.out);
  EXPECT_EQ(doc["selected"]["meter"], "model");
  ASSERT_EQ(doc["passed_over"].size(), 1u);
  EXPECT_NE(doc["passed_over"][0].get<std::string>().find("rapl: counters did not advance"),
            std::string::npos);
  for (const nlohmann::json& source : doc["sources"]) {
    if (source["source"] != "rapl")
      continue;
    EXPECT_EQ(source["status"], "unavailable");
    EXPECT_EQ(source["present"], true);
    ASSERT_EQ(source["probe"].size(), 4u);
    for (const nlohmann::json& probe : source["probe"]) {
      EXPECT_EQ(probe["result"], "did not advance") << probe.dump();
      EXPECT_EQ(probe["joules"], 0.0);
    }
  }
}

TEST_F(DeadSensor, RunFallsBackToTheLabelledEstimateAndRecordsTheDeadSource) {
  const testing::ProcessResult run =
      joulebench({"run", "--filter", "gemm/fp32/eigen/128$", "--min-time", "0.01",
                  "--idle-baseline", "0", "--sample-interval", "0", "--out", "x.json"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.err.find("joulebench run: energy source passed over: rapl: counters did not "
                         "advance over 0.2 s of load"),
            std::string::npos)
      << run.err;

  const nlohmann::json result =
      nlohmann::json::parse(testing::read_whole_file(fx_.root() / "x.json"));
  const nlohmann::json& context = result["context"];
  EXPECT_EQ(context[context_key::kMeter], "model");
  EXPECT_EQ(context[context_key::kProvenance], "estimated");
  const std::string passed = context.value(context_key::kMeterPassedOver, "");
  EXPECT_EQ(passed.rfind("rapl: counters did not advance over 0.2 s of load", 0), 0u) << passed;
  ASSERT_EQ(result["benchmarks"].size(), 1u);
  const nlohmann::json& row = result["benchmarks"][0];
  EXPECT_GT(row.value(counter::kEnergy, 0.0), 0.0) << row.dump();
  EXPECT_GT(row.value("energy_cpu_estimate_J", 0.0), 0.0) << row.dump();
}

TEST_F(DeadSensor, AnExplicitRaplIsAOneLineErrorExitTwo) {
  const testing::ProcessResult run =
      joulebench({"run", "--meter", "rapl", "--filter", "gemm/fp32/eigen/128$", "--out", "y.json"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_TRUE(run.out.empty()) << run.out;
  EXPECT_EQ(std::count(run.err.begin(), run.err.end(), '\n'), 1) << run.err;
  EXPECT_NE(run.err.find("meter 'rapl' is not usable: counters did not advance"), std::string::npos)
      << run.err;
  EXPECT_FALSE(std::filesystem::exists(fx_.root() / "y.json"));
}

}  // namespace
}  // namespace joulebench
