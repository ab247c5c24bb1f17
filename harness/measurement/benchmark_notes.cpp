#include "harness/measurement/benchmark_notes.h"

#include <utility>

namespace joulebench {

void BenchmarkNotes::set_labels(const RowLabels& labels) {
  const std::lock_guard lock(mutex_);
  notes_.labels = labels;
}

void BenchmarkNotes::add_timed_span(TimedSpan span) {
  const std::lock_guard lock(mutex_);
  notes_.spans.push_back(span);
}

BenchmarkNotes::Taken BenchmarkNotes::take() {
  const std::lock_guard lock(mutex_);
  return std::exchange(notes_, Taken{});
}

}  // namespace joulebench
