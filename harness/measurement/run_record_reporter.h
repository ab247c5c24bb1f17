#pragma once
// What a run records about each benchmark beyond Google Benchmark's rows: its labels and its
// power timeline. Google Benchmark tells its display reporter when each benchmark is done; this
// reporter passes everything on to the real display reporter and, at that moment, takes what
// the benchmark's scopes noted (benchmark_notes.h) and, with a sampler, the samples read since
// the previous benchmark finished. Those samples cover the benchmark's whole run, set-up and
// calibration calls included; the spans its timed loops ran go with them, so a reader can tell
// the measured work from the set-up.
//
// The records are then added to the result file (finish_result_json): labels as fields of the
// benchmark's rows, timelines under result_key::kPowerTimelines, one per benchmark named by its
// `run_name`.

#include <benchmark/benchmark.h>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "harness/measurement/benchmark_notes.h"
#include "harness/meters/meter_sampler.h"
#include "joulebench/labels.h"

namespace joulebench {

struct BenchmarkPowerTimeline {
  std::string run_name;            // as in the result file's rows ("gemm/fp32/eigen/256/real_time")
  Seconds interval;                // the sampler's interval
  std::vector<PowerPoint> points;  // time relative to the benchmark's first sample
  std::vector<TimedSpan> timed;    // the timed loops, on the same time axis as the points
};

struct BenchmarkLabels {
  std::string run_name;
  RowLabels labels;
};

struct RunRecords {
  std::vector<BenchmarkPowerTimeline> timelines;  // one per benchmark the sampler read twice in
  std::vector<BenchmarkLabels> labels;            // one per benchmark whose code set labels
};

// `spans` (meter time) on a timeline's axis: minus `origin` (its first sample's time), each kept
// within [0, end] (its last point's time).
std::vector<TimedSpan> spans_on_axis(const std::vector<TimedSpan>& spans, Seconds origin,
                                     Seconds end);

class RunRecordReporter : public benchmark::BenchmarkReporter {
 public:
  // `display` does the printing; it, `notes` and `sampler` (may be null: no timelines) outlive
  // this reporter.
  RunRecordReporter(benchmark::BenchmarkReporter& display, BenchmarkNotes& notes,
                    MeterSampler* sampler, Seconds interval);

  bool ReportContext(const Context& context) override;
  void ReportRuns(const std::vector<Run>& runs) override;
  void Finalize() override;

  const RunRecords& records() const { return records_; }

 private:
  benchmark::BenchmarkReporter& display_;
  BenchmarkNotes& notes_;
  MeterSampler* sampler_;
  Seconds interval_;
  std::optional<PowerSample> previous_last_;
  RunRecords records_;
};

}  // namespace joulebench
