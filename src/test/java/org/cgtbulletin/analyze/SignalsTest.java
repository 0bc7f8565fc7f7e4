package org.cgtbulletin.analyze;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.cgtbulletin.model.CellKey;
import org.cgtbulletin.model.PublishedCell;
import org.cgtbulletin.model.Quarter;
import org.cgtbulletin.model.Signal;
import org.junit.jupiter.api.Test;

/**
 * Signals from published rows: what is flagged and how it is worded, and the edge cases (all zeros, a single
 * non-zero quarter, withheld quarters, fewer quarters than the window, no volumes).
 */
class SignalsTest {

    static final SignalSettings DEFAULTS = SignalSettings.defaults();

    /** A steady world: every class makes 400-600 batches a quarter, rates independent of step and mode. */
    static World steady(int quarters, long seed) {
        World w = World.small(quarters);
        SplittableRandom r = new SplittableRandom(seed);
        double[] classRate = {1.0, 0.8};
        double[] stepShare = {0.3, 0.5, 0.2};
        double[] modeShare = {0.2, 0.3, 0.3, 0.2};
        for (int q = 0; q < quarters; q++) {
            for (int c = 0; c < 2; c++) {
                w.batches[c][q] = 400 + 25L * q + (c == 0 ? 100 : 0);
                for (int s = 0; s < 3; s++) {
                    for (int m = 0; m < 4; m++) {
                        double mu = w.batches[c][q] / 100.0 * 20 * classRate[c] * stepShare[s] * modeShare[m];
                        w.events[c][s][m][q] = Poisson.draw(r, mu);
                    }
                }
            }
        }
        return w;
    }

    /**
     * The steady world plus mycoplasma at expansion, only in autologous CAR-T (vectors have no expansion step),
     * rising from 1 to 3.5 per 100 batches over the quarters: the sample's planted trend.
     */
    static World rising(int quarters, long seed) {
        World w = steady(quarters, seed);
        SplittableRandom r = new SplittableRandom(seed * 31 + 7);
        for (int q = 0; q < quarters; q++) {
            double rate = 1.0 + 2.5 * q / (quarters - 1.0);
            w.events[0][1][0][q] = Poisson.draw(r, w.batches[0][q] / 100.0 * rate);
            w.events[1][1][0][q] = 0;
        }
        return w;
    }

    /** As {@link #rising} but with the planted series at exactly its expected counts (rounded). */
    static World risingExactly(int quarters, long seed) {
        World w = rising(quarters, seed);
        for (int q = 0; q < quarters; q++) {
            w.events[0][1][0][q] = Math.round(w.batches[0][q] / 100.0 * (1.0 + 2.5 * q / (quarters - 1.0)));
        }
        return w;
    }

    static List<Signal> of(Signals.Result r, String kind, String step, String mode, String pc) {
        return r.signals().stream().filter(s -> s.kind().equals(kind) && s.processStep().equals(step)
                && s.failureMode().equals(mode) && s.productClass().equals(pc)).toList();
    }

    static PublishedCell row(List<PublishedCell> cells, Quarter q, String pc, String step, String mode) {
        CellKey k = new CellKey(q.toString(), pc, step, mode, "*");
        return cells.stream().filter(c -> c.key().equals(k)).findFirst().orElseThrow();
    }

    @Test
    void aPlantedRiseIsFlaggedAndWordedWithPublishedNumbers() {
        World w = risingExactly(8, 11);
        List<PublishedCell> cells = w.cells();
        Signals.Result r = Signals.detect(cells, w.last(), DEFAULTS, w.taxonomy());
        List<Signal> rise = of(r, Signal.RISING, "expansion", "mycoplasma_positive", "*");
        assertEquals(1, rise.size(), r.signals().toString());
        Signal s = rise.get(0);
        assertEquals("rate_ratio_per_quarter", s.statistic());
        assertEquals(w.last().toString(), s.period());
        assertTrue(s.value() > 1 && s.qValue() <= 0.05 && s.pValue() <= s.qValue(), s.toString());
        PublishedCell first = row(cells, w.quarters.get(0), "*", "expansion", "mycoplasma_positive");
        PublishedCell last = row(cells, w.last(), "*", "expansion", "mycoplasma_positive");
        assertEquals("Mycoplasma positive reports at the Expansion step rose from "
                + Rates.format(first.ratePer100()) + " to " + Rates.format(last.ratePer100())
                + " per 100 batches started over eight quarters (2024-Q4 to 2026-Q3), a rate ratio of "
                + Wording.ratio(s.value()) + " per quarter.", s.summary());
        // the events of the signal's own key and period, as cells.csv publishes them (not the window's total)
        assertEquals(last.events(), s.events());
        assertTrue(r.rates());
        assertEquals(8, r.windowQuarters());
    }

    @Test
    void everyNumberInASummaryIsPublishedOrTheStatistic() {
        for (long seed = 1; seed <= 20; seed++) {
            World w = rising(10, seed);
            w.events[1][2][2][9] += 40; // a spike of documentation errors at QC in AAV vectors
            List<PublishedCell> cells = w.cells();
            Set<String> published = new HashSet<>();
            for (PublishedCell c : cells) {
                published.add(Long.toString(c.events()));
                if (c.ratePer100() != null) {
                    published.add(Rates.format(c.ratePer100()));
                }
            }
            Signals.Result r = Signals.detect(cells, w.last(), DEFAULTS, w.taxonomy());
            assertFalse(r.signals().isEmpty());
            for (Signal s : r.signals()) {
                String text = s.summary().replaceAll("\\d{4}-Q\\d", "Q").replace("per 100 batches", "per batches");
                Matcher m = Pattern.compile("\\d+(\\.\\d+)?").matcher(text);
                while (m.find()) {
                    String n = m.group();
                    assertTrue(published.contains(n) || n.equals(Wording.ratio(s.value())),
                            "'" + n + "' in: " + s.summary());
                }
                assertTrue(s.summary().endsWith(".") && !s.summary().contains("_"), s.summary());
            }
        }
    }

    @Test
    void allZerosGiveNoSignalAndNoError() {
        World w = World.small(8);
        for (int q = 0; q < 8; q++) {
            w.batches[0][q] = 500;
            w.batches[1][q] = 300;
        }
        Signals.Result r = Signals.detect(w.cells(), w.last(), DEFAULTS, w.taxonomy());
        assertTrue(r.signals().isEmpty());
        assertEquals(0, r.tested());
        assertTrue(r.insufficient() > 0);
        assertEquals(0, r.withheld());
    }

    @Test
    void aSingleNonZeroQuarterAtTheEndIsASpikeNotATrend() {
        World w = World.small(8);
        for (int q = 0; q < 8; q++) {
            w.batches[0][q] = 500;
            w.batches[1][q] = 300;
        }
        w.events[0][1][0][7] = 12;
        Signals.Result r = Signals.detect(w.cells(), w.last(), DEFAULTS, w.taxonomy());
        assertTrue(r.signals().stream().noneMatch(s -> s.kind().equals(Signal.RISING)), r.toString());
        List<Signal> spike = of(r, Signal.SPIKE, "expansion", "mycoplasma_positive", "*");
        assertEquals(1, spike.size(), r.toString());
        // the step x mode series stands for the identical mode, step and overall series; the product class has its
        // own denominator, so it is a different test
        assertEquals(2, r.signals().size(), "identical series are one test: " + r.signals());
        assertEquals(1, of(r, Signal.SPIKE, "*", "*", "car_t_autologous").size());
        Signal s = spike.get(0);
        assertTrue(Double.isInfinite(s.value()));
        assertEquals(12, s.events());
        assertEquals("Mycoplasma positive reports at the Expansion step jumped to 1.500 per 100 batches started in"
                + " 2026-Q3 (12 reports), after none in the previous four quarters.", s.summary());
    }

    @Test
    void aSingleNonZeroQuarterInTheMiddleIsFittedWithoutError() {
        World w = World.small(8);
        for (int q = 0; q < 8; q++) {
            w.batches[0][q] = 500;
            w.batches[1][q] = 300;
        }
        w.events[0][1][0][3] = 12;
        Signals.Analysis a = Signals.analyse(w.cells(), w.last(), DEFAULTS, w.taxonomy());
        assertTrue(a.runs().stream().anyMatch(run -> run.test == Signals.Test.TREND), "the trend is estimable");
        assertTrue(a.result().signals().isEmpty(), a.result().toString());
    }

    @Test
    void aWithheldQuarterInTheWindowMeansTheSeriesIsNotTested() {
        World w = risingExactly(8, 11);
        Quarter third = w.quarters.get(2);
        // as disclosure control would: the cell and the margin that would give it away
        w.withhold(third, "*", "expansion", "mycoplasma_positive").withhold(third, "*", "*", "mycoplasma_positive");
        Signals.Result r = Signals.detect(w.cells(), w.last(), DEFAULTS, w.taxonomy());
        assertTrue(r.signals().stream().noneMatch(s -> s.failureMode().equals("mycoplasma_positive")
                && !s.kind().equals(Signal.DISPROPORTIONATE)), r.signals().toString());
        assertTrue(r.withheld() >= 2);
    }

    @Test
    void signalsRestOnlyOnPublishedRows() {
        for (long seed = 1; seed <= 30; seed++) {
            World w = rising(9, seed);
            SplittableRandom r = new SplittableRandom(seed);
            List<PublishedCell> all = w.cells();
            for (PublishedCell c : all) {
                if (r.nextInt(12) == 0) {
                    w.withheld.add(c.key());
                }
            }
            List<PublishedCell> cells = w.cells();
            Signals.Result result = Signals.detect(cells, w.last(), DEFAULTS, w.taxonomy());
            for (Signal s : result.signals()) {
                List<CellKey> used = new ArrayList<>();
                int quarters = switch (s.kind()) {
                    case Signal.RISING, Signal.FALLING, Signal.SPIKE -> 8; // a spike's chart spans the window
                    default -> 1;
                };
                for (int i = 0; i < quarters; i++) {
                    Quarter q = w.quarters.get(w.quarters.size() - 1 - i);
                    used.add(new CellKey(q.toString(), s.productClass(), s.processStep(), s.failureMode(), "*"));
                    if (s.kind().equals(Signal.DISPROPORTIONATE)) {
                        used.add(new CellKey(q.toString(), s.productClass(), s.processStep(), "*", "*"));
                        used.add(new CellKey(q.toString(), "*", "*", s.failureMode(), "*"));
                        used.add(new CellKey(q.toString(), "*", "*", "*", "*"));
                    }
                }
                for (CellKey k : used) {
                    assertFalse(w.withheld.contains(k), s + " uses withheld " + k);
                }
            }
        }
    }

    @Test
    void fewerQuartersThanTheWindowAreUsedFromFourOn() {
        World five = risingExactly(5, 3);
        for (int q = 0; q < 5; q++) {
            five.events[0][1][0][q] = 10 + 12 * q; // a steep rise: 2.0 to 9.7 per 100 batches
        }
        Signals.Result r = Signals.detect(five.cells(), five.last(), DEFAULTS, five.taxonomy());
        assertEquals(5, r.windowQuarters());
        List<Signal> rise = of(r, Signal.RISING, "expansion", "mycoplasma_positive", "*");
        assertEquals(1, rise.size(), r.signals().toString());
        assertTrue(rise.get(0).summary().contains("over five quarters (2024-Q4 to 2025-Q4)"), rise.get(0).summary());

        World three = rising(3, 3);
        Signals.Analysis a = Signals.analyse(three.cells(), three.last(), DEFAULTS, three.taxonomy());
        assertTrue(a.runs().stream().noneMatch(run -> run.test == Signals.Test.TREND), "no trend on 3 quarters");
        assertTrue(a.result().insufficient() > 0);
    }

    @Test
    void withoutVolumesTrendsAreInCountsAndSaySo() {
        World w = risingExactly(8, 5);
        w.volumes = false;
        Signals.Result r = Signals.detect(w.cells(), w.last(), DEFAULTS, w.taxonomy());
        assertFalse(r.rates());
        List<Signal> rise = of(r, Signal.RISING, "expansion", "mycoplasma_positive", "*");
        assertEquals(1, rise.size(), r.signals().toString());
        Signal s = rise.get(0);
        assertEquals("count_ratio_per_quarter", s.statistic());
        assertTrue(s.summary().contains("which may reflect production volume"), s.summary());
        assertFalse(s.summary().contains("per 100 batches"), s.summary());
    }

    @Test
    void aFailureModeConcentratedAtOneStepIsDisproportionate() {
        World w = steady(8, 17);
        // equipment failures mostly at expansion in the latest quarter (they also occur at other steps)
        w.events[0][1][3][7] += 30;
        List<PublishedCell> cells = w.cells();
        Signals.Result r = Signals.detect(cells, w.last(), DEFAULTS, w.taxonomy());
        List<Signal> d = of(r, Signal.DISPROPORTIONATE, "expansion", "equipment_failure", "*");
        assertEquals(1, d.size(), r.signals().toString());
        Signal s = d.get(0);
        assertEquals("prr", s.statistic());
        assertTrue(s.value() >= 2);
        long a = row(cells, w.last(), "*", "expansion", "equipment_failure").events();
        long n1 = row(cells, w.last(), "*", "expansion", "*").events();
        assertEquals(a, s.events());
        assertEquals("Equipment failure reports are over-represented at the Expansion step: " + a + " of its " + n1
                + " reports in 2026-Q3, " + Wording.ratio(s.value()) + " times their share of reports at other"
                + " steps (proportional reporting ratio).", s.summary());
    }

    @Test
    void aQuarterWithReportsAtOneStepOnlyHasNothingToCompareWith() {
        World w = steady(8, 5);
        for (int c = 0; c < 2; c++) {
            for (int s = 0; s < 3; s++) {
                for (int m = 0; m < 4; m++) {
                    w.events[c][s][m][7] = s == 1 ? 6 + m : 0; // the latest quarter: reports at expansion only
                }
            }
        }
        Signals.Analysis a = Signals.analyse(w.cells(), w.last(), DEFAULTS, w.taxonomy());
        assertTrue(a.runs().stream().noneMatch(r -> r.test == Signals.Test.DISPROPORTION
                && r.series.processStep().equals("expansion")), "no rest of the reports to compare with");
        assertTrue(a.runs().stream().allMatch(r -> r.p >= 0 && r.p <= 1));
    }

    @Test
    void theSameRowsGiveTheSameSignalsInAFixedOrder() {
        World w = rising(10, 8);
        w.events[1][2][2][9] += 40;
        List<PublishedCell> cells = w.cells();
        Signals.Result a = Signals.detect(cells, w.last(), DEFAULTS, w.taxonomy());
        List<PublishedCell> shuffled = new ArrayList<>(cells);
        java.util.Collections.shuffle(shuffled, new java.util.Random(3));
        Signals.Result b = Signals.detect(shuffled, w.last(), DEFAULTS, w.taxonomy());
        assertEquals(a, b);
        List<String> kinds = List.of(Signal.RISING, Signal.FALLING, Signal.SPIKE, Signal.DISPROPORTIONATE);
        for (int i = 1; i < a.signals().size(); i++) {
            Signal p = a.signals().get(i - 1);
            Signal q = a.signals().get(i);
            int order = Integer.compare(kinds.indexOf(p.kind()), kinds.indexOf(q.kind()));
            assertTrue(order < 0 || order == 0 && p.pValue() <= q.pValue(), a.signals().toString());
        }
    }

    @Test
    void noQuarterNoSignals() {
        World w = steady(4, 1);
        assertEquals(Signals.Result.none(), Signals.detect(w.cells(), null, DEFAULTS, w.taxonomy()));
        assertEquals(Signals.Result.none(), Signals.detect(w.cells(), new Quarter(2030, 1), DEFAULTS,
                w.taxonomy()));
        assertEquals(Signals.Result.none(), Signals.detect(List.of(), new Quarter(2026, 3), DEFAULTS,
                w.taxonomy()));
    }
}
