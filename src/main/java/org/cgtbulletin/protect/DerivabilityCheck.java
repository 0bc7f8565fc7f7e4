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
        e.backSubstitute(y, true);
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
     * (the unknown is not determined, or only by the random test's rare false alarm).
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
        long p = d.p();
        long c = (1L << 61) - p;
        java.util.Map<Integer, Integer> localRow = new java.util.HashMap<>();
        for (int r = 0; r < comp.sysRow.length; r++) {
            localRow.put(comp.sysRow[r], r);
        }
        Effect[] out = new Effect[candidates.length];
        for (int i = 0; i < candidates.length; i++) {
            int cell = candidates[i];
            long wy = 0;
            long wz = 0;
            Effect effect = null;
            for (int row : sys.cellRows[cell]) {
                Integer r = localRow.get(row);
                if (r == null) {
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
                wy = (wy + mulMod(d.y()[r], a, p, c)) % p;
                wz = (wz + mulMod(d.z()[r], a, p, c)) % p;
            }
            if (effect == null) {
                effect = wy != 0 && wz == 0 ? Effect.UNPINS : Effect.STAYS_PINNED;
            }
            out[i] = effect;
        }
        return out;
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
                    e.backSubstitute(y, true);
                    return new Derivation(p, y, withNull ? e.randomNullVector(y.length, 0x9E3779B97F4A7C15L) : null);
                }
            }
            return null;
        }
    }

    /**
     * The (non-reduced) echelon form of a sparse system modulo p = 2^61 - c, with an optional right-hand side.
     * Rows are processed shortest first, each reduced by the pivot rows before it; a new pivot is the row's column
     * of lowest static rank (fewest rows, then lowest index), and pivot rows are normalised to a leading 1.
     */
    private static final class Echelon {
        final long p;
        final long c;
        final int[] pivotRowOf;
        final int[][] pivCols;
        final long[][] pivVals;
        final long[] pivRhs;
        final int[] pivotCol;
        int pivots;
        /** A row reduced to 0 = non-zero: the system has no solution. */
        boolean inconsistent;

        Echelon(int[][] rowCols, int[][] rowCoef, long[] rhs, int k, long p) {
            this.p = p;
            this.c = (1L << 61) - p;
            int m = rowCols.length;
            Integer[] order = new Integer[m];
            for (int i = 0; i < m; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (x, y) -> rowCols[x].length != rowCols[y].length
                    ? Integer.compare(rowCols[x].length, rowCols[y].length) : Integer.compare(x, y));
            int[] degree = new int[k];
            for (int[] cols : rowCols) {
                for (int col : cols) {
                    degree[col]++;
                }
            }
            int cap = Math.min(m, k);
            pivotRowOf = new int[k];
            Arrays.fill(pivotRowOf, -1);
            pivCols = new int[cap][];
            pivVals = new long[cap][];
            pivRhs = rhs == null ? null : new long[cap];
            pivotCol = new int[cap];

            long[] acc = new long[k];
            int[] stamp = new int[k];
            int[] touched = new int[k];
            int cur = 0;
            IntHeap heap = new IntHeap(cap);
            for (int oi = 0; oi < m && (pivots < k || rhs != null); oi++) {
                int row = order[oi];
                cur++;
                int nt = 0;
                int[] cols = rowCols[row];
                int[] coef = rowCoef[row];
                long b = rhs == null ? 0 : toField(rhs[row], p);
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
                    if (rhs != null) {
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
                    continue; // dependent on the rows before
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
                pivCols[pivots] = rc;
                pivVals[pivots] = rv;
                if (rhs != null) {
                    pivRhs[pivots] = mulMod(b, inv, p, c);
                }
                pivotCol[pivots] = best;
                pivotRowOf[best] = pivots;
                pivots++;
            }
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
            backSubstitute(z, false);
            return z;
        }

        /**
         * Completes x, whose free columns are set, by back-substitution (latest pivot row first: a pivot row
         * only holds its own pivot, free columns and pivots of later rows), with the right-hand side or with 0.
         */
        void backSubstitute(long[] x, boolean withRhs) {
            for (int pr = pivots - 1; pr >= 0; pr--) {
                int pc = pivotCol[pr];
                int[] pcs = pivCols[pr];
                long[] pvs = pivVals[pr];
                long s = 0;
                for (int t = 0; t < pcs.length; t++) {
                    if (pcs[t] != pc) {
                        s += mulMod(pvs[t], x[pcs[t]], p, c);
                        if (s >= p) {
                            s -= p;
                        }
                    }
                }
                long v = (withRhs ? pivRhs[pr] : 0) - s;
                x[pc] = v < 0 ? v + p : v;
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
