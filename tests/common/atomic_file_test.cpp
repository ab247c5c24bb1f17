#include "common/atomic_file.h"

#include <gtest/gtest.h>

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

// The result file's temporary stays pending while finish_result_json rewrites it through a
// temporary of its own: an interrupt then must still find the outer one.
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

}  // namespace
}  // namespace joulebench
