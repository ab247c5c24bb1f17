#include "common/atomic_file.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

#include "tests/support/file_text.h"
#include "tests/support/temp_dir.h"

namespace joulebench {
namespace {

TEST(AtomicFile, WritesTheWholeFile) {
  testing::TempDir dir;
  write_file_atomically(dir.path() / "out.md", "hello\n");
  EXPECT_EQ(testing::read_whole_file(dir.path() / "out.md"), "hello\n");
  EXPECT_EQ(dir.entries(), std::vector<std::string>{"out.md"});
}

TEST(AtomicFile, UncommittedPendingFileLeavesThePreviousFileAndNoTemporary) {
  testing::TempDir dir;
  write_file_atomically(dir.path() / "out.json", "previous");
  {
    PendingFile pending(dir.path() / "out.json");
    std::ofstream(pending.temp_path()) << "half a new fi";
    EXPECT_EQ(pending_temp_paths(), std::vector<std::string>{pending.temp_path().string()});
  }  // destroyed without commit(): as after an exception mid-run
  EXPECT_EQ(testing::read_whole_file(dir.path() / "out.json"), "previous");
  EXPECT_EQ(dir.entries(), std::vector<std::string>{"out.json"});
  EXPECT_EQ(pending_temp_paths(), std::vector<std::string>{});
}

// A temporary rewritten atomically through a temporary of its own (finish_result_json on a
// pending file; issue 20: the nested write once cleared the only signal slot): an interrupt
// then must still find the outer one.
TEST(AtomicFile, NestedPendingFilesAreAllRemovedByTheSignalHandlerCleanup) {
  testing::TempDir dir;
  write_file_atomically(dir.path() / "out.json", "previous");
  PendingFile outer(dir.path() / "out.json");
  {
    PendingFile inner(outer.temp_path());
    std::ofstream(inner.temp_path()) << "rewritten";
    inner.commit();
  }
  EXPECT_EQ(pending_temp_paths(), std::vector<std::string>{outer.temp_path().string()});
  remove_pending_files_from_signal_handler();  // as on Ctrl-C before outer.commit()
  EXPECT_EQ(dir.entries(), std::vector<std::string>{"out.json"});
  EXPECT_EQ(testing::read_whole_file(dir.path() / "out.json"), "previous");
}

TEST(AtomicFile, CommitReplacesThePreviousFile) {
  testing::TempDir dir;
  write_file_atomically(dir.path() / "out.json", "previous");
  PendingFile pending(dir.path() / "out.json");
  std::ofstream(pending.temp_path()) << "new";
  pending.commit();
  EXPECT_EQ(testing::read_whole_file(dir.path() / "out.json"), "new");
  EXPECT_EQ(dir.entries(), std::vector<std::string>{"out.json"});
}

TEST(AtomicFile, UnwritableTargetIsAOneLineError) {
  testing::TempDir dir;
  for (const auto& target : {dir.path() / "missing-dir" / "out.json", dir.path()}) {
    try {
      write_file_atomically(target, "x");
      FAIL() << "expected an error for " << target;
    } catch (const std::runtime_error& e) {
      EXPECT_NE(std::string(e.what()).find(target.string()), std::string::npos) << e.what();
      EXPECT_EQ(std::string(e.what()).find('\n'), std::string::npos);
    }
  }
}

// Temporaries that survive SIGKILL or a crash (issues 18 and 21).

// A process id that belonged to a process now gone.
pid_t dead_pid() {
  const pid_t child = ::fork();
  if (child == 0)
    ::_exit(0);
  ::waitpid(child, nullptr, 0);
  return child;
}

std::vector<std::string> temporaries_in(const testing::TempDir& dir) {
  std::vector<std::string> names;
  for (const std::string& name : dir.entries()) {
    if (name.find(".tmp.") != std::string::npos)
      names.push_back(name);
  }
  return names;
}

TEST(AtomicFile, TemporariesNameTheirProcess) {
  testing::TempDir dir;
  const PendingFile pending(dir.path() / "out.json");
  const std::string name = pending.temp_path().filename().string();
  EXPECT_EQ(name.substr(0, name.size() - 6), fmt::format("out.json.tmp.{}.", ::getpid()));
}

TEST(AtomicFile, ATemporaryLeftBySigkillIsSweptByTheNextWriteOfTheSameFile) {
  testing::TempDir dir;
  write_file_atomically(dir.path() / "out.json", "previous");
  const pid_t child = ::fork();
  if (child == 0) {
    PendingFile pending(dir.path() / "out.json");
    std::ofstream(pending.temp_path()) << "half a res";
    ::kill(::getpid(), SIGKILL);  // no destructor, no handler: as the OOM killer does it
  }
  int status = 0;
  ::waitpid(child, &status, 0);
  ASSERT_TRUE(WIFSIGNALED(status));
  ASSERT_EQ(temporaries_in(dir).size(), 1u);
  EXPECT_EQ(testing::read_whole_file(dir.path() / "out.json"), "previous");

  write_file_atomically(dir.path() / "out.json", "new");
  EXPECT_EQ(dir.entries(), std::vector<std::string>{"out.json"});
  EXPECT_EQ(testing::read_whole_file(dir.path() / "out.json"), "new");
}

TEST(AtomicFile, ALiveProcessTemporaryIsKept) {
  testing::TempDir dir;
  int ready[2];
  ASSERT_EQ(::pipe(ready), 0);
  const pid_t child = ::fork();
  if (child == 0) {
    PendingFile pending(dir.path() / "out.json");
    [[maybe_unused]] const auto ignored = ::write(ready[1], "1", 1);
    ::pause();
    ::_exit(0);
  }
  char byte = 0;
  ASSERT_EQ(::read(ready[0], &byte, 1), 1);
  ::close(ready[0]);
  ::close(ready[1]);

  write_file_atomically(dir.path() / "out.json", "mine");
  EXPECT_EQ(temporaries_in(dir).size(), 1u) << "a running writer's temporary was removed";

  ::kill(child, SIGKILL);
  ::waitpid(child, nullptr, 0);
  EXPECT_EQ(sweep_abandoned_temporaries(dir.path() / "out.json"), 1);
  EXPECT_EQ(dir.entries(), std::vector<std::string>{"out.json"});
  EXPECT_EQ(testing::read_whole_file(dir.path() / "out.json"), "mine");
}

// A dead pid in the name is not enough: the owner may live in another PID namespace (a
// container sharing the directory), and it holds the lock.
TEST(AtomicFile, ALockedTemporaryIsKeptEvenWhenItsPidIsGone) {
  testing::TempDir dir;
  const std::filesystem::path temp = dir.path() / fmt::format("out.json.tmp.{}.abc123", dead_pid());
  std::ofstream(temp) << "other namespace";
  const int fd = ::open(temp.c_str(), O_RDONLY);
  ASSERT_EQ(::flock(fd, LOCK_EX), 0);
  EXPECT_EQ(sweep_abandoned_temporaries(dir.path() / "out.json"), 0);
  ::close(fd);
  EXPECT_EQ(sweep_abandoned_temporaries(dir.path() / "out.json"), 1);
}

TEST(AtomicFile, FilesThatOnlyLookLikeTemporariesAreKept) {
  testing::TempDir dir;
  const pid_t gone = dead_pid();
  const std::vector<std::string> lookalikes = {
      "out.json.tmp.a1b2c3",                          // no pid: made by an older version
      fmt::format("out.json.tmp.{}.abc", gone),       // not mkstemp's six characters
      fmt::format("other.json.tmp.{}.abc123", gone),  // another file's
      fmt::format("out.json.tmp.{}x.abc123", gone),   // not a pid
      fmt::format("xout.json.tmp.{}.abc123", gone)};  // another file's
  for (const std::string& name : lookalikes)
    std::ofstream(dir.path() / name) << "keep";
  write_file_atomically(dir.path() / "out.json", "new");
  EXPECT_EQ(temporaries_in(dir).size(), lookalikes.size());
}

}  // namespace
}  // namespace joulebench
