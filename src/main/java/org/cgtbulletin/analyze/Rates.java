package org.cgtbulletin.analyze;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

import org.apache.commons.math3.distribution.ChiSquaredDistribution;

/**
 * Rates per 100 batches started with 95% intervals: Wilson's score interval for a proportion of batches when
 * events do not exceed batches, otherwise Garwood's exact Poisson interval for the count, divided by batches.
 */
public final class Rates {

    /** The 97.5% point of the standard normal distribution. */
    static final double Z = 1.959963984540054;
    /**
     * Absolute accuracy asked of commons-math's quantile solver. Its default (1e-9) moved Garwood limits by up to
     * 5e-10, more than the eleventh decimal printed by R's poisson.test; the solver's own relative accuracy
     * (1e-14) then governs.
     */
    static final double QUANTILE_ACCURACY = 1e-14;

    private Rates() {
    }

    /** A rate and its interval, per 100 batches. */
    public record Rate(double perHundred, double low, double high) {
    }

    public static Rate perHundred(long events, long batches) {
        if (batches <= 0) {
            return null;
        }
        double[] ci = events <= batches ? wilson(events, batches) : garwood(events);
        double scale = events <= batches ? 100.0 : 100.0 / batches;
        return new Rate(100.0 * events / batches, ci[0] * scale, ci[1] * scale);
    }

    /**
     * A rate as cells.csv prints it (three decimals, locale-independent); summaries quote rates the same way. The
     * text is {@code String.format(Locale.ROOT, "%.3f", rate)}'s: Java's formatter rounds the shortest decimal
     * that gives the double back ({@link Double#toString}'s digits) half up, which is what
     * {@link BigDecimal#valueOf} and {@code setScale} do, at a fraction of the formatter's cost (the formatter was a
     * fiftieth of a million-report build: every published cell's three rates are written for the site, cells.csv
     * and each digest). Negative numbers (and negative zero), infinities and NaN, which no rate is, still go to the
     * formatter. {@code RatesFormatTest} compares the two.
     */
    public static String format(double rate) {
        if (!Double.isFinite(rate) || Double.doubleToRawLongBits(rate) < 0) { // the sign bit: -0.000 for -0.0004
            return String.format(Locale.ROOT, "%.3f", rate);
        }
        return BigDecimal.valueOf(rate).setScale(3, RoundingMode.HALF_UP).toPlainString();
    }

    /** Wilson score interval for x successes in n trials, 95%. */
    public static double[] wilson(long x, long n) {
        double p = (double) x / n;
        double z2 = Z * Z;
        double denominator = 1 + z2 / n;
        double centre = (p + z2 / (2.0 * n)) / denominator;
        double half = Z * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / denominator;
        return new double[] {Math.max(0, centre - half), Math.min(1, centre + half)};
    }

    /** Garwood's exact 95% interval for a Poisson count x. */
    public static double[] garwood(long x) {
        double low = x == 0 ? 0
                : new ChiSquaredDistribution(null, 2.0 * x, QUANTILE_ACCURACY).inverseCumulativeProbability(0.025) / 2;
        double high = new ChiSquaredDistribution(null, 2.0 * x + 2, QUANTILE_ACCURACY)
                .inverseCumulativeProbability(0.975) / 2;
        return new double[] {low, high};
    }
}
