#include "common/bounded_read.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <stdexcept>

#include "common/error_text.h"

namespace joulebench {
namespace {

constexpr std::size_t kChunkBytes = 64 * 1024;
constexpr std::size_t kMaxPathChars = 400;

// Closes the descriptor on every path out, exceptions included.
class Descriptor {
 public:
  explicit Descriptor(int fd) : fd_(fd) {}
  ~Descriptor() {
    if (fd_ >= 0)
      ::close(fd_);
  }
  Descriptor(const Descriptor&) = delete;
  Descriptor& operator=(const Descriptor&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

[[noreturn]] void fail(const std::filesystem::path& path, std::string_view reason) {
  throw std::runtime_error(fmt::format("{}: {}", path_for_message(path), reason));
}

std::string describe_file_size(std::uintmax_t bytes) {
  if (bytes < (1u << 20))
    return fmt::format("{} bytes", bytes);
  return fmt::format("{:.1f} MiB", static_cast<double>(bytes) / (1u << 20));
}

}  // namespace

std::string describe_byte_limit(std::uintmax_t bytes) {
  if (bytes >= (1u << 20) && bytes % (1u << 20) == 0)
    return fmt::format("{} MiB", bytes >> 20);
  if (bytes >= 1024 && bytes % 1024 == 0)
    return fmt::format("{} KiB", bytes >> 10);
  return fmt::format("{} bytes", bytes);
}

std::string path_for_message(const std::filesystem::path& path) {
  return printable_text(path.native(), kMaxPathChars);
}

std::string read_file_bounded(const std::filesystem::path& path, std::uintmax_t max_bytes,
                              std::string_view what) {
  std::string text;
  read_file_bounded_into(path, max_bytes, what, text);
  return text;
}

void read_file_bounded_into(const std::filesystem::path& path, std::uintmax_t max_bytes,
                            std::string_view what, std::string& text) {
  text.clear();
  const Descriptor fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0)
    fail(path, fmt::format("cannot open: {}", std::strerror(errno)));
  struct stat info {};
  if (::fstat(fd.get(), &info) != 0)
    fail(path, fmt::format("cannot open: {}", std::strerror(errno)));
  if (S_ISDIR(info.st_mode))
    fail(path, "is a directory");
  const auto too_large = [&](std::string_view size) {
    fail(path,
         fmt::format("{}more than the {} {} may have", size, describe_byte_limit(max_bytes), what));
  };
  // A regular file says its size: refuse before reading a byte.
  if (S_ISREG(info.st_mode) && static_cast<std::uintmax_t>(info.st_size) > max_bytes)
    too_large(fmt::format("{} is ", describe_file_size(static_cast<std::uintmax_t>(info.st_size))));

  // Read straight into the string (no staging buffer: for a 50 MB result file the copy was a
  // tenth of `report`'s time). A regular file's size is the first guess; streams grow by half.
  std::size_t filled = 0;
  text.resize(S_ISREG(info.st_mode) ? static_cast<std::size_t>(info.st_size) + 1 : kChunkBytes);
  for (;;) {
    if (filled == text.size())
      text.resize(
          std::min<std::uintmax_t>(text.size() + text.size() / 2 + kChunkBytes, max_bytes + 1));
    const ssize_t n = ::read(fd.get(), text.data() + filled, text.size() - filled);
    if (n == 0)
      break;
    if (n < 0) {
      if (errno == EINTR)
        continue;
      fail(path, fmt::format("read error: {}", std::strerror(errno)));
    }
    filled += static_cast<std::size_t>(n);
    if (filled > max_bytes)
      too_large("");  // a stream, or a file that grew while read: stop at the limit
  }
  text.resize(filled);
}

}  // namespace joulebench
