#pragma once
// Everything a measured run needs, set up once from the user's choices: the meter, the carbon
// accounting, the idle baseline, the background sampler and the per-benchmark power timelines.
// Both `joulebench run` and a user's own benchmark program (JOULEBENCH_MAIN) go through here, so
// the two measure the same way.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "harness/carbon/carbon_accounting.h"
#include "harness/measurement/energy_scope.h"
#include "harness/measurement/idle_baseline.h"
#include "harness/measurement/power_timeline_reporter.h"
#include "harness/meters/meter_sampler.h"
#include "harness/meters/meter_selection.h"

namespace joulebench {

struct MeasurementOptions {
  std::string meter = "auto";                    // see meter_choices()
  std::optional<std::string> powercap_root;      // else $JOULEBENCH_POWERCAP_ROOT, else /sys
  std::optional<std::string> perf_pmu_root;      // else $JOULEBENCH_PERF_PMU_ROOT, else /sys
  std::string estimate_utilisation = "process";  // or "machine"
  std::optional<std::string> region;             // else the region_choice precedence
  std::string intensity_series;                  // CSV of UTC hour,gCO2e/kWh; empty: none
  double pue = 1.0;
  double sample_interval = kDefaultSampleInterval.value;  // seconds; 0: no sampler
  double idle_baseline = kDefaultIdleWindow.value;        // seconds; 0: no baseline
};

// Region (with its precedence), PUE and the hourly series, checked: a series without a row for
// the current UTC hour is most likely the wrong file. Throws std::runtime_error (one line).
CarbonAccounting carbon_accounting_for(const MeasurementOptions& options);

// Hands `args` (the program's name first) to benchmark::Initialize. Returns false when Google
// Benchmark reported flags it does not know (it has printed them).
bool initialize_google_benchmark(std::vector<std::string> args);

class Measurement {
 public:
  // Checks every option and selects the meter before anything runs. Throws std::runtime_error
  // with a one-line reason.
  explicit Measurement(const MeasurementOptions& options);
  Measurement(const Measurement&) = delete;
  Measurement& operator=(const Measurement&) = delete;

  Meter& meter() { return *selection_.meter; }
  // Every source considered; passed_over_notes(selection()) are the lines to print on stderr.
  const MeterSelection& selection() const { return selection_; }
  MeasurementSession& session() { return session_; }

  // Records how every figure is obtained in the run's context (benchmark::AddCustomContext):
  // call after benchmark::Initialize and before the benchmarks run.
  void add_context() const;

  // Measures the idle baseline (when its window is not 0), then runs the registered benchmarks
  // with the sampler reading in the background. Returns how many benchmarks ran.
  std::size_t run_benchmarks();

  // One per benchmark that ran while the sampler read at least twice.
  const std::vector<BenchmarkPowerTimeline>& timelines() const { return timelines_; }

 private:
  MeasurementOptions options_;
  MeterSelection selection_;
  MeasurementSession session_;
  std::vector<BenchmarkPowerTimeline> timelines_;
};

}  // namespace joulebench
