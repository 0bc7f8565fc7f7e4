package org.cgtbulletin.protect;

import java.util.List;

/**
 * The audit of a status pattern over a linked system (see {@link DisclosureControl#audit}). Every list holds cell
 * labels in cell-id order.
 *
 * @param cells             number of cells
 * @param published         cells with status {@link CellStatus#PUBLISHED}
 * @param primary           cells with status {@link CellStatus#SUPPRESSED}
 * @param secondary         cells with status {@link CellStatus#SUPPRESSED_SECONDARY}
 * @param derivable         suppressed cells whose value is exactly determined by the published cells through the
 *                          additive relations (exact linear algebra); empty after {@link DisclosureControl#protect}
 *                          unless a cell is structurally determined whatever is suppressed
 * @param tooNarrow         suppressed cells whose feasible interval (linear programming with non-negativity,
 *                          integer values) is narrower than the protection their failed rules require; only cells
 *                          whose interval was computed can be listed
 * @param coalitionBreaches primary cells whose value minus their largest contributor's own amount (what the others
 *                          reported) that contributor can pin to a single integer, knowing its own amounts in every
 *                          cell; includes derivable primary cells
 * @param intervalChecked   suppressed cells whose feasible interval was computed
 * @param intervalSkipped   suppressed cells whose interval was not computed (component of suppressed cells too
 *                          large for linear programming); they are still covered by the exact derivability check
 */
public record AuditReport(int cells, int published, int primary, int secondary,
                          List<String> derivable,
                          List<String> tooNarrow,
                          List<String> coalitionBreaches,
                          int intervalChecked, int intervalSkipped) {

    /**
     * Copies the lists (unmodifiable).
     *
     * @param cells             number of cells
     * @param published         published cells
     * @param primary           cells withheld by a rule or kept from a previous release
     * @param secondary         complementary suppressions
     * @param derivable         labels of exactly derivable suppressed cells
     * @param tooNarrow         labels of cells with too narrow a feasible interval
     * @param coalitionBreaches labels of primary cells recoverable by their largest contributor
     * @param intervalChecked   suppressed cells whose interval was computed
     * @param intervalSkipped   suppressed cells whose interval was not computed
     */
    public AuditReport {
        derivable = List.copyOf(derivable);
        tooNarrow = List.copyOf(tooNarrow);
        coalitionBreaches = List.copyOf(coalitionBreaches);
    }

    /**
     * Whether the audit found nothing.
     *
     * @return true when nothing is derivable, too narrow or recoverable by a largest contributor
     */
    public boolean clean() {
        return derivable.isEmpty() && tooNarrow.isEmpty() && coalitionBreaches.isEmpty();
    }
}
