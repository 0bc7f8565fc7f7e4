package org.cgtbulletin.analyze;

import static org.cgtbulletin.analyze.Reference.after;
import static org.cgtbulletin.analyze.Reference.assertPrinted;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The exact conditional test of two Poisson rates against R 4.2.2's poisson.test (trend_tests and R help). */
class SpikeTestReferenceTest {

    private static final String VALUES = Reference.text("trend_reference_values.txt");

    @Test
    void lastQuarterAgainstThePreviousFourMatchesPoissonTestGreater() {
        // poisson.test(c(11, 24), c(150, 515), alternative = "greater")
        SpikeTest.Result r = SpikeTest.compare(11, 150, 24, 515);
        assertPrinted(after(VALUES, "RR ="), r.rateRatio(), "rate ratio");
        assertPrinted(after(VALUES, "one-sided 95% lower ="), r.rateRatioLowerBound(0.95), "lower bound");
        assertPrinted(after(VALUES, "one-sided 95% lower = 0.791261242393  p ="), r.pValue(), "p");
    }

    @Test
    void twoSidedComparisonMatchesTheRHelpExample() {
        // poisson.test(c(11, 6 + 8 + 7), c(800, 1083 + 1050 + 878))
        SpikeTest.Result r = SpikeTest.compare(11, 800, 21, 3011);
        String anchor = "T = c(800, 3011)";
        assertPrinted(after(VALUES, anchor, "rate ratio ="), r.rateRatio(), "rate ratio");
        double[] ci = r.rateRatioInterval(0.95);
        assertPrinted(after(VALUES, anchor, "95% CI ="), ci[0], "lower");
        assertPrinted(after(VALUES, anchor, "95% CI = 0.858426403392"), ci[1], "upper");
        assertPrinted(after(VALUES, anchor, "4.27726594365  p ="), r.twoSidedPValue(), "p");
        // the same example as printed in r_help_examples.txt
        String help = Reference.text("r_help_examples.txt");
        String example = "poisson.test(c(11, 21)";
        assertPrinted(after(help, example, "est"), r.rateRatio(), "help-page estimate");
        assertPrinted(after(help, example, "CI"), ci[0], "help-page lower");
        assertPrinted(after(help, example, "4.2772659437  p"), r.twoSidedPValue(), "help-page p");
    }

    @Test
    void edgeCases() {
        assertEquals(1.0, SpikeTest.compare(0, 100, 5, 400).pValue(), "nothing in the latest quarter");
        SpikeTest.Result fresh = SpikeTest.compare(6, 100, 0, 400);
        assertEquals(Double.POSITIVE_INFINITY, fresh.rateRatio());
        assertEquals(Math.pow(0.2, 6), fresh.pValue(), 1e-18, "all six in the latest fifth of the exposure");
        assertTrue(Double.isNaN(SpikeTest.compare(0, 100, 0, 400).rateRatio()));
        // counts without exposure: four baseline quarters of exposure 1 each
        assertEquals(1 - new org.apache.commons.math3.distribution.BinomialDistribution(30, 0.2)
                .cumulativeProbability(11), SpikeTest.compare(12, 1, 18, 4).pValue(), 1e-12);
    }
}
