#pragma once
// Keeps a power timeline per benchmark. Google Benchmark tells its display reporter when each
// benchmark is done; this reporter passes everything on to the real display reporter and, at that
// moment, takes the samples the background sampler read since the previous benchmark finished.
// Those samples cover the benchmark's whole run (its calibration calls included), which is what
// a reader wants to see when asking "was the power steady while this ran?".
//
// The timelines are then added to the result file (finish_result_json), under
// result_key::kPowerTimelines, one entry per benchmark named by its `run_name`.

#include <benchmark/benchmark.h>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "harness/meters/meter_sampler.h"

namespace joulebench {

struct BenchmarkPowerTimeline {
  std::string run_name;            // as in the result file's rows ("gemm/fp32/eigen/256/real_time")
  Seconds interval;                // the sampler's interval
  std::vector<PowerPoint> points;  // time relative to the benchmark's first sample
};

class PowerTimelineReporter : public benchmark::BenchmarkReporter {
 public:
  // `display` does the printing; both it and `sampler` outlive this reporter.
  PowerTimelineReporter(benchmark::BenchmarkReporter& display, MeterSampler& sampler,
                        Seconds interval);

  bool ReportContext(const Context& context) override;
  void ReportRuns(const std::vector<Run>& runs) override;
  void Finalize() override;

  const std::vector<BenchmarkPowerTimeline>& timelines() const { return timelines_; }

 private:
  benchmark::BenchmarkReporter& display_;
  MeterSampler& sampler_;
  Seconds interval_;
  std::optional<PowerSample> previous_last_;
  std::vector<BenchmarkPowerTimeline> timelines_;
};

}  // namespace joulebench
