#pragma once
// Side-by-side kernel comparison from one result file: each GEMM/GEMV problem (task, precision,
// shape, variant, threads) as a row, each backend (joulebench, oneDNN, OpenBLAS, Eigen) as a
// column in GFLOP/s (GOP/s for integers), and joulebench's throughput as a ratio of oneDNN's and
// OpenBLAS's. Names follow the workload convention task/precision/backend/shape[/...][/threads:N].

#include <optional>
#include <ostream>
#include <string>
#include <string_view>
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
  // Energy per operation (energy_J / flops per iteration, in pJ): the row's energy figure, when
  // it has one (row_energy.h), so the table shows what the leaderboard ranks as well as speed.
  std::optional<double> picojoules_per_op;
};

// Entries for rows with a `flops` counter and a name of at least task/precision/backend/shape;
// others are skipped.
std::vector<KernelTableEntry> kernel_table_entries(const ResultFile& file);

void write_kernel_table(std::ostream& out, const std::vector<KernelTableEntry>& entries);

// The same rows in pJ per FLOP (per OP for integers), lower is better. `provenance` says how the
// energy was obtained ("measured by rapl", "estimated by model"); it heads the table. Without
// any energy figure, one line saying so instead of an empty table.
void write_kernel_energy_table(std::ostream& out, const std::vector<KernelTableEntry>& entries,
                               std::string_view provenance);

}  // namespace joulebench
