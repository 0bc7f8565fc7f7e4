#!/usr/bin/env bash
# Benchmark: read and validate N reports (default 1,000,000, about 200 MB of CSV) with a 1 GB heap,
# and compare the throughput with `cat FILE > /dev/null` on the same file.
# Usage: bench/ingest.sh [N]      (run from the project root; builds the jar if needed)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000000}
work=${BENCH_DIR:-target/bench}
[ -f target/bulletin.jar ] || mvn -q -DskipTests package
mkdir -p "$work"
data="$work/ingest-$n"
if [ ! -f "$data/reports.csv" ]; then
  java -jar target/bulletin.jar sample --output "$data" --reports "$n" >/dev/null
fi
file="$data/reports.csv"
bytes=$(stat -c %s "$file")
mb=$(awk -v b="$bytes" 'BEGIN{printf "%.1f", b/1e6}')

now() { date +%s.%N; }
cat "$file" > /dev/null  # warm the page cache so both measure the same thing
t0=$(now); cat "$file" > /dev/null; t1=$(now)
cat_s=$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.3f", b-a}')

runs=3; best=""
for i in $(seq $runs); do
  t0=$(now)
  /usr/bin/time -f '%M' -o "$work/rss.txt" java -jar target/bulletin.jar validate \
      --reports "$file" --volumes "$data/volumes.csv" --denylist "$data/denylist.txt" >/dev/null
  t1=$(now)
  s=$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.3f", b-a}')
  rss=$(cat "$work/rss.txt")
  echo "run $i: ${s} s, peak RSS $((rss / 1024)) MB"
  if [ -z "$best" ] || awk -v a="$s" -v b="$best" 'BEGIN{exit !(a<b)}'; then best=$s; best_rss=$rss; fi
done
printf '\n| what | file | seconds | MB/s | share of cat |\n|---|---|---|---|---|\n'
printf '| cat FILE > /dev/null | %s MB | %s | %s | 100%% |\n' "$mb" "$cat_s" \
  "$(awk -v m="$mb" -v s="$cat_s" 'BEGIN{printf "%.0f", m/s}')"
printf '| bulletin validate (java -jar, JVM start included, best of %d) | %s MB, %s reports | %s | %s | %s%% |\n' \
  "$runs" "$mb" "$n" "$best" "$(awk -v m="$mb" -v s="$best" 'BEGIN{printf "%.0f", m/s}')" \
  "$(awk -v c="$cat_s" -v s="$best" 'BEGIN{printf "%.1f", 100*c/s}')"
echo "peak RSS of the best run: $((best_rss / 1024)) MB; machine: $(nproc) cores, $(java -version 2>&1 | head -n 1)"
