package org.cgtbulletin.protect;

import java.util.List;
import java.util.Objects;

/**
 * The result of {@link DisclosureControl#protect}: a status for every cell (indexed by cell id), every withheld
 * cell with its reason and feasible interval (in cell-id order), and the audit of the final pattern.
 *
 * <p>For speed, {@link #status()} returns the record's own array (a copy of the one it was built with): read it,
 * do not modify it.
 *
 * @param status       status of each cell, indexed by cell id
 * @param suppressions every cell whose status is not {@link CellStatus#PUBLISHED}, in id order
 * @param audit        the audit of the final pattern
 * @param determined   labels of the complements the audit found determined by the published cells (their own range
 *                     pinned to one value by non-negativity) and that are therefore published: withholding them
 *                     protected nothing, and the contract wants no withheld cell determined. Publishing a value a
 *                     reader can already work out adds nothing to what the published cells tell, so every other
 *                     cell's audit stands. A cell kept from a previous release may be among them: it passes every
 *                     rule now (else it would be a primary suppression), which the contract asks of a restated
 *                     cell, and its value can be worked out anyway. So may a total kept so that it cannot be
 *                     subtracted from the previous release's, once every cell it gained is published (withholding a
 *                     determined number hides nothing; see {@link LinkedTables#keepSuppressedEvenIfDetermined}). In
 *                     id order
 */
public record Protection(CellStatus[] status, List<Suppression> suppressions, AuditReport audit,
        List<String> determined) {

    /**
     * Copies the array and the lists, and checks that nothing is null.
     *
     * @param status       status of each cell, indexed by cell id
     * @param suppressions every withheld cell, in id order
     * @param audit        the audit of the pattern
     * @param determined   complements (and cells kept) published because the published cells determine them
     */
    public Protection {
        determined = List.copyOf(determined);
        status = Objects.requireNonNull(status, "status").clone();
        for (CellStatus s : status) {
            Objects.requireNonNull(s, "a cell status");
        }
        suppressions = List.copyOf(suppressions);
        Objects.requireNonNull(audit, "audit");
    }

    /**
     * Whether the cell's value may be shown.
     *
     * @param cell a cell id
     * @return true when its status is {@link CellStatus#PUBLISHED}
     */
    public boolean published(int cell) {
        return status[cell] == CellStatus.PUBLISHED;
    }

}
