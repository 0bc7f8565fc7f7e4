package org.cgtbulletin.publish;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.cgtbulletin.analyze.SignalSettings;
import org.cgtbulletin.analyze.Signals;
import org.cgtbulletin.model.PublishedCell;
import org.cgtbulletin.model.Quarter;
import org.cgtbulletin.model.Signal;
import org.cgtbulletin.protect.DisclosureRules;

/**
 * A plain front page and data page until the full bulletin website exists: what was published, the rules in
 * force, and the download. Every number shown is a row of cells.csv or a setting.
 */
public final class SiteStub {

    private SiteStub() {
    }

    public static void write(Path site, Quarter asOf, List<PublishedCell> cells,
            DisclosureRules rules, boolean weaker, Signals.Result signals, SignalSettings settings)
            throws IOException {
        PublishedCell total = cells.stream().filter(c -> c.key().period().equals(String.valueOf(asOf))
                && c.key().productClass().equals("*") && c.key().processStep().equals("*")
                && c.key().failureMode().equals("*") && c.key().outcome().equals("*")).findFirst().orElse(null);
        StringBuilder b = new StringBuilder();
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>CGT manufacturing failure bulletin</title></head><body>\n<main>\n")
                .append("<h1>Cell and gene therapy manufacturing failure bulletin</h1>\n");
        if (asOf == null) {
            b.append("<p>No failure reports have been received yet, so there is nothing to publish.</p>\n");
        } else {
            b.append("<p>Data as of ").append(Html.escape(asOf.toString())).append(". ");
            if (total != null && total.events() != null) {
                b.append("Failure reports in ").append(Html.escape(asOf.toString())).append(": ")
                        .append(total.events()).append(".");
            } else {
                b.append("The quarter's total is withheld to protect contributors.");
            }
            b.append("</p>\n");
        }
        b.append("<p>Every published number is in <a href=\"data/cells.csv\">data/cells.csv</a> (also as ")
                .append("<a href=\"data/cells.json\">JSON</a>). Cells are withheld when fewer than ")
                .append(rules.minContributors()).append(" manufacturers or fewer than ").append(rules.minEvents())
                .append(" events make them, or when one or two manufacturers dominate them")
                .append(weaker ? " (these thresholds are weaker than the consortium's defaults)" : "")
                .append(", and further cells are withheld so that none can be worked out from the others.</p>\n");
        signalList(b, asOf, signals);
        b.append("<p>The full bulletin website (trend pages, lessons, methodology, digests) is not built"
                        + " yet.</p>\n</main>\n</body></html>\n");
        try (Writer w = Files.newBufferedWriter(site.resolve("index.html"), StandardCharsets.UTF_8)) {
            w.write(b.toString());
        }
        Path methodology = site.resolve("methodology");
        Files.createDirectories(methodology);
        try (Writer w = Files.newBufferedWriter(methodology.resolve("index.html"), StandardCharsets.UTF_8)) {
            w.write(methodology(rules, weaker, signals, settings));
        }
    }

    /** The flagged signals, one sentence each (escaped: summaries carry taxonomy labels staff can edit). */
    private static void signalList(StringBuilder b, Quarter asOf, Signals.Result signals) {
        if (asOf == null) {
            return;
        }
        b.append("<h2>Signals</h2>\n");
        if (signals.signals().isEmpty()) {
            b.append("<p>No series moved more than chance explains in the quarters tested.</p>\n");
        } else {
            b.append("<ul>\n");
            for (Signal s : signals.signals()) {
                b.append("<li><strong>").append(Html.escape(s.kind())).append("</strong>: ")
                        .append(Html.escape(s.summary())).append("</li>\n");
            }
            b.append("</ul>\n");
        }
        b.append("<p>Signals are tested only on published numbers; every signal is in <a href=\"data/signals.json\">")
                .append("data/signals.json</a>, and the <a href=\"methodology/\">methodology</a> says how they")
                .append(" are found.");
        if (!signals.rates()) {
            b.append(" No production volumes are published, so trends are in counts of reports and may reflect")
                    .append(" production volume.");
        }
        b.append("</p>\n");
    }

    private static String methodology(DisclosureRules rules, boolean weaker, Signals.Result signals,
            SignalSettings settings) {
        DisclosureRules d = DisclosureRules.defaults();
        StringBuilder b = new StringBuilder();
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>Methodology - CGT manufacturing failure bulletin</title></head><body>\n<main>\n")
                .append("<h1>Methodology</h1>\n<h2>What is counted</h2>\n")
                .append("<p>Each failure report is one event: a failed batch, an out-of-specification result, a")
                .append(" deviation or a near miss, counted in the quarter it occurred. Rates are events per 100")
                .append(" batches started in the same product class and period, from the volumes manufacturers")
                .append(" report. Every rate has a 95% interval: Wilson's score interval (Wilson 1927) when events")
                .append(" do not exceed batches, otherwise Garwood's exact Poisson interval (Garwood 1936) divided")
                .append(" by batches.</p>\n<h2>What is withheld, and why</h2>\n");
        if (weaker) {
            b.append("<p><strong>This release uses disclosure thresholds weaker than the consortium's defaults")
                    .append(" (at least ").append(d.minContributors()).append(" manufacturers, ")
                    .append(d.minEvents()).append(" events, dominance ").append(d.dominance()).append(", p% ")
                    .append(d.pPercent()).append(").</strong></p>\n");
        }
        b.append("<p>A number with events is withheld when fewer than ").append(rules.minContributors())
                .append(" manufacturers contributed to it (R1), when it holds fewer than ").append(rules.minEvents())
                .append(" events (R2), when one manufacturer holds more than ")
                .append(Math.round(rules.dominance() * 100)).append("% of it (R3), or when the rest of the")
                .append(" cell, without its two largest contributions, is less than ")
                .append(Math.round(rules.pPercent() * 100)).append("% of the largest (R4, the p% rule).")
                .append(" Zeros are published. Production volumes obey the same rules, and a rate is shown only")
                .append(" when both its count and its denominator are.</p>\n")
                .append("<p>Further numbers are withheld as complements so that no withheld number can be worked")
                .append(" out from the published ones through totals, years over quarters or all years together;")
                .append(" this is checked exactly over all tables at once before anything is published. A number")
                .append(" withheld in an earlier release stays withheld in later ones.</p>\n")
                .append("<p>Every published number is a row of <a href=\"../data/cells.csv\">data/cells.csv</a>.")
                .append("</p>\n");
        signalMethods(b, signals, settings);
        b.append("</main>\n</body></html>\n");
        return b.toString();
    }

    private static void signalMethods(StringBuilder b, Signals.Result signals, SignalSettings settings) {
        String unit = signals.rates() ? "events per batch started" : "counts of reports";
        b.append("<h2>Signals: what is flagged, and how</h2>\n")
                .append("<p>Signals are computed only from the published numbers of data/cells.csv. A series is")
                .append(" tested only when every number a test needs (events, and batches started when volumes")
                .append(" are published) is published in every quarter the test uses, so that no statistic can")
                .append(" be worked back to a withheld number. The series are: all reports; each process step;")
                .append(" each failure mode; each failure mode within each process step; and each product class,")
                .append(" by quarter.</p>\n");
        if (!signals.rates()) {
            b.append("<p><strong>No production volumes are published in this release, so trends and spikes are")
                    .append(" in counts of reports, not rates: a rise may reflect more production rather than")
                    .append(" more failures.</strong></p>\n");
        }
        b.append("<ul>\n<li><strong>Rising and falling</strong>: a Poisson log-linear regression of the quarterly")
                .append(signals.rates() ? " number of events on the quarter, with the logarithm of batches started as"
                        + " offset (so the trend is in the rate per batch)," : " number of reports on the quarter,")
                .append(" over the last ").append(settings.trendQuarters()).append(" quarters (fewer when the data")
                .append(" are younger, but at least ").append(Signals.MIN_TREND_QUARTERS).append("), fitted by")
                .append(" iteratively reweighted least squares (McCullagh and Nelder 1989). Over-dispersion, for")
                .append(" example one large manufacturer swinging a series, is allowed for by the quasi-Poisson")
                .append(" dispersion (Pearson's X\u00b2 over its degrees of freedom, never taken below 1). Each")
                .append(" series' dispersion rests on few quarters, so it is moderated towards that of series of")
                .append(" similar size by empirical Bayes (Smyth 2004), with Student's t on the combined degrees of")
                .append(" freedom; a trend is flagged only if the series' own quasi-Poisson test is also significant.")
                .append(" The signal gives the rate ratio per quarter and the two-sided p-value.</li>\n")
                .append("<li><strong>Spike</strong>: the latest quarter against the ")
                .append(settings.spikeBaselineQuarters()).append(" quarters before it, by the exact conditional")
                .append(" test of two Poisson rates (Przyborowski and Wilenski 1940; Gu et al. 2008), one-sided;")
                .append(" flagged only if the latest quarter is also above the upper limit of a Laney u' chart of")
                .append(" the trend window's earlier quarters (Laney 2002), whose limits widen when quarters vary")
                .append(" more than chance alone would make them, and never less than the series' dispersion")
                .append(" implies.</li>\n")
                .append("<li><strong>Disproportionate</strong>: in the latest quarter, each failure mode within each")
                .append(" process step and within each product class against the rest of the reports, by the")
                .append(" proportional reporting ratio (PRR) with Yates' chi-square; flagged only when it meets the")
                .append(" criteria of Evans et al. (2001): at least 3 reports, PRR at least 2, chi-square at least")
                .append(" 4. Pairs with fewer than 3 reports are not tested, nor a failure mode that no published")
                .append(" number shows anywhere else (such a mode is defined by its step, not over-represented")
                .append(" there).</li>\n</ul>\n")
                .append("<p>Many series are tested each quarter, so the false discovery rate is controlled across")
                .append(" every test of the release at ")
                .append(String.format(java.util.Locale.ROOT, "%.0f%%", settings.falseDiscoveryRate() * 100))
                .append(" (Benjamini and Hochberg 1995): of the signals flagged, at most that share is expected to")
                .append(" be chance. Trends and spikes are tested only when their quarters hold at least ")
                .append(settings.minEvents()).append(" events; filtering on the total, which carries no")
                .append(" information about a trend when there is none, keeps the test valid and spends the error")
                .append(" budget where a signal could be found (Bourgon, Gentleman and Huber 2010).</p>\n")
                .append("<p>In this release: ").append(signals.tested()).append(" tests run, ")
                .append(signals.withheld()).append(" not run because a number they need is withheld, ")
                .append(signals.insufficient()).append(" not run for too little data; ")
                .append(signals.signals().size()).append(signals.signals().size() == 1 ? " signal" : " signals")
                .append(" flagged (<a href=\"../data/signals.json\">data/signals.json</a>).</p>\n")
                .append("<h3>References</h3>\n<ul>\n")
                .append("<li>Wilson EB (1927). Probable inference, the law of succession, and statistical inference.")
                .append(" J Am Stat Assoc 22:209-212.</li>\n")
                .append("<li>Garwood F (1936). Fiducial limits for the Poisson distribution. Biometrika")
                .append(" 28:437-442.</li>\n")
                .append("<li>McCullagh P, Nelder JA (1989). Generalized Linear Models, 2nd ed. Chapman and Hall.</li>\n")
                .append("<li>Przyborowski J, Wilenski H (1940). Homogeneity of results in testing samples from")
                .append(" Poisson series. Biometrika 31:313-323.</li>\n")
                .append("<li>Gu K, Ng HKT, Tang ML, Schucany WR (2008). Testing the ratio of two Poisson rates.")
                .append(" Biometrical Journal 50:283-298.</li>\n")
                .append("<li>Smyth GK (2004). Linear models and empirical Bayes methods for assessing differential")
                .append(" expression in microarray experiments. Stat Appl Genet Mol Biol 3:3.</li>\n")
                .append("<li>Laney DB (2002). Improved control charts for attributes. Quality Engineering")
                .append(" 14:531-537.</li>\n")
                .append("<li>Evans SJW, Waller PC, Davis S (2001). Use of proportional reporting ratios (PRRs) for")
                .append(" signal generation from spontaneous adverse drug reaction reports. Pharmacoepidemiol")
                .append(" Drug Saf 10:483-486.</li>\n")
                .append("<li>Benjamini Y, Hochberg Y (1995). Controlling the false discovery rate: a practical and")
                .append(" powerful approach to multiple testing. J R Stat Soc B 57:289-300.</li>\n")
                .append("<li>Bourgon R, Gentleman R, Huber W (2010). Independent filtering increases detection")
                .append(" power for high-throughput experiments. PNAS 107:9546-9551.</li>\n</ul>\n");
    }
}
