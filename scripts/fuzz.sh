#!/usr/bin/env bash
# Builds the libFuzzer harnesses (in the asan-ubsan preset's tree, clang-14) and fuzzes each target for a while
# on a scratch copy of its committed corpus (fuzz/corpus/<target>/), with its committed crash
# reproducers (fuzz/regressions/<target>/, except pending/) replayed first and added as inputs.
# Exits 1 if any target crashes, leaks, times out or runs out of memory.
set -euo pipefail
cd "$(dirname "$0")/.."

all_targets=(result_file report compare intensity_series idx_file manifest)
json_targets=" result_file report compare manifest "

usage() {
  cat <<EOF
Usage: scripts/fuzz.sh [--seconds N | --smoke] [--parallel] [--keep-going] [--out DIR] [TARGET...]

Fuzz the parsers and pipelines with libFuzzer (ASan + UBSan). Targets: ${all_targets[*]}
(default: all).

  --seconds N    fuzz each target for N seconds (default 60)
  --smoke        about 20 s per target with a fixed seed: what CI runs
  --parallel     run the targets at the same time, under nice -n 19
  --keep-going   after a finding, keep its reproducer and fuzz on until the time is up
                 (libFuzzer's fork mode; long campaigns); the exit status still reports it
  --no-build     use the fuzzers already built (in build/asan-ubsan/fuzz, or --bin-dir)
  --bin-dir DIR  where the fuzzers are (default build/asan-ubsan/fuzz; implies --no-build)
  --out DIR      logs, final corpora and findings (default build/asan-ubsan/fuzz-runs/<UTC time>)
  -h, --help     this text

Reproducers of findings are left in DIR/<target>/findings/. Commit one under
fuzz/regressions/<target>/ once the cause is fixed (the run replays it every time), or under
fuzz/regressions/<target>/pending/ while the fix is pending (kept, but not replayed).
Replay one input: build/asan-ubsan/fuzz/<target>_fuzzer FILE
EOF
}

seconds=60
seed=""
parallel=0
keep_going=0
build=1
bin_dir=build/asan-ubsan/fuzz
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
    --no-build) build=0; shift ;;
    --bin-dir) [[ -n ${2:-} ]] || { echo "fuzz.sh: --bin-dir needs a directory" >&2; exit 2; }
      bin_dir="$2"; build=0; shift 2 ;;
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
out="${out:-build/asan-ubsan/fuzz-runs/$(date -u +%Y%m%dT%H%M%SZ)}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"

if ((build)); then
  echo "== building the fuzz targets (asan-ubsan preset) ==" >&2
  cmake --preset asan-ubsan >/dev/null
  build_targets=()
  for t in "${targets[@]}"; do build_targets+=("${t}_fuzzer"); done
  cmake --build --preset asan-ubsan -j"$(nproc)" --target "${build_targets[@]}"
fi

export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"

# Prints the stats of one target's run: executions, exec/s, cov, ft, corpus size and findings,
# from libFuzzer's final stats (plain mode) or its last status line (fork mode).
summarise() {
  local target="$1" dir="$2" log="$2/fuzz.log"
  local execs rate cov ft
  execs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)"
  rate="$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)"
  if [[ -z $execs ]]; then # fork mode: "#N: cov: C ft: F corp: K exec/s: R ..."
    execs="$(grep -oE '^#[0-9]+: cov' "$log" | tail -1 | tr -dc 0-9)"
    rate="$(grep -oE 'exec/s:? [0-9]+' "$log" | tail -1 | tr -dc 0-9)"
  fi
  cov="$(grep -oE 'cov: [0-9]+' "$log" | tail -1 | tr -dc 0-9)"
  ft="$(grep -oE 'ft: [0-9]+' "$log" | tail -1 | tr -dc 0-9)"
  printf '%-17s executions %-10s exec/s %-7s cov %-6s ft %-7s corpus %-6s findings %s\n' \
    "$target" "${execs:-?}" "${rate:-?}" "${cov:-?}" "${ft:-?}" \
    "$(find "$dir/corpus" -type f | wc -l)" \
    "$(find "$dir/findings" -type f \( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' \
       -o -name 'oom-*' \) | wc -l)"
}

# Fuzzes one target; its exit status says whether anything was found.
fuzz_target() {
  local target="$1"
  local binary="$bin_dir/${target}_fuzzer"
  local dir="$out/$target"
  rm -rf "$dir"
  mkdir -p "$dir/corpus" "$dir/regressions" "$dir/findings"
  cp fuzz/corpus/"$target"/* "$dir/corpus/" 2>/dev/null || true
  if [[ -d fuzz/regressions/$target ]]; then
    find "fuzz/regressions/$target" -path "fuzz/regressions/$target/pending" -prune -o \
      -type f -exec cp {} "$dir/regressions/" \;
  fi
  local found=0
  # Replay the fixed regressions first: each one once, by name in the log.
  if compgen -G "$dir/regressions/*" >/dev/null; then
    if ! "$binary" -timeout=10 -rss_limit_mb=2048 "$dir/regressions"/* >"$dir/replay.log" 2>&1; then
      echo "$target: a committed regression input fails again: see $dir/replay.log" >&2
      found=1
    fi
  fi
  local flags=(-timeout=10 -rss_limit_mb=2048 -print_final_stats=1 -max_len=16384
               "-max_total_time=$seconds" "-artifact_prefix=$dir/findings/")
  [[ $json_targets == *" $target "* ]] && flags+=("-dict=fuzz/json.dict")
  [[ -n $seed ]] && flags+=("-seed=$seed")
  ((keep_going)) && flags+=(-fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1)
  "$binary" "${flags[@]}" "$dir/corpus" "$dir/regressions" >"$dir/fuzz.log" 2>&1 || found=1
  if find "$dir/findings" -type f \( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' \
      -o -name 'oom-*' \) | grep -q .; then
    found=1
  fi
  if ((found)); then
    echo "$target: findings: see $dir/fuzz.log and $dir/findings/" >&2
    grep -m5 -E 'ERROR: |FUZZ FINDING|runtime error:|Test unit written' "$dir/fuzz.log" >&2 || true
  fi
  summarise "$target" "$dir" | tee "$dir/summary.txt"
  return "$found"
}

failed=()
if ((parallel)); then
  declare -A pids
  for t in "${targets[@]}"; do
    nice -n 19 bash -c "$(declare -f fuzz_target summarise); $(declare -p out seconds seed keep_going json_targets bin_dir); fuzz_target $t" &
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
