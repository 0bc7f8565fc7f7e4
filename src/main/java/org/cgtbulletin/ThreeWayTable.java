package org.cgtbulletin;

import java.util.ArrayList;
import java.util.List;

import org.cgtbulletin.protect.AuditMemory;
import org.cgtbulletin.protect.CellStatus;
import org.cgtbulletin.protect.Derivability;
import org.cgtbulletin.protect.DisclosureControl;
import org.cgtbulletin.protect.DisclosureRules;
import org.cgtbulletin.protect.HiddenTableAudit;
import org.cgtbulletin.protect.LinkedTables;
import org.cgtbulletin.protect.Protection;
import org.cgtbulletin.protect.SuppressionPattern;

/**
 * The hidden class-by-step-by-mode table the two-way count tables are margins of: its cells are unknowns a reader
 * knows to be there ({@link LinkedTables#addHiddenCell}, none where a zero margin rules them out), each two-way
 * cell their sum ({@link LinkedTables#addImpliedRelation}), and through them a reader can work out withheld counts
 * the tables' own relations do not give away. Stated with the others, those relations made the protection withhold
 * nearly every cell (README, "not done"); here they are used after it: each count they give away, and each range
 * they narrow below its protection (the hidden cells are at least 0), is hidden by keeping one more published cell
 * withheld, on top of the audited pattern, and the caller audits again.
 */
final class ThreeWayTable {

    private ThreeWayTable() {
    }

    /**
     * Exact derivability checks {@link #keepDerivableHidden} makes at most in one pass: one elimination per count to
     * hide ({@link Derivability#withholding}), one per candidate it cannot tell about.
     */
    private static final int MAX_TESTS = 32;
    /** Candidates looked at per withheld count, at most. */
    private static final int MAX_CANDIDATES = 12;
    /** The start of the reason of a cell kept withheld here. */
    private static final String KEPT = "through the class-by-step-by-mode table the two-way tables come from";
    /** How far from a count {@link #candidates} looks for cells to hide it. */
    private static final int MAX_DEPTH = 3;
    /** The start of the reason of a cell kept withheld for a range {@link HiddenTableAudit} found too narrow. */
    private static final String RANGE = KEPT + " (its published zeros, every cell at least 0), it would narrow the"
            + " range of ";
    /**
     * Rounds that keep one cell withheld for a range found too narrow when {@link HiddenTableAudit#widening} finds
     * none (over the rounds of a build), at most: a range the cells the proof points to do not widen is then given
     * every {@link #candidates candidate} at once, once, and if that does not widen it either, left to the staff
     * audit rather than chased round after round (each round costs an audit). On the sample, one range needed six
     * cells one at a time, which took the build from 31 to 52 s (every candidate at once after two: 38 s, 11 more
     * cells withheld); the widening program finds a single cell for most ranges on the sample.
     */
    private static final int MAX_TRIES_PER_RANGE = 2;
    /** Cells kept withheld for ranges found too narrow, at most, in all (then the rest is left to the staff audit). */
    private static final int MAX_TRIES_FOR_RANGES = 100;
    /** What a withheld count's label is listed with when its range through the hidden cells fails. */
    private static final String TOO_NARROW = " (range too narrow through it, or recoverable by its largest"
            + " contributor)";
    /** What a withheld count's label is listed with when its range through the hidden cells is not settled. */
    private static final String NOT_PROVEN = " (range through it not proven)";
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
     * count to hide, pass after pass. When no count is derivable (and no cell was kept in this call), the ranges are
     * audited through the hidden cells, every one at least 0 ({@link HiddenTableAudit}, its proofs carried from one
     * call to the next in {@code memory}), and {@link #repair} keeps withheld a cell for each range found too narrow
     * (or publishes a complement found pinned). The caller audits the pattern and calls again (the audit may add
     * complements, or publish a cell the published cells determine).
     *
     * @param memory the proofs of the earlier audits through the hidden cells of this protection (or of an earlier
     *               protection of the same tables, {@link AuditMemory})
     * @param restrictedPrograms whether those audits use restricted programs ({@link HiddenTableAudit})
     * @return the pattern with the changes, not yet audited (null when nothing changed), and the counts that fail a
     *         rule (or are kept) still derivable before the last pass, or whose range the last audit through the
     *         hidden cells found too narrow or could not settle (those no cell was found for, when nothing changed)
     */
    static Hiding keepDerivableHidden(LinkedTables counts, Protection protection, DisclosureRules rules,
            AuditMemory memory, boolean restrictedPrograms) {
        if (counts.impliedRelationCount() == 0) {
            return new Hiding(null, List.of());
        }
        CellStatus[] status = protection.status().clone();
        boolean[] hidden = CellStatus.withheld(status);
        Derivability derivability = Derivability.withImplied(counts);
        List<List<Integer>> rowsOf = rowsOf(counts);
        SuppressionPattern pattern = null;
        List<String> derivable = List.of();
        boolean keptAny = false;
        for (int pass = 0; pass < MAX_PASSES; pass++) {
            derivable = new ArrayList<>();
            List<Integer> publish = new ArrayList<>();
            int[] kept = pass(counts, derivability, rowsOf, hidden, status, derivable, publish);
            boolean ranges = kept.length == 0 && publish.isEmpty();
            if (ranges) {
                // nothing derivable: the ranges, with non-negativity
                kept = repair(counts, HiddenTableAudit.of(counts, status, rules, memory, restrictedPrograms), rowsOf,
                        status, hidden, derivable, publish);
                if (kept.length == 0 && publish.isEmpty()) {
                    break;
                }
            }
            // the complements a reader can work out are published once nothing more is kept: publishing them
            // tells nothing new, so no count becomes derivable and no complement is needed for them
            int[] published = kept.length > 0 ? new int[0] : publish.stream().mapToInt(Integer::intValue).toArray();
            pattern = pattern == null ? DisclosureControl.suppressAlso(counts, protection, kept, published, rules)
                    : DisclosureControl.suppressAlso(counts, pattern, kept, published, rules);
            keptAny |= kept.length > 0;
            if (ranges || (kept.length == 0 && keptAny)) {
                break; // the pattern is audited before it is looked at again
            }
            // after cells kept, the next pass; after complements published and nothing kept (a reader could work
            // them out through the hidden cells, so the audited pattern's ranges through them are the same), its
            // ranges next
            status = pattern.status();
            hidden = CellStatus.withheld(status);
        }
        return new Hiding(pattern, derivable);
    }

    /**
     * What {@link #keepDerivableHidden} would look for in the protection, without changing anything: the withheld
     * non-zero counts that fail a rule (or are kept) a reader can work out through the hidden cells, then those the
     * audit through the hidden cells finds too narrow or recoverable, and the ranges it could not settle. For a
     * protection the caller publishes as it is (see {@code Bulletin.protect}'s bound on the rounds).
     *
     * @return the labels, as {@link Hiding#derivable}
     */
    static List<String> stillExposed(LinkedTables counts, Protection protection, DisclosureRules rules) {
        if (counts.impliedRelationCount() == 0) {
            return List.of();
        }
        CellStatus[] status = protection.status();
        boolean[] determined = Derivability.withImplied(counts).determined(CellStatus.withheld(status));
        List<String> found = new ArrayList<>();
        for (int id = 0; id < status.length; id++) {
            if (determined[id] && counts.total(id) > 0 && !publishable(counts, status, id)) {
                found.add(counts.label(id));
            }
        }
        HiddenTableAudit audit = HiddenTableAudit.of(counts, status, rules, new AuditMemory());
        for (int id : audit.exposed()) {
            listTooNarrow(counts, id, found);
        }
        audit.notProven().forEach(label -> found.add(label + NOT_PROVEN));
        return found;
    }

    /**
     * Whether a withheld cell, once a reader can work it out, is published rather than hidden: a complement (not
     * failing a rule), not kept protected nor kept even if determined, and not kept for another reason than this
     * class's (a previous release withheld it, say: its old value is not public).
     */
    private static boolean publishable(LinkedTables counts, CellStatus[] status, int id) {
        return status[id] == CellStatus.SUPPRESSED_SECONDARY && counts.mayPublishWhenDetermined(id)
                && (counts.keptReason(id) == null || counts.keptReason(id).startsWith(KEPT));
    }

    /** Lists a count whose range through the hidden cells fails, unless it is listed as derivable already. */
    private static void listTooNarrow(LinkedTables counts, int id, List<String> found) {
        if (!found.contains(counts.label(id))) {
            found.add(counts.label(id) + TOO_NARROW);
        }
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
            if (publishable(counts, status, id)) {
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
            List<Integer> candidates = candidates(id, counts, rowsOf, hidden);
            Derivability.Effect[] effects = null;
            if (!candidates.isEmpty() && tests[0]-- > 0) {
                effects = derivability.withholding(hidden, id,
                        candidates.stream().mapToInt(Integer::intValue).toArray());
                if (effects == null && !kept.isEmpty()) {
                    continue; // hidden by a cell chosen for another
                }
            }
            int hide = chooseCell(id, derivability, hidden, candidates, effects, tests);
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
     * What {@link HiddenTableAudit} found once no count is derivable: a complement pinned to one value that may be
     * published (as in {@link #pass}) goes to {@code publish} (a zero one that may not is left: that it is 0 tells
     * nothing); for each cell failing a rule (or kept protected) pinned, with a range too narrow for its protection,
     * or recoverable by its largest contributor, the published cells whose withholding lets its range reach what it
     * needs at the fewest changes to the published numbers ({@link HiddenTableAudit#widening}: one linear program
     * breaks every chain of relations that bounds it, where one cell at a time could leave another chain round after
     * round) are kept withheld. Where that program finds none (and for a complement pinned that may not be
     * published), the published cell the proof points to (unless a reader can work that one out, or one kept here
     * for another already is it; else the first {@link #candidates candidate}), for at most {@link
     * #MAX_TRIES_PER_RANGE} rounds, then every candidate at once, once. Each such cell, and each whose range was not
     * proven, is listed in {@code found} with what was found.
     *
     * @return the cells kept, in the order chosen
     */
    private static int[] repair(LinkedTables counts, HiddenTableAudit audit, List<List<Integer>> rowsOf,
            CellStatus[] status, boolean[] hidden, List<String> found, List<Integer> publish) {
        List<Integer> exposed = new ArrayList<>();
        List<Integer> hints = new ArrayList<>();
        List<Integer> inAudit = new ArrayList<>(); // per cell: its index into the audit's exposed cells, or -1
        for (int c : audit.pinned()) {
            if (publishable(counts, status, c)) {
                publish.add(c);
            } else if (counts.total(c) > 0) { // a zero passes every rule: that it is one tells nothing
                exposed.add(c);
                hints.add(-1);
                inAudit.add(-1);
            }
        }
        int[] worse = audit.exposed();
        for (int i = 0; i < worse.length; i++) {
            exposed.add(worse[i]);
            hints.add(audit.repairHint(i));
            inAudit.add(i);
        }
        List<Integer> kept = new ArrayList<>();
        // cells kept before for the range of each cell, and for ranges in all (from their reasons: kept for good)
        java.util.Map<String, Integer> tries = new java.util.HashMap<>();
        int triedInAll = 0;
        for (int c = 0; c < counts.size(); c++) {
            String why = counts.keptReason(c);
            if (why != null && why.startsWith(RANGE)) {
                tries.merge(why.substring(RANGE.length()), 1, Integer::sum);
                triedInAll++;
            }
        }
        for (int i = 0; i < exposed.size(); i++) {
            int id = exposed.get(i);
            listTooNarrow(counts, id, found);
            String reason = RANGE + "'" + counts.label(id) + "'";
            int tried = tries.getOrDefault(reason.substring(RANGE.length()), 0);
            if (triedInAll >= MAX_TRIES_FOR_RANGES) {
                continue; // left to the staff audit
            }
            List<Integer> hide = new ArrayList<>();
            // the published cells whose withholding lets the range reach what it needs, at the fewest changes to
            // the published numbers: every chain of relations that bounds it broken at once (over other quarters
            // and the years, say, where one cell at a time leaves another chain)
            int[] widening = inAudit.get(i) >= 0 ? audit.widening(inAudit.get(i)) : new int[0];
            for (int c : widening) {
                if (!hidden[c] && !counts.isKept(c) && hide.size() < MAX_TRIES_FOR_RANGES - triedInAll) {
                    hide.add(c);
                }
            }
            if (hide.isEmpty()) {
                // the program found no cell: the proof's hint, then the nearby candidates
                if (widening.length > 0) {
                    continue; // kept for another in this pass already: the next audit tells
                } else if (tried > MAX_TRIES_PER_RANGE) {
                    continue; // left to the staff audit
                } else if (tried == MAX_TRIES_PER_RANGE) {
                    // one cell at a time did not do it: every candidate at once, once (within the bound in all)
                    hide.addAll(candidates(id, counts, rowsOf, hidden).stream()
                            .limit(MAX_TRIES_FOR_RANGES - triedInAll).toList());
                } else if (hints.get(i) >= 0 && kept.contains(hints.get(i))) {
                    continue; // kept for another in this pass already: the next audit tells
                } else if (hints.get(i) >= 0 && !hidden[hints.get(i)] && !counts.isKept(hints.get(i))) {
                    hide.add(hints.get(i));
                } else {
                    // no hint, or one a reader can work out (published as determined): withholding it hides nothing
                    hide.addAll(candidates(id, counts, rowsOf, hidden).stream().limit(1).toList());
                }
            }
            for (int c : hide) {
                hidden[c] = true;
                counts.keepSuppressed(c, reason);
                kept.add(c);
                triedInAll++;
            }
        }
        audit.notProven().forEach(label -> found.add(label + NOT_PROVEN));
        return kept.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * The cell to keep withheld for a count: the first candidate whose withholding leaves the count undetermined and
     * is not worked out itself, else the first that leaves it undetermined, else the first not known to leave it
     * pinned, else the first; -1 when there is no candidate. What each candidate would do is read off one
     * elimination ({@code effects}, from {@link Derivability#withholding}, null if the pass had no checks left for
     * it); a candidate it cannot tell about is checked by solving again, while the pass has checks left ({@code
     * tests[0]}, which this lowers by those it makes).
     */
    private static int chooseCell(int id, Derivability derivability, boolean[] hidden,
            List<Integer> candidates, Derivability.Effect[] effects, int[] tests) {
        int unpins = -1;
        int untold = -1;
        for (int i = 0; i < candidates.size(); i++) {
            int c = candidates.get(i);
            Derivability.Effect effect = effects == null ? Derivability.Effect.UNDECIDED : effects[i];
            if (effect == Derivability.Effect.UNPINS) {
                return c;
            }
            if (effect == Derivability.Effect.STAYS_PINNED) {
                continue;
            }
            if (tests[0] <= 0) {
                untold = untold < 0 ? c : untold;
                continue; // no checks left: a later candidate may still be known to unpin it
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
        return unpins >= 0 ? unpins : untold >= 0 ? untold : candidates.isEmpty() ? -1 : candidates.get(0);
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
        int[][] over = counts.cellsOverHidden();
        for (int i = 0; i < counts.impliedRelationCount(); i++) {
            int[] relation = counts.impliedRelation(i);
            List<Integer> r = rows.get(relation[0]);
            for (int k = 1; k < relation.length; k++) {
                for (int c : relation[k] < 0 ? over[-1 - relation[k]] : new int[] {relation[k]}) {
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
