package org.cgtbulletin.analyze;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.random.JDKRandomGenerator;
import org.cgtbulletin.model.Signal;
import org.junit.jupiter.api.Test;

/**
 * Seeded simulations of whole builds' worth of published series (two product classes, three steps, four modes,
 * eight quarters; every table the analysis reads): a planted rise like the sample's is found in most runs; stable
 * rates under growing production raise a signal in at most the nominal share of runs (under this global null the
 * false discovery rate is the chance of any signal); and a large manufacturer's quarter-to-quarter swings, which
 * make the big series over-dispersed, are not mistaken for trends or spikes much more often than that.
 */
class SignalsSimulationTest {

    private static final double[] CLASS_RATE = {1.0, 0.8};
    private static final double[] STEP_SHARE = {0.3, 0.5, 0.2};
    private static final double[] MODE_SHARE = {0.2, 0.3, 0.3, 0.2};

    /**
     * A world with constant rates of 20 (autologous CAR-T) and 16 (AAV) failures per 100 batches, independent of
     * step and mode, batches growing by {@code growth} a quarter. {@code swing}: the coefficient of variation of a
     * quarter-level multiplier on every CAR-T rate (one large manufacturer's good and bad quarters).
     */
    static World world(long seed, int firstClassBatches, double growth, double swing) {
        World w = World.small(8);
        SplittableRandom r = new SplittableRandom(seed);
        for (int q = 0; q < 8; q++) {
            double multiplier = swing > 0 ? new GammaDistribution(new JDKRandomGenerator((int) r.nextLong()),
                    1 / (swing * swing), swing * swing).sample() : 1;
            for (int c = 0; c < 2; c++) {
                w.batches[c][q] = Math.round((c == 0 ? firstClassBatches : 400) * Math.pow(growth, q));
                for (int s = 0; s < 3; s++) {
                    for (int m = 0; m < 4; m++) {
                        double mean = w.batches[c][q] / 100.0 * 20 * CLASS_RATE[c] * STEP_SHARE[s] * MODE_SHARE[m]
                                * (c == 0 ? multiplier : 1);
                        w.events[c][s][m][q] = Poisson.draw(r, mean);
                    }
                }
            }
        }
        return w;
    }

    /** The sample's planted trend: mycoplasma at expansion in CAR-T rising from 1 to 3.5 per 100 batches. */
    static World rising(long seed) {
        World w = world(seed, 1000, 1.05, 0);
        SplittableRandom r = new SplittableRandom(seed + 1_000_003);
        for (int q = 0; q < 8; q++) {
            w.events[0][1][0][q] = Poisson.draw(r, w.batches[0][q] / 100.0 * (1.0 + 2.5 * q / 7.0));
            w.events[1][1][0][q] = 0;
        }
        return w;
    }

    private static Signals.Analysis analyse(World w) {
        return Signals.analyse(w.cells(), w.last(), SignalSettings.defaults(), w.taxonomy());
    }

    @Test
    void aPlantedRiseLikeTheSamplesIsFoundInMostRuns() {
        int runs = 200;
        int found = 0;
        for (long seed = 1; seed <= runs; seed++) {
            found += analyse(rising(seed)).result().signals().stream().anyMatch(s -> s.kind().equals(Signal.RISING)
                    && s.processStep().equals("expansion") && s.failureMode().equals("mycoplasma_positive")) ? 1 : 0;
        }
        assertTrue(found >= 0.9 * runs, "found in " + found + " of " + runs + " runs");
    }

    @Test
    void stableRatesUnderGrowingProductionFlagAtMostTheNominalShare() {
        for (double growth : new double[] {1.05, 1.10}) {
            int runs = 500;
            int anySignal = 0;
            int trendTests = 0;
            int trendRejections = 0;
            for (long seed = 1; seed <= runs; seed++) {
                Signals.Analysis a = analyse(world(seed, 500, growth, 0));
                anySignal += a.result().signals().isEmpty() ? 0 : 1;
                for (Signals.Run run : a.runs()) {
                    if (run.test == Signals.Test.TREND) {
                        trendTests++;
                        trendRejections += run.p <= 0.05 ? 1 : 0;
                    }
                }
            }
            // production grows 5% or 10% a quarter (counts rise 40% or 95% over the window) at constant rates
            double falseAlarms = (double) anySignal / runs;
            double perTest = (double) trendRejections / trendTests;
            assertTrue(falseAlarms <= 0.05, "growth " + growth + ": runs with any signal " + falseAlarms);
            assertTrue(perTest <= 0.05, "growth " + growth + ": trend tests at p <= 0.05: " + perTest);
        }
    }

    @Test
    void aLargeManufacturersSwingsAreRarelyMistakenForTrendsOrSpikes() {
        int runs = 500;
        int alarms = 0;
        for (long seed = 1; seed <= runs; seed++) {
            // CAR-T's rates vary by 15% from quarter to quarter: dispersion about 3 in the largest series
            alarms += analyse(world(seed, 500, 1.05, 0.15)).result().signals().stream()
                    .anyMatch(s -> !s.kind().equals(Signal.DISPROPORTIONATE)) ? 1 : 0;
        }
        // Without the over-dispersion guards this was 0.084 (ordinary moderation) and far higher without any
        // correction; with them it is near the nominal 0.05. Correlated swings that reach every series containing
        // CAR-T are the hard case: allow up to twice the nominal share.
        assertTrue(alarms <= 0.10 * runs, "runs with a trend or spike signal: " + alarms + " of " + runs);
    }
}
