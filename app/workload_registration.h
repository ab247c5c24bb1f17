#pragma once
// Where workloads meet the harness: each workload becomes a Google Benchmark whose timed loop is
// bracketed by an EnergyScope.

#include <vector>

#include "app/run_progress.h"
#include "harness/measurement/energy_scope.h"
#include "workloads/workload.h"

namespace joulebench {

// `session` and `progress` must outlive the benchmark run.
void register_workloads(const std::vector<WorkloadSpec>& specs, MeasurementSession& session,
                        cli::RunProgress& progress);

}  // namespace joulebench
