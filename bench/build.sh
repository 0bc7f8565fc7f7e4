#!/usr/bin/env bash
# Benchmark: the whole build (read, aggregate, protect, audit, publish) on N sample reports
# (default 1,000,000) with volumes and a 1,500-term denylist (bench/denylist.sh), printing the time of each
# stage and the peak RSS.
# Usage: bench/build.sh [N]      (run from the project root; builds the jar if needed)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000000}
work=${BENCH_DIR:-target/bench}
[ -f target/bulletin.jar ] || mvn -q -DskipTests package
data="$work/ingest-$n"
if [ ! -f "$data/reports.csv" ]; then
  mkdir -p "$work"
  java -jar target/bulletin.jar sample --output "$data" --reports "$n" >/dev/null
fi
[ -f "$data/denylist-1500.txt" ] || bench/denylist.sh "$data/denylist.txt" 1500 > "$data/denylist-1500.txt"
rm -rf "$work/site" "$work/audit"
/usr/bin/time -f 'wall %e s, peak RSS %M KB' java -jar target/bulletin.jar build --verbose \
  --reports "$data/reports.csv" --volumes "$data/volumes.csv" --denylist "$data/denylist-1500.txt" \
  --output "$work/site" --audit "$work/audit"
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -n 1)"
