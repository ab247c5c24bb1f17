#include "harness/measurement/result_output.h"

#include <gtest/gtest.h>
#include <signal.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "tests/support/file_text.h"
#include "tests/support/temp_dir.h"

namespace joulebench {
namespace {

const std::vector<BenchmarkPowerTimeline> kOneTimeline = {
    {"work/real_time", Seconds{0.1}, {{Seconds{0.1}, Watts{12.0}}}}};

TEST(ResultOutput, NothingWrittenByGoogleBenchmarkKeepsThePreviousFile) {
  testing::TempDir dir;
  std::ofstream(dir.path() / "out.json") << "previous";
  {
    ResultOutput output(dir.path() / "out.json", /*json=*/true);
    EXPECT_FALSE(output.commit(kOneTimeline));
  }
  EXPECT_EQ(testing::read_whole_file(dir.path() / "out.json"), "previous");
  EXPECT_EQ(dir.entries(), std::vector<std::string>{"out.json"});
}

TEST(ResultOutput, TimelinesAreMergedIntoJsonBeforeTheFileAppears) {
  testing::TempDir dir;
  ResultOutput output(dir.path() / "out.json", /*json=*/true);
  std::ofstream(output.temp_path()) << R"({"context": {}, "benchmarks": []})";
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "out.json"));
  EXPECT_TRUE(output.commit(kOneTimeline));
  const auto document = nlohmann::json::parse(testing::read_whole_file(dir.path() / "out.json"));
  EXPECT_EQ(document.at("joulebench_power_timelines").at(0).at("name"), "work/real_time");
  EXPECT_EQ(dir.entries(), std::vector<std::string>{"out.json"});
}

TEST(ResultOutput, OtherFormatsAreCommittedAsGoogleBenchmarkWroteThem) {
  testing::TempDir dir;
  ResultOutput output(dir.path() / "out.csv", /*json=*/false);
  std::ofstream(output.temp_path()) << "name,iterations\n";
  EXPECT_TRUE(output.commit(kOneTimeline));
  EXPECT_EQ(testing::read_whole_file(dir.path() / "out.csv"), "name,iterations\n");
}

TEST(ResultOutputDeathTest, AnInterruptRemovesTheTemporaryAndKeepsThePreviousFile) {
  testing::TempDir dir;
  std::ofstream(dir.path() / "out.json") << "previous";
  EXPECT_EXIT(
      {
        ResultOutput output(dir.path() / "out.json", /*json=*/true);
        std::ofstream(output.temp_path()) << "half a res";
        const InterruptCleanup cleanup("./bench");
        ::raise(SIGINT);
      },
      ::testing::ExitedWithCode(128 + SIGINT), "./bench: interrupted; no result file written");
  EXPECT_EQ(testing::read_whole_file(dir.path() / "out.json"), "previous");
  EXPECT_EQ(dir.entries(), std::vector<std::string>{"out.json"});
}

}  // namespace
}  // namespace joulebench
