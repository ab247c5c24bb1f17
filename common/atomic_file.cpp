#include "common/atomic_file.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <stdexcept>

#include "common/commit_window_seam.h"
#include "common/output_target.h"

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

// `<file>.tmp.<pid>.XXXXXX` as PendingFile names it: the pid, or 0 when `name` is not one.
pid_t owner_of_temporary(std::string_view name, std::string_view prefix) {
  if (!name.starts_with(prefix))
    return 0;
  name.remove_prefix(prefix.size());
  const std::size_t dot = name.find('.');
  if (dot == 0 || dot == std::string_view::npos || dot > 9 || name.size() - dot - 1 != 6)
    return 0;
  pid_t pid = 0;
  for (const char c : name.substr(0, dot)) {
    if (c < '0' || c > '9')
      return 0;
    pid = pid * 10 + (c - '0');
  }
  return pid;
}

bool process_is_alive(pid_t pid) {
  return ::kill(pid, 0) == 0 || errno == EPERM;
}

// Removes `temp` when no process holds its lock (the lock goes with its process, however it
// ended), checked on the file itself, not by name.
bool remove_if_unlocked(const std::filesystem::path& temp) {
  const int fd = ::open(temp.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0)
    return false;
  struct stat st {};
  bool removed = false;
  if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && ::flock(fd, LOCK_EX | LOCK_NB) == 0)
    removed = ::unlink(temp.c_str()) == 0;
  ::close(fd);
  return removed;
}

}  // namespace

int sweep_abandoned_temporaries(const std::filesystem::path& final_path) {
  const std::string prefix = final_path.filename().string() + ".tmp.";
  const std::filesystem::path dir =
      final_path.has_parent_path() ? final_path.parent_path() : std::filesystem::path(".");
  std::error_code error;
  std::filesystem::directory_iterator it(dir, error);
  int removed = 0;
  for (; !error && it != std::filesystem::directory_iterator(); it.increment(error)) {
    const std::string name = it->path().filename().string();
    const pid_t owner = owner_of_temporary(name, prefix);
    // Both checks: the pid alone could be another PID namespace's, the lock alone is not yet
    // taken in the instant between mkstemp and flock.
    if (owner <= 0 || owner == ::getpid() || process_is_alive(owner))
      continue;
    removed += remove_if_unlocked(it->path()) ? 1 : 0;
  }
  return removed;
}

PendingFile::PendingFile(std::filesystem::path target) : target_(std::move(target)) {
  const OutputTarget resolved = resolve_output_target(target_);
  if (resolved.kind != OutputKind::kRegularFile) {
    throw std::runtime_error(
        fmt::format("{} is not a regular file; it is written in place, "
                    "never replaced",
                    target_.string()));
  }
  final_ = resolved.path;
  sweep_abandoned_temporaries(final_);
  std::string pattern = fmt::format("{}.tmp.{}.XXXXXX", final_.string(), ::getpid());
  const int fd = ::mkostemp(pattern.data(), O_CLOEXEC);
  if (fd < 0) {
    throw std::runtime_error(
        fmt::format("cannot write {}: {}", target_.string(), std::strerror(errno)));
  }
  // Unlocked only for the instant before this; a sweeper also checks the pid in the name.
  ::flock(fd, LOCK_EX | LOCK_NB);
  lock_fd_ = fd;
  temp_ = pattern;
  signal_slot_ = publish_for_signal_handler(temp_);
}

PendingFile::~PendingFile() {
  forget_for_signal_handler(signal_slot_);
  if (!committed_)
    ::unlink(temp_.c_str());
  if (lock_fd_ >= 0)
    ::close(lock_fd_);
}

void PendingFile::commit() {
  // The lock's descriptor is the temporary itself: whoever wrote it by name wrote this inode.
  if (::fsync(lock_fd_) != 0) {
    throw std::runtime_error(
        fmt::format("cannot flush {}: {}", temp_.string(), std::strerror(errno)));
  }
  // mkstemp creates the file 0600; result files are meant to be shared like any other output.
  const mode_t mask = ::umask(0);
  ::umask(mask);
  ::fchmod(lock_fd_, 0666 & ~mask);
  hold_commit_window_for_tests();
  if (::rename(temp_.c_str(), final_.c_str()) != 0) {
    throw std::runtime_error(fmt::format("cannot move {} to {}: {}", temp_.string(),
                                         final_.string(), std::strerror(errno)));
  }
  committed_ = true;
  forget_for_signal_handler(signal_slot_);
  signal_slot_ = -1;
  ::close(lock_fd_);
  lock_fd_ = -1;
}

void write_all(int fd, std::string_view contents, const std::filesystem::path& name) {
  std::size_t written = 0;
  while (written < contents.size()) {
    const ssize_t n = ::write(fd, contents.data() + written, contents.size() - written);
    if (n < 0) {
      if (errno == EINTR)
        continue;
      throw std::runtime_error(
          fmt::format("cannot write {}: {}", name.string(), std::strerror(errno)));
    }
    written += static_cast<std::size_t>(n);
  }
}

void write_file_atomically(const std::filesystem::path& target, std::string_view contents) {
  PendingFile pending(target);
  {
    const int fd = ::open(pending.temp_path().c_str(), O_WRONLY | O_TRUNC | O_CLOEXEC);
    if (fd < 0) {
      throw std::runtime_error(
          fmt::format("cannot write {}: {}", target.string(), std::strerror(errno)));
    }
    try {
      write_all(fd, contents, target);
    } catch (...) {
      ::close(fd);
      throw;
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
