package org.cgtbulletin.analyze;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** Benjamini-Hochberg adjusted p-values, worked by hand from the definition (as R's p.adjust(p, "BH")). */
class BenjaminiHochbergTest {

    @Test
    void worksTheDefinition() {
        // sorted p: 0.01 0.02 0.03 0.04 0.05, m = 5: p m / rank = 0.05 each
        assertArrayEquals(new double[] {0.05, 0.05, 0.05, 0.05, 0.05},
                BenjaminiHochberg.adjust(new double[] {0.05, 0.01, 0.04, 0.02, 0.03}), 1e-15);
        // 0.001*4/1 = 0.004; 0.02*4/2 = 0.04; min(0.03*4/3, 0.5) = 0.04; 0.5*4/4 = 0.5
        assertArrayEquals(new double[] {0.004, 0.04, 0.04, 0.5},
                BenjaminiHochberg.adjust(new double[] {0.001, 0.02, 0.03, 0.5}), 1e-15);
        // monotone step-up: 0.04*3/3 = 0.04 pulls 0.03*3/2 = 0.045 down
        assertArrayEquals(new double[] {0.04, 0.04, 0.04},
                BenjaminiHochberg.adjust(new double[] {0.03, 0.04, 0.02}), 1e-15);
        assertArrayEquals(new double[] {1.0}, BenjaminiHochberg.adjust(new double[] {1.0}));
        assertEquals(0, BenjaminiHochberg.adjust(new double[0]).length);
        assertThrows(IllegalArgumentException.class, () -> BenjaminiHochberg.adjust(new double[] {Double.NaN}));
    }

    @Test
    void underTheGlobalNullFlagsAnythingInAtMostAlphaOfRuns() {
        SplittableRandom random = new SplittableRandom(1995);
        int runs = 4000;
        int any = 0;
        for (int run = 0; run < runs; run++) {
            double[] p = new double[50];
            for (int i = 0; i < p.length; i++) {
                p[i] = random.nextDouble();
            }
            double min = 1;
            for (double q : BenjaminiHochberg.adjust(p)) {
                min = Math.min(min, q);
            }
            any += min <= 0.05 ? 1 : 0;
        }
        // For independent uniform p-values P(any q <= 0.05) = 0.05 exactly; allow three standard errors.
        assertEquals(0.05, (double) any / runs, 3 * Math.sqrt(0.05 * 0.95 / runs));
    }
}
