package org.cgtbulletin.protect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link HiddenTableAudit}: what non-negative hidden cells add to what a reader can work out, on tables small enough
 * to check by hand.
 */
class HiddenTableAuditTest {

    private static final DisclosureRules RULES = DisclosureRules.defaults();

    /** One contributor's single report: fails R1 to R4, and R3 asks for an upper bound of at least 2. */
    private static final Map<String, Long> ONE_REPORT = Map.of("C1", 1L);
    /** Ten reports of four contributors: passes every rule. */
    private static final Map<String, Long> TEN_REPORTS = Map.of("C1", 3L, "C2", 3L, "C3", 2L, "C4", 2L);

    /**
     * x = h1 + h2 and p = h1 + h2 + h3 with p = 1 published: the hidden cells are at least 0, so x is at most 1, below
     * the 2 its dominance rule asks for; x is not derivable (h3 is free), and the tables' own relations (none here)
     * leave it unbounded.
     */
    @Test
    void aRangeNarrowedByNonNegativeHiddenCellsIsExposed() {
        LinkedTables t = new LinkedTables();
        int x = t.addCell("x", ONE_REPORT);
        int p = t.addCell("p", ONE_REPORT);
        int h1 = t.addHiddenCell("h1", 1);
        int h2 = t.addHiddenCell("h2", 0);
        int h3 = t.addHiddenCell("h3", 0);
        t.addImpliedRelation(x, new int[] {h1, h2});
        t.addImpliedRelation(p, new int[] {h1, h2, h3});
        CellStatus[] status = {CellStatus.SUPPRESSED, CellStatus.PUBLISHED};

        assertTrue(DisclosureControl.audit(t, status, RULES).tooNarrow().isEmpty(),
                "without the hidden cells nothing bounds x");
        HiddenTableAudit audit = HiddenTableAudit.of(t, status, RULES, new AuditMemory());
        assertArrayEquals(new int[] {x}, audit.exposed());
        assertArrayEquals(new int[0], audit.pinned());
        assertEquals(List.of(), audit.notProven());
    }

    /**
     * t = a + b is a table's relation; a = h1 + h2 and t = h1 + h2 + b are implied through hidden cells, and f = e
     * is another relation. With a withheld, t and b pin it. Withholding t or b unpins it (each is then free with a);
     * withholding e gives e away through f = e and leaves a pinned. {@link Derivability#withholding} says so, as
     * solving again does.
     */
    @Test
    void withholdingReadsWhatEachCandidateWouldDoThroughHiddenCells() {
        LinkedTables t = new LinkedTables();
        int a = t.addCell("a", ONE_REPORT);
        int b = t.addCell("b", ONE_REPORT);
        int tot = t.addCell("t", Map.of("C1", 1L, "C2", 1L));
        int e = t.addCell("e", ONE_REPORT);
        int f = t.addCell("f", ONE_REPORT);
        int h1 = t.addHiddenCell("h1", 1);
        int h2 = t.addHiddenCell("h2", 0);
        t.addRelation(tot, new int[] {a, b});
        t.addRelation(f, new int[] {e});
        t.addImpliedRelation(a, new int[] {h1, h2});
        t.addImpliedRelation(tot, new int[] {h1, h2, b});
        Derivability d = Derivability.withImplied(t);
        boolean[] unknown = new boolean[t.size()];
        unknown[a] = true;
        int[] candidates = {tot, b, e};
        assertArrayEquals(new Derivability.Effect[] {Derivability.Effect.UNPINS, Derivability.Effect.UNPINS,
                Derivability.Effect.STAYS_PINNED}, d.withholding(unknown, a, candidates));
        for (int i = 0; i < candidates.length; i++) {
            boolean[] more = unknown.clone();
            more[candidates[i]] = true;
            boolean[] both = d.determinedAmong(more, a, candidates[i]);
            assertEquals(i == 2, both[0], "a pinned once " + t.label(candidates[i]) + " is withheld");
            assertEquals(i == 2, both[1], t.label(candidates[i]) + " derivable once withheld");
        }
        unknown[b] = true;
        assertNull(d.withholding(unknown, a, candidates), "a not derivable: no derivation to read");
    }

    /**
     * The largest contributor knows its own amounts in the hidden cells too. x = h1 + h2 (C1's 2 reports and C2's
     * 1) is withheld; q = h1 + h5 = 2, p = h2 + h3 = 5 and u = h3 + h4 = 4 are published, h3 being C1's 4 reports.
     * Anyone gets x in [1, 7]. C1, knowing h1 >= 2 and h3 >= 4, gets h1 = 2, h3 = 4, h2 = 1: x = 3, its value.
     */
    @Test
    void theLargestContributorUsesItsOwnAmountsInTheHiddenCells() {
        for (boolean known : new boolean[] {true, false}) {
            LinkedTables t = new LinkedTables();
            int x = t.addCell("x", Map.of("C1", 2L, "C2", 1L));
            int q = t.addCell("q", Map.of("C1", 2L));
            int p = t.addCell("p", Map.of("C1", 4L, "C2", 1L));
            int u = t.addCell("u", Map.of("C1", 4L));
            int h1 = known ? t.addHiddenCell("h1", Map.of("C1", 2L)) : t.addHiddenCell("h1", 2);
            int h2 = known ? t.addHiddenCell("h2", Map.of("C2", 1L)) : t.addHiddenCell("h2", 1);
            int h3 = known ? t.addHiddenCell("h3", Map.of("C1", 4L)) : t.addHiddenCell("h3", 4);
            int h4 = t.addHiddenCell("h4", 0);
            int h5 = t.addHiddenCell("h5", 0);
            t.addImpliedRelation(x, new int[] {h1, h2});
            t.addImpliedRelation(q, new int[] {h1, h5});
            t.addImpliedRelation(p, new int[] {h2, h3});
            t.addImpliedRelation(u, new int[] {h3, h4});
            CellStatus[] status = {CellStatus.SUPPRESSED, CellStatus.PUBLISHED, CellStatus.PUBLISHED,
                CellStatus.PUBLISHED};

            HiddenTableAudit audit = HiddenTableAudit.of(t, status, RULES, new AuditMemory());
            assertArrayEquals(known ? new int[] {x} : new int[0], audit.exposed(), "own amounts known: " + known);
            assertEquals(List.of(), audit.notProven());
        }
    }

    /** With p withheld too, x = h1 + h2 has no upper bound: nothing is found. */
    @Test
    void aRangeTheHiddenCellsDoNotBoundPasses() {
        LinkedTables t = new LinkedTables();
        int x = t.addCell("x", ONE_REPORT);
        int p = t.addCell("p", TEN_REPORTS);
        int h1 = t.addHiddenCell("h1", 1);
        int h2 = t.addHiddenCell("h2", 0);
        int h3 = t.addHiddenCell("h3", 9);
        t.addImpliedRelation(x, new int[] {h1, h2});
        t.addImpliedRelation(p, new int[] {h1, h2, h3});
        CellStatus[] status = {CellStatus.SUPPRESSED, CellStatus.SUPPRESSED_SECONDARY};

        HiddenTableAudit audit = HiddenTableAudit.of(t, status, RULES, new AuditMemory());
        assertArrayEquals(new int[0], audit.exposed());
        assertArrayEquals(new int[0], audit.pinned());
        assertEquals(List.of(), audit.notProven());
    }

    /**
     * A complement that passes every rule, pinned to one value through the hidden cells (y = h1 = q, q published):
     * pinned, for the caller to publish, not exposed; the primary x = h2 beside it is bounded by nothing.
     */
    @Test
    void aComplementPinnedThroughHiddenCellsIsPinnedNotExposed() {
        LinkedTables t = new LinkedTables();
        int x = t.addCell("x", ONE_REPORT);
        int y = t.addCell("y", TEN_REPORTS);
        int q = t.addCell("q", TEN_REPORTS);
        assertEquals(2, q);
        int h1 = t.addHiddenCell("h1", 10);
        int h2 = t.addHiddenCell("h2", 1);
        t.addImpliedRelation(y, new int[] {h1});
        t.addImpliedRelation(q, new int[] {h1});
        t.addImpliedRelation(x, new int[] {h2});
        CellStatus[] status = {CellStatus.SUPPRESSED, CellStatus.SUPPRESSED_SECONDARY, CellStatus.PUBLISHED};

        HiddenTableAudit audit = HiddenTableAudit.of(t, status, RULES, new AuditMemory());
        assertArrayEquals(new int[] {y}, audit.pinned());
        assertArrayEquals(new int[0], audit.exposed());
        assertEquals(List.of(), audit.notProven());
    }

    /**
     * A component too large to solve whole (about 600 unknowns, hidden cells among them), audited with restricted
     * programs and without them (by its whole program): the same findings either way. 200 single reports x_i = h_i,
     * each below a published p_i = h_i + g_i, and their withheld total; p_7 = 1 holds x_7 to at most 1, below the 2
     * it needs, and every other x_i may reach 10.
     */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aLargeComponentIsAuditedThroughTheHiddenCellsWithOrWithoutRestrictedPrograms(boolean restrictedPrograms) {
        LinkedTables t = new LinkedTables();
        int n = 200;
        int[] x = new int[n];
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            x[i] = t.addCell("x" + i, Map.of("C" + i % 5, 1L));
            p[i] = t.addCell("p" + i, i == 7 ? Map.of("C9", 1L) : TEN_REPORTS);
        }
        int total = t.addCell("total", Map.of("C0", 40L, "C1", 40L, "C2", 40L, "C3", 40L, "C4", 40L));
        t.addRelation(total, x);
        for (int i = 0; i < n; i++) {
            int h = t.addHiddenCell("h" + i, 1);
            int g = t.addHiddenCell("g" + i, i == 7 ? 0 : 9);
            t.addImpliedRelation(x[i], new int[] {h});
            t.addImpliedRelation(p[i], new int[] {h, g});
        }
        CellStatus[] status = new CellStatus[t.size()];
        for (int i = 0; i < n; i++) {
            status[x[i]] = CellStatus.SUPPRESSED;
            status[p[i]] = CellStatus.PUBLISHED;
        }
        status[total] = CellStatus.SUPPRESSED_SECONDARY;
        assertTrue(DisclosureControl.audit(t, status, RULES).tooNarrow().isEmpty());

        HiddenTableAudit audit = HiddenTableAudit.of(t, status, RULES, new AuditMemory(), restrictedPrograms);
        assertArrayEquals(new int[] {x[7]}, audit.exposed());
        assertArrayEquals(new int[0], audit.pinned());
        assertEquals(List.of(), audit.notProven());

        status[p[7]] = CellStatus.SUPPRESSED_SECONDARY;
        HiddenTableAudit widened = HiddenTableAudit.of(t, status, RULES, new AuditMemory(), restrictedPrograms);
        assertArrayEquals(new int[0], widened.exposed());
        assertEquals(List.of(), widened.notProven());
    }

    /**
     * Proofs carried from one audit to the next refuse a pattern that publishes a cell they were given withheld,
     * unless made for patterns that publish only cells a reader can work out; then that cell's own proofs go.
     */
    @Test
    void proofsFollowAPatternThatPublishesOnlyWhenMadeFor() {
        RestrictedAudit.Proofs plain = new RestrictedAudit.Proofs(2);
        plain.advance(new boolean[] {true, true});
        assertThrows(IllegalStateException.class, () -> plain.advance(new boolean[] {true, false}));
        RestrictedAudit.Proofs pinned = RestrictedAudit.Proofs.publishingPinned(2);
        pinned.advance(new boolean[] {true, true});
        pinned.advance(new boolean[] {true, false});
        pinned.advance(new boolean[] {true, true});
    }

    /**
     * x = h1 (one report, asks for an upper bound of 2) is held to at most 1 by two chains, p1 = h1 + h2 = 1 and p2 =
     * h1 + h3 = 1: withholding either alone leaves the other. The widening program names both, and not r = h2 + h3
     * + h4 = 5, which is in the same relations but bounds nothing; with both withheld x is protected.
     */
    @Test
    void theWideningBreaksEveryChainAtOnce() {
        LinkedTables t = new LinkedTables();
        int x = t.addCell("x", ONE_REPORT);
        int p1 = t.addCell("p1", ONE_REPORT);
        int p2 = t.addCell("p2", ONE_REPORT);
        int r = t.addCell("r", TEN_REPORTS.entrySet().stream().filter(e -> !e.getKey().equals("C1"))
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
        int h1 = t.addHiddenCell("h1", 1);
        int h2 = t.addHiddenCell("h2", 0);
        int h3 = t.addHiddenCell("h3", 0);
        int h4 = t.addHiddenCell("h4", 7);
        t.addImpliedRelation(x, new int[] {h1});
        t.addImpliedRelation(p1, new int[] {h1, h2});
        t.addImpliedRelation(p2, new int[] {h1, h3});
        t.addImpliedRelation(r, new int[] {h2, h3, h4});
        CellStatus pub = CellStatus.PUBLISHED;
        CellStatus kept = CellStatus.SUPPRESSED_SECONDARY;

        HiddenTableAudit audit = HiddenTableAudit.of(t, new CellStatus[] {CellStatus.SUPPRESSED, pub, pub, pub},
                RULES, new AuditMemory());
        assertArrayEquals(new int[] {x}, audit.exposed());
        assertArrayEquals(new int[] {p1, p2}, audit.widening(0));
        for (CellStatus[] status : List.of(new CellStatus[] {CellStatus.SUPPRESSED, kept, pub, pub},
                new CellStatus[] {CellStatus.SUPPRESSED, pub, kept, pub})) {
            assertArrayEquals(new int[] {x}, HiddenTableAudit.of(t, status, RULES, new AuditMemory()).exposed(),
                    "one chain left");
        }
        assertArrayEquals(new int[0], HiddenTableAudit.of(t, new CellStatus[] {CellStatus.SUPPRESSED, kept, kept,
            pub}, RULES, new AuditMemory()).exposed());
    }
}
