package org.cgtbulletin.protect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.cgtbulletin.aggregate.Tables;
import org.junit.jupiter.api.Test;

/**
 * The floating-point whole program and its exact certificates against the exact simplex, on the components of
 * seeded datasets protected by the real pipeline: every optimum equals the exact one, every verified point and
 * every verified bound is right, and a wrong certificate proves nothing.
 */
class SparseSimplexTest {

    /** A component of the protected counts of a seeded dataset, with its linear system and true values. */
    record Seeded(long seed, LinearSystem sys, Component comp, long[] truth) {
    }

    /** Every component of the protected counts of the seeded datasets 1 to {@code seeds}. */
    static List<Seeded> components(int seeds) {
        List<Seeded> out = new ArrayList<>();
        for (long seed = 1; seed <= seeds; seed++) {
            Tables tables = AlternativeDataTest.tables(seed);
            LinearSystem sys = new LinearSystem(tables.counts());
            boolean[] suppressed = AlternativeDataTest.withheld(tables);
            for (Component comp : Component.of(sys, suppressed)) {
                long[] truth = new long[comp.size()];
                for (int j = 0; j < truth.length; j++) {
                    truth[j] = sys.value[comp.cells[j]];
                }
                out.add(new Seeded(seed, sys, comp, truth));
            }
        }
        return out;
    }

    @Test
    void optimaAndCertificatesMatchTheExactSimplex() {
        int points = 0;
        int bounds = 0;
        int solves = 0;
        int exactPoints = 0;
        for (Seeded c : components(8)) {
            long seed = c.seed();
            LinearSystem sys = c.sys();
            Component comp = c.comp();
            int n = comp.size();
            long[] truth = c.truth();
            // Intervals (lower bounds 0), and against each cell's largest contributor (its own amounts).
            for (String token : new String[] {null, "C1", "C2"}) {
                long[] lower = new long[n];
                for (int j = 0; token != null && j < n; j++) {
                    lower[j] = sys.own(token, comp.cells[j]);
                }
                boolean[] all = new boolean[n];
                Arrays.fill(all, true);
                ExactSimplex.Bounds exact = IntervalAudit.bounds(comp, token == null ? null : lower, all);
                assertNotNull(exact);
                SparseSimplex lp = new SparseSimplex(comp);
                assertEquals(SparseSimplex.Status.OPTIMAL, lp.start(lower, truth, 1_000_000));
                for (int k = 0; k < n; k++) {
                    for (int sense : new int[] {1, -1}) {
                        String what = sys.label[comp.cells[k]] + (sense > 0 ? " max" : " min") + " seed "
                                + seed + " lower " + token;
                        SparseSimplex.Status s = lp.optimise(k, sense, 1_000_000);
                        solves++;
                        double want = sense > 0 ? exact.high[k] : exact.low[k];
                        if (s == SparseSimplex.Status.UNBOUNDED) {
                            assertEquals(Double.POSITIVE_INFINITY, want, what);
                            continue;
                        }
                        assertEquals(SparseSimplex.Status.OPTIMAL, s, what);
                        double[] x = lp.primal();
                        assertEquals(want, x[k], 1e-6, what);
                        Certificates.Point p = Certificates.point(comp, lower, x);
                        if (p != null) {
                            points++;
                            assertEquals(want, p.value(k), 1e-9, what);
                        }
                        // The same vertex in exact rationals, by refinement: always found here, and exact.
                        Certificates.Point e = Certificates.point(comp, lower, lp.exactVertex());
                        assertNotNull(e, what);
                        exactPoints++;
                        assertEquals(want, e.value(k), 1e-9, what);
                        if (p != null) {
                            assertEquals(0, p.numerator(k).multiply(e.denominator()).compareTo(e.numerator(k)
                                    .multiply(p.denominator())),
                                    what + ": the rounded vertex and the exact one agree");
                        }
                        Certificates.Rational b = Certificates.bound(comp, lower, lp.dual(k), k, sense);
                        if (b != null) {
                            bounds++;
                            assertEquals(want, b.value(), 1e-9, what);
                        }
                    }
                }
            }
        }
        System.out.println("solves " + solves + " points " + points + " bounds " + bounds + " exact " + exactPoints);
        assertTrue(solves > 500, "solves: " + solves);
        assertTrue(points > solves * 9 / 10, "verified points: " + points + " of " + solves);
        assertTrue(bounds > solves * 9 / 10, "verified bounds: " + bounds + " of " + solves);
    }

    /**
     * The optimisation with the basic values perturbed against degenerate steps ({@link
     * SparseSimplex#optimisePerturbed}) finds the exact optima too, one after another from the same start (each
     * optimisation lifting the values of the basis the last one left), and ends at a true vertex: the point it gives
     * is one of the program's (verified exactly), not one of the perturbed program's.
     */
    @Test
    void thePerturbedOptimisationFindsTheExactOptimaAtTrueVertices() {
        int solves = 0;
        int points = 0;
        for (Seeded c : components(6)) {
            Component comp = c.comp();
            int n = comp.size();
            long[] lower = new long[n];
            boolean[] all = new boolean[n];
            Arrays.fill(all, true);
            ExactSimplex.Bounds exact = IntervalAudit.bounds(comp, null, all);
            assertNotNull(exact);
            SparseSimplex lp = new SparseSimplex(comp);
            assertEquals(SparseSimplex.Status.OPTIMAL, lp.start(lower, c.truth(), 1_000_000));
            for (int k = 0; k < n; k++) {
                for (int sense : new int[] {1, -1}) {
                    String what = c.sys().label[comp.cells[k]] + (sense > 0 ? " max" : " min") + " seed " + c.seed();
                    double want = sense > 0 ? exact.high[k] : exact.low[k];
                    if (want == Double.POSITIVE_INFINITY) {
                        continue; // unbounded: the widening's program never is (it minimises a sum at least 0)
                    }
                    assertEquals(SparseSimplex.Status.OPTIMAL, lp.optimisePerturbed(k, sense, 1_000_000), what);
                    solves++;
                    double[] x = lp.primal();
                    assertEquals(want, x[k], 1e-6, what);
                    for (int j = 0; j < n; j++) {
                        assertTrue(x[j] >= -1e-9, what + ": unknown " + j + " at " + x[j]);
                    }
                    Certificates.Point p = Certificates.point(comp, lower, x);
                    if (p != null) {
                        points++;
                        assertEquals(want, p.value(k), 1e-9, what);
                    }
                }
            }
        }
        assertTrue(solves > 200, "solves: " + solves);
        assertTrue(points > solves * 9 / 10, "verified points: " + points + " of " + solves);
    }

    /**
     * Asked to stop at a target between the true value and the optimum, the simplex stops at a vertex that reaches
     * it (a point the exact check accepts), never later than the optimum; a target beyond the optimum is never
     * reached, and the optimum is found as without one.
     */
    @Test
    void aTargetStopsTheSimplexAtTheFirstVertexThatReachesIt() {
        int reached = 0;
        for (Seeded c : components(4)) {
            Component comp = c.comp();
            long[] truth = c.truth();
            long[] lower = new long[truth.length];
            boolean[] all = new boolean[truth.length];
            Arrays.fill(all, true);
            ExactSimplex.Bounds exact = IntervalAudit.bounds(comp, null, all);
            SparseSimplex lp = new SparseSimplex(comp);
            assertEquals(SparseSimplex.Status.OPTIMAL, lp.start(lower, truth, 1_000_000));
            for (int k = 0; k < truth.length; k++) {
                String what = c.sys().label[comp.cells[k]] + " seed " + c.seed();
                if (exact.high[k] == Double.POSITIVE_INFINITY || exact.high[k] < truth[k] + 2) {
                    continue;
                }
                double target = Math.floor((truth[k] + exact.high[k]) / 2);
                assertEquals(SparseSimplex.Status.REACHED, lp.optimise(k, 1, 1_000_000, target), what);
                double[] x = lp.primal();
                assertTrue(x[k] >= target - 1e-9 && x[k] <= exact.high[k] + 1e-6, what + ": " + x[k]);
                Certificates.Point p = Certificates.point(comp, lower, x);
                if (p != null) {
                    assertTrue(p.atLeast(k, (long) target), what);
                    reached++;
                }
                assertEquals(SparseSimplex.Status.OPTIMAL, lp.optimise(k, 1, 1_000_000, exact.high[k] + 1), what);
                assertEquals(exact.high[k], lp.primal()[k], 1e-6, what);
            }
        }
        assertTrue(reached > 20, "verified points at a target: " + reached);
    }

    /**
     * The solves that visit only the steps a column reaches give, to the last bit, what visiting every step gives,
     * and list every position where it is not zero: on every component of the seeded datasets, after the crossover
     * and after optimisations (with the eta file's updates), both for columns the heap follows to the end and for
     * those that reach too many rows and are finished by scanning.
     */
    @Test
    void sparseSolvesAgreeWithScanningEveryStep() {
        int followed = 0;
        int scanned = 0;
        for (Seeded c : components(8)) {
            Component comp = c.comp();
            int n = comp.size();
            SparseSimplex lp = new SparseSimplex(comp);
            assertEquals(SparseSimplex.Status.OPTIMAL, lp.start(new long[n], c.truth(), 1_000_000));
            for (int k = -1; k < Math.min(n, 12); k++) {
                if (k >= 0) {
                    lp.optimise(k, k % 2 == 0 ? 1 : -1, 1_000_000);
                }
                for (int j = 0; j < n; j++) {
                    SparseSimplex.Column column = lp.ftran(j);
                    double[] all = lp.ftranScanning(j);
                    String what = "seed " + c.seed() + ", unknown " + j + " after " + (k + 1) + " optimisations";
                    assertArrayEquals(all, column.value(), what);
                    if (column.positions() == null) {
                        scanned++;
                        continue;
                    }
                    followed++;
                    boolean[] listed = new boolean[all.length];
                    for (int t = 0; t < column.count(); t++) {
                        listed[column.positions()[t]] = true;
                        assertTrue(t == 0 || column.positions()[t - 1] < column.positions()[t], what);
                    }
                    for (int p = 0; p < all.length; p++) {
                        assertTrue(all[p] == 0 || listed[p], what + ": position " + p + " not listed");
                    }
                }
            }
        }
        System.out.println("columns followed " + followed + ", finished by scanning " + scanned);
        assertTrue(followed > 1000 && scanned > 10, "followed " + followed + ", scanned " + scanned);
    }

    @Test
    void aSuggestedBasisGivesTheSameOptimaWithLessCrossover() {
        Tables tables = AlternativeDataTest.tables(3);
        LinearSystem sys = new LinearSystem(tables.counts());
        boolean[] suppressed = AlternativeDataTest.withheld(tables);
        Component comp = Component.of(sys, suppressed).stream().max(java.util.Comparator.comparingInt(Component::size))
                .orElseThrow();
        int n = comp.size();
        long[] truth = new long[n];
        for (int j = 0; j < n; j++) {
            truth[j] = sys.value[comp.cells[j]];
        }
        long[] zero = new long[n];
        SparseSimplex cold = new SparseSimplex(comp);
        assertEquals(SparseSimplex.Status.OPTIMAL, cold.start(zero, truth, 1_000_000));
        long coldCrossover = cold.spent();
        assertEquals(SparseSimplex.Status.OPTIMAL, cold.optimise(0, 1, 1_000_000));
        SparseSimplex warm = new SparseSimplex(comp);
        warm.suggest(cold.basicUnknowns(), cold.basicArtificialRows());
        assertEquals(SparseSimplex.Status.OPTIMAL, warm.start(zero, truth, 1_000_000));
        assertTrue(warm.spent() < coldCrossover, warm.spent() + " >= " + coldCrossover);
        for (int k = 0; k < n; k++) {
            for (int sense : new int[] {1, -1}) {
                SparseSimplex.Status a = cold.optimise(k, sense, 1_000_000);
                SparseSimplex.Status b = warm.optimise(k, sense, 1_000_000);
                assertEquals(a, b);
                if (a == SparseSimplex.Status.OPTIMAL) {
                    assertEquals(cold.primal()[k], warm.primal()[k], 1e-6);
                }
            }
        }
        // A suggestion whose counts do not add up is ignored.
        SparseSimplex ignored = new SparseSimplex(comp);
        ignored.suggest(new int[] {0}, new int[0]);
        assertEquals(SparseSimplex.Status.OPTIMAL, ignored.start(zero, truth, 1_000_000));
        assertEquals(coldCrossover, ignored.spent());
    }

    @Test
    void theSimplestFractionWithinTheErrorIsFound() {
        java.math.BigInteger den = java.math.BigInteger.ONE.shiftLeft(120);
        for (long[] f : new long[][] {{12345, 10007}, {-7, 3}, {0, 1}, {1_000_003, 999_983}}) {
            java.math.BigInteger p = java.math.BigInteger.valueOf(f[0]);
            java.math.BigInteger q = java.math.BigInteger.valueOf(f[1]);
            // num / 2^120 approximates p / q to within a few units of the last place, as the refinement leaves it.
            java.math.BigInteger num = p.multiply(den).divide(q).add(java.math.BigInteger.valueOf(3));
            java.math.BigInteger[] found = SparseSimplex.simplest(num, den, java.math.BigInteger.valueOf(8));
            assertNotNull(found, f[0] + "/" + f[1]);
            assertEquals(0, found[0].multiply(q).compareTo(p.multiply(found[1])), f[0] + "/" + f[1]);
        }
        // Too coarse a denominator to single out 12345 / 10007: no answer rather than a wrong one.
        java.math.BigInteger small = java.math.BigInteger.ONE.shiftLeft(20);
        java.math.BigInteger num = java.math.BigInteger.valueOf(12345).multiply(small)
                .divide(java.math.BigInteger.valueOf(10007));
        assertNull(SparseSimplex.simplest(num, small, java.math.BigInteger.valueOf(8)));
    }

    @Test
    void anExactPointIsVerifiedLikeARoundedOne() {
        Component comp = twoWithheldOfFive();
        long[] zero = new long[2];
        java.math.BigInteger seven = java.math.BigInteger.valueOf(7);
        // In sevenths: a = 12/7, b = 23/7 (sum 35/7 = 5).
        Certificates.Point p = Certificates.point(comp, zero, new java.math.BigInteger[] {
            java.math.BigInteger.valueOf(12), java.math.BigInteger.valueOf(23), seven});
        assertNotNull(p);
        assertTrue(p.atLeast(0, 1) && p.atMost(0, 2) && !p.atLeast(0, 2));
        assertNull(Certificates.point(comp, zero, new java.math.BigInteger[] {
            java.math.BigInteger.valueOf(12), java.math.BigInteger.valueOf(24), seven}), "breaks the row");
        assertNull(Certificates.point(comp, zero, new java.math.BigInteger[] {
            java.math.BigInteger.valueOf(-1), java.math.BigInteger.valueOf(36), seven}), "below a bound");
        assertNull(Certificates.point(comp, zero, (java.math.BigInteger[]) null));
    }

    @Test
    void aWrongCertificateProvesNothing() {
        Component comp = twoWithheldOfFive();
        long[] zero = new long[2];
        assertNotNull(Certificates.point(comp, zero, new double[] {5, 0}));
        assertNull(Certificates.point(comp, zero, new double[] {6, -1}), "below a bound");
        assertNull(Certificates.point(comp, zero, new double[] {4, 0}), "breaks the row");
        assertNull(Certificates.point(comp, zero, new double[] {Math.PI, 5 - Math.PI}), "not a small rational");
        // The row reads -a - b = -5 (the published total on the right): y = -1 gives g = (0, -1), a <= 5.
        assertEquals(5.0, Certificates.bound(comp, zero, new double[] {-1}, 0, 1).value());
        // g_a = 1/2 > 0 is priced at a's upper bound 5: 2.5 + 2.5, true but no tighter
        assertEquals(5.0, Certificates.bound(comp, zero, new double[] {-0.5}, 0, 1).value());
        // a lower bound needs g >= 0: g_b = -1 priced at b's upper bound 5 gives 5 - 5, the trivial bound
        assertEquals(0.0, Certificates.bound(comp, zero, new double[] {-1}, 0, -1).value());
        assertEquals(0.0, Certificates.bound(comp, zero, new double[] {0}, 0, -1).value());
        assertEquals(2.5, Certificates.point(comp, zero, new double[] {2.5, 2.5}).value(0));
    }

    @Test
    void multipliersOffSmallRationalsStillBoundTheCell() {
        Component comp = twoWithheldOfFive();
        long[] zero = new long[2];
        assertArrayEquals(new long[] {5, 5}, Certificates.upperBounds(comp));
        // A float dual a little off -1 is no small rational (the simplex's noise on a large program): rounded to
        // the grid, with the wrong-signed term priced at its upper bound, it still proves a <= 5 plus a hair.
        for (double noise : new double[] {1e-7, -1e-7, 3e-11, -3e-11}) {
            Certificates.Rational b = Certificates.bound(comp, zero, new double[] {-1 + noise}, 0, 1);
            assertNotNull(b, "noise " + noise);
            assertTrue(b.value() >= 5 && b.value() < 5.00001, "noise " + noise + ": " + b.value());
            assertFalse(b.atLeast(6));
        }
        // A lower bound from noisy multipliers is rounded down.
        Certificates.Rational low = Certificates.bound(comp, zero, new double[] {1e-7}, 0, -1);
        assertTrue(low.value() <= 0 && low.value() > -0.0001, "" + low.value());
        // With own amounts as lower bounds the upper bounds still hold (the set only shrinks).
        Certificates.Rational own = Certificates.bound(comp, new long[] {2, 3}, new double[] {-1 + 1e-7}, 0, 1);
        assertTrue(own.value() >= 2 && own.value() < 2.00001, "" + own.value());
    }

    @Test
    void aCellWithNoUpperBoundIsNotBoundedByPricing() {
        // a = b, and b = c + d with no total above them: nothing bounds a, so a wrong-signed term proves nothing
        LinkedTables t = new LinkedTables();
        int a = t.addCell("a", java.util.Map.of("X", 2L));
        int b = t.addCell("b", java.util.Map.of("X", 2L));
        int c = t.addCell("c", java.util.Map.of("X", 1L));
        int d = t.addCell("d", java.util.Map.of("X", 1L));
        t.addRelation(a, new int[] {b});
        t.addRelation(b, new int[] {c, d});
        Component comp = Component.of(new LinearSystem(t), new boolean[] {true, true, true, true}).get(0);
        long[] upper = Certificates.upperBounds(comp);
        for (long u : upper) {
            assertEquals(Long.MAX_VALUE, u);
        }
        double[] y = new double[comp.rowCols.length];
        y[0] = 0.5 + 1e-7; // a's row, off its exact multiplier
        assertNull(Certificates.bound(comp, new long[4], y, 0, 1));
    }

    @Test
    void theFactorisationsHeapPopsWhatAPriorityQueueWould() {
        java.util.Random random = new java.util.Random(7);
        SparseSimplex.LongHeap heap = new SparseSimplex.LongHeap(1);
        java.util.PriorityQueue<Long> queue = new java.util.PriorityQueue<>();
        int popped = 0;
        for (int step = 0; step < 20_000; step++) {
            if (queue.isEmpty() || random.nextInt(3) > 0) {
                long v = ((long) random.nextInt(50) << 32) | random.nextInt(200); // many equal values
                heap.add(v);
                queue.add(v);
            } else {
                assertEquals(queue.poll(), heap.poll());
                popped++;
            }
            assertEquals(queue.isEmpty(), heap.isEmpty());
        }
        while (!queue.isEmpty()) {
            assertEquals(queue.poll(), heap.poll());
            popped++;
        }
        assertTrue(heap.isEmpty());
        assertTrue(popped > 10_000, "a test that pops: " + popped);
    }

    /**
     * A point whose row sums overflow 64 bits is not taken on the strength of sums that wrapped round: there,
     * Integer.MAX_VALUE * (a - b) = 0 with a = b = 10^15 sums to 0 in wrapped arithmetic as well as exactly, but
     * its products do not fit a long, so the point cannot be verified in longs and is refused, as before the
     * plain-arithmetic path; small values over the same row are verified.
     */
    @Test
    void rowSumsThatWouldOverflowAreCheckedNotWrapped() {
        int big = Integer.MAX_VALUE;
        Component comp = new Component(new int[] {0, 1}, new int[][] {{0, 1}}, new int[][] {{big, -big}},
                new long[] {0}, new int[] {0});
        long[] zero = new long[2];
        assertNull(Certificates.point(comp, zero, new double[] {1e15, 1e15}));
        assertNotNull(Certificates.point(comp, zero, new double[] {3, 3}));
        assertNull(Certificates.point(comp, zero, new double[] {3, 4}), "breaks the row");
        // a half: the common denominator 2 scales every numerator
        Certificates.Point half = Certificates.point(comp, zero, new double[] {2.5, 2.5});
        assertNotNull(half);
        assertTrue(half.atLeast(0, 2) && half.atMost(0, 3) && !half.atLeast(0, 3) && !half.atMost(0, 2));
    }

    /** t = a + b with t = 5 published (a = 2, b = 3 withheld): a in [0, 5]. */
    private static Component twoWithheldOfFive() {
        LinkedTables t = new LinkedTables();
        int a = t.addCell("a", java.util.Map.of("X", 2L));
        int b = t.addCell("b", java.util.Map.of("Y", 3L));
        int total = t.addCell("t", java.util.Map.of("X", 2L, "Y", 3L));
        t.addRelation(total, new int[] {a, b});
        return Component.of(new LinearSystem(t), new boolean[] {true, true, false}).get(0);
    }
}
