#pragma once
// The result file of a measured run, written whole or not at all, by either front end: Google
// Benchmark writes into a temporary (handed to it as --benchmark_out), the power timelines are
// merged into it, and only then does it replace the file. A run that measured nothing
// (--benchmark_list_tests, a filter matching nothing) or was interrupted leaves any previous file
// as it was, and no temporary behind.
//
// Where the result goes (common/output_target.h): a regular file is replaced atomically, through
// any symbolic links (the temporary beside the file they lead to); a character device or a FIFO
// gets the finished result streamed into it after the run (the temporary then lives in the
// temporary directory); standard output (`-`) is refused, since Google Benchmark's table is
// printed there.

#include <filesystem>
#include <optional>
#include <vector>

#include "common/atomic_file.h"
#include "common/interrupt_cleanup.h"  // InterruptCleanup: the one interrupt path
#include "harness/measurement/run_record_reporter.h"

namespace joulebench {

class ResultOutput {
 public:
  // Creates the temporary now, so that an unwritable path is an error before anything is probed
  // or run. `json`: Google Benchmark writes JSON there (the timelines are added only to JSON).
  // Throws std::runtime_error with a one-line reason.
  ResultOutput(std::filesystem::path target, bool json);

  const std::filesystem::path& target() const { return target_; }
  // What Google Benchmark's --benchmark_out names.
  const std::filesystem::path& temp_path() const { return pending_->temp_path(); }

  // After the run: adds the records (labels, timelines) and renames the temporary over the target
  // (or streams it there). Returns false, leaving any previous file, when Google Benchmark wrote
  // nothing. Throws std::runtime_error.
  bool commit(const RunRecords& records);

 private:
  std::filesystem::path target_;
  bool json_;
  bool stream_ = false;
  std::optional<PendingFile> pending_;
};

}  // namespace joulebench
