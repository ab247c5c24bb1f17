#pragma once
// What a benchmark name says about the work: joulebench names are `task/precision/backend/shape`
// (or `family/mode/precision/shape`, as the MLP's are); Google Benchmark appends `/real_time`,
// `/repeats:N` and the like. Users' own names have no precision segment and are kept whole.

#include <cstdint>
#include <string>
#include <string_view>

namespace joulebench {

// What one iteration of the benchmark is, so energy can be given per unit of useful work.
enum class WorkUnit {
  iteration,  // a kernel call, or anything not known to be more specific
  inference,  // a batch of inferences: J per inference = J per iteration / batch
  step,       // one training step
};

std::string_view work_unit_name(WorkUnit unit);

struct BenchmarkName {
  std::string workload;   // the run name without Google Benchmark's suffixes
  std::string task;       // the workload without its precision and backend segments
  std::string variant;    // "precision/backend", "precision", or "" when the name has no precision
  std::string precision;  // "fp32", "int8", ... or ""
  std::string backend;    // the segment right after the precision when it is a word, else ""
  WorkUnit unit = WorkUnit::iteration;
  std::int64_t batch = 1;  // from a `batch:N` segment
};

// The precision is the first segment after the first that looks like fp32, bf16, int8, uint4,
// tf32 (a type prefix and a bit width). Comparing variants of one task means comparing the
// same shape, batch and mode, so everything else stays in the task.
BenchmarkName parse_benchmark_name(std::string_view run_name);

// Only BenchmarkName::workload: the run name without Google Benchmark's suffixes.
std::string benchmark_workload(std::string_view run_name);

}  // namespace joulebench
