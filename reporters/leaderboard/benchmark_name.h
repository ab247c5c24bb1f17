#pragma once
// What a row is: its task, variant, precision, backend, batch and unit of work. Rows whose code
// labelled them (joulebench/labels.h) say so in the file; for the others (plain Google Benchmark
// files, files from before labels) the name is parsed: joulebench names are
// `task/precision/backend/shape` (or `family/mode/precision/shape`, as the MLP's are); Google
// Benchmark appends `/real_time`, `/repeats:N` and the like. Names with no precision segment are
// kept whole.

#include <cstdint>
#include <string>
#include <string_view>

#include "joulebench/labels.h"
#include "reporters/result_file.h"

namespace joulebench {

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

// The row's labels when it has them (a batch of 0 read as 1), else its parsed run name.
BenchmarkName describe_row(const ResultRow& row);

}  // namespace joulebench
