package org.cgtbulletin.protect;

import java.util.Arrays;
import java.util.BitSet;
import java.util.Map;
import java.util.SortedMap;

/**
 * The audit's exact derivability ({@link DerivabilityCheck}) and intervals ({@link ExactSimplex}) for any set of
 * unknowns over one linked system, such as the cells whose change since a previous release a reader cannot read off
 * (the relations hold for the changes as for the numbers). The system is compiled once, so that several sets of
 * unknowns can be tried.
 */
public final class Derivability {

    private final LinearSystem sys;
    /** The tables' own cells: those a caller asks about; the hidden cells, if any, come after them. */
    private final int shown;
    /** Per prime, the derivations {@link #withholding} last used, kept to grow with the unknowns. */
    private final DerivabilityCheck.Derivations[] derivations = new DerivabilityCheck.Derivations[2];

    /**
     * @param tables the linked system (a snapshot is taken)
     */
    public Derivability(LinkedTables tables) {
        this(new LinearSystem(tables), tables.size());
    }

    private Derivability(LinearSystem sys, int shown) {
        this.sys = sys;
        this.shown = shown;
    }

    /**
     * Over the tables' relations and their implied ones ({@link LinkedTables#addImpliedRelation}), the hidden cells
     * ({@link LinkedTables#addHiddenCell}) unknown. The arrays given and returned are over the tables' own cells.
     *
     * @param tables the linked system (a snapshot is taken)
     * @return the derivability of that system
     */
    public static Derivability withImplied(LinkedTables tables) {
        return new Derivability(new LinearSystem(tables, true), tables.size());
    }

    /** Per cell: whether it is unknown and the other cells determine it exactly through the relations. */
    public boolean[] determined(boolean[] unknown) {
        boolean[] all = withHidden(unknown);
        boolean[] out = new boolean[shown];
        for (Component comp : Component.of(sys, all)) {
            boolean[] det = DerivabilityCheck.determined(comp);
            for (int k = 0; k < det.length && comp.cells[k] < shown; k++) {
                out[comp.cells[k]] = det[k];
            }
        }
        return out;
    }

    /** Whether one unknown cell is determined (only its component is solved). */
    public boolean determined(boolean[] unknown, int cell) {
        return determinedAmong(unknown, cell)[0];
    }

    /**
     * Whether each of the given cells is unknown and determined, solving only their components (each once).
     *
     * @param unknown per cell, whether it is unknown
     * @param cells   the cells asked about
     * @return per cell asked about, in the same order, whether it is determined
     */
    public boolean[] determinedAmong(boolean[] unknown, int... cells) {
        boolean[] all = withHidden(unknown);
        boolean[] out = new boolean[cells.length];
        int open = 0;
        for (int cell : cells) {
            open += unknown[cell] ? 1 : 0;
        }
        if (open == 0) {
            return out;
        }
        for (Component comp : Component.of(sys, all)) {
            boolean[] det = null;
            for (int i = 0; i < cells.length; i++) {
                int k = unknown[cells[i]] ? Arrays.binarySearch(comp.cells, cells[i]) : -1;
                if (k >= 0) {
                    det = det == null ? DerivabilityCheck.determined(comp) : det;
                    out[i] = det[k];
                    open--;
                }
            }
            if (open == 0) {
                break;
            }
        }
        return out;
    }

    /** What withholding one more cell would do to a derivable cell ({@link #withholding}). */
    public enum Effect {
        /** It makes the cell underivable and is not derivable itself. */
        UNPINS,
        /** The cell stays derivable. */
        STAYS_PINNED,
        /** Not told without solving again: the candidate ties the cell's unknowns to others. */
        UNDECIDED
    }

    /**
     * Per candidate, what withholding it alone would do to one determined unknown cell, from one elimination of the
     * cell's component instead of one per candidate ({@link DerivabilityCheck#withholding}): a candidate outside
     * every derivation of the cell, or one a relation would then give away, leaves it derivable; one that enters a
     * derivation with a non-zero weight, and that no other derivation can avoid, unpins it. The elimination is kept
     * from one call to the next and grown by the cells withheld since ({@link DerivabilityCheck.Derivations}), so a
     * pass that withholds one cell per count it looks at eliminates the system once, not once per count.
     *
     * @param unknown    per cell, whether it is unknown
     * @param cell       an unknown cell
     * @param candidates known cells
     * @return per candidate, in the same order, its effect; null if the cell is not determined
     */
    public synchronized Effect[] withholding(boolean[] unknown, int cell, int[] candidates) {
        boolean[] all = withHidden(unknown);
        for (Component comp : Component.of(sys, all)) {
            if (Arrays.binarySearch(comp.cells, cell) >= 0) {
                for (int i = 0; i < derivations.length; i++) {
                    DerivabilityCheck.Derivations d = derivations(i, all);
                    long[] y = d.certificate(cell);
                    if (y != null) {
                        return DerivabilityCheck.effects(sys, all, comp, candidates, d.p, y, d.nullVector());
                    }
                }
                return null;
            }
        }
        return null;
    }

    /**
     * The derivations modulo the {@code i}-th prime over the unknowns {@code all}: those kept from the last call,
     * grown by the unknowns added since (a pass through the tables withholds more cells one at a time), else made
     * afresh.
     */
    private DerivabilityCheck.Derivations derivations(int i, boolean[] all) {
        DerivabilityCheck.Derivations d = derivations[i];
        if (d != null && d.growsTo(all)) {
            d.growTo(all);
        } else {
            d = new DerivabilityCheck.Derivations(sys, all, i == 0 ? DerivabilityCheck.P1 : DerivabilityCheck.P2);
            derivations[i] = d;
        }
        return d;
    }

    /**
     * What {@link #narrowed} found: the targets too narrow, and those it could not judge (in a component whose
     * program is too large, or could not be solved, or ran out of its budget).
     *
     * @param tooNarrow the targets a reader narrows to less than the rules ask for
     * @param unchecked the targets not judged
     */
    public record Narrowed(BitSet tooNarrow, BitSet unchecked) {
    }

    /**
     * Which of {@code targets} a reader narrows to less than the rules ask for, knowing the relations, every known
     * cell's value and, for every unknown cell, a least value it can take ({@code lower}; a change since a previous
     * release is at least 0 when reports were only added). A target is too narrow when the integers its interval
     * holds are one, or when its upper bound falls short of the upper protection the magnitude rules its
     * contributions fail ask for ({@link DisclosureRules#upperProtected}): the audit's test of a withheld number's
     * interval ({@link IntervalAudit}), without its test against the largest contributor's own knowledge. Each
     * component is solved whole: one of at most {@value IntervalAudit#MAX_LP_UNKNOWNS} unknowns as the audit solves
     * one, a larger one exactly, target by target, within a size and a work budget ({@link #LARGEST_TABLEAU},
     * {@link #WORK_BUDGET}); a target in a component too large for that, or that the budget leaves unsolved, or
     * whose program cannot be solved, is left unchecked (the audit of the numbers proves larger components with
     * restricted programs and column generation, which this does not repeat).
     *
     * <p>With {@code belief}, the least values are what a reader believes rather than knows (every change at least
     * 0, though some cells fell): a program the true values do not satisfy may then be infeasible, which tells
     * nothing, and a target counts as too narrow only if its interval holds its true value; nothing is reported
     * unchecked (a target in a large component, or whose program fails, is simply not narrowed: the call with what
     * the reader knows reports those).
     *
     * @param unknown per cell: whether a reader does not know its value
     * @param values  per cell: its value (the known ones' as a reader has them; the unknown ones' true values)
     * @param lower   per cell: the least value a reader takes an unknown cell to have
     * @param targets unknown cells to judge, each with its contributions as the rules take them
     * @param rules   the rules
     * @param belief  whether {@code lower} may exceed a true value
     * @return the targets too narrow, and those not judged
     */
    public Narrowed narrowed(boolean[] unknown, long[] values, long[] lower, SortedMap<Integer, Map<String, Long>> targets,
            DisclosureRules rules, boolean belief) {
        check(unknown);
        if (shown != sys.cells) {
            throw new IllegalStateException("intervals over hidden cells are not computed");
        }
        if (values.length != sys.cells || lower.length != sys.cells) {
            throw new IllegalArgumentException("values and lower bounds for " + sys.cells + " cells");
        }
        BitSet narrow = new BitSet();
        BitSet unchecked = new BitSet();
        if (targets.isEmpty()) {
            return new Narrowed(narrow, unchecked);
        }
        for (Component comp : Component.of(sys, unknown, values)) {
            boolean[] wanted = new boolean[comp.size()];
            boolean any = false;
            for (int k = 0; k < comp.size(); k++) {
                wanted[k] = targets.containsKey(comp.cells[k]);
                any |= wanted[k];
            }
            if (!any) {
                continue;
            }
            ExactSimplex.Bounds b = bounds(comp, lower, wanted);
            for (int k = 0; k < comp.size(); k++) {
                if (!wanted[k]) {
                    continue;
                }
                int cell = comp.cells[k];
                if (b == null || !b.done[k]) {
                    if (!belief) {
                        unchecked.set(cell);
                    }
                } else if ((!belief || b.lowInt[k] <= values[cell] && values[cell] <= b.highInt[k])
                        && tooNarrow(b, k, targets.get(cell), rules)) {
                    narrow.set(cell);
                }
            }
        }
        return new Narrowed(narrow, unchecked);
    }

    /**
     * The component's intervals of the wanted unknowns with the given least values, as far as they were solved
     * ({@link ExactSimplex.Bounds#done}); null when none could be. A component of at most {@value
     * IntervalAudit#MAX_LP_UNKNOWNS} unknowns is solved as the audit solves one (exactly, or in floating point when
     * exact arithmetic overflows). A larger one is solved exactly, one wanted unknown after another, while its
     * dense tableau stays within {@link #LARGEST_TABLEAU} entries and the pivots within {@link #WORK_BUDGET}: the
     * targets here are few (the changes that fail the rules) beside the audit's every withheld cell, and the
     * simplex warm-starts each from the last, so a component of 2,510 unknowns with 813 targets takes about a
     * third of a second. What the budget leaves unsolved, or an overflow, stays not done.
     */
    private static ExactSimplex.Bounds bounds(Component comp, long[] lower, boolean[] wanted) {
        long[] local = new long[comp.size()];
        for (int k = 0; k < local.length; k++) {
            local[k] = lower[comp.cells[k]];
        }
        try {
            if (comp.size() <= IntervalAudit.MAX_LP_UNKNOWNS) {
                return IntervalAudit.bounds(comp, local, wanted);
            }
            if ((long) comp.size() * comp.rowCols.length > LARGEST_TABLEAU) {
                return null;
            }
            ExactSimplex simplex = new ExactSimplex(comp, local);
            ExactSimplex.Bounds out = new ExactSimplex.Bounds(comp.size());
            boolean[] one = new boolean[comp.size()];
            for (int k = 0; k < comp.size() && simplex.work() < WORK_BUDGET; k++) {
                if (wanted[k]) {
                    one[k] = true;
                    simplex.solve(one, out);
                    one[k] = false;
                }
            }
            return out;
        } catch (IllegalStateException | ArithmeticException | ExactSimplex.Unsolved unsolved) {
            return null; // infeasible (the values contradict the bounds: nothing can be said), or not solved
        }
    }

    /**
     * The most entries (unknowns times relations) of a large component's dense tableau: 128 MB. The quarterly
     * release of a million reports (bench/quarterly.sh) has one component of 2,510 unknown changes in 2,607
     * relations, 6.5 million entries.
     */
    static final long LARGEST_TABLEAU = 16_000_000;

    /**
     * The most simplex work ({@link ExactSimplex#work}) spent on one large component's intervals, about two seconds
     * here: the quarterly release of a million reports spends 0.69 billion on its 813 rises.
     */
    static final long WORK_BUDGET = 4_000_000_000L;

    private static boolean tooNarrow(ExactSimplex.Bounds b, int k, Map<String, Long> parts, DisclosureRules rules) {
        boolean wide = b.highInt[k] == Long.MAX_VALUE || b.highInt[k] - b.lowInt[k] >= 1;
        return !wide || !rules.upperProtected(rules.assess(parts), b.highInt[k]);
    }

    private void check(boolean[] unknown) {
        if (unknown.length != shown) {
            throw new IllegalArgumentException(unknown.length + " entries for " + shown + " cells");
        }
    }

    /** The unknowns over the system's cells: the given ones, and every hidden cell. */
    private boolean[] withHidden(boolean[] unknown) {
        check(unknown);
        if (shown == sys.cells) {
            return unknown;
        }
        boolean[] all = Arrays.copyOf(unknown, sys.cells);
        Arrays.fill(all, shown, sys.cells, true);
        return all;
    }
}
