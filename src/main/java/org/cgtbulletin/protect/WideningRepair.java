package org.cgtbulletin.protect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Which published cells to withhold so that withheld cells' ranges reach what they need: the fewest changes to the
 * published numbers (in sum) that let each cell reach its {@code need} while every relation holds and every unknown
 * stays at least 0 (or at a contributor's own amounts). A linear program over the cells' component: its unknowns,
 * each published non-zero cell of its relations as an unknown p_c = v_c + d+_c - d-_c with d+ and d- at least 0, a
 * shortfall w_i per cell with x_i + w_i &gt;= need_i, and the sum of the d's plus a large weight on the w's
 * minimised. The cells whose d is not 0 at the optimum are the answer: withheld, the point found is one a reader
 * cannot rule out, with every cell at its need (or more). Where one cell at a time does not do it (every chain of
 * relations that bounds a cell has to be broken at once: a year's totals with the quarters' cells, say), this finds
 * the set in one program, and for all the component's cells at once. A heuristic for the repair only: those cells
 * get complements of their own and the next audit decides.
 */
final class WideningRepair {

    private WideningRepair() {
    }

    /** Iterations of the simplex, for the start and for the optimum each, at most. */
    private static final long ITERATIONS = 400_000;
    /** The weight of a shortfall against the changes to the published numbers: large, so that it is 0 if it can be. */
    private static final int SHORTFALL_WEIGHT = 1_000_000;
    /** Changes below this are the float solution's noise. */
    private static final double CHANGED = 1e-6;

    /**
     * The published cells to withhold for the cells' ranges to reach their needs.
     *
     * @param sys       the linked system (with the hidden cells, for the audit through them)
     * @param withheld  per cell of the system: withheld (every hidden cell is)
     * @param component the component of the withheld cells that holds the cells
     * @param cells     withheld cells of that component
     * @param needs     per cell: the value its maximum must reach (more than its value)
     * @param token     the contributor whose own amounts bound the unknowns from below, or null (all at least 0)
     * @return per cell, the ids ascending: the same set for every cell it lets reach its need, empty for the
     *         others (no such set among the published cells next to the component, or the simplex gave up)
     */
    static int[][] cellsToWithhold(LinearSystem sys, boolean[] withheld, Component component, int[] cells,
            long[] needs, String token) {
        int[][] sets = new int[cells.length][0]; // none found, until the program says otherwise
        List<Integer> targets = new ArrayList<>();
        for (int i = 0; i < cells.length; i++) {
            if (withheld[cells[i]] && needs[i] > sys.value[cells[i]] && needs[i] != Long.MAX_VALUE) {
                targets.add(i);
            }
        }
        if (targets.isEmpty()) {
            return sets;
        }
        // the published non-zero cells of the component's relations (a zero is known whatever is withheld; a value
        // public already cannot be withheld), as unknowns too
        boolean[] free = withheld.clone();
        for (int r : component.sysRow) {
            for (int c : sys.rowCells[r]) {
                if (!withheld[c] && sys.value[c] > 0 && !sys.known[c]) {
                    free[c] = true;
                }
            }
        }
        Component comp = componentOf(sys, free, cells[0]);
        int n0 = comp.size();
        List<Integer> shown = new ArrayList<>();
        for (int j = 0; j < n0; j++) {
            if (!withheld[comp.cells[j]]) {
                shown.add(j);
            }
        }
        int nb = shown.size();
        int nt = targets.size();
        int t = n0 + 2 * nb; // the objective; then w_i and u_i per target
        int n = t + 1 + 2 * nt;
        int m0 = comp.rowCols.length;
        int m = m0 + nb + 1 + nt;
        int[][] cols = Arrays.copyOf(comp.rowCols, m);
        int[][] coef = Arrays.copyOf(comp.rowCoef, m);
        long[] rhs = Arrays.copyOf(comp.rhs, m);
        int[] objCols = new int[2 * nb + 1 + nt];
        int[] objCoef = new int[objCols.length];
        for (int b = 0; b < nb; b++) {
            int j = shown.get(b);
            // p_c - d+_c + d-_c = v_c
            cols[m0 + b] = new int[] {j, n0 + 2 * b, n0 + 2 * b + 1};
            coef[m0 + b] = new int[] {1, -1, 1};
            rhs[m0 + b] = sys.value[comp.cells[j]];
            objCols[2 * b] = n0 + 2 * b;
            objCols[2 * b + 1] = n0 + 2 * b + 1;
            objCoef[2 * b] = -1;
            objCoef[2 * b + 1] = -1;
        }
        // t - sum d - weight * sum w = 0, and per target x_i + w_i - u_i = need_i
        objCols[2 * nb] = t;
        objCoef[2 * nb] = 1;
        long[] point = new long[n];
        for (int k = 0; k < nt; k++) {
            int i = targets.get(k);
            int w = t + 1 + 2 * k;
            objCols[2 * nb + 1 + k] = w;
            objCoef[2 * nb + 1 + k] = -SHORTFALL_WEIGHT;
            cols[m0 + nb + 1 + k] = new int[] {Arrays.binarySearch(comp.cells, cells[i]), w, w + 1};
            coef[m0 + nb + 1 + k] = new int[] {1, 1, -1};
            rhs[m0 + nb + 1 + k] = needs[i];
            // a point of the program: the true values, no change, the whole shortfall
            point[w] = needs[i] - sys.value[cells[i]];
            point[t] = Math.addExact(point[t], Math.multiplyExact(point[w], (long) SHORTFALL_WEIGHT));
        }
        cols[m0 + nb] = objCols;
        coef[m0 + nb] = objCoef;
        int[] ids = Arrays.copyOf(comp.cells, n);
        for (int j = n0; j < n; j++) {
            ids[j] = sys.cells + (j - n0); // not cells of the system: only the rows are solved
        }
        Component program = new Component(ids, cols, coef, rhs, Arrays.copyOf(comp.sysRow, m));
        long[] lower = new long[n];
        for (int j = 0; j < n0; j++) {
            point[j] = sys.value[comp.cells[j]];
            lower[j] = token == null ? 0 : sys.own(token, comp.cells[j]);
        }
        SparseSimplex simplex = new SparseSimplex(program);
        if (simplex.start(lower, point, ITERATIONS) != SparseSimplex.Status.OPTIMAL) {
            return sets;
        }
        // most of the simplex's steps here have length 0 (many cells at 0, many rows left to its artificials): the
        // perturbed optimisation takes far fewer; should its basis not suit the true values, a plain one from a
        // fresh start
        if (simplex.optimisePerturbed(t, -1, ITERATIONS) != SparseSimplex.Status.OPTIMAL) {
            simplex = new SparseSimplex(program);
            if (simplex.start(lower, point, ITERATIONS) != SparseSimplex.Status.OPTIMAL
                    || simplex.optimise(t, -1, ITERATIONS) != SparseSimplex.Status.OPTIMAL) {
                return sets;
            }
        }
        double[] x = simplex.primal();
        List<Integer> changed = new ArrayList<>();
        for (int b = 0; b < nb; b++) {
            if (x[n0 + 2 * b] + x[n0 + 2 * b + 1] > CHANGED) {
                changed.add(comp.cells[shown.get(b)]);
            }
        }
        int[] set = changed.stream().mapToInt(Integer::intValue).sorted().toArray();
        for (int k = 0; k < nt; k++) {
            // a cell still short of its need keeps none: the cells next to the component cannot widen it that far
            if (x[t + 1 + 2 * k] <= CHANGED) {
                sets[targets.get(k)] = set;
            }
        }
        return sets;
    }

    /** The component of the unknowns that holds the cell. */
    private static Component componentOf(LinearSystem sys, boolean[] unknown, int cell) {
        for (Component c : Component.of(sys, unknown)) {
            if (Arrays.binarySearch(c.cells, cell) >= 0) {
                return c;
            }
        }
        throw new IllegalArgumentException("cell " + cell + " is not an unknown");
    }
}
