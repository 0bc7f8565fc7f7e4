package org.cgtbulletin.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.parsers.DocumentBuilderFactory;

import org.cgtbulletin.cli.CliRun;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The website built from the shipped sample: every path of the contract exists, every link and image resolves
 * inside the site, nothing is loaded from another host, every number on a page is a value of cells.csv, and each
 * chart's CSV is exactly its rows of cells.csv.
 */
class SiteBuildTest {

    @TempDir
    static Path dir;
    static Path site;
    static final String BASE = "https://bulletin.example.org/";

    @BeforeAll
    static void buildTheSample() {
        site = dir.resolve("site");
        CliRun run = CliRun.of("build", "--output", site.toString(), "--audit", dir.resolve("audit").toString());
        assertEquals(0, run.status(), run.err());
    }

    @Test
    void everyPathOfTheContractExists() throws IOException {
        List<String> codes = new ArrayList<>();
        for (String p : List.of("index.html", "bulletins/index.html", "bulletins/2026-q3/index.html",
                "bulletins/2022-q4/index.html", "steps/expansion/index.html", "steps/facility/index.html",
                "modes/mycoplasma_positive/index.html", "products/aav_vector/index.html", "lessons/index.html",
                "methodology/index.html", "data/index.html", "data/cells.csv", "feed.xml", "sitemap.xml",
                "404.html", "matrix/index.html", "search/index.html", "stories/index.html")) {
            if (!Files.isRegularFile(site.resolve(p))) {
                codes.add(p);
            }
        }
        assertEquals(List.of(), codes, "missing pages");
    }

    private static final Pattern LINK = Pattern.compile("(?:href|src)=\"([^\"]*)\"");

    @Test
    void everyLinkAndImageResolvesInsideTheSite() throws IOException {
        List<String> broken = new ArrayList<>();
        int checked = 0;
        for (Path page : SiteFiles.files(site, ".html")) {
            if (page.getFileName().toString().equals("404.html")) {
                continue; // links from the site root, for any depth
            }
            Matcher m = LINK.matcher(Files.readString(page));
            while (m.find()) {
                String url = m.group(1).replace("&amp;", "&");
                if (url.startsWith(BASE) || url.startsWith("#") || url.equals("index.html?")) {
                    continue;
                }
                assertFalse(url.matches("^[a-z]+:.*"), page + " links outside the site: " + url);
                String file = url.replaceAll("[#?].*$", "");
                if (file.isEmpty()) {
                    continue;
                }
                checked++;
                if (!Files.exists(page.getParent().resolve(file).normalize())) {
                    broken.add(site.relativize(page) + " -> " + url);
                }
            }
        }
        assertEquals(List.of(), broken);
        assertTrue(checked > 1000, "links checked: " + checked);
    }

    @Test
    void nothingIsLoadedFromAnotherHost() throws IOException {
        Pattern remote = Pattern.compile("(?:src=\"|url\\(|@import\\s+\"|xlink:href=\")\\s*(?:https?:)?//",
                Pattern.CASE_INSENSITIVE);
        Pattern remoteStyle = Pattern.compile("<link[^>]+rel=\"stylesheet\"[^>]+href=\"(?:https?:)?//");
        for (String suffix : List.of(".html", ".css", ".svg", ".js")) {
            for (Path f : SiteFiles.files(site, suffix)) {
                String text = Files.readString(f);
                assertFalse(remote.matcher(text).find(), f + " loads from another host");
                assertFalse(remoteStyle.matcher(text).find(), f + " loads a style sheet from another host");
            }
        }
    }

    private static final Pattern NUMBER_CELL = Pattern.compile(
            "<td class=\"num[^\"]*\">(.*?)</td>|<span class=\"big\">(.*?)</span>", Pattern.DOTALL);
    private static final Pattern NUMBER = Pattern.compile("(?<![\\w.])\\d+(?:\\.\\d+)?(?![\\w.])");

    @Test
    void everyNumberInATableOrHeadlineIsAValueOfCellsCsv() throws IOException {
        Set<String> published = SiteFiles.publishedNumbers(site);
        List<String> strays = new ArrayList<>();
        int seen = 0;
        for (Path page : SiteFiles.files(site, ".html")) {
            Matcher m = NUMBER_CELL.matcher(Files.readString(page));
            while (m.find()) {
                String cell = (m.group(1) != null ? m.group(1) : m.group(2)).replaceAll("<[^>]*>", " ");
                Matcher n = NUMBER.matcher(cell);
                while (n.find()) {
                    seen++;
                    if (!published.contains(n.group())) {
                        strays.add(site.relativize(page) + ": " + n.group());
                    }
                }
            }
        }
        assertTrue(seen > 5000, "numbers seen: " + seen);
        assertEquals(List.of(), strays.subList(0, Math.min(20, strays.size())));
    }

    @Test
    void eachChartCsvIsExactlyItsRowsOfCellsCsv() throws IOException {
        List<String> cells = Files.readAllLines(site.resolve("data/cells.csv"));
        Set<String> rows = new HashSet<>(cells.subList(1, cells.size()));
        List<Path> charts = SiteFiles.files(site, "trend.csv");
        assertTrue(charts.size() > 50, "charts: " + charts.size());
        for (Path csv : charts) {
            List<String> lines = Files.readAllLines(csv);
            assertEquals(cells.get(0), lines.get(0));
            assertEquals(16, lines.size() - 1, csv + ": one row per quarter 2022-Q4..2026-Q3");
            for (String line : lines.subList(1, lines.size())) {
                assertTrue(rows.contains(line), csv + ": " + line);
            }
        }
    }

    @Test
    void chartsAreAccessibleSvgWithTheirOwnIds() throws IOException {
        for (Path svg : SiteFiles.files(site, ".svg")) {
            String text = Files.readString(svg);
            String id = svg.getParent().equals(site) ? "chart-overall"
                    : "chart-" + svg.getParent().getParent().getFileName() + "-" + svg.getParent().getFileName();
            assertTrue(text.contains("role=\"img\""), svg.toString());
            assertTrue(text.contains("<title id=\"" + id + "-title\""), svg + " has no title");
            assertTrue(text.contains("<desc id=\"" + id + "-desc\""), svg + " has no description");
            Matcher ids = Pattern.compile(" id=\"([^\"]+)\"").matcher(text);
            while (ids.find()) {
                assertTrue(ids.group(1).startsWith(id + "-") || ids.group(1).equals("genericDefs"),
                        svg + ": " + ids.group(1));
            }
        }
        String page = Files.readString(site.resolve("steps/expansion/index.html"));
        assertTrue(page.contains("<img src=\"trend.svg\" width=\"720\" height=\"300\" alt=\"Line chart of Expansion"),
                "the chart's text alternative is on the page");
        assertTrue(page.contains("<caption>Expansion: failure reports per 100 batches started, by quarter</caption>"));
    }

    @Test
    void feedAndSitemapAreWellFormedXmlWithAbsoluteUrls() throws Exception {
        var factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        var feed = factory.newDocumentBuilder().parse(site.resolve("feed.xml").toFile());
        assertEquals(16, feed.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "entry").getLength());
        assertTrue(Files.readString(site.resolve("feed.xml")).contains("<id>" + BASE + "bulletins/2026-q3/</id>"));
        var sitemap = factory.newDocumentBuilder().parse(site.resolve("sitemap.xml").toFile());
        var locs = sitemap.getElementsByTagNameNS("http://www.sitemaps.org/schemas/sitemap/0.9", "loc");
        assertTrue(locs.getLength() > 80);
        for (int i = 0; i < locs.getLength(); i++) {
            assertTrue(locs.item(i).getTextContent().startsWith(BASE));
        }
    }

    @Test
    void pagesAreUtf8HtmlWithLanguageSkipLinkAndCanonicalUrl() throws IOException {
        for (Path page : SiteFiles.files(site, ".html")) {
            String text = new String(Files.readAllBytes(page), StandardCharsets.UTF_8);
            assertTrue(text.startsWith("<!DOCTYPE html>"), page.toString());
            assertTrue(text.contains("<html lang=\"en\">"), page.toString());
            assertTrue(text.contains("<a class=\"skip\" href=\"#main\">"), page.toString());
            assertTrue(text.contains("<link rel=\"canonical\" href=\"" + BASE), page.toString());
        }
    }

    /** A year's stories are split into pages of at most 100; together the pages hold each story once. */
    @Test
    void storiesArePagedAndEachStoryIsOnExactlyOnePage() throws IOException {
        int published;
        try (var r = Files.newBufferedReader(site.resolve("data/stories.csv"))) {
            published = org.apache.commons.csv.CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true)
                    .build().parse(r).getRecords().size();
        }
        java.util.Set<String> seen = new java.util.HashSet<>();
        int pagesOverOne = 0;
        try (var years = Files.list(site.resolve("stories"))) {
            for (Path year : years.filter(Files::isDirectory).sorted().toList()) {
                try (var pages = Files.walk(year)) {
                    for (Path page : pages.filter(p -> p.getFileName().toString().equals("index.html")).toList()) {
                        Matcher m = Pattern.compile("id=\"story-([^\"]+)\"").matcher(Files.readString(page));
                        int n = 0;
                        while (m.find()) {
                            n++;
                            assertTrue(seen.add(m.group(1)), "story " + m.group(1) + " on two pages");
                        }
                        assertTrue(n <= 100, page + ": " + n + " stories");
                        pagesOverOne += page.getParent().equals(year) ? 0 : 1;
                    }
                }
            }
        }
        assertEquals(published, seen.size(), "every published story is on a year page");
        assertTrue(pagesOverOne > 0, "the sample has years of more than 100 stories");
    }
}
