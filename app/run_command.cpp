// `joulebench run`: the suite through Google Benchmark, with energy counters, into a result file.

#include <benchmark/benchmark.h>
#include <fmt/chrono.h>
#include <fmt/format.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <optional>

#include "app/command.h"
#include "app/workload_registration.h"
#include "common/atomic_file.h"
#include "harness/measurement/energy_counters.h"
#include "harness/measurement/measurement_setup.h"
#include "harness/measurement/power_timeline_reporter.h"
#include "harness/system/host_info.h"
#include "workloads/kernels/cpu_features.h"
#include "workloads/mlp/fashion_mnist.h"
#include "workloads/mlp/mlp_suite_config.h"
#include "workloads/workload.h"

namespace joulebench::cli {
namespace {

struct RunOptions {
  std::string filter;
  std::optional<double> min_time;
  std::optional<int> repetitions;
  std::string out;
  MeasurementOptions measurement;
  std::string data_dir;
  double target_accuracy = 0.85;
  int mlp_epochs = 3;
  std::vector<std::string> benchmark_flags;
};

constexpr double kGoogleBenchmarkDefaultMinTime = 0.5;

// Flags that would fight with what `run` itself sets.
constexpr std::pair<const char*, const char*> kReservedBenchmarkFlags[] = {
    {"--benchmark_out=", "--out FILE"},
    {"--benchmark_out_format", "nothing (result files are always JSON)"},
    {"--benchmark_filter", "--filter REGEX"},
    {"--benchmark_min_time", "--min-time SECONDS"},
    {"--benchmark_repetitions", "--repetitions N"},
};

std::filesystem::path default_result_path() {
  const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  return std::filesystem::path("results") /
         fmt::format("{}-{:%Y%m%dT%H%M%SZ}.json", read_host_info().host_name, now);
}

// Ctrl-C or a kill mid-run: remove the unfinished result file and leave any previous one alone.
extern "C" void on_interrupt(int signal_number) {
  if (const char* temp = pending_temp_path_for_signal_handler())
    ::unlink(temp);
  static const char kMessage[] = "\njoulebench run: interrupted; no result file written\n";
  [[maybe_unused]] const auto ignored = ::write(STDERR_FILENO, kMessage, sizeof kMessage - 1);
  ::_exit(128 + signal_number);
}

class InterruptGuard {
 public:
  InterruptGuard() {
    struct sigaction action {};
    action.sa_handler = on_interrupt;
    sigemptyset(&action.sa_mask);
    ::sigaction(SIGINT, &action, &previous_int_);
    ::sigaction(SIGTERM, &action, &previous_term_);
  }
  ~InterruptGuard() {
    ::sigaction(SIGINT, &previous_int_, nullptr);
    ::sigaction(SIGTERM, &previous_term_, nullptr);
  }
  InterruptGuard(const InterruptGuard&) = delete;
  InterruptGuard& operator=(const InterruptGuard&) = delete;

 private:
  struct sigaction previous_int_ {};
  struct sigaction previous_term_ {};
};

std::vector<std::string> google_benchmark_arguments(const RunOptions& o,
                                                    const std::filesystem::path& temp_out) {
  std::vector<std::string> args = {"joulebench"};
  if (o.min_time)
    args.push_back(fmt::format("--benchmark_min_time={}", *o.min_time));
  if (o.repetitions)
    args.push_back(fmt::format("--benchmark_repetitions={}", *o.repetitions));
  args.push_back("--benchmark_out=" + temp_out.string());
  args.push_back("--benchmark_out_format=json");
  args.insert(args.end(), o.benchmark_flags.begin(), o.benchmark_flags.end());
  return args;
}

int execute(const RunOptions& o) {
  for (const std::string& flag : o.benchmark_flags) {
    for (const auto& [reserved, instead] : kReservedBenchmarkFlags) {
      if (flag.starts_with(reserved)) {
        throw UsageError(fmt::format("{} is set by joulebench run; use {}", flag, instead));
      }
    }
  }

  // Everything that can be wrong is checked before the first benchmark runs.
  Measurement measurement(o.measurement);
  Meter& meter = measurement.meter();
  for (const std::string& note : passed_over_notes(measurement.selection()))
    fmt::print(stderr, "joulebench run: {}\n", note);
  std::filesystem::path out = o.out;
  if (out.empty()) {
    out = default_result_path();
    std::filesystem::create_directories(out.parent_path());
  }

  // The filter applies to workload names as `joulebench list` shows them (Google Benchmark's
  // own filter would see names with suffixes such as "/real_time", where "128$" fails).
  const std::vector<WorkloadSpec> workloads = select_workloads(o.filter);
  if (workloads.empty()) {
    throw UsageError(
        fmt::format("no workload matches --filter '{}' (see 'joulebench list')", o.filter));
  }
  // The MLP rows read Fashion-MNIST: a missing or corrupt file is one error before anything runs.
  mlp::MlpSuiteConfig mlp_config;
  mlp_config.data_dir = o.data_dir;
  mlp_config.target_accuracy = o.target_accuracy;
  mlp_config.inference_epochs = o.mlp_epochs;
  mlp::set_mlp_suite_config(mlp_config);
  if (std::any_of(workloads.begin(), workloads.end(),
                  [](const WorkloadSpec& w) { return w.name.starts_with("mlp/"); })) {
    try {
      mlp::cached_fashion_mnist(mlp::mlp_data_dir());
    } catch (const std::runtime_error& e) {
      throw UsageError(e.what());
    }
  }
  // Also checks JOULEBENCH_KERNEL_ISA before anything runs (a bad value is a one-line error).
  const std::string kernel_paths = kernels::describe_kernels();
  PendingFile pending(out);

  register_workloads(workloads, measurement.session());

  // A window the meter cannot resolve would print quantisation noise as a result.
  RunOptions effective = o;
  const Seconds resolvable = minimum_resolvable_window(meter);
  if (!o.min_time && resolvable.value > kGoogleBenchmarkDefaultMinTime) {
    effective.min_time = resolvable.value;
    fmt::print(stderr,
               "joulebench run: --min-time raised to {:g} s, the shortest window {} resolves\n",
               resolvable.value, meter.name());
  } else if (o.min_time && *o.min_time < resolvable.value) {
    fmt::print(stderr,
               "joulebench run: warning: --min-time {:g} s is below the {:g} s {} resolves; rows "
               "under it are labelled\n",
               *o.min_time, resolvable.value, meter.name());
  }
  if (!initialize_google_benchmark(google_benchmark_arguments(effective, pending.temp_path())))
    throw UsageError("unrecognised Google Benchmark flag (see above)");
  measurement.add_context();
  // Which kernel paths this CPU takes (workloads' labels name the one each row ran).
  benchmark::AddCustomContext(context_key::kKernelPaths, kernel_paths);

  std::size_t ran = 0;
  {
    // Ctrl-C during the idle window or a benchmark leaves no temporary file.
    InterruptGuard guard;
    ran = measurement.run_benchmarks();
    if (!measurement.timelines().empty() && ran > 0 &&
        std::filesystem::file_size(pending.temp_path()) > 0)
      add_power_timelines(pending.temp_path(), measurement.timelines());
  }
  benchmark::Shutdown();
  if (ran == 0)
    throw UsageError("no benchmark ran");
  // --benchmark_list_tests=true and the like measure nothing: keep any previous file as it is.
  if (std::filesystem::file_size(pending.temp_path()) == 0) {
    fmt::print(stderr, "joulebench run: nothing was measured; no result file written\n");
    return kExitOk;
  }
  pending.commit();
  if (const std::optional<std::string> failure = meter.failure())
    fmt::print(stderr, "joulebench run: warning: the meter failed during the run: {}\n", *failure);
  fmt::print(stderr, "joulebench run: {} benchmarks, energy {}; results in {}\n", ran,
             to_string(provenance_of(meter)), out.string());
  return kExitOk;
}

}  // namespace

Command add_run_command(CLI::App& root, const std::vector<std::string>& benchmark_flags) {
  auto options = std::make_shared<RunOptions>();
  options->benchmark_flags = benchmark_flags;
  CLI::App* run = root.add_subcommand(
      "run",
      "Run workloads through Google Benchmark and record J, W, gCO2e and FLOP/J per iteration.\n"
      "Any --benchmark_* flag (with '=', e.g. --benchmark_min_warmup_time=0.1) is passed to "
      "Google Benchmark.");
  run->add_option("--filter", options->filter,
                  "Regular expression over workload names (see 'joulebench list'); default: all");
  run->add_option("--min-time", options->min_time,
                  "Minimum seconds per benchmark (Google Benchmark's default: 0.5)")
      ->check(CLI::NonNegativeNumber);
  run->add_option("--repetitions", options->repetitions,
                  "Repeat each benchmark N times; adds mean/median/stddev/cv rows")
      ->check(CLI::PositiveNumber);
  run->add_option("--out", options->out,
                  "Result file (Google Benchmark JSON), written atomically; default: "
                  "results/<host>-<UTC date and time>.json");
  run->add_option("--region", options->measurement.region,
                  "Grid region for gCO2e: FR, FRA, US-CA, CA-QC, aws:us-east-1, gcp:europe-west9, "
                  "azure:francecentral, ... (else $JOULEBENCH_REGION, else \"region\" in "
                  "./joulebench.json or $XDG_CONFIG_HOME/joulebench/config.json, else the world "
                  "average, marked as a default)");
  run->add_option("--intensity-series", options->measurement.intensity_series,
                  "CSV of UTC hour,gCO2e/kWh: each benchmark uses the hour its window ended in");
  run->add_option("--pue", options->measurement.pue,
                  "Power usage effectiveness of the facility, applied before the grid intensity; "
                  "1.0 = IT energy only")
      ->default_val(1.0);
  run->add_option("--meter", options->measurement.meter,
                  "Energy source: auto picks the best usable one (see 'joulebench meters')")
      ->check(CLI::IsMember(meter_choices()))
      ->default_val("auto");
  run->add_option("--powercap-root", options->measurement.powercap_root,
                  "powercap sysfs tree to read RAPL from (default: $JOULEBENCH_POWERCAP_ROOT, "
                  "else /sys/class/powercap)");
  run->add_option("--perf-pmu-root", options->measurement.perf_pmu_root,
                  "perf power PMU directory (default: $JOULEBENCH_PERF_PMU_ROOT, else "
                  "/sys/bus/event_source/devices/power)");
  run->add_option("--estimate-utilisation", options->measurement.estimate_utilisation,
                  "For the estimate: 'process' (this process's share of CPU time, Eco2AI's way) "
                  "or 'machine' (the whole machine's CPU use, CodeCarbon's way)")
      ->check(CLI::IsMember({"process", "machine"}))
      ->default_val("process");
  run->add_option("--sample-interval", options->measurement.sample_interval,
                  "Seconds between background reads of the meter, which catch counter wraps "
                  "(0: no background reads)")
      ->default_val(kDefaultSampleInterval.value);
  run->add_option("--idle-baseline", options->measurement.idle_baseline,
                  "Seconds to measure idle power before the suite, for energy_net_J (0: skip)")
      ->default_val(kDefaultIdleWindow.value);
  run->add_option("--data-dir", options->data_dir,
                  "Directory of the Fashion-MNIST IDX files (gzip or raw) for the mlp/ workloads "
                  "(default: /usr/share/datasets/fashion-mnist, else the slice in "
                  "data/fashion-mnist)");
  run->add_option("--target-accuracy", options->target_accuracy,
                  "Test accuracy the mlp/train-to-accuracy/ rows train to")
      ->check(CLI::Range(0.0, 1.0))
      ->default_val(0.85);
  run->add_option("--mlp-epochs", options->mlp_epochs,
                  "Epochs of Adam (batch 64) that train the weights the mlp/infer/ rows measure; "
                  "trained once, cached under results/cache/")
      ->check(CLI::Range(1, 1000))
      ->default_val(3);
  return {run, [options] { return execute(*options); }};
}

}  // namespace joulebench::cli
