package org.cgtbulletin.aggregate;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import org.cgtbulletin.model.Quarter;
import org.cgtbulletin.protect.ReportFootprints;

/**
 * The cells one report adds 1 to, per (product class, process step, failure mode, outcome) combination and
 * quarter: one cell per table in each period holding the quarter. Handed to the disclosure audit
 * ({@link ReportFootprints}); computed on demand from the cell numbering, so it holds nothing per report.
 */
final class Footprints implements ReportFootprints {

    private final CellIndex index;
    private final int[] sizes;
    private final int combinations;
    /** Per quarter index: the periods holding it. */
    private final int[][] periodsOf;

    /**
     * The footprints of the reports from {@code from} to {@code to}, or null when there are more (combination,
     * quarter) pairs than an {@code int} counts (a taxonomy far beyond any the audit could search).
     */
    static Footprints of(CellIndex index, int[] sizes, List<Period> periods, Quarter from, Quarter to) {
        long pairs = from.quartersUntil(to) + 1L;
        for (int s : sizes) {
            pairs *= s;
            if (pairs > Integer.MAX_VALUE) {
                return null;
            }
        }
        return new Footprints(index, sizes, periods, from, to);
    }

    private Footprints(CellIndex index, int[] sizes, List<Period> periods, Quarter from, Quarter to) {
        this.index = index;
        this.sizes = sizes.clone();
        int c = 1;
        for (int s : sizes) {
            c *= s; // fits: see of()
        }
        this.combinations = c;
        int quarters = from.quartersUntil(to) + 1;
        periodsOf = new int[quarters][];
        Quarter q = from;
        for (int i = 0; i < quarters; i++, q = q.next()) {
            Quarter quarter = q;
            periodsOf[i] = IntStream.range(0, periods.size())
                    .filter(p -> periods.get(p).quarters().contains(quarter)).toArray();
        }
    }

    @Override
    public int quarters() {
        return periodsOf.length;
    }

    @Override
    public int combinations() {
        return combinations;
    }

    @Override
    public int[] cells(int combination, int quarter) {
        int[] codes = new int[sizes.length];
        int rest = combination;
        for (int d = sizes.length - 1; d >= 0; d--) {
            codes[d] = rest % sizes[d];
            rest /= sizes[d];
        }
        int[] ps = periodsOf[quarter];
        int[] out = new int[ps.length * Aggregator.TABLES.length];
        int n = 0;
        for (int p : ps) {
            for (int t = 0; t < Aggregator.TABLES.length; t++) {
                out[n++] = index.id(p, t, codes);
            }
        }
        Arrays.sort(out);
        return out; // distinct: one cell per (period, table)
    }
}
