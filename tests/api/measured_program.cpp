// A user's own benchmark program, as in examples/own-benchmarks: JOULEBENCH_MAIN() and one
// joulebench::Energy line per benchmark. joulebench_main_test runs it as a user would.

#include <chrono>
#include <thread>

#include "joulebench/joulebench.h"

namespace {

// 10 ms per iteration whatever the machine: how long Google Benchmark ran it shows the minimum
// time it was given (0.5 s by default stops near 0.7 s; 1 s runs at least 1 s).
void sleep_10ms(benchmark::State& state) {
  joulebench::Energy energy(state);
  for (auto _ : state)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
}
BENCHMARK(sleep_10ms)->UseRealTime();

}  // namespace

JOULEBENCH_MAIN();
