#!/usr/bin/env bash
# Installs joulebench from a build tree into a temporary prefix and moves the prefix elsewhere;
# then builds examples/own-benchmarks against the moved package as a user's project would, runs
# it, and checks its result file carries the energy counters, their provenance and the power
# timelines; runs the moved `joulebench` on an MLP row, which reads the Fashion-MNIST slice
# installed beside it; and checks that no installed file names the build tree, the source tree
# or the prefix it was installed to.
#   install_and_consume.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build_dir=$1
source_dir=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cmake --install "$build_dir" --prefix "$work/installed" >/dev/null
# Relocatable: the prefix is moved after installing, and everything below uses the moved one.
mv "$work/installed" "$work/prefix"
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
  JOULEBENCH_NVML_LIBRARY=/nonexistent/joulebench-test/libnvidia-ml.so.1
  JOULEBENCH_SYSTEM_DATASETS=/nonexistent/joulebench-test/datasets)
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

# The moved joulebench finds its data relative to itself (<prefix>/share/joulebench: the
# distribution's data sets are pinned absent, as above) and caches the trained weights under
# $HOME/.cache/joulebench, not in the working directory.
mkdir "$work/cwd"
(cd "$work/cwd" && "${clean_env[@]}" "$work/prefix/bin/joulebench" run --meter model \
  --filter '^mlp/infer/fp32/784-128-10/batch:64$' --mlp-epochs 1 --min-time 0.01 \
  --idle-baseline 0 --out "$work/mlp.json") >"$work/mlp-log.txt" 2>&1 ||
  { cat "$work/mlp-log.txt"; exit 1; }
if ! grep -q '"name": "mlp/infer/fp32/784-128-10/batch:64' "$work/mlp.json"; then
  echo "install_and_consume: the moved joulebench measured no MLP row" >&2
  exit 1
fi
if ! grep -q "3000 train / 1000 test images from $(realpath "$work/prefix")/share/joulebench/fashion-mnist" \
  "$work/mlp.json"; then
  echo "install_and_consume: the MLP row did not read the slice in the moved prefix:" >&2
  grep '"label"' "$work/mlp.json" >&2
  exit 1
fi
if ! compgen -G "$work/.cache/joulebench/mlp-*" >/dev/null; then
  echo "install_and_consume: no trained weights under \$HOME/.cache/joulebench" >&2
  exit 1
fi
if [[ -n $(ls -A "$work/cwd") ]]; then
  echo "install_and_consume: joulebench wrote into the working directory: $(ls -A "$work/cwd")" >&2
  exit 1
fi

# No absolute path of the build machine in any installed file (binaries included).
for path in "$(realpath "$build_dir")" "$(realpath "$source_dir")" "$work/installed"; do
  if found=$(grep -rlF -- "$path" "$work/prefix"); then
    echo "install_and_consume: installed files name $path:" >&2
    echo "$found" >&2
    exit 1
  fi
done
echo "install_and_consume: installed, moved the prefix, built and ran examples/own-benchmarks" \
  "(counters present) and the moved joulebench on an MLP row; no absolute build path installed"
