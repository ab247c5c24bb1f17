#include "app/workload_registration.h"

#include <benchmark/benchmark.h>

namespace joulebench {

void register_workloads(const std::vector<WorkloadSpec>& specs, MeasurementSession& session,
                        cli::RunProgress& progress) {
  for (std::size_t index = 0; index < specs.size(); ++index) {
    const WorkloadSpec& spec = specs[index];
    auto* bench = benchmark::RegisterBenchmark(
        spec.name.c_str(), [&session, &progress, index, workload_name = spec.name, make = spec.make,
                            labels = spec.labels](benchmark::State& state) {
          progress.entering(index, workload_name);
          std::unique_ptr<Workload> workload;
          try {
            workload = make();
          } catch (const std::exception& e) {
            // A workload that cannot be built (its data unreadable, say) is one failed row, not
            // a crash of the whole suite.
            state.SkipWithError(e.what());
            return;
          }
          // Quality first: computing it must not count as energy.
          const auto quality = workload->quality();
          EnergyScope energy(state, session, workload->flops_per_iteration());
          for (const auto& [name, value] : quality)
            energy.set_quality(name, value);
          energy.set_implementation(workload->implementation());
          if (!labels.task.empty())
            energy.set_labels(labels);
          for (auto _ : state) {
            workload->run();
            benchmark::ClobberMemory();
          }
          for (const auto& [name, value] : workload->outcome())
            energy.set_quality(name, value);
        });
    bench
        // Real time, not the main thread's CPU time: energy is spent on the wall clock, and
        // a multithreaded kernel's main-thread CPU time says nothing of its cost.
        ->UseRealTime()
        ->Unit(benchmark::kMicrosecond);
    if (spec.iterations > 0)
      bench->Iterations(spec.iterations);
  }
}

}  // namespace joulebench
