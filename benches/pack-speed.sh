#!/usr/bin/env bash
# Side-by-side timing: clerk typesetting the sample pack to PDF in-process (Typst), against
# WeasyPrint printing clerk's own HTML pack. Needs a release build and Debian's weasyprint
# (`apt-get install -y weasyprint`). Usage: benches/pack-speed.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-5}"
clerk="${CARGO_TARGET_DIR:-target}/release/clerk"
[ -x "$clerk" ] || cargo build --release --quiet
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
"$clerk" pack meetings/2024-02-27-crwp.yaml --out "$out" >/dev/null
now() { date +%s.%N; }
best() { sort -n | head -1; }
clerk_times=() weasy_times=()
for _ in $(seq "$runs"); do
  t0=$(now); "$clerk" pack meetings/2024-02-27-crwp.yaml --out "$out" >/dev/null; t1=$(now)
  clerk_times+=("$(echo "$t1 - $t0" | bc)")
  t0=$(now); weasyprint "$out/index.html" "$out/weasy.pdf" 2>/dev/null; t1=$(now)
  weasy_times+=("$(echo "$t1 - $t0" | bc)")
done
pages_clerk=$(pdfinfo "$out/pack.pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')
pages_weasy=$(pdfinfo "$out/weasy.pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')
printf 'clerk pack (check + Typst PDF + HTML): best %.3f s of %s runs, %s pages\n' \
  "$(printf '%s\n' "${clerk_times[@]}" | best)" "$runs" "$pages_clerk"
printf 'weasyprint index.html -> PDF:          best %.3f s of %s runs, %s pages\n' \
  "$(printf '%s\n' "${weasy_times[@]}" | best)" "$runs" "$pages_weasy"
