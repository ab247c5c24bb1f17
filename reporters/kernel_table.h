#pragma once
// Side-by-side kernel comparison from one result file: each GEMM/GEMV problem (task, precision,
// shape, variant, threads) as a row, each backend (joulebench, oneDNN, OpenBLAS, Eigen) as a
// column in GFLOP/s (GOP/s for integers), and joulebench's throughput as a ratio of oneDNN's and
// OpenBLAS's. Names follow the workload convention task/precision/backend/shape[/...][/threads:N].

#include <ostream>
#include <string>
#include <vector>

#include "reporters/result_file.h"

namespace joulebench {

struct KernelTableEntry {
  std::string problem;  // "gemm/int8/512", "gemv/int4/4096x4096/batch:1"
  int threads = 1;
  std::string backend;       // "joulebench", "onednn", ...
  double gflops_real = 0.0;  // FLOPs / real time
  double gflops_cpu = 0.0;   // FLOPs / the main thread's CPU time (steadier on a loaded host)
  std::string label;         // the row's label: the code path it ran
};

// Entries for rows with a `flops` counter and a name of at least task/precision/backend/shape;
// others are skipped.
std::vector<KernelTableEntry> kernel_table_entries(const ResultFile& file);

void write_kernel_table(std::ostream& out, const std::vector<KernelTableEntry>& entries);

}  // namespace joulebench
