#pragma once
// One error model for every joulebench program (the CLI, JOULEBENCH_MAIN programs, the
// kernel-table tool): a user error is one line and exit 2; anything else is an internal error,
// one line naming the exception and asking for a report, and exit 3, so a bug never reads as bad
// input.
//
// Which exceptions are user errors (the rule, in one place: classify_exception):
//   - UserError, and std::runtime_error in general: the project's parsers, readers and checks
//     throw std::runtime_error (or UserError) for input they refuse (a flag value, a file that
//     cannot be read or is malformed, an unknown region, a sensor the user asked for that cannot
//     be read); CLI11's errors and std::regex_error derive from it too.
//   - std::filesystem::filesystem_error: a path the user gave that cannot be used.
// Internal errors, though some derive from std::runtime_error:
//   - fmt::format_error (a format string is code), std::system_error other than filesystem_error
//     (threads, mutexes, streams), std::range_error, std::overflow_error, std::underflow_error;
//   - std::logic_error (std::invalid_argument, std::out_of_range from std::stoi or .at() that
//     escaped a parser), std::bad_alloc, nlohmann::json's exceptions (a parser must turn its
//     parse_error into a one-line message first), any other std::exception, and non-std throws.

#include <cstdio>
#include <exception>
#include <stdexcept>
#include <string>
#include <string_view>

namespace joulebench {

// Exit codes of every joulebench program.
inline constexpr int kExitOk = 0;
inline constexpr int kExitAnswerNo = 1;       // ran, and the answer is "no" (compare: regression)
inline constexpr int kExitUserError = 2;      // bad flags, bad or unreadable input, unusable meter
inline constexpr int kExitInternalError = 3;  // a bug: please report it
// A signal ends a program with 128 + its number (common/interrupt_cleanup.h).

// Thrown for anything the user can fix. std::runtime_error is classified the same way; this
// name says so where it is thrown.
struct UserError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

enum class ErrorKind { user, internal };

struct ErrorReport {
  ErrorKind kind = ErrorKind::internal;
  int exit_code = kExitInternalError;
  std::string line;  // without the newline
};

// What `error` is, and the one line `who` ("joulebench run", "joulebench-kernel-table", a
// program's argv[0]) prints for it:
//   user:     "<who>: error: <what>"
//   internal: "<who>: internal error: <what> (a bug in joulebench, not in your input: please
//              report it with the command line)"
ErrorReport classify_exception(std::exception_ptr error, std::string_view who);

// Prints classify_exception(std::current_exception(), who).line to `stream` and returns its exit
// code. Call it only inside a catch block. Never throws: when even the line cannot be made (no
// memory), a fixed line is printed and the exit code is the internal one.
int report_current_exception(std::string_view who, std::FILE* stream = stderr) noexcept;

// Inside a catch block: a user error is thrown again as a UserError with "<prefix>: " before its
// words (which flag or file it came from); anything else is rethrown unchanged, so wrapping never
// turns a bug into a user error.
[[noreturn]] void rethrow_with_prefix(std::string_view prefix);

}  // namespace joulebench
