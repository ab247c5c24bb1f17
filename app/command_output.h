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

// `out_path` empty: standard output (flushed, so exit codes follow complete output).
void emit_output(const std::string& out_path, std::string_view text);

}  // namespace joulebench::cli
