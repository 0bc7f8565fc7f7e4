package org.cgtbulletin.digest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.cgtbulletin.chart.TrendSeries;
import org.cgtbulletin.model.CellKey;
import org.cgtbulletin.model.Problems;
import org.cgtbulletin.model.PublishedCell;
import org.cgtbulletin.model.Quarter;
import org.cgtbulletin.analyze.SignalSettings;
import org.cgtbulletin.analyze.Signals;
import org.cgtbulletin.model.Signal;
import org.cgtbulletin.model.Story;
import org.cgtbulletin.site.SiteInput;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The analysis and de-identification stages fill {@link SiteInput#signals()} and {@link SiteInput#stories()} on
 * other branches; here hand-made records go through the digest: one section and chart per signal of the period
 * (the site's own chart where the signal is about one code, its own series for a tabulated combination, the
 * closest published series otherwise), stories of the period with featured ones first, everything escaped, and
 * the result still PDF/A-3a and PDF/UA-1.
 */
class DigestSignalsAndStoriesTest {

    static SiteInput in;

    @BeforeAll
    static void input() throws Exception {
        SiteInput golden = DigestFixtures.golden();
        List<Signal> signals = List.of(
                new Signal(Signal.RISING, "expansion", "mycoplasma_positive", "*", "2026-Q2",
                        "rate_ratio_per_quarter", 1.4321, 0.0004, 0.004, 30,
                        "Mycoplasma-positive results at expansion have risen for four quarters."),
                new Signal(Signal.SPIKE, "*", "low_viability", "*", "2026-Q2", "rate_ratio", 2.5, 0.0123, 0.03,
                        22, "Low viability jumped above its baseline <b>this</b> quarter."),
                new Signal(Signal.DISPROPORTIONATE, "*", "documentation_error", "aav_vector", "2026-Q2", "prr",
                        3.1, 0.02, 0.04, 17, "Documentation errors are over-represented in AAV vectors."),
                new Signal(Signal.DISPROPORTIONATE, "qc_release", "documentation_error", "aav_vector", "2026-Q2",
                        "prr", 2.4, 0.03, 0.045, 9, "Documentation errors at QC release of AAV vectors."),
                new Signal(Signal.FALLING, "qc_release", "*", "*", "2025-Q3", "rate_ratio_per_quarter", 0.7,
                        0.001, 0.01, 20, "QC release failures fell through 2025."));
        List<Story> stories = List.of(
                new Story("s-plain", Quarter.parse("2026-Q2"), "aav_vector", "Viral vector", "qc_release",
                        "documentation_error", "batch_lost", "A plain story.", null, false),
                new Story("s-featured", Quarter.parse("2026-Q2"), null, "Cell therapy", "expansion",
                        "mycoplasma_positive", "near_miss", "The culture was <script>alert(1)</script> positive.",
                        "Swab the port & wait.", true),
                new Story("s-old", Quarter.parse("2025-Q1"), "car_t_autologous", "Cell therapy", "starting_material",
                        "low_viability", "near_miss", "An older story.", "An older lesson.", false),
                new Story("s-rtl", Quarter.parse("2025-Q1"), "car_t_autologous", "Cell therapy", "expansion",
                        "low_viability", "near_miss", HEBREW, "Check the incubator first.", false),
                new Story("s-rtl-2", Quarter.parse("2025-Q1"), "car_t_autologous", "Cell therapy", "harvest",
                        "low_viability", "near_miss", "Seen at [name].", "[name] " + HEBREW, false));
        in = new SiteInput(golden.settings(), golden.taxonomy(), golden.first(), golden.asOf(), golden.cells(),
                golden.hasVolumes(), signals, stories, golden.content(), golden.rules(), golden.weakerRules(),
                new Signals.Result(signals, 40, 2, 3, golden.hasVolumes(), 8, 10), SignalSettings.defaults());
    }

    /** "The batch 12 failed", in Hebrew: a story told right to left, with a number in it. */
    static final String HEBREW = "\u05D4\u05D0\u05E6\u05D5\u05D5\u05D4 12 \u05E0\u05DB\u05E9\u05DC\u05D4.";

    static Digests.Source source(DigestPeriod p) throws Exception {
        return Digests.source(in, DigestFixtures.TEMPLATES, p, null);
    }

    @Test
    void eachSignalOfTheQuarterHasASectionAChartAndABookmark() throws Exception {
        Digests.Source s = source(DigestPeriod.quarter(Quarter.parse("2026-Q2")));
        String x = s.xhtml();
        assertEquals(List.of("chart-overall", "chart-signal-1", "chart-modes-low_viability", "chart-signal-3",
                "chart-modes-documentation_error"), new ArrayList<>(s.charts().keySet()),
                "product class x failure mode is a published table, so that signal draws its own rows; product"
                        + " class x process step x failure mode is not, so that one draws the closest series");
        assertTrue(x.contains("<bookmark name=\"Signals\" href=\"#signals\"><bookmark name=\"Rising: Mycoplasma"
                + " positive at Expansion\" href=\"#signal-1\"/>"), x);
        assertTrue(x.contains("<h3>Rising: Mycoplasma positive at Expansion</h3>"), x);
        assertTrue(x.contains("<li><strong>Spike.</strong> Low viability jumped above its baseline"
                + " &lt;b&gt;this&lt;/b&gt; quarter.</li>"), "summaries are text: " + x);
        assertTrue(x.contains("2026 Q2</span> · rate_ratio_per_quarter 1.43 · p &lt; 0.001 · q 0.004"), x);
        assertTrue(x.contains("<h3>Over-represented: Documentation error in Aav vector</h3>"), x);
        assertTrue(x.contains("The bulletin does not tabulate this combination; the chart shows Documentation"
                + " error across all process steps and product classes."), x);
        assertEquals(1, x.split("does not tabulate", -1).length - 1, "only the three-way combination: " + x);
        assertFalse(x.contains("QC release failures fell"), "a signal of another quarter");
        assertTrue(x.contains("Trend window"), "the analysis settings in force");
    }

    @Test
    void aSignalAboutOneCodeDrawsTheSitesChartAndAComboDrawsItsOwnRows() throws Exception {
        Digests.Source s = source(DigestPeriod.quarter(Quarter.parse("2026-Q2")));
        List<PublishedCell> lowViability = new ArrayList<>();
        List<PublishedCell> combo = new ArrayList<>();
        for (Quarter q = in.first(); q.compareTo(in.asOf()) <= 0; q = q.next()) {
            for (PublishedCell c : in.cells()) {
                if (c.key().equals(new CellKey(q.toString(), "*", "*", "low_viability", "*"))) {
                    lowViability.add(c);
                }
                if (c.key().equals(new CellKey(q.toString(), "*", "expansion", "mycoplasma_positive", "*"))) {
                    combo.add(c);
                }
            }
        }
        assertEquals(TrendSeries.of("Low viability", lowViability, true),
                s.charts().get("chart-modes-low_viability"), "the trend page's series");
        assertEquals(TrendSeries.of("Mycoplasma positive at Expansion", combo, true), s.charts().get("chart-signal-1"));
        String attached = new String(s.attachment().content(), StandardCharsets.UTF_8);
        for (PublishedCell c : combo) {
            assertTrue(attached.contains(c.key().period() + ",*,expansion,mycoplasma_positive,*,"),
                    "the chart's rows are attached: " + c.key());
        }
    }

    @Test
    void storiesOfThePeriodFeaturedFirstAndEscaped() throws Exception {
        String x = source(DigestPeriod.quarter(Quarter.parse("2026-Q2"))).xhtml();
        int featured = x.indexOf("Mycoplasma positive at Expansion</h3>\n<p class=\"meta\"><span class=\"nowrap\">2026 Q2</span> · Cell therapy");
        int plain = x.indexOf("A plain story.");
        assertTrue(featured > 0 && plain > featured, "featured first: " + x);
        assertTrue(x.contains("The culture was &lt;script&gt;alert(1)&lt;/script&gt; positive."), x);
        assertTrue(x.contains("Swab the port &amp; wait."), x);
        assertFalse(x.contains("An older story."), "a story of another quarter");

        String year = source(DigestPeriod.year(2025, in.first())).xhtml();
        assertTrue(year.contains("An older story."), year);
        assertFalse(year.contains("QC release failures fell through 2025."),
                "a past period shows the analysis as of its last quarter, recomputed from the published rows, not"
                        + " the release's signals: " + year);
        assertFalse(year.contains("A plain story."), year);
        // a story told right to left is a right-to-left paragraph of its own (DigestPdfTest shows why); its lesson,
        // in English, stays as the others are
        assertTrue(year.contains("<p class=\"label\"><strong>What happened.</strong></p><p dir=\"rtl\">" + HEBREW
                + "</p>\n<p><strong>What we learned.</strong> Check the incubator first.</p>"), year);
        assertTrue(year.contains("<p><strong>What happened.</strong> An older story.</p>"), year);
        // a lesson told right to left, though it starts with a removed name
        assertTrue(year.contains("<p><strong>What happened.</strong> Seen at [name].</p>\n<p class=\"label\"><strong>"
                + "What we learned.</strong></p><p dir=\"rtl\">[name] " + HEBREW + "</p>"), year);
    }

    @Test
    void withSignalsAndStoriesTheDigestIsStillPdfA3aAndPdfUa1() throws Exception {
        byte[] pdf = Digests.render(in, DigestFixtures.TEMPLATES, Quarter.parse("2026-Q2"), null, new Problems());
        DigestPdfTest.assertConforms("2026-Q2 with signals and stories", pdf);
        java.nio.file.Path review = java.nio.file.Path.of("target", "digest-pages");
        java.nio.file.Files.createDirectories(review);
        java.nio.file.Files.write(review.resolve("2026-q2-with-signals-and-stories.pdf"), pdf); // for review
    }
}
