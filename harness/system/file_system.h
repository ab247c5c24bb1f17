#pragma once
// The seam every sysfs and procfs read goes through, so tests can put a scripted file system
// (permission errors as root, files that vanish) under the meters without touching the real one.
//
// Every read is bounded and never blocks: the file is checked to be a regular file before it is
// opened (a FIFO would block open(), a device may have side effects on open or never end), it is
// opened O_NONBLOCK anyway (closing the race between the check and the open), and a file longer
// than the caller's limit is an error, never read whole.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace joulebench {

// A sysfs attribute: the kernel's show() fills at most one page (PAGE_SIZE, 4096 bytes on x86,
// where RAPL and the power PMU live), so a longer "attribute" is not one. Counters are about 20
// bytes.
inline constexpr std::size_t kMaxAttributeBytes = 4096;
// A procfs text file we parse (/proc/cpuinfo about 1.5 KB per logical CPU, /proc/stat with its
// interrupt line): room for thousands of CPUs, still a bound.
inline constexpr std::size_t kMaxProcTextBytes = std::size_t{4} << 20;  // 4 MiB

struct FileText {
  std::string text;
  // errno of the failed check, open or read; 0 when `text` holds the file. Two are our own:
  // EFBIG, longer than the limit; EINVAL with `not_regular` set, not a regular file.
  int error = 0;
  // "a FIFO", "a directory", "a character device", ... when the path is not a regular file.
  std::string_view not_regular;

  bool ok() const { return error == 0; }
};

class FileSystem {
 public:
  virtual ~FileSystem() = default;
  // The whole file when it is a regular file of at most `max_bytes`. Never throws and never
  // blocks: a failure is an errno in the result.
  virtual FileText read_at_most(const std::string& path, std::size_t max_bytes) const noexcept = 0;
  // Names of the entries in a directory (no "." or ".."), empty when it cannot be listed.
  virtual std::vector<std::string> list_directory(const std::string& path) const = 0;
  virtual bool exists(const std::string& path) const = 0;

  // A sysfs attribute (energy_uj, name, an event's scale): at most kMaxAttributeBytes.
  FileText read_attribute(const std::string& path) const noexcept {
    return read_at_most(path, kMaxAttributeBytes);
  }
  // A procfs text file (/proc/cpuinfo, /proc/stat): at most kMaxProcTextBytes.
  FileText read_text(const std::string& path) const noexcept {
    return read_at_most(path, kMaxProcTextBytes);
  }
};

// The process's own file system, through stat/open/read/close (no buffering: sysfs regenerates
// an attribute on every read from offset 0).
const FileSystem& real_file_system();

// The first line of a file without its newline, or empty text on error.
std::string first_line(const FileText& file);

// Why a read failed, for a one-line message: "not a regular file (a FIFO)", "longer than 4096
// bytes", or strerror. Empty for a successful read.
std::string describe_error(const FileText& file, std::size_t max_bytes = kMaxAttributeBytes);

// A sysfs attribute holding one unsigned decimal number, as the kernel writes it ("%llu\n"):
// digits and at most one trailing newline, nothing else. "123abc", " 123", "123\n456", "-1", ""
// and a number over 2^64-1 are not numbers. nullopt for those and for a failed read.
std::optional<std::uint64_t> parse_unsigned_attribute(const FileText& file);

// The same for a decimal floating-point attribute (a perf event's .scale,
// "2.3283064365386962890625e-10\n"): the whole text up to one trailing newline must be the number,
// and it must be finite.
std::optional<double> parse_decimal_attribute(const FileText& file);

}  // namespace joulebench
