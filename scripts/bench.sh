#!/usr/bin/env bash
# The main job: install what is missing, build (Release), run the default suite into
# results/<host>-<UTC date and time>.json, and rebuild results/leaderboard.{md,html,csv,json} from
# every run in results/. Extra arguments go to `joulebench run` (e.g. --region FR --pue 1.2).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh
cmake --preset release >/dev/null
cmake --build --preset release -j"$(nproc)" --target joulebench

build/release/app/joulebench run "$@"
# results/*.json also matches the previous leaderboard.json; report recognises and skips it.
for format in md html csv json; do
  build/release/app/joulebench report results/*.json --format "$format" --out "results/leaderboard.$format"
done
echo "joulebench: leaderboards in results/leaderboard.{md,html,csv,json}" >&2
