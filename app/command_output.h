#pragma once
// What the reading-and-rendering subcommands (report, statement, compare) share: their inputs
// are result files and their output goes to standard output or, with --out, to a file written
// atomically.

#include <string>
#include <string_view>
#include <vector>

#include "reporters/result_file.h"

namespace joulebench::cli {

// Reads every file; the first unreadable or malformed one throws its one-line error.
std::vector<ResultFile> read_result_files(const std::vector<std::string>& paths);

// `out_path` empty or `-`: standard output. A regular file (or a symbolic link to one) is
// replaced atomically; a character device or FIFO is written in place; anything else is
// refused (common/output_target.h). Throws std::runtime_error with a one-line reason.
void emit_output(const std::string& out_path, std::string_view text);

}  // namespace joulebench::cli
