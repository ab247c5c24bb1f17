// `joulebench run`: the suite through Google Benchmark, with energy counters, into a result file.

#include <benchmark/benchmark.h>
#include <fmt/chrono.h>
#include <fmt/format.h>

#include <chrono>
#include <filesystem>
#include <optional>
#include <regex>

#include "app/command.h"
#include "app/openblas_restart.h"
#include "app/workload_registration.h"
#include "common/benchmark_flag_values.h"
#include "common/cli_checks.h"
#include "common/flag_rules.h"
#include "harness/measurement/energy_counters.h"
#include "harness/measurement/measurement_setup.h"
#include "harness/system/host_info.h"
#include "workloads/gemm/gemm_peers.h"
#include "workloads/kernels/cpu_features.h"
#include "workloads/mlp/mlp_suite_config.h"
#include "workloads/models/model_workloads.h"
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
  std::string cache_dir;  // empty: $XDG_CACHE_HOME/joulebench, ~/.cache/joulebench
  std::string models;     // a model manifest: run its rows instead of the suite
  double target_accuracy = 0.85;
  int mlp_epochs = 3;
  bool quiet = false;
  std::vector<std::string> benchmark_flags;
};

// Flags that would fight with what `run` itself sets.
constexpr std::pair<const char*, const char*> kReservedBenchmarkFlags[] = {
    {"--benchmark_out=", "--out FILE"},
    {"--benchmark_out_format", "nothing (result files are always JSON)"},
    {"--benchmark_filter", "--filter REGEX"},
    {"--benchmark_min_time", "--min-time SECONDS"},
    {"--benchmark_repetitions", "--repetitions N"},
};

// How `run` spells the options the measurement core names in its messages.
FrontEndNames run_names() {
  return {.program = "joulebench run",
          .meter = "--meter",
          .estimate_utilisation = "--estimate-utilisation",
          .region = "--region",
          .intensity_series = "--intensity-series",
          .pue = "--pue",
          .sample_interval = "--sample-interval",
          .idle_baseline = "--idle-baseline",
          .min_time = "--min-time"};
}

std::filesystem::path default_result_path() {
  const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  return std::filesystem::path("results") /
         fmt::format("{}-{:%Y%m%dT%H%M%SZ}.json", read_host_info().host_name, now);
}

std::vector<std::string> google_benchmark_arguments(const RunOptions& o,
                                                    std::optional<double> min_time,
                                                    const std::filesystem::path& temp_out) {
  std::vector<std::string> args = {"joulebench"};
  if (min_time)
    args.push_back(fmt::format("--benchmark_min_time={}", *min_time));
  if (o.repetitions)
    args.push_back(fmt::format("--benchmark_repetitions={}", *o.repetitions));
  args.push_back("--benchmark_out=" + temp_out.string());
  args.push_back("--benchmark_out_format=json");
  args.insert(args.end(), o.benchmark_flags.begin(), o.benchmark_flags.end());
  return args;
}

// The rows of a --models manifest that --filter selects (all of them without a filter). A bad
// manifest, or a build without LibTorch, is one line and exit 2.
std::vector<WorkloadSpec> manifest_workloads(const std::string& manifest_file,
                                             const std::string& filter) {
  std::vector<WorkloadSpec> rows;
  try {
    rows = models::model_workloads(models::read_model_manifest(manifest_file));
  } catch (...) {
    rethrow_with_prefix("--models");
  }
  if (filter.empty())
    return rows;
  // select_workloads() raises the same one-line error for a bad regex.
  select_workloads(filter);
  const std::regex pattern(filter);
  std::erase_if(rows, [&](const WorkloadSpec& w) { return !std::regex_search(w.name, pattern); });
  return rows;
}

// The workloads --filter selects, with what they read checked: a missing or corrupt data set is
// one error before anything runs.
std::vector<WorkloadSpec> checked_workloads(const RunOptions& o) {
  // The filter applies to workload names as `joulebench list` shows them (Google Benchmark's
  // own filter would see names with suffixes such as "/real_time", where "128$" fails).
  std::vector<WorkloadSpec> workloads =
      o.models.empty() ? select_workloads(o.filter) : manifest_workloads(o.models, o.filter);
  if (workloads.empty()) {
    throw UsageError(
        fmt::format("no workload matches --filter '{}' (see 'joulebench list')", o.filter));
  }
  mlp::MlpSuiteConfig mlp_config;
  mlp_config.data_dir = o.data_dir;
  mlp_config.cache_dir = o.cache_dir;
  mlp_config.target_accuracy = o.target_accuracy;
  mlp_config.inference_epochs = o.mlp_epochs;
  mlp::set_mlp_suite_config(mlp_config);
  // Each workload checks what it reads (its data set, sizes against its batch) here, so a data
  // set that cannot serve a row is one line and exit 2 before any benchmark runs or any result
  // file is started.
  for (const WorkloadSpec& w : workloads) {
    if (!w.check_inputs)
      continue;
    w.check_inputs();
  }
  return workloads;
}

int execute(const RunOptions& o) {
  // First, before anything is read, written or probed: this may restart the process with the
  // same arguments, so that the OpenBLAS peer rows run the best core this CPU supports.
  restart_on_best_openblas_core();
  for (const std::string& flag : o.benchmark_flags) {
    for (const auto& [reserved, instead] : kReservedBenchmarkFlags) {
      if (flag.starts_with(reserved)) {
        throw UsageError(fmt::format("{} is set by joulebench run; use {}", flag, instead));
      }
    }
  }

  check_benchmark_flags(o.benchmark_flags);
  check_benchmark_flag_values(o.benchmark_flags);

  // Everything the user typed is checked before the meter is selected (which probes hardware)
  // and before the first benchmark runs.
  MeasurementOptions measurement_options = o.measurement;
  measurement_options.names = run_names();
  const CheckedMeasurementOptions checked = check_measurement_options(measurement_options);
  const std::vector<WorkloadSpec> workloads = checked_workloads(o);
  // Also checks JOULEBENCH_KERNEL_ISA before anything runs (a bad value is a one-line error).
  const std::string kernel_paths = kernels::describe_kernels();
  std::filesystem::path out = o.out;
  if (out.empty()) {
    out = default_result_path();
    std::filesystem::create_directories(out.parent_path());
  }
  ResultOutput output(out, /*json=*/true);

  Measurement measurement(checked);
  for (const std::string& note : passed_over_notes(measurement.selection()))
    fmt::print(stderr, "joulebench run: {}\n", note);
  RunProgress progress(workloads.size(), o.quiet ? nullptr : stderr);
  register_workloads(workloads, measurement.session(), progress);
  const MinTimeChoice min_time = measurement.min_time(o.min_time);
  if (const std::vector<std::string> unknown = initialize_google_benchmark(
          google_benchmark_arguments(o, min_time.seconds, output.temp_path()));
      !unknown.empty()) {
    throw UsageError(fmt::format("unrecognised Google Benchmark flag {}", fmt::join(unknown, " ")));
  }
  if (!min_time.note.empty())
    fmt::print(stderr, "{}\n", min_time.note);
  measurement.add_context();
  // Which kernel paths this CPU takes (workloads' labels name the one each row ran). Recorded
  // here, not by the measurement core: kernels are workload knowledge (workloads/kernels), which
  // a JOULEBENCH_MAIN program measuring its own code neither links nor uses.
  benchmark::AddCustomContext(context_key::kKernelPaths, kernel_paths);
  benchmark::AddCustomContext(context_key::kPeerLibraries, describe_peer_libraries());

  const RunOutcome outcome = measurement.run_and_record(&output);
  benchmark::Shutdown();
  if (outcome.ran == 0)
    throw UsageError("no benchmark ran");
  // --benchmark_list_tests=true and the like measure nothing: any previous file is kept as it is.
  if (!outcome.written) {
    fmt::print(stderr, "joulebench run: nothing was measured; no result file written\n");
    return kExitOk;
  }
  fmt::print(stderr, "joulebench run: {} benchmarks, energy {}; results in {}\n", outcome.ran,
             to_string(provenance_of(measurement.meter())), out.string());
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
                  "Regular expression over all workload names (see 'joulebench list'); without it, "
                  "the default suite (the rows 'list' marks *)");
  run->add_option("--min-time", options->min_time,
                  "Minimum seconds per benchmark (Google Benchmark's default: 0.5)")
      ->check(number_check(flag_rules::kMinTime));
  run->add_option("--repetitions", options->repetitions,
                  "Repeat each benchmark N times; adds mean/median/stddev/cv rows")
      ->check(number_check(flag_rules::kRepetitions));
  run->add_option("--out", options->out,
                  "Result file (Google Benchmark JSON), written atomically; default: "
                  "results/<host>-<UTC date and time>.json");
  run->add_flag("--quiet", options->quiet,
                "No progress lines on stderr (by default one as each workload starts: [3/71] "
                "NAME, with the time so far and a rough guess of the time left)");
  run->add_option("--region", options->measurement.region,
                  "Grid region for gCO2e: FR, FRA, US-CA, CA-QC, aws:us-east-1, gcp:europe-west9, "
                  "azure:francecentral, ... (else $JOULEBENCH_REGION, else \"region\" in "
                  "./joulebench.json or $XDG_CONFIG_HOME/joulebench/config.json, else the world "
                  "average, marked as a default)");
  run->add_option("--intensity-series", options->measurement.intensity_series,
                  "CSV of UTC hour,gCO2e/kWh: each benchmark uses the hour its window ended in");
  run->add_option("--pue", options->measurement.pue,
                  "Power usage effectiveness of the facility, applied before the grid intensity; "
                  "1.0 = IT energy only; " +
                      flag_rules::kPue.bounds())
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
  run->add_option("--estimate-utilisation,--estimate-utilization",
                  options->measurement.estimate_utilisation,
                  "For the estimate: 'process' (this process's share of CPU time, Eco2AI's way) "
                  "or 'machine' (the whole machine's CPU use, CodeCarbon's way)")
      ->check(CLI::IsMember({"process", "machine"}))
      ->default_val("process");
  run->add_option("--sample-interval", options->measurement.sample_interval,
                  "Seconds between background reads of the meter, which catch counter wraps "
                  ": " +
                      flag_rules::kSampleInterval.bounds())
      ->default_val(kDefaultSampleInterval.value);
  run->add_option("--idle-baseline", options->measurement.idle_baseline,
                  "Seconds to measure idle power before the suite, for energy_net_J : " +
                      flag_rules::kIdleBaseline.bounds())
      ->default_val(kDefaultIdleWindow.value);
  run->add_option("--data-dir", options->data_dir,
                  "Directory of the Fashion-MNIST IDX files (gzip or raw) for the mlp/ workloads "
                  "(default: $JOULEBENCH_DATA_DIR/fashion-mnist when set, else "
                  "/usr/share/datasets/fashion-mnist, else the slice installed with joulebench, "
                  "<prefix>/share/joulebench/fashion-mnist)");
  run->add_option("--cache-dir", options->cache_dir,
                  "Directory of the trained MLP weights the mlp/infer/ rows measure (default: "
                  "$XDG_CACHE_HOME/joulebench, else ~/.cache/joulebench)");
  run->add_option("--models", options->models,
                  "JSON manifest of TorchScript model variants (task, input_shape, batch_sizes, "
                  "eval data, variants): runs their model/<task>/<variant>/batch:N rows instead "
                  "of the suite; --filter selects among them (needs a build with LibTorch)");
  run->add_option("--target-accuracy", options->target_accuracy,
                  "Test accuracy the mlp/train-to-accuracy/ rows train to")
      ->check(number_check(flag_rules::kTargetAccuracy))
      ->default_val(0.85);
  run->add_option("--mlp-epochs", options->mlp_epochs,
                  "Epochs of Adam (batch 64) that train the weights the mlp/infer/ rows measure; "
                  "trained once, then cached (see --cache-dir)")
      ->check(number_check(flag_rules::kMlpEpochs))
      ->default_val(3);
  return {run, [options] { return execute(*options); }};
}

}  // namespace joulebench::cli
