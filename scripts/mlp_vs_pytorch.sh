#!/usr/bin/env bash
# joulebench's MLP workloads against PyTorch (Debian's python3-torch) on the same architecture,
# batches, optimizers, data and one thread, printed as ratios:
#
#   scripts/mlp_vs_pytorch.sh [--rounds N] [--arch 784-256-256-10] [--data-dir DIR]
#
# Installs python3-torch if missing (scripts/setup.sh --with-torch), builds the release preset,
# then alternates joulebench and PyTorch runs (default 3 rounds) and keeps each figure's best
# round: on a shared machine the least disturbed round is the closest to the machine's own speed.
# The load average is printed before and after. Not a test: the figures depend on the machine.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh --with-torch
if [[ -z "${JOULEBENCH:-}" ]]; then
  cmake --preset release >/dev/null
  cmake --build --preset release -j"$(nproc)" --target joulebench
  JOULEBENCH=build/release/app/joulebench
fi
# One thread everywhere: PyTorch's OpenBLAS has its own pool that torch.set_num_threads does not
# reach (PERF-NOTES), and the kernels' OpenMP pool follows OMP_NUM_THREADS.
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1
# PyTorch's GEMMs run in Debian's OpenBLAS, which picks its kernels from CPU tables that do not
# know newer CPUs (Prescott's SSE3 on Intel Emerald Rapids). Unless you chose a core, both sides
# run the best one this CPU supports, as `joulebench run` does (README, "OpenBLAS's core"); the
# table's header names the core PyTorch's OpenBLAS ran.
if [[ -z ${OPENBLAS_CORETYPE:-} ]]; then
  flags="$(grep -m1 '^flags' /proc/cpuinfo || true)"
  if [[ $flags == *" avx512f "* && $flags == *" avx512bw "* && $flags == *" avx512vl "* &&
        $flags == *" avx512dq "* ]]; then
    export OPENBLAS_CORETYPE=SkylakeX
  elif [[ $flags == *" avx2 "* && $flags == *" fma "* ]]; then
    export OPENBLAS_CORETYPE=Haswell
  fi
fi
exec /usr/bin/python3 scripts/mlp_vs_pytorch.py --joulebench "$JOULEBENCH" "$@"
