#include "joulebench/main.h"

#include <benchmark/benchmark.h>
#include <errno.h>
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <exception>
#include <initializer_list>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/benchmark_flag_values.h"
#include "common/error_model.h"
#include "common/flag_rules.h"
#include "harness/api/current_session.h"
#include "harness/measurement/measurement_setup.h"

namespace joulebench {
namespace {

constexpr std::string_view kOutFlag = "--benchmark_out=";
constexpr std::string_view kOutFormatFlag = "--benchmark_out_format=";
constexpr std::string_view kMinTimeFlag = "--benchmark_min_time=";

void add_measurement_flags(CLI::App& app, MeasurementOptions& o) {
  app.add_option("--joulebench_meter", o.meter,
                 "Energy source; auto takes the best usable ones (see 'joulebench meters')")
      ->envname("JOULEBENCH_METER");
  // The region's own precedence (JOULEBENCH_REGION, ./joulebench.json, XDG config, world
  // average) applies when the flag is absent, so no envname here.
  app.add_option("--joulebench_region", o.region,
                 "Grid region for gCO2e (FR, US-CA, aws:us-east-1, ...)");
  app.add_option("--joulebench_pue", o.pue,
                 "Power usage effectiveness of the facility; " + flag_rules::kPue.bounds())
      ->envname("JOULEBENCH_PUE");
  app.add_option("--joulebench_idle_baseline", o.idle_baseline,
                 "Seconds of idle power measured before the benchmarks : " +
                     flag_rules::kIdleBaseline.bounds())
      ->envname("JOULEBENCH_IDLE_BASELINE");
  app.add_option(
         "--joulebench_sample_interval", o.sample_interval,
         "Seconds between background reads of the meter : " + flag_rules::kSampleInterval.bounds())
      ->envname("JOULEBENCH_SAMPLE_INTERVAL");
  app.add_option("--joulebench_powercap_root", o.powercap_root,
                 "powercap sysfs tree for RAPL (default: $JOULEBENCH_POWERCAP_ROOT, else "
                 "/sys/class/powercap)");
  app.add_option("--joulebench_perf_pmu_root", o.perf_pmu_root,
                 "perf power PMU directory (default: /sys/bus/event_source/devices/power)")
      ->envname("JOULEBENCH_PERF_PMU_ROOT");
  app.add_option("--joulebench_estimate_utilisation,--joulebench_estimate_utilization",
                 o.estimate_utilisation, "For the estimate: process or machine CPU utilisation")
      ->envname("JOULEBENCH_ESTIMATE_UTILISATION");
  app.add_option("--joulebench_intensity_series", o.intensity_series,
                 "CSV of UTC hour,gCO2e/kWh for hour-by-hour carbon accounting")
      ->envname("JOULEBENCH_INTENSITY_SERIES");
}

// The flag when the command line has it, else the variable it was read from: a message about a
// bad value must point where the value is.
std::string spelling(const std::vector<std::string>& argv, std::string_view flag,
                     const char* variable) {
  const bool on_command_line = std::any_of(argv.begin(), argv.end(), [&](const std::string& a) {
    return a == flag || (a.starts_with(flag) && a[flag.size()] == '=');
  });
  if (!on_command_line && std::getenv(variable) != nullptr)
    return variable;
  return std::string(flag);
}

FrontEndNames names_for(const std::string& program, const std::vector<std::string>& argv) {
  return {.program = program,
          .meter = spelling(argv, "--joulebench_meter", "JOULEBENCH_METER"),
          .estimate_utilisation = spelling(argv, "--joulebench_estimate_utilisation",
                                           "JOULEBENCH_ESTIMATE_UTILISATION"),
          .region = "--joulebench_region",  // the variable is named by the region's precedence
          .intensity_series =
              spelling(argv, "--joulebench_intensity_series", "JOULEBENCH_INTENSITY_SERIES"),
          .pue = spelling(argv, "--joulebench_pue", "JOULEBENCH_PUE"),
          .sample_interval =
              spelling(argv, "--joulebench_sample_interval", "JOULEBENCH_SAMPLE_INTERVAL"),
          .idle_baseline = spelling(argv, "--joulebench_idle_baseline", "JOULEBENCH_IDLE_BASELINE"),
          .min_time = "--benchmark_min_time"};
}

// Google Benchmark's own flags, with the result file taken out: Google Benchmark writes a
// temporary instead, which becomes the file only when the run measured something. As in Google
// Benchmark, the last occurrence of a flag wins.
struct BenchmarkFlags {
  std::vector<std::string> rest;
  std::optional<std::string> out;  // --benchmark_out=FILE; nullopt or empty: none
  bool out_is_json = true;
  bool min_time_given = false;
  std::optional<double> min_time;  // nullopt when given but not a number (Google Benchmark
                                   // then reports the flag as unrecognised)
};

BenchmarkFlags split_benchmark_flags(const std::vector<std::string>& args) {
  BenchmarkFlags flags;
  for (const std::string& arg : args) {
    if (arg.starts_with(kOutFlag)) {
      flags.out = arg.substr(kOutFlag.size());
      continue;
    }
    if (arg.starts_with(kOutFormatFlag))
      flags.out_is_json = arg.substr(kOutFormatFlag.size()) == "json";
    if (arg.starts_with(kMinTimeFlag)) {
      flags.min_time_given = true;
      const std::string value = arg.substr(kMinTimeFlag.size());
      char* end = nullptr;
      const double seconds = std::strtod(value.c_str(), &end);
      flags.min_time = !value.empty() && *end == '\0' ? std::optional(seconds) : std::nullopt;
    }
    flags.rest.push_back(arg);
  }
  return flags;
}

// A typo in one of our flags would otherwise reach Google Benchmark, and be reported only after
// the meter was probed.
void reject_unknown_joulebench_flags(const std::vector<std::string>& args) {
  for (const std::string& arg : args) {
    if (arg.starts_with("--joulebench_"))
      throw UserError(fmt::format("unknown flag {} (see --help)", arg));
  }
}

int run_measured(const std::string& program, const MeasurementOptions& options,
                 const std::vector<std::string>& benchmark_args) {
  reject_unknown_joulebench_flags(benchmark_args);
  check_benchmark_flags(benchmark_args);
  check_benchmark_flag_values(benchmark_args);
  const BenchmarkFlags flags = split_benchmark_flags(benchmark_args);
  // Everything the user typed is checked before any hardware is probed.
  const CheckedMeasurementOptions checked = check_measurement_options(options);
  // From here on a signal must remove the result file's temporary (created just below), also
  // while the meter is selected and probed, not only while benchmarks run.
  const InterruptCleanup cleanup(program);
  std::optional<ResultOutput> output;
  if (flags.out && !flags.out->empty())
    output.emplace(*flags.out, flags.out_is_json);
  Measurement measurement(checked);
  for (const std::string& note : passed_over_notes(measurement.selection()))
    fmt::print(stderr, "{}: {}\n", program, note);

  std::vector<std::string> args = {program};
  // The user's own --benchmark_min_time stays as given (a warning when it is below what the meter
  // resolves; an unparsable one is Google Benchmark's to report); none given: ours, if raised.
  const MinTimeChoice min_time = measurement.min_time(flags.min_time);
  if (!flags.min_time_given && min_time.seconds)
    args.push_back(fmt::format("{}{}", kMinTimeFlag, *min_time.seconds));
  if (output)
    args.push_back(fmt::format("{}{}", kOutFlag, output->temp_path().string()));
  args.insert(args.end(), flags.rest.begin(), flags.rest.end());
  if (const std::vector<std::string> unknown = initialize_google_benchmark(args);
      !unknown.empty()) {
    throw UserError(
        fmt::format("unrecognised flag {} (neither joulebench's nor Google "
                    "Benchmark's; see --help)",
                    fmt::join(unknown, " ")));
  }
  if (!min_time.note.empty() && (!flags.min_time_given || flags.min_time))
    fmt::print(stderr, "{}\n", min_time.note);

  const CurrentSessionGuard installed(measurement.session());
  measurement.add_context();
  // Like BENCHMARK_MAIN, a filter that matches nothing or --benchmark_list_tests is not an error;
  // a file from an earlier run is then left as it was.
  measurement.run_and_record(output ? &*output : nullptr);
  benchmark::Shutdown();
  return kExitOk;
}

int checked_main(const std::string& program, int argc, char** argv) {
  const std::vector<std::string> argv_copy(argv, argv + argc);
  MeasurementOptions options;
  options.names = names_for(program, argv_copy);
  CLI::App app{"Energy measurement by joulebench (Google Benchmark's own flags follow)"};
  app.allow_extras();   // everything else is Google Benchmark's
  app.set_help_flag();  // --help goes on to Google Benchmark, after ours is printed
  add_measurement_flags(app, options);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    fmt::print(stderr, "{}: error: {}\n", program, e.what());
    return kExitUserError;
  }

  const std::vector<std::string> benchmark_args = app.remaining();
  if (std::find(benchmark_args.begin(), benchmark_args.end(), "--help") != benchmark_args.end()) {
    fmt::print("{}\n", app.help());
    initialize_google_benchmark({program, "--help"});  // prints Google Benchmark's and exits 0
    return kExitOk;
  }
  return run_measured(program, options, benchmark_args);
}

}  // namespace

int Main(int argc, char** argv) {
  const char* const program = argc > 0 ? argv[0] : "benchmark";
  try {
    return checked_main(program, argc, argv);
  } catch (...) {
    // A user error (bad flags, an unwritable --benchmark_out, a meter that cannot start) exits 2,
    // anything else 3 (common/error_model.h): main.h's contract.
    return report_current_exception(program);
  }
}

}  // namespace joulebench
