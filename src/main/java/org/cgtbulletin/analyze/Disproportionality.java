package org.cgtbulletin.analyze;

import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.special.Gamma;

/**
 * Is a failure mode over-represented in a process step (or product class) relative to the rest? The 2x2 table of
 * pharmacovigilance: a = this mode in this context, b = other modes in this context, c = this mode elsewhere,
 * d = other modes elsewhere.
 *
 * <ul>
 * <li>PRR = (a / (a + b)) / (c / (c + d)) with Yates' chi-square, signalled by Evans et al. (2001): a >= 3,
 * PRR >= 2, chi2 >= 4;</li>
 * <li>the information component IC = log2((a + 0.5) / (E + 0.5)), E = (a + b)(a + c) / N, with its lower 95%
 * bound IC025 from the gamma posterior (Noren et al. 2006; as the pvda package computes it).</li>
 * </ul>
 */
final class Disproportionality {

    static final long EVANS_MIN_EVENTS = 3;
    static final double EVANS_MIN_PRR = 2;
    static final double EVANS_MIN_CHI2 = 4;

    private Disproportionality() {
    }

    /** A 2x2 table. */
    record Table(long a, long b, long c, long d) {

        /** From the published numbers: the cell, its context's total, the mode's total, and the grand total. */
        static Table of(long cell, long contextTotal, long modeTotal, long total) {
            long b = contextTotal - cell;
            long c = modeTotal - cell;
            long d = total - cell - b - c;
            if (cell < 0 || b < 0 || c < 0 || d < 0) {
                throw new IllegalArgumentException("inconsistent margins: " + cell + ", " + contextTotal + ", "
                        + modeTotal + ", " + total);
            }
            return new Table(cell, b, c, d);
        }

        long n() {
            return a + b + c + d;
        }

        double expected() {
            return (double) (a + b) * (a + c) / n();
        }

        double prr() {
            return ((double) a / (a + b)) / ((double) c / (c + d));
        }

        /** Normal-approximation interval of the PRR on the log scale (z = 1.96 for 95%). */
        double[] prrInterval(double z) {
            double se = Math.sqrt(1.0 / a - 1.0 / (a + b) + 1.0 / c - 1.0 / (c + d));
            double log = Math.log(prr());
            return new double[] {Math.exp(log - z * se), Math.exp(log + z * se)};
        }

        /** Pearson's chi-square with Yates' continuity correction, as Evans et al. use it. */
        double chiSquareYates() {
            double n = n();
            double diff = Math.max(Math.abs((double) a * d - (double) b * c) - n / 2, 0);
            return n * diff * diff / (((double) (a + b)) * (c + d) * (a + c) * (b + d));
        }

        double chiSquare() {
            double n = n();
            double diff = (double) a * d - (double) b * c;
            return n * diff * diff / (((double) (a + b)) * (c + d) * (a + c) * (b + d));
        }

        /**
         * One-sided p-value for over-representation from Yates' chi-square: half its upper tail when the mode is
         * over-represented (PRR > 1), otherwise one minus that.
         */
        double pValue() {
            double x = chiSquareYates();
            double twoSided = x > 0 ? Gamma.regularizedGammaQ(0.5, x / 2) : 1;
            return prr() > 1 ? twoSided / 2 : 1 - twoSided / 2;
        }

        boolean meetsEvans() {
            return a >= EVANS_MIN_EVENTS && prr() >= EVANS_MIN_PRR && chiSquareYates() >= EVANS_MIN_CHI2;
        }

        double ic() {
            return log2((a + 0.5) / (expected() + 0.5));
        }

        /** The 2.5% point of the gamma(a + 0.5, rate E + 0.5) posterior of observed/expected, on the log2 scale. */
        double ic025() {
            return log2(new GammaDistribution(null, a + 0.5, 1 / (expected() + 0.5), Rates.QUANTILE_ACCURACY)
                    .inverseCumulativeProbability(0.025));
        }

        private static double log2(double x) {
            return Math.log(x) / Math.log(2);
        }
    }
}
