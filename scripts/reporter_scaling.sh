#!/usr/bin/env bash
# How the reporters scale: builds joulebench (Release) and the scaling benchmark, then times
# `report` in every format, `statement` and `compare` on synthetic result files of 10^4, 10^5 and
# 10^6 rows (or the row counts given as arguments), and prints rows, seconds and output bytes.
# Needs a few GB of scratch disk for 10^6 rows (SCRATCH, default a temporary directory).
set -euo pipefail
cd "$(dirname "$0")/.."

cmake --preset release >/dev/null
cmake --build --preset release -j"$(nproc)" --target joulebench reporter_scaling_bench

scratch="${SCRATCH:-$(mktemp -d)}"
trap 'rm -rf "$scratch"' EXIT
if [ "$#" -eq 0 ]; then set -- 10000 100000 1000000; fi
build/release/tests/bench/reporter_scaling_bench build/release/app/joulebench "$scratch" "$@"
