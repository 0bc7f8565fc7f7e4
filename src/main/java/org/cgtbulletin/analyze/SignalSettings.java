package org.cgtbulletin.analyze;

/**
 * The staff's settings for signal detection ({@code signals:} in {@code content/bulletin.yaml}).
 *
 * @param trendQuarters         quarters in the trend window, ending at the as-of quarter
 * @param spikeBaselineQuarters quarters before the as-of quarter that form its baseline
 * @param falseDiscoveryRate    the Benjamini-Hochberg level across every test of a build
 * @param minEvents             a trend or spike is tested only when its quarters hold at least this many events
 */
public record SignalSettings(int trendQuarters, int spikeBaselineQuarters, double falseDiscoveryRate,
        long minEvents) {

    public static final int DEFAULT_TREND_QUARTERS = 8;
    public static final int DEFAULT_SPIKE_BASELINE_QUARTERS = 4;
    public static final double DEFAULT_FALSE_DISCOVERY_RATE = 0.05;
    public static final long DEFAULT_MIN_EVENTS = 10;

    /** A setting that is out of range: its key in the YAML file and what is wrong. */
    public record Invalid(String setting, String message) {
    }

    public static SignalSettings defaults() {
        return new SignalSettings(DEFAULT_TREND_QUARTERS, DEFAULT_SPIKE_BASELINE_QUARTERS,
                DEFAULT_FALSE_DISCOVERY_RATE, DEFAULT_MIN_EVENTS);
    }

    /** The first setting out of range, or null when all are usable. */
    public Invalid check() {
        if (trendQuarters < Signals.MIN_TREND_QUARTERS || trendQuarters > 40) {
            return new Invalid("trend_quarters", "trend_quarters must be a whole number of quarters from "
                    + Signals.MIN_TREND_QUARTERS + " to 40, e.g. 8 (two years); got " + trendQuarters);
        }
        if (spikeBaselineQuarters < Signals.MIN_BASELINE_QUARTERS || spikeBaselineQuarters > 40) {
            return new Invalid("spike_baseline_quarters", "spike_baseline_quarters must be from "
                    + Signals.MIN_BASELINE_QUARTERS + " to 40, e.g. 4 (the year before); got "
                    + spikeBaselineQuarters);
        }
        if (!(falseDiscoveryRate > 0 && falseDiscoveryRate <= 0.2)) {
            return new Invalid("false_discovery_rate", "false_discovery_rate must be a share above 0 and at most"
                    + " 0.2, e.g. 0.05 (at most 5% of flagged signals expected to be chance); got "
                    + falseDiscoveryRate);
        }
        if (minEvents < 1) {
            return new Invalid("min_events", "min_events must be 1 or more, e.g. 10; got " + minEvents);
        }
        return null;
    }
}
