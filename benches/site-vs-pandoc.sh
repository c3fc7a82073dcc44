#!/usr/bin/env bash
# `clerk build` against pandoc on the same synthetic corpus, run alternately; median of N runs
# of each, wall-clock milliseconds. Usage (from the repository, after `cargo build --release`):
#   cargo run --release --example gen-corpus -- /tmp/corpus1 --scale 1
#   benches/site-vs-pandoc.sh /tmp/corpus1/v1
# The corpus has seeded errors, so the build runs with --allow-errors.
set -euo pipefail
CLERK=${CLERK:-target/release/clerk}
CORPUS=${1:-/tmp/corpus1/v1}
N=${N:-5}
ms() { local s e; s=$(date +%s%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
command -v pandoc >/dev/null || { echo 'pandoc is not installed (apt-get install -y pandoc)'; exit 2; }
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
cat "$CORPUS"/part-*/*.md > "$TMP/all.md"
echo "markdown: $(wc -c < "$TMP/all.md") bytes in $(ls "$CORPUS"/part-*/*.md | wc -l) files"
c=(); p=()
for i in $(seq "$N"); do
  rm -rf "$TMP/site"   # a fresh build each time: every file written
  c+=("$(ms "$CLERK" build "$CORPUS" --out "$TMP/site" --allow-errors --quiet)")
  p+=("$(ms pandoc -f markdown -t html -s -o "$TMP/p.html" "$TMP/all.md")")
done
cm=$(printf '%s\n' "${c[@]}" | median); pm=$(printf '%s\n' "${p[@]}" | median)
echo "clerk build: ${c[*]} ms -> median $cm ms"
echo "pandoc:      ${p[*]} ms -> median $pm ms"
awk -v a="$cm" -v b="$pm" 'BEGIN { printf "pandoc / clerk = %.1fx\n", b / a }'
