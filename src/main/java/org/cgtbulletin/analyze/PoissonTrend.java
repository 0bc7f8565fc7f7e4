package org.cgtbulletin.analyze;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.special.Gamma;

/**
 * Trend of a count series: the Poisson log-linear model log E[y_i] = log(exposure_i) + b0 + b1 x_i, fitted by
 * iteratively reweighted least squares (McCullagh and Nelder 1989, section 2.5), with a quasi-Poisson correction
 * for over-dispersion. exp(b1) is the rate ratio per step of x (per quarter).
 *
 * <p>Over-dispersion: the quasi-Poisson dispersion phi = Pearson X2 / (n - 2), moderated across the series of a
 * build ({@link Dispersion}) and floored at 1 (a series is never treated as less variable than Poisson). The Wald
 * statistic b1 / (se * sqrt(phi)) is referred to Student's t on the moderated degrees of freedom (R's quasipoisson
 * test when there is no moderation, the normal when the dispersion is common to all series).
 */
final class PoissonTrend {

    /** glm.control()'s defaults. */
    private static final int MAX_ITERATIONS = 25;
    private static final double TOLERANCE = 1e-8;

    private PoissonTrend() {
    }

    /**
     * A fitted trend.
     *
     * @param slopeSe    the Poisson (model-based) standard error of the slope, before any dispersion correction
     * @param deviance   the residual deviance of the trend model
     * @param nullDeviance the residual deviance of the constant-rate model
     * @param pearson    Pearson's X2 of the trend model
     * @param score      Rao's score statistic U^2/V for b1 = 0, from the constant-rate fit
     */
    record Fit(int n, double intercept, double slope, double slopeSe, double deviance, double nullDeviance,
            double pearson, double score) {

        int df() {
            return n - 2;
        }

        double rateRatio() {
            return Math.exp(slope);
        }

        /** Pearson X2 / (n - 2), the quasi-Poisson dispersion estimate (not floored). */
        double dispersionEstimate() {
            return df() > 0 ? pearson / df() : Double.NaN;
        }

        /**
         * The dispersion used: the series' estimate moderated by the build's prior ({@link Dispersion}), never
         * below 1 (a series is not treated as less variable than Poisson).
         */
        double dispersion(Dispersion.Prior prior) {
            return Math.max(1, prior.posterior(dispersionEstimate(), df()));
        }

        /** The Wald statistic of the slope with the dispersion applied. */
        double statistic(Dispersion.Prior prior) {
            return slope / (slopeSe * Math.sqrt(dispersion(prior)));
        }

        /**
         * Two-sided p-value of the dispersion-corrected Wald test: referred to Student's t on the moderated degrees
         * of freedom when the dispersion used is above 1 (n - 2 for a series on its own, as R's quasipoisson), to
         * the standard normal when the series is treated as Poisson (dispersion floored at 1, a known variance)
         * or the prior is a dispersion common to all series (infinite degrees of freedom).
         */
        double pValue(Dispersion.Prior prior) {
            double phi = prior.posterior(dispersionEstimate(), df());
            double z = Math.abs(statistic(prior));
            double df = prior.df(df());
            if (!(phi > 1) || Double.isInfinite(df)) {
                return 2 * new NormalDistribution(null, 0, 1).cumulativeProbability(-z);
            }
            return 2 * new TDistribution(null, df).cumulativeProbability(-z);
        }

        /**
         * Two-sided p-value of the series' own quasi-Poisson test: its own dispersion floored at 1, referred to
         * Student's t on n - 2 df when that dispersion exceeds 1 (as R's quasipoisson), to the normal when the
         * series is no more variable than Poisson.
         */
        double ownPValue() {
            return pValue(Dispersion.Prior.NONE);
        }

        /** Two-sided p-value of the plain Poisson Wald test (no dispersion correction). */
        double poissonWaldPValue() {
            return 2 * new NormalDistribution(null, 0, 1).cumulativeProbability(-Math.abs(slope / slopeSe));
        }

        /** The likelihood-ratio statistic (deviance drop) for b1 = 0. */
        double likelihoodRatio() {
            return nullDeviance - deviance;
        }

        /** Upper tail of chi-square with 1 df. */
        static double chiSquareOneTail(double x) {
            return x <= 0 ? 1 : Gamma.regularizedGammaQ(0.5, x / 2);
        }

        /** Rate-ratio Wald interval at the given two-sided normal quantile, without dispersion (as R's confint.default). */
        double[] rateRatioInterval(double z) {
            return new double[] {Math.exp(slope - z * slopeSe), Math.exp(slope + z * slopeSe)};
        }
    }

    /**
     * Whether the slope has a finite maximum-likelihood estimate: some events, and not all of them at the smallest
     * x or all at the largest (then the fitted rate ratio runs off to zero or infinity).
     */
    static boolean estimable(double[] x, long[] y) {
        long total = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < x.length; i++) {
            min = Math.min(min, x[i]);
            max = Math.max(max, x[i]);
            total += y[i];
        }
        if (total == 0 || min == max) {
            return false;
        }
        long atMin = 0;
        long atMax = 0;
        for (int i = 0; i < x.length; i++) {
            atMin += x[i] == min ? y[i] : 0;
            atMax += x[i] == max ? y[i] : 0;
        }
        return atMin < total && atMax < total;
    }

    /**
     * Fits the trend. {@code exposure} null means 1 for every point (a trend in counts). Call only when
     * {@link #estimable} holds and every exposure is positive.
     */
    static Fit fit(double[] x, long[] y, double[] exposure) {
        int n = x.length;
        double[] offset = new double[n];
        double sumY = 0;
        double sumE = 0;
        for (int i = 0; i < n; i++) {
            double e = exposure == null ? 1 : exposure[i];
            if (!(e > 0)) {
                throw new IllegalArgumentException("exposure must be positive: " + e);
            }
            offset[i] = Math.log(e);
            sumY += y[i];
            sumE += e;
        }
        if (!estimable(x, y)) {
            throw new IllegalArgumentException("the trend has no finite estimate for these counts");
        }
        // The constant-rate model: the null of the score test and the deviance the trend is compared with.
        double[] mu0 = new double[n];
        for (int i = 0; i < n; i++) {
            mu0[i] = Math.exp(offset[i]) * sumY / sumE;
        }
        double nullDeviance = deviance(y, mu0);
        double score = score(x, y, mu0);

        // IRLS exactly as R's glm.fit runs it, so that results agree with R to the digits it prints: start at
        // mu = y + 0.1, stop when the deviance changes by less than 1e-8 relative, and take the standard error
        // from the weights of the last weighted least-squares step.
        double[] mu = new double[n];
        for (int i = 0; i < n; i++) {
            mu[i] = y[i] + 0.1;
        }
        double[] eta = new double[n];
        for (int i = 0; i < n; i++) {
            eta[i] = Math.log(mu[i]);
        }
        double devOld = deviance(y, mu);
        double dev = devOld;
        double b0 = Double.NaN;
        double b1 = Double.NaN;
        double w0 = 0;
        double w1 = 0;
        double w2 = 0;
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            // Weighted least squares of the working response z = eta - offset + (y - mu) / mu on (1, x), weights mu.
            double s0 = 0;
            double s1 = 0;
            double s2 = 0;
            double t0 = 0;
            double t1 = 0;
            for (int i = 0; i < n; i++) {
                double w = mu[i];
                double z = eta[i] - offset[i] + (y[i] - mu[i]) / mu[i];
                s0 += w;
                s1 += w * x[i];
                s2 += w * x[i] * x[i];
                t0 += w * z;
                t1 += w * x[i] * z;
            }
            double det = s0 * s2 - s1 * s1;
            double n0 = (s2 * t0 - s1 * t1) / det;
            double n1 = (s0 * t1 - s1 * t0) / det;
            double[] candidate = means(x, offset, n0, n1);
            double candidateDev = deviance(y, candidate);
            // Step halving only when the step overflows (as glm.fit; never needed for an estimable series).
            for (int half = 0; half < 30 && !Double.isFinite(candidateDev) && !Double.isNaN(b0); half++) {
                n0 = (n0 + b0) / 2;
                n1 = (n1 + b1) / 2;
                candidate = means(x, offset, n0, n1);
                candidateDev = deviance(y, candidate);
            }
            b0 = n0;
            b1 = n1;
            w0 = s0;
            w1 = s1;
            w2 = s2;
            mu = candidate;
            dev = candidateDev;
            for (int i = 0; i < n; i++) {
                eta[i] = offset[i] + b0 + b1 * x[i];
            }
            if (Math.abs(dev - devOld) / (Math.abs(dev) + 0.1) < TOLERANCE) {
                break;
            }
            devOld = dev;
        }
        double pearson = 0;
        for (int i = 0; i < n; i++) {
            pearson += (y[i] - mu[i]) * (y[i] - mu[i]) / mu[i];
        }
        // var(b1) is the [1][1] entry of the inverse of X'WX.
        double se = Math.sqrt(w0 / (w0 * w2 - w1 * w1));
        return new Fit(n, b0, b1, se, dev, nullDeviance, pearson, score);
    }

    private static double[] means(double[] x, double[] offset, double b0, double b1) {
        double[] mu = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            mu[i] = Math.exp(offset[i] + b0 + b1 * x[i]);
        }
        return mu;
    }

    /** Poisson deviance 2 sum(y log(y / mu) - (y - mu)), with y log y = 0 at y = 0. */
    static double deviance(long[] y, double[] mu) {
        double d = 0;
        for (int i = 0; i < y.length; i++) {
            d += (y[i] > 0 ? y[i] * Math.log(y[i] / mu[i]) : 0) - (y[i] - mu[i]);
        }
        return 2 * d;
    }

    /** Rao's score statistic for the slope at the constant-rate fit: U^2 / V (Cox and Hinkley 1974). */
    private static double score(double[] x, long[] y, double[] mu0) {
        double u = 0;
        double m = 0;
        double mx = 0;
        double mxx = 0;
        for (int i = 0; i < x.length; i++) {
            u += x[i] * (y[i] - mu0[i]);
            m += mu0[i];
            mx += mu0[i] * x[i];
            mxx += mu0[i] * x[i] * x[i];
        }
        double v = mxx - mx * mx / m;
        return u * u / v;
    }
}
