#include "harness/measurement/result_output.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/stat.h>

#include <chrono>
#include <fstream>
#include <future>
#include <iterator>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "common/commit_window_seam.h"
#include "tests/support/file_text.h"
#include "tests/support/temp_dir.h"

namespace joulebench {
namespace {

const RunRecords kOneTimeline = {
    .timelines = {{"work/real_time", Seconds{0.1}, {{Seconds{0.1}, Watts{12.0}}}, {}}},
    .labels = {}};

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

// --out through a link: the file it leads to is replaced, the link stays, the temporary sits
// beside the file (issue 21).
TEST(ResultOutput, ALinkIsWrittenThroughWithTheTemporaryBesideItsTarget) {
  testing::TempDir dir;
  std::filesystem::create_directory(dir.path() / "archive");
  std::filesystem::create_symlink("archive/run.json", dir.path() / "latest.json");
  ResultOutput output(dir.path() / "latest.json", /*json=*/true);
  EXPECT_EQ(output.temp_path().parent_path(), dir.path() / "archive");
  std::ofstream(output.temp_path()) << R"({"context": {}, "benchmarks": []})";
  EXPECT_TRUE(output.commit(kOneTimeline));
  EXPECT_TRUE(std::filesystem::is_symlink(dir.path() / "latest.json"));
  const auto document =
      nlohmann::json::parse(testing::read_whole_file(dir.path() / "archive" / "run.json"));
  EXPECT_EQ(document.at("joulebench_power_timelines").at(0).at("name"), "work/real_time");
  EXPECT_EQ(dir.entries(), (std::vector<std::string>{"archive", "latest.json"}));
}

// A FIFO (or a device) gets the finished result streamed into it and stays what it was; Google
// Benchmark's temporary lives in the temporary directory meanwhile and is removed.
TEST(ResultOutput, AFifoGetsTheFinishedResultStreamed) {
  testing::TempDir dir;
  const std::filesystem::path fifo = dir.path() / "pipe";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  auto reader = std::async(std::launch::async, [&] {
    std::ifstream in(fifo);
    return std::string(std::istreambuf_iterator<char>(in), {});
  });
  std::filesystem::path temp;
  {
    ResultOutput output(fifo, /*json=*/true);
    temp = output.temp_path();
    EXPECT_NE(temp.parent_path(), dir.path());
    std::ofstream(output.temp_path()) << R"({"context": {}, "benchmarks": []})";
    EXPECT_TRUE(output.commit(kOneTimeline));
  }
  const auto document = nlohmann::json::parse(reader.get());
  EXPECT_EQ(document.at("joulebench_power_timelines").at(0).at("name"), "work/real_time");
  EXPECT_TRUE(std::filesystem::is_fifo(fifo));
  EXPECT_FALSE(std::filesystem::exists(temp));
  EXPECT_EQ(dir.entries(), std::vector<std::string>{"pipe"});
}

TEST(ResultOutput, DevNullStaysACharacterDevice) {
  ResultOutput output("/dev/null", /*json=*/false);
  std::ofstream(output.temp_path()) << "name,iterations\n";
  EXPECT_TRUE(output.commit(kOneTimeline));
  struct stat st {};
  ASSERT_EQ(::stat("/dev/null", &st), 0);
  EXPECT_TRUE(S_ISCHR(st.st_mode));
}

// Standard output carries Google Benchmark's table: a result there would be unreadable.
TEST(ResultOutput, StandardOutputIsRefusedOnOneLine) {
  try {
    ResultOutput output("-", /*json=*/true);
    FAIL() << "expected an error";
  } catch (const std::runtime_error& e) {
    EXPECT_EQ(std::string(e.what()).find('\n'), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("standard output"), std::string::npos) << e.what();
  }
}

// The final commit of a run: the JSON finished in the temporary, flushed, not yet renamed
// (held by the test seam); each signal there leaves the previous file and no temporary, with its
// line. The bug: SIGINT here exited 130 with no message and left the temporary.
TEST(ResultOutputDeathTest, EverySignalInTheFinalCommitLeavesThePreviousFile) {
  for (const auto& [number, name] : {std::pair{SIGINT, "SIGINT"}, std::pair{SIGTERM, "SIGTERM"},
                                     std::pair{SIGHUP, "SIGHUP"}, std::pair{SIGQUIT, "SIGQUIT"}}) {
    testing::TempDir dir;
    std::ofstream(dir.path() / "out.json") << "previous";
    const std::filesystem::path marker = dir.path() / "in-the-window";
    const int signal_number = number;
    EXPECT_EXIT(
        {
          ::setenv(kHoldCommitVariable, marker.c_str(), 1);
          const InterruptCleanup cleanup("./bench");
          ResultOutput output(dir.path() / "out.json", /*json=*/true);
          std::ofstream(output.temp_path()) << R"({"context": {}, "benchmarks": []})";
          std::thread([&] {
            while (!std::filesystem::exists(marker))
              std::this_thread::sleep_for(std::chrono::milliseconds(5));
            ::kill(::getpid(), signal_number);
          }).detach();
          output.commit(kOneTimeline);
        },
        ::testing::ExitedWithCode(128 + number),
        fmt::format("^\\./bench: interrupted; no result file written \\({}\\)\n$", name));
    std::filesystem::remove(marker);
    EXPECT_EQ(testing::read_whole_file(dir.path() / "out.json"), "previous") << name;
    EXPECT_EQ(dir.entries(), std::vector<std::string>{"out.json"}) << name;
  }
}

}  // namespace
}  // namespace joulebench
