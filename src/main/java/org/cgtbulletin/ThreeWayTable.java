package org.cgtbulletin;

import java.util.ArrayList;
import java.util.List;

import org.cgtbulletin.protect.CellStatus;
import org.cgtbulletin.protect.Derivability;
import org.cgtbulletin.protect.LinkedTables;
import org.cgtbulletin.protect.Protection;

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

    /** Exact derivability checks {@link #keepDerivableHidden} makes at most in one round, beyond the first. */
    private static final int MAX_TESTS = 256;
    /** Candidates looked at per withheld count, at most. */
    private static final int MAX_CANDIDATES = 12;

    /**
     * Keeps withheld, for each withheld non-zero count a reader can work out through the implied relations, one
     * published cell of the relations it is in (implied ones first, smaller cells before larger): the first whose
     * withholding leaves the count undetermined and is not worked out itself, else the first that leaves the count
     * undetermined, else the first (past {@link #MAX_TESTS} checks a round, the first), unless a cell chosen for
     * another already hides it. A cell kept before is never chosen again, so rounds end. The caller protects
     * again (the cells kept need complements of their own, and one the published cells determine is published),
     * so a choice that hid too little is made up for in the next round.
     *
     * @return how many cells were newly kept, and the counts still derivable (meaningful when none was kept: then
     *         those no cell was found to hide)
     */
    static Hiding keepDerivableHidden(LinkedTables counts, Protection protection) {
        if (counts.impliedRelationCount() == 0) {
            return new Hiding(0, List.of());
        }
        int n = counts.size();
        boolean[] hidden = new boolean[n];
        for (int id = 0; id < n; id++) {
            hidden[id] = protection.status()[id] != CellStatus.PUBLISHED;
        }
        Derivability derivability = Derivability.withImplied(counts);
        boolean[] determined = derivability.determined(hidden);
        List<List<Integer>> rowsOf = null;
        int kept = 0;
        int tests = MAX_TESTS;
        List<String> derivable = new ArrayList<>();
        for (int id = 0; id < n; id++) {
            if (!determined[id] || counts.total(id) == 0) {
                continue;
            }
            derivable.add(counts.label(id));
            if (kept > 0 && tests-- > 0 && !derivability.determined(hidden, id)) {
                continue; // hidden by a cell chosen for another
            }
            if (rowsOf == null) {
                rowsOf = rowsOf(counts);
            }
            List<Integer> candidates = candidates(id, counts, rowsOf, hidden);
            int hide = candidates.isEmpty() ? -1 : candidates.get(0);
            int unpins = -1; // the first that at least leaves the count undetermined
            for (int c : candidates) {
                if (tests <= 0) {
                    break;
                }
                tests -= 2;
                hidden[c] = true;
                boolean pinned = derivability.determined(hidden, id);
                // a cell that would itself be worked out would only need another after it
                boolean itself = !pinned && derivability.determined(hidden, c);
                hidden[c] = false;
                if (!pinned && !itself) {
                    hide = c;
                    unpins = -1;
                    break;
                }
                if (!pinned && unpins < 0) {
                    unpins = c;
                }
            }
            if (unpins >= 0) {
                hide = unpins;
            }
            if (hide >= 0) {
                hidden[hide] = true;
                counts.keepSuppressed(hide, "through the class-by-step-by-mode table the two-way tables come from"
                        + " (its published zeros), it would give away '" + counts.label(id) + "'");
                kept++;
            }
        }
        return new Hiding(kept, derivable);
    }

    /**
     * What {@link #keepDerivableHidden} did.
     *
     * @param kept      cells newly kept withheld
     * @param derivable labels of the withheld non-zero counts derivable through the implied relations before them,
     *                  in cell order
     */
    record Hiding(int kept, List<String> derivable) {
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
