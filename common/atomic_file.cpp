#include "common/atomic_file.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace joulebench {
namespace {

// A fixed buffer, not a std::string, so that a signal handler can read it without allocating.
char g_signal_temp_path[4096];
std::atomic<bool> g_signal_temp_path_set{false};

void publish_for_signal_handler(const std::filesystem::path& temp) {
  const std::string s = temp.string();
  if (s.size() >= sizeof g_signal_temp_path)
    return;
  g_signal_temp_path_set.store(false);
  std::memcpy(g_signal_temp_path, s.c_str(), s.size() + 1);
  g_signal_temp_path_set.store(true);
}

void forget_for_signal_handler(const std::filesystem::path& temp) {
  if (g_signal_temp_path_set.load() && temp.string() == g_signal_temp_path) {
    g_signal_temp_path_set.store(false);
  }
}

}  // namespace

PendingFile::PendingFile(std::filesystem::path target) : target_(std::move(target)) {
  if (target_.empty())
    throw std::runtime_error("empty output path");
  if (std::filesystem::is_directory(target_)) {
    throw std::runtime_error(fmt::format("{} is a directory, not a file", target_.string()));
  }
  std::string pattern = target_.string() + ".tmp.XXXXXX";
  const int fd = ::mkstemp(pattern.data());
  if (fd < 0) {
    throw std::runtime_error(
        fmt::format("cannot write {}: {}", target_.string(), std::strerror(errno)));
  }
  ::close(fd);
  temp_ = pattern;
  publish_for_signal_handler(temp_);
}

PendingFile::~PendingFile() {
  forget_for_signal_handler(temp_);
  if (!committed_)
    ::unlink(temp_.c_str());
}

void PendingFile::commit() {
  const int fd = ::open(temp_.c_str(), O_RDONLY);
  if (fd < 0 || ::fsync(fd) != 0) {
    const int err = errno;
    if (fd >= 0)
      ::close(fd);
    throw std::runtime_error(
        fmt::format("cannot flush {}: {}", temp_.string(), std::strerror(err)));
  }
  ::close(fd);
  // mkstemp creates the file 0600; result files are meant to be shared like any other output.
  const mode_t mask = ::umask(0);
  ::umask(mask);
  ::chmod(temp_.c_str(), 0666 & ~mask);
  if (::rename(temp_.c_str(), target_.c_str()) != 0) {
    throw std::runtime_error(fmt::format("cannot move {} to {}: {}", temp_.string(),
                                         target_.string(), std::strerror(errno)));
  }
  committed_ = true;
  forget_for_signal_handler(temp_);
}

void write_file_atomically(const std::filesystem::path& target, std::string_view contents) {
  PendingFile pending(target);
  {
    const int fd = ::open(pending.temp_path().c_str(), O_WRONLY | O_TRUNC);
    if (fd < 0) {
      throw std::runtime_error(
          fmt::format("cannot write {}: {}", target.string(), std::strerror(errno)));
    }
    std::size_t written = 0;
    while (written < contents.size()) {
      const ssize_t n = ::write(fd, contents.data() + written, contents.size() - written);
      if (n < 0) {
        if (errno == EINTR)
          continue;
        const int err = errno;
        ::close(fd);
        throw std::runtime_error(
            fmt::format("cannot write {}: {}", target.string(), std::strerror(err)));
      }
      written += static_cast<std::size_t>(n);
    }
    ::close(fd);
  }
  pending.commit();
}

const char* pending_temp_path_for_signal_handler() {
  return g_signal_temp_path_set.load() ? g_signal_temp_path : nullptr;
}

}  // namespace joulebench
