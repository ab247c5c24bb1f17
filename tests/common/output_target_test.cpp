// --out respected (issue 21): links are written through, devices and FIFOs are streamed into,
// nothing that is not a regular file is ever replaced by one.

#include "common/output_target.h"

#include <gtest/gtest.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <fstream>
#include <future>
#include <iterator>

#include "common/atomic_file.h"
#include "tests/support/file_text.h"
#include "tests/support/temp_dir.h"

namespace joulebench {
namespace {

namespace fs = std::filesystem;

void expect_one_line_error(const fs::path& target, const std::string& mention) {
  try {
    write_output(target, "x");
    FAIL() << "expected an error for " << target;
  } catch (const std::runtime_error& e) {
    const std::string what = e.what();
    EXPECT_EQ(what.find('\n'), std::string::npos) << what;
    EXPECT_NE(what.find(target.string()), std::string::npos) << what;
    EXPECT_NE(what.find(mention), std::string::npos) << what;
  }
}

TEST(OutputTarget, ASymlinkIsWrittenThroughAndStaysALink) {
  testing::TempDir dir;
  fs::create_directory(dir.path() / "archive");
  write_output(dir.path() / "archive" / "run.md", "previous");
  fs::create_symlink("archive/run.md", dir.path() / "latest.md");

  write_output(dir.path() / "latest.md", "new\n");

  EXPECT_TRUE(fs::is_symlink(dir.path() / "latest.md"));
  EXPECT_EQ(fs::read_symlink(dir.path() / "latest.md"), "archive/run.md");
  EXPECT_EQ(testing::read_whole_file(dir.path() / "archive" / "run.md"), "new\n");
  EXPECT_EQ(dir.entries(), (std::vector<std::string>{"archive", "latest.md"}));
  EXPECT_EQ(fs::directory_iterator(dir.path() / "archive")->path().filename(), "run.md");
}

// The temporary sits beside the file the links lead to, so the rename stays in one file system
// and one directory.
TEST(OutputTarget, TheTemporaryOfALinkedFileSitsBesideThatFile) {
  testing::TempDir dir;
  fs::create_directory(dir.path() / "archive");
  fs::create_symlink(dir.path() / "archive" / "run.json", dir.path() / "hop2.json");
  fs::create_symlink("hop2.json", dir.path() / "hop1.json");
  const OutputTarget target = resolve_output_target(dir.path() / "hop1.json");
  EXPECT_EQ(target.kind, OutputKind::kRegularFile);
  EXPECT_EQ(target.path, dir.path() / "archive" / "run.json");  // dangling: created by the write
  PendingFile pending(dir.path() / "hop1.json");
  EXPECT_EQ(pending.temp_path().parent_path(), dir.path() / "archive");
  std::ofstream(pending.temp_path()) << "through two links";
  pending.commit();
  EXPECT_TRUE(fs::is_symlink(dir.path() / "hop1.json"));
  EXPECT_EQ(testing::read_whole_file(dir.path() / "hop1.json"), "through two links");
}

TEST(OutputTarget, ACharacterDeviceIsWrittenInPlaceAndStaysADevice) {
  testing::TempDir dir;
  fs::create_symlink("/dev/null", dir.path() / "null-link");
  for (const fs::path& target : {fs::path("/dev/null"), dir.path() / "null-link"}) {
    EXPECT_EQ(resolve_output_target(target).kind, OutputKind::kStream);
    write_output(target, "discarded");
    struct stat st {};
    ASSERT_EQ(::stat("/dev/null", &st), 0);
    EXPECT_TRUE(S_ISCHR(st.st_mode));
  }
  EXPECT_TRUE(fs::is_symlink(dir.path() / "null-link"));
  EXPECT_EQ(dir.entries(), std::vector<std::string>{"null-link"});
}

TEST(OutputTarget, AFifoIsStreamedIntoNotReplaced) {
  testing::TempDir dir;
  const fs::path fifo = dir.path() / "pipe";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  auto reader = std::async(std::launch::async, [&] {
    std::ifstream in(fifo);
    return std::string(std::istreambuf_iterator<char>(in), {});
  });
  write_output(fifo, "streamed\n");
  EXPECT_EQ(reader.get(), "streamed\n");
  EXPECT_TRUE(fs::is_fifo(fifo));
  EXPECT_EQ(dir.entries(), std::vector<std::string>{"pipe"});
}

TEST(OutputTarget, DashIsStandardOutput) {
  testing::TempDir dir;
  EXPECT_EQ(resolve_output_target("-").kind, OutputKind::kStandardOutput);
  ::testing::internal::CaptureStdout();
  write_output("-", "to stdout\n");
  EXPECT_EQ(::testing::internal::GetCapturedStdout(), "to stdout\n");
}

TEST(OutputTarget, DirectoriesSocketsAndLinkLoopsAreRefusedOnOneLine) {
  testing::TempDir dir;
  expect_one_line_error(dir.path(), "is a directory");
  fs::create_symlink(dir.path(), dir.path() / "dir-link");
  expect_one_line_error(dir.path() / "dir-link", "is a directory");

  const fs::path socket_path = dir.path() / "sock";
  const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
  ASSERT_GE(fd, 0);
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  std::snprintf(address.sun_path, sizeof address.sun_path, "%s", socket_path.c_str());
  ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
  expect_one_line_error(socket_path, "is a socket");
  ::close(fd);
  EXPECT_TRUE(fs::is_socket(socket_path));

  fs::create_symlink("loop-b", dir.path() / "loop-a");
  fs::create_symlink("loop-a", dir.path() / "loop-b");
  expect_one_line_error(dir.path() / "loop-a", "too many levels of symbolic links");
  expect_one_line_error("", "empty output path");
}

// PendingFile is for regular files only: a device or FIFO is refused, never replaced (the bug:
// a symlink to /dev/null named as --out became a regular file).
TEST(OutputTarget, APendingFileRefusesNodesThatAreNotRegularFiles) {
  testing::TempDir dir;
  const fs::path fifo = dir.path() / "pipe";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  fs::create_symlink("/dev/null", dir.path() / "null-link");
  for (const fs::path& target : {fifo, dir.path() / "null-link"}) {
    EXPECT_THROW(write_file_atomically(target, "x"), std::runtime_error) << target;
  }
  EXPECT_TRUE(fs::is_fifo(fifo));
  EXPECT_TRUE(fs::is_symlink(dir.path() / "null-link"));
  EXPECT_EQ(dir.entries(), (std::vector<std::string>{"null-link", "pipe"}));
}

}  // namespace
}  // namespace joulebench
