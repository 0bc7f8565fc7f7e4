package org.cgtbulletin.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionURI;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationLink;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDOutlineItem;
import org.apache.pdfbox.text.PDFTextStripper;
import org.cgtbulletin.cli.CliRun;
import org.cgtbulletin.publish.StoriesFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stories through the whole build: no planted identifier reaches any file of the site, hostile markup is inert
 * in every output format, Unicode survives, editors' choices work, the audit lists what was done, and the same
 * input gives the same bytes.
 */
class StoriesBuildTest {

    /** What the sample generator plants in ~3% of its narratives (org.cgtbulletin.sample.Narratives). */
    static final List<String> PLANTED = List.of("22-0417B", "CX-20931", "j.doe@example-bio.com", "j.doe",
            "example-bio.com", "+44 20 7946 0958", "7946 0958", "(617) 555-0143", "555-0143", "14 March 2025",
            "2025-03-14", "Dr. Meyer", "https://qms.example.org/dev/4411", "qms.example.org", "Northbridge",
            "Halvorsen", "Ridgeway");

    @TempDir
    Path dir;

    private CliRun build(Path content, String... more) {
        List<String> args = new ArrayList<>(List.of("build", "--content", content.toString(), "--output",
                dir.resolve("site").toString(), "--audit", dir.resolve("audit").toString()));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    private static Map<Path, String> files(Path root) throws IOException {
        Map<Path, String> m = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                m.put(root.relativize(p), p.toString().endsWith(".pdf") ? pdfText(p)
                        : Files.readString(p, StandardCharsets.UTF_8));
            }
        }
        return m;
    }

    /**
     * Everything a reader could get out of a PDF digest: its extracted text, metadata, bookmarks, link targets and
     * attachments (not its raw bytes, where compressed streams match short tokens by chance).
     */
    private static String pdfText(Path pdf) throws IOException {
        byte[] bytes = Files.readAllBytes(pdf);
        StringBuilder all = new StringBuilder();
        try (PDDocument doc = Loader.loadPDF(bytes)) {
            all.append(new PDFTextStripper().getText(doc)).append('\n');
            var info = doc.getDocumentInformation();
            all.append(info.getTitle()).append('\n').append(info.getSubject()).append('\n')
                    .append(info.getKeywords()).append('\n');
            if (doc.getDocumentCatalog().getMetadata() != null) {
                all.append(new String(doc.getDocumentCatalog().getMetadata().toByteArray(), StandardCharsets.UTF_8));
            }
            for (var page : doc.getPages()) {
                for (var a : page.getAnnotations()) {
                    if (a instanceof PDAnnotationLink link && link.getAction() instanceof PDActionURI uri) {
                        all.append(uri.getURI()).append('\n');
                    }
                }
            }
            var outline = doc.getDocumentCatalog().getDocumentOutline();
            if (outline != null) {
                java.util.ArrayDeque<PDOutlineItem> todo = new java.util.ArrayDeque<>();
                outline.children().forEach(todo::add);
                while (!todo.isEmpty()) {
                    PDOutlineItem item = todo.pop();
                    all.append(item.getTitle()).append('\n');
                    item.children().forEach(todo::add);
                }
            }
            var names = doc.getDocumentCatalog().getNames();
            if (names != null && names.getEmbeddedFiles() != null) {
                for (var f : names.getEmbeddedFiles().getNames().values()) {
                    all.append(new String(f.getEmbeddedFileUnicode().toByteArray(), StandardCharsets.UTF_8));
                }
            }
        }
        return all.toString();
    }

    private static List<CSVRecord> csv(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file)) {
            return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build().parse(r).getRecords();
        }
    }

    /** The cells of a period a story of stories.csv falls in, as "period|class|step|mode|outcome". */
    private static List<String> storyCells(CSVRecord st, String period) {
        List<String> keys = new ArrayList<>();
        for (String pc : List.of("*", st.get("product_class").isEmpty() ? "*" : st.get("product_class"))) {
            for (String step : List.of("*", st.get("process_step"))) {
                for (String mode : List.of("*", st.get("failure_mode"))) {
                    for (String outcome : List.of("*", st.get("outcome"))) {
                        keys.add(String.join("|", period, pc, step, mode, outcome));
                    }
                }
            }
        }
        return keys;
    }

    /** The shipped sample: its publishable narratives carry every planted identifier; the site carries none. */
    @Test
    void noPlantedIdentifierReachesAnyFileOfTheBuiltSite() throws IOException {
        Path content = Path.of("content");
        List<CSVRecord> reports = csv(content.resolve("data/reports.csv"));
        List<String> denylist = Files.readAllLines(content.resolve("data/denylist.txt")).stream().map(String::strip)
                .filter(t -> !t.isEmpty() && !t.startsWith("#")).toList();
        Set<String> contributors = new TreeSet<>();
        Set<String> reportIds = new TreeSet<>();
        StringBuilder publishable = new StringBuilder();
        for (CSVRecord r : reports) {
            contributors.add(r.get("contributor"));
            reportIds.add(r.get("report_id"));
            if (r.get("publishable").equals("true")) {
                publishable.append(r.get("narrative")).append('\n').append(r.get("lesson")).append('\n');
            }
        }
        for (String planted : List.of("22-0417B", "CX-20931", "j.doe@example-bio.com", "+44 20 7946 0958",
                "(617) 555-0143", "14 March 2025", "2025-03-14", "Dr. Meyer", "https://qms.example.org/dev/4411",
                "Northbridge Cell Therapies", "Halvorsen Biologics", "Ridgeway")) {
            assertTrue(publishable.indexOf(planted) >= 0, "the test needs '" + planted + "' in a publishable row");
        }
        CliRun run = build(content);
        assertEquals(0, run.status(), run.err());
        Map<Path, String> site = files(dir.resolve("site"));
        assertTrue(site.containsKey(Path.of("data/stories.json")) && site.containsKey(Path.of("data/stories.csv"))
                && site.containsKey(Path.of("stories/index.html")) && site.containsKey(Path.of("index.html")));
        List<CSVRecord> stories = csv(dir.resolve("site/data/stories.csv"));
        assertTrue(stories.size() > 200, "the sample's stories are published");
        // a story says its cells hold a report: each cell it falls in (quarter, year, all; every table) is published
        Map<String, String> status = new java.util.HashMap<>();
        for (CSVRecord c : csv(dir.resolve("site/data/cells.csv"))) {
            status.put(String.join("|", c.get("period"), c.get("product_class"), c.get("process_step"),
                    c.get("failure_mode"), c.get("outcome")), c.get("status"));
        }
        Map<String, Long> events = new java.util.HashMap<>();
        for (CSVRecord c : csv(dir.resolve("site/data/cells.csv"))) {
            if (c.get("status").equals("published")) {
                events.put(String.join("|", c.get("period"), c.get("product_class"), c.get("process_step"),
                        c.get("failure_mode"), c.get("outcome")), Long.parseLong(c.get("events")));
            }
        }
        Map<String, Long> shownIn = new java.util.HashMap<>(); // per cell: the stories shown with its quarter
        List<CSVRecord> byYearOnly = new ArrayList<>();
        for (CSVRecord st : stories) {
            String q = st.get("quarter");
            // its quarter's cells (or, shown by its year only, its year's): the bounds on its year's and all
            // periods' follow from theirs (StoryCells)
            // the id tells the quarter only of a story shown with it
            assertTrue(q.isEmpty() ? st.get("id").matches(st.get("year") + "-[0-9a-f]{10}(-\\d+)?")
                    : st.get("id").startsWith(q.toLowerCase(Locale.ROOT) + "-"), st.get("id"));
            for (String key : storyCells(st, q.isEmpty() ? st.get("year") : q)) {
                String st2 = status.get(key);
                assertTrue(st2 == null || st2.equals("published"), st.get("id") + " in " + key);
                if (!q.isEmpty() && st2 != null) {
                    shownIn.merge(key, 1L, Long::sum);
                }
            }
            if (q.isEmpty()) {
                byYearOnly.add(st);
            }
        }
        // the stories shown by their year only could all lie in published cells, each cell holding no more stories
        // than its count (an assignment to quarters, found here one story after another): so together they are no
        // lower bound on any withheld cell
        assertTrue(byYearOnly.size() > 20, "the sample has stories shown by their year only: " + byYearOnly.size());
        for (CSVRecord st : byYearOnly) {
            boolean room = false;
            for (int quarter = 1; quarter <= 4 && !room; quarter++) {
                String q = st.get("year") + "-Q" + quarter;
                room = events.containsKey(String.join("|", q, "*", "*", "*", "*"));
                for (String key : storyCells(st, q)) {
                    room &= !status.containsKey(key) || events.getOrDefault(key, 0L) > shownIn.getOrDefault(key, 0L);
                }
                if (room) {
                    for (String key : storyCells(st, q)) {
                        if (status.containsKey(key)) {
                            shownIn.merge(key, 1L, Long::sum);
                        }
                    }
                }
            }
            assertTrue(room, st.get("id") + " has a quarter it could lie in, beside those placed before it");
        }
        List<String> forbidden = new ArrayList<>(PLANTED);
        forbidden.addAll(denylist);
        Pattern token = Pattern.compile("(?<![A-Za-z0-9_.-])(" + String.join("|", contributors.stream()
                .map(Pattern::quote).toList()) + ")(?![A-Za-z0-9_-])");
        Pattern reportId = Pattern.compile("\\bR-\\d{6}\\b");
        for (Map.Entry<Path, String> f : site.entrySet()) {
            String lower = f.getValue().toLowerCase(Locale.ROOT);
            for (String id : forbidden) {
                assertFalse(lower.contains(id.toLowerCase(Locale.ROOT)), "'" + id + "' found in site/" + f.getKey());
            }
            if (!f.getKey().toString().startsWith("data/cells")) { // cells files hold only codes and numbers
                Matcher m = token.matcher(f.getValue());
                assertFalse(m.find(), () -> "contributor token '" + m.group() + "' in site/" + f.getKey());
            }
            assertFalse(reportId.matcher(f.getValue()).find(), "a report id in site/" + f.getKey());
        }
        // the staff audit, not the site, says what was removed
        JsonNode audit = new ObjectMapper().readTree(dir.resolve("audit/audit.json").toFile());
        assertTrue(audit.get("stories").get("summary").get("identifiers_removed").asLong() > 30);
        assertTrue(audit.get("stories").get("withheld").toString().contains("falls in a withheld cell ("),
                "the staff audit says why a story in a withheld cell is withheld");
        assertTrue(audit.get("stories").get("redactions").get(0).get("report_id").asText().matches("R-\\d{6}"));
        // the sample's audit decides every check (the whole component's program settles what the restricted ones
        // leave open), and the summary line says what it lists: complements whose range non-negativity pins
        for (String system : List.of("events", "batches_started")) {
            assertEquals(0, audit.get(system).get("interval_not_proven").size(), system);
            assertEquals(0, audit.get(system).get("largest_contributor_not_proven").size(), system);
        }
        BuildDisclosureTest.assertSummaryNamesWhatTheAuditLeftOpen(run.out(), audit);
        // a review of 5 Dec worked these two withheld cells out through the class-by-step-by-mode table's published
        // zeros (README, "not done"); more cells are now kept withheld so that no withheld count is derivable that
        // way, nor narrowed below its protection through that table's non-negative cells (a later review's LP found
        // 2023-Q1 ipsc_derived/harvest/*/* held to [0, 1]); the staff audit lists no such count left, only ranges
        // through that table the audit's budget left open, and says which cells were kept for it
        for (JsonNode left : audit.get("events_exposed_through_the_three_way_table")) {
            assertTrue(left.asText().endsWith(" (range through it not proven)"), left.asText());
        }
        assertTrue(audit.get("events").get("suppressions").toString().contains("it would narrow the range of"
                + " '2023-Q1 ipsc_derived/harvest/*/*'"), "the range check found the review's cell and widened it");
        Set<String> withheld = new TreeSet<>();
        for (JsonNode s : audit.get("events").get("suppressions")) {
            withheld.add(s.get("cell").asText());
        }
        assertTrue(withheld.contains("2023-Q2 car_t_autologous/*/potency_fail/*")
                && withheld.contains("2022-Q4 car_t_autologous/cell_selection/*/*"), "still withheld");
        assertTrue(audit.get("events").get("suppressions").toString().contains("through the class-by-step-by-mode"
                + " table the two-way tables come from"), "the cells kept for it say why");
        // complements the published cells determine are published, and the staff audit names them (the sample had
        // some until the three-way table's cells were kept withheld too; DisclosureControlTest covers the rule)
        JsonNode determined = audit.get("events").get("complements_published_as_determined");
        Set<String> publishedCells = new TreeSet<>();
        for (CSVRecord c : csv(dir.resolve("site/data/cells.csv"))) {
            if (c.get("status").equals("published")) {
                publishedCells.add(c.get("period") + " " + c.get("product_class") + "/" + c.get("process_step") + "/"
                        + c.get("failure_mode") + "/" + c.get("outcome"));
            }
        }
        for (JsonNode d : determined) {
            assertTrue(publishedCells.contains(d.asText()), d.asText() + " is published");
        }
        assertTrue(determined.isEmpty() || Files.readString(dir.resolve("audit/index.html")).contains("(complements,"
                + " or cells kept from the previous release) that the published cells determine"));
    }

    @Test
    void everyEditorialWarningIsCountedEvenBeyondTheProblemsKept() throws IOException {
        // The stories are finished on a thread of their own beside the audit; their warnings must all reach the
        // run's count, not only the first 10,000 a Problems keeps.
        Path content = hostileDataset();
        Files.writeString(content.resolve("stories.yaml"), "hold:\n  - R-900000\n");
        long one = warnings(build(content));
        StringBuilder many = new StringBuilder("hold:\n");
        for (int i = 0; i < 10_001; i++) {
            many.append("  - R-").append(900_000 + i).append('\n');
        }
        Files.writeString(content.resolve("stories.yaml"), many);
        CliRun run = build(content);
        assertEquals(0, run.status(), run.err());
        assertEquals(one + 10_000, warnings(run), run.err().lines().skip(10_000).toList().toString());
    }

    /** The warning count of a run's last line on the standard error ("0 errors, 3 warnings."). */
    private static long warnings(CliRun run) {
        Matcher m = Pattern.compile("(\\d+) warnings?\\.\\s*$").matcher(run.err());
        assertTrue(m.find(), run.err());
        return Long.parseLong(m.group(1));
    }

    private Path hostileDataset() throws IOException {
        Path content = CliRun.contentWithTaxonomy(dir);
        // Eight reports are too few for the default rules, whose withheld cells would withhold every story (see
        // StoryCells); this dataset is about what reaches the pages, so its cells are all published.
        Files.writeString(content.resolve("bulletin.yaml"), "disclosure:\n  min_contributors: 1\n  min_events: 1\n"
                + "  dominance: 1.0\n  p_percent: 0.0\n");
        String header = "report_id,contributor,occurred,product_class,process_step,failure_mode,outcome,publishable,"
                + "narrative,lesson\n";
        String[][] texts = {
            {"<script>alert('x')</script>Viability fell to 40% at -80 \u00B0C after 5 \u00B5L of DMSO \u2265 10%"
                + " was added to the bag.", "=HYPERLINK(\"http://evil.example.com\",\"click\") was pasted in"
                + " the lesson, so we now check every form field."},
            {"<img src=x onerror=alert(1)>The shipper <b onmouseover=\"alert(2)\">logger</b> showed an excursion"
                + " above -150 \u00B0C for 20 minutes.", "-80 \u00B0C freezers now alarm to two people, tested"
                + " every month."},
            {"<a href=\"javascript:alert(3)\">Click here</a> javascript:alert(4) was found in the deviation text,"
                + " which was otherwise fine.", "+1 more check: supplier audits and -SOP updates were made."},
            {"<svg/onload=alert(5)><iframe src=\"data:text/html,<script>alert(6)</script>\"></iframe>Settle plate"
                + " in the grade A zone grew 3 CFU during an aseptic connection.", "@Ridgeway team retrained"
                + " operators on aseptic sampling."},
            {"Call Dr. Meyer on +44 20 7946 0958 or mail j.doe@example-bio.com about lot 22-0417B from"
                + " Ridgeway, logged on 14 March 2025; the culture expanded slowly after thawing.",
                "Added supplier CoA review of the mycoplasma test method before release."},
            {"The culture was contaminated at the Elmstead site on day 4 of the expansion, after a door"
                + " interlock failed.", "Door interlocks are now tested weekly."},
            {"Mycoplasma detected by qPCR in the day-14 sample; the supplement lot was positive by NAT.",
                "@ 4 \u00B0C the media were stable; we now test incoming media and supplements by NAT."},
            {"Flight cancellation delayed the shipment by 6 hours; the product stayed within its validated window.",
                "Qualified a new shipper with a longer hold time."}};
        StringBuilder b = new StringBuilder(header);
        String[] contributors = {"C1", "C2", "C3", "C4", "C5", "C6", "C7", "C8"};
        for (int i = 0; i < texts.length; i++) {
            b.append("R-").append(100 + i).append(',').append(contributors[i]).append(",2026-0").append(1 + i % 6)
                    .append("-15,car_t_autologous,expansion,low_viability,batch_lost,true,")
                    .append(quote(texts[i][0])).append(',').append(quote(texts[i][1])).append('\n');
        }
        Files.writeString(content.resolve("data/reports.csv"), b.toString());
        Files.writeString(content.resolve("data/denylist.txt"), "# test\nRidgeway\nMeyer\n");
        Files.writeString(content.resolve("stories.yaml"), "feature:\n  - R-106\nhold:\n  - id: R-107\n"
                + "    reason: contributor asked to wait\n  - R-404\n");
        return content;
    }

    private static String quote(String s) {
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }

    /**
     * What the hostile dataset's markup carries: none of it may reach any file, as markup or as text. (Checking
     * the payloads rather than a list of allowed tags keeps this test true whatever the site's own design uses.)
     */
    private static final List<String> PAYLOADS = List.of("alert(", "onerror", "onmouseover", "onload",
            "javascript:alert", "<script>alert", "evil.example", "<iframe", "<img src=x");

    @Test
    void hostileMarkupIsInertInEveryOutputFormatAndUnicodeSurvives() throws IOException {
        Path content = hostileDataset();
        CliRun run = build(content);
        assertEquals(0, run.status(), run.err());
        assertTrue(run.err().contains("stories.yaml:6: hold: warning: report 'R-404' is not in the dataset"),
                run.err());
        Map<Path, String> all = new TreeMap<>();
        files(dir.resolve("site")).forEach((k, v) -> all.put(Path.of("site").resolve(k), v));
        files(dir.resolve("audit")).forEach((k, v) -> all.put(Path.of("audit").resolve(k), v));
        for (Map.Entry<Path, String> f : all.entrySet()) {
            String lower = f.getValue().toLowerCase(Locale.ROOT);
            for (String payload : PAYLOADS) {
                assertFalse(lower.contains(payload), "'" + payload + "' from the data in " + f.getKey());
            }
        }
        String json = all.get(Path.of("site/data/stories.json"));
        assertFalse(json.contains("<") || json.contains(">"), "angle brackets are escaped in the JSON");
        JsonNode stories = new ObjectMapper().readTree(json).get("stories");
        StringBuilder everything = new StringBuilder();
        for (JsonNode s : stories) {
            everything.append(s.get("narrative").asText("")).append('\n').append(s.get("lesson").asText(""));
        }
        String texts = everything.toString();
        for (String kept : List.of("-80 \u00B0C", "5 \u00B5L", "\u2265 10%", "-150 \u00B0C", "day-14",
                "=HYPERLINK(", "@ 4 \u00B0C")) {
            assertTrue(texts.contains(kept), "'" + kept + "' survives as text");
        }
        for (String gone : List.of("Meyer", "Ridgeway", "7946", "example-bio", "22-0417B", "14 March", "alert(",
                "onerror", "Elmstead")) {
            assertFalse(texts.contains(gone), gone);
        }
        assertTrue(texts.contains("Call [name] on [phone] or mail [email] about lot [lot] from [name], logged in"
                + " 2025-Q1; the culture expanded slowly after thawing."), texts);
        // CSV: no field starts with a formula character
        for (CSVRecord r : csv(dir.resolve("site/data/stories.csv"))) {
            for (String field : r) {
                assertFalse(!field.isEmpty() && "=+-@".indexOf(field.charAt(0)) >= 0, "formula field: " + field);
            }
        }
        String csvText = all.get(Path.of("site/data/stories.csv"));
        assertTrue(csvText.contains("'-80 \u00B0C freezers now alarm") && csvText.contains("'=HYPERLINK("),
                csvText);
        assertTrue(csvText.contains("'+1 more check") && csvText.contains("'@ 4 \u00B0C the media"), csvText);
        assertEquals(StoriesFiles.HEADER, List.of(csvText.substring(0, csvText.indexOf('\n')).split(",")));
        // editors: R-106 featured, R-107 held; the Elmstead story withheld; all by report id in the audit only
        assertEquals(6, stories.size());
        long featured = 0;
        for (JsonNode s : stories) {
            featured += s.get("featured").asBoolean() ? 1 : 0;
        }
        assertEquals(1, featured);
        String auditHtml = all.get(Path.of("audit/index.html"));
        assertTrue(auditHtml.contains("<td>R-107</td><td>story</td><td>held by editors: contributor asked to"
                + " wait</td>"), auditHtml);
        assertTrue(auditHtml.contains("<td>R-105</td><td>story</td><td>the narrative still looks identifying"),
                auditHtml);
        assertFalse(auditHtml.contains("Elmstead"), "the audit does not quote the name");
        // a story's text takes its own direction (Hebrew or Arabic among English labels): <bdi>
        assertTrue(all.get(Path.of("site/stories/index.html")).contains("<strong>What happened.</strong> <bdi>"),
                "stories are isolated for direction");
        assertTrue(run.out().contains("6 stories published, 2 withheld"), run.out());
    }

    @Test
    void sameInputGivesTheSameStoriesByteForByte() throws IOException {
        Path content = hostileDataset();
        assertEquals(0, build(content).status());
        Map<Path, String> site = files(dir.resolve("site"));
        Map<Path, String> audit = files(dir.resolve("audit"));
        Files.move(dir.resolve("site"), dir.resolve("site-1"));
        Files.move(dir.resolve("audit"), dir.resolve("audit-1"));
        assertEquals(0, build(content).status());
        assertEquals(site, files(dir.resolve("site")));
        assertEquals(audit, files(dir.resolve("audit")));
    }

    @Test
    void aMisspeltKeyInTheStoriesFileIsALocatedInputError() throws IOException {
        Path content = hostileDataset();
        Files.writeString(content.resolve("stories.yaml"), "feature:\n  - R-106\nholds:\n  - R-107\n");
        CliRun run = build(content);
        assertEquals(1, run.status());
        assertTrue(run.err().contains("stories.yaml:3: holds: unknown key 'holds'; known keys are feature and hold"),
                run.err());
        assertFalse(Files.exists(dir.resolve("site")), "nothing is published");
    }
}
