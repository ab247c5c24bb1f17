#!/usr/bin/env bash
# End-to-end: the real joulebench binary on small hand-made result files (tests/app/data, made
# with values chosen so that each verdict is clear: +20% on five separated repetitions is a
# regression, 0.1% is not). Checks exit codes, and that bad input gives exactly one line on
# stderr. Takes well under a second.
set -uo pipefail
bin="$1"
data="$2"
failures=0

# expect CODE DESCRIPTION ARGS...: runs `joulebench compare ARGS`, checks the exit code.
expect() {
  local want="$1" what="$2"
  shift 2
  "$bin" compare "$@" >"$tmp/out" 2>"$tmp/err"
  local got=$?
  if [[ $got -ne $want ]]; then
    echo "FAIL: $what: exit $got, expected $want" >&2
    cat "$tmp/out" "$tmp/err" >&2
    failures=$((failures + 1))
  elif [[ $want -eq 2 && $(wc -l <"$tmp/err") -ne 1 ]]; then
    echo "FAIL: $what: stderr is not one line:" >&2
    cat "$tmp/err" >&2
    failures=$((failures + 1))
  fi
}

# expect_text TEXT FILE: the last run's output contains TEXT.
expect_text() {
  if ! grep -qF -- "$1" "$tmp/$2"; then
    echo "FAIL: '$1' not in $2:" >&2
    cat "$tmp/$2" >&2
    failures=$((failures + 1))
  fi
}

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

expect 0 "noise is no regression" "$data/base.json" "$data/same.json"
expect_text "2 benchmarks compared: 2 no change" out
expect 1 "+20% is a regression" "$data/base.json" "$data/slower.json"
expect_text "regression" out
expect 0 "an improvement passes by default" "$data/base.json" "$data/faster.json"
expect_text "improvement" out
expect 1 "an improvement fails with --fail-on any-change" --fail-on any-change \
  "$data/base.json" "$data/faster.json"
expect 0 "+20% passes a 25% threshold" --threshold 25% "$data/base.json" "$data/slower.json"
expect 1 "power regresses with energy here" --metric power "$data/base.json" "$data/slower.json"
expect 0 "time did not change" --metric time "$data/base.json" "$data/slower.json"
expect 1 "markdown" --format md "$data/base.json" "$data/slower.json"
expect_text "| \`gemm/a\` |" out
expect 1 "json" --format json "$data/base.json" "$data/slower.json"
expect_text '"verdict": "regression"' out
expect 1 "--out writes the file" --out "$tmp/report.md" --format md \
  "$data/base.json" "$data/slower.json"
expect_text "joulebench compare" report.md

expect 2 "estimated against measured is refused" "$data/base.json" "$data/rapl.json"
expect_text "--allow-mixed-meters" err
expect 0 "unless allowed" --allow-mixed-meters "$data/base.json" "$data/rapl.json"
expect_text "meters differ" out
expect 2 "malformed JSON" "$data/base.json" "$data/malformed.json"
expect_text "malformed.json: not valid JSON" err
expect 2 "not a benchmark file" "$data/not_benchmark.json" "$data/base.json"
expect 2 "missing file" "$data/base.json" "$data/does-not-exist.json"
expect 2 "accuracy absent" --metric accuracy "$data/base.json" "$data/same.json"
expect 2 "bad threshold" --threshold lots "$data/base.json" "$data/same.json"
expect 2 "negative threshold" --threshold -5 "$data/base.json" "$data/same.json"
expect 2 "alpha out of range" --alpha 1.5 "$data/base.json" "$data/same.json"
expect 2 "unknown metric" --metric joy "$data/base.json" "$data/same.json"
expect 2 "one file only" "$data/base.json"

if [[ $failures -ne 0 ]]; then
  echo "$failures compare CLI checks failed" >&2
  exit 1
fi
echo "compare CLI: all checks passed"
