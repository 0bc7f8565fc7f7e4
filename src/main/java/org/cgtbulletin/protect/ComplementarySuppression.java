package org.cgtbulletin.protect;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * Complementary (secondary) suppression over the whole linked system. Deterministic: every choice is a minimum
 * under a total order that ends with the cell id, and work lists are processed in a fixed order.
 *
 * <ol>
 *   <li><b>Heuristic</b> to a fixed point: a relation holding exactly one suppressed cell would reveal it, so
 *       another of its cells is suppressed. Candidates are its published cells; preferred, in this order: non-zero
 *       cells, parts of the relation over its total, cells in more relations that also hold a single suppressed
 *       cell (one complement fixes them all), smaller values, cells in more relations with suppressions, cells
 *       that are the total of fewer relations (inner cells over margins), smaller ids.</li>
 *   <li><b>Exact derivability</b> ({@link DerivabilityCheck}): while a suppressed cell is determined by the
 *       published ones, suppress the best published cell that enters a derivation of it with a non-zero weight
 *       ({@link DerivabilityCheck#certificate}), nearest first (in a relation containing it, else searching
 *       outwards through suppressed neighbours), re-run the heuristic, repeat; a complement that is determined
 *       is published instead (withholding it hides nothing), once no other cell needs a complement.</li>
 *   <li><b>Audit rounds</b>: while the interval audit finds a cell too narrow, or recoverable by its largest
 *       contributor, add a complement near it chosen for that purpose (a cell large enough to hide the missing
 *       protection; or one where the others, not that contributor, hold the amount), then repeat 1-2 and
 *       re-audit; at most {@value #MAX_AUDIT_ROUNDS} rounds. Only components of at most
 *       {@value IntervalAudit#MAX_LP_UNKNOWNS} suppressed cells (solved whole) take part in these rounds.</li>
 *   <li><b>Rounds with restricted programs</b> ({@link RestrictedAudit}) for the larger components, the same way,
 *       at most {@value #MAX_AUDIT_ROUNDS} rounds more, for primary cells proven too narrow or recoverable there;
 *       their complements must be able to lend something (see {@link #rounds}). Proofs of protection carry over
 *       from round to round. A cell not proven either way is reported, not repaired: complements chosen blindly
 *       for such cells grew the sample's component until every cell was withheld.</li>
 * </ol>
 */
final class ComplementarySuppression {

    static final int MAX_AUDIT_ROUNDS = 30;

    private final LinearSystem sys;
    private final Auditor auditor;
    final CellStatus[] status;
    final String[] reason;
    private final boolean[] suppressed;
    private final int[] suppCount;
    private final ArrayDeque<Integer> queue = new ArrayDeque<>();
    private final boolean[] queued;
    /** Cells for which no complement could be found (left listed by the audit). */
    private final TreeSet<Integer> stuck = new TreeSet<>();
    /** Complements published because the published cells determine them ({@link #publishDetermined}). */
    final java.util.BitSet publishedAsDetermined = new java.util.BitSet();

    ComplementarySuppression(Auditor auditor, CellStatus[] status, String[] reason) {
        this.sys = auditor.sys;
        this.auditor = auditor;
        this.status = status;
        this.reason = reason;
        this.suppressed = new boolean[sys.cells];
        this.suppCount = new int[sys.rows()];
        this.queued = new boolean[sys.rows()];
        for (int c = 0; c < sys.cells; c++) {
            if (status[c] != CellStatus.PUBLISHED) {
                suppressed[c] = true;
                for (int r : sys.cellRows[c]) {
                    suppCount[r]++;
                }
            }
        }
        for (int r = 0; r < sys.rows(); r++) {
            if (suppCount[r] == 1) {
                queued[r] = true;
                queue.add(r);
            }
        }
    }

    /** Stages 1 and 2: the heuristic, then exact derivability (the pattern {@link #audit} then proves). */
    void suppress() {
        heuristic();
        derivability();
    }

    /**
     * Stages 3 and 4 (after {@link #suppress}): the audits and their repair rounds; returns the final audit.
     *
     * @param memory the proofs of the audits of the same protection's earlier patterns (updated), or null
     */
    Auditor.Detail audit(AuditMemory memory) {
        Auditor.Detail detail = auditor.audit(status, false, null);
        detail = rounds(detail, false, null);
        // Large components: restricted programs, whose proofs of protection carry over from round to round.
        RestrictedAudit.Proofs proofs = memory == null ? new RestrictedAudit.Proofs(sys.cells)
                : memory.proofs(sys, CellStatus.withheld(status));
        detail = auditor.audit(status, true, proofs);
        detail = rounds(detail, true, proofs);
        if (memory != null) {
            memory.remember(CellStatus.withheld(status), detail.determined());
        }
        return detail;
    }

    /**
     * Audit rounds: while a cell fails, add a complement near it, repeat the heuristic and the derivability check,
     * and audit again. Without {@code large}, only whole-component results count (large components are not
     * audited). With it, a primary cell that a restricted program proves too narrow or recoverable counts too, and
     * its complement must be able to lend it something (a non-zero cell; one where the others hold some of the
     * amount): a zero complement cannot widen an interval, and choosing them made the sample's repairs grow
     * without end. Complements whose own interval a restricted program pins (a withheld zero, or a cell that
     * non-negativity fixes) are reported, not repaired, for the same reason. When the proof of the failure came
     * with a repair hint (the published cell its dual solution says would widen the cell most, see
     * {@link IntervalAudit.Result#repairHint}), that cell is the complement.
     */
    private Auditor.Detail rounds(Auditor.Detail first, boolean large, RestrictedAudit.Proofs proofs) {
        Auditor.Detail detail = first;
        for (int round = 0; round < MAX_AUDIT_ROUNDS; round++) {
            List<Integer> failing = new ArrayList<>();
            for (int c = 0; c < sys.cells; c++) {
                if (!stuck.contains(c) && (intervalFails(detail, c) || coalitionFails(detail, c))) {
                    failing.add(c);
                }
            }
            if (failing.isEmpty()) {
                break;
            }
            boolean[] touched = new boolean[sys.rows()];
            boolean progress = false;
            for (int u : failing) {
                if (anyTouched(u, touched)) {
                    continue;
                }
                boolean lend = detail.restricted()[u];
                int hint = detail.repairHint()[u];
                boolean hinted = hint >= 0 && !suppressed[hint] && !sys.known[hint];
                int c;
                String why;
                if (intervalFails(detail, u)) {
                    c = hinted ? hint : complementNear(u, Purpose.NARROW, need(u), null, lend, null);
                    why = "complement: interval of '" + sys.label[u] + "' too narrow";
                } else {
                    c = hinted ? hint
                            : complementNear(u, Purpose.COALITION, 1, auditor.assess[u].largest(), lend, null);
                    why = "complement: '" + sys.label[u] + "' recoverable by its largest contributor";
                }
                if (c < 0) {
                    stuck.add(u);
                    continue;
                }
                suppress(c, why);
                touch(c, touched);
                progress = true;
            }
            if (!progress) {
                break;
            }
            heuristic();
            derivability();
            detail = auditor.audit(status, large, proofs);
        }
        return detail;
    }

    /**
     * The cell's interval is proven too narrow: by its whole component's program, or, for a primary cell, by a
     * restricted one.
     */
    private boolean intervalFails(Auditor.Detail detail, int c) {
        return detail.checked()[c] && detail.tooNarrow()[c]
                && (!detail.restricted()[c] || auditor.primary(status[c], c));
    }

    /** The cell is proven recoverable by its largest contributor (by a whole or a restricted program). */
    private static boolean coalitionFails(Auditor.Detail detail, int c) {
        return detail.checked()[c] && detail.breach()[c];
    }

    /** Relations holding exactly one suppressed cell get another, until none is left. */
    void heuristic() {
        while (!queue.isEmpty()) {
            int r = queue.poll();
            queued[r] = false;
            if (suppCount[r] != 1) {
                continue;
            }
            int lone = -1;
            for (int c : sys.rowCells[r]) {
                if (suppressed[c]) {
                    lone = c;
                    break;
                }
            }
            int best = -1;
            boolean bestPart = false;
            for (int c : sys.rowCells[r]) {
                if (suppressed[c] || sys.known[c]) {
                    continue;
                }
                boolean part = sys.isPart(r, c);
                if (best < 0 || better(c, part, best, bestPart, Purpose.DERIVABLE, 0, null) < 0) {
                    best = c;
                    bestPart = part;
                }
            }
            if (best >= 0) {
                suppress(best, "complement: relation of '" + sys.label[sys.rowTotal[r]] + "' would reveal '"
                        + sys.label[lone] + "'");
            }
        }
    }

    /**
     * While some suppressed cell that fails a rule, or is kept ({@link LinkedTables#keepSuppressed}: a previous
     * release withheld it, say), is exactly determined, add complements near it; once none needs one, publish the
     * complements chosen here that are determined ({@link #publishDetermined}), and go on.
     */
    void derivability() {
        while (true) {
            List<Integer> determined = auditor.determinedCells(suppressed);
            boolean[] touched = new boolean[sys.rows()];
            boolean progress = false;
            List<Integer> publishable = new ArrayList<>();
            for (int u : determined) {
                if (!auditor.primary(status[u], u) && sys.keptReason[u] == null) {
                    publishable.add(u);
                    continue;
                }
                if (stuck.contains(u) || anyTouched(u, touched)) {
                    continue;
                }
                int c = complementBreaking(u);
                if (c < 0) {
                    stuck.add(u);
                    continue;
                }
                suppress(c, "complement: '" + sys.label[u] + "' was exactly derivable");
                touch(c, touched);
                progress = true;
            }
            if (!progress && !publishable.isEmpty()) {
                // only once no complement was added: a complement added in the same round can make a cell found
                // determined no longer so, and publishing it then could give away what the complement hides
                for (int u : publishable) {
                    publishDetermined(u);
                }
                progress = true;
            }
            if (!progress) {
                return;
            }
            heuristic();
        }
    }

    private enum Purpose { DERIVABLE, NARROW, COALITION }

    /**
     * The best published cell that enters a derivation of u ({@link DerivabilityCheck#certificate}) with a
     * non-zero weight, searched outwards from u as {@link #complementNear}; -1 when there is none, and then no set
     * of complements can protect u (that derivation stands whatever else is withheld). Each such complement either
     * makes u underivable or removes one degree of freedom from the derivations of u, so a cell needs at most as
     * many as there are redundant relations around it; the nearest cell alone, tried first, can lie outside every
     * derivation, and choosing it again and again walked outwards through a component for thousands of rounds.
     */
    private int complementBreaking(int u) {
        for (Component comp : Component.of(sys, suppressed)) {
            int local = Arrays.binarySearch(comp.cells, u);
            if (local < 0) {
                continue;
            }
            java.util.BitSet entering = DerivabilityCheck.entering(sys, comp, local,
                    c -> !suppressed[c] && !sys.known[c]);
            if (entering == null) {
                break; // determined only by the random test's rare false alarm: no derivation to break
            }
            return complementNear(u, Purpose.DERIVABLE, 0, null, false, entering);
        }
        return complementNear(u, Purpose.DERIVABLE, 0, null);
    }

    /**
     * The best published cell in the relations of u; if they have none, in the relations of the suppressed cells
     * met there, and so on outwards. -1 when there is none in u's whole component.
     */
    private int complementNear(int u, Purpose purpose, double need, String token) {
        return complementNear(u, purpose, need, token, false, null);
    }

    /**
     * As {@link #complementNear(int, Purpose, double, String)}; with {@code lend}, only cells that can lend u
     * something are candidates: non-zero ones, and for a coalition one where the others hold some of the amount;
     * with {@code only}, only the cells it marks.
     */
    private int complementNear(int u, Purpose purpose, double need, String token, boolean lend,
            java.util.BitSet only) {
        boolean[] seenRow = new boolean[sys.rows()];
        boolean[] seenCell = new boolean[sys.cells];
        List<Integer> frontier = List.of(u);
        seenCell[u] = true;
        while (!frontier.isEmpty()) {
            TreeSet<Integer> rows = new TreeSet<>();
            for (int f : frontier) {
                for (int r : sys.cellRows[f]) {
                    if (!seenRow[r]) {
                        seenRow[r] = true;
                        rows.add(r);
                    }
                }
            }
            int best = -1;
            boolean bestPart = false;
            List<Integer> next = new ArrayList<>();
            for (int r : rows) {
                for (int c : sys.rowCells[r]) {
                    if (suppressed[c]) {
                        if (!seenCell[c]) {
                            seenCell[c] = true;
                            next.add(c);
                        }
                        continue;
                    }
                    if (sys.known[c] || only != null && !only.get(c) || lend && (purpose == Purpose.COALITION
                            ? sys.value[c] - sys.own(token, c) <= 0 : sys.value[c] <= 0)) {
                        continue;
                    }
                    boolean part = sys.isPart(r, c);
                    if (c == best) {
                        bestPart |= part;
                    } else if (best < 0 || better(c, part, best, bestPart, purpose, need, token) < 0) {
                        best = c;
                        bestPart = part;
                    }
                }
            }
            if (best >= 0) {
                return best;
            }
            next.sort(null);
            frontier = next;
        }
        return -1;
    }

    /** Negative when candidate a (a part of the relation it was found in: aPart) is preferred over b. */
    private int better(int a, boolean aPart, int b, boolean bPart, Purpose purpose, double need, String token) {
        int cmp = Boolean.compare(sys.value[a] == 0, sys.value[b] == 0);
        if (cmp != 0) {
            return cmp;
        }
        if (purpose == Purpose.NARROW) {
            // A complement can lend the cell at most its own value: prefer the smallest one that is enough,
            // else the largest.
            boolean aEnough = sys.value[a] >= need;
            boolean bEnough = sys.value[b] >= need;
            if (aEnough != bEnough) {
                return aEnough ? -1 : 1;
            }
            if (sys.value[a] != sys.value[b]) {
                return aEnough ? Long.compare(sys.value[a], sys.value[b]) : Long.compare(sys.value[b], sys.value[a]);
            }
        } else if (purpose == Purpose.COALITION) {
            // The contributor knows its own share of a complement; only what the others hold hides anything.
            long aOthers = sys.value[a] - sys.own(token, a);
            long bOthers = sys.value[b] - sys.own(token, b);
            if ((aOthers > 0) != (bOthers > 0)) {
                return aOthers > 0 ? -1 : 1;
            }
        }
        cmp = Boolean.compare(!aPart, !bPart);
        if (cmp != 0) {
            return cmp;
        }
        cmp = Integer.compare(needy(b), needy(a));
        if (cmp != 0) {
            return cmp;
        }
        cmp = Long.compare(sys.value[a], sys.value[b]);
        if (cmp != 0) {
            return cmp;
        }
        cmp = Integer.compare(withSuppressions(b), withSuppressions(a));
        if (cmp != 0) {
            return cmp;
        }
        cmp = Integer.compare(sys.timesTotal[a], sys.timesTotal[b]);
        if (cmp != 0) {
            return cmp;
        }
        return Integer.compare(a, b);
    }

    /** Relations of c holding exactly one suppressed cell. */
    private int needy(int c) {
        int k = 0;
        for (int r : sys.cellRows[c]) {
            if (suppCount[r] == 1) {
                k++;
            }
        }
        return k;
    }

    /** Relations of c holding a suppressed cell. */
    private int withSuppressions(int c) {
        int k = 0;
        for (int r : sys.cellRows[c]) {
            if (suppCount[r] > 0) {
                k++;
            }
        }
        return k;
    }

    /** How far above its value an attacker must be unable to exclude the cell (at least 1). */
    private double need(int u) {
        DisclosureRules.Assessment a = auditor.assess[u];
        DisclosureRules rules = auditor.rules;
        double need = 1;
        if (a.fails("R3")) {
            need = Math.max(need, a.x1() / rules.dominance() - a.total());
        }
        if (a.fails("R4")) {
            need = Math.max(need, rules.pPercent() * a.x1() - (a.total() - a.x1() - a.x2()));
        }
        return need;
    }

    private void suppress(int c, String why) {
        if (suppressed[c]) {
            throw new IllegalStateException("already suppressed: " + c);
        }
        suppressed[c] = true;
        status[c] = CellStatus.SUPPRESSED_SECONDARY;
        reason[c] = why;
        for (int r : sys.cellRows[c]) {
            suppCount[r]++;
            if (suppCount[r] == 1 && !queued[r]) {
                queued[r] = true;
                queue.add(r);
            }
        }
    }

    /**
     * Publishes a complement chosen here that the published cells determine: withholding it hides nothing, and
     * publishing a number a reader can work out changes nothing a reader can work out of any other (nor any
     * interval: the equation is implied by the others). Protecting it with complements of its own instead searched
     * outwards to the margins (even a quarter's grand total) and, in a quarterly release whose earlier totals must
     * not move, set off a cascade (docs/performance-log.md, sixth session). It is listed with the complements the
     * audit finds determined, and is never made a complement again.
     */
    private void publishDetermined(int u) {
        suppressed[u] = false;
        status[u] = CellStatus.PUBLISHED;
        reason[u] = null;
        sys.known[u] = true;
        publishedAsDetermined.set(u);
        for (int r : sys.cellRows[u]) {
            suppCount[r]--;
            if (suppCount[r] == 1 && !queued[r]) {
                queued[r] = true;
                queue.add(r);
            }
        }
    }

    private boolean anyTouched(int u, boolean[] touched) {
        for (int r : sys.cellRows[u]) {
            if (touched[r]) {
                return true;
            }
        }
        return false;
    }

    private void touch(int c, boolean[] touched) {
        for (int r : sys.cellRows[c]) {
            touched[r] = true;
        }
    }
}
