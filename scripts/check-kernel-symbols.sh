#!/usr/bin/env bash
# Checks that the per-ISA kernel objects share no code with the rest of the program.
#
# usage: check-kernel-symbols.sh ISA_SOURCES OBJECT...
#   ISA_SOURCES  the per-ISA source names, separated by ';' or ',' (avx2_fp32.cpp;avx512_fp32.cpp)
#   OBJECT...    the object files of target joulebench_kernels ($<TARGET_OBJECTS:...>, whose
#                ';'-separated list add_test passes as one argument)
#
# A per-ISA object (compiled with -mavx2 or -mavx512*) must define no weak or unique symbol: an
# inline function or template instantiation with external linkage (say std::vector<float>'s
# destructor) is emitted in every object that uses it, and the linker keeps one copy for the
# whole program, possibly the AVX-512 one, which then faults on a CPU without AVX-512 when the
# portable path (or any other code) calls it. The one exception is DW.ref.__gxx_personality_v0, a
# data pointer to the C++ runtime's personality routine, the same bytes in every object.
# Exits 1 naming each offending symbol and the other kernel objects that define it too; 2 on bad
# usage.
set -euo pipefail

if (($# < 2)); then
  echo "usage: $0 'isa_a.cpp;isa_b.cpp' OBJECT..." >&2
  exit 2
fi
IFS=';,' read -r -a isa_sources <<<"$1"
shift
objects=()
for arg in "$@"; do
  IFS=';' read -r -a part <<<"$arg"
  objects+=("${part[@]}")
done
for o in "${objects[@]}"; do
  [[ -f $o ]] || { echo "check-kernel-symbols: no object file '$o'" >&2; exit 2; }
done

is_isa_object() {
  local base
  base=$(basename "$1")
  for s in "${isa_sources[@]}"; do
    [[ -n $s && ($base == "$s.o" || $base == "$s.obj" || $base == "${s%.*}.o") ]] && return 0
  done
  return 1
}

# "symbol" for each weak (W, V) or unique (u) symbol an object defines.
weak_symbols() {
  nm --defined-only -P "$1" | awk '$2 == "W" || $2 == "V" || $2 == "u" { print $1 }' |
    grep -vx 'DW.ref.__gxx_personality_v0' || true
}

report=$(mktemp)
trap 'rm -f "$report"' EXIT
isa_count=0
failures=0
for o in "${objects[@]}"; do
  is_isa_object "$o" || continue
  isa_count=$((isa_count + 1))
  # Complete and base-object destructors (D1, D2) demangle alike: one line each.
  while IFS= read -r sym; do
    [[ -z $sym ]] && continue
    also=()
    for other in "${objects[@]}"; do
      [[ $other == "$o" ]] && continue
      nm --defined-only -P "$other" | awk -v s="$sym" '$1 == s { found = 1 } END { exit !found }' &&
        also+=("$(basename "$other")")
    done
    echo "$(basename "$o"): shared symbol $(c++filt <<<"$sym")${also:+ (also defined in ${also[*]})}"
  done < <(weak_symbols "$o") | sort -u >"$report"
  failures=$((failures + $(wc -l <"$report")))
  cat "$report"
done

if ((isa_count == 0)); then
  echo "check-kernel-symbols: none of the objects is a per-ISA one (${isa_sources[*]})" >&2
  exit 2
fi
if ((failures > 0)); then
  echo "check-kernel-symbols: $failures weak symbol(s) in per-ISA kernel objects; give them" \
    "internal linkage (anonymous namespace) or move them to a baseline file" >&2
  exit 1
fi
echo "check-kernel-symbols: $isa_count per-ISA objects define no shared symbol"
