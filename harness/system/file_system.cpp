#include "harness/system/file_system.h"

#include <errno.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <charconv>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <system_error>

namespace joulebench {
namespace {

// What a path that is not a regular file is, for the one-line error; empty for a regular file.
std::string_view kind_of_non_regular(mode_t mode) {
  if (S_ISREG(mode))
    return {};
  if (S_ISDIR(mode))
    return "a directory";
  if (S_ISFIFO(mode))
    return "a FIFO";
  if (S_ISCHR(mode))
    return "a character device";
  if (S_ISBLK(mode))
    return "a block device";
  if (S_ISSOCK(mode))
    return "a socket";
  return "not a plain file";
}

FileText not_regular(std::string_view kind) {
  FileText out;
  out.error = EINVAL;
  out.not_regular = kind;
  return out;
}

class RealFileSystem final : public FileSystem {
 public:
  FileText read_at_most(const std::string& path, std::size_t max_bytes) const noexcept override {
    FileText out;
    // Checked before open: opening a FIFO blocks until a writer appears, and opening some
    // devices acts (a watchdog, a tape). stat follows symlinks, as sysfs needs.
    struct stat before {};
    if (::stat(path.c_str(), &before) != 0) {
      out.error = errno;
      return out;
    }
    if (const std::string_view kind = kind_of_non_regular(before.st_mode); !kind.empty())
      return not_regular(kind);
    // O_NONBLOCK: if the path was swapped for a FIFO since the stat, open still returns at once.
    const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) {
      out.error = errno;
      return out;
    }
    struct stat opened {};
    if (::fstat(fd, &opened) != 0) {
      out.error = errno;
    } else if (const std::string_view kind = kind_of_non_regular(opened.st_mode); !kind.empty()) {
      out = not_regular(kind);
    } else {
      read_bounded(fd, max_bytes, out);
    }
    ::close(fd);
    return out;
  }

  std::vector<std::string> list_directory(const std::string& path) const override {
    std::vector<std::string> names;
    std::error_code ec;
    for (std::filesystem::directory_iterator it(path, ec), end; !ec && it != end;
         it.increment(ec)) {
      names.push_back(it->path().filename().string());
    }
    return names;
  }

  bool exists(const std::string& path) const override {
    std::error_code ec;
    return std::filesystem::exists(path, ec);
  }

 private:
  // Reads until end of file, failing with EFBIG as soon as more than `max_bytes` arrived. The
  // size from stat is no guide: sysfs reports 4096 for every attribute and procfs 0.
  static void read_bounded(int fd, std::size_t max_bytes, FileText& out) noexcept {
    char buffer[4096];
    for (;;) {
      const ssize_t n = ::read(fd, buffer, sizeof buffer);
      if (n < 0) {
        if (errno == EINTR)
          continue;
        out.error = errno;
        break;
      }
      if (n == 0)
        break;
      if (out.text.size() + static_cast<std::size_t>(n) > max_bytes) {
        out.error = EFBIG;
        break;
      }
      try {
        out.text.append(buffer, static_cast<std::size_t>(n));
      } catch (...) {  // bad_alloc under a memory limit: a failed read, not a crash
        out.error = ENOMEM;
        break;
      }
    }
    if (!out.ok())
      out.text.clear();
  }
};

// The text of an attribute without its one trailing newline; nullopt for a failed read.
std::optional<std::string_view> attribute_body(const FileText& file) {
  if (!file.ok())
    return std::nullopt;
  std::string_view body = file.text;
  if (body.ends_with('\n'))
    body.remove_suffix(1);
  return body;
}

}  // namespace

const FileSystem& real_file_system() {
  static const RealFileSystem instance;
  return instance;
}

std::string first_line(const FileText& file) {
  if (!file.ok())
    return {};
  const std::size_t end = file.text.find('\n');
  return file.text.substr(0, end);
}

std::string describe_error(const FileText& file, std::size_t max_bytes) {
  if (file.ok())
    return {};
  if (!file.not_regular.empty())
    return fmt::format("not a regular file ({})", file.not_regular);
  if (file.error == EFBIG)
    return fmt::format("longer than {} bytes", max_bytes);
  return std::strerror(file.error);
}

std::optional<std::uint64_t> parse_unsigned_attribute(const FileText& file) {
  const std::optional<std::string_view> body = attribute_body(file);
  if (!body || body->empty() || (*body)[0] < '0' || (*body)[0] > '9')
    return std::nullopt;
  std::uint64_t value = 0;
  const char* const end = body->data() + body->size();
  const auto [stop, ec] = std::from_chars(body->data(), end, value);
  if (ec != std::errc() || stop != end)
    return std::nullopt;
  return value;
}

std::optional<double> parse_decimal_attribute(const FileText& file) {
  const std::optional<std::string_view> body = attribute_body(file);
  if (!body || body->empty())
    return std::nullopt;
  double value = 0.0;
  const char* const end = body->data() + body->size();
  const auto [stop, ec] = std::from_chars(body->data(), end, value);
  if (ec != std::errc() || stop != end || !std::isfinite(value))
    return std::nullopt;
  return value;
}

}  // namespace joulebench
