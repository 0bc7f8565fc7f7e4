# Sourced by the benchmarks: bench_data N generates (once) N sample reports with volumes, 5% of them with a story
# (BENCH_STORIES=35 for the sample's own share) and the 1,500-term denylist, under $work, and sets $data to their
# folder. Expects $work; builds the jar if needed.
bench_data() {
  local n=$1
  [ -f target/bulletin.jar ] || mvn -q -DskipTests package
  stories=${BENCH_STORIES:-5}
  data="$work/build-$n-stories-$stories"
  if [ ! -f "$data/reports.csv" ]; then
    mkdir -p "$work"
    java -jar target/bulletin.jar sample --output "$data" --reports "$n" --stories "$stories" >/dev/null
  fi
  [ -f "$data/denylist-1500.txt" ] || bench/denylist.sh "$data/denylist.txt" 1500 > "$data/denylist-1500.txt"
}
