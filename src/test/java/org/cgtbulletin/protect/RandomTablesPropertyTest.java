package org.cgtbulletin.protect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.IntStream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded property test on random 2-way and 3-way tables with all margins and random contributors: every published
 * cell passes the rules or is zero, no suppressed cell is derivable, the interval audit finds nothing too narrow,
 * protect is deterministic, and the audit of the returned pattern reproduces the returned report.
 */
class RandomTablesPropertyTest {

    static IntStream seeds() {
        return IntStream.range(0, 200);
    }

    static Grids randomTable(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int dims = rnd.nextInt(3) == 0 ? 3 : 2;
        String[][] names = new String[dims][];
        for (int d = 0; d < dims; d++) {
            int size = dims == 3 ? 2 + rnd.nextInt(3) : 2 + rnd.nextInt(6);
            names[d] = new String[size];
            for (int i = 0; i < size; i++) {
                names[d][i] = (char) ('a' + d) + String.valueOf(i);
            }
        }
        // sparse tables (few contributors per cell, most cells fail) or dense ones (most cells pass)
        boolean dense = rnd.nextBoolean();
        int pool = dense ? 4 + rnd.nextInt(12) : 2 + rnd.nextInt(8);
        int perCell = dense ? 3 + rnd.nextInt(6) : 1 + rnd.nextInt(Math.min(pool, 5));
        double empty = rnd.nextDouble(dense ? 0.2 : 0.5);
        boolean heavy = rnd.nextBoolean();
        return Grids.of(names, idx -> {
            Map<String, Long> m = new TreeMap<>();
            if (rnd.nextDouble() < empty) {
                return m;
            }
            int k = 1 + rnd.nextInt(perCell);
            for (int i = 0; i < k; i++) {
                long amount = heavy && rnd.nextInt(6) == 0 ? 20 + rnd.nextInt(200) : 1 + rnd.nextInt(8);
                m.merge("c" + rnd.nextInt(pool), amount, Long::sum);
            }
            return m;
        });
    }

    static DisclosureRules randomRules(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed ^ 0x9E3779B97F4A7C15L);
        return switch (rnd.nextInt(3)) {
            case 0 -> DisclosureRules.defaults();
            case 1 -> new DisclosureRules(0, 3, 1.0, 0.0); // frequency only
            default -> new DisclosureRules(2 + rnd.nextInt(2), 1 + rnd.nextInt(6), 0.6 + rnd.nextInt(4) * 0.1,
                    rnd.nextInt(3) * 0.1);
        };
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void protectIsSafeAndDeterministic(int seed) {
        Grids g = randomTable(seed);
        DisclosureRules rules = randomRules(seed);
        LinkedTables t = g.tables;
        Protection p = DisclosureControl.protect(t, rules);
        AuditReport a = p.audit();

        for (int c = 0; c < t.size(); c++) {
            List<String> failed = rules.failed(t.contributions(c));
            if (p.published(c)) {
                assertTrue(failed.isEmpty() || t.total(c) == 0, t.label(c) + " published but fails " + failed);
            } else if (!failed.isEmpty()) {
                assertEquals(CellStatus.SUPPRESSED, p.status()[c]);
            }
        }
        assertEquals(List.of(), a.derivable(), "seed " + seed);
        assertEquals(List.of(), a.tooNarrow(), "seed " + seed);
        assertEquals(List.of(), a.coalitionBreaches(), "seed " + seed);
        assertEquals(t.size(), a.cells());
        assertEquals(t.size(), a.published() + a.primary() + a.secondary());
        assertEquals(a.primary() + a.secondary(), a.intervalChecked() + a.intervalSkipped());
        assertEquals(a.primary() + a.secondary(), p.suppressions().size());

        Protection again = DisclosureControl.protect(t, rules);
        assertArrayEquals(p.status(), again.status());
        assertEquals(p.suppressions(), again.suppressions());
        assertEquals(a, again.audit());
        assertEquals(a, DisclosureControl.audit(t, p.status(), rules));
    }
}
