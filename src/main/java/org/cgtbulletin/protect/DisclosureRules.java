package org.cgtbulletin.protect;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The primary-suppression rules of {@code disclosure.md}. For a cell with contributions x_m (one per contributor
 * token), T = sum x_m, K = number of contributors with x_m &gt; 0 and x1 &gt;= x2 the two largest contributions, a
 * cell with T &gt; 0 fails
 *
 * <ul>
 *   <li><b>R1</b> (contributors) when K &lt; {@code minContributors};</li>
 *   <li><b>R2</b> (events) when T &lt; {@code minEvents};</li>
 *   <li><b>R3</b> (dominance) when x1 &gt; {@code dominance} &middot; T;</li>
 *   <li><b>R4</b> (p%) when T - x1 - x2 &lt; {@code pPercent} &middot; x1 (x2 = 0 when K &lt; 2).</li>
 * </ul>
 *
 * A cell with T = 0 passes (zeros are published). The thresholds are compared exactly: {@code dominance} and
 * {@code pPercent} are taken as the decimal numbers they print as (0.75 is exactly three quarters), so a cell at a
 * threshold is decided the way the table above says, without floating-point rounding.
 *
 * <p>The record accepts any values, so that a configuration reader can construct it first and report bad values
 * itself; {@link #failed}, {@link DisclosureControl#protect} and {@link DisclosureControl#audit} reject a
 * {@code dominance} or {@code pPercent} that is NaN or infinite.
 *
 * @param minContributors k_min (default 3)
 * @param minEvents       t_min (default 5)
 * @param dominance       d, a share of the cell total (default 0.75)
 * @param pPercent        p, a share of the largest contribution (default 0.20)
 */
public record DisclosureRules(int minContributors, long minEvents, double dominance, double pPercent) {

    /**
     * The defaults of {@code disclosure.md}.
     *
     * @return k_min = 3, t_min = 5, d = 0.75, p = 0.20
     */
    public static DisclosureRules defaults() {
        return new DisclosureRules(3, 5, 0.75, 0.20);
    }

    /**
     * Names of the rules ("R1".."R4", in that order) a cell with these contributions fails; empty when it passes
     * every rule or its total is 0.
     *
     * @param contributions contributor token to amount (&gt;= 0)
     * @return the failed rules, in order
     *
     * @throws IllegalArgumentException if an amount is negative, or a threshold is NaN or infinite
     * @throws NullPointerException     if the map, a token or an amount is null
     */
    public List<String> failed(Map<String, Long> contributions) {
        return assess(contributions).failed();
    }

    /**
     * True if any threshold of this rule set is less protective than {@code other}'s: fewer contributors or events
     * required, a higher dominance share allowed, or a smaller p. A threshold that is NaN counts as weaker.
     *
     * @param other the reference, typically {@link #defaults()}
     * @return true if this rule set protects less on some rule
     */
    public boolean weakerThan(DisclosureRules other) {
        Objects.requireNonNull(other, "other");
        return minContributors < other.minContributors
                || minEvents < other.minEvents
                || !(dominance <= other.dominance)
                || !(pPercent >= other.pPercent);
    }

    /** What the rules make of one cell. */
    record Assessment(long total, int contributors, long x1, long x2, String largest, List<String> failed) {
        boolean fails(String rule) {
            return failed.contains(rule);
        }
    }

    void validate() {
        if (!Double.isFinite(dominance) || !Double.isFinite(pPercent)) {
            throw new IllegalArgumentException("dominance and p% must be finite numbers: " + this);
        }
    }

    Assessment assess(Map<String, Long> contributions) {
        Objects.requireNonNull(contributions, "contributions");
        validate();
        long total = 0;
        int k = 0;
        long x1 = 0;
        long x2 = 0;
        String largest = null;
        // Iterate in token order so that ties for the largest contributor are broken deterministically.
        Map<String, Long> ordered = contributions instanceof SortedMap<String, Long> sorted && sorted.comparator() == null
                ? contributions : new TreeMap<>(contributions);
        for (Map.Entry<String, Long> e : ordered.entrySet()) {
            long x = Objects.requireNonNull(e.getValue(), "amount");
            if (x < 0) {
                throw new IllegalArgumentException("negative contribution");
            }
            if (x == 0) {
                continue;
            }
            total = Math.addExact(total, x);
            k++;
            if (x > x1) {
                x2 = x1;
                x1 = x;
                largest = e.getKey();
            } else if (x > x2) {
                x2 = x;
            }
        }
        List<String> failed = new ArrayList<>(4);
        if (total > 0) {
            if (k < minContributors) {
                failed.add("R1");
            }
            if (total < minEvents) {
                failed.add("R2");
            }
            if (BigDecimal.valueOf(x1).compareTo(BigDecimal.valueOf(dominance).multiply(BigDecimal.valueOf(total)))
                    > 0) {
                failed.add("R3");
            }
            if (BigDecimal.valueOf(total - x1 - x2)
                    .compareTo(BigDecimal.valueOf(pPercent).multiply(BigDecimal.valueOf(x1))) < 0) {
                failed.add("R4");
            }
        }
        return new Assessment(total, k, x1, x2, largest, List.copyOf(failed));
    }

    /** A human-readable reason for the staff audit, e.g. "R1 contributors &lt; 3; R2 events &lt; 5". */
    public String describe(List<String> failed) {
        List<String> parts = new ArrayList<>();
        for (String rule : failed) {
            switch (rule) {
                case "R1" -> parts.add("R1 contributors < " + minContributors);
                case "R2" -> parts.add("R2 events < " + minEvents);
                case "R3" -> parts.add("R3 largest contributor > " + BigDecimal.valueOf(dominance).toPlainString()
                        + " of total");
                case "R4" -> parts.add("R4 p% rule (p = " + BigDecimal.valueOf(pPercent).toPlainString() + ")");
                default -> parts.add(rule);
            }
        }
        return String.join("; ", parts);
    }

    /**
     * The smallest integer upper bound that protects a cell with assessment {@code a} and true value {@code v}
     * ({@link #upperProtected}): value + 1 (width 1), or the upper protection level its failed magnitude rules ask
     * for; Long.MAX_VALUE when only an unbounded interval would do.
     */
    long protectingBound(Assessment a, long v) {
        if (v == Long.MAX_VALUE) {
            return Long.MAX_VALUE;
        }
        if (upperProtected(a, v + 1)) {
            return v + 1;
        }
        if (!upperProtected(a, Long.MAX_VALUE - 1)) {
            return Long.MAX_VALUE;
        }
        // Gallop up from v + 1 to a protected bound, then halve the gap: about twice the logarithm of the distance
        // to the bound in evaluations (each exact, in BigDecimal), rather than 63 from the whole range of longs.
        long lo = v + 1; // not protected
        long hi = Long.MAX_VALUE - 1; // protected
        for (long step = 1; hi - lo > step; step *= 2) {
            if (upperProtected(a, lo + step)) {
                hi = lo + step;
                break;
            }
            lo += step;
        }
        while (hi - lo > 1) {
            long mid = lo + (hi - lo) / 2;
            if (upperProtected(a, mid)) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return hi;
    }

    /**
     * Whether an attacker's upper bound {@code high} on a cell that fails rules gives the upper protection the
     * failed magnitude rules ask for (tau-ARGUS upper protection level): R3 needs high &gt;= x1 / d (that is
     * value + (x1/d - value)), R4 needs high &gt;= x1 + x2 + p &middot; x1 (value + (p x1 - (value - x1 - x2))).
     * Exact decimal arithmetic; {@code high == Long.MAX_VALUE} means unbounded.
     */
    boolean upperProtected(Assessment a, long high) {
        if (high == Long.MAX_VALUE) {
            return true;
        }
        BigDecimal h = BigDecimal.valueOf(high);
        if (a.fails("R3") && h.multiply(BigDecimal.valueOf(dominance)).compareTo(BigDecimal.valueOf(a.x1())) < 0) {
            return false;
        }
        if (a.fails("R4")) {
            BigDecimal need = BigDecimal.valueOf(a.x1()).add(BigDecimal.valueOf(a.x2()))
                    .add(BigDecimal.valueOf(pPercent).multiply(BigDecimal.valueOf(a.x1())));
            return h.compareTo(need) >= 0;
        }
        return true;
    }
}
