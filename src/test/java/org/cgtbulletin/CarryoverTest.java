package org.cgtbulletin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.cgtbulletin.aggregate.Tables;
import org.cgtbulletin.model.CellKey;
import org.cgtbulletin.model.Quarter;
import org.cgtbulletin.protect.DisclosureRules;
import org.cgtbulletin.protect.LinkedTables;
import org.cgtbulletin.publish.PreviousRelease;
import org.junit.jupiter.api.Test;

/** Releases over time, on a table small enough to follow by hand: two quarters of 2026 and their year. */
class CarryoverTest {

    private static final CellKey Q1 = new CellKey("2026-Q1", "*", "expansion", "*", "*");
    private static final CellKey Q2 = new CellKey("2026-Q2", "*", "expansion", "*", "*");
    private static final CellKey YEAR = new CellKey("2026", "*", "expansion", "*", "*");

    private static Tables tables() {
        LinkedTables counts = new LinkedTables();
        int q1 = counts.addCell(Q1.label(), Map.of("a", 10L, "b", 10L, "c", 10L));
        int q2 = counts.addCell(Q2.label(), Map.of("a", 1L));
        int year = counts.addCell(YEAR.label(), Map.of("a", 11L, "b", 10L, "c", 10L));
        counts.addRelation(year, new int[] {q1, q2});
        return new Tables(List.of("2026-Q1", "2026-Q2", "2026"), List.of(Q1, Q2, YEAR), counts, List.of(),
                new LinkedTables(), false);
    }

    /** The previous release, as of 2026-Q1, published 2026-Q1 and the year so far (both 30). */
    private static final PreviousRelease.Decisions AS_OF_Q1 = new PreviousRelease.Decisions(Set.of(), Set.of(),
            Map.of(Q1, 30L, YEAR, 30L), Map.of(), Set.of(new Quarter(2026, 1)));

    @Test
    void aTotalThatGainedAWithheldQuarterIsKeptWithheldOnce() {
        Tables t = tables();
        Carryover.apply(t, AS_OF_Q1, DisclosureRules.defaults());
        // 2026-Q2 (id 1) is withheld; the year, published before (30) and still published (31), would give it away
        // as 31 - 30, so it is kept withheld; 2026-Q1, unchanged, is not
        assertEquals(1, Carryover.keepMovedAggregates(t, AS_OF_Q1, id -> id == 1, id -> false));
        assertTrue(t.counts().isKept(2));
        assertFalse(t.counts().isKept(0));
        // the next round: the year is withheld now, nothing more to keep
        assertEquals(0, Carryover.keepMovedAggregates(t, AS_OF_Q1, id -> id == 1 || id == 2, id -> false));
        // a kept total is not counted again, so the protection's rounds end
        assertEquals(0, Carryover.keepMovedAggregates(t, AS_OF_Q1, id -> id == 1, id -> false));
    }

    @Test
    void aQuarterThatLateReportsOpenedBeforeThePreviousReleasesFirstIsGainedToo() {
        // the previous release had only 2026-Q2 (and the year, 1); late reports now fill 2026-Q1, withheld
        Tables t = tables();
        PreviousRelease.Decisions onlyQ2 = new PreviousRelease.Decisions(Set.of(), Set.of(), Map.of(YEAR, 1L),
                Map.of(), Set.of(new Quarter(2026, 2)));
        assertEquals(1, Carryover.keepMovedAggregates(t, onlyQ2, id -> id == 0, id -> false));
        assertTrue(t.counts().isKept(2));
    }

    /**
     * 2026-Q1 = 10 (withheld in both releases) and 2026-Q2 = 20 (published in both, unchanged), the year their sum
     * (published in both): late reports in 2026-Q1 move the year, and the year's change less 2026-Q2's is theirs.
     */
    private static Tables lateInWithheldQuarter(Map<String, Long> q1Now) {
        LinkedTables counts = new LinkedTables();
        int q1 = counts.addCell(Q1.label(), q1Now);
        int q2 = counts.addCell(Q2.label(), Map.of("a", 10L, "b", 5L, "c", 5L));
        Map<String, Long> year = new java.util.TreeMap<>(Map.of("a", 10L, "b", 5L, "c", 5L));
        q1Now.forEach((t, x) -> year.merge(t, x, Long::sum));
        int y = counts.addCell(YEAR.label(), year);
        counts.addRelation(y, new int[] {q1, q2});
        return new Tables(List.of("2026-Q1", "2026-Q2", "2026"), List.of(Q1, Q2, YEAR), counts, List.of(),
                new LinkedTables(), false);
    }

    private static PreviousRelease.Decisions previousWithQ1Withheld(boolean recorded) {
        PreviousRelease.Contributors record = recorded ? new PreviousRelease.Contributors(
                Map.of(Q1, new java.util.TreeMap<>(Map.of("a", 8L, "b", 1L, "c", 1L)),
                        Q2, new java.util.TreeMap<>(Map.of("a", 10L, "b", 5L, "c", 5L))), Map.of(), null)
                : PreviousRelease.Contributors.unknown("none kept");
        return new PreviousRelease.Decisions(Set.of(Q1), Set.of(), Map.of(Q2, 20L, YEAR, 30L), Map.of(),
                Set.of(new Quarter(2026, 1), new Quarter(2026, 2)), record);
    }

    @Test
    void aTotalWhoseChangeGivesAwayTheChangeOfAWithheldCellIsKept() {
        // one late report from a in 2026-Q1: the year moves from 30 to 31
        Tables one = lateInWithheldQuarter(Map.of("a", 9L, "b", 1L, "c", 1L));
        assertEquals(1, Carryover.keepRevealingTotals(one, previousWithQ1Withheld(true), id -> id == 0, id -> false,
                DisclosureRules.defaults()));
        assertTrue(one.counts().isKept(2));
        // six late reports, two from each of a, b and c: a change that passes the rules, so the year is published
        Tables six = lateInWithheldQuarter(Map.of("a", 10L, "b", 3L, "c", 3L));
        assertEquals(0, Carryover.keepRevealingTotals(six, previousWithQ1Withheld(true), id -> id == 0, id -> false,
                DisclosureRules.defaults()));
        // the same without the staff audit's record: the six could have come from a alone
        assertEquals(1, Carryover.keepRevealingTotals(six, previousWithQ1Withheld(false), id -> id == 0,
                id -> false, DisclosureRules.defaults()));
        // no late report: nothing to give away
        Tables none = lateInWithheldQuarter(Map.of("a", 8L, "b", 1L, "c", 1L));
        assertEquals(0, Carryover.keepRevealingTotals(none, previousWithQ1Withheld(true), id -> id == 0,
                id -> false, DisclosureRules.defaults()));
    }

    @Test
    void withoutAPreviousReleaseOrANewQuarterNothingIsKept() {
        Tables t = tables();
        assertEquals(0, Carryover.keepMovedAggregates(t, PreviousRelease.Decisions.NONE, id -> id == 1, id -> false));
        PreviousRelease.Decisions asOfQ2 = new PreviousRelease.Decisions(Set.of(), Set.of(), Map.of(YEAR, 31L),
                Map.of(), Set.of(new Quarter(2026, 1), new Quarter(2026, 2)));
        assertEquals(0, Carryover.keepMovedAggregates(t, asOfQ2, id -> id == 1, id -> false));
    }
}
