package org.cgtbulletin.analyze;

import static org.cgtbulletin.analyze.Reference.assertPrinted;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * u, c and p chart limits and Laney's u' and p' against Montgomery's tables as qicharts2 charts them
 * (../shared/reference/spc_qicharts2), to the printed precision.
 */
class ControlLimitsReferenceTest {

    private record Series(long[] counts, double[] sizes, List<Map<String, String>> rows) {
    }

    /** Counts and sizes from a qicharts2 fixture with y = count / n (n = 1 when NA, a c chart). */
    private static Series fromExpected(String resource) {
        List<Map<String, String>> rows = Reference.csv("spc/" + resource);
        long[] counts = new long[rows.size()];
        double[] sizes = new double[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            String n = rows.get(i).get("n");
            sizes[i] = n.equals("NA") ? 1 : Double.parseDouble(n);
            counts[i] = Math.round(Double.parseDouble(rows.get(i).get("y")) * sizes[i]);
        }
        return new Series(counts, sizes, rows);
    }

    private static void assertLimits(Series s, ControlLimits.Limits l, int from, int to, String what) {
        for (int i = from; i < to; i++) {
            Map<String, String> r = s.rows().get(i);
            assertPrinted(r.get("cl"), l.centre(), what + " CL " + (i + 1));
            assertPrinted(r.get("ucl"), l.upper()[i - from], what + " UCL " + (i + 1));
            assertPrinted(r.get("lcl"), l.lower()[i - from], what + " LCL " + (i + 1));
        }
    }

    private static ControlLimits.Limits limits(ControlLimits.Chart chart, Series s, int from, int to,
            boolean[] baseline, boolean laney) {
        long[] c = java.util.Arrays.copyOfRange(s.counts(), from, to);
        double[] n = java.util.Arrays.copyOfRange(s.sizes(), from, to);
        return ControlLimits.of(chart, c, n, baseline, laney);
    }

    @Test
    void uChartWithVariableSizeExample75() {
        // Table 7.11: nonconformities per roll of cloth; the unit of inspection is 50 square metres.
        List<Map<String, String>> rolls = Reference.csv("spc/tbl_07.11.csv");
        long[] counts = rolls.stream().mapToLong(r -> Long.parseLong(r.get("count"))).toArray();
        double[] units = rolls.stream().mapToDouble(r -> Double.parseDouble(r.get("meters")) / 50).toArray();
        Series s = new Series(counts, units, Reference.csv("spc/expected_ex_7.5_1.csv"));
        assertLimits(s, ControlLimits.of(ControlLimits.Chart.U, counts, units, null, false), 0, 10, "ex 7.5.1");
    }

    @Test
    void uChartExample74() {
        Series s = fromExpected("expected_ex_7.4_1.csv");
        assertLimits(s, limits(ControlLimits.Chart.U, s, 0, 20, null, false), 0, 20, "ex 7.4.1");
    }

    @Test
    void pChartWithVariableSizeTable74() {
        Series s = fromExpected("expected_tbl_7.4_1.csv");
        assertLimits(s, limits(ControlLimits.Chart.P, s, 0, 25, null, false), 0, 25, "tbl 7.4");
    }

    @Test
    void cChartWithExcludedPointsAndFrozenBaselineExample733() {
        // Samples 6 and 20 excluded (assignable causes), limits frozen on the first 26 samples.
        Series s = fromExpected("expected_ex_7.3_3.csv");
        boolean[] baseline = new boolean[s.counts().length];
        for (int i = 0; i < 26; i++) {
            baseline[i] = i != 5 && i != 19;
        }
        assertLimits(s, limits(ControlLimits.Chart.U, s, 0, s.counts().length, baseline, false), 0,
                s.counts().length, "ex 7.3.3");
    }

    @Test
    void pChartInTwoPhasesWithExclusionsExample715() {
        Series s = fromExpected("expected_ex_7.1_5.csv");
        int split = 30;
        boolean[] first = new boolean[split];
        for (int i = 0; i < split; i++) {
            first[i] = i != 14 && i != 22;
        }
        assertLimits(s, limits(ControlLimits.Chart.P, s, 0, split, first, false), 0, split, "ex 7.1.5 phase 1");
        int n = s.counts().length;
        assertLimits(s, limits(ControlLimits.Chart.P, s, split, n, null, false), split, n, "ex 7.1.5 phase 2");
    }

    @Test
    void laneyUPrimeTable710() {
        List<Map<String, String>> rows = Reference.csv("spc/tbl_07.10_u_and_laney_uprime.csv");
        long[] counts = rows.stream().mapToLong(r -> Long.parseLong(r.get("count"))).toArray();
        double[] sizes = rows.stream().mapToDouble(r -> Double.parseDouble(r.get("size"))).toArray();
        ControlLimits.Limits u = ControlLimits.of(ControlLimits.Chart.U, counts, sizes, null, false);
        ControlLimits.Limits up = ControlLimits.of(ControlLimits.Chart.U, counts, sizes, null, true);
        for (int i = 0; i < rows.size(); i++) {
            Map<String, String> r = rows.get(i);
            assertPrinted(r.get("cl"), up.centre(), "CL");
            assertPrinted(r.get("u_ucl"), u.upper()[i], "u UCL " + (i + 1));
            assertPrinted(r.get("u_lcl"), u.lower()[i], "u LCL " + (i + 1));
            assertPrinted(r.get("uprime_ucl"), up.upper()[i], "u' UCL " + (i + 1));
            assertPrinted(r.get("uprime_lcl"), up.lower()[i], "u' LCL " + (i + 1));
        }
    }

    @Test
    void laneyPPrimeNhsAccidentAndEmergency() {
        List<Map<String, String>> rows = Reference.csv("spc/nhs_accidents_p_and_laney_pprime.csv");
        long[] counts = rows.stream().mapToLong(r -> Long.parseLong(r.get("r"))).toArray();
        double[] sizes = rows.stream().mapToDouble(r -> Double.parseDouble(r.get("n"))).toArray();
        ControlLimits.Limits p = ControlLimits.of(ControlLimits.Chart.P, counts, sizes, null, false);
        ControlLimits.Limits pp = ControlLimits.of(ControlLimits.Chart.P, counts, sizes, null, true);
        assertPrinted("10.64042", pp.sigmaZ(), "sigma_z (README)");
        for (int i = 0; i < rows.size(); i++) {
            Map<String, String> r = rows.get(i);
            assertPrinted(r.get("cl"), p.centre(), "CL");
            assertPrinted(r.get("p_ucl"), p.upper()[i], "p UCL " + (i + 1));
            assertPrinted(r.get("p_lcl"), p.lower()[i], "p LCL " + (i + 1));
            assertPrinted(r.get("pprime_ucl"), pp.upper()[i], "p' UCL " + (i + 1));
            assertPrinted(r.get("pprime_lcl"), pp.lower()[i], "p' LCL " + (i + 1));
        }
    }
}
