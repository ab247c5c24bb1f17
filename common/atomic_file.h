#pragma once
// Result files are written whole or not at all: a reader (or a CI job after Ctrl-C) sees either
// the previous file or the complete new one, never a truncated JSON.

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace joulebench {

// A temporary file beside `target` (same directory, so the final rename is atomic). Construction
// creates it, or throws std::runtime_error with a one-line reason (e.g. the directory is not
// writable). commit() flushes it to disk and renames it over `target`; if commit() is never
// called, the destructor removes the temporary file.
class PendingFile {
 public:
  explicit PendingFile(std::filesystem::path target);
  ~PendingFile();
  PendingFile(const PendingFile&) = delete;
  PendingFile& operator=(const PendingFile&) = delete;

  const std::filesystem::path& temp_path() const { return temp_; }
  const std::filesystem::path& target() const { return target_; }

  // Throws std::runtime_error with a one-line reason when flushing or renaming fails.
  void commit();

 private:
  std::filesystem::path target_;
  std::filesystem::path temp_;
  bool committed_ = false;
  int signal_slot_ = -1;  // where remove_pending_files_from_signal_handler() finds temp_
};

// Writes `contents` to `target` atomically. Throws std::runtime_error with a one-line reason.
void write_file_atomically(const std::filesystem::path& target, std::string_view contents);

// Removes the temporary file of every PendingFile neither committed nor destroyed. Only
// async-signal-safe calls (unlink), so a SIGINT/SIGTERM handler may call it; see
// harness/measurement/result_output.h. Up to 8 pending files at once are known to it.
void remove_pending_files_from_signal_handler();

// The temporaries that remove_pending_files_from_signal_handler() would remove (for tests).
std::vector<std::string> pending_temp_paths();

}  // namespace joulebench
