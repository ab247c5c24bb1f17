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
#include <string>

#include "joulebench/labels.h"

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

  // Which task this benchmark is a variant of, so reports rank it against the other variants
  // instead of alone: BM_leibniz_pi/1000 and BM_leibniz_pi/100000 as task "leibniz-pi",
  // variants "terms:1000" and "terms:100000". Without it, reports derive task and variant from
  // the benchmark's name, and each of your benchmarks is a task of its own.
  void set_task(std::string task, std::string variant);
  // All the labels at once (task and variant as above, plus precision, backend, batch and what
  // one iteration is, so energy is also given per inference). An empty task, or a batch below 0,
  // fails the benchmark with an error that says so.
  void set_labels(RowLabels labels);

 private:
  benchmark::State& state_;
  std::unique_ptr<EnergyScope> scope_;
};

}  // namespace joulebench
