package org.cgtbulletin.protect;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.cgtbulletin.protect.Derivability.Effect;

/**
 * Exact derivability of suppressed cells, by sparse Gaussian elimination modulo large primes.
 *
 * <p>With the published cells' values substituted, the relations restricted to a component's unknowns form a
 * system A x = b that the true values satisfy. An unknown x_u is determined by it iff the unit vector e_u lies
 * in the row space of A, i.e. iff x_u is a pivot column whose row of the reduced row echelon form (RREF) of A has
 * no other non-zero entry. The non-pivot ("free") columns of that RREF row are exactly what makes x_u free: the
 * RREF row reads x_u = c - sum_f r_uf x_f. So x_u is determined iff z_u = 0 for the null-space vector z obtained by
 * giving every free column a random value and back-substituting; the elimination only needs the (non-reduced)
 * echelon form, which stays far sparser than the RREF on large components. When the RREF row has a free entry
 * the random projection misses it with probability below 2^-60 per cell and prime, and then the cell is called
 * determined: that direction can only cause an unnecessary suppression, never a missed disclosure.
 *
 * <p>Arithmetic is exact, modulo p1 = 2^61 - 1 and p2 = 2^61 - 31. The rank of an integer matrix modulo p can only
 * be smaller than over the rationals (when p divides every maximal minor); that could hide a determined cell, so
 * both primes are used and a cell counts as determined if either says so.
 *
 * <p>Fill-in is kept low by processing rows shortest first and taking each new pivot in the row's column of lowest
 * static rank (fewest rows in the component, then lowest cell id). A fixed column order keeps the echelon form
 * banded; choosing pivots by dynamic counts instead was measured to do 100x more work on linked tables with
 * several thousand unknowns. The random values come from a fixed seed: results are deterministic.
 */
final class DerivabilityCheck {

    static final long P1 = (1L << 61) - 1;
    static final long P2 = (1L << 61) - 31;
    private static final long MASK61 = (1L << 61) - 1;

    private DerivabilityCheck() {
    }

    /**
     * Components from this many unknowns have their two primes solved side by side ({@link Lookahead#sideBySide}):
     * the two eliminations share nothing, and through the hidden table one component of about 17,000 unknowns
     * took 0.9 s a pass on one core at a million reports. Below it, a thread's start is not worth it.
     */
    static final int SIDE_BY_SIDE_FROM = 2_000;

    /** Per local unknown of the component: whether the published cells determine it exactly. */
    static boolean[] determined(Component comp) {
        boolean[][] both = new boolean[2][];
        Runnable first = () -> both[0] = determined(comp, P1, 0x5DEECE66DL);
        Runnable second = () -> both[1] = determined(comp, P2, 0x2545F4914F6CDD1DL);
        if (comp.size() >= SIDE_BY_SIDE_FROM) {
            Lookahead.sideBySide(first, second);
        } else {
            first.run();
            second.run();
        }
        boolean[] a = both[0];
        boolean[] b = both[1];
        for (int i = 0; i < a.length; i++) {
            a[i] |= b[i];
        }
        return a;
    }

    /** The same test modulo one prime p = 2^61 - c (c in {1, 31}). */
    static boolean[] determined(Component comp, long p, long seed) {
        int k = comp.size();
        Echelon e = new Echelon(comp.rowCols, comp.rowCoef, null, k, p);
        long[] z = e.randomNullVector(k, seed);
        boolean[] det = new boolean[k];
        for (int col = 0; col < k; col++) {
            det[col] = e.pivotRowOf[col] >= 0 && z[col] == 0;
        }
        return det;
    }

    /**
     * A certificate of a determined unknown: weights y on the component's rows, modulo p, whose combination of
     * the rows holds that unknown alone (y^T A = e_u), so that the rows' right-hand sides combined by y give its
     * value. Null when there is none modulo p. A published cell c that the rows hold with coefficients a_c then
     * enters the derivation of u with weight y^T a_c: suppressing a cell with weight 0 leaves this derivation
     * standing, whatever else is suppressed.
     *
     * @param local the unknown's local index in the component
     */
    static long[] certificate(Component comp, int local, long p) {
        Echelon e = transposed(comp, local, p);
        if (e == null) {
            return null;
        }
        long[] y = new long[comp.rowCols.length];
        e.backSubstitute(y, e.pivRhs);
        return y;
    }

    /** The echelon form of A^T y = e_local, or null when it has no solution. */
    private static Echelon transposed(Component comp, int local, long p) {
        int k = comp.size();
        int m = comp.rowCols.length;
        // The transposed system A^T y = e_u: one equation per unknown, over the rows holding it.
        int[] count = new int[k];
        for (int[] cols : comp.rowCols) {
            for (int col : cols) {
                count[col]++;
            }
        }
        int[][] eqRows = new int[k][];
        int[][] eqCoef = new int[k][];
        for (int j = 0; j < k; j++) {
            eqRows[j] = new int[count[j]];
            eqCoef[j] = new int[count[j]];
        }
        int[] fill = new int[k];
        for (int r = 0; r < m; r++) {
            int[] cols = comp.rowCols[r];
            for (int t = 0; t < cols.length; t++) {
                int j = cols[t];
                eqRows[j][fill[j]] = r;
                eqCoef[j][fill[j]++] = comp.rowCoef[r][t];
            }
        }
        long[] rhs = new long[k];
        rhs[local] = 1;
        Echelon e = new Echelon(eqRows, eqCoef, rhs, m, p);
        return e.inconsistent ? null : e;
    }

    /**
     * The cells that enter a derivation of one determined unknown with a non-zero weight ({@link #certificate},
     * modulo 2^61 - 1, else 2^61 - 31), among those {@code candidate} accepts: the only cells whose withholding can
     * make it underivable. Withholding any set of the others leaves that derivation standing; withholding one of
     * these either makes the unknown underivable or removes one degree of freedom from its derivations. Null when
     * neither prime gives a certificate (the unknown is not determined, or only by the random test's rare false
     * alarm).
     *
     * @param sys       the system the component comes from
     * @param local     the unknown's local index in the component
     * @param candidate which of the system's cells may be returned (known cells of the component's relations)
     */
    static java.util.BitSet entering(LinearSystem sys, Component comp, int local,
            java.util.function.IntPredicate candidate) {
        Derivation d = Derivation.of(comp, local, false);
        if (d == null) {
            return null;
        }
        long[] y = d.y();
        long prime = d.p();
        long c = (1L << 61) - prime;
        java.util.Map<Integer, Long> weight = new java.util.HashMap<>();
        for (int r = 0; r < y.length; r++) {
            if (y[r] == 0) {
                continue;
            }
            int row = comp.sysRow[r];
            int[] cells = sys.rowCells[row];
            for (int t = 0; t < cells.length; t++) {
                if (candidate.test(cells[t])) {
                    long term = mulMod(y[r], toField(sys.rowCoef[row][t], prime), prime, c);
                    weight.merge(cells[t], term, (a, b) -> a + b >= prime ? a + b - prime : a + b);
                }
            }
        }
        java.util.BitSet out = new java.util.BitSet();
        weight.forEach((cell, w) -> {
            if (w != 0) {
                out.set(cell);
            }
        });
        return out;
    }

    /**
     * Per candidate (a known cell), what withholding it alone would do to one determined unknown of a component,
     * from one elimination ({@link Derivation}) instead of one per candidate. A candidate in a relation
     * that holds no other unknown would be derivable from it, and the unknown stays derivable then too; one in a
     * relation with unknowns of another component is {@link Effect#UNDECIDED}. Null when there is no certificate
     * (the unknown is not determined, or only by the random test's rare false alarm). The build asks {@link
     * Derivations} instead, which keeps its elimination from one unknown to the next; this one, a fresh elimination
     * of the component, is what the tests check those against.
     *
     * @param sys        the system the component comes from
     * @param unknown    per cell of the system: whether it is unknown (the component's cells among them)
     * @param local      the unknown's local index in the component
     * @param candidates known cells of the system
     */
    static Effect[] withholding(LinearSystem sys, boolean[] unknown, Component comp, int local,
            int[] candidates) {
        Derivation d = Derivation.of(comp, local, true);
        if (d == null) {
            return null;
        }
        long[] y = new long[sys.rowCells.length];
        long[] z = new long[sys.rowCells.length];
        for (int r = 0; r < comp.sysRow.length; r++) {
            y[comp.sysRow[r]] = d.y()[r];
            z[comp.sysRow[r]] = d.z()[r];
        }
        return effects(sys, unknown, comp, candidates, d.p(), y, z);
    }

    /**
     * {@link #withholding}'s effects from a derivation modulo p: its certificate y and a random vector z of the left
     * null space of the component's rows, both over the system's rows (0 outside the component).
     */
    static Effect[] effects(LinearSystem sys, boolean[] unknown, Component comp, int[] candidates, long p,
            long[] y, long[] z) {
        long c = (1L << 61) - p;
        boolean[] inComponent = new boolean[sys.rowCells.length];
        for (int row : comp.sysRow) {
            inComponent[row] = true;
        }
        Effect[] out = new Effect[candidates.length];
        for (int i = 0; i < candidates.length; i++) {
            int cell = candidates[i];
            long wy = 0;
            long wz = 0;
            Effect effect = null;
            for (int row : sys.cellRows[cell]) {
                if (!inComponent[row]) {
                    boolean others = false;
                    for (int other : sys.rowCells[row]) {
                        others |= other != cell && unknown[other];
                    }
                    if (!others) {
                        // this relation would give the cell away, and then the derivations need not avoid it
                        effect = Effect.STAYS_PINNED;
                        break;
                    }
                    effect = Effect.UNDECIDED;
                    continue;
                }
                long a = toField(sys.rowCoef[row][Arrays.binarySearch(sys.rowCells[row], cell)], p);
                wy = (wy + mulMod(y[row], a, p, c)) % p;
                wz = (wz + mulMod(z[row], a, p, c)) % p;
            }
            if (effect == null) {
                effect = wy != 0 && wz == 0 ? Effect.UNPINS : Effect.STAYS_PINNED;
            }
            out[i] = effect;
        }
        return out;
    }

    /**
     * The derivations of every unknown of a whole system modulo one prime, from one echelon form of the
     * transposed system kept as the unknowns grow: where {@link Derivation#of} eliminates a component's transposed
     * system afresh for each unknown asked about, this one adds an equation per unknown added since and replays
     * the recorded reductions on the right-hand side e_u ({@link Echelon#solveUnit}). Its certificates y and null
     * vectors z differ from a fresh elimination's, but not what they tell: y^T a_c is the same for every
     * certificate where a_c is orthogonal to the left null space, and z is a random vector of that space either
     * way (the components' blocks of the transposed system stay apart in the echelon form, so z restricted to a
     * component's rows is one of its own).
     */
    static final class Derivations {
        private static final long NULL_SEED = 0x9E3779B97F4A7C15L;
        private final LinearSystem sys;
        final long p;
        private final boolean[] unknown;
        /** Per cell: the index of its equation among the rows added to the echelon form, or -1. */
        private final int[] equation;
        private final Echelon echelon;
        private long[] nullVector;

        /**
         * @param unknown per cell of the system: whether it is unknown (copied)
         * @param p       the prime, {@link #P1} or {@link #P2}
         */
        Derivations(LinearSystem sys, boolean[] unknown, long p) {
            this.sys = sys;
            this.p = p;
            this.unknown = new boolean[sys.cells];
            this.equation = new int[sys.cells];
            Arrays.fill(equation, -1);
            int rows = sys.rowCells.length;
            int[] cells = java.util.stream.IntStream.range(0, sys.cells).filter(c -> unknown[c]).toArray();
            int[][] eqRows = new int[cells.length][];
            for (int i = 0; i < cells.length; i++) {
                eqRows[i] = sys.cellRows[cells[i]];
            }
            echelon = new Echelon(rows, Math.min(rows, cells.length), false, true, p);
            for (int[] eq : eqRows) {
                for (int row : eq) {
                    echelon.degree[row]++;
                }
            }
            for (int i : Echelon.shortestFirst(eqRows)) {
                addEquation(cells[i]);
            }
        }

        /** Whether every unknown of this one is unknown in {@code all}: it can grow to it. */
        boolean growsTo(boolean[] all) {
            for (int cell = 0; cell < unknown.length; cell++) {
                if (unknown[cell] && !all[cell]) {
                    return false;
                }
            }
            return true;
        }

        /** Adds the unknowns of {@code all} not yet unknown here (every unknown here must be unknown there). */
        void growTo(boolean[] all) {
            for (int cell = 0; cell < unknown.length; cell++) {
                if (all[cell] && !unknown[cell]) {
                    for (int row : sys.cellRows[cell]) {
                        echelon.degree[row]++;
                    }
                    addEquation(cell);
                    nullVector = null;
                }
            }
        }

        private void addEquation(int cell) {
            int[] rows = sys.cellRows[cell];
            int[] coef = new int[rows.length];
            for (int t = 0; t < rows.length; t++) {
                coef[t] = sys.rowCoef[rows[t]][Arrays.binarySearch(sys.rowCells[rows[t]], cell)];
            }
            unknown[cell] = true;
            equation[cell] = echelon.log.rows;
            echelon.add(rows, coef, 0);
        }

        /** A certificate y over the system's rows (y^T A = e_cell), or null when there is none modulo p. */
        long[] certificate(int cell) {
            return echelon.solveUnit(equation[cell], sys.rowCells.length);
        }

        /** A random vector of the left null space of the system's rows over the unknowns (kept until they grow). */
        long[] nullVector() {
            if (nullVector == null) {
                nullVector = echelon.randomNullVector(sys.rowCells.length, NULL_SEED);
            }
            return nullVector;
        }
    }

    /**
     * A derivation of one unknown modulo the first of the two primes that gives one: its certificate y ({@link
     * #certificate}) and, if asked for, from the same elimination, a random vector z of the rows' left null space
     * (z^T A = 0, its free entries drawn from a fixed seed), else null. A cell that every row holding it ties to the
     * component's rows only, with coefficients a_c, makes the unknown underivable when withheld iff y^T a_c != 0 and
     * a_c is orthogonal to that null space, which z^T a_c = 0 tells but with probability 1/p; it is itself derivable
     * once withheld iff z^T a_c != 0.
     */
    private record Derivation(long p, long[] y, long[] z) {
        static Derivation of(Component comp, int local, boolean withNull) {
            for (long p : new long[] {P1, P2}) {
                Echelon e = transposed(comp, local, p);
                if (e != null) {
                    long[] y = new long[comp.rowCols.length];
                    e.backSubstitute(y, e.pivRhs);
                    return new Derivation(p, y, withNull ? e.randomNullVector(y.length, Derivations.NULL_SEED) : null);
                }
            }
            return null;
        }
    }

    /**
     * The (non-reduced) echelon form of a sparse system modulo p = 2^61 - c, with an optional right-hand side.
     * Rows are processed shortest first, each reduced by the pivot rows before it; a new pivot is the row's column
     * of lowest static rank (fewest rows, then lowest index), and pivot rows are normalised to a leading 1. A pivot
     * row only holds its own pivot, free columns and pivots of later rows, so rows may also be added later ({@link
     * #add}); with a {@link #log}, each row's reduction is recorded, so that the system can be solved for any
     * right-hand side afterwards ({@link #solveUnit}).
     */
    private static final class Echelon {
        final long p;
        final long c;
        final int[] pivotRowOf;
        int[][] pivCols;
        long[][] pivVals;
        long[] pivRhs;
        int[] pivotCol;
        int pivots;
        /** A row reduced to 0 = non-zero: the system has no solution. */
        boolean inconsistent;
        /** Per column: its static rank (how many rows hold it); a caller adding rows may raise it first. */
        final int[] degree;
        /** What each row's reduction did, in the order the rows came; null unless asked for. */
        final Log log;
        private final long[] acc;
        private final int[] stamp;
        private int[] touched;
        private int cur;
        private final IntHeap heap;

        Echelon(int[][] rowCols, int[][] rowCoef, long[] rhs, int k, long p) {
            this(k, Math.min(rowCols.length, k), rhs != null, false, p);
            int m = rowCols.length;
            Integer[] order = shortestFirst(rowCols);
            for (int[] cols : rowCols) {
                for (int col : cols) {
                    degree[col]++;
                }
            }
            for (int oi = 0; oi < m && (pivots < k || rhs != null); oi++) {
                int row = order[oi];
                add(rowCols[row], rowCoef[row], rhs == null ? 0 : toField(rhs[row], p));
            }
        }

        /**
         * An empty echelon form over {@code k} columns, for rows added one by one.
         *
         * @param cap     room for this many pivots at first (more are made room for)
         * @param withRhs whether each row comes with its right-hand side
         * @param logged  whether to record each row's reduction ({@link #log})
         */
        Echelon(int k, int cap, boolean withRhs, boolean logged, long p) {
            this.p = p;
            this.c = (1L << 61) - p;
            cap = Math.max(1, cap);
            degree = new int[k];
            pivotRowOf = new int[k];
            Arrays.fill(pivotRowOf, -1);
            pivCols = new int[cap][];
            pivVals = new long[cap][];
            pivRhs = withRhs ? new long[cap] : null;
            pivotCol = new int[cap];
            log = logged ? new Log() : null;
            acc = new long[k];
            stamp = new int[k];
            touched = new int[16];
            heap = new IntHeap(k);
        }

        /** The rows' indices, shortest first, then by index. */
        static Integer[] shortestFirst(int[][] rowCols) {
            Integer[] order = new Integer[rowCols.length];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (x, y) -> rowCols[x].length != rowCols[y].length
                    ? Integer.compare(rowCols[x].length, rowCols[y].length) : Integer.compare(x, y));
            return order;
        }

        /**
         * Reduces one row (columns, coefficients, right-hand side b in the field) by the pivot rows before it and
         * makes it a pivot row unless it reduces to 0 (then the system has no solution if b does not).
         *
         * @return the new pivot row's index, or -1
         */
        int add(int[] cols, int[] coef, long b) {
            cur++;
            int nt = 0;
            if (touched.length < cols.length) {
                touched = Arrays.copyOf(touched, Math.max(cols.length, touched.length * 2));
            }
            for (int t = 0; t < cols.length; t++) {
                int col = cols[t];
                stamp[col] = cur;
                acc[col] = toField(coef[t], p);
                touched[nt++] = col;
                if (pivotRowOf[col] >= 0) {
                    heap.add(pivotRowOf[col]);
                }
            }
            while (!heap.isEmpty()) {
                int pr = heap.poll();
                int pc = pivotCol[pr];
                long f = acc[pc];
                if (f == 0) {
                    continue;
                }
                if (log != null) {
                    log.applied(pr, f);
                }
                if (pivRhs != null) {
                    b -= mulMod(f, pivRhs[pr], p, c);
                    if (b < 0) {
                        b += p;
                    }
                }
                int[] pcs = pivCols[pr];
                long[] pvs = pivVals[pr];
                for (int t = 0; t < pcs.length; t++) {
                    int col = pcs[t];
                    if (stamp[col] != cur) {
                        stamp[col] = cur;
                        acc[col] = 0;
                        if (nt == touched.length) {
                            touched = Arrays.copyOf(touched, nt * 2);
                        }
                        touched[nt++] = col;
                    }
                    long before = acc[col];
                    long after = before - mulMod(f, pvs[t], p, c);
                    if (after < 0) {
                        after += p;
                    }
                    acc[col] = after;
                    if (before == 0 && after != 0 && col != pc && pivotRowOf[col] >= 0) {
                        heap.add(pivotRowOf[col]);
                    }
                }
            }
            int nz = 0;
            int best = -1;
            for (int t = 0; t < nt; t++) {
                int col = touched[t];
                if (acc[col] != 0) {
                    nz++;
                    if (best < 0 || degree[col] < degree[best] || (degree[col] == degree[best] && col < best)) {
                        best = col;
                    }
                }
            }
            if (nz == 0) {
                inconsistent |= b != 0;
                if (log != null) {
                    log.rowDone(-1, 0);
                }
                return -1; // dependent on the rows before
            }
            long inv = inverse(acc[best], p, c);
            int[] rc = new int[nz];
            long[] rv = new long[nz];
            int j = 0;
            for (int t = 0; t < nt; t++) {
                int col = touched[t];
                if (acc[col] != 0) {
                    rc[j] = col;
                    rv[j] = col == best ? 1 : mulMod(acc[col], inv, p, c);
                    j++;
                }
            }
            if (pivots == pivotCol.length) {
                int cap = pivots * 2;
                pivCols = Arrays.copyOf(pivCols, cap);
                pivVals = Arrays.copyOf(pivVals, cap);
                pivotCol = Arrays.copyOf(pivotCol, cap);
                pivRhs = pivRhs == null ? null : Arrays.copyOf(pivRhs, cap);
            }
            pivCols[pivots] = rc;
            pivVals[pivots] = rv;
            if (pivRhs != null) {
                pivRhs[pivots] = mulMod(b, inv, p, c);
            }
            pivotCol[pivots] = best;
            pivotRowOf[best] = pivots;
            if (log != null) {
                log.rowDone(pivots, inv);
            }
            return pivots++;
        }

        /**
         * The solution x (free columns 0) of the rows with right-hand side 1 on the {@code first}-th row added and
         * 0 on every other, from the {@link #log}: each row's recorded reduction replayed on the right-hand side
         * alone. Null when that system has no solution.
         */
        long[] solveUnit(int first, int n) {
            long[] rhs = new long[Math.max(1, pivots)];
            for (int i = first; i < log.rows; i++) {
                long b = i == first ? 1 : 0;
                for (int t = log.start[i]; t < log.start[i + 1]; t++) {
                    long r = rhs[log.pivot[t]];
                    if (r != 0) {
                        b -= mulMod(log.factor[t], r, p, c);
                        if (b < 0) {
                            b += p;
                        }
                    }
                }
                int made = log.made[i];
                if (made < 0) {
                    if (b != 0) {
                        return null;
                    }
                } else {
                    rhs[made] = mulMod(b, log.inverse[i], p, c);
                }
            }
            long[] x = new long[n];
            backSubstitute(x, rhs);
            return x;
        }

        /**
         * A random vector of the null space of the rows (without the right-hand side): every free column drawn
         * from {@code seed}, non-zero, the pivot columns by back-substitution.
         *
         * @param n the number of columns
         */
        long[] randomNullVector(int n, long seed) {
            SplittableRandom random = new SplittableRandom(seed);
            long[] z = new long[n];
            for (int col = 0; col < n; col++) {
                if (pivotRowOf[col] < 0) {
                    z[col] = 1 + random.nextLong(p - 1);
                }
            }
            backSubstitute(z, null);
            return z;
        }

        /**
         * Completes x, whose free columns are set, by back-substitution (latest pivot row first: a pivot row
         * only holds its own pivot, free columns and pivots of later rows), with the pivot rows' right-hand sides
         * {@code rhs} (null: 0).
         */
        void backSubstitute(long[] x, long[] rhs) {
            for (int pr = pivots - 1; pr >= 0; pr--) {
                int pc = pivotCol[pr];
                int[] pcs = pivCols[pr];
                long[] pvs = pivVals[pr];
                long s = 0;
                for (int t = 0; t < pcs.length; t++) {
                    if (pcs[t] != pc && x[pcs[t]] != 0) {
                        s += mulMod(pvs[t], x[pcs[t]], p, c);
                        if (s >= p) {
                            s -= p;
                        }
                    }
                }
                long v = (rhs == null ? 0 : rhs[pr]) - s;
                x[pc] = v < 0 ? v + p : v;
            }
        }

        /**
         * Per row added, in order: the pivot rows its reduction applied, with their factors, and the pivot row it
         * made (with the inverse it was normalised by) or -1.
         */
        static final class Log {
            int rows;
            int[] start = new int[17];
            int[] made = new int[16];
            long[] inverse = new long[16];
            int entries;
            int[] pivot = new int[256];
            long[] factor = new long[256];

            void applied(int pr, long f) {
                if (entries == pivot.length) {
                    pivot = Arrays.copyOf(pivot, entries * 2);
                    factor = Arrays.copyOf(factor, entries * 2);
                }
                pivot[entries] = pr;
                factor[entries++] = f;
            }

            void rowDone(int pr, long inv) {
                if (rows == made.length) {
                    made = Arrays.copyOf(made, rows * 2);
                    inverse = Arrays.copyOf(inverse, rows * 2);
                    start = Arrays.copyOf(start, rows * 2 + 1);
                }
                made[rows] = pr;
                inverse[rows++] = inv;
                start[rows] = entries;
            }
        }
    }

    /**
     * A binary min-heap of pivot-row indices without duplicates (a row already queued is not added again).
     */
    private static final class IntHeap {
        private int[] a;
        private int size;
        private final boolean[] in;

        IntHeap(int capacity) {
            a = new int[Math.max(16, capacity)];
            in = new boolean[Math.max(1, capacity)];
        }

        boolean isEmpty() {
            return size == 0;
        }

        void add(int x) {
            if (in[x]) {
                return;
            }
            in[x] = true;
            if (size == a.length) {
                a = Arrays.copyOf(a, size * 2);
            }
            int i = size++;
            while (i > 0) {
                int parent = (i - 1) >>> 1;
                if (a[parent] <= x) {
                    break;
                }
                a[i] = a[parent];
                i = parent;
            }
            a[i] = x;
        }

        int poll() {
            int top = a[0];
            in[top] = false;
            int x = a[--size];
            int i = 0;
            int half = size >>> 1;
            while (i < half) {
                int child = 2 * i + 1;
                if (child + 1 < size && a[child + 1] < a[child]) {
                    child++;
                }
                if (x <= a[child]) {
                    break;
                }
                a[i] = a[child];
                i = child;
            }
            if (size > 0) {
                a[i] = x;
            }
            return top;
        }
    }

    static long toField(long v, long p) {
        long r = v % p;
        return r < 0 ? r + p : r;
    }

    /**
     * a * b mod p for p = 2^61 - c, 0 &lt;= a, b &lt; p, c &lt; 2^8. The 122-bit product H 2^61 + L is folded with
     * 2^61 = c (mod p) twice, then reduced.
     */
    static long mulMod(long a, long b, long p, long c) {
        long hi = Math.multiplyHigh(a, b);
        long lo = a * b;
        long low = lo & MASK61;
        long high = (lo >>> 61) | (hi << 3); // < 2^61
        if (c == 1) {
            long r = low + high; // < 2^62
            r = (r & MASK61) + (r >>> 61);
            return r >= p ? r - p : r;
        }
        long h2 = Math.multiplyHigh(high, c);
        long l2 = high * c;
        long low2 = l2 & MASK61;
        long high2 = (l2 >>> 61) | (h2 << 3); // < 2^8
        long r = high2 * c + low2 + low; // < 2^16 + 2^62
        return r % p;
    }

    /** a^-1 mod p (a != 0), by Fermat. */
    static long inverse(long a, long p, long c) {
        long result = 1;
        long base = a;
        long e = p - 2;
        while (e > 0) {
            if ((e & 1) != 0) {
                result = mulMod(result, base, p, c);
            }
            base = mulMod(base, base, p, c);
            e >>= 1;
        }
        return result;
    }
}
