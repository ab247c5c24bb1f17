#include "common/bounded_read.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <fstream>
#include <stdexcept>
#include <string>
#include <thread>

#include "tests/support/temp_dir.h"

namespace joulebench {
namespace {

std::string error_of(const std::filesystem::path& path, std::uintmax_t limit) {
  try {
    read_file_bounded(path, limit, "a test file");
  } catch (const std::runtime_error& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(BoundedRead, ReadsARegularFileWhole) {
  testing::TempDir dir;
  std::ofstream(dir.path() / "a.txt", std::ios::binary) << std::string("x\0y", 3);
  EXPECT_EQ(read_file_bounded(dir.path() / "a.txt", 3, "a test file"), std::string("x\0y", 3));
}

TEST(BoundedRead, ARegularFileOverTheLimitIsRefusedBeforeReading) {
  testing::TempDir dir;
  std::ofstream(dir.path() / "big.txt") << std::string(2048, 'x');
  EXPECT_EQ(error_of(dir.path() / "big.txt", 1024),
            (dir.path() / "big.txt").string() +
                ": 2048 bytes is more than the 1 KiB a test file may have");
}

TEST(BoundedRead, AnEndlessDeviceStopsAtTheLimitFast) {
  const auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(error_of("/dev/zero", 1u << 20), "/dev/zero: more than the 1 MiB a test file may have");
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
}

TEST(BoundedRead, AFifoIsReadToItsEnd) {
  testing::TempDir dir;
  const auto fifo = dir.path() / "fifo";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  const std::string text(100'000, 'p');  // more than one pipe buffer and one read chunk
  std::thread writer([&] { std::ofstream(fifo, std::ios::binary) << text; });
  const std::string read = read_file_bounded(fifo, 1u << 20, "a test file");
  writer.join();
  EXPECT_EQ(read, text);
}

TEST(BoundedRead, AFifoOverTheLimitFailsAtTheLimit) {
  testing::TempDir dir;
  const auto fifo = dir.path() / "fifo";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  // The writer offers 1 MB and stops when the reader has gone: EPIPE, with SIGPIPE ignored so
  // that it does not end the test program.
  std::signal(SIGPIPE, SIG_IGN);
  std::thread writer([&] {
    const int fd = ::open(fifo.c_str(), O_WRONLY);
    const std::string chunk(4096, 'q');
    for (int i = 0; i < 256; ++i) {
      if (::write(fd, chunk.data(), chunk.size()) < 0)
        break;
    }
    ::close(fd);
  });
  EXPECT_EQ(error_of(fifo, 64 * 1024),
            fifo.string() + ": more than the 64 KiB a test file may have");
  writer.join();
}

TEST(BoundedRead, ADirectoryIsSaidToBeOne) {
  testing::TempDir dir;
  EXPECT_EQ(error_of(dir.path(), 1024), dir.path().string() + ": is a directory");
}

TEST(BoundedRead, AMissingFileNamesTheFileAndTheReason) {
  EXPECT_EQ(error_of("/nonexistent/x.json", 1024),
            "/nonexistent/x.json: cannot open: No such file or directory");
}

TEST(BoundedRead, APathWithANewlineStaysOneLine) {
  EXPECT_EQ(error_of("/nonexistent/a\nb", 1024),
            "/nonexistent/a\\nb: cannot open: No such file or directory");
}

TEST(BoundedRead, LimitsAreWrittenAsPeopleReadThem) {
  EXPECT_EQ(describe_byte_limit(64u << 20), "64 MiB");
  EXPECT_EQ(describe_byte_limit(16 * 1024), "16 KiB");
  EXPECT_EQ(describe_byte_limit(300), "300 bytes");
}

}  // namespace
}  // namespace joulebench
