#pragma once
// Reading a whole input file with a byte limit, whatever kind of file it is. A size check before
// reading holds only for regular files: /dev/zero, a pipe or a FIFO report no size and would be
// read until memory runs out. This reads in chunks and stops as soon as the limit is passed, so
// an endless or huge stream fails at the limit, fast, with one line naming the file.

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace joulebench {

// The whole of `path` (regular file, pipe, FIFO, character device; "-" is not special). Throws
// std::runtime_error with one line starting with the path (control characters escaped):
//   "PATH: cannot open: REASON", "PATH: is a directory", "PATH: read error: REASON",
//   "PATH: 70.0 MiB is more than the 64 MiB WHAT may have" (regular file, size known), or
//   "PATH: more than the 64 MiB WHAT may have" (a stream, stopped at the limit).
// `what` names the kind of file for that message: "a result file", "an intensity series".
// Opening a FIFO waits for a writer, as any reader of a FIFO does.
std::string read_file_bounded(const std::filesystem::path& path, std::uintmax_t max_bytes,
                              std::string_view what);
// The same into `text`, replacing what it held but keeping its memory: a caller that reads many
// large files in turn pays the page faults of a fresh buffer once, not once per file. After an
// error `text` holds what was read before it.
void read_file_bounded_into(const std::filesystem::path& path, std::uintmax_t max_bytes,
                            std::string_view what, std::string& text);

// "64 MiB", "16 KiB", "300 bytes": a limit as people read it.
std::string describe_byte_limit(std::uintmax_t bytes);

// The path for a message: control characters escaped, cut if absurdly long.
std::string path_for_message(const std::filesystem::path& path);

}  // namespace joulebench
