package org.cgtbulletin.protect;

import java.util.ArrayList;
import java.util.List;

/**
 * A suppression pattern before its audit ({@link DisclosureControl#suppress}): the cells the rules withhold, and
 * the complements that keep them from being derived exactly from the published cells. It is not published as it
 * is: {@link #audit} proves it, adding complements where the proof finds a cell whose feasible interval is too
 * narrow or that its largest contributor could recover, and returns the {@link Protection} to publish.
 *
 * <p>The two steps are separate so that a build can show (and a benchmark time) the suppression and its proof
 * apart: on the bulletin's tables the first takes a fraction of a second and the proof nearly all of the rest.
 */
public final class SuppressionPattern {

    private final LinearSystem sys;
    private final ComplementarySuppression complements;
    private final int withheld;
    /** Cells published before this pattern's audit because a reader can work them out (listed with its own). */
    private final java.util.BitSet determinedBefore;
    private Protection audited;

    SuppressionPattern(LinearSystem sys, ComplementarySuppression complements) {
        this(sys, complements, new java.util.BitSet());
    }

    SuppressionPattern(LinearSystem sys, ComplementarySuppression complements, java.util.BitSet determinedBefore) {
        this.sys = sys;
        this.complements = complements;
        this.determinedBefore = (java.util.BitSet) determinedBefore.clone();
        int count = 0;
        for (CellStatus s : complements.status) {
            if (s != CellStatus.PUBLISHED) {
                count++;
            }
        }
        this.withheld = count;
    }

    /**
     * How many cells the pattern withholds before its audit (the audit may add complements).
     *
     * @return the number of withheld cells
     */
    public int withheld() {
        return withheld;
    }

    /**
     * Whether the pattern, before its audit, withholds this cell.
     *
     * @param cell a cell id of the system the pattern was made for
     * @return true when the cell is withheld (by a rule, a complement or a decision kept)
     */
    public boolean withholds(int cell) {
        synchronized (this) {
            requireNotAudited();
        }
        return complements.status[cell] != CellStatus.PUBLISHED;
    }

    /**
     * Every cell's status before the audit.
     *
     * @return a copy, indexed by cell id
     * @throws IllegalStateException once the pattern has been audited
     */
    public synchronized CellStatus[] status() {
        requireNotAudited();
        return complements.status.clone();
    }

    /** Every cell's reason before the audit (a copy; null for a published cell). */
    synchronized String[] reasons() {
        requireNotAudited();
        return complements.reason.clone();
    }

    /** The cells published before the audit because they can be worked out (a copy). */
    synchronized java.util.BitSet determinedBefore() {
        requireNotAudited();
        return (java.util.BitSet) determinedBefore.clone();
    }

    private void requireNotAudited() {
        if (audited != null) {
            throw new IllegalStateException("the pattern has been audited; ask its Protection");
        }
    }

    /**
     * Audits the pattern, repairing what the audit finds (the first call does the work; later calls return the
     * same result).
     *
     * @return the status of every cell, the suppressions and the audit of the final pattern
     */
    public synchronized Protection audit() {
        return audit(null);
    }

    /**
     * As {@link #audit()}, its proofs carried from the audits of earlier patterns of the same tables and on to the
     * next ({@link AuditMemory}; used only by the call that does the work).
     *
     * @param memory the memory of this system's earlier audits, or null for none
     * @return the status of every cell, the suppressions and the audit of the final pattern
     */
    public synchronized Protection audit(AuditMemory memory) {
        if (audited == null) {
            Auditor.Detail detail = complements.audit(memory);
            CellStatus[] status = complements.status.clone();
            String[] reason = complements.reason;
            // A complement proven too narrow passes every rule and is pinned to one value by the published cells
            // (a complement has no protection to ask for but a range); it is published (Protection#determined).
            // So is a cell kept from a previous release that passes every rule now: the contract lets such a cell be
            // published, and its value can be worked out anyway. A total kept so that it cannot be subtracted from
            // the previous release's is pinned too, so withholding it hides nothing either; it is published once
            // every cell it gained is (those were what it was kept for), and otherwise stays withheld and is
            // reported too narrow: a true alarm, that total minus the previous release's gives a withheld cell
            // away. Publishing a determined cell does not change what the published cells tell, so all of these
            // go at once, judged on the same audit.
            java.util.BitSet published = new java.util.BitSet();
            for (int c = 0; c < sys.cells; c++) {
                if (pinned(c, status, detail) && sys.gainedSince[c] == null) {
                    status[c] = CellStatus.PUBLISHED;
                    published.set(c);
                }
            }
            for (int c = 0; c < sys.cells; c++) {
                if (pinned(c, status, detail) && sys.gainedSince[c] != null && allPublished(sys.gainedSince[c],
                        status)) {
                    status[c] = CellStatus.PUBLISHED;
                    published.set(c);
                }
            }
            int determinedRestricted = 0;
            for (int c = published.nextSetBit(0); c >= 0; c = published.nextSetBit(c + 1)) {
                determinedRestricted += detail.restricted()[c] ? 1 : 0;
            }
            java.util.BitSet listed = (java.util.BitSet) published.clone();
            listed.or(determinedBefore);
            listed.or(complements.publishedAsDetermined);
            List<String> determined = new ArrayList<>();
            for (int c = listed.nextSetBit(0); c >= 0; c = listed.nextSetBit(c + 1)) {
                if (status[c] == CellStatus.PUBLISHED) {
                    determined.add(sys.label[c]);
                }
            }
            List<Suppression> suppressions = new ArrayList<>();
            for (int c = 0; c < sys.cells; c++) {
                if (status[c] != CellStatus.PUBLISHED) {
                    suppressions.add(new Suppression(c, sys.label[c], status[c], reason[c], sys.value[c],
                            detail.low()[c], detail.high()[c], detail.checked()[c], detail.restricted()[c]));
                }
            }
            AuditReport r = detail.report();
            if (!published.isEmpty()) {
                // The lists again, in id order as the audit made them, without the cells now published (by id:
                // labels need not be unique).
                List<String> derivable = new ArrayList<>();
                List<String> tooNarrow = new ArrayList<>();
                for (int c = 0; c < sys.cells; c++) {
                    if (!published.get(c) && detail.determined()[c]) {
                        derivable.add(sys.label[c]);
                    }
                    if (!published.get(c) && detail.tooNarrow()[c]) {
                        tooNarrow.add(sys.label[c]);
                    }
                }
                int now = published.cardinality();
                r = new AuditReport(r.cells(), r.published() + now, r.primary(), r.secondary() - now, derivable,
                        tooNarrow, r.coalitionBreaches(), r.intervalNotProven(), r.coalitionNotProven(),
                        r.intervalChecked() - now,
                        r.intervalRestricted() - determinedRestricted);
            }
            audited = new Protection(status, suppressions, r, determined);
        }
        return audited;
    }

    /**
     * A complement (or a cell kept) that the audit proved pinned to one value by the published cells; not one kept
     * protected ({@link LinkedTables#keepProtected}), which stays withheld and is reported too narrow.
     */
    private boolean pinned(int c, CellStatus[] status, Auditor.Detail detail) {
        return status[c] == CellStatus.SUPPRESSED_SECONDARY && !sys.protectedKept[c] && detail.checked()[c]
                && detail.tooNarrow()[c];
    }

    private static boolean allPublished(int[] cells, CellStatus[] status) {
        for (int g : cells) {
            if (status[g] != CellStatus.PUBLISHED) {
                return false;
            }
        }
        return true;
    }
}
