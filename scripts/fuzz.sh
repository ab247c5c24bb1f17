#!/usr/bin/env bash
# Builds the libFuzzer harnesses (the `fuzz` preset, clang-14) and fuzzes each target for a while
# on a scratch copy of its committed corpus (fuzz/corpus/<target>/), with its committed crash
# reproducers (fuzz/regressions/<target>/, except pending/) replayed first and added as inputs.
# Exits 1 if any target crashes, leaks, times out or runs out of memory.
set -euo pipefail
cd "$(dirname "$0")/.."

all_targets=(result_file report compare intensity_series idx_file)
json_targets=" result_file report compare "

usage() {
  cat <<EOF
Usage: scripts/fuzz.sh [--seconds N | --smoke] [--parallel] [--keep-going] [--out DIR] [TARGET...]

Fuzz the parsers and pipelines with libFuzzer (ASan + UBSan). Targets: ${all_targets[*]}
(default: all).

  --seconds N    fuzz each target for N seconds (default 60)
  --smoke        about 20 s per target with a fixed seed: what CI runs
  --parallel     run the targets at the same time, under nice -n 19
  --keep-going   after a finding, keep its reproducer and fuzz on until the time is up
                 (long campaigns); the exit status still reports the finding
  --out DIR      logs, final corpora and findings (default build/fuzz/runs/<UTC time>)
  -h, --help     this text

Reproducers of findings are left in DIR/<target>/findings/. Commit one under
fuzz/regressions/<target>/ once the cause is fixed (the run replays it every time), or under
fuzz/regressions/<target>/pending/ while the fix is pending (kept, but not replayed).
Replay one input: build/fuzz/fuzz/<target>_fuzzer FILE
EOF
}

seconds=60
seed=""
parallel=0
keep_going=0
out=""
targets=()
while (($#)); do
  case "$1" in
    --seconds)
      [[ ${2:-} =~ ^[1-9][0-9]*$ ]] || { echo "fuzz.sh: --seconds needs a positive whole number" >&2; exit 2; }
      seconds="$2"; shift 2 ;;
    --smoke) seconds=20; seed=1; shift ;;
    --parallel) parallel=1; shift ;;
    --keep-going) keep_going=1; shift ;;
    --out) [[ -n ${2:-} ]] || { echo "fuzz.sh: --out needs a directory" >&2; exit 2; }
      out="$2"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    -*) echo "fuzz.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
    *)
      if [[ " ${all_targets[*]} " != *" $1 "* ]]; then
        echo "fuzz.sh: unknown target '$1' (targets: ${all_targets[*]})" >&2; exit 2
      fi
      targets+=("$1"); shift ;;
  esac
done
((${#targets[@]})) || targets=("${all_targets[@]}")
out="${out:-build/fuzz/runs/$(date -u +%Y%m%dT%H%M%SZ)}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"

echo "== building the fuzz preset ==" >&2
cmake --preset fuzz >/dev/null
build_targets=()
for t in "${targets[@]}"; do build_targets+=("${t}_fuzzer"); done
cmake --build --preset fuzz -j"$(nproc)" --target "${build_targets[@]}"

export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"

# Prints the stats of one libFuzzer log: executions, exec/s, cov, ft, corpus.
summarise() {
  local target="$1" dir="$2"
  local execs=0 rate=0 cov ft
  for log in "$dir"/fuzz-*.log; do
    [[ -e $log ]] || continue
    execs=$((execs + $(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1 || true)+0))
  done
  local last; last="$(ls "$dir"/fuzz-*.log 2>/dev/null | sort -V | tail -1)"
  rate="$(sed -n 's/^stat::average_exec_per_sec: *//p' "$last" | tail -1)"
  cov="$(grep -o 'cov: [0-9]*' "$last" | tail -1 | cut -d' ' -f2)"
  ft="$(grep -o 'ft: [0-9]*' "$last" | tail -1 | cut -d' ' -f2)"
  printf '%-17s executions %-10s exec/s %-7s cov %-6s ft %-7s corpus %-5s findings %s\n' \
    "$target" "$execs" "${rate:-?}" "${cov:-?}" "${ft:-?}" \
    "$(find "$dir/corpus" -type f | wc -l)" "$(find "$dir/findings" -type f | wc -l)"
}

# Fuzzes one target; its exit status says whether anything was found.
fuzz_target() {
  local target="$1"
  local binary="build/fuzz/fuzz/${target}_fuzzer"
  local dir="$out/$target"
  rm -rf "$dir"
  mkdir -p "$dir/corpus" "$dir/regressions" "$dir/findings"
  cp fuzz/corpus/"$target"/* "$dir/corpus/" 2>/dev/null || true
  if [[ -d fuzz/regressions/$target ]]; then
    find "fuzz/regressions/$target" -path "fuzz/regressions/$target/pending" -prune -o \
      -type f -exec cp {} "$dir/regressions/" \;
  fi
  local found=0
  # Replay the fixed regressions first: each one, once, by name in the log.
  if compgen -G "$dir/regressions/*" >/dev/null; then
    if ! "$binary" -timeout=10 "$dir/regressions"/* >"$dir/replay.log" 2>&1; then
      echo "$target: a committed regression input fails again: see $dir/replay.log" >&2
      found=1
    fi
  fi
  local flags=(-timeout=10 -rss_limit_mb=2048 -print_final_stats=1 -max_len=16384
               "-artifact_prefix=$dir/findings/")
  [[ $json_targets == *" $target "* ]] && flags+=("-dict=fuzz/json.dict")
  [[ -n $seed ]] && flags+=("-seed=$seed")
  local deadline=$((SECONDS + seconds)) round=0
  while :; do
    local left=$((deadline - SECONDS))
    ((left > 0)) || break
    round=$((round + 1))
    if "$binary" "${flags[@]}" -max_total_time="$left" "$dir/corpus" "$dir/regressions" \
        >"$dir/fuzz-$round.log" 2>&1; then
      break
    fi
    found=1
    echo "$target: finding in round $round: see $dir/fuzz-$round.log" >&2
    grep -m3 -E 'ERROR: |FUZZ FINDING|runtime error:|Test unit written' "$dir/fuzz-$round.log" >&2 || true
    ((keep_going)) || break
  done
  summarise "$target" "$dir" | tee "$dir/summary.txt"
  return "$found"
}

failed=()
if ((parallel)); then
  declare -A pids
  for t in "${targets[@]}"; do
    nice -n 19 bash -c "$(declare -f fuzz_target summarise); $(declare -p out seconds seed keep_going json_targets); fuzz_target $t" &
    pids[$t]=$!
  done
  for t in "${targets[@]}"; do wait "${pids[$t]}" || failed+=("$t"); done
else
  for t in "${targets[@]}"; do
    echo "== fuzzing $t for ${seconds}s ==" >&2
    fuzz_target "$t" || failed+=("$t")
  done
fi

echo "== logs, corpora and findings: $out ==" >&2
if ((${#failed[@]})); then
  echo "fuzz.sh: findings in: ${failed[*]} (reproducers under $out/<target>/findings/)" >&2
  exit 1
fi
