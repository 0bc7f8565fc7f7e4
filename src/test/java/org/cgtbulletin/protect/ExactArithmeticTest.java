package org.cgtbulletin.protect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
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

    /** The pivot's exact update refuses what it cannot represent, the one overflowing quotient included. */
    @Test
    void thePivotsUpdateIsExactOrRefused() {
        assertEquals(-7, ExactSimplex.update(3, 5, 2, 11, 1));
        assertEquals(6, ExactSimplex.update(4, 9, 3, 4, 4)); // (36 - 12) / 4
        assertThrows(ExactSimplex.Unsolved.class, () -> ExactSimplex.update(4, 9, 3, 3, 4)); // 27 / 4
        assertThrows(ExactSimplex.Unsolved.class, () -> ExactSimplex.update(1, Long.MIN_VALUE, 0, 0, -1));
        assertEquals(Long.MIN_VALUE / 2, ExactSimplex.update(1, Long.MIN_VALUE, 0, 0, 2));
        assertEquals(Long.MAX_VALUE / 3, ExactSimplex.update(Long.MAX_VALUE / 3, 6, 0, 0, 6)); // past 64 bits
    }

    /**
     * The update's unchecked path (every operand within 2^30) and its checked one agree with BigInteger on either
     * side of that bound, at its extremes (products of -2^30 and 2^30 of opposite signs) and far beyond it.
     */
    @Test
    void thePivotsUpdateMatchesBigIntegerAcrossTheUncheckedBound() {
        SplittableRandom rnd = new SplittableRandom(20261203);
        long[] edges = {0, 1, -1, (1L << 30) - 1, 1L << 30, -(1L << 30), -(1L << 30) - 1, (1L << 30) + 1, 1L << 31,
            -(1L << 31), Integer.MAX_VALUE, Integer.MIN_VALUE, (1L << 32) - 1, -(1L << 32), 3037000499L, -3037000500L,
            Long.MAX_VALUE, Long.MIN_VALUE + 1, Long.MIN_VALUE};
        for (int k = 0; k < 100_000; k++) {
            long[] v = new long[5];
            for (int i = 0; i < 5; i++) {
                int shape = rnd.nextInt(4);
                v[i] = shape == 0 ? edges[rnd.nextInt(edges.length)]
                        : shape == 1 ? rnd.nextLong(-(1L << 33), 1L << 33)
                        : shape == 2 ? rnd.nextLong(-(1L << 12), 1L << 12) : rnd.nextLong();
            }
            long p = v[0];
            long x = v[1];
            long a = v[2];
            long y = v[3];
            long d = v[4] == 0 ? 1 : v[4];
            BigInteger num = BigInteger.valueOf(p).multiply(BigInteger.valueOf(x))
                    .subtract(BigInteger.valueOf(a).multiply(BigInteger.valueOf(y)));
            if (k % 2 == 0) {
                // Half the cases divide exactly (d a divisor of the numerator), so that quotients are checked too.
                d = num.gcd(BigInteger.valueOf(rnd.nextInt(1, 64))).longValueExact() * (rnd.nextBoolean() ? 1 : -1);
            }
            BigInteger[] qr = num.divideAndRemainder(BigInteger.valueOf(d));
            boolean representable = qr[1].signum() == 0 && qr[0].bitLength() < 64;
            long dd = d;
            java.util.function.Supplier<String> where = () -> "(" + p + " * " + x + " - " + a + " * " + y + ") / " + dd;
            if (representable) {
                assertEquals(qr[0].longValueExact(), ExactSimplex.update(p, x, a, y, d), where);
            } else {
                // Refused as its callers expect: Unsolved or ArithmeticException, each a fall-back to floating point.
                RuntimeException refusal = assertThrows(RuntimeException.class,
                        () -> ExactSimplex.update(p, x, a, y, dd), where);
                assertTrue(refusal instanceof ExactSimplex.Unsolved || refusal instanceof ArithmeticException,
                        () -> where.get() + ": " + refusal);
            }
        }
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

    /** A random system ({@link #randomSystem}) of 6 to 35 cells and a random share of them withheld. */
    private record RandomCase(LinearSystem sys, boolean[] withheld) {
        static RandomCase of(long seed, boolean unitCoefficients) {
            SplittableRandom rnd = new SplittableRandom(seed);
            int cells = 6 + rnd.nextInt(30);
            LinkedTables t = randomSystem(rnd, cells, cells, unitCoefficients);
            return new RandomCase(new LinearSystem(t), randomSuppression(rnd, cells, 0.2 + rnd.nextDouble(0.6)));
        }
    }

    static IntStream seeds() {
        return IntStream.range(0, 150);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void modularDerivabilityEqualsRationalRref(int seed) {
        RandomCase rc = RandomCase.of(seed, seed % 2 == 0);
        for (Component comp : Component.of(rc.sys(), rc.withheld())) {
            boolean[] fast = DerivabilityCheck.determined(comp);
            boolean[] slow = RationalRref.determined(comp);
            assertArrayEquals(slow, fast, "seed " + seed + " component " + Arrays.toString(comp.cells));
            // each prime on its own agrees too
            assertArrayEquals(slow, DerivabilityCheck.determined(comp, DerivabilityCheck.P1, 1));
            assertArrayEquals(slow, DerivabilityCheck.determined(comp, DerivabilityCheck.P2, 2));
        }
    }

    /**
     * A certificate exists exactly for the determined unknowns, and combines the rows into that unknown alone
     * (y^T A = e_u modulo p), and the right-hand sides into its true value. (136 of the 150 seeds hold
     * determined unknowns.)
     */
    @ParameterizedTest
    @MethodSource("seeds")
    void certificatesDeriveExactlyTheDeterminedUnknowns(int seed) {
        RandomCase rc = RandomCase.of(500 + seed, seed % 2 == 0);
        LinearSystem sys = rc.sys();
        for (Component comp : Component.of(sys, rc.withheld())) {
            boolean[] det = RationalRref.determined(comp);
            for (long p : new long[] {DerivabilityCheck.P1, DerivabilityCheck.P2}) {
                long c = (1L << 61) - p;
                for (int u = 0; u < comp.size(); u++) {
                    long[] y = DerivabilityCheck.certificate(comp, u, p);
                    assertEquals(det[u], y != null, "seed " + seed + " cell " + comp.cells[u]);
                    if (y == null) {
                        continue;
                    }
                    long[] combined = new long[comp.size()];
                    long value = 0;
                    for (int r = 0; r < y.length; r++) {
                        for (int i = 0; i < comp.rowCols[r].length; i++) {
                            int col = comp.rowCols[r][i];
                            long term = DerivabilityCheck.mulMod(y[r],
                                    DerivabilityCheck.toField(comp.rowCoef[r][i], p), p, c);
                            combined[col] = (combined[col] + term) % p;
                        }
                        value = (value + DerivabilityCheck.mulMod(y[r], DerivabilityCheck.toField(comp.rhs[r], p),
                                p, c)) % p;
                    }
                    long[] unit = new long[comp.size()];
                    unit[u] = 1;
                    assertArrayEquals(unit, combined, "seed " + seed + " cell " + comp.cells[u]);
                    assertEquals(DerivabilityCheck.toField(sys.value[comp.cells[u]], p), value);
                }
            }
        }
    }

    /**
     * Withholding a published cell outside {@link DerivabilityCheck#entering} leaves a determined unknown determined;
     * withholding one inside makes it underivable or is determined itself (it took a degree of freedom from the
     * derivations), by the exact rational test. And {@link DerivabilityCheck#withholding} tells what withholding each
     * one does as that test does, where it tells.
     */
    @ParameterizedTest
    @MethodSource("seeds")
    void onlyCellsEnteringADerivationCanUnpinIt(int seed) {
        withholdingAsTheExactCheckSays(seed);
    }

    /** Over all seeds, withholding tells both ways often, and leaves some candidates to solving. */
    @Test
    void withholdingTellsMostCandidates() {
        int[] told = new int[3];
        seeds().forEach(seed -> {
            int[] one = withholdingAsTheExactCheckSays(seed);
            for (int i = 0; i < 3; i++) {
                told[i] += one[i];
            }
        });
        assertTrue(told[Derivability.Effect.UNPINS.ordinal()] > 500, Arrays.toString(told));
        assertTrue(told[Derivability.Effect.STAYS_PINNED.ordinal()] > 3000, Arrays.toString(told));
        assertTrue(told[Derivability.Effect.UNDECIDED.ordinal()] > 0, Arrays.toString(told));
    }

    /**
     * Derivations kept and grown one withheld cell at a time ({@link DerivabilityCheck.Derivations}, as a pass
     * through the hidden table uses them) give a certificate exactly for the determined unknowns and tell what
     * withholding each published cell does as a fresh elimination of the component does, at every step.
     */
    @ParameterizedTest
    @MethodSource("seeds")
    void grownDerivationsTellWhatFreshOnesTell(int seed) {
        RandomCase rc = RandomCase.of(900 + seed, seed % 2 == 0);
        LinearSystem sys = rc.sys();
        boolean[] supp = new boolean[sys.cells];
        List<Integer> later = new ArrayList<>(); // every third withheld cell, withheld one at a time
        int seen = 0;
        for (int c = 0; c < sys.cells; c++) {
            if (rc.withheld()[c] && seen++ % 3 == 2) {
                later.add(c);
            } else {
                supp[c] = rc.withheld()[c];
            }
        }
        DerivabilityCheck.Derivations grown = new DerivabilityCheck.Derivations(sys, supp, DerivabilityCheck.P1);
        for (int step = 0; step <= later.size(); step++) {
            if (step > 0) {
                supp[later.get(step - 1)] = true;
                assertTrue(grown.growsTo(supp));
                grown.growTo(supp);
            }
            boolean[] known = supp;
            int[] candidates = IntStream.range(0, sys.cells).filter(c -> !known[c]).toArray();
            for (Component comp : Component.of(sys, supp)) {
                boolean[] det = RationalRref.determined(comp);
                for (int u = 0; u < comp.size(); u++) {
                    String at = "seed " + seed + " step " + step + " cell " + comp.cells[u];
                    long[] y = grown.certificate(comp.cells[u]);
                    assertEquals(det[u], y != null, at);
                    if (y != null) {
                        assertArrayEquals(DerivabilityCheck.withholding(sys, supp, comp, u, candidates),
                                DerivabilityCheck.effects(sys, supp, comp, candidates, grown.p, y,
                                        grown.nullVector()), at);
                    }
                }
            }
        }
        for (int c = 0; c < sys.cells; c++) {
            if (supp[c]) {
                boolean[] fewer = supp.clone();
                fewer[c] = false;
                assertFalse(grown.growsTo(fewer), "a cell published again: made afresh");
                break;
            }
        }
    }

    /** A point's comparisons in 128-bit arithmetic ({@link Certificates#compareScaled}) agree with BigInteger's. */
    @ParameterizedTest
    @MethodSource("seeds")
    void scaledComparisonsAgreeWithBigIntegers(int seed) {
        SplittableRandom rnd = new SplittableRandom(5000 + seed);
        long[] edges = {0, 1, -1, Long.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE - 1, Long.MIN_VALUE + 1,
            1L << 40, -(1L << 40), 1L << 62, -(1L << 62), 10_000, Integer.MAX_VALUE};
        for (int i = 0; i < 200; i++) {
            long num = i < edges.length ? edges[i] : rnd.nextLong() >> rnd.nextInt(64);
            long v = edges[rnd.nextInt(edges.length)] + (rnd.nextBoolean() ? rnd.nextLong() >> rnd.nextInt(64) : 0);
            long den = 1 + (rnd.nextLong() >>> (1 + rnd.nextInt(63)));
            if (i % 3 == 0) {
                v = num / den + rnd.nextInt(3) - 1; // near the quotient, where the low words decide
            }
            int exact = BigInteger.valueOf(num).compareTo(BigInteger.valueOf(v).multiply(BigInteger.valueOf(den)));
            assertEquals(Integer.signum(exact), Integer.signum(Certificates.compareScaled(num, v, den)),
                    num + " against " + v + " * " + den);
        }
    }

    /** The assertions of {@link #onlyCellsEnteringADerivationCanUnpinIt}; per effect, the candidates told so. */
    private static int[] withholdingAsTheExactCheckSays(int seed) {
        RandomCase rc = RandomCase.of(700 + seed, seed % 2 == 1);
        LinearSystem sys = rc.sys();
        boolean[] supp = rc.withheld();
        int[] told = new int[3];
        for (Component comp : Component.of(sys, supp)) {
            boolean[] det = RationalRref.determined(comp);
            for (int u = 0; u < comp.size(); u++) {
                java.util.BitSet entering = DerivabilityCheck.entering(sys, comp, u, c -> !supp[c]);
                int[] known = IntStream.range(0, sys.cells).filter(c -> !supp[c]).toArray();
                Derivability.Effect[] effects = DerivabilityCheck.withholding(sys, supp, comp, u, known);
                assertEquals(det[u], entering != null);
                assertEquals(det[u], effects != null);
                if (entering == null) {
                    continue;
                }
                for (int c = 0; c < sys.cells; c++) {
                    if (supp[c]) {
                        continue;
                    }
                    boolean[] more = supp.clone();
                    more[c] = true;
                    boolean stillPinned = false;
                    boolean itself = false;
                    for (Component k : Component.of(sys, more)) {
                        int ku = Arrays.binarySearch(k.cells, comp.cells[u]);
                        int kc = Arrays.binarySearch(k.cells, c);
                        if (ku >= 0 || kc >= 0) {
                            boolean[] detAfter = RationalRref.determined(k);
                            stillPinned |= ku >= 0 && detAfter[ku];
                            itself |= kc >= 0 && detAfter[kc];
                        }
                    }
                    String at = "seed " + seed + " cell " + comp.cells[u] + " withholding " + c;
                    if (entering.get(c)) {
                        assertTrue(!stillPinned || itself, at);
                    } else {
                        assertTrue(stillPinned, at);
                    }
                    Derivability.Effect effect = effects[Arrays.binarySearch(known, c)];
                    told[effect.ordinal()]++;
                    if (effect == Derivability.Effect.UNPINS) {
                        assertTrue(!stillPinned && !itself, at);
                    } else if (effect == Derivability.Effect.STAYS_PINNED) {
                        assertTrue(stillPinned, at);
                    }
                }
            }
        }
        return told;
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
     * Every optimum the exact simplex reports comes with duals that certify it, exactly: with c = sign e_k, every
     * scaled reduced cost d c_j - sum_r y_r a_rj is non-negative and sum_r y_r b_r equals d times the optimum. One
     * program per component answers all 2n objectives in turn (warm starts), and the systems with coefficients
     * other than 1 make pivots that change the common denominator d, after which rows the pivot did not reach are
     * rescaled only when read: the test fails unless that happened.
     */
    @Test
    void exactSimplexsDualsCertifyEveryOptimum() {
        long largestDenominator = 0;
        int certified = 0;
        for (int seed = 0; seed < 150; seed++) {
            SplittableRandom rnd = new SplittableRandom(2000 + seed);
            int cells = 6 + rnd.nextInt(30);
            LinearSystem sys = new LinearSystem(randomSystem(rnd, cells, cells, seed % 2 == 1));
            boolean[] supp = randomSuppression(rnd, cells, 0.2 + rnd.nextDouble(0.6));
            for (Component comp : Component.of(sys, supp)) {
                ExactSimplex lp = new ExactSimplex(comp, null, true);
                for (int k = 0; k < comp.size(); k++) {
                    for (int sign : new int[] {-1, 1}) {
                        long[] opt = lp.optimize(k, sign);
                        if (opt == null) {
                            continue; // unbounded above
                        }
                        long d = lp.denominator();
                        largestDenominator = Math.max(largestDenominator, d);
                        long[] y = lp.scaledDuals(k, sign);
                        String what = "seed " + seed + " cell " + comp.cells[k] + " sign " + sign;
                        BigInteger[] reduced = new BigInteger[comp.size()];
                        Arrays.fill(reduced, BigInteger.ZERO);
                        reduced[k] = BigInteger.valueOf(sign * d);
                        BigInteger dual = BigInteger.ZERO;
                        for (int r = 0; r < comp.rowCols.length; r++) {
                            BigInteger yr = BigInteger.valueOf(y[r]);
                            dual = dual.add(yr.multiply(BigInteger.valueOf(comp.rhs[r])));
                            for (int q = 0; q < comp.rowCols[r].length; q++) {
                                int j = comp.rowCols[r][q];
                                reduced[j] = reduced[j].subtract(yr.multiply(BigInteger.valueOf(comp.rowCoef[r][q])));
                            }
                        }
                        for (int j = 0; j < comp.size(); j++) {
                            assertTrue(reduced[j].signum() >= 0, what + ": reduced cost of " + j);
                        }
                        // sum y_r b_r / d == sign * opt[0] / opt[1]
                        assertEquals(BigInteger.valueOf(sign).multiply(BigInteger.valueOf(opt[0]))
                                .multiply(BigInteger.valueOf(d)), dual.multiply(BigInteger.valueOf(opt[1])), what);
                        certified++;
                    }
                }
            }
        }
        assertTrue(certified > 1000, "optima certified: " + certified);
        assertTrue(largestDenominator > 1, "no pivot changed the denominator");
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
