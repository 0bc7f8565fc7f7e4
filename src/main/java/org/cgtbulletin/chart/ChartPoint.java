package org.cgtbulletin.chart;

/**
 * One quarter of a chart's series: the value and its 95% interval, or nothing when the quarter is withheld
 * (suppressed numbers are drawn as gaps, never as zeros).
 */
public record ChartPoint(String label, Double value, Double low, Double high) {

    public boolean withheld() {
        return value == null;
    }
}
