package org.cgtbulletin.protect;

import java.util.ArrayList;
import java.util.List;

/**
 * The audit of a pattern through the hidden cells ({@link LinkedTables#addHiddenCell}): the same proofs as the
 * audit of the tables' own relations ({@link Auditor}: exact derivability, the feasible interval of every withheld
 * cell with its upper protection, the largest contributor's attack), over the stated and the implied relations
 * together, every hidden cell an unknown that is at least 0. Exact derivability alone misses what non-negativity
 * adds: a reader who knows each two-way cell is a sum of non-negative hidden cells can bound a withheld count
 * tighter than the tables' own relations let it, down to one value.
 *
 * <p>The hidden cells are unknowns, never published cells: their own intervals are not findings. The largest
 * contributor's attack starts from its own amounts in the hidden cells too ({@link LinkedTables#addHiddenCell}
 * takes each contributor's amounts: a manufacturer knows its reports' class, step and mode).
 *
 * <p>A component too large to solve whole gets restricted programs here only while they paid in the audit of the
 * tables' own relations: once a chain of them stopped there for a low yield ({@link
 * AuditMemory#restrictedProgramsStopped}), the protection needs moves wider than their neighbourhoods hold, and
 * through the hidden cells wider still, so the checks go to the whole component's program at once ({@link
 * RestrictedAudit.Proofs#withoutRestrictedPrograms}). At a million reports, with them, 7,600 of the 8,900 searches
 * through the hidden cells grew to the cap of {@value RestrictedAudit#MAX_UNKNOWNS} unknowns and proved nothing
 * (about 6,300 with every unknown pinned by the presolve all the way, work the count behind the yield rule does not
 * see, so that rule never stopped them): 1.8 s of the 2.3 s of CPU their two chains took. The first audit through
 * the hidden cells, with and without them (6 Dec 2026, seventeenth session; every published file and staff audit
 * byte for byte the same either way): a million reports 1.78 s against 1.12 s, 100,000 reports 1.61 against 1.35 s,
 * generated datasets of 20,000 (seed 1) and 50,000 reports (seed 11) 1.35 against 1.21 s and 1.28 against 1.18 s,
 * 10,000 reports 2.08 against 2.15 s, the sample 2.70 against 2.88 s: all of them tables whose own chains stopped
 * (at 10,000 reports and on the sample the rule costs 0.07 and 0.18 s).
 * Where none stopped, the programs pay: a generated dataset of 3,000 reports (seed 3) 2.85 s with them against 6.06 s
 * without (performance log, "seventeenth session").
 */
public final class HiddenTableAudit {

    private final int[] pinned;
    private final int[] exposed;
    private final int[] hint;
    private final List<String> notProven;
    /** What {@link #widening} solves over: the system, which cells were withheld, and the rules' verdicts. */
    private final LinearSystem sys;
    private final boolean[] withheld;
    private final Auditor auditor;
    /** Per cell of {@link #exposed}: whether its largest contributor recovers it (only that was found). */
    private final boolean[] breachOnly;
    /** Per cell of {@link #exposed}: its {@link #widening}, worked out for all on the first call. */
    private int[][] widenings;

    private HiddenTableAudit(int[] pinned, int[] exposed, int[] hint, List<String> notProven, LinearSystem sys,
            boolean[] withheld, Auditor auditor, boolean[] breachOnly) {
        this.pinned = pinned;
        this.exposed = exposed;
        this.hint = hint;
        this.sys = sys;
        this.withheld = withheld;
        this.auditor = auditor;
        this.breachOnly = breachOnly;
        this.notProven = notProven;
    }

    /**
     * Audits a status pattern of the tables through their hidden cells.
     *
     * @param tables the linked system with its hidden cells and implied relations
     * @param status one status per cell of the tables (hidden cells excluded), indexed by cell id
     * @param rules  the rules the cells are judged by
     * @param memory the proofs of the audits through the hidden cells of the same protection's earlier patterns
     *               (updated)
     * @return the findings
     */
    public static HiddenTableAudit of(LinkedTables tables, CellStatus[] status, DisclosureRules rules,
            AuditMemory memory) {
        return of(tables, status, rules, memory, true);
    }

    /**
     * As {@link #of(LinkedTables, CellStatus[], DisclosureRules, AuditMemory)}, with or without restricted programs
     * for a component too large to solve whole (see the class comment).
     *
     * @param restrictedPrograms false where the audit of the tables' own relations found them a poor bargain ({@link
     *                           AuditMemory#restrictedProgramsStopped}): the component's checks then go to its whole
     *                           program at once
     */
    public static HiddenTableAudit of(LinkedTables tables, CellStatus[] status, DisclosureRules rules,
            AuditMemory memory, boolean restrictedPrograms) {
        int shown = tables.size();
        if (status.length != shown) {
            throw new IllegalArgumentException("status has " + status.length + " entries for " + shown + " cells");
        }
        LinearSystem sys = new LinearSystem(tables, true);
        CellStatus[] all = new CellStatus[sys.cells];
        System.arraycopy(status, 0, all, 0, shown);
        java.util.Arrays.fill(all, shown, sys.cells, CellStatus.SUPPRESSED_SECONDARY);
        Auditor auditor = new Auditor(sys, rules);
        boolean[] now = CellStatus.withheld(all);
        RestrictedAudit.Proofs proofs = memory.proofs(sys, now);
        if (!restrictedPrograms) {
            proofs.withoutRestrictedPrograms(); // see the class comment
        }
        Auditor.Detail d = auditor.audit(all, true, proofs);
        memory.remember(now, d.determined());
        List<Integer> pinned = new ArrayList<>();
        List<Integer> exposed = new ArrayList<>();
        List<Integer> hints = new ArrayList<>();
        List<Boolean> breachOnly = new ArrayList<>();
        List<String> open = new ArrayList<>();
        for (int c = 0; c < shown; c++) {
            if (status[c] == CellStatus.PUBLISHED) {
                continue;
            }
            boolean primary = auditor.primary(status[c], c);
            if (!primary) {
                // a cell passing every rule (and not kept protected) is too narrow only when held to one value, and
                // is worth publishing only when exactly derivable (one held to a value after rounding is not: its
                // range may be [v - 1/2, v + 1/2], and proofs carried to the next audit may hold it elsewhere)
                if (d.determined()[c]) {
                    pinned.add(c);
                } else if (!d.checked()[c]) {
                    open.add(tables.label(c));
                }
                continue;
            }
            // the largest contributor's attack has its own budget: a breach it proves counts, checked interval or not
            if (d.determined()[c] || (d.checked()[c] && d.tooNarrow()[c]) || d.breach()[c]) {
                exposed.add(c);
                int h = d.repairHint()[c];
                hints.add(h >= 0 && h < shown && status[h] == CellStatus.PUBLISHED ? h : -1);
                breachOnly.add(!d.determined()[c] && !(d.checked()[c] && d.tooNarrow()[c]));
            } else if (!d.checked()[c] || d.coalitionOpen()[c]) {
                open.add(tables.label(c));
            }
        }
        return new HiddenTableAudit(toArray(pinned), toArray(exposed), toArray(hints), List.copyOf(open), sys, now,
                auditor, toBooleans(breachOnly));
    }

    private static boolean[] toBooleans(List<Boolean> list) {
        boolean[] out = new boolean[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = list.get(i);
        }
        return out;
    }

    private static int[] toArray(List<Integer> list) {
        return list.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Withheld cells that pass every rule and are not kept protected, exactly derivable through the hidden cells: a
     * reader has their number already.
     *
     * @return their ids, ascending
     */
    public int[] pinned() {
        return pinned.clone();
    }

    /**
     * Withheld cells failing a rule (or kept protected) proven exposed through the hidden cells: derivable, or with
     * a range too narrow for their protection, or recoverable by their largest contributor.
     *
     * @return their ids, ascending
     */
    public int[] exposed() {
        return exposed.clone();
    }

    /**
     * For the {@code i}-th cell of {@link #exposed}: the published cell whose withholding the proof's dual solution
     * says would widen its range most, or -1. A hint, never part of a proof.
     *
     * @param i an index into {@link #exposed}
     * @return a cell id, or -1
     */
    public int repairHint(int i) {
        return hint[i];
    }

    /**
     * For the {@code i}-th cell of {@link #exposed}: the published cells whose withholding lets its range reach
     * what it needs, by the fewest changes to the published numbers ({@link WideningRepair}): the upper protection
     * its rules ask for (at least one more than its value), or, when only its largest contributor recovers it, one
     * more than its value with that contributor's own amounts known. The stronger repair where one cell at a time
     * leaves another chain of relations giving the same bound. One program over the whole component serves its
     * exposed cells together (the same set for each, and the fewest changes for all), so it is worked out when
     * first asked for. Empty when none is found.
     *
     * @param i an index into {@link #exposed}
     * @return cell ids, ascending
     */
    public int[] widening(int i) {
        if (widenings == null) {
            widenings = widenAll();
        }
        return widenings[i].clone();
    }

    /** {@link #widening} for every exposed cell: one program per component and attacker, for its cells together. */
    private int[][] widenAll() {
        int[][] out = new int[exposed.length][];
        List<Component> components = Component.of(sys, withheld);
        int[] componentOf = new int[sys.cells];
        for (int k = 0; k < components.size(); k++) {
            for (int c : components.get(k).cells) {
                componentOf[c] = k;
            }
        }
        // groups in the order of their first cell: a component, and who attacks (anyone, or a largest contributor)
        java.util.Map<List<Object>, List<Integer>> groups = new java.util.LinkedHashMap<>();
        for (int i = 0; i < exposed.length; i++) {
            String token = breachOnly[i] ? auditor.assess[exposed[i]].largest() : null;
            groups.computeIfAbsent(java.util.Arrays.asList(componentOf[exposed[i]], token), g -> new ArrayList<>())
                    .add(i);
        }
        // one program per group, the groups on every core (each result in its group's place)
        List<java.util.Map.Entry<List<Object>, List<Integer>>> all = new ArrayList<>(groups.entrySet());
        List<int[][]> found = org.cgtbulletin.model.Parallel.map(all, g -> {
            List<Integer> members = g.getValue();
            int[] cells = new int[members.size()];
            long[] needs = new long[cells.length];
            for (int k = 0; k < cells.length; k++) {
                int i = members.get(k);
                cells[k] = exposed[i];
                long v = sys.value[cells[k]];
                needs[k] = breachOnly[i] ? v + 1 : auditor.rules.protectingBound(auditor.assess[cells[k]], v);
            }
            return WideningRepair.cellsToWithhold(sys, withheld, components.get((Integer) g.getKey().get(0)), cells,
                    needs, (String) g.getKey().get(1));
        });
        for (int at = 0; at < all.size(); at++) {
            List<Integer> members = all.get(at).getValue();
            for (int k = 0; k < members.size(); k++) {
                out[members.get(k)] = found.get(at)[k];
            }
        }
        return out;
    }

    /**
     * Withheld cells whose range (or largest-contributor check) through the hidden cells was not proven within the
     * audit's work bounds, nor proven failing.
     *
     * @return their labels, in cell order
     */
    public List<String> notProven() {
        return notProven;
    }
}
