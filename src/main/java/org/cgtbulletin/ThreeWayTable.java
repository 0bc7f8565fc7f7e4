package org.cgtbulletin;

import java.util.ArrayList;
import java.util.List;

import org.cgtbulletin.protect.CellStatus;
import org.cgtbulletin.protect.Derivability;
import org.cgtbulletin.protect.DisclosureControl;
import org.cgtbulletin.protect.DisclosureRules;
import org.cgtbulletin.protect.LinkedTables;
import org.cgtbulletin.protect.Protection;
import org.cgtbulletin.protect.SuppressionPattern;

/**
 * The hidden class-by-step-by-mode table the two-way count tables are margins of: its cells are unknowns a reader
 * knows to be there ({@link LinkedTables#addHiddenCell}, none where a zero margin rules them out), each two-way
 * cell their sum ({@link LinkedTables#addImpliedRelation}), and through them a reader can work out withheld counts
 * the tables' own relations do not give away. Stated with the others, those relations made the protection withhold
 * nearly every cell (README, "not done"); here they are used after it: each count they give away is hidden by
 * keeping one more published cell withheld, on top of the audited pattern, and the caller audits again.
 */
final class ThreeWayTable {

    private ThreeWayTable() {
    }

    /** Exact derivability checks {@link #keepDerivableHidden} makes at most in one pass, beyond the first. */
    private static final int MAX_TESTS = 32;
    /** Candidates looked at per withheld count, at most. */
    private static final int MAX_CANDIDATES = 12;
    /** The start of the reason of a cell kept withheld here. */
    private static final String KEPT = "through the class-by-step-by-mode table the two-way tables come from";
    /** How far from a count {@link #candidates} looks for cells to hide it. */
    private static final int MAX_DEPTH = 3;
    /** Passes of {@link #keepDerivableHidden} over the withheld counts, at most. */
    private static final int MAX_PASSES = 16;

    /**
     * Keeps withheld, for each withheld non-zero count a reader can work out through the hidden cells that fails a
     * rule (or is kept: from a previous release, or protected), one published cell linked to it ({@link #pass});
     * gives those cells complements of their own over the tables' relations ({@link DisclosureControl#suppressAlso},
     * from the audited pattern: its complements stay where they are), and looks again, while a pass keeps a cell (at
     * most {@link #MAX_PASSES} passes). A cell kept before is never chosen again, so this ends. Once a pass keeps
     * none, the complements a reader can work out (zeros too; not one a previous release withheld) are published:
     * withholding them hides nothing, publishing what a reader can work out tells nothing new (so no count becomes
     * derivable and they need no complements), and the staff audit lists them with the complements the audit finds
     * determined; chasing them instead, as counts to hide, made each kept cell that could itself be worked out a new
     * count to hide, pass after pass. The caller audits the pattern and calls again (the audit may add complements,
     * or publish a cell the published cells determine).
     *
     * @return the pattern with the changes, not yet audited (null when nothing changed), and the counts that fail a
     *         rule (or are kept) still derivable before the last pass (those no cell was found to hide,
     *         when nothing changed)
     */
    static Hiding keepDerivableHidden(LinkedTables counts, Protection protection, DisclosureRules rules) {
        if (counts.impliedRelationCount() == 0) {
            return new Hiding(null, List.of());
        }
        int n = counts.size();
        CellStatus[] status = protection.status().clone();
        boolean[] hidden = new boolean[n];
        for (int id = 0; id < n; id++) {
            hidden[id] = status[id] != CellStatus.PUBLISHED;
        }
        Derivability derivability = Derivability.withImplied(counts);
        List<List<Integer>> rowsOf = rowsOf(counts);
        SuppressionPattern pattern = null;
        List<String> derivable = List.of();
        for (int pass = 0; pass < MAX_PASSES; pass++) {
            derivable = new ArrayList<>();
            List<Integer> publish = new ArrayList<>();
            int[] kept = pass(counts, derivability, rowsOf, hidden, status, derivable, publish);
            if (kept.length == 0 && publish.isEmpty()) {
                break;
            }
            // the complements a reader can work out are published once nothing more is kept: publishing them
            // tells nothing new, so no count becomes derivable and no complement is needed for them
            int[] published = kept.length > 0 ? new int[0] : publish.stream().mapToInt(Integer::intValue).toArray();
            pattern = pattern == null ? DisclosureControl.suppressAlso(counts, protection, kept, published, rules)
                    : DisclosureControl.suppressAlso(counts, pattern, kept, published, rules);
            if (kept.length == 0) {
                break;
            }
            status = pattern.status();
            for (int id = 0; id < n; id++) {
                hidden[id] = status[id] != CellStatus.PUBLISHED;
            }
        }
        return new Hiding(pattern, derivable);
    }

    /**
     * What {@link #keepDerivableHidden} did.
     *
     * @param pattern   the pattern with the cells kept and published, not audited; null when nothing changed
     * @param derivable labels of the withheld non-zero counts that fail a rule (or are kept: from a previous release,
     *                  or protected) derivable through the hidden cells before the last pass, in cell order
     */
    record Hiding(SuppressionPattern pattern, List<String> derivable) {
    }

    /**
     * One pass over the withheld counts a reader can work out through the hidden cells: a complement that may be
     * published (not one a previous release withheld, nor kept protected or even if determined) goes to {@code
     * publish}; for each other non-zero one, one published cell linked to it, through
     * hidden cells first, smaller cells before larger ({@link #chooseCell}), is kept withheld, unless a cell chosen
     * for another already hides it; marks them in {@code hidden}.
     *
     * @param derivable receives the labels of the counts to hide derivable at the start of the pass
     * @param publish   receives the complements to publish
     * @return the cells kept, in the order chosen
     */
    private static int[] pass(LinkedTables counts, Derivability derivability, List<List<Integer>> rowsOf,
            boolean[] hidden, CellStatus[] status, List<String> derivable, List<Integer> publish) {
        boolean[] determined = derivability.determined(hidden);
        List<Integer> kept = new ArrayList<>();
        int[] tests = {MAX_TESTS};
        for (int id = 0; id < counts.size(); id++) {
            if (!determined[id]) {
                continue;
            }
            if (status[id] == CellStatus.SUPPRESSED_SECONDARY && counts.mayPublishWhenDetermined(id)
                    && (counts.keptReason(id) == null || counts.keptReason(id).startsWith(KEPT))) {
                // A reader credited with every zero, withheld ones too (more than it knows), can work it out:
                // publishing it tells no such reader anything, so no count that fails a rule becomes derivable to
                // anyone; one a previous release withheld is hidden below instead, as its old value is not public.
                publish.add(id);
                continue;
            }
            if (counts.total(id) == 0) {
                continue;
            }
            derivable.add(counts.label(id));
            if (!kept.isEmpty() && tests[0]-- > 0 && !derivability.determined(hidden, id)) {
                continue; // hidden by a cell chosen for another
            }
            int hide = chooseCell(id, derivability, hidden, candidates(id, counts, rowsOf, hidden), tests);
            if (hide >= 0) {
                hidden[hide] = true;
                counts.keepSuppressed(hide, KEPT + " (its published zeros), it would give away '" + counts.label(id)
                        + "'");
                kept.add(hide);
            }
        }
        return kept.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * The cell to keep withheld for a count: the first candidate whose withholding leaves the count undetermined and
     * is not worked out itself, else the first that leaves it undetermined, else the first (and the first without
     * checks once the pass has used its checks, {@code tests[0]}, which this lowers by those it makes); -1 when
     * there is no candidate.
     */
    private static int chooseCell(int id, Derivability derivability, boolean[] hidden,
            List<Integer> candidates, int[] tests) {
        int unpins = -1;
        for (int c : candidates) {
            if (tests[0] <= 0) {
                break;
            }
            tests[0]--;
            hidden[c] = true;
            boolean[] both = derivability.determinedAmong(hidden, id, c);
            boolean pinned = both[0];
            // a cell that would itself be worked out would only need another after it
            boolean itself = !pinned && both[1];
            hidden[c] = false;
            if (!pinned && !itself) {
                return c;
            }
            if (!pinned && unpins < 0) {
                unpins = c;
            }
        }
        return unpins >= 0 ? unpins : candidates.isEmpty() ? -1 : candidates.get(0);
    }

    /**
     * Per cell, the cells a reader links it to: first those that share a hidden cell with it (the other margins of
     * the hidden cells under it, as -1 - id), then the relations it is in (as their index).
     */
    private static List<List<Integer>> rowsOf(LinkedTables counts) {
        List<List<Integer>> rows = new ArrayList<>();
        for (int c = 0; c < counts.size(); c++) {
            rows.add(new ArrayList<>(2));
        }
        // per hidden cell, the cells it is under
        List<List<Integer>> over = new ArrayList<>();
        for (int h = 0; h < counts.hiddenCellCount(); h++) {
            over.add(new ArrayList<>(3));
        }
        for (int i = 0; i < counts.impliedRelationCount(); i++) {
            int[] relation = counts.impliedRelation(i);
            for (int k = 1; k < relation.length; k++) {
                if (relation[k] < 0) {
                    over.get(-1 - relation[k]).add(relation[0]);
                }
            }
        }
        for (int i = 0; i < counts.impliedRelationCount(); i++) {
            int[] relation = counts.impliedRelation(i);
            List<Integer> r = rows.get(relation[0]);
            for (int k = 1; k < relation.length; k++) {
                for (int c : relation[k] < 0 ? over.get(-1 - relation[k]) : List.of(relation[k])) {
                    if (c != relation[0] && !r.contains(-1 - c)) {
                        r.add(-1 - c);
                    }
                }
            }
        }
        for (int i = 0; i < counts.relationCount(); i++) {
            for (int c : counts.relation(i)) {
                List<Integer> r = rows.get(c);
                if (r.isEmpty() || r.get(r.size() - 1) != i) {
                    r.add(i);
                }
            }
        }
        return rows;
    }

    /**
     * The published cells linked to the cell through hidden cells, then those of the relations it is in, each
     * group smaller cells first (then by id), not kept before; when there are fewer than {@link #MAX_CANDIDATES},
     * those linked the same way to the cells found so far (withheld ones included), and so on, up to {@link
     * #MAX_DEPTH} steps away (a year's count, say, is pinned through its quarters' hidden tables): at most {@link
     * #MAX_CANDIDATES}.
     */
    private static List<Integer> candidates(int cell, LinkedTables counts, List<List<Integer>> rowsOf,
            boolean[] hidden) {
        List<Integer> out = new ArrayList<>();
        java.util.BitSet seen = new java.util.BitSet();
        seen.set(cell);
        List<Integer> frontier = List.of(cell);
        for (int depth = 0; depth < MAX_DEPTH && out.size() < MAX_CANDIDATES && !frontier.isEmpty(); depth++) {
            List<Integer> next = new ArrayList<>();
            for (boolean implied : new boolean[] {true, false}) {
                List<Integer> here = new ArrayList<>();
                for (int from : frontier) {
                    for (int r : rowsOf.get(from)) {
                        if ((r < 0) != implied) {
                            continue;
                        }
                        for (int c : r < 0 ? new int[] {-1 - r} : counts.relation(r)) {
                            if (!seen.get(c)) {
                                seen.set(c);
                                next.add(c);
                                if (!hidden[c] && !counts.isKept(c) && counts.total(c) > 0) {
                                    here.add(c);
                                }
                            }
                        }
                    }
                }
                here.sort((a, b) -> counts.total(a) != counts.total(b) ? Long.compare(counts.total(a),
                        counts.total(b)) : Integer.compare(a, b));
                out.addAll(here);
            }
            frontier = next;
        }
        return out.subList(0, Math.min(out.size(), MAX_CANDIDATES));
    }
}
