package org.cgtbulletin.analyze;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RatesFormatTest {

    private static void same(double v) {
        assertEquals(String.format(Locale.ROOT, "%.3f", v), Rates.format(v), () -> "rate " + v);
    }

    @Test
    void edgesAreFormattedAsJavasFormatterDoes() {
        double[] edges = {0, -0.0, 0.0005, 0.0004999, 0.00049999999999999, 0.00004, 1.0005, 2.0005, 1.2345, 0.1235,
            99.9995, 99.9994999, 100, 1e-320, Double.MIN_VALUE, 1e21, 123456789.0125, 5e-4, 0.001, 0.9995, 9.9995,
            Double.MAX_VALUE, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -1.0005, -0.0004};
        for (double v : edges) {
            same(v);
        }
        for (int thousandths = 0; thousandths < 200_000; thousandths++) { // every x.xxx5 up to 200
            same((thousandths + 0.5) / 1000);
            same(thousandths / 1000.0);
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void ratesAsTheBuildComputesThemAreFormattedAsJavasFormatterDoes(long seed) {
        Random random = new Random(seed);
        for (int i = 0; i < 100_000; i++) {
            long batches = 1 + random.nextInt(5_000);
            long events = random.nextInt((int) batches + 1);
            Rates.Rate r = Rates.perHundred(events, batches);
            same(r.perHundred());
            same(r.low());
            same(r.high());
            same(random.nextDouble() * Math.pow(10, random.nextInt(12) - 6));
        }
    }
}
