package org.cgtbulletin.protect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The exact machinery against independent references: modular arithmetic against {@link BigInteger}, the modular
 * derivability check against a rational reduced row echelon form computed here with {@link BigInteger} fractions,
 * and the fraction-free simplex against commons-math3's floating-point {@code SimplexSolver}.
 */
class ExactArithmeticTest {

    @Test
    void primesArePrime() {
        assertTrue(BigInteger.valueOf(DerivabilityCheck.P1).isProbablePrime(64));
        assertTrue(BigInteger.valueOf(DerivabilityCheck.P2).isProbablePrime(64));
    }

    @Test
    void mulModMatchesBigInteger() {
        SplittableRandom rnd = new SplittableRandom(7);
        for (long p : new long[] {DerivabilityCheck.P1, DerivabilityCheck.P2}) {
            long c = (1L << 61) - p;
            BigInteger bp = BigInteger.valueOf(p);
            long[] edge = {0, 1, 2, p - 1, p - 2, p / 2, (1L << 60), (1L << 32) + 5};
            for (long a : edge) {
                for (long b : edge) {
                    assertEquals(BigInteger.valueOf(a).multiply(BigInteger.valueOf(b)).mod(bp).longValueExact(),
                            DerivabilityCheck.mulMod(a, b, p, c));
                }
            }
            for (int i = 0; i < 100_000; i++) {
                long a = rnd.nextLong(p);
                long b = rnd.nextLong(p);
                assertEquals(BigInteger.valueOf(a).multiply(BigInteger.valueOf(b)).mod(bp).longValueExact(),
                        DerivabilityCheck.mulMod(a, b, p, c));
            }
            for (int i = 0; i < 1000; i++) {
                long a = 1 + rnd.nextLong(p - 1);
                assertEquals(1, DerivabilityCheck.mulMod(a, DerivabilityCheck.inverse(a, p, c), p, c));
            }
        }
    }

    @Test
    void compareProductsIsExact() {
        assertEquals(0, ExactSimplex.compareProducts(Long.MAX_VALUE, 2, 2, Long.MAX_VALUE));
        assertEquals(-1, ExactSimplex.compareProducts(Long.MAX_VALUE - 1, Long.MAX_VALUE, Long.MAX_VALUE,
                Long.MAX_VALUE));
        assertEquals(1, ExactSimplex.compareProducts(-3, -5, 2, 7));
        assertEquals(-1, ExactSimplex.compareProducts(-3, 5, 2, 7));
    }

    /** A random linked system: random rows over a few cells with small coefficients, random suppression. */
    static LinkedTables randomSystem(SplittableRandom rnd, int cells, int relations, boolean unitCoefficients) {
        LinkedTables t = new LinkedTables();
        long[] v = new long[cells];
        int inner = Math.max(2, cells / 2);
        for (int c = 0; c < inner; c++) {
            v[c] = rnd.nextInt(4) == 0 ? 0 : 1 + rnd.nextInt(30);
            t.addCell("x" + c, java.util.Map.of("m" + (c % 3), v[c]));
        }
        // the other cells are sums of random subsets (with repetitions when not unit)
        List<int[]> defs = new ArrayList<>();
        for (int c = inner; c < cells; c++) {
            int k = 1 + rnd.nextInt(Math.min(5, c));
            int[] parts = new int[k];
            long sum = 0;
            for (int i = 0; i < k; i++) {
                parts[i] = rnd.nextInt(c);
                sum += v[parts[i]];
            }
            if (unitCoefficients) {
                parts = Arrays.stream(parts).distinct().toArray();
                sum = Arrays.stream(parts).mapToLong(p -> v[p]).sum();
            }
            v[c] = sum;
            java.util.Map<String, Long> m = new java.util.TreeMap<>();
            for (int p : parts) {
                m.merge("m" + (p % 3), v[p], Long::sum);
            }
            m.values().removeIf(x -> x == 0);
            t.addCell("s" + c, m);
            defs.add(parts);
        }
        for (int i = 0; i < relations && i < defs.size(); i++) {
            t.addRelation(inner + i, defs.get(i));
        }
        return t;
    }

    static boolean[] randomSuppression(SplittableRandom rnd, int n, double share) {
        boolean[] s = new boolean[n];
        for (int i = 0; i < n; i++) {
            s[i] = rnd.nextDouble() < share;
        }
        return s;
    }

    static IntStream seeds() {
        return IntStream.range(0, 150);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void modularDerivabilityEqualsRationalRref(int seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int cells = 6 + rnd.nextInt(30);
        LinkedTables t = randomSystem(rnd, cells, cells, seed % 2 == 0);
        LinearSystem sys = new LinearSystem(t);
        boolean[] supp = randomSuppression(rnd, cells, 0.2 + rnd.nextDouble(0.6));
        for (Component comp : Component.of(sys, supp)) {
            boolean[] fast = DerivabilityCheck.determined(comp);
            boolean[] slow = RationalRref.determined(comp);
            assertArrayEquals(slow, fast, "seed " + seed + " component " + Arrays.toString(comp.cells));
            // each prime on its own agrees too
            assertArrayEquals(slow, DerivabilityCheck.determined(comp, DerivabilityCheck.P1, 1));
            assertArrayEquals(slow, DerivabilityCheck.determined(comp, DerivabilityCheck.P2, 2));
        }
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void exactSimplexEqualsCommonsMathSimplex(int seed) {
        SplittableRandom rnd = new SplittableRandom(1000 + seed);
        int cells = 6 + rnd.nextInt(30);
        LinkedTables t = randomSystem(rnd, cells, cells, seed % 2 == 1);
        LinearSystem sys = new LinearSystem(t);
        boolean[] supp = randomSuppression(rnd, cells, 0.2 + rnd.nextDouble(0.6));
        for (Component comp : Component.of(sys, supp)) {
            int n = comp.size();
            boolean[] all = new boolean[n];
            Arrays.fill(all, true);
            long[] lower = null;
            if (seed % 3 == 0) { // a contributor's own amounts as lower bounds
                lower = new long[n];
                for (int k = 0; k < n; k++) {
                    lower[k] = sys.own("m1", comp.cells[k]);
                }
            }
            ExactSimplex.Bounds exact = new ExactSimplex.Bounds(n);
            new ExactSimplex(comp, lower).solve(all, exact);
            ExactSimplex.Bounds floating = new ExactSimplex.Bounds(n);
            FloatingSimplex.solve(comp, lower, all, floating);
            for (int k = 0; k < n; k++) {
                String what = "seed " + seed + " cell " + comp.cells[k];
                assertEquals(floating.low[k], exact.low[k], 1e-6, what);
                assertEquals(floating.high[k], exact.high[k], 1e-6, what);
                assertEquals(floating.lowInt[k], exact.lowInt[k], what);
                assertEquals(floating.highInt[k], exact.highInt[k], what);
                long value = sys.value[comp.cells[k]];
                assertTrue(exact.low[k] <= value && value <= exact.high[k], what);
            }
        }
    }

    /**
     * A program warm-started from a smaller restriction of the same component ({@link ExactSimplex#extend}) has
     * the same optimum as one built from scratch for every bound of every unknown, and exact duals that prove it
     * (every reduced cost of the right sign, and the dual objective equal to the optimum).
     */
    @ParameterizedTest
    @MethodSource("seeds")
    void aWarmStartedProgramEqualsOneBuiltFromScratch(int seed) {
        SplittableRandom rnd = new SplittableRandom(5000 + seed);
        int cells = 8 + rnd.nextInt(40);
        LinkedTables t = randomSystem(rnd, cells, cells, seed % 2 == 0);
        LinearSystem sys = new LinearSystem(t);
        boolean[] supp = randomSuppression(rnd, cells, 0.3 + rnd.nextDouble(0.6));
        for (Component comp : Component.of(sys, supp)) {
            int n = comp.size();
            if (n < 3) {
                continue;
            }
            long[] truth = new long[n];
            long[] lower = new long[n];
            for (int k = 0; k < n; k++) {
                truth[k] = sys.value[comp.cells[k]];
                lower[k] = seed % 3 == 0 ? sys.own("m1", comp.cells[k]) : 0;
            }
            int[] small = randomSubset(rnd, n, 1 + rnd.nextInt(n - 1), null);
            int[] large = randomSubset(rnd, n, small.length + 1 + rnd.nextInt(n - small.length), small);
            int[] smallRows = rowsHolding(comp, small);
            int[] largeRows = rowsHolding(comp, large);
            ExactSimplex before = new ExactSimplex(comp.sub(small, smallRows, truth), pick(lower, small), true);
            for (int i = 0; i < 3; i++) { // move the basis about, as the audit's optimisations do
                before.optimize(rnd.nextInt(small.length), rnd.nextBoolean() ? 1 : -1);
            }
            int[] oldColumn = new int[large.length];
            for (int j = 0; j < large.length; j++) {
                oldColumn[j] = Arrays.binarySearch(small, large[j]);
                oldColumn[j] = oldColumn[j] < 0 ? -1 : oldColumn[j];
            }
            int[] oldRow = new int[largeRows.length];
            for (int r = 0; r < largeRows.length; r++) {
                oldRow[r] = Arrays.binarySearch(smallRows, largeRows[r]);
                oldRow[r] = oldRow[r] < 0 ? -1 : oldRow[r];
            }
            Component sub = comp.sub(large, largeRows, truth);
            long[] subLower = pick(lower, large);
            ExactSimplex warm = before.extend(sub, subLower, oldColumn, oldRow);
            ExactSimplex fresh = new ExactSimplex(sub, subLower, true);
            for (int k = 0; k < large.length; k++) {
                for (int sign : new int[] {-1, 1}) {
                    String what = "seed " + seed + " unknown " + k + " sign " + sign;
                    long[] a = warm.optimize(k, sign);
                    provenOptimal(sub, subLower, warm, k, sign, a, what + " (warm)");
                    long[] b = fresh.optimize(k, sign);
                    provenOptimal(sub, subLower, fresh, k, sign, b, what + " (fresh)");
                    assertEquals(a == null, b == null, what);
                    if (a != null) {
                        assertEquals(0, BigInteger.valueOf(a[0]).multiply(BigInteger.valueOf(b[1]))
                                .compareTo(BigInteger.valueOf(b[0]).multiply(BigInteger.valueOf(a[1]))), what);
                    }
                }
            }
        }
    }

    /** Checks the duals of the optimisation just done: reduced costs of the right sign, dual objective = optimum. */
    private static void provenOptimal(Component sub, long[] lower, ExactSimplex lp, int k, int sign, long[] opt,
                                      String what) {
        if (opt == null) {
            return; // unbounded above: no duals to check
        }
        long[] y = lp.scaledDuals(k, sign);
        long d = lp.denominator();
        if (Arrays.stream(y).allMatch(v -> v == 0)) {
            assertEquals(0, opt[0], what + ": x_k not basic, so at its lower bound");
            return;
        }
        assertEquals(d, opt[1], what);
        BigInteger[] reduced = new BigInteger[sub.size()];
        Arrays.fill(reduced, BigInteger.ZERO);
        reduced[k] = BigInteger.valueOf(sign * d);
        BigInteger objective = BigInteger.ZERO;
        for (int r = 0; r < sub.rowCols.length; r++) {
            BigInteger b = BigInteger.valueOf(sub.rhs[r]);
            for (int q = 0; q < sub.rowCols[r].length; q++) {
                int c = sub.rowCols[r][q];
                long a = sub.rowCoef[r][q];
                reduced[c] = reduced[c].subtract(BigInteger.valueOf(y[r]).multiply(BigInteger.valueOf(a)));
                b = b.subtract(BigInteger.valueOf(a).multiply(BigInteger.valueOf(lower[c])));
            }
            objective = objective.add(BigInteger.valueOf(y[r]).multiply(b));
        }
        for (int c = 0; c < reduced.length; c++) {
            assertTrue(reduced[c].signum() >= 0, what + ": reduced cost of " + c + " is " + reduced[c]);
        }
        assertEquals(BigInteger.valueOf(sign * opt[0]), objective, what + ": dual objective");
    }

    /** count distinct indices below n, ascending, containing every element of base (null: none). */
    private static int[] randomSubset(SplittableRandom rnd, int n, int count, int[] base) {
        boolean[] in = new boolean[n];
        int have = 0;
        if (base != null) {
            for (int b : base) {
                in[b] = true;
                have++;
            }
        }
        while (have < Math.min(count, n)) {
            int c = rnd.nextInt(n);
            if (!in[c]) {
                in[c] = true;
                have++;
            }
        }
        return IntStream.range(0, n).filter(i -> in[i]).toArray();
    }

    /** The component's rows (ascending) holding any of the given local unknowns. */
    private static int[] rowsHolding(Component comp, int[] unknowns) {
        List<Integer> rows = new ArrayList<>();
        for (int r = 0; r < comp.rowCols.length; r++) {
            for (int c : comp.rowCols[r]) {
                if (Arrays.binarySearch(unknowns, c) >= 0) {
                    rows.add(r);
                    break;
                }
            }
        }
        return rows.stream().mapToInt(Integer::intValue).toArray();
    }

    private static long[] pick(long[] values, int[] at) {
        long[] out = new long[at.length];
        for (int i = 0; i < at.length; i++) {
            out[i] = values[at[i]];
        }
        return out;
    }

    @Test
    void exactSimplexHandlesValuesNear2To61() {
        // values near 2^62: products of tableau entries exceed 64 bits
        long big = 1L << 61;
        LinkedTables t = new LinkedTables();
        int a = t.addCell("a", java.util.Map.of("m", big));
        int b = t.addCell("b", java.util.Map.of("m", big / 2));
        int c = t.addCell("c", java.util.Map.of("m", big / 4));
        int d = t.addCell("d", java.util.Map.of("m", big / 4 + 3));
        int ab = t.addCell("ab", java.util.Map.of("m", big + big / 2));
        int cd = t.addCell("cd", java.util.Map.of("m", big / 2 + 3));
        int ac = t.addCell("ac", java.util.Map.of("m", big + big / 4));
        int bd = t.addCell("bd", java.util.Map.of("m", big / 2 + big / 4 + 3));
        t.addRelation(ab, new int[] {a, b});
        t.addRelation(cd, new int[] {c, d});
        t.addRelation(ac, new int[] {a, c});
        t.addRelation(bd, new int[] {b, d});
        CellStatus[] s = new CellStatus[t.size()];
        Arrays.fill(s, CellStatus.PUBLISHED);
        s[a] = s[b] = s[c] = s[d] = CellStatus.SUPPRESSED_SECONDARY;
        Auditor.Detail detail = DisclosureControl.detail(t, s, new DisclosureRules(0, 0, 1.0, 0.0));
        assertEquals(List.of(), detail.report().derivable());
        assertEquals(4, detail.report().intervalChecked());
        assertEquals((double) (3 * (big / 4) - 3), detail.low()[a], 1e3);
        assertEquals((double) (big + big / 4), detail.high()[a], 1e3);
    }

    /** Reference: rational RREF with BigInteger fractions, dense, for small systems. */
    static final class RationalRref {
        static boolean[] determined(Component comp) {
            int n = comp.size();
            int m = comp.rowCols.length;
            BigInteger[][] num = new BigInteger[m][n];
            BigInteger[][] den = new BigInteger[m][n];
            for (int i = 0; i < m; i++) {
                Arrays.fill(num[i], BigInteger.ZERO);
                Arrays.fill(den[i], BigInteger.ONE);
                for (int j = 0; j < comp.rowCols[i].length; j++) {
                    num[i][comp.rowCols[i][j]] = BigInteger.valueOf(comp.rowCoef[i][j]);
                }
            }
            int[] pivotOfRow = new int[m];
            Arrays.fill(pivotOfRow, -1);
            int rank = 0;
            for (int col = 0; col < n && rank < m; col++) {
                int sel = -1;
                for (int i = rank; i < m; i++) {
                    if (num[i][col].signum() != 0) {
                        sel = i;
                        break;
                    }
                }
                if (sel < 0) {
                    continue;
                }
                BigInteger[] tn = num[sel];
                num[sel] = num[rank];
                num[rank] = tn;
                BigInteger[] td = den[sel];
                den[sel] = den[rank];
                den[rank] = td;
                // normalise pivot row
                BigInteger pn = num[rank][col];
                BigInteger pd = den[rank][col];
                for (int j = 0; j < n; j++) {
                    BigInteger[] q = reduce(num[rank][j].multiply(pd), den[rank][j].multiply(pn));
                    num[rank][j] = q[0];
                    den[rank][j] = q[1];
                }
                for (int i = 0; i < m; i++) {
                    if (i == rank || num[i][col].signum() == 0) {
                        continue;
                    }
                    BigInteger fn = num[i][col];
                    BigInteger fd = den[i][col];
                    for (int j = 0; j < n; j++) {
                        // a_ij -= f * a_rj
                        BigInteger[] q = reduce(num[i][j].multiply(fd).multiply(den[rank][j])
                                        .subtract(fn.multiply(num[rank][j]).multiply(den[i][j])),
                                den[i][j].multiply(fd).multiply(den[rank][j]));
                        num[i][j] = q[0];
                        den[i][j] = q[1];
                    }
                }
                pivotOfRow[rank] = col;
                rank++;
            }
            boolean[] det = new boolean[n];
            for (int r = 0; r < rank; r++) {
                int nz = 0;
                for (int j = 0; j < n; j++) {
                    if (num[r][j].signum() != 0) {
                        nz++;
                    }
                }
                det[pivotOfRow[r]] = nz == 1;
            }
            return det;
        }

        private static BigInteger[] reduce(BigInteger n, BigInteger d) {
            if (n.signum() == 0) {
                return new BigInteger[] {BigInteger.ZERO, BigInteger.ONE};
            }
            BigInteger g = n.gcd(d);
            n = n.divide(g);
            d = d.divide(g);
            if (d.signum() < 0) {
                n = n.negate();
                d = d.negate();
            }
            return new BigInteger[] {n, d};
        }
    }
}
