package org.cgtbulletin.model;

/**
 * One flagged signal of {@code signals.json}: a series whose published numbers moved more than chance explains.
 * Codes are taxonomy codes or {@link CellKey#ALL}.
 *
 * @param kind      {@code rising}, {@code falling}, {@code spike} or {@code disproportionate}
 * @param period    the quarter (or window end) the signal is about
 * @param statistic what {@code value} is, e.g. {@code rate_ratio_per_quarter}, {@code prr}
 * @param value     the statistic's value
 * @param pValue    the test's p-value (before false-discovery control)
 * @param qValue    the Benjamini-Hochberg adjusted p-value across every series tested in the build
 * @param events    the events of the signal's own cell (its codes, all outcomes, in {@code period}): the number
 *                  {@code cells.csv} publishes for that key, whatever the test's window
 * @param summary   one plain sentence a quality engineer understands
 */
public record Signal(String kind, String processStep, String failureMode, String productClass, String period,
        String statistic, double value, double pValue, double qValue, long events, String summary) {

    public static final String RISING = "rising";
    public static final String FALLING = "falling";
    public static final String SPIKE = "spike";
    public static final String DISPROPORTIONATE = "disproportionate";

    /** The kind in a reader's words, as the site and the digests show it. */
    public String kindLabel() {
        return switch (kind) {
            case RISING -> "Rising";
            case FALLING -> "Falling";
            case SPIKE -> "Spike";
            case DISPROPORTIONATE -> "Over-represented";
            default -> kind;
        };
    }

    /** The statistic's value as shown: two decimals, or ∞ (a PRR whose comparison has no reports). */
    public String valueText() {
        return Double.isInfinite(value) ? "∞" : String.format(java.util.Locale.ROOT, "%.2f", value);
    }

    /** A p- or q-value as shown: three decimals, or "&lt; 0.001". */
    public static String probability(double p) {
        return p < 0.001 ? "< 0.001" : String.format(java.util.Locale.ROOT, "%.3f", p);
    }
}
