// One read() of each meter, as `joulebench run` calls it next to the timed loop. Sensors this
// machine lacks are read from fixtures: a powercap tree on tmpfs (a real sysfs read adds the
// kernel's rdmsr on the package's CPU), scripted perf syscalls and the fake libnvidia-ml, so those
// figures are the meters' own overhead, not the hardware's.

#include <benchmark/benchmark.h>
#include <dlfcn.h>
#include <fmt/format.h>

#include <memory>

#include "harness/meters/nvml_meter.h"
#include "harness/meters/perf_meter.h"
#include "harness/meters/rapl_meter.h"
#include "harness/meters/tdp_estimate_meter.h"
#include "tests/support/powercap_fixture.h"

namespace joulebench {
namespace {

void read_loop(benchmark::State& state, Meter& meter) {
  for (auto _ : state)
    benchmark::DoNotOptimize(meter.read());
  state.SetLabel(fmt::format("{} domains", meter.domains().size()));
}

void BM_RaplRead_FixtureTree(benchmark::State& state) {
  testing::PowercapFixture fx;
  fx.add_two_socket_machine();
  RaplMeter meter(plan_disjoint_zones(discover_rapl(fx.root().string()).zones).summed);
  read_loop(state, meter);
}
BENCHMARK(BM_RaplRead_FixtureTree);

int fake_open(std::uint32_t, std::uint64_t config, int cpu) noexcept {
  return 100 + cpu * 8 + static_cast<int>(config);
}
bool fake_read(int fd, std::uint64_t* count) noexcept {
  *count = static_cast<std::uint64_t>(fd) << 32;
  return true;
}
void fake_close(int) noexcept {}

void BM_PerfRead_ScriptedSyscalls(benchmark::State& state) {
  PerfDiscovery discovery;
  discovery.pmu_type = 23;
  for (int package = 0; package < 2; ++package) {
    discovery.events.push_back({"energy-pkg", fmt::format("cpu.package-{}", package), 2,
                                package * 18, 2.3283064365386962890625e-10});
  }
  PerfSeam seam;
  seam.open_event = fake_open;
  seam.read_count = fake_read;
  seam.close_event = fake_close;
  PerfMeter meter(std::move(discovery), seam);
  read_loop(state, meter);
}
BENCHMARK(BM_PerfRead_ScriptedSyscalls);

void BM_NvmlRead_FakeLibrary(benchmark::State& state) {
  void* handle = ::dlopen(FAKE_NVML_LIBRARY, RTLD_NOW | RTLD_LOCAL);
  reinterpret_cast<void (*)(unsigned, unsigned)>(::dlsym(handle, "fake_nvml_reset"))(2, 8);
  {
    NvmlMeter meter(discover_nvml(FAKE_NVML_LIBRARY));
    read_loop(state, meter);
  }
  ::dlclose(handle);
}
BENCHMARK(BM_NvmlRead_FakeLibrary);

void BM_EstimateRead(benchmark::State& state, UtilisationMode mode) {
  EstimateOptions options;
  options.mode = mode;
  TdpEstimateMeter meter(options);
  read_loop(state, meter);
}
BENCHMARK_CAPTURE(BM_EstimateRead, process_mode, UtilisationMode::process);
BENCHMARK_CAPTURE(BM_EstimateRead, machine_mode, UtilisationMode::machine);

}  // namespace
}  // namespace joulebench

BENCHMARK_MAIN();
