package org.cgtbulletin.analyze;

import static org.cgtbulletin.analyze.Reference.assertPrinted;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * PRR, chi-square and the information component against the 2x2 cases of ../shared/reference/disproportionality
 * (Noren et al. 2006 Table III, Gould 2003 Table 1, Singhal 2015 Table 16): values computed with R 4.2.2 to the
 * printed precision, and Noren's published IC to its two printed decimals.
 */
class DisproportionalityReferenceTest {

    private static final List<Map<String, String>> CASES = Reference.csv("pv_2x2_reference_cases.csv");

    private static Disproportionality.Table table(Map<String, String> c) {
        return Disproportionality.Table.of(Long.parseLong(c.get("n11")), Long.parseLong(c.get("n1.")),
                Long.parseLong(c.get("n.1")), Long.parseLong(c.get("n..")));
    }

    private static void check(String printed, double computed, String what) {
        if (printed.equals("NaN") || printed.equals("NA")) {
            assertTrue(Double.isNaN(computed) || Double.isInfinite(computed) || printed.equals("NA"),
                    what + ": R gives " + printed + ", computed " + computed);
            return;
        }
        assertPrinted(printed, computed, what);
    }

    @Test
    void tablesFromMarginsMatch() {
        assertEquals(8, CASES.size());
        for (Map<String, String> c : CASES) {
            Disproportionality.Table t = table(c);
            assertEquals(Long.parseLong(c.get("a")), t.a());
            assertEquals(Long.parseLong(c.get("b")), t.b());
            assertEquals(Long.parseLong(c.get("c")), t.c());
            assertEquals(Long.parseLong(c.get("d")), t.d());
            check(c.get("E"), t.expected(), c.get("case") + " E");
        }
    }

    @Test
    void prrAndChiSquareMatchR() {
        for (Map<String, String> c : CASES) {
            Disproportionality.Table t = table(c);
            String id = c.get("case");
            check(c.get("computed_PRR"), t.prr(), id + " PRR");
            check(c.get("computed_chi2_yates"), t.chiSquareYates(), id + " chi2 Yates");
            check(c.get("computed_chi2_uncorrected"), t.chiSquare(), id + " chi2");
            if (t.a() > 0 && t.c() > 0) {
                double[] ci = t.prrInterval(Rates.Z);
                check(c.get("computed_PRR_lo95"), ci[0], id + " PRR lower");
                check(c.get("computed_PRR_hi95"), ci[1], id + " PRR upper");
            }
        }
    }

    @Test
    void informationComponentMatchesRAndNorensPublishedValues() {
        for (Map<String, String> c : CASES) {
            Disproportionality.Table t = table(c);
            String id = c.get("case");
            check(c.get("computed_IC_shrunk"), t.ic(), id + " IC");
            check(c.get("computed_IC025_gamma"), t.ic025(), id + " IC025");
            String published = c.get("published_Noren2006_IC");
            if (!published.equals("NA")) {
                assertPrinted(published, t.ic(), id + " published IC (Noren 2006 Table III)");
            }
        }
    }

    @Test
    void evansCriteria() {
        for (Map<String, String> c : CASES) {
            Disproportionality.Table t = table(c);
            boolean expected = t.a() >= 3 && t.prr() >= 2 && t.chiSquareYates() >= 4;
            assertEquals(expected, t.meetsEvans(), c.get("case"));
        }
        assertTrue(table(CASES.get(0)).meetsEvans(), "Noren s1: a = 25, PRR 205");
        assertFalse(table(CASES.get(4)).meetsEvans(), "Gould headache: PRR 1.24 < 2");
        // three reports, PRR 3, but Yates' chi2 = 60 (108 - 30)^2 / (6 * 54 * 12 * 48) = 1.96 < 4: not a signal
        Disproportionality.Table few = Disproportionality.Table.of(3, 6, 12, 60);
        assertEquals(3.0, few.prr(), 1e-12);
        assertEquals(60.0 * 78 * 78 / (6 * 54 * 12 * 48), few.chiSquareYates(), 1e-12);
        assertFalse(few.meetsEvans());
    }

    @Test
    void pValueIsOneSidedForOverRepresentation() {
        Disproportionality.Table over = table(CASES.get(1));
        double x = over.chiSquareYates();
        double twoSided = 1 - new org.apache.commons.math3.distribution.ChiSquaredDistribution(1)
                .cumulativeProbability(x);
        assertEquals(twoSided / 2, over.pValue(), 1e-12 + twoSided * 1e-9);
        Disproportionality.Table under = Disproportionality.Table.of(2, 100, 40, 200);
        assertTrue(under.prr() < 1 && under.pValue() > 0.5);
        // Singhal row 1: chi2 = 524, p about 1e-116, computed from the upper tail rather than 1 - cdf (= 0)
        double tiny = table(CASES.get(6)).pValue();
        assertTrue(tiny > 0 && tiny < 1e-100, "tiny p-value kept: " + tiny);
    }
}
