#pragma once
// Where an output path really leads, decided before anything is written: joulebench replaces
// only regular files (atomically, common/atomic_file.h), writes through symbolic links to the
// file they name, streams to character devices, FIFOs and `-` (standard output), and refuses
// everything else. A device node, a FIFO or a link is never replaced by a regular file.

#include <filesystem>
#include <string_view>

namespace joulebench {

enum class OutputKind {
  kStandardOutput,  // `-`
  kStream,          // a character device or a FIFO, perhaps behind links: written in place
  kRegularFile,     // a regular file, or none yet: replaced atomically
};

struct OutputTarget {
  OutputKind kind = OutputKind::kRegularFile;
  // kRegularFile: the file itself with every symbolic link resolved (a link's own directory may
  // differ from its target's, and the temporary must sit beside the file it replaces);
  // kStream: the path as given (open() follows links, /dev/stdout's /proc links included).
  std::filesystem::path path;
};

// Throws std::runtime_error with a one-line reason for a directory, a block device, a socket, a
// loop of links or an empty path.
OutputTarget resolve_output_target(const std::filesystem::path& given);

// Writes `contents` to `given` as resolve_output_target says: standard output and streams are
// written in place (an interrupt then says the output is incomplete), a regular file atomically.
// Throws std::runtime_error with a one-line reason naming `given`.
void write_output(const std::filesystem::path& given, std::string_view contents);

}  // namespace joulebench
