#pragma once
// Result files are written whole or not at all: a reader (or a CI job after Ctrl-C) sees either
// the previous file or the complete new one, never a truncated JSON.
//
// Temporaries are named `<file>.tmp.<pid>.XXXXXX` and stay locked (flock) by the process that
// made them. Every signal joulebench catches removes them (common/interrupt_cleanup.h); one left
// by SIGKILL, a crash or a power cut is swept by the next write of the same file, once its
// process is gone and its lock released. A live process's temporary is never removed.

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace joulebench {

// A temporary file beside the file `target` leads to (its symbolic links resolved: the
// temporary sits in the same directory as the file it replaces, so the final rename is atomic,
// and the link stays a link). Construction sweeps abandoned temporaries of that file and
// creates a new one, or throws std::runtime_error with a one-line reason (the directory is not
// writable; `target` is a directory, device, FIFO or socket: those are never replaced, see
// common/output_target.h). commit() flushes it to disk and renames it over the file; if
// commit() is never called, the destructor removes the temporary file.
class PendingFile {
 public:
  explicit PendingFile(std::filesystem::path target);
  ~PendingFile();
  PendingFile(const PendingFile&) = delete;
  PendingFile& operator=(const PendingFile&) = delete;

  const std::filesystem::path& temp_path() const { return temp_; }
  // As given (what messages name).
  const std::filesystem::path& target() const { return target_; }
  // The regular file that commit() replaces: `target` with its links resolved.
  const std::filesystem::path& final_path() const { return final_; }

  // Throws std::runtime_error with a one-line reason when flushing or renaming fails.
  void commit();

 private:
  std::filesystem::path target_;
  std::filesystem::path final_;
  std::filesystem::path temp_;
  int lock_fd_ = -1;  // open on temp_ and flock()ed: "a live process owns this temporary"
  bool committed_ = false;
  int signal_slot_ = -1;  // where remove_pending_files_from_signal_handler() finds temp_
};

// Writes all of `contents` to `fd` (retrying short writes and EINTR). Throws std::runtime_error
// "cannot write <name>: <reason>" on failure; `name` says what `fd` is in that message.
void write_all(int fd, std::string_view contents, const std::filesystem::path& name);

// Writes `contents` to the regular file `target` leads to, atomically. Throws
// std::runtime_error with a one-line reason. (Any output path: write_output in
// common/output_target.h.)
void write_file_atomically(const std::filesystem::path& target, std::string_view contents);

// Removes the temporaries `<final_path>.tmp.<pid>.XXXXXX` whose process is gone (no such pid,
// and no lock held on the file). Returns how many it removed. Errors are ignored: a temporary
// that cannot be inspected is left.
int sweep_abandoned_temporaries(const std::filesystem::path& final_path);

// Removes the temporary file of every PendingFile neither committed nor destroyed. Only
// async-signal-safe calls (unlink), so a signal handler may call it (common/interrupt_cleanup.h).
// Up to 8 pending files at once are known to it.
void remove_pending_files_from_signal_handler();

// The temporaries that remove_pending_files_from_signal_handler() would remove (for tests).
std::vector<std::string> pending_temp_paths();

}  // namespace joulebench
