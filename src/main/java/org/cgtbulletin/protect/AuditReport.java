package org.cgtbulletin.protect;

import java.util.List;

/**
 * The audit of a status pattern over a linked system (see {@link DisclosureControl#audit}). Every list holds cell
 * labels in cell-id order.
 *
 * <p>Every suppressed cell's feasible interval is either <em>checked</em> (the audit decided it: proven wide
 * enough, or proven too narrow) or <em>not proven</em>; {@code intervalChecked + intervalNotProven.size()} is the
 * number of suppressed cells. Likewise every primary cell with a largest contributor is proven safe from it, listed
 * in {@code coalitionBreaches}, or listed in {@code coalitionNotProven}.
 *
 * @param cells              number of cells
 * @param published          cells with status {@link CellStatus#PUBLISHED}
 * @param primary            cells with status {@link CellStatus#SUPPRESSED}
 * @param secondary          cells with status {@link CellStatus#SUPPRESSED_SECONDARY}
 * @param derivable          suppressed cells whose value is exactly determined by the published cells through the
 *                           additive relations (exact linear algebra); empty after {@link DisclosureControl#protect}
 *                           unless a cell is structurally determined whatever is suppressed
 * @param tooNarrow          suppressed cells whose feasible interval (linear programming with non-negativity,
 *                           integer values) is proven narrower than the protection their failed rules require
 * @param coalitionBreaches  primary cells whose value minus their largest contributor's own amount (what the others
 *                           reported) that contributor can pin to a single integer, knowing its own amounts in every
 *                           cell; includes derivable primary cells
 * @param intervalNotProven  suppressed cells whose interval could be neither proven wide enough nor proven too
 *                           narrow (a large component, where the restricted programs up to their cap, the
 *                           alternative datasets and the whole program's certificates within their iteration
 *                           count were inconclusive; or a program that could not be solved). Never counted as
 *                           passed
 * @param coalitionNotProven primary cells whose audit against their largest contributor was inconclusive in the
 *                           same way
 * @param intervalChecked    suppressed cells whose interval the audit decided (proven wide enough or too narrow)
 * @param intervalRestricted of those, the cells decided by restricted programs (a neighbourhood of the cell unknown,
 *                           every other suppressed cell fixed at its true value) because their component was too
 *                           large to solve whole; the others were decided on their whole component
 */
public record AuditReport(int cells, int published, int primary, int secondary,
                          List<String> derivable,
                          List<String> tooNarrow,
                          List<String> coalitionBreaches,
                          List<String> intervalNotProven,
                          List<String> coalitionNotProven,
                          int intervalChecked, int intervalRestricted) {

    /**
     * Copies the lists (unmodifiable).
     *
     * @param cells              number of cells
     * @param published          published cells
     * @param primary            cells withheld by a rule or kept from a previous release
     * @param secondary          complementary suppressions
     * @param derivable          labels of exactly derivable suppressed cells
     * @param tooNarrow          labels of cells with a proven too narrow feasible interval
     * @param coalitionBreaches  labels of primary cells recoverable by their largest contributor
     * @param intervalNotProven  labels of cells whose interval audit was inconclusive
     * @param coalitionNotProven labels of primary cells whose coalition audit was inconclusive
     * @param intervalChecked    suppressed cells whose interval was decided
     * @param intervalRestricted of those, decided by restricted programs
     */
    public AuditReport {
        derivable = List.copyOf(derivable);
        tooNarrow = List.copyOf(tooNarrow);
        coalitionBreaches = List.copyOf(coalitionBreaches);
        intervalNotProven = List.copyOf(intervalNotProven);
        coalitionNotProven = List.copyOf(coalitionNotProven);
    }

    /**
     * Suppressed cells whose interval was not decided: the size of {@link #intervalNotProven()}.
     *
     * @return the number of not proven intervals
     */
    public int intervalSkipped() {
        return intervalNotProven.size();
    }

    /**
     * Whether the audit proved every suppressed cell protected.
     *
     * @return true when nothing is derivable, too narrow or recoverable by a largest contributor, and nothing is
     *         left not proven
     */
    public boolean clean() {
        return derivable.isEmpty() && tooNarrow.isEmpty() && coalitionBreaches.isEmpty()
                && intervalNotProven.isEmpty() && coalitionNotProven.isEmpty();
    }
}
