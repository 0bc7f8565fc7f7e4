package org.cgtbulletin.digest;

import static org.cgtbulletin.site.CellLookup.view;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.cgtbulletin.analyze.Signals;
import org.cgtbulletin.chart.TrendSeries;
import org.cgtbulletin.content.EditorialContent.Editorial;
import org.cgtbulletin.content.EditorialContent.Lesson;
import org.cgtbulletin.model.CellKey;
import org.cgtbulletin.model.Dimension;
import org.cgtbulletin.model.PublishedCell;
import org.cgtbulletin.model.Quarter;
import org.cgtbulletin.model.Signal;
import org.cgtbulletin.model.Story;
import org.cgtbulletin.model.TaxonomyCode;
import org.cgtbulletin.protect.DisclosureRules;
import org.cgtbulletin.publish.CellsFiles;
import org.cgtbulletin.site.SiteInput;

/**
 * One digest's template model, from the same inputs as the site. Every count, denominator, rate and interval is
 * the exact text of a cells.csv field ({@link CellsFiles#fields}); the model remembers each row it shows, and those
 * rows (with the whole period's rows) are the CSV attached to the PDF. Nothing later than the digest's period is
 * read, so a past digest does not change when later quarters are added.
 */
final class DigestModel {

    static final String ALL = CellKey.ALL;
    /** Stories shown in one digest, featured first. */
    static final int MAX_STORIES = 12;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM uuuu", Locale.UK);

    private final SiteInput in;
    private final CellIndex cells;
    private final DigestPeriod p;
    private final Set<CellKey> used = new HashSet<>();
    /** The charts this digest draws: id to series, in order of appearance. */
    private final Map<String, TrendSeries> charts = new LinkedHashMap<>();

    DigestModel(SiteInput in, CellIndex cells, DigestPeriod period) {
        this.in = in;
        this.cells = cells;
        this.p = period;
    }

    Map<String, TrendSeries> charts() {
        return charts;
    }

    /** The rows attached to the PDF, in cells.csv order: every row of the period, and every other row shown. */
    List<PublishedCell> attachedRows() {
        List<PublishedCell> rows = new ArrayList<>();
        for (PublishedCell c : cells.rows()) {
            if (p.covers(c.key().period()) || used.contains(c.key())) {
                rows.add(c);
            }
        }
        return rows;
    }

    /** The attachment's file name, e.g. {@code cells-2026-q3.csv}. */
    String attachmentName() {
        return "cells-" + p.fileName().replace(".pdf", ".csv");
    }

    Map<String, Object> build(Instant documentDate) {
        Map<String, Object> m = new LinkedHashMap<>();
        LocalDate date = documentDate.atZone(ZoneOffset.UTC).toLocalDate();
        Editorial editorial = p.annual() ? null : in.content().bulletins().get(p.from());
        String kind = p.annual() ? "Annual digest" : "Quarterly digest";
        m.put("doc", map("title", in.settings().title() + ": " + kind.toLowerCase(Locale.ROOT) + " " + p.label(),
                "siteTitle", in.settings().title(), "kind", kind, "annual", p.annual(),
                "period", p.period(), "label", p.label(), "slug", p.fileName().replace(".pdf", ""),
                "from", DAY.format(p.from().firstDay()), "to", DAY.format(p.to().next().firstDay().minusDays(1)),
                "date", DAY.format(date), "asOf", DigestPeriod.label(p.to()),
                "compare", p.compare() != null, "compareLabel", p.compareLabel() == null ? "" : p.compareLabel(),
                "hasVolumes", in.hasVolumes(), "url", in.settings().baseUrl()
                        + (p.annual() ? "bulletins/" : "bulletins/" + p.from().slug() + "/"),
                "digestUrl", in.settings().baseUrl() + "digests/" + p.fileName(),
                "dataUrl", in.settings().baseUrl() + "data/",
                "attachment", attachmentName(),
                "hasData", in.asOf() != null));
        m.put("editorial", editorial == null ? null : map("title", editorial.title(), "summary", editorial.summary(),
                "html", Fragments.xhtml(editorial.html(), 3)));
        m.put("headline", map("now", view(row(p.period(), ALL, ALL, ALL, ALL)),
                "before", p.compare() == null ? view(null) : view(row(p.compare(), ALL, ALL, ALL, ALL))));
        m.put("quarters", p.annual() ? quarterRows() : List.of());
        m.put("overall", chart("chart-overall", "All failure reports", new String[] {ALL, ALL, ALL, ALL}));
        m.put("signals", signals());
        m.put("steps", table(Dimension.PROCESS_STEP));
        m.put("modes", table(Dimension.FAILURE_MODE));
        m.put("products", table(Dimension.PRODUCT_CLASS));
        m.put("outcomes", table(Dimension.OUTCOME));
        m.put("lessons", lessons());
        m.put("stories", stories());
        m.put("method", method());
        m.put("data", data());
        return m;
    }

    // ---------------------------------------------------------------- rows and their text

    private PublishedCell row(String period, String product, String step, String mode, String outcome) {
        CellKey key = new CellKey(period, product, step, mode, outcome);
        PublishedCell c = cells.get(key);
        if (c != null) {
            used.add(key);
        }
        return c;
    }

    private static String[] key(Dimension d, String code) {
        return new String[] {d == Dimension.PRODUCT_CLASS ? code : ALL, d == Dimension.PROCESS_STEP ? code : ALL,
            d == Dimension.FAILURE_MODE ? code : ALL, d == Dimension.OUTCOME ? code : ALL};
    }

    /** The annual digest's quarter by quarter totals. */
    private List<Map<String, Object>> quarterRows() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Quarter q : p.quarters()) {
            rows.add(map("label", DigestPeriod.label(q), "now", view(row(q.toString(), ALL, ALL, ALL, ALL))));
        }
        return rows;
    }

    /** One row per code of a dimension: the period and the period it is compared with; the group on its first row. */
    private List<Map<String, Object>> table(Dimension d) {
        List<Map<String, Object>> rows = new ArrayList<>();
        String group = null;
        for (TaxonomyCode c : in.taxonomy().codes(d)) {
            String[] k = key(d, c.code());
            rows.add(map("code", c.code(), "label", c.label(), "group", c.group().equals(group) ? "" : c.group(),
                    "now", view(row(p.period(), k[0], k[1], k[2], k[3])),
                    "before", p.compare() == null ? view(null) : view(row(p.compare(), k[0], k[1], k[2], k[3]))));
            group = c.group();
        }
        return rows;
    }

    // ---------------------------------------------------------------- charts and signals

    /** The quarterly series of one key pattern up to the end of this digest's period, oldest first. */
    private List<PublishedCell> series(String[] k) {
        List<PublishedCell> s = new ArrayList<>();
        if (in.first() == null) {
            return s;
        }
        for (Quarter q = in.first(); q.compareTo(p.to()) <= 0; q = q.next()) {
            PublishedCell c = row(q.toString(), k[0], k[1], k[2], k[3]);
            if (c != null) {
                s.add(c);
            }
        }
        return s;
    }

    /**
     * A chart of one series, drawn from the same {@link TrendSeries} as the site's trend page of that series (for
     * the latest digest, the very chart of the site's SVG file).
     */
    private Map<String, Object> chart(String id, String label, String[] k) {
        List<PublishedCell> rows = series(k);
        TrendSeries chart = TrendSeries.of(label, rows, in.hasVolumes());
        charts.putIfAbsent(id, chart); // drawn once per id: several signals may show the same series
        List<Map<String, Object>> views = new ArrayList<>();
        for (PublishedCell c : rows) {
            Map<String, Object> v = view(c);
            v.put("label", c.key().period().replace("-Q", " Q"));
            views.add(v);
        }
        return map("id", id, "title", chart.title(), "alt", chart.description(),
                "withheld", String.join(", ", chart.withheld()), "noRate", String.join(", ", chart.noRate()),
                "rows", views, "empty", rows.isEmpty());
    }

    private static String folder(Dimension d) {
        return switch (d) {
            case PROCESS_STEP -> "steps";
            case FAILURE_MODE -> "modes";
            case PRODUCT_CLASS -> "products";
            default -> throw new IllegalArgumentException(d.toString());
        };
    }

    private List<Map<String, Object>> signals() {
        List<Map<String, Object>> list = new ArrayList<>();
        int n = 0;
        // The signals as of the period's last quarter: the release's own for the latest, otherwise the analysis as
        // it was then (it uses no quarter after its own), so a past digest keeps its signals in later releases.
        List<Signal> flagged = p.to().equals(in.asOf()) ? in.signals()
                : Signals.detect(in.cells(), p.to(), in.signalSettings(), in.taxonomy()).signals();
        for (Signal s : flagged) {
            if (!p.covers(s.period())) {
                continue;
            }
            n++;
            String[] k = {s.productClass(), s.processStep(), s.failureMode(), ALL};
            String label = signalLabel(s.productClass(), s.processStep(), s.failureMode());
            Map<String, Object> chart;
            String note = "";
            Dimension single = single(k);
            if (single != null) {
                String code = single == Dimension.PRODUCT_CLASS ? k[0] : single == Dimension.PROCESS_STEP ? k[1] : k[2];
                chart = chart("chart-" + folder(single) + "-" + code, in.taxonomy().label(single, code), k);
            } else if (!series(k).isEmpty()) {
                chart = chart("chart-signal-" + n, label, k);
            } else if (k[2].equals(ALL) && k[1].equals(ALL)) {
                chart = chart("chart-overall", "All failure reports", new String[] {ALL, ALL, ALL, ALL});
            } else {
                // This combination is not a published table: show the closest published series.
                Dimension d = !k[2].equals(ALL) ? Dimension.FAILURE_MODE : Dimension.PROCESS_STEP;
                String code = d == Dimension.FAILURE_MODE ? k[2] : k[1];
                String closest = in.taxonomy().label(d, code);
                chart = chart("chart-" + folder(d) + "-" + code, closest, key(d, code));
                note = "The bulletin does not tabulate this combination; the chart shows " + closest
                        + " across all " + (d == Dimension.FAILURE_MODE ? "process steps and product classes"
                                : "failure modes and product classes") + ".";
            }
            list.add(map("id", "signal-" + n, "kind", s.kind(), "kindLabel", s.kindLabel(),
                    "label", label, "summary", s.summary(), "period", s.period().replace("-Q", " Q"),
                    "statistic", s.statistic(), "value", s.valueText(),
                    "p", Signal.probability(s.pValue()), "q", Signal.probability(s.qValue()), "chart", chart,
                    "note", note));
        }
        return list;
    }

    /** The dimension of a key with exactly one code (the others margins), or null. */
    private static Dimension single(String[] k) {
        Dimension d = null;
        int codes = 0;
        if (!k[0].equals(ALL)) {
            d = Dimension.PRODUCT_CLASS;
            codes++;
        }
        if (!k[1].equals(ALL)) {
            d = Dimension.PROCESS_STEP;
            codes++;
        }
        if (!k[2].equals(ALL)) {
            d = Dimension.FAILURE_MODE;
            codes++;
        }
        return codes == 1 ? d : null;
    }

    private String signalLabel(String product, String step, String mode) {
        List<String> parts = new ArrayList<>();
        if (!mode.equals(ALL)) {
            parts.add(in.taxonomy().label(Dimension.FAILURE_MODE, mode));
        }
        if (!step.equals(ALL)) {
            parts.add((parts.isEmpty() ? "" : "at ") + in.taxonomy().label(Dimension.PROCESS_STEP, step));
        }
        if (!product.equals(ALL)) {
            parts.add((parts.isEmpty() ? "" : "in ") + in.taxonomy().label(Dimension.PRODUCT_CLASS, product));
        }
        return parts.isEmpty() ? "All failure reports" : String.join(" ", parts);
    }

    // ---------------------------------------------------------------- editorial content

    private List<Map<String, Object>> lessons() {
        Set<String> slugs = new LinkedHashSet<>();
        for (Quarter q : p.quarters()) {
            Editorial e = in.content().bulletins().get(q);
            if (e != null) {
                slugs.addAll(e.featuredLessons());
            }
        }
        List<Map<String, Object>> list = new ArrayList<>();
        for (String slug : slugs) {
            for (Lesson l : in.content().lessons()) {
                if (l.slug().equals(slug)) {
                    list.add(map("slug", l.slug(), "title", l.title(), "summary", l.summary(),
                            "html", Fragments.xhtml(l.html(), 4),
                            "url", in.settings().baseUrl() + "lessons/" + l.slug() + "/"));
                }
            }
        }
        return list;
    }

    private List<Map<String, Object>> stories() {
        List<Story> featured = in.stories().stream().filter(Story::featured).toList();
        // a story shown with its year only is in its year's digest, not in any quarter's
        List<Story> chosen = Story.featuredFirst(featured, in.stories(), s -> s.quarter() != null
                ? p.covers(s.quarter()) : p.annual() && p.period().equals(s.period()), MAX_STORIES);
        List<Map<String, Object>> list = new ArrayList<>();
        for (Story s : chosen) {
            list.add(map("id", s.id(), "quarter", s.periodLabel(),
                    "product", s.productClass() != null ? in.taxonomy().label(Dimension.PRODUCT_CLASS,
                            s.productClass()) : s.productGroup(),
                    "step", in.taxonomy().label(Dimension.PROCESS_STEP, s.processStep()),
                    "mode", in.taxonomy().label(Dimension.FAILURE_MODE, s.failureMode()),
                    "outcome", in.taxonomy().label(Dimension.OUTCOME, s.outcome()),
                    "narrative", s.narrative() == null ? "" : s.narrative(),
                    "lesson", s.lesson() == null ? "" : s.lesson(), "featured", s.featured(),
                    "narrativeRtl", rightToLeft(s.narrative()), "lessonRtl", rightToLeft(s.lesson())));
        }
        return list;
    }

    /** A de-identification placeholder, such as {@code [name]}: a word in square brackets. */
    private static final java.util.regex.Pattern PLACEHOLDERS = java.util.regex.Pattern.compile("\\[[a-z]+\\]");

    /**
     * Whether a text is told right to left (Hebrew, Arabic...): more of its strongly directional letters are right to
     * left than left to right, the placeholders de-identification leaves ({@code [name]}, {@code [date]}...) not
     * counted, so that a Hebrew story that starts with a removed name or a code such as CAR-T is still one. The
     * digest then sets it as a right-to-left paragraph of its own, as a browser sets text whose direction is "auto".
     * (openhtmltopdf takes the direction from the block only: in a left-to-right paragraph, a number inside a
     * right-to-left sentence split it in two, and the two halves came out in the wrong order.)
     */
    static boolean rightToLeft(String text) {
        if (text == null) {
            return false;
        }
        String letters = PLACEHOLDERS.matcher(text).replaceAll(" ");
        int right = 0;
        int left = 0;
        for (int i = 0; i < letters.length(); ) {
            int cp = letters.codePointAt(i);
            byte d = Character.getDirectionality(cp);
            if (d == Character.DIRECTIONALITY_LEFT_TO_RIGHT) {
                left++;
            } else if (d == Character.DIRECTIONALITY_RIGHT_TO_LEFT
                    || d == Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC) {
                right++;
            }
            i += Character.charCount(cp);
        }
        return right > left;
    }

    private Map<String, Object> method() {
        DisclosureRules r = in.rules();
        DisclosureRules d = DisclosureRules.defaults();
        var settings = in.signalSettings();
        // Only the settings, not the release's test counts: a past digest must keep its bytes in later releases.
        List<Map<String, Object>> methods = List.of(
                map("label", "Trend window", "value", settings.trendQuarters() + " quarters"),
                map("label", "Spike baseline", "value", settings.spikeBaselineQuarters() + " quarters"),
                map("label", "False discovery rate", "value", percent(settings.falseDiscoveryRate())),
                map("label", "Fewest reports for a trend or spike test", "value",
                        Long.toString(settings.minEvents())));
        return map("minContributors", Integer.toString(r.minContributors()), "minEvents", Long.toString(r.minEvents()),
                "dominance", percent(r.dominance()), "pPercent", percent(r.pPercent()),
                "defaults", map("minContributors", Integer.toString(d.minContributors()),
                        "minEvents", Long.toString(d.minEvents()), "dominance", percent(d.dominance()),
                        "pPercent", percent(d.pPercent())),
                "weaker", in.weakerRules(), "methods", methods);
    }

    static String percent(double share) {
        double v = share * 100;
        return v == Math.rint(v) ? Long.toString(Math.round(v)) + "%" : String.format(Locale.ROOT, "%.1f%%", v);
    }

    /** How the period's rows of cells.csv divide: published with reports or zero, withheld by a rule or a complement. */
    private Map<String, Object> data() {
        long rows = 0;
        long withReports = 0;
        long zero = 0;
        long suppressed = 0;
        long secondary = 0;
        for (PublishedCell c : cells.rows()) {
            if (!c.key().period().equals(p.period())) {
                continue;
            }
            rows++;
            if (c.status().equals(PublishedCell.SUPPRESSED_SECONDARY)) {
                secondary++;
            } else if (!c.isPublished()) {
                suppressed++;
            } else if (c.events() != null && c.events() == 0) {
                zero++;
            } else {
                withReports++;
            }
        }
        return map("rows", Long.toString(rows), "withReports", Long.toString(withReports), "zero",
                Long.toString(zero), "suppressed", Long.toString(suppressed), "secondary", Long.toString(secondary));
    }

    static Map<String, Object> map(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }
}
