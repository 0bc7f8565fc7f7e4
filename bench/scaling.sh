#!/usr/bin/env bash
# Benchmark: the scaling curve of the whole build (read and validate, aggregate, protect, audit, stories,
# analyze, site, PDF digests, publish) at N = 10k, 100k, 1M and 3M sample reports (or the sizes given), each with
# volumes and a 1,500-term denylist (the sample's and bench/denylist.sh's) and, as issue 8 sets it, 5% of the
# reports with a story (BENCH_STORIES=35 gives the sample's own share, which the runs before 4 Dec 2026 used), into
# a fresh output folder (every digest rendered). Prints one row per size:
# wall seconds (JVM start included), peak RSS, and each stage's milliseconds (build --verbose).
# Usage: bench/scaling.sh [N ...]      (run from the project root; builds the jar if needed)
#   BENCH_HEAP="-Xmx1g" (any JVM options) runs the build in the JVM so started; by default it runs as users run it,
#   java -jar, which moves the work to a second JVM with the parallel collector and the quick compiler only at every
#   size (cli.TunedJvm; until the evening of 4 Dec 2026 larger inputs got both compilers). build --verbose's JVM line
#   says which options the work ran with.
#   Peak RSS is that of the larger process (GNU time's maximum over the process and the children it waited for).
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@"); [ ${#sizes[@]} -gt 0 ] || sizes=(10000 100000 1000000 3000000)
work=${BENCH_DIR:-target/bench}
heap=${BENCH_HEAP:-}
stories=${BENCH_STORIES:-5}
. bench/data.sh
[ -f target/bulletin.jar ] || mvn -q -DskipTests package
printf '%-9s %8s %9s  %s\n' reports wall_s rss_MB "stages: wall ms (CPU ms of the whole process)"
for n in "${sizes[@]}"; do
  bench_data "$n"
  out="$work/scaling-$n"; rm -rf "$out"
  log=$(mktemp)
  # shellcheck disable=SC2086
  /usr/bin/time -f 'TIME %e %M' java $heap -jar target/bulletin.jar build --verbose \
    --reports "$data/reports.csv" --volumes "$data/volumes.csv" --denylist "$data/denylist-1500.txt" \
    --output "$out/site" --audit "$out/audit" >"$log" 2>&1 || { cat "$log"; exit 1; }
  wall=$(awk '/^TIME/ {print $2}' "$log"); rss=$(awk '/^TIME/ {printf "%.0f", $3 / 1024}' "$log")
  # "  read and validate     5614 ms  (CPU   9830 ms)" -> "read and validate 5614 (CPU 9830)", joined by "; "
  stages=$(grep -E '^  [a-zA-Z]' "$log" | sed -E 's/^ +//; s/ +/ /g; s/ ms//g; s/\( /(/' | paste -sd';' \
    | sed 's/;/; /g')
  printf '%-9s %8s %9s  %s\n' "$n" "$wall" "$rss" "$stages"
  grep '^Built' "$log" | sed -E 's/^/          /' | cut -c1-220
  grep '^JVM:' "$log" | sed -E 's/^/          /'
  rm -f "$log"
done
echo "data: $stories% of the reports with a story"
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -n 1), load $(cut -d' ' -f1-3 /proc/loadavg)"
