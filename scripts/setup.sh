#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages joulebench needs, and only those that are missing.
# Idempotent and silent when everything is present. Needs root (or sudo) only to install.
# Usage: scripts/setup.sh [--for-tests] [--with-torch]
#   --for-tests   also what only the tests need: chromium (about 185 MB more to download, for the
#                 HTML leaderboard's browser test) and clang-14 with its sanitizer and libFuzzer
#                 runtimes (the sanitizer and fuzz builds); scripts/test.sh passes it
#   --with-torch  python3-torch, for scripts/mlp_vs_pytorch.sh and for exporting models
#                 (examples/torch-models/export.py, tests/fixtures/torch/make_fixtures.py)
set -euo pipefail

packages=(
  cmake g++ make
  libbenchmark-dev   # Google Benchmark 1.7.1: the timed loop and the result format
  libgtest-dev       # the tests
  nlohmann-json3-dev # reading and writing result files
  libfmt-dev
  libeigen3-dev      # the reference workloads
  libcli11-dev       # the command line
  libopenblas-dev    # peer backend: the same GEMMs through OpenBLAS
  libdnnl-dev        # peer backend: the same GEMMs through oneDNN
  ocl-icd-opencl-dev # Debian's dnnl-config.cmake calls find_package(OpenCL): the loader and headers
  dataset-fashion-mnist # the MLP workloads' data (/usr/share/datasets/fashion-mnist)
  zlib1g-dev         # reading the gzip IDX files of Fashion-MNIST
  libtorch-dev       # run --models: TorchScript models through LibTorch (optional at configure time)
)

# Opt-in extras: python3-torch (about 1 GB with its dependencies) only for the PyTorch comparison
# of scripts/mlp_vs_pytorch.sh.
for arg in "$@"; do
  case "$arg" in
    # chromium: the HTML leaderboard's browser test (headless); clang-14 and libclang-rt-14-dev:
    # the ASan+UBSan build is compiled with clang (half GCC's time there, and its UBSan also
    # checks float-to-integer casts) and links libFuzzer into the fuzz targets; libomp-14-dev: clang's
    # OpenMP, which the kernels' threads use; llvm-14: the
    # symbolizer that turns their reports into file:line; qemu-user: the kernel tests on emulated
    # CPUs without AVX and without AVX-512 (the portable preset's run-time dispatch).
    --for-tests) packages+=(chromium clang-14 libclang-rt-14-dev libomp-14-dev llvm-14 qemu-user) ;;
    --with-torch) packages+=(python3-torch) ;;
    *) echo "joulebench setup: unknown option $arg (known: --for-tests, --with-torch)" >&2; exit 2 ;;
  esac
done

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  as_root=(sudo)
else
  echo "joulebench setup: missing packages: ${missing[*]}; run as root, or: sudo apt-get install ${missing[*]}" >&2
  exit 1
fi

echo "joulebench setup: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
