#!/usr/bin/env bash
# Benchmark: a quarterly release as consortium staff run it. The output folder already holds the bulletin published
# a quarter earlier (the same N generated reports, volumes and 1,500-term denylist as bench/build.sh, without the
# last quarter's reports and volumes); the build then publishes the new quarter over it. The previous release's
# withheld cells stay withheld, and a digest whose document ID is unchanged is kept rather than rendered again
# (README, "The PDF digests"), so only what the new quarter changes is rendered. Prints the new build's stages (wall
# and CPU time), its summary line and the peak RSS; then rebuilds the same data once more over its own output, as an
# editor re-running the build after a correction does.
# The previous release is built untimed. Compare with bench/build.sh, which builds into an empty folder and so
# renders every digest.
# Usage: bench/quarterly.sh [N]      (run from the project root; builds the jar if needed)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000000}
work=${BENCH_DIR:-target/bench}
. bench/data.sh
bench_data "$n"
earlier="$work/quarterly-$n-stories-$stories-earlier"
if [ ! -f "$earlier/reports.csv" ]; then
  mkdir -p "$earlier"
  python3 bench/quarters.py "$data" "$earlier" --drop-last
fi
rm -rf "$work/quarterly-site" "$work/quarterly-audit" "$work/quarterly-cells.csv"
echo "previous release: $(tail -n +2 "$earlier/reports.csv" | wc -l) reports (untimed)"
java -jar target/bulletin.jar build --reports "$earlier/reports.csv" --volumes "$earlier/volumes.csv" \
  --denylist "$data/denylist-1500.txt" --output "$work/quarterly-site" --audit "$work/quarterly-audit" \
  >/dev/null 2>"$work/quarterly-earlier.log" || { cat "$work/quarterly-earlier.log" >&2; exit 1; }
for run in "the new quarter over the previous release" "the same build again over its own output"; do
  echo "$run:"
  /usr/bin/time -f 'wall %e s, peak RSS %M KB' java -jar target/bulletin.jar build --verbose \
    --reports "$data/reports.csv" --volumes "$data/volumes.csv" --denylist "$data/denylist-1500.txt" \
    --output "$work/quarterly-site" --audit "$work/quarterly-audit" 2>&1 | grep -v '^\['
  [ -f "$work/quarterly-cells.csv" ] || cp "$work/quarterly-site/data/cells.csv" "$work/quarterly-cells.csv"
done
# a rebuild over its own output, same data, must publish exactly what the release did
if cmp -s "$work/quarterly-cells.csv" "$work/quarterly-site/data/cells.csv"; then
  echo "the rebuild's cells.csv is the release's, byte for byte"
else
  echo "the rebuild's cells.csv differs from the release's:"
  diff "$work/quarterly-cells.csv" "$work/quarterly-site/data/cells.csv" | head -20
fi
rm -f "$work/quarterly-cells.csv"
echo "data: $n reports, $stories% with a story, $(stat -c %s "$data/reports.csv") bytes"
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -n 1)"
