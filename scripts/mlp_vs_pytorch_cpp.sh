#!/usr/bin/env bash
# Our MLP inference against PyTorch's C++ runtime (LibTorch) on the same trained weights, test set
# and one thread, from ONE `joulebench run` over the mlp/infer rows and their mlp/infer/<p>/pytorch
# peers; prints a Markdown table of joules and time per inference and the test accuracy of both:
#
#   scripts/mlp_vs_pytorch_cpp.sh                        # build (release preset), run, print
#   JOULEBENCH_BUILD=build/ci scripts/mlp_vs_pytorch_cpp.sh          # use an existing build
#   MLP_VS_PYTORCH_ARCH='784-256-256-10|784-128-10' MLP_VS_PYTORCH_REPETITIONS=5 \
#     scripts/mlp_vs_pytorch_cpp.sh [more joulebench run flags, e.g. --data-dir DIR]
#
# fp32 and int8 at batch 1, 64 and 256 (ours: static int8 with calibrated activation scales;
# PyTorch's: dynamic quantization on the onednn engine). The energy is what `--meter auto`
# finds: on a machine without an energy sensor the table says "estimated" and names the CPU whose
# TDP the estimate assumes. The result JSON stays in build/mlp-vs-pytorch/ (not results/, whose
# files make the leaderboard); `scripts/mlp_vs_pytorch_cpp.py FILE` prints the table again.
# scripts/mlp_vs_pytorch.sh (Python PyTorch, training too) is the older comparison of speed.
set -euo pipefail
cd "$(dirname "$0")/.."

build="${JOULEBENCH_BUILD:-}"
if [[ -z "$build" ]]; then
  cmake --preset release >/dev/null
  cmake --build --preset release -j"$(nproc)" --target joulebench >&2
  build=build/release
fi
arch="${MLP_VS_PYTORCH_ARCH:-784-256-256-10}"
filter="^mlp/infer/(fp32|int8)/(pytorch/)?(${arch})/batch:(1|64|256)$"
out="build/mlp-vs-pytorch/mlp-vs-pytorch-$(date -u +%Y%m%dT%H%M%SZ).json"
mkdir -p build/mlp-vs-pytorch

listed="$("$build/app/joulebench" list --filter "$filter")"
if [[ $listed != *"/pytorch/"* ]]; then
  echo "mlp_vs_pytorch_cpp: this build has no PyTorch peer rows:" >&2
  "$build/app/joulebench" list --filter '^$' >&2 || true
  exit 2
fi
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) CPUs)" >&2
"$build/app/joulebench" run --filter "$filter" \
  --repetitions "${MLP_VS_PYTORCH_REPETITIONS:-3}" --min-time "${MLP_VS_PYTORCH_MIN_TIME:-0.5}" \
  --benchmark_enable_random_interleaving=true --out "$out" "$@" >&2
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
echo "result file: $out" >&2
exec python3 scripts/mlp_vs_pytorch_cpp.py "$out"
