package org.cgtbulletin.protect;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The interval and coalition audit of one component of suppressed cells.
 *
 * <p><b>Intervals.</b> An attacker knows the published cells, the relations, that every cell is a non-negative
 * integer, and nothing else. For each suppressed cell the feasible interval [low, high] is the min and max of the
 * cell over all such tables (linear programming, {@link ExactSimplex}); since cells are integers, the attacker may
 * round inwards to [ceil low, floor high]. The cell is <em>too narrow</em> when that integer interval
 * <ul>
 *   <li>has width &lt; 1 (one value left: the cell is disclosed), whatever the cell's status; or</li>
 *   <li>does not reach the upper protection its failed magnitude rules ask for (tau-ARGUS upper protection
 *       level): R3 high &gt;= x1 / d, R4 high &gt;= x1 + x2 + p x1 (see
 *       {@link DisclosureRules#upperProtected}).</li>
 * </ul>
 *
 * <p><b>Coalition.</b> The largest contributor of a primary cell knows its own amount in every cell, so to it
 * every cell is at least its own amount: the same program with lower bounds x &gt;= own. If the cell's interval then
 * holds a single integer, the contributor learns exactly what the others reported in that cell (a breach).
 * Exact derivability does not change with known amounts (same linear system), so a derivable primary cell is a
 * breach too.
 *
 * <p><b>Which program.</b> A component of at most {@value #MAX_LP_UNKNOWNS} suppressed cells is solved whole and
 * exactly: every interval is the attacker's own. A larger component is audited cell by cell with restricted
 * programs ({@link RestrictedAudit}): a neighbourhood of the cell is kept unknown and every other suppressed cell
 * is fixed at its true value, which can only shrink the interval, so a restricted interval that suffices proves
 * the cell protected; one that does not suffice is grown by column generation until it does, until exact duality
 * proves it is the component's own (then the cell is too narrow, or recoverable, as above), or until a cap, when
 * the cell is reported <em>not proven</em>. A cell is never passed without a proof.
 */
final class IntervalAudit {

    /** Largest component (number of suppressed cells) solved as one program. */
    static final int MAX_LP_UNKNOWNS = 300;

    /**
     * The audit of one component. Arrays are indexed by the component's local index.
     *
     * @param determined    exactly derivable
     * @param checked       the interval audit decided the cell: proven protected, or proven too narrow
     * @param restricted    low and high are a restricted program's (contained in the attacker's interval); false
     *                      when they are the attacker's own interval, or were not computed
     * @param low           lower end of the interval (NaN when not computed)
     * @param high          upper end ({@code +Infinity} when unbounded; NaN when not computed)
     * @param tooNarrow     proven too narrow
     * @param breach        proven recoverable by the cell's largest contributor
     * @param coalitionOpen primary cell whose coalition audit could not be decided (neither proven safe nor
     *                      proven a breach)
     * @param repairHint    for a cell proven too narrow or a breach: the published cell (id in the linked system)
     *                      whose withholding the proof's dual solution says would widen the cell's interval most;
     *                      -1 for none. A hint for the repair, never part of a proof.
     */
    record Result(boolean[] determined, boolean[] checked, boolean[] restricted, double[] low, double[] high,
                  boolean[] tooNarrow, boolean[] breach, boolean[] coalitionOpen, int[] repairHint) {
    }

    /** No repair hint for any of n unknowns. */
    static int[] noHints(int n) {
        int[] h = new int[n];
        java.util.Arrays.fill(h, -1);
        return h;
    }

    private IntervalAudit() {
    }

    /**
     * Audits one component.
     *
     * @param assess     per global cell: what the rules make of it
     * @param primary    per global cell: whether it is a primary suppression (coalition audit applies)
     * @param determined per local unknown: exact derivability (from {@link DerivabilityCheck})
     * @param large      whether a component of more than {@value #MAX_LP_UNKNOWNS} cells gets restricted programs;
     *                   without, only its exact derivability is used (every interval and coalition audit of it is
     *                   left not proven)
     * @param proofs     proofs of protection carried over from audits of smaller patterns (updated), or null
     */
    static Result audit(LinearSystem sys, DisclosureRules rules, DisclosureRules.Assessment[] assess,
                        boolean[] primary, Component comp, boolean[] determined, boolean large,
                        RestrictedAudit.Proofs proofs) {
        int n = comp.size();
        if (n > MAX_LP_UNKNOWNS && large) {
            return RestrictedAudit.audit(sys, rules, assess, primary, comp, determined, proofs);
        }
        boolean[] breach = new boolean[n];
        boolean[] open = new boolean[n];
        for (int k = 0; k < n; k++) {
            int cell = comp.cells[k];
            breach[k] = determined[k] && primary[cell] && assess[cell].largest() != null;
        }
        if (n > MAX_LP_UNKNOWNS) {
            return undecided(comp, determined, breach, primary, assess);
        }
        boolean[] all = new boolean[n];
        java.util.Arrays.fill(all, true);
        ExactSimplex.Bounds bounds = bounds(comp, null, all);
        if (bounds == null) {
            // Could not solve: nothing is proven; every cell stays undecided, and so does every coalition audit.
            return undecided(comp, determined, breach, primary, assess);
        }
        boolean[] narrow = new boolean[n];
        boolean[] checked = new boolean[n];
        for (int k = 0; k < n; k++) {
            int cell = comp.cells[k];
            boolean wide = bounds.highInt[k] == Long.MAX_VALUE || bounds.highInt[k] - bounds.lowInt[k] >= 1;
            narrow[k] = !wide || !rules.upperProtected(assess[cell], bounds.highInt[k]);
            checked[k] = true;
        }
        // Coalition: group the primary cells by their largest contributor; one program per contributor.
        TreeMap<String, List<Integer>> byContributor = new TreeMap<>();
        for (int k = 0; k < n; k++) {
            int cell = comp.cells[k];
            String largest = assess[cell].largest();
            if (primary[cell] && largest != null && !breach[k]) {
                byContributor.computeIfAbsent(largest, x -> new ArrayList<>()).add(k);
            }
        }
        for (Map.Entry<String, List<Integer>> e : byContributor.entrySet()) {
            long[] own = new long[n];
            for (int j = 0; j < n; j++) {
                own[j] = sys.own(e.getKey(), comp.cells[j]);
            }
            boolean[] wanted = new boolean[n];
            for (int k : e.getValue()) {
                wanted[k] = true;
            }
            ExactSimplex.Bounds b = bounds(comp, own, wanted);
            for (int k : e.getValue()) {
                if (b == null) {
                    // Could not solve: the cell stays unverified against its largest contributor; say so.
                    open[k] = true;
                } else {
                    breach[k] = b.highInt[k] != Long.MAX_VALUE && b.highInt[k] - b.lowInt[k] < 1;
                }
            }
        }
        return new Result(determined, checked, new boolean[n], bounds.low, bounds.high, narrow, breach, open,
                noHints(n));
    }

    /** No interval decided; every primary cell with a largest contributor and no breach is coalition-open. */
    private static Result undecided(Component comp, boolean[] determined, boolean[] breach, boolean[] primary,
                                    DisclosureRules.Assessment[] assess) {
        int n = comp.size();
        boolean[] open = new boolean[n];
        for (int k = 0; k < n; k++) {
            int cell = comp.cells[k];
            open[k] = !breach[k] && primary[cell] && assess[cell].largest() != null;
        }
        return new Result(determined, new boolean[n], new boolean[n], nan(n), nan(n), new boolean[n], breach, open,
                noHints(n));
    }

    private static double[] nan(int n) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, Double.NaN);
        return a;
    }

    /** Exact intervals, or floating-point ones when exact arithmetic overflows; null when neither works. */
    static ExactSimplex.Bounds bounds(Component comp, long[] lower, boolean[] wanted) {
        ExactSimplex.Bounds out = new ExactSimplex.Bounds(comp.size());
        try {
            new ExactSimplex(comp, lower).solve(wanted, out);
            return out;
        } catch (ArithmeticException | ExactSimplex.Unsolved exactFailed) {
            try {
                ExactSimplex.Bounds fallback = new ExactSimplex.Bounds(comp.size());
                FloatingSimplex.solve(comp, lower, wanted, fallback);
                return fallback;
            } catch (RuntimeException floatingFailed) {
                return null;
            }
        }
    }
}
