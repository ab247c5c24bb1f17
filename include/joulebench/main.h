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
// It measures as `joulebench run` does (the same measurement core): every option above is
// checked before any hardware is probed; it selects the meter, records in the run's context how
// every figure is obtained (meter, measured or estimated, region, grid intensity and its source,
// PUE), measures the idle baseline and runs the benchmarks with a background sampler and the
// same allocator settings. Without --benchmark_min_time it raises Google Benchmark's minimum
// time to the window the meter resolves (and warns when yours is below it). --benchmark_out=FILE
// is written whole or not at all: Google Benchmark writes a temporary, a power timeline per
// benchmark is added (JSON), and only then does it replace FILE; Ctrl-C leaves no temporary, and
// a run that measured nothing (--benchmark_list_tests, a filter matching nothing) keeps any
// previous FILE.

namespace joulebench {

// Returns the process exit code, after at most one line on stderr ("<argv[0]>: error: ..." or
// "<argv[0]>: internal error: ..."):
//   0  the benchmarks ran (like BENCHMARK_MAIN, a filter that matches nothing, or
//      --benchmark_list_tests, is not an error);
//   2  bad flags (ours, or Google Benchmark's, unknown ones included), a bad value in a
//      JOULEBENCH_* variable, an unreadable input file (--joulebench_intensity_series), an
//      unwritable --benchmark_out, or a measurement that cannot start (an unusable meter, a
//      sensor that died before the idle baseline);
//   3  an internal error: a bug in joulebench, never bad input; the line names the exception and
//      asks for a report.
// A signal (Ctrl-C) ends the program with 128 + its number, leaving no temporary file. Google
// Benchmark itself still exits 0 after printing its usage for a --benchmark_format it does not
// know.
int Main(int argc, char** argv);

}  // namespace joulebench

#define JOULEBENCH_MAIN()                  \
  int main(int argc, char** argv) {        \
    return ::joulebench::Main(argc, argv); \
  }                                        \
  int main(int, char**)
