#include "harness/measurement/measurement_setup.h"

#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <list>
#include <memory>
#include <stdexcept>
#include <utility>

#include "common/flag_rules.h"
#include "common/number_rule.h"
#include "common/result_schema.h"
#include "harness/carbon/region_choice.h"
#include "harness/measurement/allocator_settings.h"
#include "harness/measurement/energy_counters.h"
#include "harness/measurement/run_context.h"

namespace joulebench {
namespace {

MeterSelection select_meter_for(const CheckedMeasurementOptions& checked) {
  const MeasurementOptions& options = checked.options;
  return select_meter(options.meter,
                      process_meter_environment(options.powercap_root, checked.estimate_mode,
                                                options.perf_pmu_root));
}

// Google Benchmark's numeric flags that the front ends pass on, with the rule each obeys.
struct PassedOnFlag {
  std::string_view prefix;
  const NumberRule* rule;
};
const PassedOnFlag kPassedOnFlags[] = {
    {"--benchmark_min_time=", &flag_rules::kMinTime},
    {"--benchmark_min_warmup_time=", &flag_rules::kMinWarmupTime},
    {"--benchmark_repetitions=", &flag_rules::kRepetitions},
};

CarbonAccounting carbon_accounting_for(const MeasurementOptions& options) {
  const FrontEndNames& names = options.names;
  check_number(names.pue, options.pue, flag_rules::kPue);
  CarbonAccounting carbon = carbon_accounting_for_region(options.region, options.pue, names.region);
  if (options.intensity_series.empty())
    return carbon;
  try {
    carbon.series =
        std::make_shared<const IntensitySeries>(IntensitySeries::load(options.intensity_series));
  } catch (const std::runtime_error& e) {
    throw std::runtime_error(fmt::format("{}: {}", names.intensity_series, e.what()));
  }
  const auto now = std::chrono::system_clock::now();
  if (!carbon.series->has_hour_of(now)) {
    throw std::runtime_error(
        fmt::format("{} {} has no row for the current UTC hour ({}); it covers {} to {}",
                    names.intensity_series, options.intensity_series,
                    format_utc_hour(std::chrono::floor<std::chrono::hours>(
                        std::chrono::time_point_cast<std::chrono::seconds>(now))),
                    format_utc_hour(carbon.series->rows().front().hour),
                    format_utc_hour(carbon.series->rows().back().hour)));
  }
  return carbon;
}

}  // namespace

CheckedMeasurementOptions check_measurement_options(const MeasurementOptions& options) {
  const FrontEndNames& names = options.names;
  const std::vector<std::string>& meters = meter_choices();
  if (std::find(meters.begin(), meters.end(), options.meter) == meters.end()) {
    throw std::runtime_error(fmt::format("{}: unknown meter '{}' (choose one of: {})", names.meter,
                                         options.meter, fmt::join(meters, ", ")));
  }
  const std::optional<UtilisationMode> mode = parse_utilisation_mode(options.estimate_utilisation);
  if (!mode) {
    throw std::runtime_error(fmt::format("{} must be process or machine, got '{}'",
                                         names.estimate_utilisation, options.estimate_utilisation));
  }
  check_number(names.sample_interval, options.sample_interval, flag_rules::kSampleInterval);
  check_number(names.idle_baseline, options.idle_baseline, flag_rules::kIdleBaseline);
  return {options, *mode, carbon_accounting_for(options)};
}

void check_benchmark_flags(const std::vector<std::string>& args) {
  for (const std::string& arg : args) {
    for (const PassedOnFlag& flag : kPassedOnFlags) {
      if (!arg.starts_with(flag.prefix))
        continue;
      const std::string_view text = std::string_view(arg).substr(flag.prefix.size());
      // Not a number at all: check_benchmark_flag_values (common/benchmark_flag_values.h) says so.
      if (const std::optional<double> value = parse_number(text)) {
        if (const std::string problem = flag.rule->problem(*value, text); !problem.empty())
          throw std::runtime_error(
              fmt::format("{} {}", arg.substr(0, flag.prefix.size() - 1), problem));
      }
    }
  }
}

std::vector<std::string> initialize_google_benchmark(std::vector<std::string> args) {
  // Google Benchmark keeps argv[0] (it prints it as "Running <program>" when the benchmarks
  // start), so the strings must live as long as the process.
  static std::list<std::vector<std::string>> kept;
  std::vector<std::string>& owned = kept.emplace_back(std::move(args));
  std::vector<char*> argv;
  for (std::string& arg : owned)
    argv.push_back(arg.data());
  argv.push_back(nullptr);
  int argc = static_cast<int>(owned.size());
  benchmark::Initialize(&argc, argv.data());
  return {argv.begin() + std::min(argc, 1), argv.begin() + argc};
}

Measurement::Measurement(CheckedMeasurementOptions checked)
    : Measurement(checked, select_meter_for(checked)) {}

Measurement::Measurement(CheckedMeasurementOptions checked, MeterSelection selection)
    : options_(std::move(checked.options)),
      selection_(std::move(selection)),
      session_{*selection_.meter, std::move(checked.carbon), std::nullopt, &notes_} {
  // Before the benchmarks' allocations; see allocator_settings.cpp for why.
  keep_freed_memory_in_heap();
}

MinTimeChoice Measurement::min_time(std::optional<double> requested) const {
  return choose_min_time(requested, minimum_resolvable_window(*selection_.meter),
                         selection_.meter->name(), options_.names);
}

void Measurement::add_context() const {
  add_benchmark_context(describe_run(*selection_.meter, session_.carbon, selection_.candidates));
}

std::size_t Measurement::run_benchmarks() {
  if (options_.idle_baseline > 0.0) {
    const IdleBaseline idle =
        measure_idle_baseline(*selection_.meter, Seconds{options_.idle_baseline});
    if (const std::optional<std::string> dead = dead_sensor_problem(idle, *selection_.meter))
      throw std::runtime_error(*dead);
    session_.idle_power = idle.total();
    benchmark::AddCustomContext(context_key::kIdlePower, describe(idle, *selection_.meter));
  }
  // Google Benchmark owns its default display reporter (never deleted); ours wraps it to cut
  // the sampler's reads into one power timeline per benchmark. The sampler also catches wraps
  // of small counters between the benchmarks' own reads.
  benchmark::BenchmarkReporter* display = benchmark::CreateDefaultDisplayReporter();
  const Seconds interval{options_.sample_interval};
  std::optional<MeterSampler> sampler;
  if (interval.value > 0.0)
    sampler.emplace(*selection_.meter, interval);
  notes_.take();  // nothing a benchmark run before this one noted
  RunRecordReporter reporter(*display, notes_, sampler ? &*sampler : nullptr, interval);
  const std::size_t ran = benchmark::RunSpecifiedBenchmarks(&reporter);
  records_ = reporter.records();
  return ran;
}

RunOutcome Measurement::run_and_record(ResultOutput* output) {
  RunOutcome outcome;
  {
    // Ctrl-C during the idle window, a benchmark or the merge of the timelines leaves no
    // temporary and any previous file as it was.
    std::optional<InterruptCleanup> cleanup;
    if (output != nullptr)
      cleanup.emplace(options_.names.program);
    outcome.ran = run_benchmarks();
    if (output != nullptr && outcome.ran > 0)
      outcome.written = output->commit(records_);
  }
  if (const std::optional<std::string> failure = selection_.meter->failure()) {
    fmt::print(stderr, "{}: warning: the meter failed during the run: {}\n", options_.names.program,
               *failure);
  }
  return outcome;
}

}  // namespace joulebench
