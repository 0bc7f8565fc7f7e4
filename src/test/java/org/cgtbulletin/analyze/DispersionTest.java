package org.cgtbulletin.analyze;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.apache.commons.math3.random.JDKRandomGenerator;
import org.apache.commons.math3.special.Gamma;
import org.junit.jupiter.api.Test;

/** Empirical Bayes moderation of dispersions (Smyth 2004): the prior is recovered from simulated dispersions. */
class DispersionTest {

    @Test
    void trigammaInverseInvertsTrigamma() {
        for (double y : new double[] {0.01, 0.3, 1, 2.5, 10, 400, 1e5}) {
            double x = Gamma.trigamma(y);
            assertEquals(y, Dispersion.trigammaInverse(x), 1e-8 * y + 1e-9, "y = " + y);
        }
    }

    @Test
    void equalDispersionsMeanACommonDispersion() {
        double[] phi = {1.5, 1.5, 1.5, 1.5, 1.5, 1.5};
        int[] df = {6, 6, 6, 6, 6, 6};
        Dispersion.Prior[] p = Dispersion.estimate(phi, df, new double[6]);
        assertTrue(Double.isInfinite(p[0].df()));
        // with no spread the prior scale is exp(mean of log phi - digamma(3) + log 3), so above 1.5
        assertEquals(1.5 * Math.exp(-Gamma.digamma(3) + Math.log(3)), p[0].scale(), 1e-12);
        assertEquals(p[0].scale(), p[0].posterior(0.2, 6), 0);
    }

    @Test
    void fewSeriesStandAlone() {
        Dispersion.Prior[] p = Dispersion.estimate(new double[] {1, 2, 3}, new int[] {6, 6, 6}, new double[3]);
        for (Dispersion.Prior prior : p) {
            assertEquals(Dispersion.Prior.NONE, prior);
            assertEquals(2.5, prior.posterior(2.5, 6), 0);
        }
    }

    @Test
    void recoversThePriorOfScaledInverseChiSquareVariances() {
        // phi_i = s0 * d0 / chi2(d0) (the prior), observed as phi_i * chi2(d) / d: limma's model
        int n = 4000;
        double d0 = 12;
        double s0 = 1.8;
        double[] phi = new double[n];
        int[] df = new int[n];
        ChiSquaredDistribution prior = new ChiSquaredDistribution(new JDKRandomGenerator(1), d0);
        ChiSquaredDistribution own = new ChiSquaredDistribution(new JDKRandomGenerator(2), 6);
        for (int i = 0; i < n; i++) {
            double truth = s0 * d0 / prior.sample();
            phi[i] = truth * own.sample() / 6;
            df[i] = 6;
        }
        Dispersion.Prior p = Dispersion.estimate(phi, df, new double[n])[0];
        assertEquals(d0, p.df(), 3.5);
        assertEquals(s0, p.scale(), 0.1);
    }

    @Test
    void theScaleFollowsTheCovariate() {
        // dispersion 1 for small series, 4 for large ones: a line in log size separates them
        int n = 40;
        double[] phi = new double[n];
        int[] df = new int[n];
        double[] size = new double[n];
        for (int i = 0; i < n; i++) {
            size[i] = i < n / 2 ? Math.log(5) : Math.log(200);
            phi[i] = (i < n / 2 ? 1 : 4) * (0.8 + 0.4 * ((i * 7) % 5) / 4.0);
            df[i] = 6;
        }
        Dispersion.Prior[] p = Dispersion.estimate(phi, df, size);
        assertTrue(p[n - 1].scale() > 3 * p[0].scale(), p[0] + " " + p[n - 1]);
    }
}
