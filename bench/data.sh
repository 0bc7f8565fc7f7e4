# Sourced by the benchmarks: bench_data N generates (once) N sample reports with volumes, 5% of them with a story
# (BENCH_STORIES=35 for the sample's own share) and the 1,500-term denylist, under $work, and sets $data to their
# folder. The reports span the generator's 16 quarters; BENCH_QUARTERS=12 (the fewest issue 8 allows) keeps the
# last 12 of a larger sample instead, sized so that about N reports remain (1,000,088 for a million; the
# generator is seeded, so the same N gives the same file). Expects $work; builds the jar if needed.
bench_data() {
  local n=$1
  [ -f target/bulletin.jar ] || mvn -q -DskipTests package
  stories=${BENCH_STORIES:-5}
  quarters=${BENCH_QUARTERS:-16}
  if ! [[ "$quarters" =~ ^[0-9]+$ ]] || [ "$quarters" -lt 1 ] || [ "$quarters" -gt 16 ]; then
    echo "BENCH_QUARTERS must be a number of quarters from 1 to 16 (the generator's span), not '$quarters'" >&2
    return 2
  fi
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
      # The sample ends with 2026-Q3: keep that quarter and the quarters-1 before it. A first sample of
      # n*16/quarters reports shows what share of the reports those quarters hold; the second is sized by it
      # (reports counted as CSV records: a narrative may span lines).
      local from full="$data.full" m kept
      from=$(python3 -c "q=2026*4+2-($quarters-1); print(f'{q//4}-Q{q%4+1}')")
      m=$((n * 16 / quarters))
      for pass in 1 2; do
        rm -rf "$full" "$data"
        java -jar target/bulletin.jar sample --output "$full" --reports "$m" --stories "$stories" \
          --last-quarter 2026-Q3 >/dev/null
        mkdir -p "$data"
        python3 bench/quarters.py "$full" "$data" --from "$from"
        kept=$(python3 -c "import csv, sys; print(sum(1 for _ in csv.reader(open(sys.argv[1], newline=''))) - 1)" \
          "$data/reports.csv")
        m=$((m * n / kept))
      done
      cp "$full/denylist.txt" "$data/"
      rm -rf "$full"
    fi
  fi
  [ -f "$data/denylist-1500.txt" ] || bench/denylist.sh "$data/denylist.txt" 1500 > "$data/denylist-1500.txt"
}
