#!/usr/bin/env bash
# Benchmark: the PDF digests. On a sample of N reports (default 6000) cut to 12 quarters (2023-Q4 to 2026-Q3,
# so 12 quarterly and 2 annual digests), runs the whole build and prints each stage's time, "render PDF digests"
# being all 14 digests (two at a time); then renders one quarter's digest R times in one JVM (default 10) and
# prints each render, the later ones being warm.
# Usage: bench/digest.sh [N] [R]      (run from the project root; builds the jar if needed)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-6000}
repeat=${2:-10}
work=${BENCH_DIR:-target/bench}/digest-$n
[ -f target/bulletin.jar ] || mvn -q -DskipTests package
if [ ! -f "$work/data/reports.csv" ]; then
  mkdir -p "$work"
  java -jar target/bulletin.jar sample --output "$work/full" --reports "$n" --last-quarter 2026-Q3 >/dev/null
  mkdir -p "$work/data"
  # Keep the last 12 quarters.
  python3 bench/quarters.py "$work/full" "$work/data" --from 2023-Q4
  cp "$work/full/denylist.txt" "$work/data/"
fi
data="$work/data"
echo "== build: 12 quarters, $(($(wc -l < "$data/reports.csv") - 1)) reports =="
rm -rf "$work/site" "$work/audit"
/usr/bin/time -f 'wall %e s, peak RSS %M KB' java -jar target/bulletin.jar build --verbose \
  --reports "$data/reports.csv" --volumes "$data/volumes.csv" --denylist "$data/denylist.txt" \
  --output "$work/site" --audit "$work/audit"
ls "$work/site/digests" | tr '\n' ' '; echo
echo "== one quarter's digest, $repeat renders in one JVM =="
java -jar target/bulletin.jar digest --quarter 2026-Q3 --repeat "$repeat" \
  --reports "$data/reports.csv" --volumes "$data/volumes.csv" --denylist "$data/denylist.txt" \
  --previous "$work/site/data/cells.csv" --output "$work/2026-q3.pdf"
cmp "$work/2026-q3.pdf" "$work/site/digests/2026-q3.pdf" && echo "digest command: same bytes as the build's digest"
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -n 1)"
