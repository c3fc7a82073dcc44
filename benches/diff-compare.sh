#!/usr/bin/env bash
# Time `clerk diff` (JSON and HTML) against unstructured word diffs on the same synthetic
# corpus: `git diff --no-index --word-diff` over the two folders, and `wdiff` (if installed)
# over each version concatenated into one file. Prints the best of N runs (wall clock) and
# the CPU time of clerk, and the ratios.
#
# usage: benches/diff-compare.sh [SCALE] [RUNS]     (needs a release build: cargo build --release)
set -euo pipefail
cd "$(dirname "$0")/.."
scale=${1:-1}
runs=${2:-7}
clerk=${CARGO_TARGET_DIR:-target}/release/clerk
work=${TMPDIR:-/tmp}/clerk-diff-bench-$scale
[ -x "$clerk" ] || { echo "build first: cargo build --release" >&2; exit 2; }
# The synthetic corpus of tests/common/corpus.rs (v1, an amended v2, changes.json).
[ -d "$work/v1" ] || cargo run --release --quiet --example gen-corpus -- "$work" --scale "$scale" >/dev/null
cat "$work"/v1/part-*/*.md >"$work/v1.txt"
cat "$work"/v2/part-*/*.md >"$work/v2.txt"

nice=""
nice -n -20 true 2>/dev/null && nice="nice -n -20"
best() { # best wall time in ms of "$@" over $runs runs (at nice -20 when allowed, so a busy
         # shared machine does not time the other processes)
  local best=999999 t0 t1 ms
  for _ in $(seq "$runs"); do
    t0=$(date +%s%N)
    $nice "$@" >/dev/null 2>&1 || true
    t1=$(date +%s%N)
    ms=$(( (t1 - t0) / 1000000 ))
    (( ms < best )) && best=$ms
  done
  echo "$best"
}
cpu() { # user+sys CPU ms of one run
  /usr/bin/time -f "%U %S" "$@" 2>&1 >/dev/null | tail -1 | awk '{printf "%d", ($1+$2)*1000}'
}

json=$(best "$clerk" diff "$work/v1" "$work/v2" --format json)
html=$(best "$clerk" diff "$work/v1" "$work/v2" --out "$work/html")
docx=$(best "$clerk" diff "$work/v1" "$work/v2" --format docx --out "$work/docx")
git=$(best git diff --no-index --word-diff "$work/v1" "$work/v2")
echo "corpus: scale $scale, $(du -sb "$work/v1" | cut -f1) bytes per version; best of $runs runs; load: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-40s %6s ms   (CPU %s ms)\n' "clerk diff --format json" "$json" "$(cpu "$clerk" diff "$work/v1" "$work/v2" --format json)"
printf '%-40s %6s ms   (CPU %s ms)\n' "clerk diff --format html" "$html" "$(cpu "$clerk" diff "$work/v1" "$work/v2" --out "$work/html")"
printf '%-40s %6s ms   (CPU %s ms)\n' "clerk diff --format docx" "$docx" "$(cpu "$clerk" diff "$work/v1" "$work/v2" --format docx --out "$work/docx")"
printf '%-40s %6s ms\n' "git diff --no-index --word-diff" "$git"
if command -v wdiff >/dev/null; then
  wd=$(best wdiff "$work/v1.txt" "$work/v2.txt")
  printf '%-40s %6s ms\n' "wdiff (concatenated)" "$wd"
fi
awk -v j="$json" -v h="$html" -v g="$git" -v w="${wd:-0}" 'BEGIN {
  printf "ratios: json/git %.1f, html/git %.1f", j/(g?g:1), h/(g?g:1);
  if (w > 0) printf ", json/wdiff %.2f, html/wdiff %.2f", j/w, h/w;
  printf "\n" }'
