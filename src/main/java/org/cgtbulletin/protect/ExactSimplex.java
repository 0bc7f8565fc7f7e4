package org.cgtbulletin.protect;

import java.math.BigInteger;

/**
 * Exact linear programming over one component: min and max of each unknown subject to the component's equality
 * rows A x = b and x &gt;= lower (non-negativity, or a contributor's own amounts).
 *
 * <p>A dense two-phase primal simplex in integer-preserving (fraction-free, Bareiss/Edmonds) form: the tableau
 * holds d &middot; B^-1 [A | b] with d = |det B|, every entry an integer, and a pivot updates
 * t_ij := (t_rs t_ij - t_is t_rj) / d_old with an exact division. No tolerances: bounds are exact rationals and
 * degenerate ties are decided exactly. Phase 1 (artificial variables) runs once; every objective (max x_k, then
 * min x_k) warm-starts phase 2 from the previous optimal basis, which is why this is much faster than solving each
 * of the 2n programs from scratch. A min is skipped when some basis already met put x_k at its lower bound.
 * Dantzig's rule, with Bland's rule after a run of degenerate pivots (no cycling).
 *
 * <p>Intermediate products may exceed 64 bits (recomputed with {@link BigInteger}); an entry that does not fit a
 * {@code long} throws {@link ArithmeticException}, and the caller falls back to floating point.
 *
 * <p>With {@code duals}, the tableau also carries the artificial columns, d &middot; B^-1, and redundant rows are
 * kept (their artificial stays basic at level 0, so their dual is 0): after an optimisation the exact dual
 * solution y = c_B B^-1 is available ({@link #scaledDuals}), which {@link RestrictedAudit} uses to price cells
 * that a restricted program holds fixed.
 */
final class ExactSimplex {

    private static final int DEGENERATE_BEFORE_BLAND = 50;

    private final int n;
    /** Tableau columns: the n structural ones, then (with duals) one artificial per original row. */
    private final int width;
    /** Whether the tableau carries the artificial columns (and keeps redundant rows) for {@link #scaledDuals}. */
    private final boolean duals;
    private int m;
    /** Per original row: whether it was negated to make its right-hand side non-negative. */
    private final boolean[] negated;
    private long[][] t;
    private long[] rhs;
    /** Basic variable of each row: a structural index, or -1-i for the artificial of original row i. */
    private int[] basis;
    private final int[] rowOfVar;
    private long d = 1;
    /**
     * Per row: the denominator its stored entries are over. A pivot changes d for the whole tableau, but a row the
     * pivot column does not reach only needs rescaling by d_new / d_old, so that is left until the row is read
     * ({@link #current}); until then its entries are those of the earlier denominator (their ratios, signs and
     * zeros, which is all the ratio test and the choice of an entering column look at, are the same).
     */
    private long[] rowScale;
    private final boolean[] seenAtLower;
    private final long[] lower;
    private final int[] nzBuf;
    private long pivots;
    private final long pivotLimit;
    /** Tableau entries visited by pivots so far: a deterministic measure of the work done. */
    private long work;

    /**
     * Sets up the program for the component with lower bounds {@code lower} (null: all 0) and runs phase 1.
     *
     * @throws IllegalStateException if the program is infeasible (the data would then contradict the relations)
     */
    ExactSimplex(Component comp, long[] lower) {
        this(comp, lower, false);
    }

    /**
     * As {@link #ExactSimplex(Component, long[])}; with {@code duals} the dual solution of each optimisation is
     * kept available (see {@link #scaledDuals}).
     */
    ExactSimplex(Component comp, long[] lower, boolean duals) {
        this.n = comp.size();
        this.m = comp.rowCols.length;
        this.width = duals ? n + m : n;
        this.duals = duals;
        this.negated = new boolean[m];
        this.lower = lower == null ? new long[n] : lower.clone();
        this.t = new long[m][width];
        this.rhs = new long[m];
        this.rowScale = new long[m];
        java.util.Arrays.fill(rowScale, 1);
        this.basis = new int[m];
        this.rowOfVar = new int[n];
        this.seenAtLower = new boolean[n];
        this.nzBuf = new int[width];
        this.pivotLimit = 50L * (m + n) + 10_000;
        java.util.Arrays.fill(rowOfVar, -1);
        for (int i = 0; i < m; i++) {
            int[] cols = comp.rowCols[i];
            int[] coef = comp.rowCoef[i];
            long b = comp.rhs[i];
            for (int j = 0; j < cols.length; j++) {
                t[i][cols[j]] = coef[j];
                b = Math.subtractExact(b, Math.multiplyExact((long) coef[j], this.lower[cols[j]]));
            }
            if (b < 0) {
                for (int j = 0; j < cols.length; j++) {
                    t[i][cols[j]] = -t[i][cols[j]];
                }
                b = -b;
                negated[i] = true;
            }
            if (duals) {
                t[i][n + i] = 1;
            }
            rhs[i] = b;
            basis[i] = -1 - i;
        }
        phaseOne();
    }

    /** Exact lower bound (scaled) and upper bound of every unknown marked in {@code wanted}, into {@code out}. */
    void solve(boolean[] wanted, Bounds out) {
        for (int k = 0; k < n; k++) {
            if (!wanted[k]) {
                continue;
            }
            long[] hi = optimize(k, -1);
            if (hi == null) {
                out.setHigh(k, Double.POSITIVE_INFINITY, Long.MAX_VALUE);
            } else {
                out.setHigh(k, lower[k] + (double) hi[0] / hi[1], Math.addExact(lower[k], Math.floorDiv(hi[0], hi[1])));
            }
            if (seenAtLower[k]) {
                out.setLow(k, lower[k], lower[k]);
            } else {
                long[] lo = optimize(k, 1);
                out.setLow(k, lower[k] + (double) lo[0] / lo[1], Math.addExact(lower[k], -Math.floorDiv(-lo[0], lo[1])));
            }
        }
    }

    private void phaseOne() {
        long[] z = new long[n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                z[j] = Math.subtractExact(z[j], t[i][j]);
            }
        }
        int degenerate = 0;
        while (true) {
            int s = entering(z, degenerate >= DEGENERATE_BEFORE_BLAND);
            if (s < 0) {
                break;
            }
            int r = leaving(s);
            if (r < 0) {
                throw new Unsolved("phase 1 unbounded");
            }
            degenerate = rhs[r] == 0 ? degenerate + 1 : 0;
            pivot(r, s, z);
        }
        for (int i = 0; i < m; i++) {
            if (basis[i] < 0 && rhs[i] != 0) {
                throw new IllegalStateException("infeasible: the relations contradict the data or the bounds");
            }
        }
        // Drive the remaining (zero-level) artificials out of the basis; drop rows that are redundant.
        boolean[] redundant = new boolean[m];
        int dropped = 0;
        for (int i = 0; i < m; i++) {
            if (basis[i] >= 0) {
                continue;
            }
            int s = -1;
            for (int j = 0; j < n; j++) {
                if (t[i][j] != 0) {
                    s = j;
                    break;
                }
            }
            if (s < 0) {
                redundant[i] = true;
                dropped++;
                continue;
            }
            if (t[i][s] < 0) {
                for (int j = 0; j < width; j++) {
                    t[i][j] = -t[i][j];
                }
                // A zero-level row: negating it keeps it valid (rhs 0); the inverse row flips with it.
            }
            pivot(i, s, null);
        }
        if (dropped > 0 && !duals) {
            int keep = m - dropped;
            long[][] t2 = new long[keep][];
            long[] r2 = new long[keep];
            long[] s2 = new long[keep];
            int[] b2 = new int[keep];
            int w = 0;
            for (int i = 0; i < m; i++) {
                if (!redundant[i]) {
                    t2[w] = t[i];
                    r2[w] = rhs[i];
                    s2[w] = rowScale[i];
                    b2[w] = basis[i];
                    rowOfVar[basis[i]] = w;
                    w++;
                }
            }
            t = t2;
            rhs = r2;
            rowScale = s2;
            basis = b2;
            m = keep;
        }
        markSeen();
    }

    /**
     * Minimises sign * x_k from the current basis. Returns {num, den} (den &gt; 0) of the optimal shifted value
     * y_k = x_k - lower_k, or null when unbounded (only possible when maximising).
     */
    long[] optimize(int k, int sign) {
        long[] z = new long[n];
        int degenerate = 0;
        while (true) {
            int i0 = rowOfVar[k];
            java.util.Arrays.fill(z, 0);
            if (i0 >= 0) {
                long[] row = t[i0];
                for (int j = 0; j < n; j++) {
                    if (row[j] != 0 && j != k) {
                        z[j] = sign > 0 ? -row[j] : row[j];
                    }
                }
            } else {
                z[k] = sign > 0 ? d : -d;
            }
            int s = entering(z, degenerate >= DEGENERATE_BEFORE_BLAND);
            if (s < 0) {
                markSeen();
                if (i0 < 0) {
                    return new long[] {0, 1};
                }
                current(i0);
                return new long[] {rhs[i0], d};
            }
            int r = leaving(s);
            if (r < 0) {
                return null;
            }
            degenerate = rhs[r] == 0 ? degenerate + 1 : 0;
            pivot(r, s, null);
        }
    }

    /**
     * Tableau entries visited by the pivots so far (a deterministic measure of work, for budgets): counted as an
     * eager pivot would visit them (m times the pivot row's non-zeros, or m times the width when d changes), even
     * though rows the pivot column does not reach are rescaled later or never, so that budgets, and the results
     * that depend on them, do not depend on that bookkeeping.
     */
    long work() {
        return work;
    }

    /**
     * Per structural column, whether the current basic solution (the vertex of the last {@link #optimize}) has it
     * away from {@code at}, in the program's own units (before the shift by the lower bounds): exactly, x_j =
     * lower_j + rhs_i / (row i's denominator) when x_j is basic in row i, lower_j otherwise. A value too large to
     * compare counts as away.
     */
    boolean[] awayFrom(long[] at) {
        boolean[] away = new boolean[n];
        for (int j = 0; j < n; j++) {
            int i = rowOfVar[j];
            if (i < 0) {
                away[j] = lower[j] != at[j];
            } else {
                try {
                    away[j] = rhs[i] != Math.multiplyExact(Math.subtractExact(at[j], lower[j]), rowScale[i]);
                } catch (ArithmeticException tooLarge) {
                    away[j] = true;
                }
            }
        }
        return away;
    }

    /** The tableau's common denominator d (&gt; 0): every value and dual is a multiple of 1/d. */
    long denominator() {
        return d;
    }

    /**
     * The dual solution y of the last {@link #optimize optimisation} of sign &middot; x_k, times d, per row of the
     * component (rows negated internally are turned back): for every column j, d times its reduced cost is
     * d c_j - sum_r y_r a_rj, with c = sign e_k. All zero when x_k is not basic (then x_k sits at its lower bound
     * and the optimum needs no row). Only for a program built with duals.
     */
    long[] scaledDuals(int k, int sign) {
        if (!duals) {
            throw new IllegalStateException("built without duals");
        }
        long[] y = new long[m];
        int i0 = rowOfVar[k];
        if (i0 < 0) {
            return y;
        }
        current(i0);
        long[] row = t[i0];
        for (int r = 0; r < m; r++) {
            long v = row[n + r];
            y[r] = (negated[r] ? -sign : sign) * v;
        }
        return y;
    }

    private void markSeen() {
        for (int j = 0; j < n; j++) {
            int i = rowOfVar[j];
            if (i < 0 || rhs[i] == 0) {
                seenAtLower[j] = true;
            }
        }
    }

    /** Entering column: most negative reduced cost (Dantzig), or the first negative one (Bland). -1: optimal. */
    private int entering(long[] z, boolean bland) {
        int best = -1;
        for (int j = 0; j < n; j++) {
            if (z[j] < 0 && rowOfVar[j] < 0) {
                if (bland) {
                    return j;
                }
                if (best < 0 || z[j] < z[best]) {
                    best = j;
                }
            }
        }
        return best;
    }

    /** Leaving row by the exact minimum ratio rhs_i / t_is over t_is &gt; 0; ties to the smallest basic variable. */
    private int leaving(int s) {
        int best = -1;
        for (int i = 0; i < m; i++) {
            long a = t[i][s];
            if (a <= 0) {
                continue;
            }
            if (best < 0) {
                best = i;
                continue;
            }
            // rhs_i / a  vs  rhs_best / a_best
            int cmp = compareProducts(rhs[i], t[best][s], rhs[best], a);
            if (cmp < 0 || (cmp == 0 && basis[i] < basis[best])) {
                best = i;
            }
        }
        return best;
    }

    private void pivot(int r, int s, long[] z) {
        if (++pivots > pivotLimit) {
            throw new Unsolved("simplex did not converge");
        }
        long dOld = d;
        current(r);
        long[] tr = t[r];
        long p = tr[s];
        int nnz = 0;
        for (int j = 0; j < width; j++) {
            if (tr[j] != 0) {
                nzBuf[nnz++] = j;
            }
        }
        boolean same = p == dOld;
        work += (long) m * (same ? nnz : width);
        for (int i = 0; i < m; i++) {
            if (i == r) {
                continue;
            }
            long[] ti = t[i];
            if (ti[s] == 0) {
                continue; // its values do not change, only d: rescaled when read (current)
            }
            current(i);
            long a = ti[s];
            if (!same) {
                combine(ti, tr, width, p, a, dOld);
            } else if (dOld == 1) {
                subtractMultiple(ti, tr, nzBuf, nnz, a);
            } else {
                combine(ti, tr, nzBuf, nnz, p, a, dOld);
            }
            rhs[i] = update(p, rhs[i], a, rhs[r], dOld);
            rowScale[i] = p;
        }
        rowScale[r] = p;
        if (z != null) {
            long a = z[s];
            if (!same || a != 0) {
                combine(z, tr, n, p, a, dOld);
            }
        }
        int old = basis[r];
        if (old >= 0) {
            rowOfVar[old] = -1;
        }
        basis[r] = s;
        rowOfVar[s] = r;
        d = p;
    }

    /**
     * Brings row i's stored entries to the current denominator: times d / rowScale[i], exactly (the entries the
     * pivots since it was last updated would have given it one rescaling at a time: an integer, by the
     * fraction-free method's own guarantee).
     */
    private void current(int i) {
        long from = rowScale[i];
        if (from == d) {
            return;
        }
        long[] ti = t[i];
        for (int j = 0; j < width; j++) {
            long x = ti[j];
            if (x != 0) {
                ti[j] = update(d, x, 0, 0, from);
            }
        }
        rhs[i] = update(d, rhs[i], 0, 0, from);
        rowScale[i] = d;
    }

    // The three row operations of a pivot: update() for every entry, with its common case written out. C1, which
    // compiles the bulletin's code in most runs, does not inline a method of update's size, and these loops take most
    // of the audit's time (a third of a million-report build's samples). Operands within 2^30 in magnitude
    // (v ^ (v >> 63) is |v| or |v| - 1) make products within 2^60 and their difference within 2^61: nothing to check.

    /** row := (p row - a pivotRow) / dOld over the first {@code width} entries. */
    private static void combine(long[] row, long[] pivotRow, int width, long p, long a, long dOld) {
        long paSize = (p ^ (p >> 63)) | (a ^ (a >> 63));
        for (int j = 0; j < width; j++) {
            long x = row[j];
            long y = pivotRow[j];
            if ((x | y) == 0) {
                continue;
            }
            if ((paSize | (x ^ (x >> 63)) | (y ^ (y >> 63))) >>> 30 == 0) {
                row[j] = exactQuotient(p * x - a * y, dOld);
            } else {
                row[j] = update(p, x, a, y, dOld);
            }
        }
    }

    /** As above, over the pivot row's non-zero entries only (enough when p == dOld: the others stay). */
    private static void combine(long[] row, long[] pivotRow, int[] nz, int nnz, long p, long a, long dOld) {
        long paSize = (p ^ (p >> 63)) | (a ^ (a >> 63));
        for (int q = 0; q < nnz; q++) {
            int j = nz[q];
            long x = row[j];
            long y = pivotRow[j];
            if ((paSize | (x ^ (x >> 63)) | (y ^ (y >> 63))) >>> 30 == 0) {
                row[j] = exactQuotient(p * x - a * y, dOld);
            } else {
                row[j] = update(p, x, a, y, dOld);
            }
        }
    }

    /** row := row - a pivotRow over the pivot row's non-zero entries: the case p == dOld == 1 (no division). */
    private static void subtractMultiple(long[] row, long[] pivotRow, int[] nz, int nnz, long a) {
        long aSize = a ^ (a >> 63);
        for (int q = 0; q < nnz; q++) {
            int j = nz[q];
            long x = row[j];
            long y = pivotRow[j];
            if ((aSize | (x ^ (x >> 63)) | (y ^ (y >> 63))) >>> 30 == 0) {
                row[j] = x - a * y;
            } else {
                row[j] = update(1, x, a, y, 1);
            }
        }
    }

    /** num / den (den &gt; 0), which must be exact. */
    private static long exactQuotient(long num, long den) {
        long q = num / den;
        if (q * den != num) {
            throw new Unsolved("fraction-free pivot: inexact division");
        }
        return q;
    }

    /** (p x - a y) / dOld, exactly. */
    static long update(long p, long x, long a, long y, long dOld) {
        long num;
        // Almost always every operand is within 2^30 in magnitude (v ^ (v >> 63) is |v| or |v| - 1), so both products
        // are within 2^60 and their difference within 2^61: nothing to check. (C2 makes Math.multiplyExact's checks
        // nearly free, but the interpreter and C1, which run the bulletin's first seconds, test with a division.)
        if (((p ^ (p >> 63)) | (x ^ (x >> 63)) | (a ^ (a >> 63)) | (y ^ (y >> 63))) >>> 30 == 0) {
            num = p * x - a * y;
        } else {
            try {
                num = Math.subtractExact(Math.multiplyExact(p, x), Math.multiplyExact(a, y));
            } catch (ArithmeticException wide) {
                BigInteger[] qr = BigInteger.valueOf(p).multiply(BigInteger.valueOf(x))
                        .subtract(BigInteger.valueOf(a).multiply(BigInteger.valueOf(y)))
                        .divideAndRemainder(BigInteger.valueOf(dOld));
                if (qr[1].signum() != 0) {
                    throw new Unsolved("fraction-free pivot: inexact division");
                }
                return qr[0].longValueExact();
            }
        }
        if (dOld == 1) {
            return num;
        }
        long q = num / dOld; // one division (a remainder test would be a second one); exact when q * dOld == num
        if (q * dOld != num || (num == Long.MIN_VALUE && dOld == -1)) { // the one quotient that overflows
            throw new Unsolved("fraction-free pivot: inexact division");
        }
        return q;
    }

    /** Sign of a*b - c*d, exactly (128-bit). */
    static int compareProducts(long a, long b, long c, long d) {
        long h1 = Math.multiplyHigh(a, b);
        long l1 = a * b;
        long h2 = Math.multiplyHigh(c, d);
        long l2 = c * d;
        if (h1 != h2) {
            return h1 < h2 ? -1 : 1;
        }
        return Long.compareUnsigned(l1, l2);
    }

    /** The exact method could not finish (should not happen; the caller then falls back to floating point). */
    static final class Unsolved extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unsolved(String message) {
            super(message);
        }
    }

    /** Interval results per local unknown. */
    static final class Bounds {
        final double[] low;
        final double[] high;
        /** Smallest integer the unknown can take (ceil of the LP minimum). */
        final long[] lowInt;
        /** Largest integer the unknown can take (floor of the LP maximum); Long.MAX_VALUE when unbounded. */
        final long[] highInt;
        final boolean[] done;

        Bounds(int n) {
            low = new double[n];
            high = new double[n];
            lowInt = new long[n];
            highInt = new long[n];
            done = new boolean[n];
            java.util.Arrays.fill(low, Double.NaN);
            java.util.Arrays.fill(high, Double.NaN);
        }

        void setLow(int k, double v, long integer) {
            low[k] = v;
            lowInt[k] = integer;
            done[k] = !Double.isNaN(high[k]);
        }

        void setHigh(int k, double v, long integer) {
            high[k] = v;
            highInt[k] = integer;
            done[k] = !Double.isNaN(low[k]);
        }
    }
}
