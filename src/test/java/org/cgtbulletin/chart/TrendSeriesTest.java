package org.cgtbulletin.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.cgtbulletin.model.CellKey;
import org.cgtbulletin.model.PublishedCell;
import org.junit.jupiter.api.Test;

/** What a trend chart draws, and how its text alternative names the gaps. */
class TrendSeriesTest {

    private static PublishedCell cell(String quarter, Long events, Long batches, Double rate) {
        return new PublishedCell(new CellKey(quarter, "lentiviral_vector", "*", "*", "*"), events, batches, rate,
                rate == null ? null : rate * 0.8, rate == null ? null : rate * 1.2,
                events == null ? PublishedCell.SUPPRESSED : PublishedCell.PUBLISHED);
    }

    @Test
    void aSeriesWhoseBatchesAreWithheldThroughoutIsChartedAsCounts() {
        // a product class made by few manufacturers: its counts published, its batches started withheld
        List<PublishedCell> series = List.of(cell("2026-Q1", 12L, null, null), cell("2026-Q2", null, null, null),
                cell("2026-Q3", 35L, null, null));
        TrendSeries chart = TrendSeries.of("Lentiviral vector", series, true);
        assertFalse(chart.rates());
        assertEquals("failure reports", chart.unit());
        assertEquals(12.0, chart.points().get(0).value());
        assertEquals(35.0, chart.points().get(2).value());
        assertEquals(null, chart.points().get(2).low(), "no interval a table would have to show beside cells.csv");
        assertEquals(List.of("2026 Q2"), chart.withheld(), "only the quarter whose count is withheld");
        assertEquals(List.of(), chart.noRate());
        assertTrue(chart.description().contains("batches started are withheld in every quarter"),
                chart.description());
    }

    @Test
    void aQuarterWithACountButNoRateIsNotCalledWithheld() {
        List<PublishedCell> series = List.of(cell("2026-Q1", 12L, 400L, 3.0), cell("2026-Q2", 9L, null, null),
                cell("2026-Q3", null, 380L, null));
        TrendSeries chart = TrendSeries.of("Expansion", series, true);
        assertTrue(chart.rates());
        assertEquals(List.of("2026 Q3"), chart.withheld());
        assertEquals(List.of("2026 Q2"), chart.noRate());
        assertTrue(chart.description().contains("Withheld quarters: 2026 Q3.")
                && chart.description().contains("Quarters without a rate, their batches started withheld: 2026 Q2."),
                chart.description());
    }
}
