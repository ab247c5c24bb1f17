// Three ordinary Google Benchmark benchmarks, each measured by adding one joulebench line.

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>
#include <string>
#include <vector>

#include "joulebench/joulebench.h"

namespace {

// A dense matrix product: FLOPs are known, so FLOP/J is reported too.
void BM_matmul(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  std::vector<float> a(n * n, 1.5f), b(n * n, 0.5f), c(n * n);
  joulebench::Energy energy(state, 2.0 * static_cast<double>(n * n * n));
  for (auto _ : state) {
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t k = 0; k < n; ++k)
        for (std::size_t j = 0; j < n; ++j)
          c[i * n + j] += a[i * n + k] * b[k * n + j];
    benchmark::DoNotOptimize(c.data());
  }
}
BENCHMARK(BM_matmul)->Arg(64)->Arg(128)->UseRealTime();

// No FLOP count to declare: joules, watts and gCO2e per iteration only.
void BM_sort(benchmark::State& state) {
  std::vector<int> input(static_cast<std::size_t>(state.range(0)));
  std::mt19937 random(42);
  std::generate(input.begin(), input.end(), random);
  std::vector<int> data;
  joulebench::Energy energy(state);
  for (auto _ : state) {
    data = input;
    std::sort(data.begin(), data.end());
    benchmark::DoNotOptimize(data.data());
  }
}
BENCHMARK(BM_sort)->Arg(1 << 16)->UseRealTime();

// A cheaper approximation and what it costs in accuracy: pi from the Leibniz series, with its
// error declared beside its energy. The error is computed before the scope, so it is not counted.
// The three lengths are variants of one task, so reports rank them against each other and plot
// their energy against their error.
double leibniz_pi(int terms) {
  double sum = 0.0;
  for (int k = 0; k < terms; ++k)
    sum += (k % 2 == 0 ? 4.0 : -4.0) / (2.0 * k + 1.0);
  return sum;
}

void BM_leibniz_pi(benchmark::State& state) {
  const int terms = static_cast<int>(state.range(0));
  const double pi = std::acos(-1.0);
  const double error = std::abs(leibniz_pi(terms) - pi) / pi;
  joulebench::Energy energy(state, 2.0 * terms);
  energy.set_rel_error(error);
  energy.set_task("leibniz-pi", "terms:" + std::to_string(terms));
  for (auto _ : state)
    benchmark::DoNotOptimize(leibniz_pi(terms));
}
BENCHMARK(BM_leibniz_pi)->Arg(1000)->Arg(10000)->Arg(100000)->UseRealTime();

}  // namespace

JOULEBENCH_MAIN();
