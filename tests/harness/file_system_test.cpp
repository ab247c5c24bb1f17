// The sysfs/procfs seam reads only regular files, never blocks and never reads more than its
// limit; attributes parse whole (issue 21: a FIFO energy_uj hung `meters` and `run`, "123abc"
// read as 123, a 200 MB energy_uj was read whole).

#include "harness/system/file_system.h"

#include <errno.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <future>
#include <string>

#include "tests/support/temp_dir.h"

namespace joulebench {
namespace {

void write(const std::filesystem::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

FileText text_of(std::string text) {
  return FileText{std::move(text), 0, {}};
}

TEST(RealFileSystem, AFifoIsRefusedAtOnceNotWaitedOn) {
  testing::TempDir dir;
  const std::filesystem::path fifo = dir.path() / "energy_uj";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0644), 0);
  auto read = std::async(std::launch::async,
                         [&] { return real_file_system().read_attribute(fifo.string()); });
  if (read.wait_for(std::chrono::seconds(10)) != std::future_status::ready) {
    // Unblock the reader (open for reading waits for a writer) so the test can end, then fail.
    const int writer = ::open(fifo.c_str(), O_WRONLY | O_NONBLOCK);
    if (writer >= 0)
      ::close(writer);
    read.wait();
    FAIL() << "reading a FIFO blocked";
  }
  const FileText file = read.get();
  EXPECT_FALSE(file.ok());
  EXPECT_EQ(file.error, EINVAL);
  EXPECT_EQ(file.not_regular, "a FIFO");
  EXPECT_EQ(describe_error(file), "not a regular file (a FIFO)");
}

TEST(RealFileSystem, DirectoriesAndDevicesAreNotRegularFiles) {
  testing::TempDir dir;
  const FileText directory = real_file_system().read_attribute(dir.path().string());
  EXPECT_EQ(directory.not_regular, "a directory");
  // /dev/null and /dev/zero exist on every Linux; /dev/zero would never end if read.
  for (const char* device : {"/dev/null", "/dev/zero"}) {
    const FileText file = real_file_system().read_text(device);
    EXPECT_FALSE(file.ok()) << device;
    EXPECT_EQ(describe_error(file), "not a regular file (a character device)") << device;
  }
}

TEST(RealFileSystem, AnAttributeOverOnePageIsAnErrorNotReadWhole) {
  testing::TempDir dir;
  const std::filesystem::path page = dir.path() / "page";
  const std::filesystem::path over = dir.path() / "over";
  write(page, std::string(kMaxAttributeBytes, '1'));
  write(over, std::string(kMaxAttributeBytes + 1, '1'));
  EXPECT_TRUE(real_file_system().read_attribute(page.string()).ok());
  const FileText file = real_file_system().read_attribute(over.string());
  EXPECT_EQ(file.error, EFBIG);
  EXPECT_TRUE(file.text.empty());
  EXPECT_EQ(describe_error(file, kMaxAttributeBytes), "longer than 4096 bytes");
  // A procfs text (/proc/cpuinfo of a big machine) may be longer than a page.
  EXPECT_TRUE(real_file_system().read_text(over.string()).ok());
  EXPECT_EQ(real_file_system().read_at_most(over.string(), 100).error, EFBIG);
}

TEST(RealFileSystem, ErrorsOfOpenAreErrnos) {
  EXPECT_EQ(real_file_system().read_attribute("/nonexistent/energy_uj").error, ENOENT);
  EXPECT_EQ(describe_error(real_file_system().read_attribute("/nonexistent/energy_uj")),
            "No such file or directory");
}

TEST(UnsignedAttribute, DigitsAndOneNewlineNothingElse) {
  EXPECT_EQ(parse_unsigned_attribute(text_of("123\n")), 123u);
  EXPECT_EQ(parse_unsigned_attribute(text_of("123")), 123u);
  EXPECT_EQ(parse_unsigned_attribute(text_of("0\n")), 0u);
  EXPECT_EQ(parse_unsigned_attribute(text_of("18446744073709551615\n")), 18446744073709551615u);
  for (const char* lie : {"123abc", "123abc\n", "123\n456", "123\n\n", " 123", "123 ", "+123", "-1",
                          "", "\n", "0x10", "1.5", "18446744073709551616"}) {
    EXPECT_FALSE(parse_unsigned_attribute(text_of(lie))) << '"' << lie << '"';
  }
  EXPECT_FALSE(parse_unsigned_attribute(FileText{"123", ENOENT, {}}));
}

TEST(DecimalAttribute, AWholeFiniteNumber) {
  EXPECT_DOUBLE_EQ(*parse_decimal_attribute(text_of("2.3283064365386962890625e-10\n")),
                   2.3283064365386962890625e-10);
  EXPECT_DOUBLE_EQ(*parse_decimal_attribute(text_of("1")), 1.0);
  for (const char* lie : {"2.3e-10abc", "2.3e-10\nx", "inf", "nan", "1e999", "", " 1", "1 "})
    EXPECT_FALSE(parse_decimal_attribute(text_of(lie))) << '"' << lie << '"';
}

}  // namespace
}  // namespace joulebench
