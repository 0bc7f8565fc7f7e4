package org.cgtbulletin.protect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.cgtbulletin.aggregate.Aggregator;
import org.cgtbulletin.aggregate.Tables;
import org.cgtbulletin.model.Dimension;
import org.cgtbulletin.model.FailureReport;
import org.cgtbulletin.model.Quarter;
import org.cgtbulletin.model.Taxonomy;
import org.cgtbulletin.model.TaxonomyCode;
import org.junit.jupiter.api.Test;

/**
 * Alternative datasets are proofs: every value one reaches for a withheld cell lies inside the cell's exact
 * feasible interval (the whole component's linear program), with and without a contributor's own reports known,
 * over seeded random datasets protected by the real pipeline; and they are found often enough to matter.
 */
class AlternativeDataTest {

    private static final List<String> CLASSES = List.of("car_t_autologous", "aav_vector");
    private static final List<String> STEPS = List.of("starting_material", "expansion", "qc_release");
    private static final List<String> MODES = List.of("mycoplasma_positive", "low_viability", "documentation_error");
    private static final List<String> OUTCOMES = List.of("near_miss", "batch_lost");

    @Test
    void everyAlternativeValueLiesInTheExactFeasibleInterval() {
        int found = 0;
        int foundAgainstContributor = 0;
        for (long seed = 1; seed <= 8; seed++) {
            Tables tables = tables(seed);
            LinearSystem sys = new LinearSystem(tables.counts());
            assertNotNull(sys.footprintIndex(), "the aggregate stage hands over the report footprints");
            assertSame(sys.footprintIndex(), new LinearSystem(tables.counts()).footprintIndex(), "indexed once");
            boolean[] suppressed = withheld(tables);
            for (Component comp : Component.of(sys, suppressed)) {
                AlternativeData alt = AlternativeData.of(sys, comp);
                assertNotNull(alt);
                boolean[] all = new boolean[comp.size()];
                java.util.Arrays.fill(all, true);
                ExactSimplex.Bounds exact = IntervalAudit.bounds(comp, null, all);
                assertNotNull(exact);
                for (int k = 0; k < comp.size(); k++) {
                    int cell = comp.cells[k];
                    long v = sys.value[cell];
                    Long up = alt.reach(cell, 1, v + 2, null);
                    if (up != null) {
                        found++;
                        assertTrue(up >= v + 2 && up <= exact.highInt[k], sys.label[cell] + ": " + up + " > "
                                + exact.highInt[k]);
                        reachedMovingOnly(sys, suppressed, alt.moved(), cell, up);
                    }
                    Long down = v < 1 ? null : alt.reach(cell, -1, v - 1, null);
                    if (down != null) {
                        found++;
                        assertTrue(down <= v - 1 && down >= exact.lowInt[k], sys.label[cell] + ": " + down);
                    }
                    String largest = sys.contributions.get(cell).isEmpty() ? null
                            : sys.contributions.get(cell).entrySet().stream()
                                    .max(Map.Entry.comparingByValue()).orElseThrow().getKey();
                    if (largest == null) {
                        continue;
                    }
                    Long upOwn = alt.reach(cell, 1, v + 1, largest);
                    if (upOwn != null) {
                        foundAgainstContributor++;
                        long[] own = new long[comp.size()];
                        for (int j = 0; j < own.length; j++) {
                            own[j] = sys.own(largest, comp.cells[j]);
                        }
                        boolean[] one = new boolean[comp.size()];
                        one[k] = true;
                        ExactSimplex.Bounds known = IntervalAudit.bounds(comp, own, one);
                        assertNotNull(known);
                        assertTrue(upOwn <= known.highInt[k], sys.label[cell] + " against " + largest + ": "
                                + upOwn + " > " + known.highInt[k]);
                    }
                }
            }
        }
        assertTrue(found > 50, "alternative datasets found: " + found);
        assertTrue(foundAgainstContributor > 20, "against the largest contributor: " + foundAgainstContributor);
    }

    /**
     * The cells a dataset moves ({@link AlternativeData#moved}) are withheld, hold the target, and are enough: with
     * every other cell at its true value, the exact program over them alone still reaches the dataset's value.
     */
    private static void reachedMovingOnly(LinearSystem sys, boolean[] suppressed, int[] moved, int cell, long value) {
        assertTrue(java.util.Arrays.binarySearch(moved, cell) >= 0, sys.label[cell] + " moves");
        boolean[] only = new boolean[sys.cells];
        for (int c : moved) {
            assertTrue(suppressed[c], sys.label[c] + " is withheld");
            only[c] = true;
        }
        for (Component sub : Component.of(sys, only)) {
            int k = java.util.Arrays.binarySearch(sub.cells, cell);
            if (k >= 0) {
                boolean[] one = new boolean[sub.size()];
                one[k] = true;
                ExactSimplex.Bounds b = IntervalAudit.bounds(sub, null, one);
                assertNotNull(b);
                assertTrue(value <= b.highInt[k], sys.label[cell] + ": " + value + " not reached moving only "
                        + moved.length + " cells");
            }
        }
    }

    @Test
    void aComponentsSearchesShareOneBudget() {
        int checked = 0;
        for (long seed = 1; seed <= 8 && checked < 5; seed++) {
            Tables tables = tables(seed);
            LinearSystem sys = new LinearSystem(tables.counts());
            for (Component comp : Component.of(sys, withheld(tables))) {
                for (int k = 0; k < comp.size() && checked < 5; k++) {
                    int cell = comp.cells[k];
                    long target = sys.value[cell] + 2;
                    AlternativeData probe = AlternativeData.of(sys, comp);
                    Long up = probe.reach(cell, 1, target, null);
                    long work = probe.spent();
                    if (up == null || work < 2) {
                        continue;
                    }
                    // with exactly the work it needs, the search finds the same dataset, and spends the budget
                    AlternativeData exact = AlternativeData.of(sys, comp, work);
                    assertEquals(up, exact.reach(cell, 1, target, null));
                    assertEquals(work, exact.spent());
                    // nothing is left for the component's next search, however cheap
                    assertNull(exact.reach(cell, 1, target, null));
                    assertEquals(work, exact.spent());
                    // with one unit less it finds nothing (which proves nothing), within its budget
                    AlternativeData tooLittle = AlternativeData.of(sys, comp, work - 1);
                    assertNull(tooLittle.reach(cell, 1, target, null));
                    assertTrue(tooLittle.spent() <= work - 1);
                    checked++;
                }
            }
        }
        assertTrue(checked > 0, "datasets that cost some work to find");
    }

    @Test
    void aNegativeBudgetIsRefused() {
        Tables tables = tables(1);
        LinearSystem sys = new LinearSystem(tables.counts());
        Component comp = Component.of(sys, withheld(tables)).get(0);
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> AlternativeData.of(sys, comp, -1));
    }

    @Test
    void noFootprintsNoAlternatives() {
        LinkedTables t = new LinkedTables();
        int a = t.addCell("a", Map.of("X", 2L));
        int b = t.addCell("b", Map.of("Y", 3L));
        int total = t.addCell("t", Map.of("X", 2L, "Y", 3L));
        t.addRelation(total, new int[] {a, b});
        LinearSystem sys = new LinearSystem(t);
        assertNull(AlternativeData.of(sys, Component.of(sys, new boolean[] {true, true, false}).get(0)));
    }

    @Test
    void footprintsThatBreakARelationProveNothing() {
        // t = a + b, all three withheld. With the right footprints ({a, t} and {b, t}) a report moved from b to a
        // proves a can be 3; with a wrong one that forgets the total, the same move breaks the relation.
        assertEquals(3L, moveIntoA(true));
        assertNull(moveIntoA(false), "a move that breaks t = a + b is no proof");
    }

    private static Long moveIntoA(boolean rightFootprints) {
        LinkedTables t = new LinkedTables();
        int a = t.addCell("a", Map.of("X", 2L));
        int b = t.addCell("b", Map.of("Y", 3L));
        int total = t.addCell("t", Map.of("X", 2L, "Y", 3L));
        t.addRelation(total, new int[] {a, b});
        t.reportFootprints(new ReportFootprints() {
            @Override
            public int quarters() {
                return 1;
            }

            @Override
            public int combinations() {
                return 2;
            }

            @Override
            public int[] cells(int combination, int quarter) {
                return combination == 1 ? new int[] {b, total} : rightFootprints ? new int[] {a, total} : new int[] {a};
            }
        });
        LinearSystem sys = new LinearSystem(t);
        AlternativeData alt = AlternativeData.of(sys, Component.of(sys, new boolean[] {true, true, true}).get(0));
        assertNotNull(alt);
        return alt.reach(a, 1, 3, null);
    }

    /** Seeded reports over four quarters (two calendar years) from contributors of very different sizes. */
    static Tables tables(long seed) {
        Map<Dimension, List<TaxonomyCode>> codes = new EnumMap<>(Dimension.class);
        codes.put(Dimension.PRODUCT_CLASS, codes(CLASSES));
        codes.put(Dimension.PROCESS_STEP, codes(STEPS));
        codes.put(Dimension.FAILURE_MODE, codes(MODES));
        codes.put(Dimension.OUTCOME, codes(OUTCOMES));
        Aggregator agg = new Aggregator(new Taxonomy(codes));
        SplittableRandom random = new SplittableRandom(seed);
        int n = 120 + random.nextInt(120);
        Quarter first = new Quarter(2025, 3);
        Quarter last = first;
        for (int i = 0; i < n; i++) {
            Quarter q = first;
            for (int s = random.nextInt(4); s > 0; s--) {
                q = q.next();
            }
            last = q.compareTo(last) > 0 ? q : last;
            // contributor sizes fall off geometrically: C1 reports about half of everything
            int c = 1;
            while (c < 6 && random.nextInt(2) == 1) {
                c++;
            }
            agg.accept(new FailureReport("R-" + i, "C" + c, q.toString(), q, pick(random, CLASSES),
                    pick(random, STEPS), pick(random, MODES), pick(random, OUTCOMES), null, null, null, null, null,
                    false));
        }
        return agg.tables(first, last, List.of());
    }

    private static String pick(SplittableRandom random, List<String> from) {
        return from.get(random.nextInt(from.size()));
    }

    private static List<TaxonomyCode> codes(List<String> names) {
        List<TaxonomyCode> out = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            out.add(new TaxonomyCode(names.get(i), names.get(i), "", "group", i));
        }
        return out;
    }

    /** The cells the real protection withholds in these tables. */
    static boolean[] withheld(Tables tables) {
        CellStatus[] status = DisclosureControl.protect(tables.counts(), DisclosureRules.defaults()).status();
        boolean[] suppressed = new boolean[status.length];
        for (int c = 0; c < status.length; c++) {
            suppressed[c] = status[c] != CellStatus.PUBLISHED;
        }
        return suppressed;
    }
}
