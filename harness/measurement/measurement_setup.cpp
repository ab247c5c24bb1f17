#include "harness/measurement/measurement_setup.h"

#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include <chrono>
#include <list>
#include <memory>
#include <stdexcept>
#include <utility>

#include "common/result_schema.h"
#include "harness/carbon/region_choice.h"
#include "harness/measurement/run_context.h"

namespace joulebench {
namespace {

MeterSelection select_meter_for(const MeasurementOptions& options) {
  const std::optional<UtilisationMode> mode = parse_utilisation_mode(options.estimate_utilisation);
  if (!mode) {
    throw std::runtime_error(
        fmt::format("unknown estimate utilisation '{}' (choose process or machine)",
                    options.estimate_utilisation));
  }
  return select_meter(options.meter, process_meter_environment(options.powercap_root, *mode,
                                                               options.perf_pmu_root));
}

}  // namespace

CarbonAccounting carbon_accounting_for(const MeasurementOptions& options) {
  CarbonAccounting carbon = carbon_accounting_for_region(options.region, options.pue);
  if (!options.intensity_series.empty()) {
    carbon.series =
        std::make_shared<const IntensitySeries>(IntensitySeries::load(options.intensity_series));
    const auto now = std::chrono::system_clock::now();
    if (!carbon.series->has_hour_of(now)) {
      throw std::runtime_error(fmt::format(
          "--intensity-series {} has no row for the current UTC hour ({}); it covers {} to {}",
          options.intensity_series,
          format_utc_hour(std::chrono::floor<std::chrono::hours>(
              std::chrono::time_point_cast<std::chrono::seconds>(now))),
          format_utc_hour(carbon.series->rows().front().hour),
          format_utc_hour(carbon.series->rows().back().hour)));
    }
  }
  return carbon;
}

bool initialize_google_benchmark(std::vector<std::string> args) {
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
  return !benchmark::ReportUnrecognizedArguments(argc, argv.data());
}

Measurement::Measurement(const MeasurementOptions& options)
    : options_(options),
      selection_(select_meter_for(options)),
      session_{*selection_.meter, carbon_accounting_for(options)} {
  if (options.sample_interval < 0.0)
    throw std::runtime_error(fmt::format("sample interval must be 0 (none) or more seconds, got {}",
                                         options.sample_interval));
  if (options.idle_baseline < 0.0)
    throw std::runtime_error(fmt::format("idle baseline must be 0 (skip) or more seconds, got {}",
                                         options.idle_baseline));
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
  if (options_.sample_interval <= 0.0)
    return benchmark::RunSpecifiedBenchmarks(display);
  const Seconds interval{options_.sample_interval};
  MeterSampler sampler(*selection_.meter, interval);
  PowerTimelineReporter reporter(*display, sampler, interval);
  const std::size_t ran = benchmark::RunSpecifiedBenchmarks(&reporter);
  timelines_ = reporter.timelines();
  return ran;
}

}  // namespace joulebench
