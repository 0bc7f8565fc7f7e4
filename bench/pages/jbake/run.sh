#!/usr/bin/env bash
# JBake row of bench/pages.sh: bakes the N pages that bench/pages/generate.py wrote in JBake's format (SRC)
# into a JBake site at DEST (jbake.properties, templates/, content/posts/, output/) with jbake-core's own
# API (the small runner in this folder, built once by Maven), warms the file cache with one bake, then times
# one bake from the command line, JVM start included and Maven not, and prints a row as bench/pages.sh does.
# Fails if the output does not hold exactly N rendered post pages.
# Usage: bench/pages/jbake/run.sh SRC DEST N
set -euo pipefail
[ $# -eq 3 ] || { echo "usage: $0 SRC DEST N" >&2; exit 2; }
src=$1 dest=$2 n=$3
here=$(cd "$(dirname "$0")" && pwd)

# Build the runner and write its class path once, again only when a source or the pom is newer.
cp_file="$here/target/classpath.txt"
if [ ! -f "$cp_file" ] || [ ! -f "$here/target/classes/org/cgtbulletin/bench/BakeRunner.class" ] ||
   [ -n "$(find "$here/pom.xml" "$here/src" -newer "$cp_file" -type f | head -n 1)" ]; then
  mvn -B -q -f "$here/pom.xml" compile dependency:build-classpath -Dmdep.outputFile="$cp_file" >&2
fi
classpath="$here/target/classes:$(cat "$cp_file")"

[ -d "$src" ] || { echo "jbake: no pages at $src" >&2; exit 1; }
rm -rf "$dest"; mkdir -p "$dest/content/posts" "$dest/assets"
cp "$here/site/jbake.properties" "$dest/"; cp -r "$here/site/templates" "$dest/"
cp "$src/"*.md "$dest/content/posts/"

bake() { java -cp "$classpath" org.cgtbulletin.bench.BakeRunner "$dest" "$dest/output"; }
seconds() { local s e; s=$(date +%s.%N); "$@" >"$dest/bake.log" 2>&1 || { e=$?; cat "$dest/bake.log" >&2; return $e; }
  e=$(date +%s.%N); echo "$e - $s" | bc; }

bake >"$dest/warm.log" 2>&1 || { cat "$dest/warm.log" >&2; echo "jbake: warm-up bake failed" >&2; exit 1; }
rm -rf "$dest/output"
t=$(seconds bake) || { echo "jbake: bake failed" >&2; exit 1; }

pages=$(find "$dest/output/posts" -name '*.html' 2>/dev/null | wc -l)
if [ "$pages" -ne "$n" ] || [ ! -f "$dest/output/index.html" ]; then
  echo "jbake: expected $n post pages and index.html in $dest/output, found $pages post pages" >&2
  exit 1
fi
printf '%-8s %-10s %10.2f %12.0f\n' "$n" jbake "$t" "$(echo "$n / $t" | bc -l)"
