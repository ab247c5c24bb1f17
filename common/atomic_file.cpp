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

// Fixed buffers, not std::strings, so that a signal handler can read them without allocating.
// Several slots because temporaries nest: the result file's temporary stays pending while
// finish_result_json rewrites it through a temporary of its own.
constexpr int kSignalSlots = 8;
enum SlotState : int { kFree, kWriting, kPublished };
struct SignalSlot {
  std::atomic<int> state{kFree};
  char path[4096];
};
SignalSlot g_signal_slots[kSignalSlots];

// The slot now holding `temp`, or -1 when the path is too long or every slot is taken (the
// temporary is then left behind by an interrupt, never a wrong file removed).
int publish_for_signal_handler(const std::filesystem::path& temp) {
  const std::string s = temp.string();
  if (s.size() >= sizeof g_signal_slots[0].path)
    return -1;
  for (int i = 0; i < kSignalSlots; ++i) {
    int expected = kFree;
    if (g_signal_slots[i].state.compare_exchange_strong(expected, kWriting)) {
      std::memcpy(g_signal_slots[i].path, s.c_str(), s.size() + 1);
      g_signal_slots[i].state.store(kPublished);
      return i;
    }
  }
  return -1;
}

void forget_for_signal_handler(int slot) {
  if (slot >= 0)
    g_signal_slots[slot].state.store(kFree);
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
  signal_slot_ = publish_for_signal_handler(temp_);
}

PendingFile::~PendingFile() {
  forget_for_signal_handler(signal_slot_);
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
  forget_for_signal_handler(signal_slot_);
  signal_slot_ = -1;
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

void remove_pending_files_from_signal_handler() {
  for (SignalSlot& slot : g_signal_slots) {
    if (slot.state.load() == kPublished)
      ::unlink(slot.path);
  }
}

std::vector<std::string> pending_temp_paths() {
  std::vector<std::string> paths;
  for (const SignalSlot& slot : g_signal_slots) {
    if (slot.state.load() == kPublished)
      paths.emplace_back(slot.path);
  }
  return paths;
}

}  // namespace joulebench
