package org.cgtbulletin.protect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Hand-made adversarial cases for the engine: linking, zeros, carried-over cells, intervals, coalitions. */
class DisclosureControlTest {

    private static final Map<String, Long> SAFE = Map.of("p", 20L, "q", 20L, "r", 20L);

    private static CellStatus[] published(int n) {
        CellStatus[] s = new CellStatus[n];
        Arrays.fill(s, CellStatus.PUBLISHED);
        return s;
    }

    /** 3x3 table whose inner cells are given (row-major), with margins. */
    private static Grids grid3(List<Map<String, Long>> inner) {
        return Grids.of(new String[][] {{"r0", "r1", "r2"}, {"c0", "c1", "c2"}},
                idx -> inner.get(idx[0] * 3 + idx[1]));
    }

    @Test
    void buildingValidatesInput() {
        LinkedTables t = new LinkedTables();
        int a = t.addCell("a", Map.of("m", 3L, "n", 4L));
        int b = t.addCell("b", Map.of());
        int ab = t.addCell("ab", Map.of("m", 3L, "n", 4L));
        assertEquals(3, t.size());
        assertEquals(7, t.total(a));
        assertEquals(0, t.total(b));
        assertEquals("ab", t.label(ab));
        t.addRelation(ab, new int[] {a, b});
        assertThrows(IllegalArgumentException.class, () -> t.addRelation(ab, new int[] {a, a}));
        assertThrows(IllegalArgumentException.class, () -> t.addRelation(ab, new int[] {a, 7}));
        assertThrows(IllegalArgumentException.class, () -> t.addCell("neg", Map.of("m", -1L)));
        assertThrows(IllegalArgumentException.class,
                () -> t.addCell("overflow", Map.of("m", Long.MAX_VALUE, "n", 1L)));
        assertThrows(IllegalArgumentException.class, () -> t.keepSuppressed(-1, "x"));
        assertThrows(IllegalArgumentException.class, () -> t.label(3));
        assertThrows(IllegalArgumentException.class,
                () -> DisclosureControl.audit(t, new CellStatus[2], DisclosureRules.defaults()));
        assertThrows(IllegalArgumentException.class,
                () -> DisclosureControl.protect(t, new DisclosureRules(3, 5, Double.NaN, 0.2)));
    }

    @Test
    void emptySystem() {
        Protection p = DisclosureControl.protect(new LinkedTables(), DisclosureRules.defaults());
        assertEquals(0, p.status().length);
        assertEquals(new AuditReport(0, 0, 0, 0, List.of(), List.of(), List.of(), List.of(), List.of(), 0, 0),
                p.audit());
    }

    @Test
    void zerosArePublishedAndNotPickedAsComplementsWhenAnythingElseWorks() {
        // row r0: 0, small(fails), 30; the zero is the cheapest cell but says nothing
        Grids g = grid3(List.of(
                Map.of(), Map.of("m", 2L), SAFE,
                SAFE, SAFE, SAFE,
                SAFE, SAFE, SAFE));
        Protection p = DisclosureControl.protect(g.tables, DisclosureRules.defaults());
        assertTrue(p.published(g.id(0, 0)));
        assertEquals(CellStatus.SUPPRESSED, p.status()[g.id(0, 1)]);
        assertTrue(p.audit().clean(), p.audit().toString());
        for (Suppression s : p.suppressions()) {
            assertNotEquals(0, s.value(), s.toString());
        }
    }

    @Test
    void keptCellsStaySuppressedWithTheirReason() {
        Grids g = grid3(List.of(
                SAFE, SAFE, SAFE,
                SAFE, Map.of("m", 1L), SAFE,
                SAFE, SAFE, SAFE));
        g.tables.keepSuppressed(g.id(0, 0), "suppressed in 2025Q1");
        g.tables.keepSuppressed(g.id(1, 1), "suppressed in 2025Q1");
        Protection p = DisclosureControl.protect(g.tables, DisclosureRules.defaults());
        // passes every rule now: withheld only to protect the earlier release, so a complement
        assertEquals(CellStatus.SUPPRESSED_SECONDARY, p.status()[g.id(0, 0)]);
        assertEquals(CellStatus.SUPPRESSED, p.status()[g.id(1, 1)]);
        Suppression kept = p.suppressions().stream().filter(s -> s.cell() == g.id(0, 0)).findFirst().orElseThrow();
        assertEquals("suppressed in 2025Q1", kept.reason());
        Suppression both = p.suppressions().stream().filter(s -> s.cell() == g.id(1, 1)).findFirst().orElseThrow();
        assertTrue(both.reason().startsWith("R1 contributors < 3; R2 events < 5"), both.reason());
        assertTrue(both.reason().endsWith("suppressed in 2025Q1"), both.reason());
        assertTrue(p.audit().clean(), p.audit().toString());
        assertEquals(1, p.audit().primary());
    }

    @Test
    void cellsKeptAfterAnAuditJoinItsPatternWithComplementsOfTheirOwn() {
        Grids g = grid3(List.of(
                SAFE, SAFE, SAFE,
                SAFE, Map.of("m", 1L), SAFE,
                SAFE, SAFE, SAFE));
        Protection first = DisclosureControl.protect(g.tables, DisclosureRules.defaults());
        assertTrue(first.audit().clean(), first.audit().toString());
        // an inner cell the pattern publishes (one small cell and three complements leave five)
        int corner = java.util.stream.IntStream.of(g.id(2, 2), g.id(0, 0), g.id(2, 0), g.id(0, 2))
                .filter(first::published).findFirst().orElseThrow();
        assertThrows(IllegalArgumentException.class, () -> DisclosureControl.suppressAlso(g.tables, first,
                new int[] {corner}, new int[0], DisclosureRules.defaults()), "a cell not kept");
        g.tables.keepSuppressed(corner, "kept after the audit");
        SuppressionPattern more = DisclosureControl.suppressAlso(g.tables, first, new int[] {corner}, new int[0],
                DisclosureRules.defaults());
        for (Suppression s : first.suppressions()) {
            assertTrue(more.withholds(s.cell()), "every cell withheld before stays withheld: " + s.label());
        }
        assertTrue(more.withholds(corner));
        assertTrue(more.withheld() > first.suppressions().size() + 1, "a lone withheld cell in its row and column"
                + " needs complements of its own");
        Protection p = more.audit();
        assertTrue(p.audit().clean(), p.audit().toString());
        Suppression kept = p.suppressions().stream().filter(s -> s.cell() == corner).findFirst().orElseThrow();
        assertEquals(CellStatus.SUPPRESSED_SECONDARY, kept.status());
        assertEquals("kept after the audit", kept.reason());
        assertTrue(kept.feasibleHigh() - kept.feasibleLow() >= 1, kept.toString());
        // the kept cell was published already: it cannot be kept a second time
        assertThrows(IllegalArgumentException.class, () -> DisclosureControl.suppressAlso(g.tables, p,
                new int[] {corner}, new int[0], DisclosureRules.defaults()));
        // a cell failing a rule is never published as determined, a complement may be; it is listed as determined
        // and is never chosen as a complement again
        int small = g.id(1, 1);
        assertThrows(IllegalArgumentException.class, () -> DisclosureControl.suppressAlso(g.tables, p, new int[0],
                new int[] {small}, DisclosureRules.defaults()));
        Suppression complement = p.suppressions().stream().filter(s -> s.status() == CellStatus.SUPPRESSED_SECONDARY
                && s.cell() != corner).findFirst().orElseThrow();
        SuppressionPattern fewer = DisclosureControl.suppressAlso(g.tables, p, new int[0],
                new int[] {complement.cell()}, DisclosureRules.defaults());
        assertFalse(fewer.withholds(complement.cell()));
        Protection q = fewer.audit();
        assertTrue(q.published(complement.cell()));
        assertTrue(q.determined().contains(complement.label()), q.determined().toString());
        assertTrue(q.audit().clean(), q.audit().toString());
    }

    @Test
    void aCellKeptProtectedIsAComplementThatNoPublishedNumberPins() {
        Grids g = grid3(List.of(
                SAFE, SAFE, SAFE,
                SAFE, SAFE, SAFE,
                SAFE, SAFE, Map.of("m", 3L, "n", 4L, "o", 5L)));
        g.tables.keepProtected(g.id(2, 2), "its change would give another away");
        Protection p = DisclosureControl.protect(g.tables, DisclosureRules.defaults());
        // passes every rule: its status is a complement's, but it is protected as a primary cell is
        assertEquals(CellStatus.SUPPRESSED_SECONDARY, p.status()[g.id(2, 2)]);
        Suppression kept = p.suppressions().stream().filter(s -> s.cell() == g.id(2, 2)).findFirst().orElseThrow();
        assertEquals("its change would give another away", kept.reason());
        assertTrue(kept.intervalChecked() && kept.feasibleHigh() - kept.feasibleLow() >= 1, kept.toString());
        assertTrue(p.audit().clean(), p.audit().toString());
        assertEquals(0, p.audit().primary());
        assertTrue(p.suppressions().size() >= 4, "a lone withheld cell of a 3x3 table needs three complements");
    }

    @Test
    void dominantCellNeedsABigEnoughComplement() {
        // a = (90,5,5) fails R3 and R4: an attacker must not be able to exclude values up to 90 / 0.75 = 120.
        Map<String, Long> small = Map.of("p", 2L, "q", 2L, "r", 2L); // passes, but can only hide 6
        Grids g = grid3(List.of(
                Map.of("M", 90L, "x", 5L, "y", 5L), small, SAFE,
                small, small, SAFE,
                SAFE, SAFE, SAFE));
        int a = g.id(0, 0);
        CellStatus[] s = published(g.tables.size());
        s[a] = CellStatus.SUPPRESSED;
        s[g.id(0, 1)] = s[g.id(1, 0)] = s[g.id(1, 1)] = CellStatus.SUPPRESSED_SECONDARY;
        Auditor.Detail d = DisclosureControl.detail(g.tables, s, DisclosureRules.defaults());
        assertEquals(List.of(), d.report().derivable());
        assertEquals(List.of("r0|c0"), d.report().tooNarrow());
        assertEquals(List.of(), d.report().coalitionBreaches());
        assertEquals(94, d.low()[a], 1e-9);
        assertEquals(106, d.high()[a], 1e-9);

        Protection p = DisclosureControl.protect(g.tables, DisclosureRules.defaults());
        assertTrue(p.audit().clean(), p.audit().toString());
        Suppression sa = p.suppressions().stream().filter(x -> x.cell() == a).findFirst().orElseThrow();
        assertTrue(sa.feasibleHigh() >= 120, sa.toString());
    }

    /** A 3 x 3 grid with a cell one contributor dominates and a cell with a single contributor. */
    private static Grids dominatedAndSmallCells() {
        Map<String, Long> small = Map.of("p", 2L, "q", 2L, "r", 2L);
        return grid3(List.of(
                Map.of("M", 90L, "x", 5L, "y", 5L), small, SAFE,
                small, small, SAFE,
                SAFE, SAFE, Map.of("m", 1L)));
    }

    @Test
    void twoSystemsProtectedSideBySideGetWhatEachGetsAlone() {
        Map<String, Long> small = Map.of("p", 2L, "q", 2L, "r", 2L);
        Grids g = dominatedAndSmallCells();
        Grids h = grid3(List.of(
                SAFE, Map.of("m", 2L), SAFE,
                SAFE, SAFE, Map.of("n", 3L),
                small, SAFE, SAFE));
        DisclosureRules rules = DisclosureRules.defaults();
        List<Protection> both = DisclosureControl.protectEach(g.tables, h.tables, rules);
        for (int i = 0; i < 2; i++) {
            Protection alone = DisclosureControl.protect(i == 0 ? g.tables : h.tables, rules);
            assertArrayEquals(alone.status(), both.get(i).status());
            assertEquals(alone.suppressions(), both.get(i).suppressions());
            assertEquals(alone.audit(), both.get(i).audit());
            assertTrue(alone.audit().clean(), alone.audit().toString());
        }
    }

    @Test
    void suppressingThenAuditingIsProtecting() {
        // suppress() stops before the audit (rules, then the complements exact derivability needs); audit()
        // finishes exactly as protect() does, and may only add complements.
        Grids g = dominatedAndSmallCells();
        DisclosureRules rules = DisclosureRules.defaults();
        SuppressionPattern pattern = DisclosureControl.suppress(g.tables, rules);
        Protection protection = pattern.audit();
        Protection direct = DisclosureControl.protect(g.tables, rules);
        assertArrayEquals(direct.status(), protection.status());
        assertEquals(direct.suppressions(), protection.suppressions());
        assertEquals(direct.audit(), protection.audit());
        assertTrue(protection.audit().clean(), protection.audit().toString());
        assertTrue(pattern.audit() == protection, "audited once");
        long withheld = java.util.Arrays.stream(protection.status()).filter(s -> s != CellStatus.PUBLISHED).count();
        assertTrue(pattern.withheld() > 0 && pattern.withheld() <= withheld,
                pattern.withheld() + " before the audit, " + withheld + " after");
    }

    @Test
    void largestContributorCanRecoverWhatOutsidersCannot() {
        // M owns all of b, c, d and 8 of a's 10; the rectangle a,b,c,d hides a from outsiders
        // ([0, 15]) but M, knowing b >= 5, c >= 5, d >= 10, pins a to 10.
        Grids g = grid3(List.of(
                Map.of("M", 8L, "X", 2L), Map.of("M", 5L), SAFE,
                Map.of("M", 5L), Map.of("M", 10L), SAFE,
                SAFE, SAFE, SAFE));
        int a = g.id(0, 0);
        CellStatus[] s = published(g.tables.size());
        s[a] = s[g.id(0, 1)] = s[g.id(1, 0)] = s[g.id(1, 1)] = CellStatus.SUPPRESSED;
        Auditor.Detail d = DisclosureControl.detail(g.tables, s, DisclosureRules.defaults());
        assertEquals(List.of(), d.report().derivable());
        assertEquals(List.of(), d.report().tooNarrow());
        assertEquals(List.of("r0|c0", "r0|c1", "r1|c0", "r1|c1"), d.report().coalitionBreaches());
        assertEquals(0, d.low()[a], 1e-9);
        assertEquals(15, d.high()[a], 1e-9);

        Protection p = DisclosureControl.protect(g.tables, DisclosureRules.defaults());
        assertTrue(p.audit().clean(), p.audit().toString());
        assertTrue(p.suppressions().stream().anyMatch(x -> x.reason().contains("largest contributor")),
                p.suppressions().toString());
    }

    @Test
    void linkedTablesAreAuditedAsOneSystem() {
        // Two tables share the margin 'Q' (quarter total) and the year links the quarters: y = q1 + q2.
        // q1 = a1 + b1 (a1 fails), q2 = a2 + b2, and the year table y = a + b with a = a1 + a2, b = b1 + b2.
        LinkedTables t = new LinkedTables();
        int a1 = t.addCell("a1", Map.of("m", 2L));
        int b1 = t.addCell("b1", SAFE);
        int q1 = t.addCell("q1", Map.of("m", 2L, "p", 20L, "q", 20L, "r", 20L));
        int a2 = t.addCell("a2", SAFE);
        int b2 = t.addCell("b2", SAFE);
        int q2 = t.addCell("q2", Map.of("p", 40L, "q", 40L, "r", 40L));
        int a = t.addCell("a", Map.of("m", 2L, "p", 20L, "q", 20L, "r", 20L));
        int b = t.addCell("b", Map.of("p", 40L, "q", 40L, "r", 40L));
        int y = t.addCell("y", Map.of("m", 2L, "p", 60L, "q", 60L, "r", 60L));
        t.addRelation(q1, new int[] {a1, b1});
        t.addRelation(q2, new int[] {a2, b2});
        t.addRelation(y, new int[] {a, b});
        t.addRelation(a, new int[] {a1, a2});
        t.addRelation(b, new int[] {b1, b2});
        t.addRelation(y, new int[] {q1, q2});
        Protection p = DisclosureControl.protect(t, DisclosureRules.defaults());
        assertEquals(CellStatus.SUPPRESSED, p.status()[a1]);
        assertTrue(p.audit().clean(), p.audit().toString());
        // Suppressing only a1 and b1 would leave a1 = a - a2 through the year table.
        CellStatus[] naive = published(t.size());
        naive[a1] = CellStatus.SUPPRESSED;
        naive[b1] = CellStatus.SUPPRESSED_SECONDARY;
        assertEquals(List.of("a1", "b1"), DisclosureControl.audit(t, naive, DisclosureRules.defaults()).derivable());
    }

    @Test
    void structurallyDeterminedCellIsPublishedNotLoopedOn() {
        // t = a + b and t = a + b + c force c = 0 whatever is suppressed; c is kept from a previous release, but it
        // passes every rule and its value can be worked out: it is published, as determined, with no repair loop.
        LinkedTables t = new LinkedTables();
        int a = t.addCell("a", SAFE);
        int b = t.addCell("b", SAFE);
        int c = t.addCell("c", Map.of());
        int tot = t.addCell("t", Map.of("p", 40L, "q", 40L, "r", 40L));
        t.addRelation(tot, new int[] {a, b});
        t.addRelation(tot, new int[] {a, b, c});
        t.keepSuppressed(c, "previous release");
        Protection p = DisclosureControl.protect(t, DisclosureRules.defaults());
        assertEquals(List.of(), p.audit().derivable());
        assertEquals(List.of("c"), p.determined());
        assertTrue(p.published(c));
    }

    @Test
    void aDerivableCellsComplementEntersItsDerivation() {
        // After the heuristic, a0|b1 can still be worked out exactly. Its row's published cells, a0|b0 (0) and
        // a0|Total, are the nearest candidates, and a0|Total, the non-zero one, would be preferred; but every
        // derivation of a0|b1 uses a0|Total with weight 0 (it enters through its row and through the column of
        // totals, which cancel), so withholding it would leave a0|b1 derivable. The complement must be a0|b0.
        List<List<Map<String, Long>>> inner = List.of(
                List.of(Map.of(), Map.of("c4", 5L, "c7", 6L), Map.of("c1", 2L, "c7", 7L)),
                List.of(Map.of("c7", 5L), Map.of("c1", 8L), Map.of("c0", 3L, "c2", 1L, "c5", 2L)),
                List.of(Map.of(), Map.of(), Map.of("c8", 4L)),
                List.of(Map.of(), Map.of(), Map.of("c3", 7L, "c4", 5L, "c8", 4L)));
        Grids g = Grids.of(new String[][] {{"a0", "a1", "a2", "a3"}, {"b0", "b1", "b2"}},
                idx -> inner.get(idx[0]).get(idx[1]));
        DisclosureRules rules = new DisclosureRules(2, 2, 0.7, 0.1);
        Protection p = DisclosureControl.protect(g.tables, rules);
        assertEquals(List.of(), p.audit().derivable());
        List<String> forDerivability = p.suppressions().stream()
                .filter(x -> x.reason().equals("complement: 'a0|b1' was exactly derivable"))
                .map(Suppression::label).toList();
        assertEquals(List.of("a0|b0"), forDerivability);
        assertTrue(p.published(g.id(0, 3)), "a0|Total");
    }

    @Test
    void aKeptTotalPinnedByPublishedPartsIsPublished() {
        // y = q1 + q2, both published (and never complements: the previous release published them with these
        // values); y was kept withheld because q2, gained since that release, was withheld in an earlier round of
        // the protection. y is pinned by its parts, and its change since the previous release is q2, published:
        // withholding it protects nothing, so it is published, as determined.
        LinkedTables t = new LinkedTables();
        int q1 = t.addCell("q1", SAFE);
        int q2 = t.addCell("q2", Map.of());
        int y = t.addCell("y", SAFE);
        t.addRelation(y, new int[] {q1, q2});
        t.knownAlready(q1);
        t.knownAlready(q2);
        t.keepSuppressedEvenIfDetermined(y, "moved", new int[] {q2});
        Protection p = DisclosureControl.protect(t, DisclosureRules.defaults());
        assertTrue(p.published(q1));
        assertTrue(p.published(q2));
        assertTrue(p.published(y));
        assertEquals(List.of("y"), p.determined());
        assertTrue(p.audit().clean(), p.audit().toString());
    }

    @Test
    void aKeptTotalWhoseGainedPartIsWithheldStaysWithheld() {
        // The same, but q2 fails the rules: publishing y would give q2 away against the previous release's y.
        LinkedTables t = new LinkedTables();
        int q1 = t.addCell("q1", SAFE);
        int q2 = t.addCell("q2", Map.of("m", 2L));
        int y = t.addCell("y", Map.of("m", 2L, "p", 20L, "q", 20L, "r", 20L));
        t.addRelation(y, new int[] {q1, q2});
        t.keepSuppressedEvenIfDetermined(y, "moved", new int[] {q2});
        Protection p = DisclosureControl.protect(t, DisclosureRules.defaults());
        assertFalse(p.published(q2));
        assertFalse(p.published(y));
        assertEquals(List.of(), p.determined());
    }

    @Test
    void aKeptTotalPinnedWhileAGainedPartIsWithheldStaysWithheldAndIsReported() {
        // y = q1 + q2 + q3 and y = a + b, with a, b and q1 published before with these values: y is pinned. q2
        // fails the rules and q3 is its complement; the previous release's y was q1 alone, so y minus it is
        // q2 + q3, withheld: y stays withheld, and the audit reports it, a true alarm.
        LinkedTables t = new LinkedTables();
        int q1 = t.addCell("q1", SAFE);
        int q2 = t.addCell("q2", Map.of("m", 2L));
        int q3 = t.addCell("q3", Map.of("x", 20L, "y", 20L, "z", 20L));
        int y = t.addCell("y", Map.of("p", 20L, "q", 20L, "r", 20L, "m", 2L, "x", 20L, "y", 20L, "z", 20L));
        int a = t.addCell("a", Map.of("p", 20L, "q", 20L, "r", 20L, "m", 2L));
        int b = t.addCell("b", Map.of("x", 20L, "y", 20L, "z", 20L));
        t.addRelation(y, new int[] {q1, q2, q3});
        t.addRelation(y, new int[] {a, b});
        t.knownAlready(q1);
        t.knownAlready(a);
        t.knownAlready(b);
        t.keepSuppressedEvenIfDetermined(y, "moved", new int[] {q2, q3});
        Protection p = DisclosureControl.protect(t, DisclosureRules.defaults());
        assertFalse(p.published(q2));
        assertFalse(p.published(q3));
        assertFalse(p.published(y));
        assertFalse(p.determined().contains("y"));
        assertTrue(p.audit().tooNarrow().contains("y"), p.audit().toString());
    }

    @Test
    void aKeptTotalIsPublishedAfterTheGainedPartTheSameAuditPublishes() {
        // y = q1 + q2, kept for q2; q2 is kept from the previous release and pinned to 0 by m = q2 + z (m and z,
        // like q1, published before with these values). The audit publishes q2 as determined, and then y, whose
        // only gained cell is now published, though y comes first in id order.
        LinkedTables t = new LinkedTables();
        int y = t.addCell("y", SAFE);
        int q1 = t.addCell("q1", SAFE);
        int q2 = t.addCell("q2", Map.of());
        int m = t.addCell("m", SAFE);
        int z = t.addCell("z", SAFE);
        t.addRelation(y, new int[] {q1, q2});
        t.addRelation(m, new int[] {q2, z});
        t.knownAlready(q1);
        t.knownAlready(m);
        t.knownAlready(z);
        t.keepSuppressed(q2, "previous release");
        t.keepSuppressedEvenIfDetermined(y, "moved", new int[] {q2});
        Protection p = DisclosureControl.protect(t, DisclosureRules.defaults());
        assertEquals(List.of("y", "q2"), p.determined());
        assertTrue(p.published(y));
        assertTrue(p.published(q2));
        assertEquals(List.of(), p.audit().tooNarrow());
    }

    @Test
    void duplicatePartsAndSelfReferencesUseNetCoefficients() {
        // d = 2a (a listed twice); the relation a = a (net zero) is ignored.
        LinkedTables t = new LinkedTables();
        int a = t.addCell("a", Map.of("m", 3L));
        int d = t.addCell("d", Map.of("m", 3L, "n", 3L));
        t.addRelation(d, new int[] {a, a});
        t.addRelation(a, new int[] {a});
        CellStatus[] s = published(2);
        s[a] = CellStatus.SUPPRESSED;
        assertEquals(List.of("a"), DisclosureControl.audit(t, s, DisclosureRules.defaults()).derivable());
        s[d] = CellStatus.SUPPRESSED_SECONDARY;
        AuditReport r = DisclosureControl.audit(t, s, DisclosureRules.defaults());
        assertEquals(List.of(), r.derivable());
        assertEquals(2, r.intervalChecked());
    }

    @Test
    void protectionCopiesItsInputs() {
        CellStatus[] status = {CellStatus.PUBLISHED};
        AuditReport audit = new AuditReport(1, 1, 0, 0, List.of(), List.of(), List.of(), List.of(), List.of(), 0, 0);
        Protection p = new Protection(status, List.of(), audit, List.of());
        status[0] = CellStatus.SUPPRESSED;
        assertTrue(p.published(0));
        assertArrayEquals(new CellStatus[] {CellStatus.PUBLISHED}, p.status());
        assertThrows(IllegalArgumentException.class,
                () -> new Suppression(0, "x", CellStatus.PUBLISHED, "r", 1, 0, 1, true, false));
    }

    @Test
    void snapshotIsNotAffectedByLaterChanges() {
        Grids g = grid3(List.of(
                Map.of("m", 1L), SAFE, SAFE,
                SAFE, SAFE, SAFE,
                SAFE, SAFE, SAFE));
        Protection first = DisclosureControl.protect(g.tables, DisclosureRules.defaults());
        g.tables.addCell("unrelated", Map.of("m", 1L));
        assertEquals(g.tables.size() - 1, first.status().length);
        Protection second = DisclosureControl.protect(g.tables, DisclosureRules.defaults());
        assertEquals(first.audit().secondary(), second.audit().secondary());
        assertEquals(first.audit().primary() + 1, second.audit().primary());
    }
}
