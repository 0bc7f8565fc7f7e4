package org.cgtbulletin.chart;

import java.awt.Graphics2D;
import java.util.ArrayList;
import java.util.List;

import org.cgtbulletin.analyze.Rates;
import org.cgtbulletin.model.PublishedCell;
import org.cgtbulletin.publish.CellsFiles;

/**
 * A quarterly series of cells.csv rows as a chart: its points, title and text alternative. The site's trend pages
 * (as SVG) and the PDF digests (drawn straight into the PDF) both draw their charts from this, so the same rows
 * give the same chart in both. Every number in the text alternative is the exact text of a cells.csv field.
 *
 * @param title       the chart's accessible name, e.g. "Expansion: failure reports per 100 batches started, by
 *                    quarter"
 * @param description the text alternative: what is drawn, the latest value and the withheld quarters
 * @param unit        the value axis label
 * @param points      one point per row, oldest first; withheld rows are gaps
 * @param withheld    the labels of the quarters whose number is withheld ("2025 Q2"), oldest first
 * @param noRate      charting rates: the labels of the quarters whose count is published but whose rate is not
 *                    (their batches started are withheld), oldest first; gaps too
 * @param rates       whether the chart shows rates per 100 batches started (else counts of reports)
 */
public record TrendSeries(String title, String description, String unit, List<ChartPoint> points,
        List<String> withheld, List<String> noRate, boolean rates) {

    /**
     * @param label  what the series counts, e.g. a taxonomy label ("Expansion") or "All failure reports"
     * @param series the quarterly rows, oldest first
     * @param rates  true when denominators exist, so the chart shows rates with intervals; else counts. A series
     *               whose batches started are withheld in every quarter has no rate to draw: it is charted as
     *               counts when any of its counts is published (a product class made by few manufacturers, whose
     *               production is withheld throughout), so that a signal on its counts has a chart to show.
     */
    public static TrendSeries of(String label, List<PublishedCell> series, boolean rates) {
        boolean noRateAtAll = rates && series.stream().noneMatch(c -> c.ratePer100() != null)
                && series.stream().anyMatch(c -> c.events() != null);
        if (noRateAtAll) {
            rates = false;
        }
        List<ChartPoint> points = new ArrayList<>();
        List<String> withheld = new ArrayList<>();
        List<String> noRate = new ArrayList<>();
        for (PublishedCell c : series) {
            Double value = rates ? c.ratePer100() : (c.events() == null ? null : c.events().doubleValue());
            String quarter = quarterLabel(c.key().period());
            // a count without a denominator carries Garwood's exact Poisson interval (statistics contract); a
            // series charted as counts because its batches are withheld is drawn without one, its table holding
            // only numbers of cells.csv
            double[] exact = rates || noRateAtAll || c.events() == null ? null : Rates.garwood(c.events());
            points.add(new ChartPoint(quarter, value, rates ? c.rateLow() : exact == null ? null : exact[0],
                    rates ? c.rateHigh() : exact == null ? null : exact[1]));
            if (c.events() == null) {
                withheld.add(quarter);
            } else if (value == null) {
                noRate.add(quarter);
            }
        }
        String unit = rates ? "per 100 batches started" : "failure reports";
        String title = label + ": " + (rates ? "failure reports per 100 batches started" : "failure reports")
                + ", by quarter";
        StringBuilder alt = new StringBuilder("Line chart of ").append(label).append(", ")
                .append(rates ? "failure reports per 100 batches started with the 95% interval as a band"
                        : noRateAtAll ? "number of failure reports"
                        : "number of failure reports with its exact 95% Poisson interval as a band")
                .append(", by quarter");
        if (noRateAtAll) {
            alt.append(" (no rate can be drawn: its batches started are withheld in every quarter)");
        }
        if (!series.isEmpty()) {
            alt.append(" from ").append(points.get(0).label()).append(" to ")
                    .append(points.get(points.size() - 1).label()).append(". ");
            List<String> last = CellsFiles.fields(series.get(series.size() - 1));
            String lastValue = rates ? last.get(7) : last.get(5);
            alt.append("Latest quarter: ").append(lastValue.isEmpty() ? (last.get(5).isEmpty() ? "withheld"
                    : "no rate, its batches started withheld") : lastValue
                    + (rates ? " (95% interval " + last.get(8) + " to " + last.get(9) + ")" : "")).append(".");
            if (!withheld.isEmpty()) {
                alt.append(" Withheld quarters: ").append(String.join(", ", withheld)).append(".");
            }
            if (!noRate.isEmpty()) {
                alt.append(" Quarters without a rate, their batches started withheld: ")
                        .append(String.join(", ", noRate)).append(".");
            }
        } else {
            alt.append(": no data yet.");
        }
        return new TrendSeries(title, alt.toString(), unit, List.copyOf(points), List.copyOf(withheld),
                List.copyOf(noRate), rates);
    }

    /** The chart as SVG; {@code id} prefixes every id inside it (unique per page or document). */
    public String svg(String id) {
        return TrendChart.svg(id, title, description, unit, points);
    }

    /**
     * Draws the chart onto a graphics context (vector drawing for the PDF digests): the same chart as {@link #svg},
     * scaled to fill {@code width} x {@code height}.
     */
    public void draw(Graphics2D g, double width, double height) {
        TrendChart.draw(g, width, height, unit, points);
    }

    /** "2026-Q3" as "2026 Q3". */
    static String quarterLabel(String period) {
        return period.replace("-Q", " Q");
    }
}
