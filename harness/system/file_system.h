#pragma once
// The seam every sysfs and procfs read goes through, so tests can put a scripted file system
// (permission errors as root, files that vanish) under the meters without touching the real one.

#include <string>
#include <vector>

namespace joulebench {

struct FileText {
  std::string text;
  int error = 0;  // errno of the failed open/read; 0 when `text` holds the file

  bool ok() const { return error == 0; }
};

class FileSystem {
 public:
  virtual ~FileSystem() = default;
  // The whole (small) file. Never throws: a failure is an errno in the result.
  virtual FileText read_text(const std::string& path) const noexcept = 0;
  // Names of the entries in a directory (no "." or ".."), empty when it cannot be listed.
  virtual std::vector<std::string> list_directory(const std::string& path) const = 0;
  virtual bool exists(const std::string& path) const = 0;
};

// The process's own file system, through open/read/close (one syscall each, no buffering:
// sysfs regenerates an attribute on every read from offset 0).
const FileSystem& real_file_system();

// The first line of a file without its newline, or std::nullopt-like empty text on error.
std::string first_line(const FileText& file);

}  // namespace joulebench
