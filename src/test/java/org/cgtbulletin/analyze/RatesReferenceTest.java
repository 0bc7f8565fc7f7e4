package org.cgtbulletin.analyze;

import static org.cgtbulletin.analyze.Reference.assertPrinted;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The intervals published in cells.csv against R 4.2.2 (../shared/reference/confidence_intervals): Wilson's score
 * interval (prop.test without continuity correction) and Garwood's exact Poisson interval (poisson.test), to the
 * printed precision.
 */
class RatesReferenceTest {

    @Test
    void wilsonMatchesPropTestIncludingNewcombesCases() {
        List<Map<String, String>> rows = Reference.csv("binomial_ci_95.csv");
        assertEquals(13, rows.size());
        for (Map<String, String> r : rows) {
            long x = Long.parseLong(r.get("x"));
            long n = Long.parseLong(r.get("n"));
            double[] ci = Rates.wilson(x, n);
            assertPrinted(r.get("wilson_lower"), ci[0], "Wilson lower " + x + "/" + n);
            assertPrinted(r.get("wilson_upper"), ci[1], "Wilson upper " + x + "/" + n);
        }
    }

    @Test
    void garwoodMatchesPoissonTestForZeroToThirty() {
        List<Map<String, String>> rows = Reference.csv("garwood_poisson_ci.csv");
        assertEquals(31, rows.size());
        for (Map<String, String> r : rows) {
            long x = Long.parseLong(r.get("x"));
            double[] ci = Rates.garwood(x);
            assertPrinted(r.get("lower95"), ci[0], "Garwood lower " + x);
            assertPrinted(r.get("upper95"), ci[1], "Garwood upper " + x);
        }
    }

    @Test
    void garwoodRateMatchesTheRHelpExample() {
        // poisson.test(137, 24.19893): CI 4.753124805 6.692709334
        String text = Reference.text("r_help_examples.txt");
        String line = text.lines().filter(l -> l.startsWith("poisson.test(137")).findFirst().orElseThrow();
        String[] ci = line.replaceAll(".*CI\\s+", "").trim().split("\\s+");
        double[] g = Rates.garwood(137);
        assertPrinted(ci[0], g[0] / 24.19893, "lower");
        assertPrinted(ci[1], g[1] / 24.19893, "upper");
    }

    @Test
    void ratesPerHundredUseWilsonUpToOneEventPerBatchThenGarwood() {
        Rates.Rate r = Rates.perHundred(81, 263);
        assertEquals(100.0 * 81 / 263, r.perHundred(), 1e-12);
        assertEquals(25.5288519878, r.low(), 5e-9);
        assertEquals(36.62095770, r.high(), 5e-7);
        Rates.Rate many = Rates.perHundred(12, 10);
        assertEquals(100.0 * Rates.garwood(12)[0] / 10, many.low(), 1e-12);
        assertEquals(120.0, many.perHundred(), 1e-12);
        assertNull(Rates.perHundred(3, 0));
    }
}
