package org.cgtbulletin.protect;

import java.util.Objects;

/**
 * One withheld cell, for the staff audit.
 *
 * @param cell            the cell id
 * @param label           the cell's label
 * @param status          {@link CellStatus#SUPPRESSED} or {@link CellStatus#SUPPRESSED_SECONDARY}
 * @param reason          why: the rules it fails, the previous release's reason, or which cell it protects
 * @param value           the cell's true total (confidential: staff audit only)
 * @param feasibleLow     the smallest value an attacker can prove for the cell from the published cells, the
 *                        additive relations and non-negativity (linear programming); NaN when not computed; when
 *                        {@code intervalRestricted}, an upper bound on that value
 * @param feasibleHigh    the largest such value ({@code +Infinity} when unbounded); NaN when not computed; when
 *                        {@code intervalRestricted}, a lower bound on that value
 * @param intervalChecked whether the audit decided the cell's interval: proven wide enough, or proven too narrow
 *                        (see {@link AuditReport})
 * @param intervalRestricted whether the bounds are those of a restricted program (the cell's component was too
 *                        large to solve whole): the attacker's feasible interval contains [feasibleLow,
 *                        feasibleHigh]
 */
public record Suppression(int cell, String label, CellStatus status, String reason, long value,
                          double feasibleLow, double feasibleHigh, boolean intervalChecked,
                          boolean intervalRestricted) {

    /**
     * Checks that the status is a suppression and that the texts are present.
     *
     * @param cell            the cell id
     * @param label           the cell's label
     * @param status          SUPPRESSED or SUPPRESSED_SECONDARY
     * @param reason          why it is withheld
     * @param value           its true total
     * @param feasibleLow     attacker's lower bound, NaN when not computed
     * @param feasibleHigh    attacker's upper bound, NaN when not computed
     * @param intervalChecked whether the interval was decided
     * @param intervalRestricted whether the bounds are a restricted program's (inside the attacker's interval)
     */
    public Suppression {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(reason, "reason");
        if (Objects.requireNonNull(status, "status") == CellStatus.PUBLISHED) {
            throw new IllegalArgumentException("a suppression cannot have status PUBLISHED");
        }
    }
}
