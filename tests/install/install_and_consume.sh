#!/usr/bin/env bash
# Installs joulebench from a build tree into a temporary prefix, builds examples/own-benchmarks
# against the installed package as a user's project would, runs it, and checks its result file
# carries the energy counters, their provenance and the power timelines.
#   install_and_consume.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build_dir=$1
source_dir=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cmake --install "$build_dir" --prefix "$work/prefix" >/dev/null
cmake -S "$source_dir/examples/own-benchmarks" -B "$work/build" \
  -DCMAKE_PREFIX_PATH="$work/prefix" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$work/build" -j2 >/dev/null
# The example runs in a clean environment (as testing::Process runs the binary): nothing of the
# tester's shell (JOULEBENCH_*, BENCHMARK_*, XDG config) reaches it, HOME is the scratch
# directory, and every energy source is pinned to "absent", so auto selection gives the labelled
# estimate on every host, sensor or not.
clean_env=(env -i PATH="$PATH" LANG=C.UTF-8 HOME="$work"
  JOULEBENCH_POWERCAP_ROOT=/nonexistent/joulebench-test/powercap
  JOULEBENCH_PERF_PMU_ROOT=/nonexistent/joulebench-test/power-pmu
  JOULEBENCH_NVML_LIBRARY=/nonexistent/joulebench-test/libnvidia-ml.so.1)
if [[ -n ${TMPDIR:-} ]]; then clean_env+=(TMPDIR="$TMPDIR"); fi
(cd "$work" && "${clean_env[@]}" "$work/build/my_benchmarks" --benchmark_min_time=0.05 \
  --joulebench_idle_baseline=0.2 --joulebench_sample_interval=0.01 --joulebench_region=FR \
  --benchmark_out="$work/energy.json") >"$work/log.txt" 2>&1 || { cat "$work/log.txt"; exit 1; }

check() {  # check WHAT PATTERN: the result file must contain PATTERN
  if ! grep -q -- "$2" "$work/energy.json"; then
    echo "install_and_consume: the example's result file lacks $1 ($2)" >&2
    exit 1
  fi
}
check "energy per iteration" '"energy_J":'
check "FLOP/J of the matmul" '"flop_per_J":'
check "the declared error" '"rel_error":'
check "the provenance" '"joulebench_provenance": "estimated"'
check "the pinned source (no sensor: the estimate)" '"joulebench_meter": "model"'
check "the region asked for" '"joulebench_region": "FR'
check "the idle baseline" '"energy_net_J":'
check "power timelines" '"joulebench_power_timelines":'
check "every benchmark" '"name": "BM_leibniz_pi/100000/real_time"'
check "the labels the example set" '"joulebench_task": "leibniz-pi"'
echo "install_and_consume: installed, built and ran examples/own-benchmarks; counters present"
