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
 * @param events    the events the signal rests on (all published)
 * @param summary   one plain sentence a quality engineer understands
 */
public record Signal(String kind, String processStep, String failureMode, String productClass, String period,
        String statistic, double value, double pValue, double qValue, long events, String summary) {

    public static final String RISING = "rising";
    public static final String FALLING = "falling";
    public static final String SPIKE = "spike";
    public static final String DISPROPORTIONATE = "disproportionate";
}
