package org.cgtbulletin.protect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Proofs of protection by <em>alternative datasets</em>, built from the {@link FinestCounts} rather than by linear
 * programming: other report counts, per code combination and quarter, that publish exactly the same numbers.
 *
 * <p><b>Why it is a proof.</b> Counts that are non-negative make tables that satisfy every relation of the linked
 * system (the tables are their sums). If every cell they change is withheld, every published number is unchanged,
 * so the withheld cells' new values are a point of the attacker's feasible set; a target cell's new value is then
 * a value the attacker cannot exclude, and with the true value it bounds an interval contained in the attacker's
 * one. Against a contributor who knows its own reports, only the other contributors' reports are moved, so that
 * contributor's own counts stay as they are (every cell stays at least its own amount).
 *
 * <p><b>The search.</b> An alternative dataset is grown by moves of one report from one combination to another:
 * within a quarter (every changed cell must be withheld), or a swap, one report moved in a quarter and one the
 * opposite way in another quarter, so that the changes cancel in the years and in {@code all} they both fall in.
 * Moves are added, each valid on its own, until the target cell reaches the value its protection needs; the result
 * is checked again from the counts alone before it counts as a proof. The search is greedy, in ascending order,
 * and bounded by a count of the moves it examines ({@link #WORK_PER_TARGET}), so it is deterministic. Finding
 * nothing proves nothing: the cell stays as the linear programs left it.
 */
final class AlternativeData {

    /** Most (combination, quarter) pairs handled; a larger system gets no alternative datasets. */
    static final int MAX_PAIRS = 1 << 20; // a pair's index must fit the 20 bits the grouping gives it
    /** Candidate moves examined per target cell, at most. */
    static final long WORK_PER_TARGET = 3_000_000;
    /** Moves in one alternative dataset, at most. */
    static final int MAX_MOVES = 64;

    private final LinearSystem sys;
    private final FinestCounts finest;
    private final int quarters;
    private final int combinations;
    /** Per pair (combination * quarters + quarter): the cells one report adds 1 to, ascending. */
    private final int[][] cellsOf;
    private final long[] units;
    /** Per global cell: whether it is withheld (a cell of the component). */
    private final boolean[] withheld;
    /** Per global cell: whether reports of more than one quarter reach it (a year or all). */
    private final boolean[] shared;
    /** Per global cell of the component: the pairs that reach it, ascending; null for other cells. */
    private final int[][] pairsOf;
    /**
     * Per pair: its group, the pairs of its quarter that reach the same published cells of that quarter alone. A
     * report can only move within its group: any other move would change a published cell no other quarter can
     * make up for.
     */
    private final int[] group;
    /** Per group: its pairs, ascending. */
    private final int[][] members;
    /** Per quarter: the pairs holding reports, ascending. */
    private final int[][] withUnits;
    private final Map<String, long[]> ownUnits = new HashMap<>();

    private final long[] pairDelta;
    private int[] pairTouched = new int[16];
    private int pairTouchedCount;
    private final long[] cellDelta;
    private int[] cellTouched = new int[64];
    private int cellTouchedCount;
    private final long[] net;
    private int[] netTouched = new int[128];
    private long work;

    private AlternativeData(LinearSystem sys, FinestCounts finest, Component comp) {
        this.sys = sys;
        this.finest = finest;
        this.quarters = finest.quarters();
        this.combinations = finest.combinations();
        int pairs = quarters * combinations;
        cellsOf = new int[pairs][];
        units = new long[pairs];
        withheld = new boolean[sys.cells];
        for (int cell : comp.cells) {
            withheld[cell] = true;
        }
        int[] firstQuarter = new int[sys.cells];
        Arrays.fill(firstQuarter, -1);
        shared = new boolean[sys.cells];
        int[] reach = new int[sys.cells];
        for (int c = 0; c < combinations; c++) {
            for (int q = 0; q < quarters; q++) {
                int pair = c * quarters + q;
                cellsOf[pair] = finest.cells(c, q);
                units[pair] = finest.units(c, q);
                for (int cell : cellsOf[pair]) {
                    if (firstQuarter[cell] < 0) {
                        firstQuarter[cell] = q;
                    } else if (firstQuarter[cell] != q) {
                        shared[cell] = true;
                    }
                    if (withheld[cell]) {
                        reach[cell]++;
                    }
                }
            }
        }
        pairsOf = new int[sys.cells][];
        for (int cell : comp.cells) {
            pairsOf[cell] = new int[reach[cell]];
        }
        Arrays.fill(reach, 0);
        for (int pair = 0; pair < pairs; pair++) {
            for (int cell : cellsOf[pair]) {
                if (withheld[cell]) {
                    pairsOf[cell][reach[cell]++] = pair;
                }
            }
        }
        group = new int[pairs];
        // Grouped by a 44-bit hash of (quarter, published cells of the quarter alone), sorted with the pair in the
        // low 20 bits: pairs whose hashes collide share a group, which only costs time (tryMove still refuses a
        // move that changes such a cell).
        long[] keyed = new long[pairs];
        for (int pair = 0; pair < pairs; pair++) {
            long signature = pair % quarters;
            for (int cell : cellsOf[pair]) {
                if (!withheld[cell] && !shared[cell]) {
                    signature = signature * 0x9E3779B97F4A7C15L + cell + 1;
                }
            }
            keyed[pair] = (signature >>> 20) << 20 | pair;
        }
        Arrays.sort(keyed);
        List<int[]> groupList = new ArrayList<>();
        for (int from = 0; from < pairs; ) {
            int to = from + 1;
            while (to < pairs && keyed[to] >>> 20 == keyed[from] >>> 20) {
                to++;
            }
            int[] m = new int[to - from];
            for (int i = from; i < to; i++) {
                m[i - from] = (int) (keyed[i] & 0xFFFFF);
                group[m[i - from]] = groupList.size();
            }
            Arrays.sort(m);
            groupList.add(m);
            from = to;
        }
        members = groupList.toArray(int[][]::new);
        withUnits = new int[quarters][];
        for (int q = 0; q < quarters; q++) {
            int qq = q;
            withUnits[q] = java.util.stream.IntStream.range(0, combinations).map(c -> c * quarters + qq)
                    .filter(pair -> units[pair] > 0).toArray();
        }
        pairDelta = new long[pairs];
        cellDelta = new long[sys.cells];
        net = new long[sys.cells];
    }

    /** The searcher for a component, or null when the system has no finest counts or too many of them. */
    static AlternativeData of(LinearSystem sys, Component comp) {
        FinestCounts f = sys.finest;
        if (f == null || (long) f.quarters() * f.combinations() > MAX_PAIRS) {
            return null;
        }
        return new AlternativeData(sys, f, comp);
    }

    /**
     * Looks for an alternative dataset that takes the cell to {@code target} or beyond (sign +1: at least target;
     * -1: at most target), moving only reports of contributors other than {@code contributor} (null: anyone's).
     *
     * @return the cell's value in the alternative dataset found, or null when none was found
     */
    Long reach(int cell, int sign, long target, String contributor) {
        reset();
        work = 0;
        long[] own = contributor == null ? null : ownUnits.computeIfAbsent(contributor, this::own);
        long value = sys.value[cell];
        for (int moves = 0; moves < MAX_MOVES && (sign > 0 ? value < target : value > target); moves++) {
            int[] move = findMove(cell, sign, own);
            if (move == null) {
                return null;
            }
            apply(move);
            value = sys.value[cell] + cellDelta[cell];
        }
        boolean reached = sign > 0 ? value >= target : value <= target;
        return reached && verified(own) ? value : null;
    }

    private long[] own(String contributor) {
        long[] own = new long[units.length];
        for (int c = 0; c < combinations; c++) {
            for (int q = 0; q < quarters; q++) {
                own[c * quarters + q] = finest.units(contributor, c, q);
            }
        }
        return own;
    }

    /** Reports of the pair that may still be moved out of it. */
    private long available(int pair, long[] own) {
        return units[pair] + pairDelta[pair] - (own == null ? 0 : own[pair]);
    }

    /**
     * The next move that changes the cell in direction sign and touches only withheld cells: {from, to} pairs of
     * one quarter, then (for a swap) {from, to} of another quarter, or -1, -1; null when none is found within the
     * work bound.
     */
    private int[] findMove(int cell, int sign, long[] own) {
        int[] reaching = pairsOf[cell];
        boolean[] reached = new boolean[quarters];
        for (int pair : reaching) {
            reached[pair % quarters] = true;
        }
        for (int q = 0; q < quarters; q++) {
            if (!reached[q]) {
                continue; // the cell's period does not hold this quarter
            }
            // A report can only leave a pair that holds some: one with reports, or one an earlier move filled.
            int quarter = q;
            int[] moved = Arrays.stream(pairTouched, 0, pairTouchedCount).filter(p -> p % quarters == quarter
                    && units[p] == 0 && pairDelta[p] > 0).sorted().distinct().toArray();
            int[] candidates = moved.length == 0 ? withUnits[q] : merge(withUnits[q], moved);
            for (int from : candidates) {
                boolean fromReaches = Arrays.binarySearch(reaching, from) >= 0;
                if ((sign > 0) == fromReaches || available(from, own) < 1) {
                    continue;
                }
                for (int to : members[group[from]]) {
                    if (to == from || (Arrays.binarySearch(reaching, to) >= 0) == fromReaches) {
                        continue;
                    }
                    if (++work > WORK_PER_TARGET) {
                        return null;
                    }
                    int[] move = tryMove(cell, sign, own, from, to);
                    if (move != null) {
                        return move;
                    }
                }
            }
        }
        return null;
    }

    private static int[] merge(int[] a, int[] b) {
        int[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        Arrays.sort(out);
        return out;
    }

    /** A valid move of one report from pair {@code from} to pair {@code to} (one quarter), alone or in a swap. */
    private int[] tryMove(int cell, int sign, long[] own, int from, int to) {
        int[] a = cellsOf[from];
        int[] b = cellsOf[to];
        boolean cancelNeeded = false;
        int i = 0;
        int j = 0;
        while (i < a.length || j < b.length) {
            int x;
            if (j >= b.length || (i < a.length && a[i] < b[j])) {
                x = a[i++];
            } else if (i >= a.length || b[j] < a[i]) {
                x = b[j++];
            } else {
                i++;
                j++;
                continue; // reached by both: unchanged
            }
            if (!withheld[x]) {
                if (!shared[x]) {
                    return null; // a published cell of this quarter would change
                }
                cancelNeeded = true;
            }
        }
        if (!cancelNeeded) {
            return new int[] {from, to, -1, -1};
        }
        int q = from % quarters;
        int cFrom = from / quarters;
        int cTo = to / quarters;
        for (int q2 = 0; q2 < quarters; q2++) {
            if (q2 == q) {
                continue;
            }
            int back = cTo * quarters + q2;
            int into = cFrom * quarters + q2;
            if (available(back, own) < 1) {
                continue;
            }
            if (++work > WORK_PER_TARGET) {
                return null;
            }
            if (netIsWithheld(cell, sign, from, to, back, into)) {
                return new int[] {from, to, back, into};
            }
        }
        return null;
    }

    /** Whether moving a report from -> to and one back -> into changes only withheld cells, and the cell as wanted. */
    private boolean netIsWithheld(int cell, int sign, int from, int to, int back, int into) {
        int n = 0;
        n = add(cellsOf[from], -1, n);
        n = add(cellsOf[to], 1, n);
        n = add(cellsOf[back], -1, n);
        n = add(cellsOf[into], 1, n);
        boolean ok = sign * net[cell] > 0;
        for (int t = 0; t < n; t++) {
            int x = netTouched[t];
            if (net[x] != 0 && !withheld[x]) {
                ok = false;
            }
            net[x] = 0;
        }
        return ok;
    }

    private int add(int[] cells, int delta, int n) {
        for (int x : cells) {
            if (net[x] == 0) {
                if (n == netTouched.length) {
                    netTouched = Arrays.copyOf(netTouched, n * 2);
                }
                netTouched[n++] = x; // may list a cell twice; harmless
            }
            net[x] += delta;
        }
        return n;
    }

    private void apply(int[] move) {
        shift(move[0], -1);
        shift(move[1], 1);
        if (move[2] >= 0) {
            shift(move[2], -1);
            shift(move[3], 1);
        }
    }

    private void shift(int pair, int delta) {
        if (pairDelta[pair] == 0) {
            if (pairTouchedCount == pairTouched.length) {
                pairTouched = Arrays.copyOf(pairTouched, pairTouchedCount * 2);
            }
            pairTouched[pairTouchedCount++] = pair;
        }
        pairDelta[pair] += delta;
        for (int x : cellsOf[pair]) {
            if (cellDelta[x] == 0) {
                if (cellTouchedCount == cellTouched.length) {
                    cellTouched = Arrays.copyOf(cellTouched, cellTouchedCount * 2);
                }
                cellTouched[cellTouchedCount++] = x;
            }
            cellDelta[x] += delta;
        }
    }

    private void reset() {
        for (int t = 0; t < pairTouchedCount; t++) {
            pairDelta[pairTouched[t]] = 0;
        }
        pairTouchedCount = 0;
        for (int t = 0; t < cellTouchedCount; t++) {
            cellDelta[cellTouched[t]] = 0;
        }
        cellTouchedCount = 0;
    }

    /**
     * The alternative dataset checked from the counts alone: no pair below the reports that may not move, and
     * every cell whose sum over the pairs changed is withheld.
     */
    private boolean verified(long[] own) {
        long[] sum = new long[sys.cells];
        int[] pairs = Arrays.copyOf(pairTouched, pairTouchedCount);
        Arrays.sort(pairs); // a pair whose change went back to 0 and came again is listed twice
        for (int t = 0; t < pairs.length; t++) {
            int pair = pairs[t];
            if (t > 0 && pair == pairs[t - 1]) {
                continue;
            }
            if (available(pair, own) < 0) {
                return false;
            }
            for (int x : cellsOf[pair]) {
                sum[x] += pairDelta[pair];
            }
        }
        for (int x = 0; x < sum.length; x++) {
            if (sum[x] != 0 && !withheld[x]) {
                return false;
            }
        }
        return true;
    }
}
