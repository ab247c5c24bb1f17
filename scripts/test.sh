#!/usr/bin/env bash
# Installs what is missing, builds with -Werror (GCC, Release), runs every test; then again under
# AddressSanitizer + UndefinedBehaviorSanitizer (clang-14, whose tree also holds the libFuzzer
# targets) with a short fuzz run of each input parser; then the sampler's threads under
# ThreadSanitizer. This is what CI runs (.ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh --for-tests
jobs="$(nproc)"
for preset in ci asan-ubsan; do
  echo "== $preset ==" >&2
  cmake --preset "$preset" >/dev/null
  cmake --build --preset "$preset" -j"$jobs"
  ctest --preset "$preset" -j"$jobs"
  if [[ $preset == ci ]]; then scripts/energy-gate-check.sh build/ci/app/joulebench; fi
done
# Each parser fuzzed for about 20 s, its committed crash reproducers replayed first.
echo "== fuzz (smoke) ==" >&2
scripts/fuzz.sh --smoke --parallel --no-build
# The meter sampler's threads under ThreadSanitizer (only the tests labelled 'threads').
echo "== tsan (threads) ==" >&2
cmake --preset tsan >/dev/null
cmake --build --preset tsan -j"$jobs" --target meter_sampler_test energy_api_test
ctest --preset tsan -L threads
