package org.cgtbulletin.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.cgtbulletin.cli.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Builds on random datasets and checks the published numbers independently: every published cell is true and
 * passes R1-R4, tables are complete, and the audit finds no withheld cell that can be derived.
 */
class BuildDisclosureTest {

    static final String HEADER = "period,product_class,process_step,failure_mode,outcome,events,batches,"
            + "rate_per_100,rate_low,rate_high,status";

    @TempDir
    Path dir;

    private CliRun build(Path content, Path reports, String... more) {
        List<String> args = new ArrayList<>(List.of("build", "--content", content.toString(), "--reports",
                reports.toString(), "--output", dir.resolve("site").toString(), "--audit",
                dir.resolve("audit").toString()));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    static List<CSVRecord> cells(Path site) throws IOException {
        try (Reader r = Files.newBufferedReader(site.resolve("data/cells.csv"))) {
            return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build().parse(r).getRecords();
        }
    }

    /** The true contributions of a cell, recomputed from the rows. */
    static Map<String, Long> truth(List<SmallWorld.Row> rows, CSVRecord cell) {
        Map<String, Long> m = new TreeMap<>();
        for (SmallWorld.Row row : rows) {
            String period = cell.get("period");
            boolean inPeriod = period.equals("all") || row.quarter().equals(period)
                    || row.quarter().startsWith(period + "-");
            if (inPeriod && matches(cell.get("product_class"), row.productClass())
                    && matches(cell.get("process_step"), row.step()) && matches(cell.get("failure_mode"), row.mode())
                    && matches(cell.get("outcome"), row.outcome())) {
                m.merge(row.contributor(), 1L, Long::sum);
            }
        }
        return m;
    }

    private static boolean matches(String cell, String value) {
        return cell.equals("*") || cell.equals(value);
    }

    static boolean passesRules(Map<String, Long> contributions) {
        long t = contributions.values().stream().mapToLong(Long::longValue).sum();
        if (t == 0) {
            return true;
        }
        List<Long> sorted = contributions.values().stream().sorted((a, b) -> Long.compare(b, a)).toList();
        long x1 = sorted.get(0);
        long x2 = sorted.size() > 1 ? sorted.get(1) : 0;
        return sorted.size() >= 3 && t >= 5 && x1 <= 0.75 * t && t - x1 - x2 >= 0.20 * x1;
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
    void everyPublishedCellIsTrueAndSafeAndNothingWithheldCanBeDerived(long seed) throws IOException {
        Path content = SmallWorld.content(dir);
        List<SmallWorld.Row> rows = SmallWorld.rows(seed, 150 + (int) seed * 40, 4 + (int) (seed % 6));
        Path reports = SmallWorld.write(dir.resolve("reports.csv"), rows);
        CliRun run = build(content, reports);
        assertEquals(0, run.status(), run.err());
        List<CSVRecord> cells = cells(dir.resolve("site"));
        Set<String> keys = new HashSet<>();
        for (CSVRecord c : cells) {
            assertTrue(keys.add(c.get("period") + "|" + c.get("product_class") + "|" + c.get("process_step") + "|"
                    + c.get("failure_mode") + "|" + c.get("outcome")), "duplicate key " + c);
            Map<String, Long> truth = truth(rows, c);
            long total = truth.values().stream().mapToLong(Long::longValue).sum();
            if (c.get("status").equals("published")) {
                assertEquals(Long.toString(total), c.get("events"), "published value is the truth: " + c);
                assertTrue(passesRules(truth), "published cell passes R1-R4: " + c + " " + truth);
            } else {
                assertEquals("", c.get("events"), "a withheld cell shows no number: " + c);
                assertTrue(total > 0 || c.get("status").equals("suppressed-secondary"), c.toString());
            }
        }
        // complete: 6 quarters + 2 years + all = 9 periods x (1 + 2 + 3 + 3 + 2 + 9 + 6 + 6) cells
        assertEquals(9 * 32, cells.size());
        JsonNode audit = new ObjectMapper().readTree(dir.resolve("audit/audit.json").toFile());
        assertEquals(0, audit.get("events").get("derivable").size(), audit.get("events").get("derivable").toString());
        assertEquals(0, audit.get("batches_started").get("derivable").size());
        for (String system : List.of("events", "batches_started")) {
            JsonNode summary = audit.get(system).get("summary");
            // Every withheld cell's interval is either checked or counted (and listed) as not proven.
            assertEquals(summary.get("suppressed_primary").asInt() + summary.get("suppressed_secondary").asInt(),
                    summary.get("intervals_checked").asInt() + summary.get("intervals_not_checked").asInt());
            assertEquals(summary.get("intervals_not_checked").asInt(),
                    audit.get(system).get("interval_not_proven").size());
            assertEquals(summary.get("largest_contributor_not_checked").asInt(),
                    audit.get(system).get("largest_contributor_not_proven").size());
            assertTrue(summary.has("intervals_checked_by_restricted_programs"), summary.toString());
            JsonNode changes = audit.get(system).get("changes_since_previous_release");
            assertEquals(summary.get("changes_given_away").asInt(), changes.get("given_away").size());
            assertEquals(summary.get("changes_not_proven").asInt(), changes.get("not_proven").size());
        }
        assertSummaryNamesWhatTheAuditLeftOpen(run.out(), audit);
    }

    /**
     * The build's summary line names what the staff audit could not settle (exposed numbers it did not repair,
     * checks not proven), with the audit's own counts, and says nothing of the kind when the audit settled all.
     */
    static void assertSummaryNamesWhatTheAuditLeftOpen(String out, JsonNode audit) {
        int exposed = 0;
        int ranges = 0;
        int largest = 0;
        int changesAway = 0;
        int changesOpen = 0;
        for (String system : List.of("events", "batches_started")) {
            JsonNode a = audit.get(system);
            Set<String> complements = new TreeSet<>();
            for (JsonNode s : a.get("suppressions")) {
                if (s.get("status").asText().equals("suppressed-secondary")) {
                    complements.add(s.get("cell").asText());
                }
            }
            for (JsonNode narrow : a.get("interval_too_narrow")) {
                // a complement the published cells determine is published, never left withheld and determined
                assertFalse(complements.contains(narrow.asText()), narrow.asText());
                exposed++;
            }
            for (JsonNode determined : a.get("complements_published_as_determined")) {
                assertFalse(complements.contains(determined.asText()), determined.asText());
            }
            exposed += a.get("derivable").size() + a.get("recoverable_by_largest_contributor").size();
            ranges += a.get("interval_not_proven").size();
            largest += a.get("largest_contributor_not_proven").size();
            changesAway += a.get("changes_since_previous_release").get("given_away").size();
            changesOpen += a.get("changes_since_previous_release").get("not_proven").size();
        }
        String line = out.lines().filter(l -> l.startsWith("Built ")).findFirst().orElseThrow();
        int cross = audit.get("events_exposed_through_the_three_way_table").size();
        if (cross > 0) {
            assertTrue(line.contains(cross + (cross == 1 ? " withheld number" : " withheld numbers")
                    + " a reader can work out or narrow through the class-by-step-by-mode table"), line);
        } else {
            assertFalse(line.contains("class-by-step-by-mode"), line);
        }
        for (int i = 0; i < 2; i++) {
            int n = i == 0 ? changesAway : changesOpen;
            String what = i == 0 ? " given away" : " not proven hidden";
            if (n > 0) {
                assertTrue(line.contains(n + (n == 1 ? " change" : " changes") + " since the previous release" + what),
                        line);
            } else {
                assertFalse(line.contains("since the previous release" + what), line);
            }
        }
        if (exposed == 0 && ranges + largest + changesAway + changesOpen + cross == 0) {
            assertFalse(line.contains("which lists"), line);
            return;
        }
        if (exposed > 0) {
            assertTrue(line.contains("which lists " + exposed + " withheld number"), line);
        } else {
            assertFalse(line.contains("proven too narrow"), line);
        }
        assertFalse(line.contains("pinned"), line);
        if (ranges + largest > 0) {
            assertTrue(line.contains(ranges + (ranges == 1 ? " range and " : " ranges and ") + largest
                    + " largest-contributor check"), line);
        } else {
            assertFalse(line.contains("largest-contributor check"), line);
        }
    }

    @Test
    void cellsCsvHasTheContractHeaderAndTheAuditStaysOutsideTheSite() throws IOException {
        Path content = SmallWorld.content(dir);
        Path reports = SmallWorld.write(dir.resolve("reports.csv"), SmallWorld.rows(3, 400, 8));
        assertEquals(0, build(content, reports).status());
        assertEquals(HEADER, Files.readAllLines(dir.resolve("site/data/cells.csv")).get(0));
        assertTrue(Files.exists(dir.resolve("site/data/cells.json")));
        assertTrue(Files.exists(dir.resolve("audit/audit.json")));
        assertTrue(Files.exists(dir.resolve("audit/index.html")));
        try (Stream<Path> files = Files.walk(dir.resolve("site"))) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().startsWith("audit")));
        }
        CliRun inside = CliRun.of("build", "--content", content.toString(), "--reports", reports.toString(),
                "--output", dir.resolve("site").toString(), "--audit", dir.resolve("site/audit").toString());
        assertEquals(2, inside.status());
        // through a symbolic link to the site: still inside it
        Path link = Files.createSymbolicLink(dir.resolve("link"), dir.resolve("site"));
        CliRun linked = CliRun.of("build", "--content", content.toString(), "--reports", reports.toString(),
                "--output", dir.resolve("site").toString(), "--audit", link.resolve("audit").toString());
        assertEquals(2, linked.status(), linked.err());
        assertTrue(linked.err().contains("must not be inside --output"), linked.err());
        assertFalse(Files.exists(dir.resolve("site/audit")));
        // an output folder that cannot be made: exit 3, one line that says why
        Path file = Files.writeString(dir.resolve("a-file"), "");
        CliRun blocked = CliRun.of("build", "--content", content.toString(), "--reports", reports.toString(),
                "--output", file.resolve("site").toString(), "--audit", dir.resolve("audit-3").toString());
        assertEquals(3, blocked.status(), blocked.err());
        assertTrue(blocked.err().contains("bulletin: error: cannot write or read " + file + ": already exists as a"
                + " file"), blocked.err());
        assertFalse(blocked.err().contains("\tat "), blocked.err());
    }

    @Test
    void aBuildNeverReplacesAFolderThatHoldsAnythingButItsOwnOutput() throws IOException {
        Path content = SmallWorld.content(dir);
        Path reports = SmallWorld.write(dir.resolve("reports.csv"), SmallWorld.rows(3, 400, 8));
        // the content folder as the output (it holds the taxonomy): refused before anything is read or written
        CliRun intoContent = CliRun.of("build", "--content", content.toString(), "--reports", reports.toString(),
                "--output", content.toString(), "--audit", dir.resolve("audit").toString());
        assertEquals(2, intoContent.status(), intoContent.err());
        assertTrue(intoContent.err().contains("is or holds the content folder (--content)"), intoContent.err());
        assertTrue(Files.exists(content.resolve("taxonomy.yaml")));
        // a folder holding the reports file
        CliRun overData = CliRun.of("build", "--content", content.toString(), "--reports", reports.toString(),
                "--output", dir.toString(), "--audit", dir.resolveSibling(dir.getFileName() + "-audit").toString());
        assertEquals(2, overData.status(), overData.err());
        assertTrue(Files.exists(reports));
        // a folder of someone's own files, as the site or as the audit
        Path own = Files.createDirectories(dir.resolve("thesis"));
        Files.writeString(own.resolve("chapter1.txt"), "mine");
        CliRun overOwn = CliRun.of("build", "--content", content.toString(), "--reports", reports.toString(),
                "--output", own.toString(), "--audit", dir.resolve("audit").toString());
        assertEquals(2, overOwn.status(), overOwn.err());
        assertTrue(overOwn.err().contains("holds files but no site a build published"), overOwn.err());
        CliRun auditOverOwn = CliRun.of("build", "--content", content.toString(), "--reports",
                reports.toString(), "--output", dir.resolve("site").toString(), "--audit", own.toString());
        assertEquals(2, auditOverOwn.status(), auditOverOwn.err());
        assertEquals("mine", Files.readString(own.resolve("chapter1.txt")));
        assertFalse(Files.exists(dir.resolve("site")));
        // an empty folder, then the same folders again: a site and an audit the build published are replaced
        Files.createDirectories(dir.resolve("site"));
        assertEquals(0, build(content, reports).status());
        assertEquals(0, build(content, reports).status());
        // the audit through a link to a site folder not made yet is inside it all the same
        Path later = dir.resolve("later-site");
        Path link = Files.createSymbolicLink(dir.resolve("to-later"), later);
        CliRun dangling = CliRun.of("build", "--content", content.toString(), "--reports", reports.toString(),
                "--output", later.toString(), "--audit", link.resolve("audit").toString());
        assertEquals(2, dangling.status(), dangling.err());
        assertTrue(dangling.err().contains("must not be inside --output"), dangling.err());
        assertFalse(Files.exists(later));
        // a file where the folder would go is not replaced by one
        Path notes = Files.writeString(dir.resolve("notes"), "mine");
        CliRun overFile = CliRun.of("build", "--content", content.toString(), "--reports", reports.toString(),
                "--output", notes.toString(), "--audit", dir.resolve("audit").toString());
        assertEquals(2, overFile.status(), overFile.err());
        assertEquals("mine", Files.readString(notes));
        // a link followed by '..' climbs from where the link leads (content/data/.. is content, whose lessons
        // folder holds the editors' Markdown), as the file system does
        Path lessons = Files.createDirectories(content.resolve("lessons"));
        Files.writeString(lessons.resolve("a.md"), "---\ntitle: A\n---\nText.\n");
        Files.createSymbolicLink(dir.resolve("L"), Path.of("content", "data"));
        Files.createSymbolicLink(dir.resolve("Q"), Path.of("L", ".."));
        CliRun throughLinks = CliRun.of("build", "--content", content.toString(), "--reports", reports.toString(),
                "--output", dir.resolve("Q/lessons").toString(), "--audit", dir.resolve("audit").toString());
        assertEquals(2, throughLinks.status(), throughLinks.err());
        assertTrue(Files.exists(lessons.resolve("a.md")));
        // a site reached through a link is published where the link leads; the link stays
        Path linkToSite = Files.createSymbolicLink(dir.resolve("published"), dir.resolve("site"));
        CliRun throughLink = CliRun.of("build", "--content", content.toString(), "--reports", reports.toString(),
                "--output", linkToSite.toString(), "--audit", dir.resolve("audit").toString());
        assertEquals(0, throughLink.status(), throughLink.err());
        assertTrue(Files.isSymbolicLink(linkToSite));
        assertTrue(Files.exists(dir.resolve("site/data/cells.csv")));
        // an explicit --previous that is not a file is a mistake, not "no previous release"
        CliRun noPrevious = build(content, reports, "--previous", dir.resolve("nothing.csv").toString());
        assertEquals(2, noPrevious.status(), noPrevious.err());
        assertTrue(noPrevious.err().contains("--previous"), noPrevious.err());
    }

    @Test
    void noReportsGiveASiteThatSaysSoAndWithAnAsOfThatQuartersBulletinAndDigest() throws IOException {
        Path content = SmallWorld.content(dir);
        Path reports = SmallWorld.write(dir.resolve("reports.csv"), List.of());
        CliRun none = build(content, reports);
        assertEquals(0, none.status(), none.err());
        assertTrue(Files.readString(dir.resolve("site/index.html")).contains("No failure reports have been received"));
        assertEquals(List.of(HEADER), Files.readAllLines(dir.resolve("site/data/cells.csv")));
        CliRun asOf = build(content, reports, "--as-of", "2026-Q3");
        assertEquals(0, asOf.status(), asOf.err());
        String home = Files.readString(dir.resolve("site/index.html"));
        assertTrue(home.contains("Latest bulletin · 2026 Q3"), home);
        assertTrue(Files.exists(dir.resolve("site/bulletins/2026-q3/index.html")));
        assertTrue(Files.exists(dir.resolve("site/digests/2026-q3.pdf")));
        assertTrue(Files.readString(dir.resolve("site/bulletins/index.html")).contains("bulletins/2026-q3/")
                || Files.readString(dir.resolve("site/bulletins/index.html")).contains("2026-q3/"));
        assertTrue(cells(dir.resolve("site")).stream().allMatch(r -> r.get("events").equals("0")));
    }

    @Test
    void aQuarterTheVolumesDoNotCoverHasUnknownBatchesNotZero() throws IOException {
        Path content = SmallWorld.content(dir);
        Path reports = SmallWorld.write(dir.resolve("reports.csv"), SmallWorld.rows(5, 600, 8));
        StringBuilder volumes = new StringBuilder("contributor,quarter,product_class,batches_started\n");
        for (String q : List.of("2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4", "2026-Q1")) { // not 2026-Q2
            for (int c = 0; c < 8; c++) {
                for (String pc : SmallWorld.CLASSES) {
                    volumes.append("C").append(c).append(',').append(q).append(',').append(pc).append(",40\n");
                }
            }
        }
        Path v = Files.writeString(dir.resolve("volumes.csv"), volumes);
        CliRun run = build(content, reports, "--volumes", v.toString());
        assertEquals(0, run.status(), run.err());
        assertTrue(run.err().contains(v + ":0: quarter: warning: no row for quarter 2026-Q2"), run.err());
        CliRun validated = CliRun.of("validate", "--content", content.toString(), "--reports", reports.toString(),
                "--volumes", v.toString());
        assertTrue(validated.err().contains(v + ":0: quarter: warning: no row for quarter 2026-Q2"), validated.err());
        for (CSVRecord r : cells(dir.resolve("site"))) {
            boolean unknown = List.of("2026-Q2", "2026", "all").contains(r.get("period"));
            assertEquals(unknown, r.get("batches").isEmpty(), r.toString());
            if (unknown) {
                assertTrue(r.get("rate_per_100").isEmpty(), r.toString());
            }
        }
        // once the quarter's rows come, the next build over this one publishes its batches: they were unknown, not
        // withheld
        for (int c = 0; c < 8; c++) {
            for (String pc : SmallWorld.CLASSES) {
                volumes.append("C").append(c).append(",2026-Q2,").append(pc).append(",40\n");
            }
        }
        Files.writeString(v, volumes);
        CliRun complete = build(content, reports, "--volumes", v.toString());
        assertEquals(0, complete.status(), complete.err());
        assertFalse(complete.err().contains("no row for quarter"), complete.err());
        for (CSVRecord r : cells(dir.resolve("site"))) {
            assertFalse(r.get("batches").isEmpty(), r.toString());
        }
    }

    @Test
    void aSuccessfulBuildWithJsonProblemsWritesOnlyJsonOnStandardOutput() throws IOException {
        Path content = SmallWorld.content(dir);
        Path reports = SmallWorld.write(dir.resolve("reports.csv"), SmallWorld.rows(3, 400, 8));
        Files.writeString(reports, Files.readString(reports).replaceFirst("\n", ",notes\n")
                .replaceAll("(?m)^(R-.*)$", "$1,x"));
        CliRun run = build(content, reports, "--format", "json");
        assertEquals(0, run.status(), run.err());
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(run.out());
        assertEquals(0, json.get("errors").asInt(), run.out());
        assertEquals(1, json.get("warnings").asInt(), run.out());
        assertTrue(run.err().contains("Built "), "the summary goes to standard error: " + run.err());
    }

    @Test
    void withoutVolumesEveryChartedCountCarriesItsExactPoissonInterval() throws IOException {
        CliRun built = build(SmallWorld.content(dir), SmallWorld.write(dir.resolve("reports.csv"),
                SmallWorld.rows(3, 400, 8)));
        assertEquals(0, built.status(), built.err());
        String home = Files.readString(dir.resolve("site/index.html"));
        assertTrue(home.contains("95% interval (exact Poisson)"), "the chart's data table has the interval");
        CSVRecord total = cells(dir.resolve("site")).stream()
                .filter(r -> r.get("period").equals("2026-Q2") && r.get("product_class").equals("*")
                        && r.get("process_step").equals("*") && r.get("failure_mode").equals("*")
                        && r.get("outcome").equals("*")).findFirst().orElseThrow();
        double[] exact = org.cgtbulletin.analyze.Rates.garwood(Long.parseLong(total.get("events")));
        String interval = org.cgtbulletin.analyze.Rates.format(exact[0]) + "–"
                + org.cgtbulletin.analyze.Rates.format(exact[1]);
        assertTrue(home.contains(interval), "Garwood's interval of 2026-Q2's " + total.get("events") + ": " + interval);
        String svg = Files.readString(dir.resolve("site/overall.svg"));
        assertTrue(svg.contains("exact 95% Poisson interval as a band") || home.contains(
                "exact 95% Poisson interval as a band"), "the text alternative names the band");
        assertTrue(Files.readString(dir.resolve("site/methodology/index.html")).contains("Garwood's exact Poisson"));
    }

    @Test
    void weakerThresholdsAreAnnouncedOnTheMethodologyPage() throws IOException {
        Path content = SmallWorld.content(dir);
        Path reports = SmallWorld.write(dir.resolve("reports.csv"), SmallWorld.rows(4, 400, 8));
        assertEquals(0, build(content, reports).status());
        String normal = Files.readString(dir.resolve("site/methodology/index.html"));
        assertTrue(normal.contains("fewer than 3 manufacturers") && !normal.contains("weaker"), normal);
        Files.writeString(content.resolve("bulletin.yaml"), "disclosure:\n  min_contributors: 2\n");
        CliRun run = build(content, reports);
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("WARNING: disclosure thresholds weaker than the defaults"), run.out());
        String weaker = Files.readString(dir.resolve("site/methodology/index.html"));
        assertTrue(weaker.contains("weaker than the consortium's defaults"), weaker);
        assertTrue(weaker.contains("fewer than 2 manufacturers"), weaker);
    }

    @Test
    void aMisspeltSettingIsAnInputError() throws IOException {
        Path content = SmallWorld.content(dir);
        Path reports = SmallWorld.write(dir.resolve("reports.csv"), SmallWorld.rows(4, 100, 8));
        Files.writeString(content.resolve("bulletin.yaml"), "disclosure:\n  min_contributor: 2\n");
        CliRun run = build(content, reports);
        assertEquals(1, run.status());
        assertTrue(run.err().contains("bulletin.yaml:2: min_contributor: unknown setting"), run.err());
    }

    @Test
    void sameInputGivesTheSameBytes() throws IOException {
        Path content = SmallWorld.content(dir);
        Path reports = SmallWorld.write(dir.resolve("reports.csv"), SmallWorld.rows(5, 500, 9));
        assertEquals(0, build(content, reports).status());
        Map<Path, String> site = snapshot(dir.resolve("site"));
        Map<Path, String> audit = snapshot(dir.resolve("audit"));
        Files.move(dir.resolve("site"), dir.resolve("site-1"));
        Files.move(dir.resolve("audit"), dir.resolve("audit-1"));
        assertEquals(0, build(content, reports).status());
        assertEquals(site, snapshot(dir.resolve("site")));
        assertEquals(audit, snapshot(dir.resolve("audit")));
    }

    /** Rebuilding over the published site (which is then the previous release) publishes the same numbers. */
    @Test
    void rebuildingOverThePreviousReleaseChangesNoPublishedNumber() throws IOException {
        Path content = SmallWorld.content(dir);
        Path reports = SmallWorld.write(dir.resolve("reports.csv"), SmallWorld.rows(8, 500, 9));
        assertEquals(0, build(content, reports).status());
        String first = Files.readString(dir.resolve("site/data/cells.csv"));
        assertEquals(0, build(content, reports).status());
        assertEquals(first, Files.readString(dir.resolve("site/data/cells.csv")));
    }

    @Test
    void aFailedBuildLeavesThePublishedSiteByteIdentical() throws IOException {
        Path content = SmallWorld.content(dir);
        Path reports = SmallWorld.write(dir.resolve("reports.csv"), SmallWorld.rows(6, 300, 7));
        assertEquals(0, build(content, reports).status());
        Map<Path, String> before = snapshot(dir.resolve("site"), true);
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, SmallWorld.HEADER + "\nR-1,C1,2026-Q1,car_t_autologous,expansion,nonsense,near_miss,"
                + "false,\n");
        CliRun run = build(content, bad);
        assertEquals(1, run.status());
        assertEquals(before, snapshot(dir.resolve("site"), true));
        try (Stream<Path> files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().contains(".staging")), "no staging left");
        }
    }

    /**
     * Differencing across releases: release 1 as of 2026-Q1, then late reports arrive for 2025-Q4 and release 2
     * is built as of 2026-Q2. Every cell withheld in release 1 stays withheld in release 2, so subtracting the
     * releases recovers nothing that was withheld; and release 2 is itself fully audited.
     */
    @Test
    void lateReportsForAnEarlierQuarterDoNotRevealWhatWasWithheld() throws IOException {
        Path content = SmallWorld.content(dir);
        List<SmallWorld.Row> all = SmallWorld.rows(21, 700, 8);
        List<SmallWorld.Row> first = new ArrayList<>();
        List<SmallWorld.Row> late = new ArrayList<>();
        for (SmallWorld.Row r : all) {
            if (r.quarter().equals("2026-Q2")) {
                continue;
            }
            (r.quarter().equals("2025-Q4") && Integer.parseInt(r.id().substring(2)) % 3 == 0 ? late : first).add(r);
        }
        assertEquals(0, build(content, SmallWorld.write(dir.resolve("r1.csv"), first), "--as-of", "2026-Q1")
                .status());
        Map<String, String> release1 = statuses(cells(dir.resolve("site")));
        List<SmallWorld.Row> second = new ArrayList<>(first);
        second.addAll(late);
        for (SmallWorld.Row r : all) {
            if (r.quarter().equals("2026-Q2")) {
                second.add(r);
            }
        }
        CliRun run = build(content, SmallWorld.write(dir.resolve("r2.csv"), second));
        assertEquals(0, run.status(), run.err());
        Map<String, String> release2 = statuses(cells(dir.resolve("site")));
        int carried = 0;
        for (Map.Entry<String, String> e : release1.entrySet()) {
            if (!e.getValue().equals("published")) {
                assertTrue(!release2.get(e.getKey()).equals("published"), "withheld before, published now: "
                        + e.getKey());
                carried++;
            }
        }
        assertTrue(carried > 0, "the test should exercise withheld cells");
        JsonNode audit = new ObjectMapper().readTree(dir.resolve("audit/audit.json").toFile());
        assertEquals(0, audit.get("events").get("derivable").size());
    }

    /** Release 1: every row but 2026-Q2's, built as of 2026-Q1 into site/; returns its rows. */
    private List<SmallWorld.Row> releaseAsOf2026Q1(Path content, List<SmallWorld.Row> all) throws IOException {
        List<SmallWorld.Row> first = all.stream().filter(r -> !r.quarter().equals("2026-Q2")).toList();
        assertEquals(0, build(content, SmallWorld.write(dir.resolve("r1.csv"), first), "--as-of", "2026-Q1")
                .status());
        return first;
    }

    /** Release 2: the rows built as of 2026-Q2 over release 1 in site/; returns its cells.csv rows. */
    private List<CSVRecord> releaseAsOf2026Q2(Path content, List<SmallWorld.Row> rows) throws IOException {
        CliRun run = build(content, SmallWorld.write(dir.resolve("r2.csv"), rows), "--as-of", "2026-Q2");
        assertEquals(0, run.status(), run.err());
        return cells(dir.resolve("site"));
    }

    /**
     * A revision: release 2 adds one late report to 2025-Q3, a quarter release 1 published. Every number both
     * releases publish for a quarter both have is the same or differs by at least min_events (5), and so is what a
     * year or {@code all} changed by beyond the quarter it gained: one late report is never read off by subtraction.
     */
    @Test
    void aRevisionByFewLateReportsIsNotReadOffBySubtractingTheReleases() throws IOException {
        Path content = SmallWorld.content(dir);
        List<SmallWorld.Row> all = SmallWorld.rows(23, 900, 8);
        List<SmallWorld.Row> first = releaseAsOf2026Q1(content, all);
        Map<String, String> status1 = statuses(cells(dir.resolve("site")));
        Map<String, String> events1 = events(cells(dir.resolve("site")));
        List<SmallWorld.Row> second = new ArrayList<>(all);
        SmallWorld.Row model = first.stream().filter(r -> r.quarter().equals("2025-Q3")).findFirst().orElseThrow();
        second.add(new SmallWorld.Row("R-LATE", model.contributor(), "2025-Q3", model.productClass(), model.step(),
                model.mode(), model.outcome()));
        List<CSVRecord> release2 = releaseAsOf2026Q2(content, second);
        Map<String, String> status2 = statuses(release2);
        assertNoSmallChangeBetween(status1, events1, release2);
        String late = "2025-Q3|*|*|*|*";
        assertEquals("published", status1.get(late));
        assertFalse("published".equals(status2.get(late)), "the revised quarter's total is withheld");
        JsonNode audit = new ObjectMapper().readTree(dir.resolve("audit/audit.json").toFile());
        assertTrue(audit.toString().contains("revised since the previous release"), "the staff audit says why");
        assertEquals(0, audit.get("events").get("derivable").size());
    }

    /**
     * Every number both releases (as of 2026-Q1, then 2026-Q2) publish is the same or differs by at least
     * min_events (5), and so is what a year or {@code all} changed by beyond the 2026-Q2 cell it gained.
     */
    private static void assertNoSmallChangeBetween(Map<String, String> status1, Map<String, String> events1,
            List<CSVRecord> release2) {
        Map<String, String> status2 = statuses(release2);
        Map<String, String> events2 = events(release2);
        int compared = 0;
        for (Map.Entry<String, String> e : status1.entrySet()) {
            String key = e.getKey();
            if (!e.getValue().equals("published") || !"published".equals(status2.get(key))) {
                continue;
            }
            long change = Long.parseLong(events2.get(key)) - Long.parseLong(events1.get(key));
            String period = key.substring(0, key.indexOf('|'));
            if (period.equals("2026") || period.equals("all")) {
                String gained = "2026-Q2" + key.substring(period.length());
                if (!"published".equals(status2.get(gained))) {
                    continue; // guarded by the test above: the total is withheld when its gained cell is
                }
                change -= Long.parseLong(events2.get(gained));
            }
            assertTrue(change == 0 || Math.abs(change) >= 5, key + " changed by " + change + " between releases");
            compared++;
        }
        assertTrue(compared > 100, "the test should compare numbers both releases publish: " + compared);
    }

    /**
     * A late report in a cell release 1 withheld: the totals over it that both releases publish (its quarter's
     * margins, its year, {@code all}) would each move by one, the change of a withheld cell read off by subtraction.
     * Such a total is kept withheld when its change, less its published parts' changes, fails the rules.
     */
    @Test
    void aLateReportInAWithheldCellIsNotReadOffTheTotalsOverIt() throws IOException {
        Path content = SmallWorld.content(dir);
        List<SmallWorld.Row> all = SmallWorld.rows(29, 400, 8); // few enough that some cells are withheld
        List<SmallWorld.Row> first = releaseAsOf2026Q1(content, all);
        List<CSVRecord> cells1 = cells(dir.resolve("site"));
        Map<String, String> status1 = statuses(cells1);
        SmallWorld.Row model = first.stream().filter(r -> r.quarter().equals("2025-Q3")
                && inWithheldCell(r, status1)).findFirst().orElseThrow(() -> new AssertionError(status1.entrySet()
                .stream().filter(e -> e.getKey().startsWith("2025-Q3") && !e.getValue().equals("published"))
                .limit(20).toList() + " " + first.stream().filter(r -> r.quarter().equals("2025-Q3")).limit(3)
                .toList()));
        List<SmallWorld.Row> second = new ArrayList<>(all);
        second.add(new SmallWorld.Row("R-LATE", model.contributor(), "2025-Q3", model.productClass(), model.step(),
                model.mode(), model.outcome()));
        List<CSVRecord> release2 = releaseAsOf2026Q2(content, second);
        assertNoSmallChangeBetween(status1, events(cells1), release2);
        JsonNode audit = new ObjectMapper().readTree(dir.resolve("audit/audit.json").toFile());
        assertEquals(0, audit.get("events").get("derivable").size());
    }

    /**
     * Changes worked out through chains of relations, on the shipped sample: release 2 adds late reports to 2025-Q2's
     * CAR-T storage and distribution cell, one from C06 under chain of identity error and two each from C01, C02 and
     * C04 under shipping delay. A reader who differences what both releases publish, and assumes unrevised the
     * quarters none of whose numbers both publish moved, solves relation after relation (the class's change from its
     * steps, then one mode's from the class's and the other modes'): no change of a cell that is not published in
     * both releases may come out below min_events (5). Before the table of changes was audited as a whole, this one
     * gave C06's late report away.
     */
    @Test
    void noChainOfRelationsGivesAwayALateReport() throws IOException {
        Path content = Path.of("content");
        CliRun first = build(content, content.resolve("data/reports.csv"));
        assertEquals(0, first.status(), first.err());
        List<CSVRecord> cells1 = cells(dir.resolve("site"));
        assertEquals("there is no previous release", new ObjectMapper().readTree(dir.resolve("audit/audit.json")
                .toFile()).get("events").get("changes_since_previous_release").get("not_checked").asText());
        StringBuilder late = new StringBuilder(Files.readString(content.resolve("data/reports.csv")));
        late.append("R-950001,C06,2025-05-15,car_t_autologous,storage_distribution,chain_of_identity_error,near_miss"
                + ",,,,false,,\n");
        for (int i = 0; i < 6; i++) {
            late.append("R-95001").append(i).append(",C0").append("124".charAt(i % 3)).append(",2025-05-15,"
                    + "car_t_autologous,storage_distribution,shipping_delay,near_miss,,,,false,,\n");
        }
        CliRun second = build(content, Files.writeString(dir.resolve("late.csv"), late));
        assertEquals(0, second.status(), second.err());
        Map<String, Long> worked = ChangeAttack.changesOfWithheld(cells1, cells(dir.resolve("site")));
        worked.forEach((key, change) -> assertTrue(change == 0 || Math.abs(change) >= 5, key + " changed by "
                + change + ", worked out with " + worked.size() + " others"));
        // the attack works out changes of withheld cells (those of the cells that did not change); the protection
        // through the class-by-step-by-mode table's ranges (seventh session) now withholds enough around the late
        // reports that none it works out changed (before it, one changed by 6, at least 5 as the rules ask)
        assertTrue(worked.size() > 100, "the reader should work changes out: " + worked);
        String audit = Files.readString(dir.resolve("audit/audit.json"));
        assertTrue(audit.contains("give away that of '2025-Q2 car_t_autologous/*/chain_of_identity_error/*'"),
                "the check should have withheld a cell for this change");
        JsonNode json = new ObjectMapper().readTree(audit);
        assertEquals(0, json.get("events").get("derivable").size());
        // the staff audit says the changes were checked, lists what the check left open, and so does the summary
        assertTrue(json.get("events").get("changes_since_previous_release").get("not_checked").isNull());
        assertSummaryNamesWhatTheAuditLeftOpen(second.out(), json);
        assertTrue(Files.readString(dir.resolve("audit/index.html")).contains("Changes since the previous release"
                + " that fail the rules on their own"));
    }

    /**
     * Without the staff audit's record of the previous release the build says so (revisions are then judged at
     * worst); a previous cells.csv that cannot be read as one stops the build, since its decisions must be kept.
     */
    @Test
    void aMissingRecordIsWarnedOfAndAnUnreadablePreviousReleaseIsAnInputError() throws IOException {
        Path content = SmallWorld.content(dir);
        List<SmallWorld.Row> all = SmallWorld.rows(23, 900, 8);
        releaseAsOf2026Q1(content, all);
        Files.delete(dir.resolve("audit/contributions.csv"));
        CliRun again = build(content, SmallWorld.write(dir.resolve("r1.csv"), all), "--as-of", "2026-Q2");
        assertEquals(0, again.status(), again.err());
        assertTrue(again.err().contains("contributions.csv:0: audit: warning: no record of who contributed"),
                again.err());
        Path notCells = Files.writeString(dir.resolve("other.csv"), "a,b\n1,2\n");
        CliRun bad = build(content, dir.resolve("r1.csv"), "--previous", notCells.toString());
        assertEquals(1, bad.status(), bad.err());
        assertTrue(bad.err().contains(notCells + ":1: previous: the previous release's cells.csv cannot be read"),
                bad.err());
    }

    /** Whether a cell of the row's quarter that it falls in was withheld. */
    private static boolean inWithheldCell(SmallWorld.Row r, Map<String, String> status) {
        for (String pc : List.of("*", r.productClass())) {
            for (String step : List.of("*", r.step())) {
                for (String mode : List.of("*", r.mode())) {
                    for (String outcome : List.of("*", r.outcome())) {
                        String s = status.get(String.join("|", r.quarter(), pc, step, mode, outcome));
                        if (s != null && !s.equals("published")) {
                            return true;
                        }
                    }
                }
            }
        }
        return false;
    }

    /**
     * A revision large enough for the events rule is put to the other rules too, contributor by contributor: six late
     * reports for 2025-Q3 (a quarter release 1 published), all with one report's codes, from one contributor
     * ({@code one}) or two each from three ({@code three}). The staff audit of release 1 keeps who contributed to its
     * published cells; without it ({@code three-unknown}) the change is judged at worst, as if its largest
     * contributors now had made it.
     */
    @ParameterizedTest
    @ValueSource(strings = {"one", "three", "three-unknown"})
    void aRevisionIsPutToTheRulesContributorByContributor(String late) throws IOException {
        Path content = SmallWorld.content(dir);
        List<SmallWorld.Row> all = SmallWorld.rows(23, 900, 8);
        List<SmallWorld.Row> first = releaseAsOf2026Q1(content, all);
        Map<String, String> events1 = events(cells(dir.resolve("site")));
        assertTrue(Files.readString(dir.resolve("audit/contributions.csv")).startsWith("# cells.csv sha256 "));
        if (late.endsWith("unknown")) {
            Files.delete(dir.resolve("audit/contributions.csv"));
        }
        SmallWorld.Row model = first.stream().filter(r -> r.quarter().equals("2025-Q3")).findFirst().orElseThrow();
        List<String> tokens = first.stream().map(SmallWorld.Row::contributor).distinct().sorted().toList();
        List<SmallWorld.Row> second = new ArrayList<>(all);
        for (int i = 0; i < 6; i++) {
            String who = late.equals("one") ? model.contributor() : tokens.get(i % 3);
            second.add(new SmallWorld.Row("R-LATE" + i, who, "2025-Q3", model.productClass(), model.step(),
                    model.mode(), model.outcome()));
        }
        List<CSVRecord> release2 = releaseAsOf2026Q2(content, second);
        String total = "2025-Q3|*|*|*|*";
        String audit = Files.readString(dir.resolve("audit/audit.json"));
        if (late.equals("three")) {
            assertEquals("published", statuses(release2).get(total));
            assertEquals(Long.parseLong(events1.get(total)) + 6, Long.parseLong(events(release2).get(total)));
            assertFalse(audit.contains("revised since the previous release"), "no revision withheld");
        } else {
            assertFalse("published".equals(statuses(release2).get(total)), "the revised quarter is withheld");
            assertTrue(audit.contains(late.equals("one") ? "the change, +6, came from 1 contributor and fails the"
                    + " rules on its own (R1 contributors < 3" : "the change, +6, could have come from as few as"),
                    audit);
        }
        assertEquals(0, new ObjectMapper().readTree(audit).get("events").get("derivable").size());
    }

    /**
     * Differencing totals across releases: release 1 as of 2026-Q1 publishes the year 2026 (one quarter so far) and
     * {@code all}; release 2, as of 2026-Q2, the same totals with 2026-Q2 added. Where both releases publish such a
     * total, the new value minus the old is that total's 2026-Q2 cell, so no withheld 2026-Q2 cell may have one.
     */
    @Test
    void aTotalThatGrewSinceThePreviousReleaseDoesNotGiveAwayTheNewQuarter() throws IOException {
        Path content = SmallWorld.content(dir);
        List<SmallWorld.Row> all = SmallWorld.rows(23, 900, 8);
        releaseAsOf2026Q1(content, all);
        Map<String, String> release1 = statuses(cells(dir.resolve("site")));
        Map<String, String> events1 = events(cells(dir.resolve("site")));
        List<CSVRecord> cells2 = releaseAsOf2026Q2(content, all);
        Map<String, String> release2 = statuses(cells2);
        Map<String, String> events2 = events(cells2);
        // a number the previous release published, unchanged, is public: it is never withheld as a complement
        int known = 0;
        for (Map.Entry<String, String> e : release1.entrySet()) {
            if (e.getValue().equals("published") && events1.get(e.getKey()).equals(events2.get(e.getKey()))) {
                assertFalse(release2.get(e.getKey()).equals("suppressed-secondary"), e.getKey());
                known++;
            }
        }
        assertTrue(known > 100, "the test should exercise numbers published before: " + known);
        int guarded = 0;
        for (Map.Entry<String, String> e : release2.entrySet()) {
            if (!e.getKey().startsWith("2026-Q2|") || e.getValue().equals("published")) {
                continue;
            }
            for (String total : List.of("2026", "all")) {
                String key = total + e.getKey().substring("2026-Q2".length());
                if ("published".equals(release1.get(key))) {
                    assertFalse("published".equals(release2.get(key)), "withheld " + e.getKey() + " = " + key
                            + " now minus " + key + " in the previous release");
                    guarded++;
                }
            }
        }
        assertTrue(guarded > 0, "the test should exercise totals published in the previous release");
        JsonNode audit = new ObjectMapper().readTree(dir.resolve("audit/audit.json").toFile());
        assertEquals(0, audit.get("events").get("derivable").size());
    }

    /**
     * The denylist binds the editorial text too, which is published as written: a term in a lesson's Markdown or a
     * taxonomy file fails the build at its file and line (a term split over two lines too, or by emphasis marks or a
     * non-breaking space, and in a YAML comment, which may be the text of a folded block), also when the content
     * folder is reached through a symbolic link; and the published site stays as it was.
     */
    @Test
    void aDenylistedTermInTheEditorialTextFailsTheBuildAtItsLine() throws IOException {
        Path content = SmallWorld.content(dir);
        Path reports = SmallWorld.write(dir.resolve("r.csv"), SmallWorld.rows(5, 300, 6));
        Path denylist = dir.resolve("deny.txt");
        Files.writeString(denylist, "Halvorsen Biologics\nSampling\n");
        assertEquals(0, build(content, reports, "--denylist", denylist.toString()).status());
        Map<Path, String> before = snapshot(dir.resolve("site"));
        Path lessons = Files.createDirectories(content.resolve("lessons"));
        Files.writeString(lessons.resolve("l.md"), "---\ntitle: A lesson\n---\n\nWe learned from\nHalvorsen\n"
                + "Biologics that sampling matters.\n\nAs Halvorsen **Biologics** and Halvorsen&nbsp;Biologics"
                + " say.\n");
        Path taxonomy = content.resolve("taxonomy.yaml");
        Files.writeString(taxonomy, "# Sampling notes\n" + Files.readString(taxonomy));
        for (Path given : List.of(content, Files.createSymbolicLink(dir.resolve("linked"), content))) {
            CliRun run = build(given, reports, "--denylist", denylist.toString());
            assertEquals(1, run.status(), run.err());
            Path lesson = given.resolve("lessons/l.md");
            assertTrue(run.err().contains(lesson + ":6: denylist: 'Halvorsen Biologics' is a term of the denylist"),
                    run.err());
            assertTrue(run.err().contains(lesson + ":7: denylist: 'sampling'"), run.err());
            assertEquals(2, run.err().lines().filter(l -> l.startsWith(lesson + ":9: denylist: 'Halvorsen Biologics"))
                    .count(), run.err());
            assertTrue(run.err().contains(given.resolve("taxonomy.yaml") + ":1: denylist: 'Sampling'"), run.err());
            assertFalse(run.err().contains(denylist + ":"), "the denylist itself is not editorial text");
            assertEquals(before, snapshot(dir.resolve("site")));
        }
    }

    private static Map<String, String> events(List<CSVRecord> cells) {
        return byKey(cells, "events");
    }

    private static Map<String, String> statuses(List<CSVRecord> cells) {
        return byKey(cells, "status");
    }

    /** One column of cells.csv by the row's key, period|product_class|process_step|failure_mode|outcome. */
    private static Map<String, String> byKey(List<CSVRecord> cells, String column) {
        Map<String, String> m = new HashMap<>();
        for (CSVRecord c : cells) {
            m.put(c.get("period") + "|" + c.get("product_class") + "|" + c.get("process_step") + "|"
                    + c.get("failure_mode") + "|" + c.get("outcome"), c.get(column));
        }
        return m;
    }

    private static Map<Path, String> snapshot(Path root) throws IOException {
        return snapshot(root, false);
    }

    /** Every file's content (and, if asked, modification time), by path relative to root. */
    private static Map<Path, String> snapshot(Path root, boolean withTimes) throws IOException {
        Map<Path, String> m = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                // Bytes as Latin-1 text, so that binary files (the PDF digests) compare too.
                m.put(root.relativize(p), new String(Files.readAllBytes(p), java.nio.charset.StandardCharsets.ISO_8859_1)
                        + (withTimes ? "@" + Files.getLastModifiedTime(p) : ""));
            }
        }
        return m;
    }
}
