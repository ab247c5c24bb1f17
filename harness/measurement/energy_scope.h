#pragma once
// The bridge into Google Benchmark. Construct an EnergyScope right before the timed loop; when
// it goes out of scope right after the loop, it reads the meter again and sets the counters:
//
//   void BM_gemm(benchmark::State& state) {
//     ... setup ...
//     joulebench::EnergyScope energy(state, session, 2.0 * n * n * n);
//     for (auto _ : state) gemm();
//   }
//
// Google Benchmark calls the function several times with growing iteration counts and reports
// only the last call, so the meter is read on every call and the counters set every time.

#include <benchmark/benchmark.h>

#include <map>
#include <optional>
#include <string>

#include "harness/carbon/carbon_accounting.h"
#include "harness/measurement/benchmark_notes.h"
#include "harness/meters/meter.h"

namespace joulebench {

// What every measured benchmark of a run shares. Outlives all benchmarks of the run.
struct MeasurementSession {
  Meter& meter;
  CarbonAccounting carbon;
  // Total idle power of the meter's domains; when set, energy_net_J is reported too.
  std::optional<Watts> idle_power = std::nullopt;
  // Where scopes note the running benchmark's labels and timed spans for the result file; null
  // when nothing records them (a session of a test, say).
  BenchmarkNotes* notes = nullptr;
};

class EnergyScope {
 public:
  EnergyScope(benchmark::State& state, MeasurementSession& session,
              double flops_per_iteration = 0.0);
  ~EnergyScope();
  EnergyScope(const EnergyScope&) = delete;
  EnergyScope& operator=(const EnergyScope&) = delete;

  // A figure of the result's quality (common/result_schema.h: rel_error, accuracy), reported as
  // a plain counter beside the energy ones.
  void set_quality(const std::string& counter_name, double value);
  // The code path measured (say "avx512-vnni"); it leads the row's label.
  void set_implementation(std::string implementation);
  // What the row is (joulebench/labels.h), written beside its figures in the result file.
  void set_labels(const RowLabels& labels);

 private:
  benchmark::State& state_;
  MeasurementSession& session_;
  double flops_per_iteration_;
  // Meters are system-wide: with Threads(n) only the first thread reads them, once.
  bool reads_meter_;
  EnergyReading before_;
  std::map<std::string, double> quality_;
  std::string implementation_;
};

}  // namespace joulebench
