#include "joulebench/main.h"

#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <exception>
#include <optional>
#include <string>
#include <vector>

#include "harness/api/current_session.h"
#include "harness/measurement/measurement_setup.h"

namespace joulebench {
namespace {

void add_measurement_flags(CLI::App& app, MeasurementOptions& o) {
  app.add_option("--joulebench_meter", o.meter,
                 "Energy source; auto takes the best usable ones (see 'joulebench meters')")
      ->envname("JOULEBENCH_METER")
      ->check(CLI::IsMember(meter_choices()));
  // The region's own precedence (JOULEBENCH_REGION, ./joulebench.json, XDG config, world
  // average) applies when the flag is absent, so no envname here.
  app.add_option("--joulebench_region", o.region,
                 "Grid region for gCO2e (FR, US-CA, aws:us-east-1, ...)");
  app.add_option("--joulebench_pue", o.pue, "Power usage effectiveness of the facility")
      ->envname("JOULEBENCH_PUE");
  app.add_option("--joulebench_idle_baseline", o.idle_baseline,
                 "Seconds of idle power measured before the benchmarks (0: skip)")
      ->envname("JOULEBENCH_IDLE_BASELINE");
  app.add_option("--joulebench_sample_interval", o.sample_interval,
                 "Seconds between background reads of the meter (0: none)")
      ->envname("JOULEBENCH_SAMPLE_INTERVAL");
  app.add_option("--joulebench_powercap_root", o.powercap_root,
                 "powercap sysfs tree for RAPL (default: $JOULEBENCH_POWERCAP_ROOT, else "
                 "/sys/class/powercap)");
  app.add_option("--joulebench_perf_pmu_root", o.perf_pmu_root,
                 "perf power PMU directory (default: /sys/bus/event_source/devices/power)")
      ->envname("JOULEBENCH_PERF_PMU_ROOT");
  app.add_option("--joulebench_estimate_utilisation", o.estimate_utilisation,
                 "For the estimate: process or machine CPU utilisation")
      ->envname("JOULEBENCH_ESTIMATE_UTILISATION")
      ->check(CLI::IsMember({"process", "machine"}));
  app.add_option("--joulebench_intensity_series", o.intensity_series,
                 "CSV of UTC hour,gCO2e/kWh for hour-by-hour carbon accounting")
      ->envname("JOULEBENCH_INTENSITY_SERIES");
}

// The JSON file Google Benchmark writes, if the arguments ask for one.
std::optional<std::string> json_output_file(const std::vector<std::string>& args) {
  std::optional<std::string> file;
  std::string format = "json";
  for (const std::string& arg : args) {
    if (arg.starts_with("--benchmark_out="))
      file = arg.substr(std::string_view("--benchmark_out=").size());
    else if (arg.starts_with("--benchmark_out_format="))
      format = arg.substr(std::string_view("--benchmark_out_format=").size());
  }
  if (format != "json" || (file && file->empty()))
    return std::nullopt;
  return file;
}

}  // namespace

int Main(int argc, char** argv) {
  const std::string program = argc > 0 ? argv[0] : "benchmark";
  MeasurementOptions options;
  CLI::App app{"Energy measurement by joulebench (Google Benchmark's own flags follow)"};
  app.allow_extras();   // everything else is Google Benchmark's
  app.set_help_flag();  // --help goes on to Google Benchmark, after ours is printed
  add_measurement_flags(app, options);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    fmt::print(stderr, "{}: error: {}\n", program, e.what());
    return 2;
  }

  std::vector<std::string> args = {program};
  for (const std::string& extra : app.remaining())
    args.push_back(extra);
  if (std::find(args.begin(), args.end(), "--help") != args.end())
    fmt::print("{}\n", app.help());
  if (!initialize_google_benchmark(args))
    return 1;

  try {
    Measurement measurement(options);
    for (const std::string& note : passed_over_notes(measurement.selection()))
      fmt::print(stderr, "{}: {}\n", program, note);
    const CurrentSessionGuard installed(measurement.session());
    measurement.add_context();
    measurement.run_benchmarks();
    if (const auto out = json_output_file(args); out && !measurement.timelines().empty())
      add_power_timelines(*out, measurement.timelines());
  } catch (const std::exception& e) {
    fmt::print(stderr, "{}: error: {}\n", program, e.what());
    return 2;
  }
  benchmark::Shutdown();
  return 0;
}

}  // namespace joulebench
