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
 * contributor's own amounts are known to it in the tables' cells, not in the hidden ones (which hold no
 * contributions), so the coalition attack here is a weaker one than that contributor's (README, "not done").
 */
public final class HiddenTableAudit {

    private final int[] pinned;
    private final int[] exposed;
    private final int[] hint;
    private final List<String> notProven;

    private HiddenTableAudit(int[] pinned, int[] exposed, int[] hint, List<String> notProven) {
        this.pinned = pinned;
        this.exposed = exposed;
        this.hint = hint;
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
        int shown = tables.size();
        if (status.length != shown) {
            throw new IllegalArgumentException("status has " + status.length + " entries for " + shown + " cells");
        }
        LinearSystem sys = new LinearSystem(tables, true);
        CellStatus[] all = new CellStatus[sys.cells];
        System.arraycopy(status, 0, all, 0, shown);
        java.util.Arrays.fill(all, shown, sys.cells, CellStatus.SUPPRESSED_SECONDARY);
        Auditor auditor = new Auditor(sys, rules);
        boolean[] now = new boolean[sys.cells];
        for (int c = 0; c < sys.cells; c++) {
            now[c] = all[c] != CellStatus.PUBLISHED;
        }
        Auditor.Detail d = auditor.audit(all, true, memory.proofs(now));
        memory.remember(now, d.determined());
        List<Integer> pinned = new ArrayList<>();
        List<Integer> exposed = new ArrayList<>();
        List<Integer> hints = new ArrayList<>();
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
            } else if (!d.checked()[c] || d.coalitionOpen()[c]) {
                open.add(tables.label(c));
            }
        }
        return new HiddenTableAudit(toArray(pinned), toArray(exposed), toArray(hints), List.copyOf(open));
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
     * Withheld cells whose range (or largest-contributor check) through the hidden cells was not proven within the
     * audit's work bounds, nor proven failing.
     *
     * @return their labels, in cell order
     */
    public List<String> notProven() {
        return notProven;
    }
}
