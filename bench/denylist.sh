#!/usr/bin/env bash
# Prints the benchmarks' denylist: the sample's own terms (from the file given), then seeded generated names
# (bench/StoriesBench.java --denylist) until there are T distinct terms (default 1,500, the size issue 8 names).
# Usage: bench/denylist.sh SAMPLE_DENYLIST [T] > FILE      (run from the project root, after the jar is built)
set -euo pipefail
cd "$(dirname "$0")/.."
t=${2:-1500}
{ grep -v '^#' "$1" | grep -v '^[[:space:]]*$'
  java -cp target/bulletin.jar bench/StoriesBench.java --denylist "$t" 20261125
} | awk -v t="$t" '!seen[tolower($0)]++ && n < t { print; n++ }'
