package org.cgtbulletin.publish;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.cgtbulletin.model.Dimension;
import org.cgtbulletin.model.PublishedCell;
import org.cgtbulletin.model.Quarter;
import org.cgtbulletin.model.Story;
import org.cgtbulletin.model.Taxonomy;
import org.cgtbulletin.protect.DisclosureRules;
import org.cgtbulletin.stories.StoryDesk;

/**
 * A plain front page and data page until the full bulletin website exists: what was published, the rules in
 * force, the download, and the de-identified stories (a few on the front page, all on {@code stories/}). Every
 * number shown is a row of cells.csv or a setting; every text from the data is escaped plain text.
 */
public final class SiteStub {

    private SiteStub() {
    }

    /** How many of the latest quarter's best stories the front page shows. */
    static final int FRONT_PAGE_STORIES = 3;

    public static void write(Path site, Quarter asOf, List<PublishedCell> cells,
            DisclosureRules rules, boolean weaker, StoryDesk.Result stories, Taxonomy taxonomy) throws IOException {
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
        storiesSection(b, asOf, stories, taxonomy);
        b.append("<p>The full bulletin website (trend pages, lessons, methodology, digests) is not built"
                        + " yet.</p>\n</main>\n</body></html>\n");
        try (Writer w = Files.newBufferedWriter(site.resolve("index.html"), StandardCharsets.UTF_8)) {
            w.write(b.toString());
        }
        Path storiesDir = site.resolve("stories");
        Files.createDirectories(storiesDir);
        try (Writer w = Files.newBufferedWriter(storiesDir.resolve("index.html"), StandardCharsets.UTF_8)) {
            storiesPage(w, stories.published(), taxonomy);
        }
        Path methodology = site.resolve("methodology");
        Files.createDirectories(methodology);
        try (Writer w = Files.newBufferedWriter(methodology.resolve("index.html"), StandardCharsets.UTF_8)) {
            w.write(methodology(rules, weaker));
        }
    }

    private static void storiesSection(StringBuilder b, Quarter asOf, StoryDesk.Result stories, Taxonomy taxonomy) {
        b.append("<h2>What happened, and what was learned</h2>\n<p>").append(stories.published().size())
                .append(" de-identified stories from reports their contributors agreed to share: all on")
                .append(" <a href=\"stories/\">the stories page</a>, and as <a href=\"data/stories.csv\">CSV</a>")
                .append(" and <a href=\"data/stories.json\">JSON</a>.</p>\n");
        if (asOf != null) {
            for (Story s : stories.best(asOf, FRONT_PAGE_STORIES)) {
                story(b, s, taxonomy, "h3");
            }
        }
    }

    /** The page of every story, written as it goes (it can be long). */
    private static void storiesPage(Writer w, List<Story> stories, Taxonomy taxonomy) throws IOException {
        StringBuilder b = new StringBuilder();
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>Stories - CGT manufacturing failure bulletin</title></head><body>\n<main>\n")
                .append("<h1>What happened, and what was learned</h1>\n")
                .append("<p>Failure stories from reports their contributors agreed to share, after de-identification:")
                .append(" names, contact details, links, lot and batch numbers and exact dates are replaced by")
                .append(" neutral words in brackets, dates are shown as quarters at most, and a product class made")
                .append(" by few manufacturers is shown only as its group. Also as <a href=\"../data/stories.csv\">")
                .append("CSV</a> and <a href=\"../data/stories.json\">JSON</a>.</p>\n");
        if (stories.isEmpty()) {
            b.append("<p>No stories are published yet.</p>\n");
        }
        Quarter current = null;
        for (Story s : stories) {
            if (!s.quarter().equals(current)) {
                current = s.quarter();
                b.append("<h2 id=\"").append(Html.escape(current.slug())).append("\">").append(Html.escape(
                        current.toString())).append("</h2>\n");
            }
            story(b, s, taxonomy, "h3");
            w.write(b.toString());
            b.setLength(0);
        }
        b.append("</main>\n</body></html>\n");
        w.write(b.toString());
    }

    /** One story as escaped plain text: a heading of its codes' labels, then what happened and what was learned. */
    private static void story(StringBuilder b, Story s, Taxonomy taxonomy, String heading) {
        String product = s.productClass() != null ? taxonomy.label(Dimension.PRODUCT_CLASS, s.productClass())
                : s.productGroup();
        b.append("<article id=\"").append(Html.escape(s.id())).append("\"><").append(heading).append('>')
                .append(Html.escape(taxonomy.label(Dimension.FAILURE_MODE, s.failureMode()))).append(" at ")
                .append(Html.escape(taxonomy.label(Dimension.PROCESS_STEP, s.processStep()).toLowerCase(
                        java.util.Locale.ROOT)))
                .append("</").append(heading).append(">\n<p>").append(Html.escape(s.quarter().toString()))
                .append(" &middot; ").append(Html.escape(product)).append(" &middot; outcome: ")
                .append(Html.escape(taxonomy.label(Dimension.OUTCOME, s.outcome())))
                .append(s.featured() ? " &middot; featured" : "").append("</p>\n");
        if (s.narrative() != null) {
            b.append("<p><strong>What happened.</strong> ").append(paragraphs(s.narrative())).append("</p>\n");
        }
        if (s.lesson() != null) {
            b.append("<p><strong>What we learned.</strong> ").append(paragraphs(s.lesson())).append("</p>\n");
        }
        b.append("</article>\n");
    }

    /** Escaped text; line breaks kept as {@code <br>}. */
    private static String paragraphs(String text) {
        return Html.escape(text).replace("\n", "<br>\n");
    }

    private static String methodology(DisclosureRules rules, boolean weaker) {
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
                .append("</p>\n</main>\n</body></html>\n");
        return b.toString();
    }
}
