#pragma once
// Joules, watts, gCO2e and FLOP/J per iteration for your own Google Benchmark, in one line:
//
//   static void BM_matmul(benchmark::State& state) {
//     Matrix a = random(n), b = random(n), c(n, n);
//     joulebench::Energy energy(state, /*flops_per_iteration=*/2.0 * n * n * n);
//     for (auto _ : state) c.noalias() = a * b;
//   }
//   BENCHMARK(BM_matmul)->UseRealTime();
//   JOULEBENCH_MAIN();  // instead of BENCHMARK_MAIN(): see joulebench/main.h
//
// The meter is read right before the timed loop (when `energy` is constructed) and right after
// it (when `energy` goes out of scope), on every call Google Benchmark makes. The counters are
// those of `joulebench run`: energy_J, co2_g (per iteration), power_W (mean over the real
// time), flops and flop_per_J when FLOPs are declared, energy_net_J with an idle baseline.
// Meters are system-wide, so with Threads(n) only the first thread reads them, once per call,
// and the joules are divided by the iterations of all threads.

#include <benchmark/benchmark.h>

#include <memory>

namespace joulebench {

class EnergyScope;

class Energy {
 public:
  // Needs the measurement JOULEBENCH_MAIN() (or joulebench::Main) sets up before the benchmarks
  // run; without it the benchmark is skipped with an error that says so.
  explicit Energy(benchmark::State& state, double flops_per_iteration = 0.0);
  ~Energy();
  Energy(const Energy&) = delete;
  Energy& operator=(const Energy&) = delete;

  // What the result is worth, reported beside its cost (counters `accuracy`, `rel_error`).
  // Compute the figure before constructing Energy: anything done before the scope ends counts
  // toward its joules.
  void set_accuracy(double fraction_correct);
  void set_rel_error(double relative_error);

 private:
  std::unique_ptr<EnergyScope> scope_;
};

}  // namespace joulebench
