#pragma once
// Runs registered benchmarks in-process and keeps what Google Benchmark reports, optionally also
// rendering it as JSON through Google Benchmark's own JSONReporter.

#include <benchmark/benchmark.h>

#include <sstream>
#include <string>
#include <vector>

namespace joulebench::testing {

class CapturingReporter final : public benchmark::BenchmarkReporter {
 public:
  CapturingReporter() {
    json_.SetOutputStream(&json_text_);
    json_.SetErrorStream(&json_errors_);
  }
  bool ReportContext(const Context& context) override { return json_.ReportContext(context); }
  void ReportRuns(const std::vector<Run>& runs) override {
    runs_.insert(runs_.end(), runs.begin(), runs.end());
    json_.ReportRuns(runs);
  }
  void Finalize() override { json_.Finalize(); }

  const std::vector<Run>& runs() const { return runs_; }
  std::string json() const { return json_text_.str(); }

 private:
  std::vector<Run> runs_;
  benchmark::JSONReporter json_;
  std::ostringstream json_text_;
  std::ostringstream json_errors_;
};

// Runs the benchmarks whose names match `filter` (a regex) and returns what was reported.
inline CapturingReporter run_benchmarks(const std::string& filter) {
  CapturingReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter, filter);
  return reporter;
}

}  // namespace joulebench::testing
