#pragma once
// The main() of a benchmark program measured by joulebench: Google Benchmark's flags and these
// (each also read from an environment variable when the flag is absent):
//
//   --joulebench_meter=auto|rapl|perf|nvml|model    JOULEBENCH_METER
//   --joulebench_region=FR|aws:us-east-1|...        JOULEBENCH_REGION (then ./joulebench.json ...)
//   --joulebench_pue=1.0                            JOULEBENCH_PUE
//   --joulebench_idle_baseline=2 (seconds, 0 skips) JOULEBENCH_IDLE_BASELINE
//   --joulebench_sample_interval=0.1 (s, 0: none)   JOULEBENCH_SAMPLE_INTERVAL
//   --joulebench_powercap_root=DIR                  JOULEBENCH_POWERCAP_ROOT
//   --joulebench_estimate_utilisation=process|machine  JOULEBENCH_ESTIMATE_UTILISATION
//   --joulebench_intensity_series=FILE              JOULEBENCH_INTENSITY_SERIES
//
// It selects the meter, records in the run's context how every figure is obtained (meter,
// measured or estimated, region, grid intensity and its source, PUE), measures the idle
// baseline, runs the benchmarks with a background sampler, and adds a power timeline per
// benchmark to the --benchmark_out JSON file.

namespace joulebench {

// Returns the process exit code: 0, or 2 after a one-line error on stderr for bad flags or an
// unusable meter.
int Main(int argc, char** argv);

}  // namespace joulebench

#define JOULEBENCH_MAIN()                  \
  int main(int argc, char** argv) {        \
    return ::joulebench::Main(argc, argv); \
  }                                        \
  int main(int, char**)
