package org.cgtbulletin.protect;

/**
 * The proofs of protection of one protection's audits, carried from each audit to the next as its pattern grows
 * ({@link RestrictedAudit.Proofs}): a cell proven protected is not audited again. For one protection in the making,
 * whose later patterns withhold more and publish only cells a reader could work out exactly from an earlier one;
 * whenever a pattern publishes another cell, the proofs start afresh. A pattern made afresh needs a new memory, and
 * so does each linked system (the hidden table's audit and the tables' own keep one each).
 *
 * <p>Each audit gets the whole work budget ({@link RestrictedAudit#WORK_BUDGET}) again: what the carried proofs
 * save is work, never a bound on it.
 */
public final class AuditMemory {

    private RestrictedAudit.Proofs proofs;
    /** The last audit's pattern (true: withheld) and the cells it found exactly derivable; null before one. */
    private boolean[] withheld;
    private boolean[] determined;

    /** An empty memory, for the first audit of a protection. */
    public AuditMemory() {
    }

    /**
     * The proofs for a pattern: the last audit's, when every cell it had withheld and this one publishes was
     * exactly derivable in it (so at its true value in every point of that audit's feasible set, and every proof's
     * point is one of this pattern's set too); fresh ones otherwise. A cell held to one value only after rounding
     * (a range such as [v - 1/2, v + 1/2]) is not enough: a proof's point may have it at v + 1/2.
     *
     * @param now per cell of the system, whether the pattern about to be audited withholds it
     */
    RestrictedAudit.Proofs proofs(boolean[] now) {
        if (proofs != null) {
            if (withheld == null || withheld.length != now.length) { // no audit remembered, or another system
                proofs = null;
            } else {
                for (int c = 0; c < withheld.length; c++) {
                    if (withheld[c] && !now[c] && !determined[c]) {
                        proofs = null;
                        break;
                    }
                }
            }
        }
        if (proofs == null) {
            proofs = RestrictedAudit.Proofs.publishingPinned(now.length);
        }
        proofs.refill();
        return proofs;
    }

    /** Records the pattern just audited and the cells its audit found exactly derivable. */
    void remember(boolean[] now, boolean[] derivable) {
        withheld = now.clone();
        determined = derivable.clone();
    }
}
