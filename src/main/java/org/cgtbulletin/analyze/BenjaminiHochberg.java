package org.cgtbulletin.analyze;

import java.util.Arrays;
import java.util.Comparator;

/**
 * False discovery rate control (Benjamini and Hochberg 1995): the adjusted p-value (q-value) of the i-th smallest
 * of m p-values is min over j >= i of p_(j) m / j, capped at 1; rejecting every q <= alpha controls the expected
 * share of false signals among those flagged at alpha (for independent or positively dependent tests). Equal to
 * R's {@code p.adjust(p, "BH")}.
 */
final class BenjaminiHochberg {

    private BenjaminiHochberg() {
    }

    static double[] adjust(double[] p) {
        int m = p.length;
        Integer[] order = new Integer[m];
        for (int i = 0; i < m; i++) {
            if (!(p[i] >= 0 && p[i] <= 1)) {
                throw new IllegalArgumentException("not a p-value: " + p[i]);
            }
            order[i] = i;
        }
        // Ascending p; ties by position, so the result does not depend on sort stability.
        Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> p[i]).thenComparingInt(i -> i));
        double[] q = new double[m];
        double running = 1;
        for (int rank = m; rank >= 1; rank--) {
            int i = order[rank - 1];
            running = Math.min(running, p[i] * m / rank);
            q[i] = running;
        }
        return q;
    }
}
