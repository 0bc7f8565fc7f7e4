package org.cgtbulletin.analyze;

import java.util.Arrays;

import org.apache.commons.math3.analysis.solvers.BrentSolver;
import org.apache.commons.math3.special.Gamma;

/**
 * Empirical Bayes moderation of the quasi-Poisson dispersions of the series tested in one build (Smyth 2004, the
 * method of limma's {@code squeezeVar}). With eight quarters each series' own dispersion rests on six degrees of
 * freedom, so referring its trend to Student's t on six df throws away most of the power; yet a common dispersion
 * would under-correct a series that one large manufacturer swings. The series' dispersions are modelled as
 * scaled chi-square draws around a prior value s0 with d0 prior degrees of freedom, both estimated from all the
 * series by moments of log dispersions; each series then uses the posterior (d0 s0 + d phi) / (d0 + d) with
 * Student's t on d0 + d df. When the series agree (d0 infinite) this is the common dispersion with a normal
 * reference; when they differ widely (d0 near 0) it is each series' own quasi-Poisson test.
 */
final class Dispersion {

    /** Fewer series than this give no useful estimate of the prior; each series then stands alone. */
    static final int MIN_SERIES = 5;

    private Dispersion() {
    }

    /**
     * The prior of one series: d0 degrees of freedom around a dispersion of s0.
     *
     * @param df    d0: 0 means no moderation, infinity a dispersion known from the other series
     */
    record Prior(double df, double scale) {

        /** Each series on its own (quasi-Poisson with its own n - 2 df). */
        static final Prior NONE = new Prior(0, 1);
        /** Known Poisson variance: dispersion 1, normal reference. */
        static final Prior POISSON = new Prior(Double.POSITIVE_INFINITY, 1);

        /** The posterior dispersion of a series whose own estimate is phi on df degrees of freedom. */
        double posterior(double phi, int df) {
            if (Double.isInfinite(this.df)) {
                return scale;
            }
            if (this.df + df == 0) {
                return 1;
            }
            return (this.df * scale + df * phi) / (this.df + df);
        }

        /** Degrees of freedom of the moderated t statistic (infinite: normal). */
        double df(int df) {
            return this.df + df;
        }
    }

    /**
     * Estimates each series' prior from all the series' dispersions, their degrees of freedom and a covariate
     * (limma's fitFDist with a covariate; here a straight line in the covariate): the prior scale may change with
     * the covariate, the prior degrees of freedom are common. The bulletin uses the log of a series' mean
     * quarterly count as covariate, because extra-Poisson variation from a manufacturer's good and bad quarters
     * grows with the size of the count (variance mu + k mu^2): large margins are more over-dispersed than small
     * cells, and should be moderated towards their like.
     */
    static Prior[] estimate(double[] phi, int[] df, double[] covariate) {
        int n = phi.length;
        Prior[] priors = new Prior[n];
        if (n < MIN_SERIES) {
            java.util.Arrays.fill(priors, Prior.NONE);
            return priors;
        }
        // Guard against zero dispersions (a perfect fit) as limma does: no smaller than 1e-5 of the median.
        double[] sorted = phi.clone();
        Arrays.sort(sorted);
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        if (!(median > 0)) {
            median = 1;
        }
        double[] e = new double[n];
        double trigammaMean = 0;
        for (int i = 0; i < n; i++) {
            double x = Math.max(phi[i], 1e-5 * median);
            double half = df[i] / 2.0;
            e[i] = Math.log(x) - Gamma.digamma(half) + Math.log(half);
            trigammaMean += Gamma.trigamma(half) / n;
        }
        // Least-squares line e ~ a + b covariate (a constant when the covariate does not vary).
        double mx = 0;
        double me = 0;
        for (int i = 0; i < n; i++) {
            mx += covariate[i] / n;
            me += e[i] / n;
        }
        double sxx = 0;
        double sxe = 0;
        for (int i = 0; i < n; i++) {
            sxx += (covariate[i] - mx) * (covariate[i] - mx);
            sxe += (covariate[i] - mx) * (e[i] - me);
        }
        boolean line = sxx > 1e-12 * n;
        double slope = line ? sxe / sxx : 0;
        int parameters = line ? 2 : 1;
        double[] fitted = new double[n];
        double var = 0;
        for (int i = 0; i < n; i++) {
            fitted[i] = me + slope * (covariate[i] - mx);
            var += (e[i] - fitted[i]) * (e[i] - fitted[i]) / (n - parameters);
        }
        var -= trigammaMean;
        double d0 = var > 0 ? 2 * trigammaInverse(var) : Double.POSITIVE_INFINITY;
        double shift = Double.isInfinite(d0) ? 0 : Gamma.digamma(d0 / 2) - Math.log(d0 / 2);
        for (int i = 0; i < n; i++) {
            priors[i] = new Prior(d0, Math.exp(fitted[i] + shift));
        }
        return priors;
    }

    /** The y > 0 with trigamma(y) = x, by Brent's method (trigamma decreases from infinity to 0). */
    static double trigammaInverse(double x) {
        if (x > 1e7) {
            return 1 / Math.sqrt(x);
        }
        if (x < 1e-6) {
            return 1 / x;
        }
        return new BrentSolver(1e-14, 1e-12).solve(200, y -> Gamma.trigamma(y) - x, 1e-4, 1e7);
    }
}
