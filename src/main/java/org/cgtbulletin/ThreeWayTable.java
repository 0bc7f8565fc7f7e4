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
 * The hidden class-by-step-by-mode table the two-way count tables are margins of: its published zeros imply
 * relations among the tables' cells beyond their totals ({@link LinkedTables#addImpliedRelation}), through which a
 * reader can work out a withheld count. Stated with the others, those relations made the protection withhold nearly
 * every cell (README, "not done"); here they are used after it, one withheld cell at a time: each count they give
 * away is hidden by keeping one more published cell withheld, and the caller protects again.
 */
final class ThreeWayTable {

    private ThreeWayTable() {
    }

    /** Exact derivability checks {@link #keepDerivableHidden} makes at most in one pass, beyond the first. */
    private static final int MAX_TESTS = 256;
    /** Candidates looked at per withheld count, at most. */
    private static final int MAX_CANDIDATES = 12;
    /** Passes of {@link #keepDerivableHidden} over the withheld counts, at most. */
    private static final int MAX_PASSES = 8;

    /**
     * Keeps withheld, for each withheld non-zero count a reader can work out through the implied relations, one
     * published cell of the relations it is in (see {@link #pass}), gives those cells complements of their own over
     * the tables' relations ({@link DisclosureControl#suppressAlso}, from the audited pattern: its complements stay
     * where they are), and looks again, while a pass keeps a cell (at most {@link #MAX_PASSES} passes): a complement
     * can uncover another count. A cell kept before is never chosen again, so this ends. The caller audits the
     * pattern and calls again (the audit may add complements, or publish a cell the published cells determine).
     *
     * @return the pattern with the cells kept, not yet audited (null when none was kept), and the counts still
     *         derivable before the last pass (those no cell was found to hide, when none was kept)
     */
    static Hiding keepDerivableHidden(LinkedTables counts, Protection protection, DisclosureRules rules) {
        if (counts.impliedRelationCount() == 0) {
            return new Hiding(null, List.of());
        }
        int n = counts.size();
        boolean[] hidden = new boolean[n];
        for (int id = 0; id < n; id++) {
            hidden[id] = protection.status()[id] != CellStatus.PUBLISHED;
        }
        Derivability derivability = Derivability.withImplied(counts);
        List<List<Integer>> rowsOf = rowsOf(counts);
        SuppressionPattern pattern = null;
        List<String> derivable = List.of();
        for (int pass = 0; pass < MAX_PASSES; pass++) {
            derivable = new ArrayList<>();
            int[] kept = pass(counts, derivability, rowsOf, hidden, derivable);
            if (kept.length == 0) {
                break;
            }
            pattern = pattern == null ? DisclosureControl.suppressAlso(counts, protection, kept, rules)
                    : DisclosureControl.suppressAlso(counts, pattern, kept, rules);
            for (int id = 0; id < n; id++) {
                hidden[id] = pattern.withholds(id);
            }
        }
        return new Hiding(pattern, derivable);
    }

    /**
     * What {@link #keepDerivableHidden} did.
     *
     * @param pattern   the pattern with the cells kept and their complements, not audited; null when none was kept
     * @param derivable labels of the withheld non-zero counts derivable through the implied relations before the
     *                  last pass, in cell order
     */
    record Hiding(SuppressionPattern pattern, List<String> derivable) {
    }

    /**
     * One pass: keeps withheld, for each withheld non-zero count a reader can work out through the implied
     * relations, one published cell of the relations it is in, implied ones first, smaller cells before larger
     * ({@link #chooseCell}), unless a cell chosen for another already hides it; marks them in {@code hidden}.
     *
     * @param derivable receives the labels of the counts derivable at the start of the pass
     * @return the cells kept, in the order chosen
     */
    private static int[] pass(LinkedTables counts, Derivability derivability, List<List<Integer>> rowsOf,
            boolean[] hidden, List<String> derivable) {
        boolean[] determined = derivability.determined(hidden);
        List<Integer> kept = new ArrayList<>();
        int[] tests = {MAX_TESTS};
        for (int id = 0; id < counts.size(); id++) {
            if (!determined[id] || counts.total(id) == 0) {
                continue;
            }
            derivable.add(counts.label(id));
            if (!kept.isEmpty() && tests[0]-- > 0 && !derivability.determined(hidden, id)) {
                continue; // hidden by a cell chosen for another
            }
            int hide = chooseCell(id, derivability, hidden, candidates(id, counts, rowsOf, hidden), tests);
            if (hide >= 0) {
                hidden[hide] = true;
                counts.keepSuppressed(hide, "through the class-by-step-by-mode table the two-way tables come from"
                        + " (its published zeros), it would give away '" + counts.label(id) + "'");
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

    /** Per cell, the relations it is in: implied ones as -1 - index, then stated ones as their index. */
    private static List<List<Integer>> rowsOf(LinkedTables counts) {
        List<List<Integer>> rows = new ArrayList<>();
        for (int c = 0; c < counts.size(); c++) {
            rows.add(new ArrayList<>(2));
        }
        for (int i = 0; i < counts.impliedRelationCount(); i++) {
            for (int c : counts.impliedRelation(i)) {
                List<Integer> r = rows.get(c);
                if (r.isEmpty() || r.get(r.size() - 1) != -1 - i) {
                    r.add(-1 - i);
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
     * The published cells of the relations the cell is in, implied relations first, each group smaller cells
     * first (then by id), not kept before; at most {@link #MAX_CANDIDATES}.
     */
    private static List<Integer> candidates(int cell, LinkedTables counts, List<List<Integer>> rowsOf,
            boolean[] hidden) {
        List<Integer> out = new ArrayList<>();
        java.util.BitSet seen = new java.util.BitSet();
        seen.set(cell);
        for (boolean implied : new boolean[] {true, false}) {
            List<Integer> here = new ArrayList<>();
            for (int r : rowsOf.get(cell)) {
                if ((r < 0) != implied) {
                    continue;
                }
                for (int c : r < 0 ? counts.impliedRelation(-1 - r) : counts.relation(r)) {
                    if (!seen.get(c) && !hidden[c] && !counts.isKept(c) && counts.total(c) > 0) {
                        seen.set(c);
                        here.add(c);
                    }
                }
            }
            here.sort((a, b) -> counts.total(a) != counts.total(b) ? Long.compare(counts.total(a),
                    counts.total(b)) : Integer.compare(a, b));
            out.addAll(here);
        }
        return out.subList(0, Math.min(out.size(), MAX_CANDIDATES));
    }
}
