package org.cgtbulletin.protect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * {@link ExactSimplex#awayFrom}: which unknowns the vertex of the last optimisation has away from given values, the
 * basic ones by their exact level, the others by their lower bound. A carried proof of protection rests on it
 * ({@link AuditMemory}).
 */
class ExactSimplexTest {

    @Test
    void theVertexSaysWhichUnknownsLeftTheirValues() {
        // x0 + x1 = 5, x2 = 7, x3 + x4 = 4; true values 2, 3, 7, 1, 3
        Component comp = new Component(new int[] {0, 1, 2, 3, 4}, new int[][] {{0, 1}, {2}, {3, 4}},
                new int[][] {{1, 1}, {1}, {1, 1}}, new long[] {5, 7, 4}, new int[] {0, 1, 2});
        long[] truth = {2, 3, 7, 1, 3};
        ExactSimplex lp = new ExactSimplex(comp, null, true);
        long[] max = lp.optimize(0, -1);
        assertEquals(5, max[0] / max[1]);
        boolean[] away = lp.awayFrom(truth);
        // x0 basic at 5, x1 at its bound 0: both moved; x2 basic at 7: not; x3 and x4 at 0 and 4: both moved
        assertArrayEquals(new boolean[] {true, true, false, true, true}, away);
        long[] min = lp.optimize(0, 1);
        assertEquals(0, min[0]);
        away = lp.awayFrom(new long[] {0, 5, 7, 1, 3});
        assertEquals(false, away[0] || away[1] || away[2], "x0 at 0, x1 at 5, x2 at 7: as given");

        // lower bounds shift the program: x2 >= 7 leaves it at its bound, not away
        ExactSimplex shifted = new ExactSimplex(comp, new long[] {0, 2, 7, 0, 0}, true);
        shifted.optimize(0, -1);
        assertArrayEquals(new boolean[] {true, true, false}, java.util.Arrays.copyOf(shifted.awayFrom(truth), 3));
    }
}
