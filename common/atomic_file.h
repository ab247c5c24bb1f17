#pragma once
// Result files are written whole or not at all: a reader (or a CI job after Ctrl-C) sees either
// the previous file or the complete new one, never a truncated JSON.

#include <filesystem>
#include <string>
#include <string_view>

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
};

// Writes `contents` to `target` atomically. Throws std::runtime_error with a one-line reason.
void write_file_atomically(const std::filesystem::path& target, std::string_view contents);

// The temporary file of the PendingFile created last and not yet committed, or nullptr. A SIGINT
// handler may unlink it (unlink is async-signal-safe); the path buffer stays valid until the
// PendingFile is destroyed.
const char* pending_temp_path_for_signal_handler();

}  // namespace joulebench
