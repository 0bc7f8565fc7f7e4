package org.cgtbulletin.protect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The primary rules R1..R4 at and around every threshold, and the tau-ARGUS p% examples. */
class DisclosureRulesTest {

    private static final DisclosureRules DEFAULTS = DisclosureRules.defaults();

    /** Contributions m1=a0, m2=a1, ... */
    private static Map<String, Long> cell(long... amounts) {
        Map<String, Long> m = new LinkedHashMap<>();
        for (int i = 0; i < amounts.length; i++) {
            m.put("m" + (i + 1), amounts[i]);
        }
        return m;
    }

    /** Only R1 active. */
    private static DisclosureRules r1(int k) {
        return new DisclosureRules(k, 0, 1.0, 0.0);
    }

    @Test
    void defaultsAreThoseOfTheSpec() {
        assertEquals(new DisclosureRules(3, 5, 0.75, 0.20), DEFAULTS);
    }

    @Test
    void r1ContributorsAtThreshold() {
        assertEquals(List.of(), r1(3).failed(cell(5, 5, 5)));
        assertEquals(List.of("R1"), r1(3).failed(cell(5, 5)));
        // zero amounts do not count as contributing
        assertEquals(List.of("R1"), r1(3).failed(cell(5, 5, 0)));
    }

    @Test
    void r2EventsAtThreshold() {
        DisclosureRules r2 = new DisclosureRules(0, 5, 1.0, 0.0);
        assertEquals(List.of(), r2.failed(cell(1, 1, 1, 1, 1)));
        assertEquals(List.of("R2"), r2.failed(cell(1, 1, 1, 1)));
        assertEquals(List.of(), DEFAULTS.failed(cell(2, 2, 1)));   // T = 5, K = 3: passes all
        assertEquals(List.of("R2"), DEFAULTS.failed(cell(2, 1, 1))); // T = 4 (x1 = 2 = 0.5 T, p: 1 >= 0.4)
    }

    @Test
    void r3DominanceAtThreshold() {
        DisclosureRules r3 = new DisclosureRules(0, 0, 0.75, 0.0);
        assertEquals(List.of(), r3.failed(cell(75, 20, 5)));   // x1 = 0.75 T exactly: passes
        assertEquals(List.of("R3"), r3.failed(cell(76, 19, 5))); // just over
        assertEquals(List.of(), r3.failed(cell(3, 1)));        // 3 = 0.75 * 4
        assertEquals(List.of("R3"), r3.failed(cell(3001, 1000))); // 3001 > 0.75 * 4001 = 3000.75
        // a dominance that is not a binary fraction is still compared as the decimal it prints as
        DisclosureRules d07 = new DisclosureRules(0, 0, 0.7, 0.0);
        assertEquals(List.of(), d07.failed(cell(7, 2, 1)));      // 7 = 0.7 * 10
        assertEquals(List.of("R3"), d07.failed(cell(71, 20, 9)));
    }

    @Test
    void r4PPercentAtThreshold() {
        DisclosureRules r4 = new DisclosureRules(0, 0, 1.0, 0.20);
        assertEquals(List.of(), r4.failed(cell(100, 50, 20)));  // T - x1 - x2 = 20 = 0.2 * 100
        assertEquals(List.of("R4"), r4.failed(cell(100, 50, 19)));
        assertEquals(List.of(), r4.failed(cell(50, 100, 10, 10))); // order of the map does not matter
        assertEquals(List.of("R4"), r4.failed(cell(10, 10)));     // two contributors: remainder 0
    }

    @Test
    void zerosAreSafe() {
        assertEquals(List.of(), DEFAULTS.failed(Map.of()));
        assertEquals(List.of(), DEFAULTS.failed(cell(0, 0)));
        assertEquals(List.of(), new DisclosureRules(100, 100, 0.0, 1.0).failed(cell(0)));
    }

    @Test
    void singleContributorFailsEverything() {
        assertEquals(List.of("R1", "R3", "R4"), DEFAULTS.failed(cell(1000)));
        assertEquals(List.of("R1", "R2", "R3", "R4"), DEFAULTS.failed(cell(1)));
    }

    @Test
    void twoContributors() {
        // K = 2 < 3; remainder T - x1 - x2 = 0 < p x1 whenever x1 > 0
        assertEquals(List.of("R1", "R4"), DEFAULTS.failed(cell(50, 50)));
        assertEquals(List.of("R1", "R3", "R4"), DEFAULTS.failed(cell(90, 10)));
    }

    @Test
    void oneDominantAmongMany() {
        assertEquals(List.of("R3"), DEFAULTS.failed(cell(800, 40, 40, 40, 40, 40)));
        assertEquals(List.of("R3", "R4"), DEFAULTS.failed(cell(900, 60, 20, 20)));
        assertEquals(List.of(), DEFAULTS.failed(cell(10, 10, 10, 10, 10)));
    }

    /** tau-ARGUS manual TA-1 / TA-2: p% rule with p = 10, other rules relaxed. */
    @Test
    void tauArgusPPercentExamples() {
        DisclosureRules p10 = new DisclosureRules(0, 0, 1.0, 0.10);
        // TA-1: reporting units 700,200,60,40,10: remainder 110 >= 70 -> safe
        assertEquals(List.of(), p10.failed(cell(700, 200, 60, 40, 10)));
        // TA-2: units 1 and 2 in one holding: 900,60,40,10: remainder 50 < 90 -> unsafe
        assertEquals(List.of("R4"), p10.failed(cell(900, 60, 40, 10)));
    }

    @Test
    void weakerThan() {
        assertFalse(DEFAULTS.weakerThan(DEFAULTS));
        assertTrue(new DisclosureRules(2, 5, 0.75, 0.20).weakerThan(DEFAULTS));
        assertTrue(new DisclosureRules(3, 4, 0.75, 0.20).weakerThan(DEFAULTS));
        assertTrue(new DisclosureRules(3, 5, 0.80, 0.20).weakerThan(DEFAULTS));
        assertTrue(new DisclosureRules(3, 5, 0.75, 0.10).weakerThan(DEFAULTS));
        assertTrue(new DisclosureRules(3, 5, Double.NaN, 0.20).weakerThan(DEFAULTS));
        assertFalse(new DisclosureRules(4, 10, 0.5, 0.3).weakerThan(DEFAULTS));
    }

    @Test
    void rejectsBadInput() {
        assertThrows(IllegalArgumentException.class, () -> DEFAULTS.failed(cell(5, -1)));
        assertThrows(IllegalArgumentException.class,
                () -> new DisclosureRules(3, 5, Double.NaN, 0.2).failed(cell(5, 5, 5)));
        Map<String, Long> withNull = new LinkedHashMap<>();
        withNull.put("m1", null);
        assertThrows(NullPointerException.class, () -> DEFAULTS.failed(withNull));
    }
}
