package org.cgtbulletin.protect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The audit of components too large to solve whole ({@link RestrictedAudit}): a cell passes only with a proof (a
 * restricted interval that already suffices), is reported exposed only when exact duals prove the restricted bound
 * is the component's own, and is otherwise reported not proven. Checked against the whole component's exact
 * program, which is still affordable at these sizes.
 */
class RestrictedAuditTest {

    private static final int SIDE = 20; // 400 inner cells: more than IntervalAudit.MAX_LP_UNKNOWNS

    private static String[][] names(int rows, int cols) {
        String[] r = new String[rows];
        String[] c = new String[cols];
        for (int i = 0; i < rows; i++) {
            r[i] = "r" + i;
        }
        for (int j = 0; j < cols; j++) {
            c[j] = "c" + j;
        }
        return new String[][] {r, c};
    }

    /** Every inner cell withheld (as a primary), every margin published. */
    private static CellStatus[] innerSuppressed(Grids g) {
        CellStatus[] s = new CellStatus[g.tables.size()];
        Arrays.fill(s, CellStatus.PUBLISHED);
        for (int i = 0; i < g.sizes[0]; i++) {
            for (int j = 0; j < g.sizes[1]; j++) {
                s[g.id(i, j)] = CellStatus.SUPPRESSED;
            }
        }
        return s;
    }

    /** Three contributors of 2 each: passes every rule, and leaves its largest contributor room. */
    private static Map<String, Long> safe(int i, int j) {
        return Map.of("A" + (i + j) % 5, 2L, "B" + (i + 2 * j) % 7, 2L, "C" + (3 * i + j) % 11, 2L);
    }

    /**
     * A chain of restricted programs is judged only after {@link RestrictedAudit#YIELD_AFTER} work, and stops below
     * {@link RestrictedAudit#MIN_YIELD} proven cells per billion (exactly that rate goes on; no overflow at the
     * largest budgets).
     */
    @Test
    void aChainOfProgramsStopsOnlyWhenItsYieldIsLow() {
        long after = RestrictedAudit.YIELD_AFTER;
        long perBillion = RestrictedAudit.MIN_YIELD;
        assertFalse(RestrictedAudit.yieldTooLow(after - 1, 0), "judged before its work is spent");
        assertTrue(RestrictedAudit.yieldTooLow(after, 0));
        int atRate = (int) (perBillion * after / 1_000_000_000L);
        assertFalse(RestrictedAudit.yieldTooLow(after, atRate), "exactly the rate");
        assertTrue(RestrictedAudit.yieldTooLow(after, atRate - 1));
        assertFalse(RestrictedAudit.yieldTooLow(4 * RestrictedAudit.WORK_BUDGET, Integer.MAX_VALUE));
        assertTrue(RestrictedAudit.yieldTooLow(4 * RestrictedAudit.WORK_BUDGET, 1));
    }

    /**
     * A chain that proves its cells early and then nothing stops once its last {@link RestrictedAudit#YIELD_AFTER}
     * of work proved too few, long before its whole yield falls below the bar (the shape of a million reports'
     * largest-contributor chain); a chain proving steadily above the bar, or in bursts above it, never stops; none is
     * stopped before it has spent {@link RestrictedAudit#YIELD_AFTER}.
     */
    @Test
    void aChainStopsWhenItsLastStretchProvesTooLittle() {
        long step = 5_000_000; // the work of one cell's search
        long million = 1_000_000;
        // 1,083 cells in the first 210 million, then none
        long stoppedAt = run(spent -> spent <= 210 * million ? (int) (1_083 * spent / (210 * million)) : 1_083, step);
        assertTrue(stoppedAt >= RestrictedAudit.YIELD_AFTER
                && stoppedAt <= 210 * million + RestrictedAudit.YIELD_AFTER + RestrictedAudit.YIELD_AFTER / 10 + step,
                "stopped at " + stoppedAt);
        assertFalse(RestrictedAudit.yieldTooLow(stoppedAt, 1_083), "its whole yield alone would not have stopped it");
        // proving above the bar, stretch after stretch
        long bar = RestrictedAudit.MIN_YIELD;
        assertEquals(-1, run(spent -> (int) (bar * 11 / 10 * spent / 1_000_000_000L), step));
        assertEquals(-1, run(spent -> (int) (bar * 3 * (spent / (100 * million)) / 10), step),
                "proofs in bursts of a tenth of a billion, each at three times the bar");
        // proving nothing: judged once YIELD_AFTER is spent, not before
        long never = run(spent -> 0, step);
        assertTrue(never >= RestrictedAudit.YIELD_AFTER && never < RestrictedAudit.YIELD_AFTER + step, "" + never);
    }

    /**
     * Spends {@code step} work per cell on a chain whose cells proven after {@code spent} work are {@code
     * provenAfter(spent)}, judging it after each; returns the work spent when it stopped, or -1 if it ran out of budget.
     */
    private static long run(java.util.function.LongToIntFunction provenAfter, long step) {
        long[] account = {RestrictedAudit.WORK_BUDGET};
        long[] spent = {0};
        RestrictedAudit.Chain chain = new RestrictedAudit.Chain(account,
                () -> provenAfter.applyAsInt(spent[0]));
        while (account[0] > 0) {
            long[] programs = chain.programs();
            if (programs != account) {
                assertTrue(chain.stopped());
                return spent[0];
            }
            assertFalse(chain.stopped());
            account[0] -= step;
            spent[0] += step;
            chain.judge();
        }
        return chain.programs() != account ? spent[0] : -1;
    }

    @Test
    void largeComponentIsProvenProtectedByRestrictedPrograms() {
        Grids g = Grids.of(names(SIDE, SIDE), idx -> safe(idx[0], idx[1]));
        Auditor.Detail d = DisclosureControl.detail(g.tables, innerSuppressed(g), DisclosureRules.defaults());
        AuditReport a = d.report();
        assertTrue(a.clean(), a.toString());
        assertEquals(SIDE * SIDE, a.intervalChecked());
        assertEquals(SIDE * SIDE, a.intervalRestricted());
        assertEquals(0, a.intervalSkipped());
        int cell = g.id(3, 4);
        assertTrue(d.checked()[cell] && d.restricted()[cell]);
        // A restricted interval lies inside the attacker's and already has width at least 1 around the value.
        assertTrue(d.low()[cell] <= 5 && d.high()[cell] >= 7, d.low()[cell] + ", " + d.high()[cell]);
    }

    @Test
    void dualsProveACellExposed() {
        // Row r0 holds a single event, from one contributor, in r0|c0; its other cells are zeros. The published row
        // total 1 caps r0|c0 at 1, short of the 1 / 0.75 its dominance failure asks for, and its contributor, who
        // knows its own 1, pins it exactly. Nothing elsewhere in the 400-cell component can change that.
        Grids g = Grids.of(names(SIDE, SIDE), idx -> idx[0] == 0
                ? (idx[1] == 0 ? Map.of("M", 1L) : Map.of())
                : safe(idx[0], idx[1]));
        int a = g.id(0, 0);
        Auditor.Detail d = DisclosureControl.detail(g.tables, innerSuppressed(g), DisclosureRules.defaults());
        AuditReport r = d.report();
        assertEquals(List.of(), r.derivable());
        assertEquals(List.of("r0|c0"), r.tooNarrow());
        assertEquals(List.of("r0|c0"), r.coalitionBreaches());
        assertEquals(List.of(), r.intervalNotProven(), r.toString());
        assertEquals(List.of(), r.coalitionNotProven(), r.toString());
        assertTrue(d.checked()[a] && d.restricted()[a]);
        assertEquals(1, d.high()[a], 1e-9);
        assertFalse(r.clean());
    }

    @Test
    void withoutAProofACellIsNotProvenNeverPassed() {
        // Caps too small for any improving cycle of the grid (four cells): nothing can be proven either way.
        Grids g = Grids.of(names(SIDE, SIDE), idx -> safe(idx[0], idx[1]));
        LinearSystem sys = new LinearSystem(g.tables);
        DisclosureRules rules = DisclosureRules.defaults();
        Auditor auditor = new Auditor(sys, rules);
        CellStatus[] status = innerSuppressed(g);
        Component comp = single(sys, status);
        boolean[] primary = primary(auditor, status);
        IntervalAudit.Result r = RestrictedAudit.audit(sys, rules, auditor.assess, primary, comp,
                auditor.determined(comp), 2, 3, 0);
        for (int k = 0; k < comp.size(); k++) {
            assertFalse(r.checked()[k], sys.label[comp.cells[k]]);
            assertFalse(r.tooNarrow()[k]);
            assertFalse(r.breach()[k]);
            assertTrue(r.coalitionOpen()[k]);
        }
        // The whole program, with exact certificates, decides what programs that small cannot.
        IntervalAudit.Result whole = RestrictedAudit.audit(sys, rules, auditor.assess, primary, comp,
                auditor.determined(comp), 2, 3, RestrictedAudit.WHOLE_ITERATIONS);
        boolean[] all = new boolean[comp.size()];
        Arrays.fill(all, true);
        ExactSimplex.Bounds exact = IntervalAudit.bounds(comp, null, all);
        for (int k = 0; k < comp.size(); k++) {
            int cell = comp.cells[k];
            assertTrue(whole.checked()[k], sys.label[cell]);
            assertFalse(whole.coalitionOpen()[k], sys.label[cell]);
            assertFalse(whole.tooNarrow()[k], sys.label[cell]);
            assertTrue(whole.high()[k] <= exact.high[k] + 1e-9 && whole.low()[k] >= exact.low[k] - 1e-9,
                    sys.label[cell] + ": a proven range lies inside the exact one");
        }
    }

    @Test
    void notProvenCellsAreReportedAndNotClean() {
        Grids g = Grids.of(names(SIDE, SIDE), idx -> safe(idx[0], idx[1]));
        LinearSystem sys = new LinearSystem(g.tables);
        Auditor auditor = new Auditor(sys, DisclosureRules.defaults());
        Auditor.Detail fast = auditor.audit(innerSuppressed(g), false, null);
        AuditReport a = fast.report();
        assertEquals(0, a.intervalChecked());
        assertEquals(SIDE * SIDE, a.intervalNotProven().size());
        assertEquals(SIDE * SIDE, a.coalitionNotProven().size());
        assertFalse(a.clean());
    }

    @Test
    void agreesWithTheWholeComponentsProgram() {
        agreesWithTheWholeComponentsProgram(RestrictedAudit.FIRST_UNKNOWNS, RestrictedAudit.MAX_UNKNOWNS, 0);
    }

    @Test
    void agreesWithTheWholeComponentsProgramWithSmallPrograms() {
        agreesWithTheWholeComponentsProgram(20, 100, 0);
    }

    @Test
    void theWholeProgramDecidesEveryCheckTheTinyProgramsLeaveOpenAndAgreesWithTheExactOne() {
        // Programs of 2 or 3 unknowns decide almost nothing; the floating-point whole program with exact
        // certificates decides every interval and every largest-contributor check, exposures included.
        agreesWithTheWholeComponentsProgram(2, 3, RestrictedAudit.WHOLE_ITERATIONS);
    }

    private static void agreesWithTheWholeComponentsProgram(int firstUnknowns, int maxUnknowns, long wholeIterations) {
        Grids g = sparse(new Random(20261125));
        CellStatus[] status = innerSuppressed(g);
        LinearSystem sys = new LinearSystem(g.tables);
        DisclosureRules rules = DisclosureRules.defaults();
        Auditor auditor = new Auditor(sys, rules);
        Component comp = single(sys, status);
        assertTrue(comp.size() > IntervalAudit.MAX_LP_UNKNOWNS);
        boolean[] primary = primary(auditor, status);
        boolean[] det = auditor.determined(comp);
        IntervalAudit.Result r = RestrictedAudit.audit(sys, rules, auditor.assess, primary, comp, det,
                firstUnknowns, maxUnknowns, wholeIterations);
        boolean[] all = new boolean[comp.size()];
        Arrays.fill(all, true);
        ExactSimplex.Bounds whole = IntervalAudit.bounds(comp, null, all);
        int passed = 0;
        int exposed = 0;
        for (int k = 0; k < comp.size(); k++) {
            int cell = comp.cells[k];
            boolean good = (whole.highInt[k] == Long.MAX_VALUE || whole.highInt[k] - whole.lowInt[k] >= 1)
                    && rules.upperProtected(auditor.assess[cell], whole.highInt[k]);
            assertTrue(wholeIterations == 0 || r.checked()[k], sys.label[cell] + " decided");
            if (r.checked()[k]) {
                assertEquals(!good, r.tooNarrow()[k], sys.label[cell]);
                if (good) {
                    passed++;
                    assertTrue(r.low()[k] >= whole.low[k] - 1e-9 && r.high()[k] <= whole.high[k] + 1e-9);
                } else {
                    exposed++;
                }
            }
        }
        assertTrue(passed > 0 && exposed > 0, passed + " passed, " + exposed + " exposed");
        // Coalition: one whole program per largest contributor.
        TreeMap<String, List<Integer>> byLargest = new TreeMap<>();
        for (int k = 0; k < comp.size(); k++) {
            int cell = comp.cells[k];
            if (primary[cell] && auditor.assess[cell].largest() != null) {
                byLargest.computeIfAbsent(auditor.assess[cell].largest(), t -> new ArrayList<>()).add(k);
            }
        }
        int breaches = 0;
        for (Map.Entry<String, List<Integer>> e : byLargest.entrySet()) {
            long[] own = new long[comp.size()];
            boolean[] wanted = new boolean[comp.size()];
            for (int j = 0; j < comp.size(); j++) {
                own[j] = sys.own(e.getKey(), comp.cells[j]);
            }
            for (int k : e.getValue()) {
                wanted[k] = true;
            }
            ExactSimplex.Bounds b = IntervalAudit.bounds(comp, own, wanted);
            for (int k : e.getValue()) {
                boolean breach = det[k] || (b.highInt[k] != Long.MAX_VALUE && b.highInt[k] - b.lowInt[k] < 1);
                assertTrue(wholeIterations == 0 || !r.coalitionOpen()[k], sys.label[comp.cells[k]] + " decided");
                if (!r.coalitionOpen()[k]) {
                    assertEquals(breach, r.breach()[k], sys.label[comp.cells[k]]);
                    breaches += breach ? 1 : 0;
                } else {
                    assertFalse(r.breach()[k]);
                }
            }
        }
        assertTrue(breaches > 0);
    }

    /**
     * Proofs carried past a pattern that publishes cells the last audit withheld ({@link AuditMemory}: a complement
     * published because a reader can work it out through relations the audit does not state, or a protection made
     * again) are proofs of the new pattern: every check the audit passes there passes the exact programs of the new
     * pattern's components, and each interval it reports lies inside the exact one. The cells published expose some
     * cells the first audit had proven protected (so keeping every proof would fail here), and some proofs carry.
     */
    @ParameterizedTest
    @CsvSource({"14, 3", "16, 2", "23, 3"}) // seeds whose cells published expose a cell proven before
    void proofsCarriedPastPublishedCellsAreProofsOfTheNewPattern(long seed, int publish) {
        Random rnd = new Random(seed);
        Grids g = sparse(rnd);
        LinearSystem sys = new LinearSystem(g.tables);
        DisclosureRules rules = DisclosureRules.defaults();
        AuditMemory memory = new AuditMemory();
        CellStatus[] first = innerSuppressed(g);
        boolean[] withheld = CellStatus.withheld(first);
        RestrictedAudit.Proofs proofs = memory.proofs(sys, withheld);
        Auditor.Detail before = new Auditor(sys, rules).audit(first, true, proofs);
        memory.remember(withheld, before.determined());
        // Publish a few withheld cells the audit did not pin, and withhold two row totals.
        CellStatus[] next = first.clone();
        int published = 0;
        while (published < publish) {
            int c = g.id(rnd.nextInt(g.sizes[0]), rnd.nextInt(g.sizes[1]));
            if (next[c] != CellStatus.PUBLISHED && !before.determined()[c]) {
                next[c] = CellStatus.PUBLISHED;
                published++;
            }
        }
        next[g.id(1, g.sizes[1])] = CellStatus.SUPPRESSED_SECONDARY;
        next[g.id(2, g.sizes[1])] = CellStatus.SUPPRESSED_SECONDARY;
        boolean[] now = CellStatus.withheld(next);
        RestrictedAudit.Proofs carried = memory.proofs(sys, now);
        assertTrue(carried == proofs, "the same proofs, less those the published cells touch");
        int kept = 0;
        for (int c = 0; c < sys.cells; c++) {
            kept += now[c] && carried.intervalProven(c) ? 1 : 0;
        }
        Auditor auditor = new Auditor(sys, rules);
        Auditor.Detail after = auditor.audit(next, true, carried);
        int exposedSince = 0;
        for (Component comp : Component.of(sys, now)) {
            boolean[] all = new boolean[comp.size()];
            Arrays.fill(all, true);
            ExactSimplex.Bounds whole = IntervalAudit.bounds(comp, null, all);
            for (int k = 0; k < comp.size(); k++) {
                int cell = comp.cells[k];
                boolean good = !after.determined()[cell]
                        && (whole.highInt[k] == Long.MAX_VALUE || whole.highInt[k] - whole.lowInt[k] >= 1)
                        && rules.upperProtected(auditor.assess[cell], whole.highInt[k]);
                if (after.checked()[cell] && !after.tooNarrow()[cell]) {
                    assertTrue(good, sys.label[cell] + " passed, but the exact program exposes it");
                    assertTrue(after.low()[cell] >= whole.low[k] - 1e-9 && after.high()[cell] <= whole.high[k] + 1e-9,
                            sys.label[cell]);
                }
                if (!good && !after.determined()[cell] && before.checked()[cell] && !before.tooNarrow()[cell]) {
                    exposedSince++;
                }
            }
        }
        assertTrue(exposedSince > 0, "no cell proven before is exposed now: the case does not test the dropping");
        assertTrue(kept > 0, "no proof carried");
    }

    /**
     * A sparse table with small cells, every third row nearly empty: some withheld cells are protected, some exposed
     * (a lone small cell in a row with a small published total).
     */
    private static Grids sparse(Random rnd) {
        int rows = 18;
        int cols = 24;
        return Grids.of(names(rows, cols), idx -> {
            int k = rnd.nextInt(10);
            Map<String, Long> m = new TreeMap<>();
            if (idx[0] % 3 == 0) {
                // At most two cells in the row, the first from a single contributor.
                int col = (idx[0] * 7) % cols;
                if (idx[1] == col) {
                    m.put("M" + rnd.nextInt(4), (long) (1 + k));
                } else if (idx[1] == (col + idx[0] + 1) % cols && k < 5) {
                    m.put("N" + rnd.nextInt(6), (long) (1 + rnd.nextInt(3)));
                }
                return m;
            }
            if (k < 3) {
                return m;
            }
            m.put("M" + rnd.nextInt(4), (long) (1 + rnd.nextInt(k < 6 ? 2 : 9)));
            if (k >= 6) {
                m.merge("M" + rnd.nextInt(4), (long) (1 + rnd.nextInt(5)), Long::sum);
                m.merge("N" + rnd.nextInt(6), (long) (1 + rnd.nextInt(5)), Long::sum);
            }
            return m;
        });
    }

    @Test
    void deterministic() {
        Grids g = dominatedEveryThirdDiagonal();
        CellStatus[] status = innerSuppressed(g);
        Auditor.Detail one = DisclosureControl.detail(g.tables, status, DisclosureRules.defaults());
        Auditor.Detail two = DisclosureControl.detail(g.tables, status, DisclosureRules.defaults());
        assertEquals(one.report(), two.report());
        assertArrayEquals(one.low(), two.low());
        assertArrayEquals(one.high(), two.high());
        assertArrayEquals(one.checked(), two.checked());
        assertArrayEquals(one.coalitionOpen(), two.coalitionOpen());
        Protection p1 = DisclosureControl.protect(g.tables, DisclosureRules.defaults());
        Protection p2 = DisclosureControl.protect(g.tables, DisclosureRules.defaults());
        assertEquals(p1.suppressions(), p2.suppressions());
        assertEquals(p1.audit(), p2.audit());
    }

    @Test
    void aSpentWorkBudgetLeavesCellsNotProvenAndDecidesNothingElseDifferently() {
        Grids g = dominatedEveryThirdDiagonal();
        LinearSystem sys = new LinearSystem(g.tables);
        DisclosureRules rules = DisclosureRules.defaults();
        Auditor auditor = new Auditor(sys, rules);
        CellStatus[] status = innerSuppressed(g);
        Component comp = single(sys, status);
        boolean[] primary = primary(auditor, status);
        boolean[] det = auditor.determined(comp);
        IntervalAudit.Result full = RestrictedAudit.audit(sys, rules, auditor.assess, primary, comp, det);
        IntervalAudit.Result none = RestrictedAudit.audit(sys, rules, auditor.assess, primary, comp, det, 0L);
        IntervalAudit.Result some = RestrictedAudit.audit(sys, rules, auditor.assess, primary, comp, det, 200_000L);
        int decided = 0;
        for (int k = 0; k < comp.size(); k++) {
            assertFalse(none.checked()[k] || none.tooNarrow()[k] || none.breach()[k]);
            assertTrue(none.coalitionOpen()[k]);
            assertTrue(full.checked()[k], sys.label[comp.cells[k]]);
            if (some.checked()[k]) {
                decided++;
                assertEquals(full.tooNarrow()[k], some.tooNarrow()[k]);
            }
            assertFalse(some.breach()[k] && !full.breach()[k]);
        }
        assertTrue(decided > 0 && decided < comp.size(), decided + " decided");
    }

    /**
     * Without restricted programs ({@link RestrictedAudit.Proofs#withoutRestrictedPrograms}, as the audit through the
     * hidden cells runs once the tables' own chains stopped), the alternative datasets and the whole component's
     * program decide every check, and decide each as the audit with them does.
     */
    @Test
    void withoutRestrictedProgramsTheWholeProgramDecidesEveryCheckTheSame() {
        Grids g = dominatedEveryThirdDiagonal();
        LinearSystem sys = new LinearSystem(g.tables);
        DisclosureRules rules = DisclosureRules.defaults();
        CellStatus[] status = innerSuppressed(g);
        RestrictedAudit.Proofs with = new RestrictedAudit.Proofs(sys.cells);
        Auditor.Detail programs = new Auditor(sys, rules).audit(status, true, with);
        RestrictedAudit.Proofs without = new RestrictedAudit.Proofs(sys.cells);
        without.withoutRestrictedPrograms();
        Auditor.Detail whole = new Auditor(sys, rules).audit(status, true, without);
        assertTrue(with.workLeft() < RestrictedAudit.WORK_BUDGET, "the restricted programs did work");
        assertEquals(0, without.workLeft());
        assertEquals(SIDE * SIDE, whole.report().intervalChecked());
        assertEquals(List.of(), whole.report().intervalNotProven());
        assertEquals(List.of(), whole.report().coalitionNotProven());
        assertArrayEquals(programs.checked(), whole.checked());
        assertArrayEquals(programs.tooNarrow(), whole.tooNarrow());
        assertArrayEquals(programs.breach(), whole.breach());
        assertArrayEquals(programs.coalitionOpen(), whole.coalitionOpen());
        int otherProof = 0; // cells the two audits prove by other points: their reported intervals differ
        for (int c = 0; c < sys.cells; c++) {
            if (programs.low()[c] != whole.low()[c] || programs.high()[c] != whole.high()[c]) {
                otherProof++;
            }
        }
        assertTrue(otherProof > 0, "the audits went other ways");
    }

    @Test
    void proofsOfProtectionCarryOverToLargerPatternsOnly() {
        Grids g = Grids.of(names(SIDE, SIDE), idx -> safe(idx[0], idx[1]));
        Auditor auditor = new Auditor(new LinearSystem(g.tables), DisclosureRules.defaults());
        RestrictedAudit.Proofs proofs = new RestrictedAudit.Proofs(g.tables.size());
        CellStatus[] status = innerSuppressed(g);
        Auditor.Detail first = auditor.audit(status, true, proofs);
        assertTrue(first.report().clean(), first.report().toString());
        CellStatus[] more = status.clone();
        more[g.id(0, SIDE)] = CellStatus.SUPPRESSED_SECONDARY; // two row totals join the component
        more[g.id(1, SIDE)] = CellStatus.SUPPRESSED_SECONDARY;
        Auditor.Detail second = auditor.audit(more, true, proofs);
        assertTrue(second.report().clean(), second.report().toString());
        assertEquals(SIDE * SIDE + 2, second.report().intervalChecked());
        int cell = g.id(5, 6);
        assertEquals(first.low()[cell], second.low()[cell]); // taken over, not recomputed
        assertEquals(first.high()[cell], second.high()[cell]);
        assertThrows(IllegalStateException.class, () -> auditor.audit(status, true, proofs));
    }

    @Test
    void aRepairHintIsAPublishedCellThatWidensTheExposedCell() {
        // Seeded datasets protected by the pipeline, each with one complement published again: cells become
        // exposed. Every hint the audit gives is a published cell whose every relation holds a withheld cell of
        // the component (else it would be pinned), and withholding it never narrows the exposed cell's exact
        // range (with the same lower bounds); it widens some.
        int hints = 0;
        int widened = 0;
        for (long seed = 1; seed <= 4; seed++) {
            org.cgtbulletin.aggregate.Tables tables = AlternativeDataTest.tables(seed);
            LinearSystem sys = new LinearSystem(tables.counts());
            DisclosureRules rules = DisclosureRules.defaults();
            Auditor auditor = new Auditor(sys, rules);
            CellStatus[] protectedStatus = DisclosureControl.protect(tables.counts(), rules).status();
            List<Integer> complements = new ArrayList<>();
            for (int c = 0; c < sys.cells; c++) {
                if (protectedStatus[c] == CellStatus.SUPPRESSED_SECONDARY) {
                    complements.add(c);
                }
            }
            for (int dropped : complements.subList(0, Math.min(12, complements.size()))) {
                CellStatus[] status = protectedStatus.clone();
                status[dropped] = CellStatus.PUBLISHED;
                boolean[] suppressed = new boolean[sys.cells];
                for (int c = 0; c < sys.cells; c++) {
                    suppressed[c] = status[c] != CellStatus.PUBLISHED;
                }
                boolean[] primary = primary(auditor, status);
                for (Component comp : Component.of(sys, suppressed)) {
                    boolean[] det = auditor.determined(comp);
                    IntervalAudit.Result r = RestrictedAudit.audit(sys, rules, auditor.assess, primary, comp, det,
                            RestrictedAudit.FIRST_UNKNOWNS, RestrictedAudit.MAX_UNKNOWNS,
                            RestrictedAudit.WHOLE_ITERATIONS);
                    for (int k = 0; k < comp.size(); k++) {
                        int hint = r.repairHint()[k];
                        if (hint < 0) {
                            continue;
                        }
                        hints++;
                        int cell = comp.cells[k];
                        String what = sys.label[cell] + " hint " + sys.label[hint] + " seed " + seed;
                        assertTrue(r.tooNarrow()[k] || r.breach()[k], what + ": a hint only for an exposure");
                        assertFalse(suppressed[hint], what);
                        for (int row : sys.cellRows[hint]) {
                            assertTrue(Arrays.stream(sys.rowCells[row])
                                    .anyMatch(c -> Arrays.binarySearch(comp.cells, c) >= 0),
                                    what + ": a relation without a withheld cell");
                        }
                        String token = r.tooNarrow()[k] ? null : auditor.assess[cell].largest();
                        boolean[] more = suppressed.clone();
                        more[hint] = true;
                        double before = max(sys, comp, cell, token);
                        Component grown = Component.of(sys, more).stream()
                                .filter(c -> Arrays.binarySearch(c.cells, cell) >= 0).findFirst().orElseThrow();
                        double after = max(sys, grown, cell, token);
                        assertTrue(after >= before - 1e-9, what + ": " + before + " -> " + after);
                        if (after > before + 1e-9) {
                            widened++;
                        }
                    }
                }
            }
        }
        assertTrue(hints > 0 && widened > 0, hints + " hints, " + widened + " widened");
    }

    /** The exact maximum of cell over comp's program (lower bounds 0, or the token's own amounts). */
    private static double max(LinearSystem sys, Component comp, int cell, String token) {
        long[] lower = null;
        if (token != null) {
            lower = new long[comp.size()];
            for (int j = 0; j < lower.length; j++) {
                lower[j] = sys.own(token, comp.cells[j]);
            }
        }
        boolean[] wanted = new boolean[comp.size()];
        wanted[Arrays.binarySearch(comp.cells, cell)] = true;
        ExactSimplex.Bounds b = IntervalAudit.bounds(comp, lower, wanted);
        return b.high[Arrays.binarySearch(comp.cells, cell)];
    }

    /**
     * The SIDE x SIDE grid whose cells on every third diagonal are one contributor's (dominance fails there), the
     * others safe.
     */
    private static Grids dominatedEveryThirdDiagonal() {
        return Grids.of(names(SIDE, SIDE), idx -> (idx[0] + idx[1]) % 3 == 0 ? Map.of("M", 1L + idx[0] % 2)
                : safe(idx[0], idx[1]));
    }

    private static Component single(LinearSystem sys, CellStatus[] status) {
        boolean[] suppressed = new boolean[status.length];
        for (int c = 0; c < status.length; c++) {
            suppressed[c] = status[c] != CellStatus.PUBLISHED;
        }
        List<Component> comps = Component.of(sys, suppressed);
        assertEquals(1, comps.size());
        return comps.get(0);
    }

    private static boolean[] primary(Auditor auditor, CellStatus[] status) {
        boolean[] p = new boolean[status.length];
        for (int c = 0; c < status.length; c++) {
            p[c] = auditor.primary(status[c], c);
        }
        return p;
    }
}
