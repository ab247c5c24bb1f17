#pragma once
// The measurement core: everything that makes a measured run right, set up once from the user's
// choices, so that `joulebench run` and a user's own benchmark program (JOULEBENCH_MAIN) measure
// the same way. Shared by both front ends, in this order:
//   1. check_measurement_options: region, PUE, hourly series, sample interval, idle baseline,
//      estimate utilisation and meter name, checked before any hardware is probed, the numbers
//      against their rules in common/flag_rules.h (check_benchmark_flags: Google Benchmark's);
//   2. Measurement: the meter selection, and the allocator settings (allocator_settings.h)
//      applied before the benchmarks allocate;
//   3. Measurement::min_time: the minimum time raised to the window the meter resolves
//      (min_time_policy.h), or a warning when the user's is below it;
//   4. initialize_google_benchmark, then Measurement::add_context: the same context keys from
//      both (meter, provenance, region, intensity, PUE, idle power, ...);
//   5. Measurement::run_and_record: idle baseline, the benchmarks with the background sampler,
//      a power timeline per benchmark, and the result file written atomically with SIGINT/SIGTERM
//      cleanup (result_output.h); a warning when the meter failed during the run.
// What each front end adds:
//   - `joulebench run` (app/run_command.cpp): its workload registry and --filter, the MLP data
//     set and kernel checks, a default result path under results/, the `kernel_paths` context
//     entry (workload knowledge: which kernel paths this CPU takes), and "no benchmark ran" as an
//     error;
//   - JOULEBENCH_MAIN (harness/api/main.cpp): the --joulebench_* flags, the user's own
//     benchmarks, and Google Benchmark's --benchmark_out / --benchmark_min_time taken over (a
//     temporary handed to Google Benchmark; the minimum time added only when the user gave none).
// Messages name each option as the front end spells it (MeasurementOptions::names).

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "harness/carbon/carbon_accounting.h"
#include "harness/measurement/benchmark_notes.h"
#include "harness/measurement/energy_scope.h"
#include "harness/measurement/front_end_names.h"
#include "harness/measurement/idle_baseline.h"
#include "harness/measurement/min_time_policy.h"
#include "harness/measurement/result_output.h"
#include "harness/measurement/run_record_reporter.h"
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
  FrontEndNames names;                                    // for messages only
};

// The options once checked, with nothing probed yet.
struct CheckedMeasurementOptions {
  MeasurementOptions options;
  UtilisationMode estimate_mode = UtilisationMode::process;
  CarbonAccounting carbon;  // region (with its precedence), PUE and the hourly series
};

// Checks every option that needs no hardware: a series without a row for the current UTC hour is
// most likely the wrong file. Throws std::runtime_error with a one-line reason that names the
// option as options.names spells it.
CheckedMeasurementOptions check_measurement_options(const MeasurementOptions& options);

// Google Benchmark's numeric flags a front end passes on (--benchmark_min_time,
// --benchmark_min_warmup_time, --benchmark_repetitions, in their "--flag=value" form) checked
// against the rules of common/flag_rules.h: Google Benchmark 1.7.1 takes "nan" as a minimum time
// and runs until killed, and 2147483647 repetitions end in std::bad_alloc. Throws
// std::runtime_error with one line naming the flag; a value that is no number at all is left to
// check_benchmark_flag_values (common/benchmark_flag_values.h).
void check_benchmark_flags(const std::vector<std::string>& args);

// Hands `args` (the program's name first) to benchmark::Initialize. Returns the arguments Google
// Benchmark did not recognise (empty when all were); it prints nothing about them.
std::vector<std::string> initialize_google_benchmark(std::vector<std::string> args);

struct RunOutcome {
  std::size_t ran = 0;   // benchmarks Google Benchmark matched
  bool written = false;  // whether the result file was replaced
};

class Measurement {
 public:
  // Selects the meter and applies the allocator settings. Throws std::runtime_error with a
  // one-line reason when the meter asked for is not usable.
  explicit Measurement(CheckedMeasurementOptions checked);
  // With a meter the caller selected (tests: a fake meter).
  Measurement(CheckedMeasurementOptions checked, MeterSelection selection);
  Measurement(const Measurement&) = delete;
  Measurement& operator=(const Measurement&) = delete;

  Meter& meter() { return *selection_.meter; }
  // Every source considered; passed_over_notes(selection()) are the lines to print on stderr.
  const MeterSelection& selection() const { return selection_; }
  MeasurementSession& session() { return session_; }

  // The minimum time to hand Google Benchmark, given the user's (nullopt: none given), and the
  // note for stderr when it raises it or when the user's is below what the meter resolves
  // (printed by the front end once Google Benchmark took its flags, so that a bad flag is the
  // only line).
  MinTimeChoice min_time(std::optional<double> requested) const;

  // Records how every figure is obtained in the run's context (benchmark::AddCustomContext):
  // call after benchmark::Initialize and before the benchmarks run.
  void add_context() const;

  // Measures the idle baseline (when its window is not 0), then runs the registered benchmarks
  // with the sampler reading in the background. Returns how many benchmarks ran.
  std::size_t run_benchmarks();

  // run_benchmarks, then `output` (if any) committed with the records; while they run,
  // Ctrl-C or a kill leaves no temporary. Warns on stderr when the meter failed during the run.
  RunOutcome run_and_record(ResultOutput* output);

  // Labels and power timelines of the benchmarks that ran (run_record_reporter.h).
  const RunRecords& records() const { return records_; }

 private:
  MeasurementOptions options_;
  MeterSelection selection_;
  BenchmarkNotes notes_;
  MeasurementSession session_;
  RunRecords records_;
};

}  // namespace joulebench
