#!/usr/bin/env bash
# Benchmark: render the same N Markdown pages (about 2 KB each: front matter, headings, a list, a table)
# through this project's page pipeline (`java -jar`: flexmark + Freemarker + the atomic publisher, as lessons of an
# otherwise empty bulletin) and through Hugo (Debian's `hugo`), timing each from the command line (JVM starts
# included), best of BENCH_RUNS (default 3) runs each, the two tools taking turns. JBake: see bench/pages/jbake/ (run with BENCH_JBAKE=1; needs
# Maven to fetch jbake-core).
# Usage: bench/pages.sh [N ...]        default: 1000 10000
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f target/bulletin.jar ] || mvn -q -DskipTests package
work=${BENCH_DIR:-target/bench}/pages
sizes=("$@"); [ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000)

seconds() { local s e; s=$(date +%s.%N); "$@" >/dev/null 2>&1; e=$(date +%s.%N); echo "$e - $s" | bc; }
runs=${BENCH_RUNS:-3}   # each tool's time is the best of this many runs (single runs vary by a factor of 2 here)
min() { if [ -z "$1" ] || [ "$(echo "$2 < $1" | bc)" = 1 ]; then echo "$2"; else echo "$1"; fi; }

printf '%-8s %-10s %10s %12s   %s\n' pages tool seconds pages/s "each run (the tools alternate, so both meet the same phases of a shared machine)"
for n in "${sizes[@]}"; do
  dir="$work/$n"
  if [ ! -d "$dir/bulletin" ]; then
    python3 bench/pages/generate.py "$n" "$dir"
  fi
  # The bulletin: lessons of a content folder with the project's taxonomy and no reports.
  c="$dir/content"; rm -rf "$c"; mkdir -p "$c/data"
  cp content/taxonomy.yaml "$c/"; cp -r "$dir/bulletin" "$c/lessons"
  echo "report_id,contributor,occurred,product_class,process_step,failure_mode,outcome" > "$c/data/reports.csv"
  # Each timed run writes a folder never used before: creating 20,000 files right after deleting as many makes
  # ext4 scan for recently freed inodes, which cost either tool several seconds of system time here.
  rm -rf "$dir"/out-bulletin* "$dir/audit"
  java -jar target/bulletin.jar build --content "$c" --reports "$c/data/reports.csv" \
    --output "$dir/out-bulletin-warm" --audit "$dir/audit" >/dev/null 2>&1   # warm the file cache
  h="$dir/hugo-site"
  if command -v hugo >/dev/null; then
    rm -rf "$h"; mkdir -p "$h/content/posts" "$h/layouts/_default"
    cp "$dir/hugo/"*.md "$h/content/posts/"
    cp bench/pages/hugo/hugo.toml "$h/"; cp bench/pages/hugo/layouts/_default/*.html "$h/layouts/_default/"
    hugo --quiet -s "$h" -d "$h/public-warm" >/dev/null 2>&1 || true
  fi
  bb=""; hb=""; ball=""; hall=""
  for i in $(seq "$runs"); do
    t=$(seconds java -jar target/bulletin.jar build --content "$c" --reports "$c/data/reports.csv" \
      --output "$dir/out-bulletin-$i" --audit "$dir/audit")
    bb=$(min "$bb" "$t"); ball="$ball $(printf '%.2f' "$t")"
    if command -v hugo >/dev/null; then
      t=$(seconds hugo --quiet -s "$h" -d "$h/public-$i")
      hb=$(min "$hb" "$t"); hall="$hall $(printf '%.2f' "$t")"
    fi
  done
  printf '%-8s %-10s %10.2f %12.0f  %s\n' "$n" bulletin "$bb" "$(echo "$n / $bb" | bc -l)" "$ball"
  if [ -n "$hb" ]; then
    printf '%-8s %-10s %10.2f %12.0f  %s\n' "$n" hugo "$hb" "$(echo "$n / $hb" | bc -l)" "$hall"
  fi
  if [ "${BENCH_JBAKE:-0}" = 1 ]; then
    bench/pages/jbake/run.sh "$dir/jbake" "$dir/jbake-site" "$n"
  fi
done
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -n 1), $(hugo version 2>/dev/null | cut -d' ' -f1-2)"
