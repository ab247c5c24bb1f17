#pragma once
// The context recorded once per result file: how every figure in it was obtained.

#include <string>
#include <utility>
#include <vector>

#include "common/result_schema.h"
#include "harness/carbon/carbon_accounting.h"
#include "harness/meters/meter.h"
#include "harness/meters/meter_selection.h"

namespace joulebench {

using ContextEntries = std::vector<std::pair<std::string, std::string>>;

// `candidates` (from select_meter) adds the sources passed over although present
// (context_key::kMeterPassedOver), when there are any.
ContextEntries describe_run(const Meter& meter, const CarbonAccounting& carbon,
                            const std::vector<MeterCandidate>& candidates = {});

// Adds the entries with benchmark::AddCustomContext (each key once per process).
void add_benchmark_context(const ContextEntries& entries);

}  // namespace joulebench
