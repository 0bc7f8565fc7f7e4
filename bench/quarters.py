"""Copies reports.csv and volumes.csv from SRC to DST keeping only some quarters: reports by the quarter they
occurred in (YYYY-MM-DD, YYYY-MM or YYYY-Qn), volumes by their quarter. Used by the benchmarks.

Usage: python3 bench/quarters.py SRC DST --from YYYY-Qn     (that quarter and later)
       python3 bench/quarters.py SRC DST --drop-last        (all but the volumes' last quarter)
"""
import csv
import sys


def quarter(v):
    v = v.strip().upper()
    if "-Q" in v:
        y, q = v.split("-Q")
        return int(y) * 4 + int(q) - 1
    y, m = v.split("-")[:2]
    return int(y) * 4 + (int(m) - 1) // 3


def main(src, dst, how, *arg):
    if how == "--from":
        keep = lambda q: q >= quarter(arg[0])
    elif how == "--drop-last":
        with open(f"{src}/volumes.csv", newline="") as f:
            last = max(quarter(r["quarter"]) for r in csv.DictReader(f))
        keep = lambda q: q < last
    else:
        sys.exit(__doc__)
    for name, column in (("reports.csv", "occurred"), ("volumes.csv", "quarter")):
        with open(f"{src}/{name}", newline="") as f, open(f"{dst}/{name}", "w", newline="") as out:
            rows = csv.DictReader(f)
            w = csv.DictWriter(out, fieldnames=rows.fieldnames, lineterminator="\n")
            w.writeheader()
            for r in rows:
                if keep(quarter(r[column])):
                    w.writerow(r)


if __name__ == "__main__":
    main(*sys.argv[1:])
