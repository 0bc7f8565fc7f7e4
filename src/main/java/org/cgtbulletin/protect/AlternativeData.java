package org.cgtbulletin.protect;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Proofs of protection by <em>alternative datasets</em>, built from {@link ReportFootprints} rather than by linear
 * programming: other values of the withheld cells that agree with every published number, every relation and
 * every lower bound, in which the target cell has the value its protection needs.
 *
 * <p><b>Why it is a proof.</b> Taking one report's footprint away from the true cells and adding another's keeps
 * every relation (a footprint satisfies each of them), so a sum of such moves that changes only withheld cells and
 * leaves every cell at or above its lower bound (0, or a contributor's own amount when that contributor is the
 * attacker) is a point of the attacker's feasible set. The target cell's value there is one the attacker cannot
 * exclude, and with the true value it bounds an interval contained in the attacker's. The moves need not be of
 * reports that exist: the attacker's set is defined by the cells alone. Before a dataset counts, it is checked
 * from scratch against the linked system itself: zero change on every published cell, every relation row, every
 * bound.
 *
 * <p><b>The search.</b> A dataset is grown by moves between two combinations of one quarter whose footprints reach
 * the same published cells of that quarter alone (else a published number would change that nothing can make up
 * for): a move alone when every cell it changes is withheld, or a swap, the opposite move in another quarter, so
 * that the changes cancel in the years and in {@code all} both quarters fall in. Moves are added until the target
 * reaches the value wanted. The search is greedy, in ascending order, bounded by a count of the moves examined,
 * per target ({@link #WORK_PER_TARGET}) and for all the targets of a component together ({@link
 * #WORK_PER_COMPONENT}): deterministic. Finding nothing proves nothing.
 */
final class AlternativeData {

    /** Most (combination, quarter) pairs handled; a pair's index must fit the 20 bits the grouping gives it. */
    static final int MAX_PAIRS = 1 << 20;
    /** Candidate moves examined per target cell, at most. */
    static final long WORK_PER_TARGET = 3_000_000;
    /**
     * Candidate moves examined for all the targets of a component, at most (then every search finds nothing, and
     * its check is left to the whole component's program). Searches that fail cost their whole bound, so without
     * this a pattern leaving thousands of cells to alternative datasets that do not exist took minutes (4 Dec 2026,
     * an experimental protection of a quarterly release: an audit of 329 s). The bulletin's own audits spend far
     * less: at most 4.2 million (the million-report benchmark over the previous release; 1.5 million fresh, 1.5
     * million at 10,000 reports, 0.6 million on the sample). What is counted is the pairs looked at and the swaps
     * tried; checking a dataset found ({@link #verified}) is not, and happens at most once per search.
     */
    static final long WORK_PER_COMPONENT = 30_000_000;
    /** Moves in one alternative dataset, at most. */
    static final int MAX_MOVES = 64;

    private final LinearSystem sys;
    private final int quarters;
    /** Per pair (combination * quarters + quarter): the cells one report adds 1 to, ascending. */
    private final int[][] cellsOf;
    /** Per global cell: whether it is withheld (a cell of the component). */
    private final boolean[] withheld;
    /** Per global cell: whether footprints of more than one quarter reach it (a year or all). */
    private final boolean[] shared;
    /** Per global cell of the component: the pairs that reach it, ascending; null for other cells. */
    private final int[][] pairsOf;
    /**
     * Per pair: its group, the pairs of its quarter that reach the same published cells of that quarter alone
     * (grouped by a hash: pairs whose hashes collide share a group, which costs time, not correctness).
     */
    private final int[] group;
    /** The pairs by group: those of group g are {@code memberPairs[groupStart[g] .. groupStart[g + 1])}, ascending. */
    private final int[] memberPairs;
    private final int[] groupStart;
    /** Per contributor token: its own amount in every cell (the lower bounds when it is the attacker). */
    private final Map<String, long[]> ownAmounts = new HashMap<>();

    private final long[] pairDelta;
    private int[] pairTouched = new int[16];
    private int pairTouchedCount;
    private final long[] cellDelta;
    private int[] cellTouched = new int[64];
    private int cellTouchedCount;
    private final long[] net;
    private int[] netTouched = new int[128];
    /** The cells the last dataset {@link #reach} found moves from their true values, or null. */
    private int[] moved;
    /** {@link #verified}'s scratch: per global cell, the dataset's change (all 0 between checks), made once. */
    private long[] change;
    /** Per row of the system: whether {@link #verified} has summed it (all false between checks). */
    private boolean[] rowSeen;
    private int[] changed = new int[64];
    private int[] seenRows = new int[64];
    private long work;
    /** Work of the searches before this one, and the bound of this one. */
    private long spent;
    private long limit;
    private final long budget;

    /**
     * What does not depend on the component, built once per tables ({@link LinkedTables#footprintIndex}):
     * every pair's cells, which cells footprints of more than one quarter reach, and per pair a signature of the
     * cells it reaches that are not shared by quarters: its quarter's and those cells' hashes, added (so that a
     * component's own cells can be taken out of it again without going over every pair).
     */
    static final class Index {
        final int quarters;
        final int[][] cellsOf;
        final boolean[] shared;
        final long[] signature;

        Index(ReportFootprints footprints, int cells) {
            quarters = footprints.quarters();
            int pairs = quarters * footprints.combinations();
            cellsOf = new int[pairs][];
            int[] firstQuarter = new int[cells];
            Arrays.fill(firstQuarter, -1);
            shared = new boolean[cells];
            for (int pair = 0; pair < pairs; pair++) {
                cellsOf[pair] = footprints.cells(pair / quarters, pair % quarters);
                markShared(cellsOf[pair], pair % quarters, firstQuarter);
            }
            signature = new long[pairs];
            for (int pair = 0; pair < pairs; pair++) {
                signature[pair] = signature(pair);
            }
        }

        private void markShared(int[] cells, int quarter, int[] firstQuarter) {
            for (int cell : cells) {
                if (firstQuarter[cell] < 0) {
                    firstQuarter[cell] = quarter;
                } else if (firstQuarter[cell] != quarter) {
                    shared[cell] = true;
                }
            }
        }

        private long signature(int pair) {
            long sum = hash(-1 - pair % quarters);
            for (int cell : cellsOf[pair]) {
                if (!shared[cell]) {
                    sum += hash(cell);
                }
            }
            return sum;
        }

        /** A fixed 64-bit hash of a cell id (or of a quarter, as a negative number): SplitMix64's finaliser. */
        static long hash(long x) {
            long z = x * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L;
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            return z ^ (z >>> 31);
        }
    }

    private AlternativeData(LinearSystem sys, Index index, Component comp, long budget) {
        this.budget = budget;
        this.sys = sys;
        this.quarters = index.quarters;
        this.cellsOf = index.cellsOf;
        this.shared = index.shared;
        int pairs = cellsOf.length;
        withheld = new boolean[sys.cells];
        for (int cell : comp.cells) {
            withheld[cell] = true;
        }
        // The pairs reaching a withheld cell, and each pair's signature without its withheld cells.
        int[] reach = new int[sys.cells];
        boolean[] touches = new boolean[pairs];
        long[] keyed = new long[pairs];
        for (int pair = 0; pair < pairs; pair++) {
            keyed[pair] = (withoutWithheld(pair, index.signature[pair], reach, touches) >>> 20) << 20 | pair;
        }
        pairsOf = new int[sys.cells][];
        for (int cell : comp.cells) {
            pairsOf[cell] = new int[reach[cell]];
        }
        Arrays.fill(reach, 0);
        for (int pair = 0; pair < pairs; pair++) {
            if (touches[pair]) {
                for (int cell : cellsOf[pair]) {
                    if (withheld[cell]) {
                        pairsOf[cell][reach[cell]++] = pair;
                    }
                }
            }
        }
        // Sorted by signature, then pair: each group's pairs come together, ascending.
        Arrays.sort(keyed);
        group = new int[pairs];
        memberPairs = new int[pairs];
        int[] starts = new int[pairs + 1];
        int groups = 0;
        for (int i = 0; i < pairs; i++) {
            if (i == 0 || keyed[i] >>> 20 != keyed[i - 1] >>> 20) {
                starts[groups++] = i;
            }
            int pair = (int) (keyed[i] & 0xFFFFF);
            memberPairs[i] = pair;
            group[pair] = groups - 1;
        }
        starts[groups] = pairs;
        groupStart = Arrays.copyOf(starts, groups + 1);
        pairDelta = new long[pairs];
        cellDelta = new long[sys.cells];
        net = new long[sys.cells];
    }

    /**
     * The pair's signature less the hashes of its withheld cells that quarters do not share (so that pairs reaching
     * the same published cells of their quarter alone have equal signatures); marks in {@code touches} whether it
     * reaches a withheld cell, and counts those cells' pairs in {@code reach}.
     */
    private long withoutWithheld(int pair, long signature, int[] reach, boolean[] touches) {
        long sum = signature;
        for (int cell : cellsOf[pair]) {
            if (withheld[cell]) {
                reach[cell]++;
                touches[pair] = true;
                if (!shared[cell]) {
                    sum -= Index.hash(cell);
                }
            }
        }
        return sum;
    }

    /** The searcher for a component, or null when the system has no footprints or too many of them. */
    static AlternativeData of(LinearSystem sys, Component comp) {
        return of(sys, comp, WORK_PER_COMPONENT);
    }

    /** As {@link #of(LinearSystem, Component)}, with {@code budget} moves for the component's targets together. */
    static AlternativeData of(LinearSystem sys, Component comp, long budget) {
        if (budget < 0) {
            throw new IllegalArgumentException("a work budget of " + budget);
        }
        Index index = sys.footprintIndex();
        return index == null ? null : new AlternativeData(sys, index, comp, budget);
    }

    /**
     * Looks for an alternative dataset in which the cell is {@code target} or beyond (sign +1: at least target;
     * -1: at most target), with every cell at least {@code contributor}'s own amount (null: at least 0).
     *
     * @return the cell's value in the alternative dataset found, or null when none was found
     */
    Long reach(int cell, int sign, long target, String contributor) {
        reset();
        moved = null;
        work = 0;
        limit = Math.min(WORK_PER_TARGET, budget - spent);
        try {
            return search(cell, sign, target, contributor);
        } finally {
            spent += Math.min(work, limit);
        }
    }

    /**
     * The cells (system ids, ascending) the dataset the last {@link #reach} found moves from their true values: every
     * other cell is at its true value there. Null when that call found none.
     */
    int[] moved() {
        return moved;
    }

    /** The work the searches so far have spent (never more than the budget). */
    long spent() {
        return spent;
    }

    private Long search(int cell, int sign, long target, String contributor) {
        if (limit <= 0) {
            return null;
        }
        long[] lower = contributor == null ? null : ownAmounts.computeIfAbsent(contributor, this::own);
        long value = sys.value[cell];
        for (int moves = 0; moves < MAX_MOVES && (sign > 0 ? value < target : value > target); moves++) {
            int[] move = findMove(cell, sign, lower);
            if (move == null) {
                return null;
            }
            apply(move, times(move, cell, sign, lower, sign > 0 ? target - value : value - target));
            value = sys.value[cell] + cellDelta[cell];
        }
        boolean reached = sign > 0 ? value >= target : value <= target;
        return reached && verified(lower) ? value : null;
    }

    private long[] own(String contributor) {
        long[] own = new long[sys.cells];
        for (int cell = 0; cell < own.length; cell++) {
            own[cell] = sys.own(contributor, cell);
        }
        return own;
    }

    /** How far the cell may still fall: its current value above its lower bound. */
    private long slack(int cell, long[] lower) {
        return sys.value[cell] + cellDelta[cell] - (lower == null ? 0 : lower[cell]);
    }

    /**
     * The next move that changes the cell in direction sign and touches only withheld cells: {from, to} pairs of
     * one quarter, then for a swap {from, to} of another quarter; null when none is found within the work bound.
     */
    private int[] findMove(int cell, int sign, long[] lower) {
        for (int anchor : pairsOf[cell]) {
            // The anchor reaches the cell: a move into it raises the cell, a move out of it lowers it.
            int g = group[anchor];
            for (int t = groupStart[g]; t < groupStart[g + 1]; t++) {
                int other = memberPairs[t];
                if (++work > limit) {
                    return null; // every pair looked at counts, or a cell most pairs reach costs their square
                }
                if (Arrays.binarySearch(pairsOf[cell], other) >= 0) {
                    continue; // reaches the cell too: the move would not change it
                }
                int[] move = sign > 0 ? tryMove(cell, sign, lower, other, anchor)
                        : tryMove(cell, sign, lower, anchor, other);
                if (move != null) {
                    return move;
                }
            }
        }
        return null;
    }

    /** A valid move of one report from pair {@code from} to pair {@code to} (one quarter), alone or in a swap. */
    private int[] tryMove(int cell, int sign, long[] lower, int from, int to) {
        int[] a = cellsOf[from];
        int[] b = cellsOf[to];
        boolean cancelNeeded = false;
        int i = 0;
        int j = 0;
        while (i < a.length || j < b.length) {
            int x;
            boolean falls;
            if (j >= b.length || (i < a.length && a[i] < b[j])) {
                x = a[i++];
                falls = true;
            } else if (i >= a.length || b[j] < a[i]) {
                x = b[j++];
                falls = false;
            } else {
                i++;
                j++;
                continue; // reached by both: unchanged
            }
            if (!withheld[x]) {
                cancelNeeded = true; // a published cell of a year or all (the group rules out the quarter's own)
            } else if (falls && !shared[x] && slack(x, lower) < 1) {
                return null; // would go below its lower bound, and no other quarter can make up for it
            }
        }
        if (!cancelNeeded && netIsFeasible(cell, sign, lower, from, to)) {
            return new int[] {from, to};
        }
        int q = from % quarters;
        int cFrom = from / quarters;
        int cTo = to / quarters;
        for (int q2 = 0; q2 < quarters; q2++) {
            int back = cTo * quarters + q2;
            int into = cFrom * quarters + q2;
            if (q2 == q || group[into] != group[back]) {
                continue; // same quarter, or a published cell of quarter q2 would change
            }
            if (++work > limit) {
                return null;
            }
            if (netIsFeasible(cell, sign, lower, from, to, back, into)) {
                return new int[] {from, to, back, into};
            }
        }
        return null;
    }

    /**
     * Whether moving one report out of each even-placed pair into the pair after it changes only withheld cells,
     * keeps each above its lower bound, and moves the cell in direction sign.
     */
    private boolean netIsFeasible(int cell, int sign, long[] lower, int... moves) {
        int n = net(moves);
        boolean ok = sign * net[cell] > 0;
        for (int t = 0; t < n; t++) {
            int x = netTouched[t];
            if (net[x] != 0 && (!withheld[x] || slack(x, lower) + net[x] < 0)) {
                ok = false;
            }
        }
        clearNet(n);
        return ok;
    }

    /**
     * Puts the change of one report moved out of each even-placed pair into the pair after it into {@link #net};
     * returns how many entries of {@link #netTouched} list the cells it touches (clear them with
     * {@link #clearNet}).
     */
    private int net(int[] moves) {
        int n = 0;
        for (int i = 0; i < moves.length; i += 2) {
            n = add(cellsOf[moves[i]], -1, n);
            n = add(cellsOf[moves[i + 1]], 1, n);
        }
        return n;
    }

    private void clearNet(int n) {
        for (int t = 0; t < n; t++) {
            net[netTouched[t]] = 0;
        }
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

    /**
     * How many times a feasible move can be made at once: as often as the cells it lowers allow, and no more
     * than the cell still needs ({@code remaining} units in direction sign); at least 1.
     */
    private long times(int[] move, int cell, int sign, long[] lower, long remaining) {
        int n = net(move);
        long per = sign * net[cell]; // > 0: the move was found feasible
        long times = (remaining + per - 1) / per;
        for (int t = 0; t < n; t++) {
            int x = netTouched[t];
            if (net[x] < 0) {
                times = Math.min(times, slack(x, lower) / -net[x]);
            }
        }
        clearNet(n);
        return Math.max(1, times);
    }

    private void apply(int[] move, long times) {
        for (int i = 0; i < move.length; i += 2) {
            shift(move[i], -times);
            shift(move[i + 1], times);
        }
    }

    private void shift(int pair, long delta) {
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
     * The alternative dataset checked from scratch against the linked system: its change, summed again from the
     * moves, is zero on every published cell, keeps every cell at or above its lower bound, and satisfies every
     * relation row.
     */
    private boolean verified(long[] lower) {
        if (change == null) { // once per instance: a search's check touches a few cells, not the whole system
            change = new long[sys.cells];
            rowSeen = new boolean[sys.rowCells.length];
        }
        int[] pairs = Arrays.copyOf(pairTouched, pairTouchedCount);
        Arrays.sort(pairs); // a pair whose change went back to 0 and came again is listed twice
        int cells = 0;
        for (int t = 0; t < pairs.length; t++) {
            if (t == 0 || pairs[t] != pairs[t - 1]) {
                for (int x : cellsOf[pairs[t]]) {
                    if (change[x] == 0) { // listed when first changed (again, if it went back to 0)
                        changed = grow(changed, cells);
                        changed[cells++] = x;
                    }
                    change[x] += pairDelta[pairs[t]];
                }
            }
        }
        int rows = 0;
        try {
            for (int k = 0; k < cells; k++) {
                int x = changed[k];
                if (change[x] == 0) {
                    continue;
                }
                if (!withheld[x] || sys.value[x] + change[x] < (lower == null ? 0 : lower[x])) {
                    return false;
                }
                for (int r : sys.cellRows[x]) {
                    if (rowSeen[r]) {
                        continue;
                    }
                    rowSeen[r] = true;
                    seenRows = grow(seenRows, rows);
                    seenRows[rows++] = r;
                    long sum = 0;
                    for (int t = 0; t < sys.rowCells[r].length; t++) {
                        sum += sys.rowCoef[r][t] * change[sys.rowCells[r][t]];
                    }
                    if (sum != 0) {
                        return false;
                    }
                }
            }
            int[] out = new int[cells];
            int m = 0;
            for (int k = 0; k < cells; k++) {
                if (change[changed[k]] != 0) {
                    out[m++] = changed[k];
                }
            }
            Arrays.sort(out, 0, m);
            int distinct = 0;
            for (int k = 0; k < m; k++) { // a cell whose change went back to 0 and came again is listed twice
                if (k == 0 || out[k] != out[k - 1]) {
                    out[distinct++] = out[k];
                }
            }
            moved = Arrays.copyOf(out, distinct);
            return true;
        } finally { // every cell and row this check touched back to zero, for the next
            for (int k = 0; k < cells; k++) {
                change[changed[k]] = 0;
            }
            for (int k = 0; k < rows; k++) {
                rowSeen[seenRows[k]] = false;
            }
        }
    }

    private static int[] grow(int[] list, int size) {
        return size < list.length ? list : Arrays.copyOf(list, 2 * list.length);
    }
}
