package org.cgtbulletin.protect;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.Arrays;

/**
 * Exact proofs from floating-point solutions of a component's program ({@link SparseSimplex}). A float solution
 * decides nothing: its numbers are rounded to small-denominator rationals and checked in exact integer arithmetic.
 *
 * <ul>
 *   <li>A <b>point</b>: values x with every row {@code sum_j a_ij x_j = rhs_i} and every bound {@code x_j >= l_j}
 *       holding exactly is a dataset the attacker cannot tell from the true one, so x_k is inside the attacker's
 *       interval of cell k.</li>
 *   <li>A <b>bound</b>: row multipliers y with {@code g = e_k - A^T y} of one sign give, for every point of the
 *       attacker's set, {@code x_k = y . rhs + g . x}; with g &lt;= 0 and x &gt;= l that is at most
 *       {@code y . rhs + g . l} (and with g &gt;= 0 at least that): linear programming duality, checked term by
 *       term. Multipliers that are no small rationals, or leave a term of g of the wrong sign, are rounded to a
 *       fine binary grid instead and the wrong-signed terms priced at the unknowns' upper bounds ({@link
 *       #upperBounds}): {@code x_k <= y . rhs + sum(g_j u_j, g_j > 0) + sum(g_j l_j, g_j < 0)} holds for any y,
 *       so rounding only loosens the bound, by about the float solution's own error.</li>
 * </ul>
 * A rounding that fails a check, or overflows 64 bits, gives no proof.
 */
final class Certificates {

    /** Largest denominator a float value is rounded to. */
    static final long MAX_DENOMINATOR = 10_000;
    /** Largest common denominator of a certificate. */
    static final long MAX_COMMON = 1L << 40;

    private Certificates() {
    }

    /** An exact rational num / den, den &gt; 0. */
    record Rational(long num, long den) {
        boolean atLeast(long v) {
            return num >= Math.multiplyExact(v, den);
        }

        boolean atMost(long v) {
            return num <= Math.multiplyExact(v, den);
        }

        double value() {
            return (double) num / den;
        }
    }

    /**
     * A verified point of the attacker's feasible set: values num[j] / den (den &gt; 0), held as {@code long}s when it
     * was rounded from floating point (every numerator fits), else as {@code BigInteger}s. The audit asks a point,
     * for every unknown of the component, whether it moves it from its true value ({@code RestrictedAudit.support}):
     * with a {@code BigInteger} per unknown and a product per question, that was a tenth of the restricted
     * programs' samples at a million reports.
     */
    static final class Point {
        private final BigInteger[] num;
        private final BigInteger den;
        private final long[] longNum;
        private final long longDen;

        private Point(BigInteger[] num, BigInteger den, long[] longNum, long longDen) {
            this.num = num;
            this.den = den;
            this.longNum = longNum;
            this.longDen = longDen;
        }

        /** Whether x_k &gt;= v. */
        boolean atLeast(int k, long v) {
            return compare(k, v) >= 0;
        }

        /** Whether x_k &lt;= v. */
        boolean atMost(int k, long v) {
            return compare(k, v) <= 0;
        }

        /** Whether x_k is not v. */
        boolean differs(int k, long v) {
            return compare(k, v) != 0;
        }

        /** The sign of x_k - v, exactly. */
        private int compare(int k, long v) {
            return longNum != null ? compareScaled(longNum[k], v, longDen)
                    : num[k].compareTo(den.multiply(BigInteger.valueOf(v)));
        }

        /** x_k, rounded to a double. */
        double value(int k) {
            return new BigDecimal(numerator(k)).divide(new BigDecimal(denominator()), MathContext.DECIMAL64)
                    .doubleValue();
        }

        /** x_k's numerator over the {@link #denominator}. */
        BigInteger numerator(int k) {
            return longNum != null ? BigInteger.valueOf(longNum[k]) : num[k];
        }

        BigInteger denominator() {
            return longNum != null ? BigInteger.valueOf(longDen) : den;
        }
    }

    /** The sign of num - v * den, exactly (the product in 128 bits). */
    static int compareScaled(long num, long v, long den) {
        long high = Math.multiplyHigh(v, den);
        long low = v * den;
        long numHigh = num >> 63;
        if (numHigh != high) {
            return numHigh < high ? -1 : 1;
        }
        return Long.compareUnsigned(num, low);
    }

    /**
     * Exact values (numerators of every unknown over one denominator, the denominator last), verified exactly
     * against the component's rows and the bounds; null if they fail.
     */
    static Point point(Component comp, long[] lower, BigInteger[] numAndDen) {
        int n = comp.size();
        if (numAndDen == null || numAndDen.length != n + 1 || numAndDen[n].signum() <= 0) {
            return null;
        }
        BigInteger den = numAndDen[n];
        for (int j = 0; j < n; j++) {
            if (numAndDen[j].compareTo(den.multiply(BigInteger.valueOf(lower[j]))) < 0) {
                return null;
            }
        }
        for (int i = 0; i < comp.rowCols.length; i++) {
            BigInteger sum = BigInteger.ZERO;
            int[] cols = comp.rowCols[i];
            int[] coef = comp.rowCoef[i];
            for (int t = 0; t < cols.length; t++) {
                sum = sum.add(numAndDen[cols[t]].multiply(BigInteger.valueOf(coef[t])));
            }
            if (!sum.equals(den.multiply(BigInteger.valueOf(comp.rhs[i])))) {
                return null;
            }
        }
        return new Point(Arrays.copyOf(numAndDen, n), den, null, 0);
    }

    /**
     * The point x rounded and verified exactly against the component's rows and the bounds; null if it fails. The
     * whole-program audit verifies a point over every row of a component of thousands of unknowns for each interval
     * it solves: the rows' sums are taken in plain arithmetic where they cannot overflow (the row's coefficients'
     * absolute sum times the largest numerator stays below 2^62), checked arithmetic otherwise.
     */
    static Point point(Component comp, long[] lower, double[] x) {
        int n = x.length;
        try {
            long[] num = overCommonDenominator(x);
            if (num == null) {
                return null;
            }
            long den = num[n];
            long largest = 0; // at least |num[j]| - 1 for every j: v ^ (v >> 63) is |v| or |v| - 1
            for (int j = 0; j < n; j++) {
                long v = num[j];
                largest = Math.max(largest, v ^ (v >> 63));
                if (v < times(lower[j], den)) {
                    return null;
                }
            }
            long plainWeight = largest == Long.MAX_VALUE ? 0 : (1L << 62) / (largest + 1);
            for (int i = 0; i < comp.rowCols.length; i++) {
                int[] cols = comp.rowCols[i];
                int[] coef = comp.rowCoef[i];
                long sum = 0;
                long weight = 0;
                for (int t = 0; t < cols.length; t++) {
                    sum += coef[t] * num[cols[t]];
                    weight += Math.abs((long) coef[t]);
                }
                if (weight >= plainWeight) { // the plain sum may have overflowed: again, checked
                    sum = 0;
                    for (int t = 0; t < cols.length; t++) {
                        sum = Math.addExact(sum, Math.multiplyExact(coef[t], num[cols[t]]));
                    }
                }
                if (sum != times(comp.rhs[i], den)) {
                    return null;
                }
            }
            return new Point(null, null, num, den); // (its last entry, the denominator, is never asked for)
        } catch (ArithmeticException overflow) {
            return null;
        }
    }

    /** a * b, checked (operands within 2^31 in magnitude cannot overflow, so are not). */
    private static long times(long a, long b) {
        return ((a ^ (a >> 63)) | (b ^ (b >> 63))) >>> 31 == 0 ? a * b : Math.multiplyExact(a, b);
    }

    /**
     * The exact bound on x_k that multipliers y (one per row of the component) certify: an upper bound for
     * {@code sense = +1}, a lower bound for {@code -1}; null when y, rounded, certifies nothing.
     */
    static Rational bound(Component comp, long[] lower, double[] y, int k, int sense) {
        Rational small = smallBound(comp, lower, y, k, sense);
        return small != null ? small : boxBound(comp, lower, y, k, sense);
    }

    /** {@link #bound} from multipliers rounded to small rationals, with g of one sign; null otherwise. */
    private static Rational smallBound(Component comp, long[] lower, double[] y, int k, int sense) {
        int m = comp.rowCols.length;
        int n = comp.size();
        try {
            long[] yl = overCommonDenominator(y);
            if (yl == null) {
                return null;
            }
            long den = yl[m];
            long[] g = new long[n]; // g * den
            g[k] = den;
            long value = 0; // (y . rhs + g . l) * den
            for (int i = 0; i < m; i++) {
                long yi = yl[i];
                if (yi == 0) {
                    continue;
                }
                value = Math.addExact(value, Math.multiplyExact(yi, comp.rhs[i]));
                int[] cols = comp.rowCols[i];
                int[] coef = comp.rowCoef[i];
                for (int t = 0; t < cols.length; t++) {
                    g[cols[t]] = Math.subtractExact(g[cols[t]], Math.multiplyExact(yi, coef[t]));
                }
            }
            for (int j = 0; j < n; j++) {
                if (sense > 0 ? g[j] > 0 : g[j] < 0) {
                    return null;
                }
                value = Math.addExact(value, Math.multiplyExact(g[j], lower[j]));
            }
            return new Rational(value, den);
        } catch (ArithmeticException overflow) {
            return null;
        }
    }

    /** The grid multipliers are rounded to in {@link #boxBound}: multiples of 2^-{@value}. */
    static final int GRID_BITS = 40;
    /** The denominator a grid bound is rounded outwards to: 2^-{@value}. */
    static final int BOUND_BITS = 20;

    /**
     * {@link #bound} from multipliers rounded to multiples of 2^-{@value #GRID_BITS}, the terms of g of the wrong
     * sign priced at the unknowns' upper bounds ({@link #upperBounds}, valid because every lower bound is at least
     * 0): for sense +1, {@code x_k <= y . rhs + sum(g_j u_j, g_j > 0) + sum(g_j l_j, g_j < 0)}; for -1 the mirror.
     * The result is rounded outwards to a multiple of 2^-{@value #BOUND_BITS}. Null when a wrong-signed term has
     * no finite upper bound, a lower bound is negative, or a number overflows.
     */
    private static Rational boxBound(Component comp, long[] lower, double[] y, int k, int sense) {
        int m = comp.rowCols.length;
        int n = comp.size();
        for (long l : lower) {
            if (l < 0) {
                return null;
            }
        }
        long[] upper = comp.upperBounds();
        long grid = 1L << GRID_BITS;
        try {
            long[] g = new long[n]; // g * 2^GRID_BITS
            g[k] = grid;
            BigInteger value = BigInteger.ZERO; // the bound * 2^GRID_BITS
            for (int i = 0; i < m; i++) {
                if (!Double.isFinite(y[i]) || Math.abs(y[i]) > 1e6) {
                    return null;
                }
                long yi = Math.round(Math.scalb(y[i], GRID_BITS));
                if (yi == 0) {
                    continue;
                }
                value = value.add(BigInteger.valueOf(yi).multiply(BigInteger.valueOf(comp.rhs[i])));
                int[] cols = comp.rowCols[i];
                int[] coef = comp.rowCoef[i];
                for (int t = 0; t < cols.length; t++) {
                    g[cols[t]] = Math.subtractExact(g[cols[t]], Math.multiplyExact(yi, coef[t]));
                }
            }
            for (int j = 0; j < n; j++) {
                if (g[j] == 0) {
                    continue;
                }
                boolean wrong = sense > 0 ? g[j] > 0 : g[j] < 0;
                long at = wrong ? upper[j] : lower[j];
                if (at == Long.MAX_VALUE) {
                    return null; // no upper bound: this term could be anything
                }
                value = value.add(BigInteger.valueOf(g[j]).multiply(BigInteger.valueOf(at)));
            }
            // outwards: up for an upper bound, down for a lower one
            BigInteger[] qr = value.divideAndRemainder(BigInteger.ONE.shiftLeft(GRID_BITS - BOUND_BITS));
            BigInteger num = qr[0];
            if (qr[1].signum() != 0 && (qr[1].signum() > 0) == (sense > 0)) {
                num = num.add(BigInteger.valueOf(qr[1].signum()));
            }
            return new Rational(num.longValueExact(), 1L << BOUND_BITS);
        } catch (ArithmeticException overflow) {
            return null;
        }
    }

    /**
     * Upper bounds on a component's unknowns over its rows with every unknown at least 0, by propagation: from
     * row {@code sum a_t x_t = rhs}, an unknown with a_j &gt; 0 is at most {@code (rhs + sum(|a_t| u_t, a_t < 0))
     * / a_j}, and one with a_j &lt; 0 at most {@code (sum(a_t u_t, a_t > 0) - rhs) / |a_j|} (rounded up), once
     * those u_t are finite; repeated while a bound drops, at most {@value #MAX_PROPAGATION} passes. Valid for
     * every point of the set (any tighter lower bounds only shrink it); {@code Long.MAX_VALUE} where none is found.
     */
    static long[] upperBounds(Component comp) {
        int n = comp.size();
        long[] u = new long[n];
        Arrays.fill(u, Long.MAX_VALUE);
        for (int pass = 0; pass < MAX_PROPAGATION; pass++) {
            boolean dropped = false;
            for (int i = 0; i < comp.rowCols.length; i++) {
                int[] cols = comp.rowCols[i];
                int[] coef = comp.rowCoef[i];
                long pos = 0; // sum of a_t u_t over a_t > 0 (when all finite)
                long neg = 0; // sum of |a_t| u_t over a_t < 0
                int posOpen = 0;
                int negOpen = 0;
                try {
                    for (int t = 0; t < cols.length; t++) {
                        long ut = u[cols[t]];
                        if (coef[t] > 0) {
                            if (ut == Long.MAX_VALUE) {
                                posOpen++;
                            } else {
                                pos = Math.addExact(pos, Math.multiplyExact((long) coef[t], ut));
                            }
                        } else if (ut == Long.MAX_VALUE) {
                            negOpen++;
                        } else {
                            neg = Math.addExact(neg, Math.multiplyExact(-(long) coef[t], ut));
                        }
                    }
                    for (int t = 0; t < cols.length; t++) {
                        int j = cols[t];
                        long a = coef[t];
                        long room;
                        if (a > 0 && negOpen == 0) {
                            room = Math.addExact(comp.rhs[i], neg);
                        } else if (a < 0 && posOpen == 0) {
                            room = Math.subtractExact(pos, comp.rhs[i]);
                        } else {
                            continue;
                        }
                        long bound = Math.max(0, -Math.floorDiv(-room, Math.abs(a))); // rounded up
                        if (bound < u[j]) {
                            u[j] = bound;
                            dropped = true;
                        }
                    }
                } catch (ArithmeticException overflow) {
                    continue; // this row gives no bound
                }
            }
            if (!dropped) {
                break;
            }
        }
        return u;
    }

    /** Passes of {@link #upperBounds} at most. */
    static final int MAX_PROPAGATION = 64;

    /**
     * The values rounded ({@link #rational}) and written over one common denominator: the numerators, then the
     * denominator as the last element; null when a value is no small rational or the denominator grows beyond
     * {@link #MAX_COMMON}. Throws ArithmeticException on overflow.
     */
    private static long[] overCommonDenominator(double[] v) {
        int n = v.length;
        long[] out = new long[n + 1];
        long[] q = null; // the denominators, once one is not 1 (0 stands for 1)
        long den = 1;
        for (int j = 0; j < n; j++) {
            double x = v[j];
            // an integer (most of a vertex's values) as rational() finds it first, without its array
            long r = Math.round(x);
            if (Double.isFinite(x) && Math.abs(x) <= 1e15 && Math.abs(x - r) <= 1e-9 * Math.max(1, Math.abs(x))) {
                out[j] = r;
                continue;
            }
            long[] pq = rational(x);
            if (pq == null) {
                return null;
            }
            if (q == null) {
                q = new long[n];
            }
            out[j] = pq[0];
            q[j] = pq[1];
            den = lcm(den, pq[1]);
            if (den > MAX_COMMON) {
                return null;
            }
        }
        if (den != 1) {
            for (int j = 0; j < n; j++) {
                out[j] = Math.multiplyExact(out[j], den / (q[j] == 0 ? 1 : q[j]));
            }
        }
        out[n] = den;
        return out;
    }

    /** v as p / q with q &lt;= {@link #MAX_DENOMINATOR} within a relative 1e-9, by continued fractions; or null. */
    static long[] rational(double v) {
        if (!Double.isFinite(v) || Math.abs(v) > 1e15) {
            return null;
        }
        double tol = 1e-9 * Math.max(1, Math.abs(v));
        long r = Math.round(v);
        if (Math.abs(v - r) <= tol) {
            return new long[] {r, 1};
        }
        long p0 = 0;
        long q0 = 1;
        long p1 = 1;
        long q1 = 0;
        double f = v;
        for (int it = 0; it < 40; it++) {
            double a = Math.floor(f);
            long ai = (long) a;
            long p2 = ai * p1 + p0;
            long q2 = ai * q1 + q0;
            if (q2 > MAX_DENOMINATOR || q2 <= 0) {
                return null;
            }
            if (Math.abs(v - (double) p2 / q2) <= tol) {
                return new long[] {p2, q2};
            }
            double frac = f - a;
            if (frac == 0) {
                return null;
            }
            f = 1 / frac;
            p0 = p1;
            q0 = q1;
            p1 = p2;
            q1 = q2;
        }
        return null;
    }

    private static long lcm(long a, long b) {
        long x = a;
        long y = b;
        while (y != 0) {
            long t = x % y;
            x = y;
            y = t;
        }
        return Math.multiplyExact(a / x, b);
    }
}
