#pragma once
// What the running benchmark's EnergyScopes say about it, for its rows in the result file: the
// labels its code set (joulebench/labels.h) and the spans its timed loops ran. Google Benchmark
// 1.7.1 does not tell a benchmark its own run name, so the scopes note these here and the
// reporter that sees each benchmark finish (run_record_reporter.h) takes them and names them.
//
// Benchmark threads write and the reporter takes on the main thread once they have joined; a
// mutex keeps the rule simple and the sanitizers quiet.

#include <mutex>
#include <optional>
#include <vector>

#include "common/units.h"
#include "joulebench/labels.h"

namespace joulebench {

// A timed loop, in the meter's clock (EnergyReading::time).
struct TimedSpan {
  Seconds start;
  Seconds end;
};

class BenchmarkNotes {
 public:
  void set_labels(const RowLabels& labels);
  void add_timed_span(TimedSpan span);

  struct Taken {
    std::optional<RowLabels> labels;
    std::vector<TimedSpan> spans;
  };
  // Everything noted since the last take, and empty notes for the next benchmark.
  Taken take();

 private:
  std::mutex mutex_;
  Taken notes_;
};

}  // namespace joulebench
