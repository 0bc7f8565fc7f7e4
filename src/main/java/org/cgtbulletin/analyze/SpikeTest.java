package org.cgtbulletin.analyze;

import org.apache.commons.math3.distribution.BetaDistribution;
import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.commons.math3.special.Beta;

/**
 * The latest quarter against its own baseline: the exact conditional test of two Poisson rates (Przyborowski and
 * Wilenski 1940; Gu et al. 2008). Given n = x1 + x0 events, x1 (latest, exposure t1) is binomial with
 * p = t1 / (t1 + t0) when the two rates are equal, so P(X >= x1) is an exact one-sided p-value for "higher than
 * the baseline". This is R's {@code poisson.test(c(x1, x0), c(t1, t0), alternative = "greater")}.
 */
final class SpikeTest {

    private SpikeTest() {
    }

    /** The comparison of x1 events over exposure t1 with x0 events over exposure t0. */
    record Result(long latest, double latestExposure, long baseline, double baselineExposure) {

        long total() {
            return latest + baseline;
        }

        /** The binomial p of the conditional test under equal rates. */
        double nullShare() {
            return latestExposure / (latestExposure + baselineExposure);
        }

        /** (x1 / t1) / (x0 / t0): infinite when the baseline had no events, NaN when neither had. */
        double rateRatio() {
            return (latest / latestExposure) / (baseline / baselineExposure);
        }

        /** One-sided exact p-value, P(X >= x1) for X ~ Binomial(x1 + x0, t1 / (t1 + t0)). */
        double pValue() {
            if (latest == 0) {
                return 1;
            }
            // The binomial upper tail as a regularized incomplete beta function: exact even when tiny.
            return Beta.regularizedBeta(nullShare(), latest, total() - latest + 1);
        }

        /** Two-sided exact p-value as R's binom.test computes it (outcomes no more likely than the one observed). */
        double twoSidedPValue() {
            long n = total();
            double p = nullShare();
            BinomialDistribution b = new BinomialDistribution(null, (int) n, p);
            double d = b.probability((int) latest);
            double m = n * p;
            double relErr = 1 + 1e-7;
            if (latest == m) {
                return 1;
            }
            if (latest < m) {
                long y = 0;
                for (long i = (long) Math.ceil(m); i <= n; i++) {
                    y += b.probability((int) i) <= d * relErr ? 1 : 0;
                }
                return Math.min(1, b.cumulativeProbability((int) latest) + upperTail(b, n, n - y + 1));
            }
            long y = 0;
            for (long i = 0; i <= (long) Math.floor(m); i++) {
                y += b.probability((int) i) <= d * relErr ? 1 : 0;
            }
            return Math.min(1, (y > 0 ? b.cumulativeProbability((int) (y - 1)) : 0) + upperTail(b, n, latest));
        }

        /**
         * Two-sided confidence interval of the rate ratio: the Clopper-Pearson interval of the binomial share,
         * mapped by p -> p / (1 - p) * t0 / t1 (as poisson.test does).
         */
        double[] rateRatioInterval(double level) {
            double alpha = (1 - level) / 2;
            return new double[] {toRatio(shareLower(alpha)), toRatio(shareUpper(alpha))};
        }

        /** One-sided lower confidence bound of the rate ratio. */
        double rateRatioLowerBound(double level) {
            return toRatio(shareLower(1 - level));
        }

        private double shareLower(double alpha) {
            return latest == 0 ? 0
                    : new BetaDistribution(null, latest, total() - latest + 1, Rates.QUANTILE_ACCURACY)
                            .inverseCumulativeProbability(alpha);
        }

        private double shareUpper(double alpha) {
            return latest == total() ? 1
                    : new BetaDistribution(null, latest + 1, total() - latest, Rates.QUANTILE_ACCURACY)
                            .inverseCumulativeProbability(1 - alpha);
        }

        private double toRatio(double share) {
            return share / (1 - share) * baselineExposure / latestExposure;
        }

        private static double upperTail(BinomialDistribution b, long n, long from) {
            if (from > n) {
                return 0;
            }
            if (from <= 0) {
                return 1;
            }
            return Beta.regularizedBeta(b.getProbabilityOfSuccess(), from, n - from + 1);
        }
    }

    static Result compare(long latest, double latestExposure, long baseline, double baselineExposure) {
        if (!(latestExposure > 0) || !(baselineExposure > 0) || latest < 0 || baseline < 0) {
            throw new IllegalArgumentException("exposures must be positive and counts non-negative");
        }
        return new Result(latest, latestExposure, baseline, baselineExposure);
    }
}
