package org.cgtbulletin.protect;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

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
 */
public record Protection(CellStatus[] status, List<Suppression> suppressions, AuditReport audit) {

    /**
     * Copies the array and the list, and checks that nothing is null.
     *
     * @param status       status of each cell, indexed by cell id
     * @param suppressions every withheld cell, in id order
     * @param audit        the audit of the pattern
     */
    public Protection {
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

    /**
     * The complements among the cells the audit proved too narrow: withheld only to protect others, their own range
     * is pinned to one value by non-negativity (mostly withheld zeros; a cell whose relations leave it no room). They
     * pass every rule, so this exposes nothing, but they protect nothing either; they are reported, not repaired.
     *
     * @return how many of {@link AuditReport#tooNarrow()} are complementary suppressions
     */
    public int pinnedComplements() {
        Set<String> narrow = new HashSet<>(audit.tooNarrow());
        int pinned = 0;
        for (Suppression s : suppressions) {
            if (s.status() == CellStatus.SUPPRESSED_SECONDARY && narrow.contains(s.label())) {
                pinned++;
            }
        }
        return pinned;
    }
}
