package org.cgtbulletin.analyze;

/**
 * Shewhart limits for attribute charts (Montgomery, Introduction to Statistical Quality Control, ch. 7) and
 * Laney's over-dispersion-adjusted versions (Laney 2002): u and u' for counts per unit of exposure (c for equal
 * exposure), p and p' for proportions. The centre line and, for Laney's charts, sigma_z come from the baseline
 * points only; limits are given for every point.
 *
 * <p>Laney: z_i = (y_i - centre) / sigma_i over the baseline points, sigma_z = mean |z_i - z_(i-1)| / 1.128 (the
 * moving-range estimate of an individuals chart), and the limits are centre +/- 3 sigma_i sigma_z.
 */
final class ControlLimits {

    /** d2 for moving ranges of two, as tabulated (Montgomery, Appendix VI) and used by qicharts2. */
    static final double D2 = 1.128;

    private ControlLimits() {
    }

    /** Limits per point; {@code sigmaZ} is 1 for the plain charts. Lower limits are floored at 0. */
    record Limits(double centre, double[] lower, double[] upper, double sigmaZ) {
    }

    enum Chart {
        /** Counts per unit of exposure (c chart when every exposure is 1). */
        U,
        /** Proportions of n. */
        P
    }

    /**
     * Limits for {@code counts} over {@code sizes}; centre (and sigma_z if {@code laney}) from the points where
     * {@code baseline} is true (null: all).
     */
    static Limits of(Chart chart, long[] counts, double[] sizes, boolean[] baseline, boolean laney) {
        int n = counts.length;
        double sumY = 0;
        double sumN = 0;
        for (int i = 0; i < n; i++) {
            if (baseline == null || baseline[i]) {
                sumY += counts[i];
                sumN += sizes[i];
            }
        }
        double centre = sumY / sumN;
        double sigmaZ = laney ? sigmaZ(chart, counts, sizes, baseline, centre) : 1;
        double[] lower = new double[n];
        double[] upper = new double[n];
        for (int i = 0; i < n; i++) {
            double sigma = sigma(chart, centre, sizes[i]) * sigmaZ;
            lower[i] = Math.max(0, centre - 3 * sigma);
            upper[i] = centre + 3 * sigma;
        }
        return new Limits(centre, lower, upper, sigmaZ);
    }

    static double sigma(Chart chart, double centre, double size) {
        return chart == Chart.U ? Math.sqrt(centre / size) : Math.sqrt(centre * (1 - centre) / size);
    }

    /** Laney's sigma_z from the moving ranges of the baseline points' z-scores; NaN when undefined. */
    static double sigmaZ(Chart chart, long[] counts, double[] sizes, boolean[] baseline, double centre) {
        double previous = Double.NaN;
        double sum = 0;
        int ranges = 0;
        for (int i = 0; i < counts.length; i++) {
            if (baseline != null && !baseline[i]) {
                continue;
            }
            double z = (counts[i] / sizes[i] - centre) / sigma(chart, centre, sizes[i]);
            if (!Double.isNaN(previous)) {
                sum += Math.abs(z - previous);
                ranges++;
            }
            previous = z;
        }
        return ranges == 0 ? Double.NaN : sum / ranges / D2;
    }
}
