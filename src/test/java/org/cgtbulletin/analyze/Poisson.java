package org.cgtbulletin.analyze;

import java.util.SplittableRandom;

/** Seeded Poisson and gamma-Poisson draws for simulations (inversion for small means, normal beyond). */
final class Poisson {

    private Poisson() {
    }

    static long draw(SplittableRandom r, double mean) {
        if (mean <= 0) {
            return 0;
        }
        if (mean > 500) {
            return Math.max(0, Math.round(mean + Math.sqrt(mean) * gaussian(r)));
        }
        // Knuth's multiplication method, split so exp(-mean) does not underflow
        long k = 0;
        double remaining = mean;
        while (remaining > 0) {
            double step = Math.min(remaining, 50);
            remaining -= step;
            double limit = Math.exp(-step);
            double p = r.nextDouble();
            while (p > limit) {
                k++;
                p *= r.nextDouble();
            }
        }
        return k;
    }

    /** A gamma-Poisson (negative binomial) draw with the given mean and variance mean * phi. */
    static long overdispersed(SplittableRandom r, double mean, double phi) {
        if (phi <= 1) {
            return draw(r, mean);
        }
        double shape = mean / (phi - 1);
        double scale = phi - 1;
        return draw(r, new org.apache.commons.math3.distribution.GammaDistribution(
                new org.apache.commons.math3.random.JDKRandomGenerator((int) r.nextLong()), shape, scale).sample());
    }

    private static double gaussian(SplittableRandom r) {
        double u = r.nextDouble();
        double v = r.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
    }
}
