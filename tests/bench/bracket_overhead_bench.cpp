// What the energy bracket costs a 1 ms workload: the same calibrated compute loop run plain and
// inside an EnergyScope (estimate meter; RAPL on a fixture tree, with the background sampler
// reading at 100 ms as `joulebench run` does). Prints the ratio of median real time per
// iteration, bracketed / plain, from one run of this program. Target: under 1.01.

#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include <chrono>
#include <map>
#include <memory>
#include <optional>

#include "harness/carbon/carbon_accounting.h"
#include "harness/measurement/energy_scope.h"
#include "harness/meters/meter_sampler.h"
#include "harness/meters/rapl_meter.h"
#include "harness/meters/tdp_estimate_meter.h"
#include "tests/support/capturing_reporter.h"
#include "tests/support/powercap_fixture.h"

namespace joulebench {
namespace {

// A dependent chain of multiply-adds: nothing for the compiler to fold, nothing in memory.
double spin(long steps) {
  double x = 1.0;
  for (long i = 0; i < steps; ++i)
    x = x * 0.999999 + 1e-7;
  return x;
}

long steps_for_one_millisecond() {
  long steps = 1000;
  for (;;) {
    const auto start = std::chrono::steady_clock::now();
    benchmark::DoNotOptimize(spin(steps));
    const double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    if (ms > 20.0)
      return static_cast<long>(static_cast<double>(steps) / ms);
    steps *= 2;
  }
}

}  // namespace
}  // namespace joulebench

int main(int argc, char** argv) {
  using namespace joulebench;
  benchmark::Initialize(&argc, argv);
  const long steps = steps_for_one_millisecond();
  const CarbonAccounting carbon{resolve_grid_intensity(std::nullopt), 1.0};

  TdpEstimateMeter estimate;
  MeasurementSession estimate_session{estimate, carbon};
  testing::PowercapFixture fx;
  fx.add_two_socket_machine();
  RaplMeter rapl(plan_disjoint_zones(discover_rapl(fx.root().string()).zones).summed);
  MeasurementSession rapl_session{rapl, carbon};

  auto configure = [](benchmark::internal::Benchmark* b) {
    b->Repetitions(5)->ReportAggregatesOnly(true)->MinTime(0.5)->UseRealTime();
  };
  configure(benchmark::RegisterBenchmark("workload_1ms/plain", [&](benchmark::State& state) {
    for (auto _ : state)
      benchmark::DoNotOptimize(spin(steps));
  }));
  configure(
      benchmark::RegisterBenchmark("workload_1ms/estimate_bracket", [&](benchmark::State& state) {
        EnergyScope energy(state, estimate_session);
        for (auto _ : state)
          benchmark::DoNotOptimize(spin(steps));
      }));
  configure(benchmark::RegisterBenchmark("workload_1ms/rapl_fixture_bracket_and_sampler",
                                         [&](benchmark::State& state) {
                                           MeterSampler sampler(rapl, kDefaultSampleInterval);
                                           EnergyScope energy(state, rapl_session);
                                           for (auto _ : state)
                                             benchmark::DoNotOptimize(spin(steps));
                                         }));

  testing::CapturingReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  std::map<std::string, double> median_ms;
  for (const auto& run : reporter.runs()) {
    if (run.aggregate_name == "median")
      median_ms[run.run_name.function_name] = run.GetAdjustedRealTime();
  }
  const double plain = median_ms["workload_1ms/plain"];
  for (const auto& [name, time] : median_ms)
    fmt::print("{}: median {:.4f} ms per iteration\n", name, time / 1e6);
  for (const auto& [name, time] : median_ms) {
    if (name != "workload_1ms/plain" && plain > 0.0)
      fmt::print("overhead ratio {}: {:.4f} (median real time per iteration vs plain)\n", name,
                 time / plain);
  }
  benchmark::Shutdown();
  return 0;
}
