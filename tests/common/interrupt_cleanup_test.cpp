// The one interrupt path (issue 21): each of SIGINT, SIGTERM, SIGHUP and SIGQUIT removes every
// pending temporary, nested ones included, and exits 128 + the signal with one line naming it;
// including in the commit window, between fsync and rename (held open by the test seam).

#include "common/interrupt_cleanup.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <thread>

#include "common/atomic_file.h"
#include "common/commit_window_seam.h"
#include "tests/support/file_text.h"
#include "tests/support/temp_dir.h"

namespace joulebench {
namespace {

namespace fs = std::filesystem;

struct SignalCase {
  int number;
  const char* name;
};
const SignalCase kCases[] = {
    {SIGINT, "SIGINT"}, {SIGTERM, "SIGTERM"}, {SIGHUP, "SIGHUP"}, {SIGQUIT, "SIGQUIT"}};

class EverySignal : public ::testing::TestWithParam<SignalCase> {};

TEST_P(EverySignal, RemovesNestedTemporariesAndExitsWithTheSignalsCode) {
  const SignalCase signal = GetParam();
  testing::TempDir dir;
  write_file_atomically(dir.path() / "out.json", "previous");
  EXPECT_EXIT(
      {
        const InterruptCleanup cleanup("./bench");
        PendingFile outer(dir.path() / "out.json");
        PendingFile inner(outer.temp_path());
        std::ofstream(inner.temp_path()) << "half";
        ::raise(signal.number);
      },
      ::testing::ExitedWithCode(128 + signal.number),
      fmt::format("^\\./bench: interrupted; no result file written \\({}\\)\n$", signal.name));
  EXPECT_EQ(testing::read_whole_file(dir.path() / "out.json"), "previous");
  EXPECT_EQ(dir.entries(), std::vector<std::string>{"out.json"});
}

// The window the bug report hit with strace: the temporary complete and flushed, not renamed.
TEST_P(EverySignal, InTheCommitWindowLeavesThePreviousFileAndNoTemporary) {
  const SignalCase signal = GetParam();
  testing::TempDir dir;
  write_file_atomically(dir.path() / "out.json", "previous");
  const fs::path marker = dir.path() / "in-the-window";
  EXPECT_EXIT(
      {
        ::setenv(kHoldCommitVariable, marker.c_str(), 1);
        const InterruptCleanup cleanup("joulebench report", "no output file written");
        std::thread interrupter([&] {
          while (!fs::exists(marker))
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
          ::kill(::getpid(), signal.number);
        });
        interrupter.detach();
        write_file_atomically(dir.path() / "out.json", "complete but never renamed");
      },
      ::testing::ExitedWithCode(128 + signal.number),
      fmt::format("^joulebench report: interrupted; no output file written \\({}\\)\n$",
                  signal.name));
  fs::remove(marker);
  EXPECT_EQ(testing::read_whole_file(dir.path() / "out.json"), "previous");
  EXPECT_EQ(dir.entries(), std::vector<std::string>{"out.json"});
}

INSTANTIATE_TEST_SUITE_P(InterruptCleanup, EverySignal, ::testing::ValuesIn(kCases),
                         [](const ::testing::TestParamInfo<SignalCase>& param_info) {
                           return std::string(param_info.param.name);
                         });

TEST(InterruptCleanupDeathTest, TheInnermostLineIsPrintedAndTheOuterOneComesBack) {
  EXPECT_EXIT(
      {
        const InterruptCleanup outer("joulebench run");
        { const InterruptCleanup inner("inner", "never printed"); }
        ::raise(SIGTERM);
      },
      ::testing::ExitedWithCode(128 + SIGTERM),
      "^joulebench run: interrupted; no result file written \\(SIGTERM\\)\n$");
}

TEST(InterruptCleanupDeathTest, StreamingOutputSaysTheOutputIsIncomplete) {
  EXPECT_EXIT(
      {
        const InterruptCleanup cleanup("joulebench report", "no output file written");
        const StreamingOutput streaming;
        ::raise(SIGINT);
      },
      ::testing::ExitedWithCode(128 + SIGINT),
      "^joulebench report: interrupted; no output file written; the output streamed so far is "
      "incomplete \\(SIGINT\\)\n$");
}

// nohup and background jobs ignore SIGHUP or SIGINT on purpose: that choice is kept.
TEST(InterruptCleanup, ASignalIgnoredBeforehandStaysIgnored) {
  struct sigaction ignore {};
  ignore.sa_handler = SIG_IGN;
  struct sigaction previous {};
  ASSERT_EQ(::sigaction(SIGHUP, &ignore, &previous), 0);
  {
    const InterruptCleanup cleanup("./bench");
    ::raise(SIGHUP);  // would exit 129 if caught
    struct sigaction now {};
    ::sigaction(SIGHUP, nullptr, &now);
    EXPECT_EQ(now.sa_handler, SIG_IGN);
  }
  ::sigaction(SIGHUP, &previous, nullptr);
}

TEST(InterruptCleanup, DestructionRestoresThePreviousHandlers) {
  struct sigaction before {};
  ::sigaction(SIGQUIT, nullptr, &before);
  { const InterruptCleanup cleanup("./bench"); }
  struct sigaction after {};
  ::sigaction(SIGQUIT, nullptr, &after);
  EXPECT_EQ(after.sa_handler, before.sa_handler);
}

}  // namespace
}  // namespace joulebench
