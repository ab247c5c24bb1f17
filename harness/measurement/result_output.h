#pragma once
// The result file of a measured run, written whole or not at all, by either front end: Google
// Benchmark writes into a temporary beside the file (handed to it as --benchmark_out), the power
// timelines are merged into that temporary, and only then does it replace the file. A run that
// measured nothing (--benchmark_list_tests, a filter matching nothing) or was interrupted leaves
// any previous file as it was, and no temporary behind.

#include <signal.h>

#include <filesystem>
#include <string_view>
#include <vector>

#include "common/atomic_file.h"
#include "harness/measurement/power_timeline_reporter.h"

namespace joulebench {

class ResultOutput {
 public:
  // Creates the temporary now, so that an unwritable path is an error before anything is probed
  // or run. `json`: Google Benchmark writes JSON there (the timelines are added only to JSON).
  // Throws std::runtime_error with a one-line reason.
  ResultOutput(std::filesystem::path target, bool json);

  const std::filesystem::path& target() const { return pending_.target(); }
  // What Google Benchmark's --benchmark_out names.
  const std::filesystem::path& temp_path() const { return pending_.temp_path(); }

  // After the run: adds the timelines and renames the temporary over the target. Returns false,
  // leaving any previous file, when Google Benchmark wrote nothing. Throws std::runtime_error.
  bool commit(const std::vector<BenchmarkPowerTimeline>& timelines);

 private:
  PendingFile pending_;
  bool json_;
};

// While alive, SIGINT and SIGTERM remove every pending temporary (common/atomic_file.h), print
// "<program>: interrupted; no result file written" and exit with 128 + the signal, as a shell
// reports a process killed by it. The previous handlers come back when it is destroyed.
class InterruptCleanup {
 public:
  explicit InterruptCleanup(std::string_view program);
  ~InterruptCleanup();
  InterruptCleanup(const InterruptCleanup&) = delete;
  InterruptCleanup& operator=(const InterruptCleanup&) = delete;

 private:
  struct sigaction previous_int_ {};
  struct sigaction previous_term_ {};
};

}  // namespace joulebench
