package org.cgtbulletin.aggregate;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.cgtbulletin.model.Quarter;
import org.cgtbulletin.protect.FinestCounts;

/**
 * Reports per (product class, process step, failure mode, outcome) combination and quarter, in all and per
 * contributor: the finest counts every published table adds up, handed to the disclosure audit
 * ({@link FinestCounts}). Its size depends on the taxonomy and the quarters, never on the number of reports.
 */
final class QuarterCounts implements FinestCounts {

    /** Largest number of (combination, quarter) pairs kept; a larger taxonomy and range gets no finest counts. */
    static final int MAX_PAIRS = 2_000_000;

    private final CellIndex index;
    private final int[] sizes;
    private final int combinations;
    private final int quarters;
    /** Per quarter index: the periods holding it. */
    private final int[][] periodsOf;
    private final long[] units;
    /** Per (combination, quarter) pair: units by contributor index, or null when it has none. */
    private final long[][] byContributor;
    private final Map<String, Integer> contributorIndex = new HashMap<>();

    private QuarterCounts(CellIndex index, int[] sizes, int quarters, int[][] periodsOf, List<String> contributors) {
        this.index = index;
        this.sizes = sizes.clone();
        int c = 1;
        for (int s : sizes) {
            c *= s;
        }
        this.combinations = c;
        this.quarters = quarters;
        this.periodsOf = periodsOf;
        this.units = new long[c * quarters];
        this.byContributor = new long[c * quarters][];
        for (int i = 0; i < contributors.size(); i++) {
            contributorIndex.put(contributors.get(i), i);
        }
    }

    /**
     * The finest counts of the reports in {@code fine} (see {@link Aggregator}), or null when there are too many
     * (combination, quarter) pairs to keep.
     */
    static QuarterCounts of(CellIndex index, int[] sizes, List<Period> periods, Quarter from, Quarter to,
                            Map<Long, long[]> fine, List<String> contributors) {
        long combinations = 1;
        for (int s : sizes) {
            combinations *= s;
        }
        int quarters = from.quartersUntil(to) + 1;
        if (combinations * quarters > MAX_PAIRS) {
            return null;
        }
        int[][] periodsOf = new int[quarters][];
        Quarter q = from;
        for (int i = 0; i < quarters; i++, q = q.next()) {
            Quarter quarter = q;
            periodsOf[i] = java.util.stream.IntStream.range(0, periods.size())
                    .filter(p -> periods.get(p).quarters().contains(quarter)).toArray();
        }
        QuarterCounts counts = new QuarterCounts(index, sizes, quarters, periodsOf, contributors);
        int firstOrdinal = (from.year() - 2000) * 4 + from.quarter() - 1;
        for (Map.Entry<Long, long[]> e : fine.entrySet()) {
            long k = e.getKey();
            int qi = (int) ((k >>> 32) & 0xFFF) - firstOrdinal;
            if (qi < 0 || qi >= quarters) {
                continue;
            }
            int contributor = (int) (k >>> 44);
            int c = (((int) ((k >>> 24) & 0xFF) * sizes[1] + (int) ((k >>> 16) & 0xFF)) * sizes[2]
                    + (int) ((k >>> 8) & 0xFF)) * sizes[3] + (int) (k & 0xFF);
            int pair = c * quarters + qi;
            counts.units[pair] += e.getValue()[0];
            if (counts.byContributor[pair] == null) {
                counts.byContributor[pair] = new long[contributors.size()];
            }
            counts.byContributor[pair][contributor] += e.getValue()[0];
        }
        return counts;
    }

    @Override
    public int quarters() {
        return quarters;
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
        return out; // ids are distinct: one per (period, table)
    }

    @Override
    public long units(int combination, int quarter) {
        return units[combination * quarters + quarter];
    }

    @Override
    public long units(String contributor, int combination, int quarter) {
        Integer c = contributorIndex.get(contributor);
        long[] row = byContributor[combination * quarters + quarter];
        return c == null || row == null ? 0 : row[c];
    }
}
