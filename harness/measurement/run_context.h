#pragma once
// The context recorded once per result file: how every figure in it was obtained.

#include <string>
#include <utility>
#include <vector>

#include "common/result_schema.h"
#include "harness/carbon/carbon_accounting.h"
#include "harness/meters/meter.h"

namespace joulebench {

using ContextEntries = std::vector<std::pair<std::string, std::string>>;

ContextEntries describe_run(const Meter& meter, const CarbonAccounting& carbon);

// Adds the entries with benchmark::AddCustomContext (each key once per process).
void add_benchmark_context(const ContextEntries& entries);

}  // namespace joulebench
