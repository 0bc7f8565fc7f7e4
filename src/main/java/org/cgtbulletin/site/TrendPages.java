package org.cgtbulletin.site;

import static org.cgtbulletin.site.CellLookup.ALL;
import static org.cgtbulletin.site.CellLookup.view;
import static org.cgtbulletin.site.Site.map;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.cgtbulletin.chart.ChartPoint;
import org.cgtbulletin.chart.TrendSeries;
import org.cgtbulletin.analyze.Rates;
import org.cgtbulletin.model.Dimension;
import org.cgtbulletin.model.PublishedCell;
import org.cgtbulletin.model.Quarter;
import org.cgtbulletin.model.TaxonomyCode;
import org.cgtbulletin.publish.CellsFiles;
import org.cgtbulletin.publish.SafeCsv;

/**
 * One trend page per process step, failure mode and product class: the quarterly rate with its interval band,
 * withheld quarters as gaps, the chart's data table and CSV (exactly its rows of cells.csv), breakdowns by the
 * other dimensions, related signals, stories and lessons. Also the tables other pages reuse.
 */
final class TrendPages {

    /** Lessons listed on a trend page; the rest are a link away. */
    static final int MAX_LESSONS = 8;

    private final Pages pages;
    private final SiteInput in;
    private final CellLookup cells;
    private int charts;

    TrendPages(Pages pages, SiteInput in, CellLookup cells) {
        this.pages = pages;
        this.in = in;
        this.cells = cells;
    }

    int charts() {
        return charts;
    }

    /** The URL folder of a dimension's trend pages. */
    static String folder(Dimension d) {
        return switch (d) {
            case PROCESS_STEP -> "steps";
            case FAILURE_MODE -> "modes";
            case PRODUCT_CLASS -> "products";
            default -> throw new IllegalArgumentException(d.toString());
        };
    }

    static String plural(Dimension d) {
        return switch (d) {
            case PROCESS_STEP -> "Process steps";
            case FAILURE_MODE -> "Failure modes";
            case PRODUCT_CLASS -> "Product classes";
            default -> throw new IllegalArgumentException(d.toString());
        };
    }

    static String singular(Dimension d) {
        return switch (d) {
            case PROCESS_STEP -> "Process step";
            case FAILURE_MODE -> "Failure mode";
            case PRODUCT_CLASS -> "Product class";
            default -> throw new IllegalArgumentException(d.toString());
        };
    }

    /** The cell key pattern of one code of a dimension, all other dimensions as margins. */
    private static String[] key(Dimension d, String code) {
        return new String[] {d == Dimension.PRODUCT_CLASS ? code : ALL, d == Dimension.PROCESS_STEP ? code : ALL,
            d == Dimension.FAILURE_MODE ? code : ALL, ALL};
    }

    private static String[] cross(Dimension d1, String c1, Dimension d2, String c2) {
        String[] k = key(d1, c1);
        String[] k2 = key(d2, c2);
        for (int i = 0; i < 4; i++) {
            if (!k2[i].equals(ALL)) {
                k[i] = k2[i];
            }
        }
        return k;
    }

    void renderAll() throws IOException, Templates.TemplateProblem {
        for (Dimension d : new Dimension[] {Dimension.PROCESS_STEP, Dimension.FAILURE_MODE,
            Dimension.PRODUCT_CLASS}) {
            String f = folder(d);
            pages.page(f + "/", "dimension.ftlh", plural(d), f, map("dimension", plural(d),
                    "groups", groups(d)));
            for (TaxonomyCode c : in.taxonomy().codes(d)) {
                trendPage(d, c);
            }
        }
    }

    /** The codes of a dimension by group, each with its latest-quarter and all-quarters cells. */
    private List<Map<String, Object>> groups(Dimension d) {
        List<Map<String, Object>> groups = new ArrayList<>();
        for (String g : in.taxonomy().groups(d)) {
            List<Map<String, Object>> codes = new ArrayList<>();
            for (TaxonomyCode c : in.taxonomy().codes(d)) {
                if (c.group().equals(g)) {
                    codes.add(codeRow(d, c));
                }
            }
            groups.add(map("group", g, "codes", codes));
        }
        return groups;
    }

    private Map<String, Object> codeRow(Dimension d, TaxonomyCode c) {
        String[] k = key(d, c.code());
        String latest = in.asOf() == null ? "" : in.asOf().toString();
        return map("code", c.code(), "label", c.label(), "description", c.description(),
                "href", folder(d) + "/" + c.code() + "/index.html",
                "latest", view(cells.get(latest, k[0], k[1], k[2], k[3])),
                "all", view(cells.get("all", k[0], k[1], k[2], k[3])));
    }

    /** For the home page: the process steps with their latest and all-quarter numbers. */
    List<Map<String, Object>> dimensionIndex(Dimension d) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (TaxonomyCode c : in.taxonomy().codes(d)) {
            rows.add(codeRow(d, c));
        }
        return rows;
    }

    List<Map<String, Object>> codes(Dimension d) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (TaxonomyCode c : in.taxonomy().codes(d)) {
            list.add(map("code", c.code(), "label", c.label(), "href", folder(d) + "/" + c.code() + "/index.html"));
        }
        return list;
    }

    private void trendPage(Dimension d, TaxonomyCode c) throws IOException, Templates.TemplateProblem {
        String path = folder(d) + "/" + c.code() + "/";
        String[] k = key(d, c.code());
        // Without data the page says so and shows no chart, so none is drawn (as on the home page).
        Map<String, Object> chart = in.asOf() == null ? null
                : chart(path, "chart-" + folder(d) + "-" + c.code(), c.label(), k);
        List<Map<String, Object>> breakdowns = new ArrayList<>();
        for (Dimension other : new Dimension[] {Dimension.PROCESS_STEP, Dimension.FAILURE_MODE,
            Dimension.PRODUCT_CLASS}) {
            if (other != d) {
                Map<String, Object> b = breakdown(d, c.code(), other);
                if (b != null) {
                    breakdowns.add(b);
                }
            }
        }
        String code = c.code();
        List<org.cgtbulletin.content.EditorialContent.Lesson> tagged = in.content().lessons().stream()
                .filter(l -> l.tagged(d == Dimension.PROCESS_STEP ? code : null,
                        d == Dimension.FAILURE_MODE ? code : null, d == Dimension.PRODUCT_CLASS ? code : null))
                .toList();
        pages.page(path, "trend.ftlh", c.label(), folder(d), map(
                "dimension", d.field(), "dimensionLabel", plural(d), "folder", folder(d),
                "code", code, "label", c.label(), "description", c.description(), "group", c.group(),
                "chart", chart, "breakdowns", breakdowns,
                "signals", pages.signalViews(s -> switch (d) {
                    case PROCESS_STEP -> s.processStep().equals(code);
                    case FAILURE_MODE -> s.failureMode().equals(code);
                    default -> s.productClass().equals(code);
                }),
                "stories", pages.storyViews(pages.storiesOf(d, code), s -> switch (d) {
                    case PROCESS_STEP -> s.processStep().equals(code);
                    case FAILURE_MODE -> s.failureMode().equals(code);
                    default -> code.equals(s.productClass());
                }, 5),
                "lessons", pages.lessonViews(tagged.subList(0, Math.min(MAX_LESSONS, tagged.size()))),
                "moreLessons", Math.max(0, tagged.size() - MAX_LESSONS)));
        pages.search(c.label(), path + "index.html", singular(d), c.description());
    }

    /** The home page's chart of all failure reports. */
    Map<String, Object> overallChart() {
        return chart("", "chart-overall", "All failure reports", new String[] {ALL, ALL, ALL, ALL});
    }

    /**
     * Writes {@code trend.svg} and {@code trend.csv} next to the page and returns the chart's model: the
     * points, the text alternative and the withheld quarters (the same {@link TrendSeries} the PDF digests draw).
     */
    private Map<String, Object> chart(String path, String id, String label, String[] k) {
        List<PublishedCell> series = cells.series(k[0], k[1], k[2], k[3]);
        TrendSeries chart = TrendSeries.of(label, series, cells.rates());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < series.size(); i++) {
            Map<String, Object> row = view(series.get(i));
            ChartPoint drawn = chart.points().get(i);
            if (!cells.rates() && drawn.low() != null) { // a count's exact Poisson interval, as the chart draws it
                row.put("low", Rates.format(drawn.low()));
                row.put("high", Rates.format(drawn.high()));
            }
            rows.add(row);
        }
        Path dir = pages.out().resolve(path);
        String file = path.isEmpty() ? "overall" : "trend";
        Path drawn = pages.sameData() == null ? null : pages.sameData().resolve(path).resolve(file + ".svg");
        pages.job(() -> {
            Files.createDirectories(dir);
            if (drawn != null && Files.isRegularFile(drawn)) {
                Files.copy(drawn, dir.resolve(file + ".svg")); // same data, same chart: no need to draw it again
            } else {
                Files.writeString(dir.resolve(file + ".svg"), chart.svg(id), StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE_NEW);
            }
            try (BufferedWriter w = Files.newBufferedWriter(dir.resolve(file + ".csv"), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE_NEW);
                 SafeCsv csv = new SafeCsv(w, CellsFiles.HEADER)) {
                for (PublishedCell c : series) {
                    csv.row(CellsFiles.fields(c));
                }
            }
        });
        charts++;
        return map("svg", file + ".svg", "csv", file + ".csv", "title", chart.title(), "alt", chart.description(),
                "rows", rows, "withheld", String.join(", ", chart.withheld()),
                "noRate", String.join(", ", chart.noRate()), "rates", cells.rates());
    }

    /** A table of {@code other}'s codes within one code of {@code d}, for the latest quarter, its year and all. */
    private Map<String, Object> breakdown(Dimension d, String code, Dimension other) {
        if (in.asOf() == null) {
            return null;
        }
        List<String> periods = List.of(in.asOf().toString(), Integer.toString(in.asOf().year()), "all");
        List<Map<String, Object>> rows = new ArrayList<>();
        List<String> none = new ArrayList<>();
        boolean any = false;
        for (TaxonomyCode oc : in.taxonomy().codes(other)) {
            String[] k = cross(d, code, other, oc.code());
            List<Map<String, Object>> values = new ArrayList<>();
            boolean allZero = true;
            for (String p : periods) {
                PublishedCell c = cells.get(p, k[0], k[1], k[2], k[3]);
                any |= c != null;
                allZero &= c != null && c.events() != null && c.events() == 0;
                values.add(view(c));
            }
            if (allZero) {
                none.add(oc.label());
            } else {
                rows.add(map("label", oc.label(), "href", folder(other) + "/" + oc.code() + "/index.html",
                        "values", values));
            }
        }
        if (!any) {
            return null; // this combination of dimensions is not a published table
        }
        List<String> headers = new ArrayList<>();
        for (String p : periods) {
            headers.add(p.length() == 4 ? p + (in.asOf().quarter() < 4 ? " (to Q" + in.asOf().quarter() + ")" : "")
                    : CellLookup.periodLabel(p));
        }
        return map("title", "By " + singular(other).toLowerCase(java.util.Locale.ROOT), "periods", headers,
                "rows", rows, "none", String.join(", ", none));
    }

    /** One quarter's numbers for each code of a dimension, beside the same quarter a year before. */
    List<Map<String, Object>> quarterTable(Dimension d, Quarter q) {
        String before = new Quarter(q.year() - 1, q.quarter()).toString();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (TaxonomyCode c : in.taxonomy().codes(d)) {
            String[] k = key(d, c.code());
            rows.add(map("label", c.label(), "href", folder(d) + "/" + c.code() + "/index.html",
                    "now", view(cells.get(q.toString(), k[0], k[1], k[2], k[3])),
                    "before", view(cells.get(before, k[0], k[1], k[2], k[3]))));
        }
        return rows;
    }

    /** The quarter's failure modes with the most published events (ties in taxonomy order). */
    List<Map<String, Object>> quarterTopModes(Quarter q, int max) {
        List<Map<String, Object>> rows = new ArrayList<>(quarterTable(Dimension.FAILURE_MODE, q));
        rows.removeIf(r -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> now = (Map<String, Object>) r.get("now");
            return !(Boolean) now.get("published") || "0".equals(now.get("events"));
        });
        rows.sort(Comparator.comparingLong((Map<String, Object> r) -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> now = (Map<String, Object>) r.get("now");
            return -Long.parseLong((String) now.get("events"));
        }));
        return rows.subList(0, Math.min(max, rows.size()));
    }

    /** The step x mode heat map for one period: modes as rows (grouped), steps as columns. */
    Map<String, Object> matrix(String period) {
        long max = 0;
        for (PublishedCell c : in.cells()) {
            if (c.key().period().equals(period) && !c.key().processStep().equals(ALL)
                    && !c.key().failureMode().equals(ALL) && c.key().productClass().equals(ALL)
                    && c.events() != null) {
                max = Math.max(max, c.events());
            }
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        String group = null;
        for (TaxonomyCode m : in.taxonomy().codes(Dimension.FAILURE_MODE)) {
            List<Map<String, Object>> values = new ArrayList<>();
            for (TaxonomyCode s : in.taxonomy().codes(Dimension.PROCESS_STEP)) {
                PublishedCell c = cells.get(period, ALL, s.code(), m.code(), ALL);
                Map<String, Object> v = view(c);
                v.put("heat", c == null || c.events() == null || max == 0 ? -1
                        : (int) Math.ceil(6.0 * c.events() / max));
                v.put("step", s.label());
                values.add(v);
            }
            rows.add(map("label", m.label(), "href", "modes/" + m.code() + "/index.html",
                    "group", m.group().equals(group) ? "" : m.group(), "values", values));
            group = m.group();
        }
        String label = period.equals("all") ? "All quarters" : period
                + (in.asOf() != null && in.asOf().year() == Integer.parseInt(period) && in.asOf().quarter() < 4
                        ? " (to Q" + in.asOf().quarter() + ")" : "");
        return map("period", period, "label", label, "rows", rows);
    }
}
