package org.cgtbulletin.analyze;

import static org.cgtbulletin.analyze.Reference.after;
import static org.cgtbulletin.analyze.Reference.assertPrinted;
import static org.cgtbulletin.analyze.Reference.assertWithin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.apache.commons.math3.distribution.TDistribution;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The trend model against R 4.2.2's glm on the synthetic quarterly series of ../shared/reference/trend_tests:
 * glm(y ~ t + offset(log(batches)), family = poisson), its Wald, likelihood-ratio and score tests, and the
 * quasi-Poisson dispersion, to the printed precision (the score statistic to 1e-3, as the fixture says R's own
 * value carries IRLS error).
 */
class PoissonTrendReferenceTest {

    static String values;
    static double[] t;
    static long[] y;
    static double[] batches;
    static PoissonTrend.Fit fit;

    @BeforeAll
    static void fit() {
        values = Reference.text("trend_reference_values.txt");
        List<Map<String, String>> rows = Reference.csv("poisson_trend_synthetic.csv");
        t = new double[rows.size()];
        y = new long[rows.size()];
        batches = new double[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            t[i] = Double.parseDouble(rows.get(i).get("t"));
            y[i] = Long.parseLong(rows.get(i).get("y"));
            batches[i] = Double.parseDouble(rows.get(i).get("batches"));
        }
        fit = PoissonTrend.fit(t, y, batches);
    }

    @Test
    void coefficientsAndWaldTestMatchGlm() {
        assertPrinted(after(values, "beta0 ="), fit.intercept(), "beta0");
        assertPrinted(after(values, "beta1 ="), fit.slope(), "beta1");
        assertPrinted(after(values, "se(beta1) ="), fit.slopeSe(), "se(beta1)");
        assertPrinted(after(values, "Wald z ="), fit.slope() / fit.slopeSe(), "Wald z");
        assertPrinted(after(values, "Wald z = 2.72312531455  p ="), fit.poissonWaldPValue(), "Wald p");
        assertPrinted(after(values, "exp(beta1) ="), fit.rateRatio(), "rate ratio per quarter");
        double[] ci = fit.rateRatioInterval(Rates.Z);
        assertPrinted(after(values, "Wald 95% CI ="), ci[0], "rate ratio lower");
        assertPrinted(after(values, "Wald 95% CI = 1.05945159531"), ci[1], "rate ratio upper");
    }

    @Test
    void likelihoodRatioAndScoreTestsMatchAnova() {
        assertPrinted(after(values, "LRT deviance drop ="), fit.likelihoodRatio(), "LRT");
        assertPrinted(after(values, "LRT deviance drop = 8.11963915524  p ="),
                PoissonTrend.Fit.chiSquareOneTail(fit.likelihoodRatio()), "LRT p");
        assertWithin(after(values, "Rao score chi2 ="), fit.score(), 1e-3, "Rao score");
        assertWithin(after(values, "Rao score chi2 = 7.74533154136  p ="),
                PoissonTrend.Fit.chiSquareOneTail(fit.score()), 1e-5, "score p");
    }

    @Test
    void devianceAndQuasiPoissonDispersionMatch() {
        assertPrinted(after(values, "residual deviance m1 ="), fit.deviance(), "deviance");
        assertEquals(Integer.parseInt(after(values, "df =")), fit.df());
        assertPrinted(after(values, "Pearson X2 ="), fit.pearson(), "Pearson X2");
        assertPrinted(after(values, "Pearson X2/df ="), fit.dispersionEstimate(), "dispersion");
    }

    @Test
    void underDispersionIsFlooredAtPoisson() {
        // phi = 0.25 < 1: the series is not treated as less variable than Poisson.
        assertEquals(1.0, fit.dispersion(Dispersion.Prior.NONE));
        assertEquals(fit.poissonWaldPValue(), fit.pValue(Dispersion.Prior.POISSON), 1e-15);
        assertEquals(fit.poissonWaldPValue(), fit.ownPValue(), 1e-15, "on its own: Poisson, normal reference");
        assertEquals(fit.ownPValue(), fit.pValue(Dispersion.Prior.NONE), 1e-15);
    }

    @Test
    void overDispersionWidensTheTestAsRsQuasipoissonDoes() {
        long[] noisy = {2, 9, 1, 4, 14, 3, 9, 20};
        PoissonTrend.Fit f = PoissonTrend.fit(t, noisy, batches);
        assertTrue(f.dispersionEstimate() > 1, "phi " + f.dispersionEstimate());
        // summary(glm(..., family = quasipoisson)): t = z / sqrt(phi), p from t on n - 2 df
        double plain = f.slope() / f.slopeSe();
        assertEquals(plain / Math.sqrt(f.dispersionEstimate()), f.statistic(Dispersion.Prior.NONE), 1e-12);
        double tp = 2 * new TDistribution(6).cumulativeProbability(-Math.abs(f.statistic(Dispersion.Prior.NONE)));
        assertEquals(tp, f.pValue(Dispersion.Prior.NONE), 1e-12);
        assertEquals(tp, f.ownPValue(), 1e-12);
        assertTrue(f.pValue(Dispersion.Prior.NONE) > f.poissonWaldPValue());
        // a prior of 20 df around 1 pulls phi towards 1 and the reference towards the normal
        Dispersion.Prior prior = new Dispersion.Prior(20, 1);
        assertEquals((20 + 6 * f.dispersionEstimate()) / 26, f.dispersion(prior), 1e-12);
        double moderated = 2 * new TDistribution(26).cumulativeProbability(-Math.abs(f.statistic(prior)));
        assertEquals(moderated, f.pValue(prior), 1e-12);
        assertTrue(f.pValue(prior) < f.pValue(Dispersion.Prior.NONE));
    }

    @Test
    void aSlopeWithoutFiniteEstimateIsRecognised() {
        double[] q = {1, 2, 3, 4};
        assertFalse(PoissonTrend.estimable(q, new long[] {0, 0, 0, 0}), "all zeros");
        assertFalse(PoissonTrend.estimable(q, new long[] {0, 0, 0, 7}), "only the last quarter");
        assertFalse(PoissonTrend.estimable(q, new long[] {5, 0, 0, 0}), "only the first quarter");
        assertTrue(PoissonTrend.estimable(q, new long[] {0, 6, 0, 0}), "one middle quarter has a finite slope");
        assertTrue(PoissonTrend.estimable(q, new long[] {0, 0, 5, 7}));
    }
}
