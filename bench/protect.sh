#!/usr/bin/env bash
# Benchmark: the protect and audit stage alone (complementary suppression and the audit of the count and
# denominator tables), R times in one JVM on a data folder (default content/data, the shipped sample, whose
# tables have the sizes issue 3's audit target speaks of). Prints wall and CPU time per run.
# The harness is bench/ProtectBench.java (run from source against the jar).
# Usage: bench/protect.sh [DATA_DIR] [R]      (run from the project root; builds the jar if needed)
set -euo pipefail
cd "$(dirname "$0")/.."
data=${1:-content/data}
runs=${2:-3}
[ -f target/bulletin.jar ] || mvn -q -DskipTests package
java -Xmx1g -cp target/bulletin.jar bench/ProtectBench.java "$data" "$runs"
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -n 1)"
