#!/usr/bin/env bash
# Our GEMM/GEMV kernels beside oneDNN, OpenBLAS and Eigen, at 1 and 2 threads, from ONE
# `joulebench run`; prints a Markdown table (GFLOP/s, GOP/s for int8/int4, and ratios).
#
#   scripts/kernel_table.sh                      # build (release preset), run, print
#   JOULEBENCH_BUILD=build/ci scripts/kernel_table.sh    # use an existing build
#   KERNEL_TABLE_FILTER='^gemm/int8/' scripts/kernel_table.sh
#   KERNEL_TABLE_REPETITIONS=5 KERNEL_TABLE_MIN_TIME=0.5 scripts/kernel_table.sh
#
# The result JSON stays in build/kernel-table/kernels-<UTC time>.json (not results/: bench.sh
# builds the leaderboard from every file there). Timings are only as quiet as the
# machine: the script prints the load average before and after; compare at one thread first.
# Repetitions are interleaved at random, so a burst of load spreads over all backends.
set -euo pipefail
cd "$(dirname "$0")/.."

build="${JOULEBENCH_BUILD:-}"
if [[ -z "$build" ]]; then
  cmake --preset release >/dev/null
  cmake --build --preset release -j"$(nproc)" --target joulebench joulebench-kernel-table
  build=build/release
fi
filter="${KERNEL_TABLE_FILTER:-^(gemm/(fp32|bf16|int8|int4)/(joulebench|onednn|openblas|eigen)/(512|1024|2048|256x784x256)(/threads:2)?|gemm/fp64/(openblas|eigen)/(512|1024)|gemv/(fp32|bf16|int8|int4)/(joulebench|onednn)/4096x4096/batch:(1|8))$}"
out="build/kernel-table/kernels-$(date -u +%Y%m%dT%H%M%SZ).json"
mkdir -p build/kernel-table

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) CPUs)" >&2
"$build/app/joulebench" run --filter "$filter" \
  --repetitions "${KERNEL_TABLE_REPETITIONS:-3}" --min-time "${KERNEL_TABLE_MIN_TIME:-0.3}" \
  --benchmark_enable_random_interleaving=true --out "$out" >&2
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
echo "result file: $out" >&2
"$build/app/joulebench-kernel-table" "$out"
