#!/usr/bin/env bash
# usage: no_avx_registers.sh ARCHIVE_OR_OBJECT...
# Fails (exit 1) naming each file whose code uses a ymm or zmm register, i.e. was compiled for
# AVX or AVX-512 (say with -march=native on an AVX-512 machine) rather than the baseline x86-64.
set -euo pipefail
(($# > 0)) || { echo "usage: $0 ARCHIVE_OR_OBJECT..." >&2; exit 2; }
status=0
for f in "$@"; do
  [[ -f $f ]] || { echo "no_avx_registers: no file '$f'" >&2; exit 2; }
  avx=$(objdump -d --no-show-raw-insn "$f" | grep -E '%[yz]mm[0-9]' || true)
  if [[ -n $avx ]]; then
    echo "$(basename "$f"): $(wc -l <<<"$avx") instructions use ymm/zmm registers, e.g.:"
    sed -n 1,3p <<<"$avx"
    status=1
  else
    echo "$(basename "$f"): baseline x86-64 only"
  fi
done
exit $status
