#!/usr/bin/env bash
# The main job: install what is missing, build (Release), run the default suite into
# results/<host>-<UTC date and time>.json, and rebuild results/leaderboard.md from every run in
# results/. Extra arguments go to `joulebench run` (e.g. --region FR --pue 1.2).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh
cmake --preset release >/dev/null
cmake --build --preset release -j"$(nproc)"

build/release/app/joulebench run "$@"
build/release/app/joulebench report results/*.json --out results/leaderboard.md
echo "joulebench: leaderboard in results/leaderboard.md" >&2
