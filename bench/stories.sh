#!/usr/bin/env bash
# Benchmark: de-identify N narratives of about 300 characters (default 100,000) against a seeded denylist of
# T terms (default 1,500), in one JVM: building the automaton, cleaning every narrative on one thread (best of 3
# after a warm-up), and the whole stories stage (StoryDesk on N publishable reports with narrative and lesson).
# The generator and the timing are in bench/StoriesBench.java (run from source against the jar).
# Usage: bench/stories.sh [N] [T] [SEED]      (run from the project root; builds the jar if needed)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-100000}
t=${2:-1500}
seed=${3:-20261125}
[ -f target/bulletin.jar ] || mvn -q -DskipTests package
work=${BENCH_DIR:-target/bench}
mkdir -p "$work"
/usr/bin/time -f '%e %M' -o "$work/stories-time.txt" \
  java -Xmx1g -cp target/bulletin.jar bench/StoriesBench.java "$n" "$t" "$seed"
read -r wall rss < "$work/stories-time.txt"
echo "wall ${wall} s for the whole run (JVM start, source compilation and data generation included)," \
  "peak RSS $((rss / 1024)) MB"
