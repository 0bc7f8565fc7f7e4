# Sourced by the benchmarks: bench_data N generates (once) N sample reports with volumes, 5% of them with a story
# (BENCH_STORIES=35 for the sample's own share) and the 1,500-term denylist, under $work, and sets $data to their
# folder. The reports span the generator's 16 quarters; BENCH_QUARTERS=12 (the fewest issue 8 allows) keeps the
# last 12 of a larger sample instead, sized so that about N reports remain (within 0.1%; the generator is seeded,
# so the same N gives the same file). Expects $work; builds the jar if needed.
bench_data() {
  local n=$1
  [ -f target/bulletin.jar ] || mvn -q -DskipTests package
  stories=${BENCH_STORIES:-5}
  quarters=${BENCH_QUARTERS:-16}
  if [ "$quarters" = 16 ]; then
    data="$work/build-$n-stories-$stories"
  else
    data="$work/build-$n-stories-$stories-quarters-$quarters"
  fi
  if [ ! -f "$data/reports.csv" ]; then
    mkdir -p "$work"
    if [ "$quarters" = 16 ]; then
      java -jar target/bulletin.jar sample --output "$data" --reports "$n" --stories "$stories" >/dev/null
    else
      # The generator's last quarter is 2026-Q3: keep that one and the quarters-1 before it. A first sample of
      # n*16/quarters reports shows what share of the reports those quarters hold; the second is sized by it.
      local from full="$data.full" m kept
      from=$(python3 -c "q=2026*4+2-($quarters-1); print(f'{q//4}-Q{q%4+1}')")
      m=$((n * 16 / quarters))
      for pass in 1 2; do
        rm -rf "$full" "$data"
        java -jar target/bulletin.jar sample --output "$full" --reports "$m" --stories "$stories" >/dev/null
        mkdir -p "$data"
        python3 bench/quarters.py "$full" "$data" --from "$from"
        kept=$(($(wc -l < "$data/reports.csv") - 1))
        m=$((m * n / kept))
      done
      cp "$full/denylist.txt" "$data/"
      rm -rf "$full"
    fi
  fi
  [ -f "$data/denylist-1500.txt" ] || bench/denylist.sh "$data/denylist.txt" 1500 > "$data/denylist-1500.txt"
}
