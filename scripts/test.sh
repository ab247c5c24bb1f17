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
# The kernels in the portable preset (JOULEBENCH_NATIVE=OFF, nothing compiled for this CPU): the
# kernels library and its tests only, every path under every cap (set_isa_cap: the tests' own
# environment drops JOULEBENCH_KERNEL_ISA) and the per-ISA objects' symbol check. Then, with
# qemu-user, the same tests with no cap on an emulated CPU without AVX: dispatch must pick the
# portable path everywhere, and any AVX or AVX-512 instruction reached by mistake (an AVX-512
# copy of shared inline code) faults. Run with an empty environment: a variable the libraries
# read at load (OPENBLAS_CORETYPE, say) makes the test main restart itself through execve, which
# the host would then run natively, outside the emulator.
# No AVX2 model: qemu 7.2's emulation faults on the masked-off lanes of vmaskmovps (the AVX2 fp32
# path's tail loads; hardware suppresses those faults), so it cannot stand in for an AVX2 CPU.
echo "== portable (kernels) ==" >&2
cmake --preset portable >/dev/null
cmake --build --preset portable -j"$jobs"
ctest --preset portable -j"$jobs"
if command -v qemu-x86_64 >/dev/null; then
  echo "portable: kernel tests, no cap, on an emulated CPU without AVX (qemu64)" >&2
  env -i PATH="$PATH" qemu-x86_64 -cpu qemu64 build/portable/tests/workloads/kernel_library_test \
    --gtest_brief=1 --gtest_filter='-Paths/LinearTest.*/portable_*:Paths/LinearTest.*/avx2_*'
else
  echo "portable: qemu-user not installed, the kernel tests on a CPU without AVX are skipped" >&2
fi
# Each parser fuzzed for about 20 s, its committed crash reproducers replayed first.
echo "== fuzz (smoke) ==" >&2
scripts/fuzz.sh --smoke --parallel --no-build
# The meter sampler's threads under ThreadSanitizer (only the tests labelled 'threads').
echo "== tsan (threads) ==" >&2
cmake --preset tsan >/dev/null
cmake --build --preset tsan -j"$jobs" --target meter_sampler_test energy_api_test
ctest --preset tsan -L threads
