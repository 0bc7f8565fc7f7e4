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

    /**
     * @param tables the linked system (a snapshot is taken)
     */
    public Derivability(LinkedTables tables) {
        sys = new LinearSystem(tables);
    }

    /** Per cell: whether it is unknown and the other cells determine it exactly through the relations. */
    public boolean[] determined(boolean[] unknown) {
        check(unknown);
        boolean[] out = new boolean[sys.cells];
        for (Component comp : Component.of(sys, unknown)) {
            boolean[] det = DerivabilityCheck.determined(comp);
            for (int k = 0; k < det.length; k++) {
                out[comp.cells[k]] = det[k];
            }
        }
        return out;
    }

    /** Whether one unknown cell is determined (only its component is solved). */
    public boolean determined(boolean[] unknown, int cell) {
        check(unknown);
        if (!unknown[cell]) {
            return false;
        }
        for (Component comp : Component.of(sys, unknown)) {
            int k = Arrays.binarySearch(comp.cells, cell);
            if (k >= 0) {
                return DerivabilityCheck.determined(comp)[k];
            }
        }
        return false;
    }

    /**
     * Which of {@code targets} a reader narrows to less than the rules ask for, knowing the relations, every known
     * cell's value and, for every unknown cell, a least value it can take ({@code lower}; a change since a previous
     * release is at least 0 when reports were only added). A target is too narrow, as in the audit of the numbers
     * ({@link IntervalAudit}), when the integers it can take are one, or when its upper bound falls short of the
     * upper protection the magnitude rules its contributions fail ask for ({@link DisclosureRules#upperProtected});
     * so is one whose program cannot be solved. Only a component of at most {@value IntervalAudit#MAX_LP_UNKNOWNS}
     * unknowns is solved (whole and exactly); a target in a larger one is left out (the audit of the numbers proves
     * such components with restricted programs and column generation, which this does not repeat).
     *
     * @param unknown per cell: whether a reader does not know its value
     * @param values  per cell: its value (the known ones' as a reader has them)
     * @param lower   per cell: the least value a reader knows an unknown cell can take (not above its value)
     * @param targets unknown cells to judge, each with its contributions as the rules take them
     * @param rules   the rules
     * @return the targets too narrow
     */
    public BitSet narrowed(boolean[] unknown, long[] values, long[] lower, SortedMap<Integer, Map<String, Long>> targets,
            DisclosureRules rules) {
        check(unknown);
        if (values.length != sys.cells || lower.length != sys.cells) {
            throw new IllegalArgumentException("values and lower bounds for " + sys.cells + " cells");
        }
        BitSet out = new BitSet();
        if (targets.isEmpty()) {
            return out;
        }
        for (Component comp : Component.of(sys, unknown, values)) {
            if (comp.size() > IntervalAudit.MAX_LP_UNKNOWNS) {
                continue;
            }
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
                if (wanted[k] && tooNarrow(b, k, targets.get(comp.cells[k]), rules)) {
                    out.set(comp.cells[k]);
                }
            }
        }
        return out;
    }

    /** The component's exact (or floating-point) intervals with the given least values; null when not solvable. */
    private static ExactSimplex.Bounds bounds(Component comp, long[] lower, boolean[] wanted) {
        long[] local = new long[comp.size()];
        for (int k = 0; k < local.length; k++) {
            local[k] = lower[comp.cells[k]];
        }
        try {
            return IntervalAudit.bounds(comp, local, wanted);
        } catch (IllegalStateException infeasible) {
            return null; // the values contradict the relations or the bounds: nothing can be said
        }
    }

    private static boolean tooNarrow(ExactSimplex.Bounds b, int k, Map<String, Long> parts, DisclosureRules rules) {
        if (b == null) {
            return true;
        }
        boolean wide = b.highInt[k] == Long.MAX_VALUE || b.highInt[k] - b.lowInt[k] >= 1;
        return !wide || !rules.upperProtected(rules.assess(parts), b.highInt[k]);
    }

    private void check(boolean[] unknown) {
        if (unknown.length != sys.cells) {
            throw new IllegalArgumentException(unknown.length + " entries for " + sys.cells + " cells");
        }
    }
}
