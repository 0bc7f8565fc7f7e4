#!/usr/bin/env bash
# Benchmark: the protect and audit stages alone (primary and complementary suppression, then the audit of the
# count and denominator tables, with its repairs), R times in one JVM on a data folder (default content/data,
# the shipped sample, whose tables have the sizes issue 3's audit target speaks of). Prints the aggregation's
# time, then per run the suppression's and the audit's, their wall and CPU time.
# The harness is bench/ProtectBench.java (run from source against the jar).
# Usage: bench/protect.sh [DATA_DIR] [R]      (run from the project root; builds the jar if needed)
set -euo pipefail
cd "$(dirname "$0")/.."
data=${1:-content/data}
runs=${2:-3}
[ -f target/bulletin.jar ] || mvn -q -DskipTests package
java -Xmx1g -cp target/bulletin.jar bench/ProtectBench.java "$data" "$runs"
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -n 1)"
