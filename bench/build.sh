#!/usr/bin/env bash
# Benchmark: the whole build (read, aggregate, protect, audit, publish) on N sample reports
# (default 1,000,000) with volumes and a 1,500-term denylist (bench/denylist.sh), printing the time of each
# stage and the peak RSS. As issue 8 sets it, 5% of the reports carry a story (narrative and lesson);
# BENCH_STORIES=35 gives the sample's own share (the runs before 4 Dec 2026 used that). The reports span 16
# quarters (19 digests); BENCH_QUARTERS=12, the fewest the issue allows, gives 12 quarters (14 digests).
# BENCH_RUNS=R builds R times in a row (each into an empty folder) and ends with the least, median and greatest
# wall time: this machine's speed changes from one minute to the next, so one run says little.
# Usage: bench/build.sh [N]      (run from the project root; builds the jar if needed)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000000}
work=${BENCH_DIR:-target/bench}
. bench/data.sh
bench_data "$n"
runs=${BENCH_RUNS:-1}
walls=()
for ((run = 1; run <= runs; run++)); do
  [ "$runs" = 1 ] || echo "== run $run of $runs, $(date -u +%H:%M:%S) UTC"
  rm -rf "$work/site" "$work/audit"
  status=0
  /usr/bin/time -o "$work/time.txt" -f 'wall %e s, peak RSS %M KB' java -jar target/bulletin.jar build --verbose \
    --reports "$data/reports.csv" --volumes "$data/volumes.csv" --denylist "$data/denylist-1500.txt" \
    --output "$work/site" --audit "$work/audit" || status=$?
  cat "$work/time.txt"
  [ "$status" = 0 ] || exit "$status"
  walls+=("$(awk '{print $2}' "$work/time.txt")")
done
if [ "$runs" != 1 ]; then
  printf '%s\n' "${walls[@]}" | sort -g | awk '{w[NR] = $1} END {
    printf "wall of %d runs: least %s s, median %s s, greatest %s s\n", NR, w[1],
      (NR % 2 ? w[(NR + 1) / 2] : (w[NR / 2] + w[NR / 2 + 1]) / 2), w[NR] }'
fi
echo "data: $n reports, $quarters quarters, $stories% with a story, $(stat -c %s "$data/reports.csv") bytes"
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -n 1)"
