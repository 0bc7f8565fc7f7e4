package org.cgtbulletin.protect;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * A floating-point primal simplex over a whole {@link Component}, sparse enough for thousands of unknowns: the
 * attacker's program {@code sum_j a_ij x_j = rhs_i}, {@code x_j >= lower_j}, optimised for one cell after another
 * from the last optimal basis. It decides nothing by itself: its solutions are only candidates, turned into exact
 * proofs (or discarded) by {@link Certificates}.
 *
 * <p>No phase 1: a feasible basis comes from crossover from the true values (see {@link #start}). The basis is
 * factorised as a product of elimination steps (row and column singletons first, which for tables with margins is
 * most of it, then the rest by sparse Gaussian elimination with Markowitz-style threshold pivoting), and updated
 * between refactorisations by eta columns (product form of the inverse). Pricing is Dantzig's rule, with Bland's
 * rule after a run of degenerate pivots (no cycling). Work is counted in iterations, not time, and floating point
 * in Java is deterministic: the same program stops at the same point, with the same numbers, on any machine.
 */
final class SparseSimplex {

    static final double PIVOT_TOL = 1e-9;
    static final double COST_TOL = 1e-9;
    /**
     * Entries of an update (eta) column smaller than this are dropped: B^-1 a_j of these tables has about one
     * entry in eight non-zero, but rounding in the solve leaves many more at 1e-16 or so, which every later solve
     * would go through (more than half of the entries, on the sample). Dropping them only perturbs the floating
     * point candidates; what is proven is checked exactly ({@link Certificates}).
     */
    static final double DROP_TOL = 1e-12;
    private static final int REFACTOR_EVERY = 120;
    private static final int DEGENERATE_RUN = 60;

    enum Status {
        OPTIMAL, UNBOUNDED, GAVE_UP,
        /** Stopped before the optimum, at a vertex where the optimised unknown reached the value asked for. */
        REACHED
    }

    private final Component comp;
    private final int m;
    private final int n;
    /** Structural columns: rows and coefficients. */
    private final int[][] colRow;
    private final double[][] colVal;
    private final double[] rhs;
    private double[] b;
    private long[] lower;

    /** basis[pos] = variable (structural j < n, artificial n + i). */
    private final int[] basis;
    private final int[] posOf;
    private final double[] xB;
    private long iterationsLeft;

    // Factorisation: elimination steps in pivot order.
    private int[] pivRow;
    private int[] pivPos;
    private double[] pivVal;
    /** Per step: U entries of the pivot row at later-pivoted positions. */
    private int[][] uPos;
    private double[][] uVal;
    /**
     * The same U entries by position (column): per position, the pivot rows of the steps whose U entries are there,
     * and the entries; the back substitution then touches only the columns of non-zero values.
     */
    private int[][] uColRow;
    private double[][] uColVal;
    /** Per row: the step that pivots on it. */
    private int[] stepOfRow;
    /**
     * Work arrays of each iteration ({@link #iterate}): the costs (all zero between calls of {@link #optimise}), the
     * basic variables' costs and the duals. New ones each iteration were most of what the audit allocated at a
     * million reports (the whole programs have 13,000 rows).
     */
    private final double[] costBuffer;
    private final double[] basicCosts;
    private final double[] duals;
    /** A bitmap over the steps, all zero between calls: the steps {@link #luSolveSparse} has still to apply. */
    private final long[] stepBits;
    /** {@link #ftran}'s right-hand side, by row: all zero between calls. */
    private final double[] byRow;
    /** {@link #ftran}'s result, by position: the last column's values until the next call clears them. */
    private final double[] byPosition;
    private Column lastColumn;
    /** A bitmap over the positions, all zero between calls: {@link #withEtas} lists a column's positions by it. */
    private final long[] positionBits;
    /** Per step: L multipliers (row i -= mult * row pivRow). */
    private int[][] lRow;
    private double[][] lVal;
    private int steps;
    // Eta file (product form updates since the last factorisation).
    private final int[] etaPos;
    private final double[] etaPivot;
    private final double[][] etaCol;
    private final int[][] etaIdx;
    private int etas;

    SparseSimplex(Component comp) {
        this.comp = comp;
        m = comp.rowCols.length;
        n = comp.size();
        int[] count = new int[n];
        for (int[] cols : comp.rowCols) {
            for (int c : cols) {
                count[c]++;
            }
        }
        colRow = new int[n][];
        colVal = new double[n][];
        for (int j = 0; j < n; j++) {
            colRow[j] = new int[count[j]];
            colVal[j] = new double[count[j]];
        }
        Arrays.fill(count, 0);
        rhs = new double[m];
        for (int i = 0; i < m; i++) {
            rhs[i] = comp.rhs[i];
            for (int t = 0; t < comp.rowCols[i].length; t++) {
                int c = comp.rowCols[i][t];
                colRow[c][count[c]] = i;
                colVal[c][count[c]++] = comp.rowCoef[i][t];
            }
        }
        basis = new int[m];
        posOf = new int[n + m];
        xB = new double[m];
        stepBits = new long[(m + 63) >>> 6];
        costBuffer = new double[n + m];
        basicCosts = new double[m];
        duals = new double[m];
        byRow = new double[m];
        byPosition = new double[m];
        positionBits = new long[(m + 63) >>> 6];
        etaPos = new int[REFACTOR_EVERY];
        etaPivot = new double[REFACTOR_EVERY];
        etaCol = new double[REFACTOR_EVERY][];
        etaIdx = new int[REFACTOR_EVERY][];
    }

    int rows() {
        return m;
    }

    /**
     * Iterations the last {@link #start} or {@link #optimise} call spent, or refinement steps the last
     * {@link #exactVertex} call took (each about the work of one iteration: a solve with the factorised basis).
     */
    long spent() {
        return spent;
    }

    private long spent;
    private long budgetAtCall;

    /**
     * Sets the lower bounds and finds a feasible basis by <em>crossover</em> from a known point of the program
     * (the true values): starting from the last basis (at first, a triangular crash basis, see {@link #crash}),
     * with the basic unknowns at the point's values, each non-basic unknown above its bound is pushed down until
     * it reaches the bound or a basic variable blocks it, in which case it enters the basis. No phase 1 is needed,
     * and the artificials, fixed at 0, leave the basis on the way. A later start with other lower bounds begins
     * where the last optimisation ended, which is most of the work.
     *
     * @param point a point satisfying every row, at or above the lower bounds
     * @return OPTIMAL when a feasible basis was found, or GAVE_UP (iterations or numerics)
     */
    Status start(long[] lowerBounds, long[] point, long iterations) {
        this.lower = lowerBounds.clone();
        this.iterationsLeft = iterations;
        this.budgetAtCall = iterations;
        try {
            return crossover(point);
        } finally {
            spent = budgetAtCall - Math.max(0, iterationsLeft);
        }
    }

    private Status crossover(long[] point) {
        b = new double[m];
        for (int i = 0; i < m; i++) {
            b[i] = rhs[i];
        }
        for (int j = 0; j < n; j++) {
            if (point[j] < lower[j]) {
                throw new IllegalArgumentException("the point is below a lower bound at " + j);
            }
            for (int t = 0; t < colRow[j].length; t++) {
                b[colRow[j][t]] -= colVal[j][t] * lower[j];
            }
        }
        if (nonbasic == null && !suggested) {
            // First start: a crash basis, unless one was suggested. Later starts keep the last basis.
            crash(point);
            suggested = true; // dropped for the all-artificial basis if singular
        }
        nonbasic = new double[n];
        for (int j = 0; j < n; j++) {
            if (posOf[j] < 0) {
                nonbasic[j] = point[j] - lower[j];
            }
        }
        if (!refactor()) {
            if (!suggested) {
                return Status.GAVE_UP;
            }
            // A suggested or crash basis that turns out singular is dropped for the all-artificial one.
            suggested = false;
            allArtificial();
            nonbasic = new double[n];
            for (int j = 0; j < n; j++) {
                nonbasic[j] = point[j] - lower[j];
            }
            if (!refactor()) {
                return Status.GAVE_UP;
            }
        }
        suggested = false;
        double[] pushed = nonbasic;
        for (int j = 0; j < n; j++) {
            double value = pushed[j];
            if (value <= 0) {
                continue;
            }
            if (iterationsLeft-- <= 0) {
                return Status.GAVE_UP;
            }
            if (!push(j, value)) {
                return Status.GAVE_UP;
            }
        }
        return refactor() ? Status.OPTIMAL : Status.GAVE_UP;
    }

    /**
     * One crossover step: lowers nonbasic x_j from {@code value} above its bound towards it, the basics moving
     * with it, until it reaches the bound or a basic leaves in its place (then x_j enters). False when the basis
     * would become singular.
     */
    private boolean push(int j, double value) {
        Column column = ftran(j);
        double[] alpha = column.value();
        int count = column.count();
        // Lowering x_j by t raises the basics by t * alpha; artificials are fixed at 0.
        int leave = -1;
        double step = value;
        double leaveAbs = 0;
        for (int e = 0; e < count; e++) {
            int p = column.position(e);
            double a = alpha[p];
            double t;
            if (basis[p] >= n && Math.abs(a) > PIVOT_TOL) {
                t = 0;
            } else if (basis[p] < n && a < -PIVOT_TOL) {
                t = Math.max(xB[p], 0) / -a;
            } else {
                continue;
            }
            if (t < step - 1e-12 || (leave >= 0 && t <= step + 1e-12 && Math.abs(a) > leaveAbs)) {
                if (t < step) {
                    step = t;
                }
                leave = p;
                leaveAbs = Math.abs(a);
            }
        }
        for (int e = 0; e < count; e++) {
            int p = column.position(e);
            xB[p] += step * alpha[p];
        }
        nonbasic[j] = 0;
        if (leave >= 0) {
            xB[leave] = value - step;
            return pivot(j, leave, column);
        }
        return true;
    }

    private boolean suggested;

    /**
     * A triangular crash basis for the first crossover: the unknowns furthest above their bounds at the point,
     * greedily, each with a pivot row (the shortest of its rows with a coefficient of +-1) and none of its rows
     * a pivot row of an unknown taken before it, so that the taken columns are triangular on their pivot rows;
     * the other rows keep their artificials. Unknowns high above their bounds rarely leave during the crossover,
     * and every artificial replaced is one pivot less.
     */
    private void crash(long[] point) {
        allArtificial();
        int[] rowLength = new int[m];
        for (int j = 0; j < n; j++) {
            for (int r : colRow[j]) {
                rowLength[r]++;
            }
        }
        long[] key = new long[n];
        int count = 0;
        for (int j = 0; j < n; j++) {
            long above = point[j] - lower[j];
            if (above > 0) {
                // Descending by the amount above the bound (capped to fit), then ascending by index.
                key[count++] = (Math.min(above, (1L << 31) - 1) << 32) | (0xFFFFFFFFL & ~j);
            }
        }
        long[] order = Arrays.copyOf(key, count);
        Arrays.sort(order);
        boolean[] pivotRow = new boolean[m];
        for (int t = order.length - 1; t >= 0; t--) {
            int j = ~(int) order[t];
            int best = -1;
            boolean eligible = true;
            for (int e = 0; e < colRow[j].length && eligible; e++) {
                int r = colRow[j][e];
                if (pivotRow[r]) {
                    eligible = false;
                } else if (Math.abs(colVal[j][e]) == 1 && (best < 0 || rowLength[r] < rowLength[best])) {
                    best = r;
                }
            }
            if (!eligible || best < 0) {
                continue;
            }
            pivotRow[best] = true;
            int p = posOf[n + best];
            posOf[n + best] = -1;
            basis[p] = j;
            posOf[j] = p;
        }
    }

    private void allArtificial() {
        Arrays.fill(posOf, -1);
        for (int i = 0; i < m; i++) {
            basis[i] = n + i;
            posOf[n + i] = i;
        }
    }

    /**
     * Suggests the basis the first {@link #start} crosses over from: these unknowns basic, with the artificials of
     * the given rows (for instance the last basis of a smaller program over a subset of these rows and unknowns,
     * completed by the artificials of the rows it did not have, which keeps it non-singular). Ignored unless the
     * counts add up to the number of rows; a singular suggestion falls back to the all-artificial basis.
     *
     * @param unknowns       local unknowns to make basic, distinct
     * @param artificialRows local rows whose artificial is basic, distinct
     * @return whether the suggestion was taken (a singular one may still be dropped by the start)
     */
    boolean suggest(int[] unknowns, int[] artificialRows) {
        if (nonbasic != null || unknowns.length + artificialRows.length != m) {
            return false;
        }
        Arrays.fill(posOf, -1);
        int p = 0;
        for (int j : unknowns) {
            if (posOf[j] >= 0) {
                allArtificial();
                return false;
            }
            basis[p] = j;
            posOf[j] = p++;
        }
        for (int i : artificialRows) {
            if (posOf[n + i] >= 0) {
                allArtificial();
                return false;
            }
            basis[p] = n + i;
            posOf[n + i] = p++;
        }
        suggested = true;
        return true;
    }

    /** Factorises the current basis afresh and recomputes the basic values; false if it cannot (then no basis). */
    boolean refresh() {
        return nonbasic != null && refactor();
    }

    /** Whether a feasible basis is at hand (a start succeeded and no factorisation failed since). */
    boolean started() {
        return nonbasic != null;
    }

    /** The basic unknowns (local), ascending. */
    int[] basicUnknowns() {
        return Arrays.stream(basis).filter(v -> v < n).sorted().toArray();
    }

    /** The rows (local) whose artificial is basic, ascending. */
    int[] basicArtificialRows() {
        return Arrays.stream(basis).filter(v -> v >= n).map(v -> v - n).sorted().toArray();
    }

    /** Values of the non-basic unknowns above their bounds (only during crossover; else all 0). */
    private double[] nonbasic;

    /** Makes {@code enter} basic at position {@code leave} (its value already in xB). */
    private boolean pivot(int enter, int leave, Column alpha) {
        posOf[basis[leave]] = -1;
        basis[leave] = enter;
        posOf[enter] = leave;
        if (etas == REFACTOR_EVERY) {
            return refactor();
        }
        addEta(leave, alpha);
        return true;
    }

    /**
     * Optimises {@code sense * x_k} (sense +1 maximises, -1 minimises) from the current feasible basis; GAVE_UP
     * at once when there is none (no start yet, or a basis found singular).
     */
    Status optimise(int k, int sense, long iterations) {
        return optimise(k, sense, iterations, Double.NaN);
    }

    /**
     * As {@link #optimise(int, int, long)}, but stops early, with {@link Status#REACHED}, at the first vertex
     * where {@code sense * x_k >= sense * stopAt} (NaN: never): a point that reaches a target needs no optimum.
     */
    Status optimise(int k, int sense, long iterations, double stopAt) {
        if (nonbasic == null) {
            return Status.GAVE_UP;
        }
        iterationsLeft = iterations;
        budgetAtCall = iterations;
        double[] cost = costBuffer; // all zero between calls
        cost[k] = -sense; // the engine minimises
        try {
            return iterate(cost, k, sense, stopAt);
        } finally {
            cost[k] = 0;
            spent = budgetAtCall - Math.max(0, iterationsLeft);
        }
    }

    /**
     * As {@link #optimise(int, int, long)}, with the basic values perturbed against degeneracy: each basic unknown is
     * lifted by a tiny amount of its own ({@link #PERTURBATION}, again after each refactorisation, which recomputes
     * the true values), so that a basic unknown at its bound rarely blocks a step of length 0. Without it the
     * widening program of a million reports took 1,134 iterations, 1,102 of them of length 0; with it 713. The
     * basis optimal for the lifted values is then refactorised on the true ones: optimal there too when every basic
     * unknown is still at or above its bound (the reduced costs do not depend on the values), and the optimisation
     * goes on from it (usually a step or none) to the true optimum. GAVE_UP also when it is not feasible: a fresh
     * start then optimises without the perturbation.
     */
    Status optimisePerturbed(int k, int sense, long iterations) {
        perturbing = true;
        Status lifted;
        try {
            lifted = optimise(k, sense, iterations);
        } finally {
            perturbing = false;
        }
        long used = spent;
        if (lifted != Status.OPTIMAL || !refactor()) {
            return Status.GAVE_UP;
        }
        for (int p = 0; p < m; p++) {
            if (basis[p] < n ? xB[p] < -FEASIBILITY_TOL : Math.abs(xB[p]) > FEASIBILITY_TOL) {
                return Status.GAVE_UP;
            }
        }
        Status done = optimise(k, sense, iterations - used);
        spent += used;
        return done;
    }

    /**
     * How far each basic unknown is lifted by {@link #optimisePerturbed}, at least (at most twice as far, by the
     * unknown's index): far below what the values' integers and the tolerances tell apart, so that the basis found
     * is one of the true program's.
     */
    static final double PERTURBATION = 1e-8;
    /** How far below its bound (or off 0, for an artificial) a basic value may be and still count as feasible. */
    private static final double FEASIBILITY_TOL = 1e-9;
    /** Whether {@link #iterate} lifts the basic values (during {@link #optimisePerturbed}). */
    private boolean perturbing;
    /** Factorisations so far: after one, the basic values are the true ones again. */
    private long factorisations;

    /** Lifts each basic unknown by its own tiny amount ({@link #PERTURBATION}). */
    private void perturb() {
        for (int p = 0; p < m; p++) {
            if (basis[p] < n) {
                xB[p] += PERTURBATION * (1 + ((basis[p] * 2654435761L) & 1023) / 1024.0);
            }
        }
    }

    /** The current basic solution, in the original unknowns (lower bounds added back). */
    double[] primal() {
        double[] x = new double[n];
        for (int j = 0; j < n; j++) {
            x[j] = lower[j];
        }
        for (int p = 0; p < m; p++) {
            if (basis[p] < n) {
                x[basis[p]] += xB[p];
            }
        }
        return x;
    }

    /**
     * Duals of the rows for the last optimisation of x_k (either sense): y with {@code x_k = y . rhs + g . x},
     * where at an optimum {@code g = e_k - A^T y} has the sign that bounds x_k (see {@link Certificates}).
     */
    double[] dual(int k) {
        double[] cB = new double[m];
        for (int p = 0; p < m; p++) {
            if (basis[p] == k) {
                cB[p] = 1;
            }
        }
        return btran(cB, new double[m]);
    }

    /**
     * After {@link Status#UNBOUNDED}: the direction, in the original unknowns, along which the objective grows
     * without bound while every row still holds; null otherwise.
     */
    double[] ray() {
        return ray;
    }

    private double[] ray;

    private Status iterate(double[] cost, int k, int sense, double stopAt) {
        ray = null;
        int degenerate = 0;
        double[] y;
        long liftedAfter = -1; // the factorisation whose values were last lifted (perturbing)
        while (true) {
            if (perturbing && liftedAfter != factorisations) {
                perturb();
                liftedAfter = factorisations;
            }
            if (sense * (lower[k] + (posOf[k] >= 0 ? xB[posOf[k]] : 0) - stopAt) >= 0) { // false for NaN
                return Status.REACHED;
            }
            if (iterationsLeft-- <= 0) {
                return Status.GAVE_UP;
            }
            double[] cB = basicCosts;
            for (int p = 0; p < m; p++) {
                cB[p] = cost[basis[p]];
            }
            y = btran(cB, duals);
            boolean bland = degenerate >= DEGENERATE_RUN;
            int enter = -1;
            double best = -COST_TOL;
            for (int j = 0; j < n; j++) {
                if (posOf[j] >= 0) {
                    continue;
                }
                double d = cost[j] - column(j, y);
                if (d < best) {
                    enter = j;
                    if (bland) {
                        break;
                    }
                    best = d;
                }
            }
            if (enter < 0) {
                return Status.OPTIMAL;
            }
            Column column = ftran(enter);
            double[] alpha = column.value();
            int count = column.count();
            // Ratio test: basic unknowns have [0, inf), basic artificials [0, 0].
            int leave = -1;
            double step = Double.POSITIVE_INFINITY;
            double leaveAbs = 0;
            for (int e = 0; e < count; e++) {
                int p = column.position(e);
                double a = alpha[p];
                double t;
                if (a > PIVOT_TOL) {
                    t = Math.max(xB[p], 0) / a;
                } else if (a < -PIVOT_TOL && basis[p] >= n) {
                    t = 0;
                } else {
                    continue;
                }
                if (t < step - 1e-12 || (t <= step + 1e-12 && Math.abs(a) > leaveAbs)) {
                    if (t < step) {
                        step = t;
                    }
                    leave = p;
                    leaveAbs = Math.abs(a);
                }
            }
            if (leave < 0) {
                ray = new double[n];
                if (enter < n) {
                    ray[enter] = 1;
                }
                for (int p = 0; p < m; p++) {
                    if (basis[p] < n) {
                        ray[basis[p]] -= alpha[p];
                    }
                }
                return Status.UNBOUNDED;
            }
            degenerate = step <= 1e-12 ? degenerate + 1 : 0;
            for (int e = 0; e < count; e++) {
                int p = column.position(e);
                xB[p] -= step * alpha[p];
            }
            xB[leave] = step;
            if (!pivot(enter, leave, column)) {
                return Status.GAVE_UP;
            }
        }
    }

    /** y . a_j for an unknown j (artificials never enter). */
    private double column(int j, double[] y) {
        double s = 0;
        int[] r = colRow[j];
        double[] v = colVal[j];
        for (int t = 0; t < r.length; t++) {
            s += v[t] * y[r[t]];
        }
        return s;
    }

    /** Column j of the constraint matrix (an unknown's), dense by row. */
    private double[] dense(int j) {
        double[] a = new double[m];
        for (int t = 0; t < colRow[j].length; t++) {
            a[colRow[j][t]] = colVal[j][t];
        }
        return a;
    }

    private void addEta(int pos, Column column) {
        double[] alpha = column.value();
        int count = column.count();
        int nz = 0;
        for (int e = 0; e < count; e++) {
            int p = column.position(e);
            if (Math.abs(alpha[p]) >= DROP_TOL || p == pos) {
                nz++;
            }
        }
        int[] idx = new int[nz];
        double[] val = new double[nz];
        int w = 0;
        for (int e = 0; e < count; e++) {
            int p = column.position(e);
            if (Math.abs(alpha[p]) >= DROP_TOL || p == pos) {
                idx[w] = p;
                val[w++] = alpha[p];
            }
        }
        etaPos[etas] = pos;
        etaPivot[etas] = alpha[pos];
        etaIdx[etas] = idx;
        etaCol[etas++] = val;
    }

    /**
     * A column B^-1 a_j by basis position, and where it may be non-zero: {@code positions}, ascending, the first
     * {@code count} of them, or null for every position ({@code count} is then m). The loops over a column visit
     * its positions in ascending order either way, so a sparse column gives the same results as a dense one.
     */
    record Column(double[] value, int[] positions, int count) {
        /** The e-th position the column may be non-zero at (e below {@link #count}). */
        int position(int e) {
            return positions == null ? e : positions[e];
        }
    }

    /**
     * B^-1 a_j, by basis position. The column's values are held in a buffer the next call reuses (a column is used
     * only until the next one is solved: the eta file keeps a copy): the crossover of a large program solves
     * thousands of columns, and two new arrays the size of the rows each time were gigabytes to allocate and clear.
     */
    Column ftran(int j) {
        if (lastColumn != null) {
            clear(lastColumn);
        }
        int[] rows = colRow[j];
        double[] vals = colVal[j];
        for (int t = 0; t < rows.length; t++) {
            byRow[rows[t]] = vals[t];
        }
        lastColumn = withEtas(luSolveSparse(byRow, rows, byPosition));
        return lastColumn;
    }

    /** Zeroes the buffer of a column {@link #ftran} returned. */
    private void clear(Column column) {
        if (column.positions() == null) {
            Arrays.fill(column.value(), 0);
        } else {
            for (int t = 0; t < column.count(); t++) {
                column.value()[column.positions()[t]] = 0;
            }
        }
    }

    /** {@link #ftran} by visiting every step, as {@link #solve} does (for tests: the two must agree to the bit). */
    double[] ftranScanning(int j) {
        return solve(dense(j));
    }

    /** B^-1 r for integer right-hand sides r (by row), in floating point, by basis position. */
    private double[] solve(long[] r) {
        double[] a = new double[m];
        for (int i = 0; i < m; i++) {
            a[i] = r[i];
        }
        return solve(a);
    }

    /** B^-1 a (a by row, overwritten), by basis position. */
    private double[] solve(double[] a) {
        return withEtas(new Column(luSolve(a), null, m)).value();
    }

    /**
     * Applies the eta file to x = (L U)^-1 a, giving B^-1 a (x overwritten); a sparse column's positions gain those
     * the etas reach.
     */
    private Column withEtas(Column column) {
        double[] x = column.value();
        int[] at = column.positions();
        boolean listing = at != null;
        long[] bits = positionBits;
        for (int t = 0; listing && t < column.count(); t++) {
            bits[at[t] >>> 6] |= 1L << at[t];
        }
        for (int e = 0; e < etas; e++) {
            int p = etaPos[e];
            int[] idx = etaIdx[e];
            double[] val = etaCol[e];
            double xp = x[p] / etaPivot[e];
            if (xp != 0) {
                for (int t = 0; t < idx.length; t++) {
                    int q = idx[t];
                    x[q] -= val[t] * xp;
                    if (listing) {
                        bits[q >>> 6] |= 1L << q;
                    }
                }
            }
            x[p] = xp;
            if (listing) {
                bits[p >>> 6] |= 1L << p; // written (perhaps a signed zero): listed, so that it is cleared
            }
        }
        if (!listing) {
            return column;
        }
        // the positions, ascending, read back from the bitmap (which is cleared on the way)
        int count = 0;
        for (long word : bits) {
            count += Long.bitCount(word);
        }
        int[] listed = new int[count];
        int w = 0;
        for (int k = 0; k < bits.length && w < count; k++) {
            long word = bits[k];
            bits[k] = 0;
            while (word != 0) {
                listed[w++] = (k << 6) + Long.numberOfTrailingZeros(word);
                word &= word - 1;
            }
        }
        return new Column(x, listed, count);
    }

    // -----------------------------------------------------------------------------------------------------------
    // The exact vertex

    /** Bits each refinement step adds to the common denominator. */
    private static final int REFINE_BITS = 26;
    /** Refinement steps at most (a denominator of up to 26 x 240 bits). */
    private static final int REFINE_STEPS = 240;

    /**
     * The current vertex (every non-basic unknown at its lower bound, the basic ones solving the rows) in exact
     * rationals, when the float one cannot be rounded to small denominators (a large basis can have a determinant
     * of hundreds of digits). Iterative refinement in integers: with B y = r (r the rows' right-hand sides less
     * the lower bounds' share, exact), each step solves B z = res in floating point, takes the integers
     * {@code d = round(2^26 z)}, and keeps {@code B num = den r - res} exact ({@code num = 2^26 num + d},
     * {@code den = 2^26 den}, {@code res = 2^26 res - B d}); every few steps each value is reconstructed as the
     * simplest fraction within the remaining error (continued fractions, over a common denominator). Nothing
     * here is trusted: the caller verifies the point exactly ({@link Certificates#point(Component, long[],
     * BigInteger[])}). Deterministic; null when the basis is too ill-conditioned or the denominator too large.
     *
     * @return the numerators of every unknown over one denominator, the denominator last; or null
     */
    BigInteger[] exactVertex() {
        spent = 0;
        if (nonbasic == null) {
            return null;
        }
        long[] res = new long[m];
        try {
            for (int i = 0; i < m; i++) {
                res[i] = comp.rhs[i];
            }
            for (int j = 0; j < n; j++) {
                if (lower[j] != 0) {
                    for (int t = 0; t < colRow[j].length; t++) {
                        int r = colRow[j][t];
                        res[r] = Math.subtractExact(res[r], Math.multiplyExact((long) colVal[j][t], lower[j]));
                    }
                }
            }
            long[] rows = res.clone();
            BigInteger[] num = new BigInteger[m];
            Arrays.fill(num, BigInteger.ZERO);
            BigInteger den = BigInteger.ONE;
            long scale = 1L << REFINE_BITS;
            for (int step = 1; step <= REFINE_STEPS; step++) {
                spent = step;
                long[] d = rounded(solve(res), scale);
                if (d == null) {
                    return null;
                }
                long[] next = remainder(res, scale, d);
                long worst = 0;
                boolean zero = true;
                for (int i = 0; i < m; i++) {
                    worst = Math.max(worst, Math.abs(next[i]));
                    zero &= next[i] == 0;
                }
                if (worst > 1L << 40) {
                    return null; // the float solves are too inaccurate for the refinement to converge
                }
                for (int p = 0; p < m; p++) {
                    num[p] = num[p].shiftLeft(REFINE_BITS).add(BigInteger.valueOf(d[p]));
                }
                den = den.shiftLeft(REFINE_BITS);
                res = next;
                BigInteger[] y = zero ? reduceExact(num, den) : (step % 4 == 0 ? reconstruct(num, den, res) : null);
                if (y != null && solves(y, rows)) {
                    return vertex(y);
                }
            }
            return null;
        } catch (ArithmeticException overflow) {
            return null;
        }
    }

    /** The basic values z times scale, rounded; null when one is too large for a long. */
    private long[] rounded(double[] z, long scale) {
        long[] d = new long[m];
        for (int p = 0; p < m; p++) {
            double v = z[p] * scale;
            if (!(Math.abs(v) < 0x1p62)) {
                return null;
            }
            d[p] = Math.round(v);
        }
        return d;
    }

    /** res times scale, minus the basis times d (exact; ArithmeticException on overflow). */
    private long[] remainder(long[] res, long scale, long[] d) {
        long[] next = new long[m];
        for (int i = 0; i < m; i++) {
            next[i] = Math.multiplyExact(res[i], scale);
        }
        for (int p = 0; p < m; p++) {
            if (d[p] == 0) {
                continue;
            }
            int j = basis[p];
            if (j >= n) {
                next[j - n] = Math.subtractExact(next[j - n], d[p]);
            } else {
                for (int t = 0; t < colRow[j].length; t++) {
                    int r = colRow[j][t];
                    next[r] = Math.subtractExact(next[r], Math.multiplyExact((long) colVal[j][t], d[p]));
                }
            }
        }
        return next;
    }

    /** Whether basic values y (over y's last element) solve B y = r exactly. */
    private boolean solves(BigInteger[] y, long[] r) {
        BigInteger[] sum = new BigInteger[m];
        Arrays.fill(sum, BigInteger.ZERO);
        for (int p = 0; p < m; p++) {
            if (y[p].signum() == 0) {
                continue;
            }
            int j = basis[p];
            if (j >= n) {
                sum[j - n] = sum[j - n].add(y[p]);
            } else {
                for (int t = 0; t < colRow[j].length; t++) {
                    sum[colRow[j][t]] = sum[colRow[j][t]].add(y[p].multiply(BigInteger.valueOf((long) colVal[j][t])));
                }
            }
        }
        for (int i = 0; i < m; i++) {
            if (!sum[i].equals(y[m].multiply(BigInteger.valueOf(r[i])))) {
                return false;
            }
        }
        return true;
    }

    /** num / den (already exact) as the vertex's basic values over den, den last. */
    private static BigInteger[] reduceExact(BigInteger[] num, BigInteger den) {
        BigInteger[] y = Arrays.copyOf(num, num.length + 1);
        y[num.length] = den;
        return y;
    }

    /**
     * The basic values as fractions over a common denominator, each the simplest within the error the residual
     * leaves ({@code |B^-1 res| / den}, estimated by one more float solve, with a margin); null when some value
     * has no such fraction yet (more steps needed).
     */
    private BigInteger[] reconstruct(BigInteger[] num, BigInteger den, long[] res) {
        double[] e = solve(res);
        double err = 1;
        for (double v : e) {
            err = Math.max(err, 4 * Math.abs(v) + 1);
        }
        BigInteger tol = BigInteger.valueOf((long) Math.ceil(err));
        BigInteger common = BigInteger.ONE;
        BigInteger[] p = new BigInteger[m];
        for (int i = 0; i < m; i++) {
            // With the common denominator so far: p/common within tol/den of num/den?
            BigInteger[] qr = num[i].multiply(common).add(den.shiftRight(1)).divideAndRemainder(den);
            BigInteger candidate = qr[0];
            if (num[i].multiply(common).subtract(candidate.multiply(den)).abs()
                    .compareTo(tol.multiply(common)) <= 0) {
                p[i] = candidate;
                continue;
            }
            BigInteger[] f = simplest(num[i], den, tol);
            if (f == null) {
                return null;
            }
            BigInteger g = common.gcd(f[1]);
            BigInteger widen = f[1].divide(g);
            for (int k = 0; k < i; k++) {
                p[k] = p[k].multiply(widen);
            }
            common = common.multiply(widen);
            p[i] = f[0].multiply(common.divide(f[1]));
        }
        BigInteger[] y = Arrays.copyOf(p, m + 1);
        y[m] = common;
        return y;
    }

    /**
     * The fraction with the smallest denominator q (a continued-fraction convergent of a / b) such that
     * {@code |a q - p b| <= tol q}, if that q is below the square root of b / tol (beyond it the bound does not
     * single a fraction out); else null.
     */
    static BigInteger[] simplest(BigInteger a, BigInteger b, BigInteger tol) {
        BigInteger limit = b.divide(tol.shiftLeft(2)).sqrt();
        BigInteger p0 = BigInteger.ZERO;
        BigInteger q0 = BigInteger.ONE;
        BigInteger p1 = BigInteger.ONE;
        BigInteger q1 = BigInteger.ZERO;
        BigInteger x = a;
        BigInteger y = b;
        while (y.signum() != 0) {
            BigInteger[] qr = x.divideAndRemainder(y);
            BigInteger c = qr[0];
            if (qr[1].signum() < 0) { // floor division for negative values
                c = c.subtract(BigInteger.ONE);
                qr[1] = qr[1].add(y);
            }
            BigInteger p2 = c.multiply(p1).add(p0);
            BigInteger q2 = c.multiply(q1).add(q0);
            if (q2.compareTo(limit) > 0) {
                return null;
            }
            if (a.multiply(q2).subtract(p2.multiply(b)).abs().compareTo(tol.multiply(q2)) <= 0) {
                return new BigInteger[] {p2, q2};
            }
            p0 = p1;
            q0 = q1;
            p1 = p2;
            q1 = q2;
            x = y;
            y = qr[1];
        }
        return null;
    }

    /** Basic values y (by basis position, over y's last element) to every unknown's value, same denominator. */
    private BigInteger[] vertex(BigInteger[] y) {
        BigInteger den = y[m];
        BigInteger[] x = new BigInteger[n + 1];
        for (int j = 0; j < n; j++) {
            x[j] = den.multiply(BigInteger.valueOf(lower[j]));
        }
        for (int p = 0; p < m; p++) {
            int j = basis[p];
            if (j < n) {
                x[j] = x[j].add(y[p]);
            } else if (y[p].signum() != 0) {
                return null; // an artificial off zero: not a point of the program
            }
        }
        x[n] = den;
        return x;
    }

    /** y with B^T y = c (c by basis position, y by row), into {@code y}; c is overwritten. */
    private double[] btran(double[] c, double[] y) {
        double[] w = c;
        for (int e = etas - 1; e >= 0; e--) {
            int p = etaPos[e];
            int[] idx = etaIdx[e];
            double[] val = etaCol[e];
            double s = w[p];
            for (int t = 0; t < idx.length; t++) {
                if (idx[t] != p) {
                    s -= val[t] * w[idx[t]];
                }
            }
            w[p] = s / etaPivot[e];
        }
        // U^T (forward in pivot order), by row: every row's y is set (steps == m).
        for (int s = 0; s < steps; s++) {
            double v = w[pivPos[s]] / pivVal[s];
            y[pivRow[s]] = v;
            if (v != 0) {
                int[] up = uPos[s];
                double[] uv = uVal[s];
                for (int t = 0; t < up.length; t++) {
                    w[up[t]] -= uv[t] * v;
                }
            }
        }
        // L^T, in reverse.
        for (int s = steps - 1; s >= 0; s--) {
            int[] lr = lRow[s];
            if (lr.length == 0) {
                continue;
            }
            double[] lv = lVal[s];
            double sum = 0;
            for (int t = 0; t < lr.length; t++) {
                sum += lv[t] * y[lr[t]];
            }
            y[pivRow[s]] -= sum;
        }
        return y;
    }

    /** Solves L U x = a (a by row, x by basis position); a is overwritten. */
    private double[] luSolve(double[] a) {
        for (int s = 0; s < steps; s++) {
            lStep(a, s);
        }
        double[] x = new double[m];
        for (int s = steps - 1; s >= 0; s--) {
            uStep(a, x, s);
        }
        return x;
    }

    /**
     * The heap of a sparse solve grows to at most this share of the rows ({@code m / SPARSE_SHARE}) before the
     * solve goes on scanning every step: past it, the heap's ordering costs more than the scan it saves.
     */
    private static final int SPARSE_SHARE = 16;

    /**
     * {@link #luSolve} for an {@code a} that is zero outside {@code rows}: the same elimination steps in the same
     * order, so the same values to the last bit, but only the steps whose row holds a non-zero are visited (found
     * through a heap of step numbers: an elimination step only changes rows pivoted later, a back substitution
     * step only rows pivoted earlier). The columns of a table's basis rarely reach more than a few hundred of its
     * thousands of rows, and scanning every step for each of them was most of the crossover's time.
     */
    private Column luSolveSparse(double[] a, int[] rows, double[] x) {
        int limit = Math.max(16, m / SPARSE_SHARE);
        long[] bits = stepBits;
        // The steps to apply, in a bitmap over the steps, taken lowest first: a step's L multipliers are in rows
        // pivoted by later steps, so the steps it adds are all above it and one pass up the bitmap finds them.
        int pending = 0;
        for (int r : rows) {
            pending += mark(bits, stepOfRow[r]);
        }
        int[] reached = new int[Math.min(limit, 64)];
        int count = 0;
        int word = 0;
        while (pending > 0) {
            while (bits[word] == 0) {
                word++;
            }
            int s = (word << 6) + Long.numberOfTrailingZeros(bits[word]);
            if (pending > limit) {
                Arrays.fill(bits, word, bits.length, 0);
                luSolveFrom(a, s, x);
                Arrays.fill(a, 0);
                return new Column(x, null, m);
            }
            bits[word] &= bits[word] - 1;
            pending--;
            if (count == reached.length) {
                reached = Arrays.copyOf(reached, count * 2);
            }
            reached[count++] = s;
            if (a[pivRow[s]] == 0) {
                continue;
            }
            lStep(a, s);
            for (int r : lRow[s]) {
                pending += mark(bits, stepOfRow[r]);
            }
        }
        // The back substitution goes from the last step down: a step's U entries are at positions pivoted by
        // earlier steps, so the steps it adds are all below it and one pass down the bitmap finds them.
        for (int t = 0; t < count; t++) {
            pending += mark(bits, reached[t]);
        }
        int[] positions = new int[Math.max(16, count)];
        int set = 0;
        int[] backSteps = new int[Math.max(16, count)];
        int backward = 0;
        word = bits.length - 1;
        while (pending > 0) {
            while (bits[word] == 0) {
                word--;
            }
            int s = (word << 6) + 63 - Long.numberOfLeadingZeros(bits[word]);
            if (pending > limit) {
                Arrays.fill(bits, 0, word + 1, 0);
                for (int q = s; q >= 0; q--) {
                    uStep(a, x, q);
                }
                Arrays.fill(a, 0);
                return new Column(x, null, m);
            }
            bits[word] &= ~(1L << s);
            pending--;
            if (backward == backSteps.length) {
                backSteps = Arrays.copyOf(backSteps, backward * 2);
            }
            backSteps[backward++] = s;
            if (a[pivRow[s]] == 0) {
                continue;
            }
            uStep(a, x, s);
            if (set == positions.length) {
                positions = Arrays.copyOf(positions, set * 2);
            }
            positions[set++] = pivPos[s];
            for (int r : uColRow[pivPos[s]]) {
                pending += mark(bits, stepOfRow[r]);
            }
        }
        // a is left all zero: every row the solve changed is the pivot row of a step it reached
        for (int t = 0; t < count; t++) {
            a[pivRow[reached[t]]] = 0;
        }
        for (int t = 0; t < backward; t++) {
            a[pivRow[backSteps[t]]] = 0;
        }
        return new Column(x, positions, set);
    }

    /** Sets step q's bit; 1 if it was not set. */
    private static int mark(long[] bits, int q) {
        long bit = 1L << q;
        long w = bits[q >>> 6];
        bits[q >>> 6] = w | bit;
        return (w & bit) == 0 ? 1 : 0;
    }

    /** {@link #luSolve} into x (all zero) when every step before {@code from} has been applied already. */
    private void luSolveFrom(double[] a, int from, double[] x) {
        for (int s = from; s < steps; s++) {
            lStep(a, s);
        }
        for (int s = steps - 1; s >= 0; s--) {
            uStep(a, x, s);
        }
    }

    /** Elimination step s applied to a: the rows pivoted later lose their multiple of its pivot row. */
    private void lStep(double[] a, int s) {
        int[] lr = lRow[s];
        double ar = a[pivRow[s]];
        if (lr.length == 0 || ar == 0) {
            return;
        }
        double[] lv = lVal[s];
        for (int t = 0; t < lr.length; t++) {
            a[lr[t]] -= lv[t] * ar;
        }
    }

    /** Back substitution step s: x at its pivot position, taken out of the rows pivoted earlier. */
    private void uStep(double[] a, double[] x, int s) {
        double v = a[pivRow[s]];
        if (v == 0) {
            return;
        }
        int p = pivPos[s];
        double xp = v / pivVal[s];
        x[p] = xp;
        int[] rows = uColRow[p];
        double[] uv = uColVal[p];
        for (int t = 0; t < rows.length; t++) {
            a[rows[t]] -= uv[t] * xp;
        }
    }

    // -----------------------------------------------------------------------------------------------------------
    // Factorisation

    /** Factorises the current basis and recomputes the basic values; false when the basis is (nearly) singular. */
    private boolean refactor() {
        if (factorise()) {
            return true;
        }
        nonbasic = null; // (nearly) singular: the next start begins again from a crash basis
        return false;
    }

    private boolean factorise() {
        factorisations++;
        etas = 0;
        pivRow = new int[m];
        pivPos = new int[m];
        pivVal = new double[m];
        uPos = new int[m][];
        uVal = new double[m][];
        lRow = new int[m][];
        lVal = new double[m][];
        steps = 0;
        if (!new Elimination().run() || steps != m) {
            return false;
        }
        transposeU();
        stepOfRow = new int[m];
        for (int s = 0; s < steps; s++) {
            stepOfRow[pivRow[s]] = s;
        }
        double[] r = b.clone();
        for (int j = 0; j < n; j++) {
            if (nonbasic[j] != 0) {
                for (int t = 0; t < colRow[j].length; t++) {
                    r[colRow[j][t]] -= colVal[j][t] * nonbasic[j];
                }
            }
        }
        double[] x = luSolve(r);
        System.arraycopy(x, 0, xB, 0, m);
        return true;
    }

    /** Fills {@link #uColRow} and {@link #uColVal} from the steps' U entries, steps ascending within a column. */
    private void transposeU() {
        int[] count = new int[m];
        for (int s = 0; s < steps; s++) {
            for (int q : uPos[s]) {
                count[q]++;
            }
        }
        uColRow = new int[m][];
        uColVal = new double[m][];
        for (int q = 0; q < m; q++) {
            uColRow[q] = count[q] == 0 ? EMPTY_I : new int[count[q]];
            uColVal[q] = count[q] == 0 ? EMPTY_D : new double[count[q]];
        }
        int[] fill = new int[m];
        for (int s = 0; s < steps; s++) {
            int[] up = uPos[s];
            double[] uv = uVal[s];
            for (int t = 0; t < up.length; t++) {
                int q = up[t];
                uColRow[q][fill[q]] = pivRow[s];
                uColVal[q][fill[q]++] = uv[t];
            }
        }
    }

    /**
     * One factorisation of the basis into elimination steps ({@link #step}): row and column singletons first, in
     * the order found (column singletons preferred; neither kind creates fill), then the kernel left over by
     * sparse Gaussian elimination, Markowitz style: a position with the fewest entries, in it the row with the
     * fewest entries among those within a factor 10 of the largest magnitude (threshold pivoting).
     *
     * <p>The work is cut into small methods on purpose: a factorisation runs a few dozen times per audit, so one
     * long method was compiled by the JIT through on-stack replacement, once per hot loop, for about 1.6 s of
     * compiler time in a cold audit; small methods called often are compiled once each.
     */
    private final class Elimination {
        // The basis by position (its columns) and by row.
        private final int[][] bRow = new int[m][];
        private final double[][] bVal = new double[m][];
        private final int[] rowCount = new int[m];
        private final int[] colCount = new int[m];
        private final int[][] rPos = new int[m][];
        private final double[][] rVal = new double[m][];
        private final boolean[] rowDone = new boolean[m];
        private final boolean[] posDone = new boolean[m];
        private final int[] colQueue = new int[m];
        private final int[] rowQueue = new int[m];
        private int cq;
        private int rq;
        // The kernel, as growable sparse rows over positions and, per position, the rows holding it.
        private int[][] idx;
        private double[][] val;
        private int[] len;
        private int[] colCnt;
        private int[][] colRows;
        private int[] colLen;
        /** Scatter: position -> index in the row being updated, + 1. */
        private int[] where;
        private boolean[] kernelPosDone;
        /** Kernel positions by (count, index), stale entries skipped when popped. */
        private LongHeap byCount;

        boolean run() {
            byColumns();
            byRows();
            for (int p = 0; p < m; p++) {
                if (colCount[p] == 1) {
                    colQueue[cq++] = p;
                }
            }
            for (int r = 0; r < m; r++) {
                if (rowCount[r] == 1) {
                    rowQueue[rq++] = r;
                }
            }
            int ch = 0;
            int rh = 0;
            while (ch < cq || rh < rq) {
                if (ch < cq) {
                    int p = colQueue[ch++];
                    if (!posDone[p] && colCount[p] == 1 && !columnSingleton(p)) {
                        return false;
                    }
                    continue;
                }
                int r = rowQueue[rh++];
                if (!rowDone[r] && rowCount[r] == 1 && !rowSingleton(r)) {
                    return false;
                }
            }
            return kernel();
        }

        private void byColumns() {
            for (int p = 0; p < m; p++) {
                int j = basis[p];
                if (j >= n) {
                    bRow[p] = new int[] {j - n};
                    bVal[p] = new double[] {1};
                } else {
                    bRow[p] = colRow[j];
                    bVal[p] = colVal[j];
                }
                for (int r : bRow[p]) {
                    rowCount[r]++;
                }
                colCount[p] = bRow[p].length;
            }
        }

        private void byRows() {
            for (int r = 0; r < m; r++) {
                rPos[r] = new int[rowCount[r]];
                rVal[r] = new double[rowCount[r]];
            }
            int[] fill = new int[m];
            for (int p = 0; p < m; p++) {
                for (int t = 0; t < bRow[p].length; t++) {
                    int r = bRow[p][t];
                    rPos[r][fill[r]] = p;
                    rVal[r][fill[r]++] = bVal[p][t];
                }
            }
        }

        /** Position p has one active row left: that row's other active positions become U entries. */
        private boolean columnSingleton(int p) {
            int r = -1;
            double v = 0;
            for (int t = 0; t < bRow[p].length; t++) {
                if (!rowDone[bRow[p][t]]) {
                    r = bRow[p][t];
                    v = bVal[p][t];
                }
            }
            if (Math.abs(v) < PIVOT_TOL) {
                return false;
            }
            int cnt = 0;
            for (int q : rPos[r]) {
                if (!posDone[q] && q != p) {
                    cnt++;
                }
            }
            int[] up = new int[cnt];
            double[] uv = new double[cnt];
            int w = 0;
            for (int t = 0; t < rPos[r].length; t++) {
                int q = rPos[r][t];
                if (!posDone[q] && q != p) {
                    up[w] = q;
                    uv[w++] = rVal[r][t];
                    if (--colCount[q] == 1) {
                        colQueue[cq++] = q;
                    }
                }
            }
            rowDone[r] = true;
            posDone[p] = true;
            step(r, p, v, up, uv, EMPTY_I, EMPTY_D);
            return true;
        }

        /**
         * Row r has one active position left: eliminating it from the other active rows only changes their entry
         * at that position (row r holds no other), so there is no fill.
         */
        private boolean rowSingleton(int r) {
            int p = -1;
            double v = 0;
            for (int t = 0; t < rPos[r].length; t++) {
                if (!posDone[rPos[r][t]]) {
                    p = rPos[r][t];
                    v = rVal[r][t];
                }
            }
            if (Math.abs(v) < PIVOT_TOL) {
                return false;
            }
            int cnt = 0;
            for (int t = 0; t < bRow[p].length; t++) {
                if (!rowDone[bRow[p][t]] && bRow[p][t] != r) {
                    cnt++;
                }
            }
            int[] lr = new int[cnt];
            double[] lv = new double[cnt];
            int w = 0;
            for (int t = 0; t < bRow[p].length; t++) {
                int i = bRow[p][t];
                if (!rowDone[i] && i != r) {
                    lr[w] = i;
                    lv[w++] = bVal[p][t] / v;
                    if (--rowCount[i] == 1) {
                        rowQueue[rq++] = i;
                    }
                }
            }
            rowDone[r] = true;
            posDone[p] = true;
            step(r, p, v, EMPTY_I, EMPTY_D, lr, lv);
            return true;
        }

        /** What the singletons left, by sparse elimination; kernel entries are still the basis's own values. */
        private boolean kernel() {
            int k = 0;
            int[] kRows = new int[m];
            int[] kPos = new int[m];
            int kp = 0;
            for (int r = 0; r < m; r++) {
                if (!rowDone[r]) {
                    kRows[k++] = r;
                }
            }
            for (int p = 0; p < m; p++) {
                if (!posDone[p]) {
                    kPos[kp++] = p;
                }
            }
            if (k != kp) {
                return false;
            }
            if (k == 0) {
                return true;
            }
            kernelRows(k, kRows, kPos);
            for (int done = 0; done < k; done++) {
                if (!eliminateNext()) {
                    return false;
                }
            }
            return true;
        }

        private void kernelRows(int k, int[] kRows, int[] kPos) {
            idx = new int[m][];
            val = new double[m][];
            len = new int[m];
            colCnt = new int[m];
            colRows = new int[m][];
            colLen = new int[m];
            where = new int[m];
            kernelPosDone = new boolean[m];
            for (int i = 0; i < k; i++) {
                int r = kRows[i];
                int c = 0;
                for (int q : rPos[r]) {
                    if (!posDone[q]) {
                        c++;
                    }
                }
                idx[r] = new int[Math.max(4, c * 2)];
                val[r] = new double[idx[r].length];
                for (int t = 0; t < rPos[r].length; t++) {
                    int q = rPos[r][t];
                    if (!posDone[q]) {
                        idx[r][len[r]] = q;
                        val[r][len[r]++] = rVal[r][t];
                        colCnt[q]++;
                    }
                }
            }
            for (int i = 0; i < k; i++) {
                int q = kPos[i];
                colRows[q] = new int[Math.max(4, colCnt[q] * 2)];
            }
            for (int i = 0; i < k; i++) {
                int r = kRows[i];
                for (int t = 0; t < len[r]; t++) {
                    int q = idx[r][t];
                    colRows[q][colLen[q]++] = r;
                }
            }
            byCount = new LongHeap(2 * k);
            for (int i = 0; i < k; i++) {
                byCount.add(((long) colCnt[kPos[i]] << 32) | kPos[i]);
            }
        }

        /** One kernel pivot: the position with the fewest entries (ties: lowest index), and its row. */
        private boolean eliminateNext() {
            int p = -1;
            while (!byCount.isEmpty()) {
                long top = byCount.poll();
                int q = (int) top;
                if (!kernelPosDone[q] && (int) (top >>> 32) == colCnt[q]) {
                    p = q;
                    break;
                }
            }
            if (p < 0) {
                return false;
            }
            int r = pivotRow(p);
            if (r < 0) {
                return false;
            }
            double v = entry(idx[r], val[r], len[r], p);
            // U row: row r's other live entries.
            int ucnt = 0;
            for (int t = 0; t < len[r]; t++) {
                if (idx[r][t] != p && val[r][t] != 0) {
                    ucnt++;
                }
            }
            int[] up = new int[ucnt];
            double[] uv = new double[ucnt];
            int w = 0;
            for (int t = 0; t < len[r]; t++) {
                int q = idx[r][t];
                colCnt[q]--;
                if (q != p) {
                    byCount.add(((long) colCnt[q] << 32) | q);
                    if (val[r][t] != 0) {
                        up[w] = q;
                        uv[w++] = val[r][t];
                    }
                }
            }
            rowDone[r] = true;
            kernelPosDone[p] = true;
            // Eliminate p from the other live rows.
            int lcnt = 0;
            int[] lr = new int[colLen[p]];
            double[] lv = new double[colLen[p]];
            for (int t = 0; t < colLen[p]; t++) {
                int i = colRows[p][t];
                if (rowDone[i]) {
                    continue;
                }
                double a = entry(idx[i], val[i], len[i], p);
                if (a == 0) {
                    continue;
                }
                double mult = a / v;
                lr[lcnt] = i;
                lv[lcnt++] = mult;
                eliminate(i, p, mult, up, uv);
            }
            step(r, p, v, up, uv, Arrays.copyOf(lr, lcnt), Arrays.copyOf(lv, lcnt));
            return true;
        }

        /**
         * Among position p's live rows, the one with the fewest entries among those within a factor 10 of the
         * largest magnitude (ties: lowest row); -1 when every entry is (nearly) zero.
         */
        private int pivotRow(int p) {
            double maxAbs = 0;
            for (int t = 0; t < colLen[p]; t++) {
                int r = colRows[p][t];
                if (!rowDone[r]) {
                    maxAbs = Math.max(maxAbs, Math.abs(entry(idx[r], val[r], len[r], p)));
                }
            }
            if (maxAbs < PIVOT_TOL) {
                return -1;
            }
            int r = -1;
            for (int t = 0; t < colLen[p]; t++) {
                int i = colRows[p][t];
                if (rowDone[i]) {
                    continue;
                }
                double a = entry(idx[i], val[i], len[i], p);
                if (Math.abs(a) >= 0.1 * maxAbs && (r < 0 || len[i] < len[r] || (len[i] == len[r] && i < r))) {
                    r = i;
                }
            }
            return r;
        }

        /** Row i -= mult * the pivot row (its U entries up, uv), then drops row i's entry at p. */
        private void eliminate(int i, int p, double mult, int[] up, double[] uv) {
            for (int s = 0; s < len[i]; s++) {
                where[idx[i][s]] = s + 1;
            }
            for (int s = 0; s < up.length; s++) {
                int q = up[s];
                int at = where[q];
                if (at > 0) {
                    val[i][at - 1] -= mult * uv[s];
                } else {
                    fill(i, q, -mult * uv[s]);
                }
            }
            int at = where[p] - 1;
            for (int s = 0; s < len[i]; s++) {
                where[idx[i][s]] = 0;
            }
            len[i]--;
            idx[i][at] = idx[i][len[i]];
            val[i][at] = val[i][len[i]];
            colCnt[p]--;
        }

        /** A new entry of row i at position q (fill-in). */
        private void fill(int i, int q, double value) {
            if (len[i] == idx[i].length) {
                idx[i] = Arrays.copyOf(idx[i], len[i] * 2);
                val[i] = Arrays.copyOf(val[i], len[i] * 2);
            }
            idx[i][len[i]] = q;
            val[i][len[i]++] = value;
            where[q] = len[i];
            colCnt[q]++;
            byCount.add(((long) colCnt[q] << 32) | q);
            if (colLen[q] == colRows[q].length) {
                colRows[q] = Arrays.copyOf(colRows[q], colLen[q] * 2);
            }
            colRows[q][colLen[q]++] = i;
        }
    }

    private static final int[] EMPTY_I = {};
    private static final double[] EMPTY_D = {};

    /** A binary min-heap of longs (a PriorityQueue without boxing): the same values in the same order. */
    static final class LongHeap {
        private long[] heap;
        private int size;

        LongHeap(int capacity) {
            heap = new long[Math.max(4, capacity)];
        }

        boolean isEmpty() {
            return size == 0;
        }

        int size() {
            return size;
        }

        void add(long v) {
            if (size == heap.length) {
                heap = Arrays.copyOf(heap, size * 2);
            }
            int i = size++;
            while (i > 0) {
                int parent = (i - 1) >>> 1;
                if (heap[parent] <= v) {
                    break;
                }
                heap[i] = heap[parent];
                i = parent;
            }
            heap[i] = v;
        }

        long poll() {
            long top = heap[0];
            long last = heap[--size];
            int i = 0;
            int half = size >>> 1;
            while (i < half) {
                int c = 2 * i + 1;
                if (c + 1 < size && heap[c + 1] < heap[c]) {
                    c++;
                }
                if (last <= heap[c]) {
                    break;
                }
                heap[i] = heap[c];
                i = c;
            }
            if (size > 0) {
                heap[i] = last;
            }
            return top;
        }
    }

    private static double entry(int[] idx, double[] val, int len, int p) {
        for (int t = 0; t < len; t++) {
            if (idx[t] == p) {
                return val[t];
            }
        }
        return 0;
    }

    private void step(int row, int pos, double pivot, int[] up, double[] uv, int[] lr, double[] lv) {
        pivRow[steps] = row;
        pivPos[steps] = pos;
        pivVal[steps] = pivot;
        uPos[steps] = up;
        uVal[steps] = uv;
        lRow[steps] = lr;
        lVal[steps] = lv;
        steps++;
    }
}
