package org.cgtbulletin.protect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One connected component of suppressed cells: the suppressed cells (unknowns to an attacker) that are linked,
 * directly or through other suppressed cells, by relations; with those relations restricted to the component's
 * cells and the published cells' values moved to the right-hand side. Components are independent: no relation
 * holds unknowns of two components.
 */
final class Component {

    /** Global cell ids, ascending. Local index i stands for cell {@code cells[i]}. */
    final int[] cells;
    /** Per restricted row: local column indices, ascending. */
    final int[][] rowCols;
    /** Per restricted row: coefficients, aligned with {@link #rowCols}. */
    final int[][] rowCoef;
    /** Per restricted row: right-hand side (minus the published cells' part of the relation). */
    final long[] rhs;
    /** Per restricted row: the system row it comes from. */
    final int[] sysRow;

    Component(int[] cells, int[][] rowCols, int[][] rowCoef, long[] rhs, int[] sysRow) {
        this.cells = cells;
        this.rowCols = rowCols;
        this.rowCoef = rowCoef;
        this.rhs = rhs;
        this.sysRow = sysRow;
    }

    int size() {
        return cells.length;
    }

    /** {@link Certificates#upperBounds}, computed once (the component's rows do not change). */
    private long[] upper;

    /** Upper bounds on the unknowns with every unknown at least 0 ({@link Certificates#upperBounds}); shared. */
    synchronized long[] upperBounds() {
        if (upper == null) {
            upper = Certificates.upperBounds(this);
        }
        return upper;
    }

    /** A key identifying the component by its cells (the restricted system depends on nothing else). */
    Key key() {
        return new Key(cells);
    }

    /** Value-based key over a cell set. */
    static final class Key {
        private final int[] cells;
        private final int hash;

        Key(int[] cells) {
            this.cells = cells;
            this.hash = Arrays.hashCode(cells);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.hash == hash && Arrays.equals(k.cells, cells);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    /**
     * A program over part of this component: the unknowns are the local indices {@code unknowns} (ascending), the
     * rows are the local rows {@code rows} of this component, and every other unknown of this component that those
     * rows hold is fixed at {@code fixed[local index]} (moved to the right-hand side). Rows of this component not
     * listed are dropped. With {@code fixed} the true values this is a <em>restriction</em> of the component's
     * program (every solution of it, extended by the fixed values, solves the component's); with every row that
     * holds an unknown and no fixed column it is a <em>relaxation</em>. {@code pos} is a work array over this
     * component's unknowns, all -1, and left so: the restricted audit makes tens of thousands of small programs over
     * a component of thousands of unknowns, and an array of the component's size for each was gigabytes to allocate
     * and clear.
     *
     * @return the program, whose local index i stands for this component's local index {@code unknowns[i]}
     */
    Component sub(int[] unknowns, int[] rows, long[] fixed, int[] pos) {
        try {
            return restricted(unknowns, rows, fixed, pos);
        } finally {
            for (int u : unknowns) {
                pos[u] = -1;
            }
        }
    }

    private Component restricted(int[] unknowns, int[] rows, long[] fixed, int[] pos) {
        int[] global = new int[unknowns.length];
        for (int i = 0; i < unknowns.length; i++) {
            if (i > 0 && unknowns[i] <= unknowns[i - 1]) {
                throw new IllegalArgumentException("unknowns must ascend");
            }
            pos[unknowns[i]] = i;
            global[i] = cells[unknowns[i]];
        }
        int m = rows.length;
        int[][] cols = new int[m][];
        int[][] coef = new int[m][];
        long[] b = new long[m];
        int[] from = new int[m];
        for (int i = 0; i < m; i++) {
            int r = rows[i];
            from[i] = sysRow[r];
            int[] rc = rowCols[r];
            int[] rv = rowCoef[r];
            int cnt = 0;
            for (int c : rc) {
                if (pos[c] >= 0) {
                    cnt++;
                }
            }
            int[] lc = new int[cnt];
            int[] lv = new int[cnt];
            long rhsI = rhs[r];
            int j = 0;
            for (int t = 0; t < rc.length; t++) {
                int c = rc[t];
                if (pos[c] >= 0) {
                    lc[j] = pos[c];
                    lv[j] = rv[t];
                    j++;
                } else {
                    rhsI = Math.subtractExact(rhsI, Math.multiplyExact((long) rv[t], fixed[c]));
                }
            }
            cols[i] = lc; // ascending: pos is monotone in the local index
            coef[i] = lv;
            b[i] = rhsI;
        }
        return new Component(global, cols, coef, b, from);
    }

    /** The components of the suppressed cells, ordered by their smallest cell id. */
    static List<Component> of(LinearSystem sys, boolean[] suppressed) {
        return of(sys, suppressed, sys.value);
    }

    /**
     * As {@link #of(LinearSystem, boolean[])}, with the cells' values taken from {@code value} instead of the
     * system's (such as each cell's change since a previous release, which obeys the same relations).
     */
    static List<Component> of(LinearSystem sys, boolean[] suppressed, long[] value) {
        int n = sys.cells;
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        for (int r = 0; r < sys.rows(); r++) {
            int first = -1;
            for (int c : sys.rowCells[r]) {
                if (suppressed[c]) {
                    if (first < 0) {
                        first = c;
                    } else {
                        union(parent, first, c);
                    }
                }
            }
        }
        int[] compOfRoot = new int[n];
        Arrays.fill(compOfRoot, -1);
        List<int[]> members = new ArrayList<>();
        int[] counts = new int[n];
        int[] compOf = new int[n];
        int comps = 0;
        for (int c = 0; c < n; c++) {
            if (!suppressed[c]) {
                continue;
            }
            int root = find(parent, c);
            if (compOfRoot[root] < 0) {
                compOfRoot[root] = comps++;
            }
            compOf[c] = compOfRoot[root];
            counts[compOf[c]]++;
        }
        for (int k = 0; k < comps; k++) {
            members.add(new int[counts[k]]);
        }
        int[] fill = new int[comps];
        int[] local = new int[n];
        for (int c = 0; c < n; c++) {
            if (suppressed[c]) {
                int k = compOf[c];
                local[c] = fill[k];
                members.get(k)[fill[k]++] = c;
            }
        }
        // Rows per component: each row with a suppressed cell belongs to exactly one component.
        List<List<Integer>> rowsOf = new ArrayList<>();
        for (int k = 0; k < comps; k++) {
            rowsOf.add(new ArrayList<>());
        }
        for (int r = 0; r < sys.rows(); r++) {
            for (int c : sys.rowCells[r]) {
                if (suppressed[c]) {
                    rowsOf.get(compOf[c]).add(r);
                    break;
                }
            }
        }
        List<Component> out = new ArrayList<>(comps);
        for (int k = 0; k < comps; k++) {
            List<Integer> rows = rowsOf.get(k);
            int m = rows.size();
            int[][] cols = new int[m][];
            int[][] coef = new int[m][];
            long[] rhs = new long[m];
            int[] sysRow = new int[m];
            for (int i = 0; i < m; i++) {
                int r = rows.get(i);
                sysRow[i] = r;
                int[] rc = sys.rowCells[r];
                int[] rv = sys.rowCoef[r];
                int cnt = 0;
                for (int c : rc) {
                    if (suppressed[c]) {
                        cnt++;
                    }
                }
                int[] lc = new int[cnt];
                int[] lv = new int[cnt];
                long b = 0;
                int j = 0;
                for (int t = 0; t < rc.length; t++) {
                    int c = rc[t];
                    if (suppressed[c]) {
                        lc[j] = local[c];
                        lv[j] = rv[t];
                        j++;
                    } else {
                        b = Math.subtractExact(b, Math.multiplyExact((long) rv[t], value[c]));
                    }
                }
                cols[i] = lc; // ascending, since cells (and so local indices within a component) ascend
                coef[i] = lv;
                rhs[i] = b;
            }
            out.add(new Component(members.get(k), cols, coef, rhs, sysRow));
        }
        return out;
    }

    private static int find(int[] parent, int x) {
        while (parent[x] != x) {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        return x;
    }

    private static void union(int[] parent, int a, int b) {
        int ra = find(parent, a);
        int rb = find(parent, b);
        if (ra != rb) {
            if (ra < rb) {
                parent[rb] = ra;
            } else {
                parent[ra] = rb;
            }
        }
    }
}
