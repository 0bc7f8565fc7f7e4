package org.cgtbulletin.protect;

/**
 * The proofs of protection of one protection's audits, carried from each audit to the next as its pattern changes
 * ({@link RestrictedAudit.Proofs}): a cell proven protected is not audited again. For one protection in the making,
 * whose later patterns withhold more, and may publish cells an earlier one withheld: a proof survives a pattern
 * that publishes none of the cells its points move away from their true values (those points are then points of
 * the later pattern's feasible set: every cell they move is still withheld, every other is at its true value), or
 * publishes only cells the last audit found exactly derivable (at their true values in every point of its feasible
 * set). So a protection made again from the start of the same tables may take the memory over, and its audit
 * proves only what changed; each linked system needs its own (the hidden table's audit and the tables' own keep one
 * each), and a memory given another system's pattern (other relations, values or contributions) starts afresh.
 *
 * <p>Each audit gets the whole work budget ({@link RestrictedAudit#WORK_BUDGET}) again: what the carried proofs
 * save is work, never a bound on it.
 */
public final class AuditMemory {

    private RestrictedAudit.Proofs proofs;
    /** The system the proofs are of ({@link LinearSystem#fingerprint}). */
    private long system;
    /** The last audit's pattern (true: withheld) and the cells it found exactly derivable; null before one. */
    private boolean[] withheld;
    private boolean[] determined;
    /** Whether a chain of restricted programs of an audit remembered here stopped ({@link #restrictedProgramsStopped}). */
    private boolean restrictedProgramsStopped;

    /** An empty memory, for the first audit of a protection. */
    public AuditMemory() {
    }

    /**
     * The proofs for a pattern: the last audit's, less those resting on a point that moves a cell this pattern
     * publishes ({@link RestrictedAudit.Proofs#forget}), unless the last audit found that cell exactly derivable (at
     * its true value in every point of that audit's feasible set, so in every proof's point). A cell held to one value
     * only after rounding (a range such as [v - 1/2, v + 1/2]) is not enough: a proof's point may have it at v + 1/2.
     *
     * @param sys the system audited: proofs of another (other relations, values or contributions) are not kept
     * @param now per cell of the system, whether the pattern about to be audited withholds it
     */
    RestrictedAudit.Proofs proofs(LinearSystem sys, boolean[] now) {
        if (now.length != sys.cells) {
            throw new IllegalArgumentException("a pattern of " + now.length + " cells for " + sys.cells);
        }
        long fingerprint = sys.fingerprint();
        if (proofs != null && (withheld == null || withheld.length != now.length || system != fingerprint)) {
            proofs = null; // no audit remembered, or another system
        }
        if (proofs == null) {
            proofs = RestrictedAudit.Proofs.publishingPinned(now.length);
            system = fingerprint;
        } else {
            boolean[] published = new boolean[now.length];
            for (int c = 0; c < now.length; c++) {
                published[c] = withheld[c] && !now[c] && !determined[c];
            }
            proofs.forget(published);
        }
        proofs.refill();
        return proofs;
    }

    /** Records the pattern just audited and the cells its audit found exactly derivable. */
    void remember(boolean[] now, boolean[] derivable) {
        withheld = now.clone();
        determined = derivable.clone();
        restrictedProgramsStopped |= proofs != null && proofs.programsStopped();
    }

    /**
     * Whether a chain of restricted programs of an audit remembered here stopped for a low yield
     * (RestrictedAudit's yield rule): the protection of these tables' cells needs moves wider than the programs'
     * neighbourhoods hold, and the audit through the hidden table, whose moves are wider still, is then made without
     * them ({@link HiddenTableAudit#of(LinkedTables, CellStatus[], DisclosureRules, AuditMemory, boolean)}).
     */
    public boolean restrictedProgramsStopped() {
        return restrictedProgramsStopped;
    }
}
