package org.cgtbulletin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;

import org.cgtbulletin.protect.DisclosureRules;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** A revision of a published cell put to the rules, with and without the previous release's contributions. */
class RevisionTest {

    private static final DisclosureRules RULES = DisclosureRules.defaults();

    private static SortedMap<String, Long> of(Object... tokenAmount) {
        SortedMap<String, Long> m = new TreeMap<>();
        for (int i = 0; i < tokenAmount.length; i += 2) {
            m.put((String) tokenAmount[i], ((Number) tokenAmount[i + 1]).longValue());
        }
        return m;
    }

    @Test
    void aChangeFromOneContributorFailsTheRulesThoughItIsLargeEnough() {
        String why = Revision.refusal(30, 36, of("a", 10, "b", 10, "c", 10), of("a", 16, "b", 10, "c", 10), null,
                RULES);
        assertNotNull(why);
        assertTrue(why.contains("+6, came from 1 contributor") && why.contains("R1 contributors < 3"), why);
    }

    @Test
    void aChangeSpreadOverEnoughContributorsIsPublished() {
        assertNull(Revision.refusal(30, 36, of("a", 10, "b", 10, "c", 10), of("a", 12, "b", 12, "c", 12), null,
                RULES));
    }

    @Test
    void aChangeOfFewerThanMinEventsIsWithheldWhoeverMadeIt() {
        String why = Revision.refusal(30, 34, of("a", 10, "b", 10, "c", 10), of("a", 12, "b", 11, "c", 11), null,
                RULES);
        assertTrue(why.contains("+4, is fewer than 5"), why);
    }

    @Test
    void reportsMovedBetweenContributorsCountAsChangesOfBoth() {
        // net +6, but a lost 4 and b gained 10: two contributors, and a can tell b's change from its own
        String why = Revision.refusal(30, 36, of("a", 10, "b", 10, "c", 10), of("a", 6, "b", 20, "c", 10), null,
                RULES);
        assertTrue(why.contains("came from 2 contributors") && why.contains("R1") && why.contains("R4"), why);
        // a contributor gone from the cell: all it had is its change
        assertEquals(of("a", 10L, "b", 16L), Revision.changes(of("a", 10, "b", 4), of("b", 20)));
    }

    @Test
    void withoutThePreviousContributionsARiseIsJudgedAtWorst() {
        // the largest contributor now (a, 40) could have made all six
        String why = Revision.refusal(50, 56, null, of("a", 40, "b", 8, "c", 8), "none kept", RULES);
        assertTrue(why.contains("could have come from as few as 1 contributor") && why.contains("(none kept)"), why);
        // three contributors of 2 each now: whoever made the rise, it came from all three
        assertNull(Revision.refusal(0, 6, null, of("a", 2, "b", 2, "c", 2), "none kept", RULES));
        // a fall cannot be bounded
        assertTrue(Revision.refusal(56, 50, null, of("a", 40, "b", 5, "c", 5), "none kept", RULES)
                .contains("who withdrew those reports is not known"));
    }

    /**
     * The worst case is at least as bad as any split: for seeded random cells and rises, whenever some split of the
     * rise among the contributors (each within its number now) fails the rules, the worst case fails them too.
     */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void theWorstCaseFailsWheneverASplitCould(long seed) {
        Random random = new Random(seed);
        for (int round = 0; round < 300; round++) {
            SortedMap<String, Long> now = new TreeMap<>();
            int k = 1 + random.nextInt(5);
            long total = 0;
            for (int i = 0; i < k; i++) {
                long x = 1 + random.nextInt(12);
                now.put("c" + i, x);
                total += x;
            }
            long rise = 5 + random.nextInt((int) Math.max(1, total - 4));
            if (rise > total) {
                continue;
            }
            boolean worstFails = !RULES.failed(Revision.worstCase(now, rise)).isEmpty();
            for (int trial = 0; trial < 40; trial++) {
                Map<String, Long> split = randomSplit(now, rise, random);
                if (!RULES.failed(split).isEmpty()) {
                    assertTrue(worstFails, "split " + split + " of " + rise + " over " + now + " fails, the worst"
                            + " case " + Revision.worstCase(now, rise) + " does not");
                }
            }
        }
    }

    private static Map<String, Long> randomSplit(SortedMap<String, Long> now, long rise, Random random) {
        Map<String, Long> split = new TreeMap<>();
        now.keySet().forEach(t -> split.put(t, 0L));
        long left = rise;
        while (left > 0) {
            String t = "c" + random.nextInt(now.size());
            if (split.get(t) < now.get(t)) {
                split.merge(t, 1L, Long::sum);
                left--;
            }
        }
        return split;
    }
}
