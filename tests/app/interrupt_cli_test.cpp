// One interrupt path for every command that writes (issue 21): the real binary, held in its
// commit window by the test seam (common/commit_window_seam.h: the output complete and flushed,
// not yet renamed), gets each of SIGINT, SIGTERM, SIGHUP and SIGQUIT there. Each must exit 128 +
// the signal with one line naming it, leave the previous file as it was and no temporary. Also:
// --out through a link and to a device from the command line, and a temporary left by a killed
// process swept by the next write of the same file.

#include <fcntl.h>
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <thread>

#include "tests/support/file_text.h"
#include "tests/support/process.h"
#include "tests/support/temp_dir.h"

namespace joulebench {
namespace {

namespace fs = std::filesystem;

std::string fixture(const std::string& name) {
  return fmt::format("{}/{}", JOULEBENCH_FIXTURE_DIR, name);
}
std::string compare_data(const std::string& name) {
  return fmt::format("{}/{}", JOULEBENCH_COMPARE_DATA_DIR, name);
}

struct SignalCase {
  int number;
  const char* name;
};
const SignalCase kSignals[] = {
    {SIGINT, "SIGINT"}, {SIGTERM, "SIGTERM"}, {SIGHUP, "SIGHUP"}, {SIGQUIT, "SIGQUIT"}};

struct CommandCase {
  const char* name;
  std::vector<std::string> args;  // writing `out`
  const char* out;
};

std::vector<CommandCase> writing_commands() {
  return {
      {"run",
       {"run", "--meter", "model", "--filter", "gemm/fp32/eigen/128$", "--min-time", "0.01",
        "--idle-baseline", "0", "--out", "run.json"},
       "run.json"},
      {"report", {"report", fixture("lab-measured.json"), "--out", "board.md"}, "board.md"},
      {"compare",
       {"compare", compare_data("base.json"), compare_data("same.json"), "--out", "gate.md"},
       "gate.md"},
      {"statement", {"statement", fixture("lab-measured.json"), "--out", "impact.md"}, "impact.md"},
  };
}

// Waits (up to a minute) until the process is held in its commit window.
bool wait_for(const fs::path& marker) {
  for (int i = 0; i < 6000 && !fs::exists(marker); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  return fs::exists(marker);
}

using testing::lines_of;

TEST(InterruptCli, EverySignalInTheCommitWindowOfEveryWritingCommand) {
  for (const CommandCase& command : writing_commands()) {
    for (const SignalCase& signal : kSignals) {
      SCOPED_TRACE(fmt::format("joulebench {} and {}", command.name, signal.name));
      testing::TempDir dir;
      testing::TempDir seam;
      { std::ofstream(dir.path() / command.out) << "previous"; }
      const fs::path marker = seam.path() / "in-the-window";
      testing::Process p(JOULEBENCH_BINARY, command.args, dir.path(), seam.path(),
                         {{"JOULEBENCH_TEST_HOLD_COMMIT", marker.string()}});
      ASSERT_TRUE(wait_for(marker));
      p.signal(signal.number);
      const testing::ProcessResult r = p.wait();

      EXPECT_EQ(r.exit_code, 128 + signal.number) << r.err;
      const std::string expected = fmt::format(
          "joulebench {}: interrupted; {} ({})", command.name,
          std::string(command.name) == "run" ? "no result file written" : "no output file written",
          signal.name);
      const std::vector<std::string> lines = lines_of(r.err);
      ASSERT_FALSE(lines.empty());
      EXPECT_EQ(lines.back(), expected) << r.err;
      EXPECT_EQ(r.err.back(), '\n');
      // `run` prints its context first; the others print nothing else.
      if (std::string(command.name) != "run") {
        EXPECT_EQ(lines.size(), 1u) << r.err;
      }
      EXPECT_EQ(testing::read_whole_file(dir.path() / command.out), "previous");
      EXPECT_EQ(dir.entries(), std::vector<std::string>{command.out});
    }
  }
}

// Streaming has no temporary to remove; the line says the output is incomplete and the FIFO is
// still a FIFO.
TEST(InterruptCli, AnInterruptWhileStreamingIntoAFifoSaysTheOutputIsIncomplete) {
  testing::TempDir dir;
  testing::TempDir seam;
  const fs::path fifo = dir.path() / "pipe";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  const int reader = ::open(fifo.c_str(), O_RDONLY | O_NONBLOCK);  // so the writer's open returns
  ASSERT_GE(reader, 0);
  const fs::path marker = seam.path() / "in-the-window";
  testing::Process p(JOULEBENCH_BINARY, {"report", fixture("lab-measured.json"), "--out", "pipe"},
                     dir.path(), seam.path(), {{"JOULEBENCH_TEST_HOLD_COMMIT", marker.string()}});
  ASSERT_TRUE(wait_for(marker));
  p.signal(SIGTERM);
  const testing::ProcessResult r = p.wait();
  ::close(reader);
  EXPECT_EQ(r.exit_code, 128 + SIGTERM);
  EXPECT_EQ(r.err,
            "joulebench report: interrupted; no output file written; the output streamed so far "
            "is incomplete (SIGTERM)\n");
  EXPECT_TRUE(fs::is_fifo(fifo));
  EXPECT_EQ(dir.entries(), std::vector<std::string>{"pipe"});
}

TEST(OutputTargetCli, ReportWritesThroughALinkAndIntoDevNullWithoutReplacingEither) {
  testing::TempDir dir;
  fs::create_directory(dir.path() / "archive");
  fs::create_symlink("archive/board.md", dir.path() / "latest.md");
  fs::create_symlink("/dev/null", dir.path() / "null-link");
  for (const std::string out : {"latest.md", "null-link", "/dev/null", "-"}) {
    const testing::ProcessResult r =
        testing::Process(JOULEBENCH_BINARY, {"report", fixture("lab-measured.json"), "--out", out},
                         dir.path(), dir.path())
            .wait();
    EXPECT_EQ(r.exit_code, 0) << out << ": " << r.err;
    EXPECT_EQ(r.out.empty(), out != "-") << out;
  }
  EXPECT_TRUE(fs::is_symlink(dir.path() / "latest.md"));
  EXPECT_NE(testing::read_whole_file(dir.path() / "archive" / "board.md").find("leaderboard"),
            std::string::npos);
  EXPECT_TRUE(fs::is_symlink(dir.path() / "null-link"));
  struct stat st {};
  ASSERT_EQ(::stat("/dev/null", &st), 0);
  EXPECT_TRUE(S_ISCHR(st.st_mode));
  EXPECT_EQ(dir.entries(), (std::vector<std::string>{"archive", "latest.md", "null-link"}));
}

TEST(OutputTargetCli, ADirectoryOrSocketAsOutIsOneLineAndExit2) {
  testing::TempDir dir;
  const testing::ProcessResult r =
      testing::Process(JOULEBENCH_BINARY, {"statement", fixture("lab-measured.json"), "--out", "."},
                       dir.path(), dir.path())
          .wait();
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "joulebench statement: error: . is a directory, not a file\n");
}

// A temporary left by SIGKILL (or a crash): named for its process, swept by the next write of
// the same file once that process is gone.
TEST(OutputTargetCli, ATemporaryOfAKilledProcessIsSweptByTheNextWrite) {
  testing::TempDir dir;
  testing::TempDir seam;
  { std::ofstream(dir.path() / "board.md") << "previous"; }
  const fs::path marker = seam.path() / "in-the-window";
  testing::Process killed(JOULEBENCH_BINARY,
                          {"report", fixture("lab-measured.json"), "--out", "board.md"}, dir.path(),
                          seam.path(), {{"JOULEBENCH_TEST_HOLD_COMMIT", marker.string()}});
  ASSERT_TRUE(wait_for(marker));
  killed.signal(SIGKILL);
  EXPECT_EQ(killed.wait().exit_code, 128 + SIGKILL);
  ASSERT_EQ(dir.entries().size(), 2u) << "SIGKILL left no temporary to sweep";
  EXPECT_TRUE(dir.entries()[1].starts_with("board.md.tmp.")) << dir.entries()[1];

  const testing::ProcessResult r =
      testing::Process(JOULEBENCH_BINARY,
                       {"report", fixture("lab-measured.json"), "--out", "board.md"}, dir.path(),
                       seam.path())
          .wait();
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(dir.entries(), std::vector<std::string>{"board.md"});
  EXPECT_NE(testing::read_whole_file(dir.path() / "board.md"), "previous");
}

}  // namespace
}  // namespace joulebench
