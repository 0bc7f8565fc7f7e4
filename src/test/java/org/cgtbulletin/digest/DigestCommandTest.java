package org.cgtbulletin.digest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.cgtbulletin.cli.CliRun;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code digest --quarter YYYY-Qn}: the same bytes as the build's digest, and the exit statuses of the contract. */
class DigestCommandTest {

    @TempDir
    static Path dir;
    static Path site;

    @BeforeAll
    static void build() {
        site = DigestFixtures.build(dir);
    }

    static CliRun digest(String... more) {
        List<String> args = new ArrayList<>(List.of("digest", "--content", DigestFixtures.GOLDEN.toString(),
                "--reports", DigestFixtures.GOLDEN.resolve("data/reports.csv").toString()));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void oneQuartersDigestIsTheBuildsDigestByteForByte() throws IOException {
        Path out = dir.resolve("out/2025-q3.pdf");
        CliRun run = digest("--quarter", "2025-Q3", "--output", out.toString(), "--previous",
                site.resolve("data/cells.csv").toString());
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().startsWith("Wrote " + out + ": the digest of 2025-Q3"), run.out());
        assertArrayEquals(Files.readAllBytes(site.resolve("digests/2025-q3.pdf")), Files.readAllBytes(out));
        try (Stream<Path> s = Files.list(out.getParent())) {
            assertEquals(List.of(out), s.toList(), "no partial file is left behind");
        }
    }

    @Test
    void aQuarterOutsideTheDataIsWrongUsage() {
        CliRun run = digest("--quarter", "2024-Q4", "--output", dir.resolve("never.pdf").toString());
        assertEquals(2, run.status(), run.err());
        assertTrue(run.err().contains("--quarter 2024-Q4 is outside the data, which runs from 2025-Q1 to 2026-Q2"),
                run.err());
        assertEquals(2, digest("--quarter", "2026-Q3", "--as-of", "2026-Q2").status());
        assertFalse(Files.exists(dir.resolve("never.pdf")));
    }

    @Test
    void aFileThatIsNotAPdfIsNeverOverwritten() throws IOException {
        Path notes = Files.writeString(dir.resolve("notes.txt"), "mine");
        CliRun run = digest("--quarter", "2025-Q3", "--output", notes.toString());
        assertEquals(2, run.status(), run.err());
        assertTrue(run.err().contains("exists and is not a PDF"), run.err());
        assertEquals("mine", Files.readString(notes));
        assertEquals(2, digest("--quarter", "2025-Q3", "--output", dir.toString()).status()); // a folder
    }

    @Test
    void aMissingOrMalformedQuarterIsWrongUsage() {
        assertEquals(2, digest().status());
        CliRun run = digest("--quarter", "2026-3");
        assertEquals(2, run.status());
        assertTrue(run.err().contains("'2026-3' is not a quarter"), run.err());
    }

    @Test
    void inputsWithProblemsAreReportedAndNothingIsWritten() throws IOException {
        Path reports = dir.resolve("bad.csv");
        List<String> lines = new ArrayList<>(Files.readAllLines(DigestFixtures.GOLDEN.resolve("data/reports.csv")));
        lines.set(1, lines.get(1).replaceFirst(",expansion,", ",expanson,").replaceFirst(",starting_material,",
                ",starting_materal,").replaceFirst(",qc_release,", ",qc_relase,"));
        Files.write(reports, lines);
        Path out = dir.resolve("bad.pdf");
        CliRun run = CliRun.of("digest", "--content", DigestFixtures.GOLDEN.toString(), "--reports",
                reports.toString(), "--quarter", "2026-Q2", "--output", out.toString());
        assertEquals(1, run.status(), run.err());
        assertTrue(run.err().contains("bad.csv:2: process_step:"), run.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void aStaffAuditThatCannotBeWrittenStopsTheSiteToo() throws IOException {
        // the staff audit is staged beside the digests: when its folder cannot be made, nothing is published
        Path file = dir.resolve("a-file");
        Files.writeString(file, "not a folder");
        Object before = fileKey(site);
        CliRun build = CliRun.of("build", "--content", DigestFixtures.GOLDEN.toString(), "--reports",
                DigestFixtures.GOLDEN.resolve("data/reports.csv").toString(), "--output", site.toString(), "--audit",
                file.resolve("audit").toString());
        assertEquals(3, build.status(), build.err());
        assertTrue(build.err().contains(file.toString()), build.err());
        if (before != null) {
            assertEquals(before, fileKey(site), "the site is as it was");
        }
        assertNoStagingFolder();
    }

    @Test
    void aBrokenDigestTemplateIsALocatedProblemAndTheSiteStaysAsItWas() throws IOException {
        Path templates = dir.resolve("templates");
        try (Stream<Path> s = Files.walk(DigestFixtures.TEMPLATES)) {
            for (Path p : s.toList()) {
                Path target = templates.resolve(DigestFixtures.TEMPLATES.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        Path main = templates.resolve("digest/digest.ftlx");
        Files.writeString(main, Files.readString(main).replace("${doc.kind} <span class=\"period\">",
                "${doc.knid} <span class=\"period\">"));
        CliRun run = digest("--quarter", "2026-Q2", "--templates", templates.toString(), "--output",
                dir.resolve("broken.pdf").toString());
        assertEquals(1, run.status(), run.err());
        assertTrue(run.err().contains(main + ":"), run.err());
        assertTrue(run.err().contains(": template: "), run.err());
        assertFalse(Files.exists(dir.resolve("broken.pdf")));

        byte[] before = Files.readAllBytes(site.resolve("digests/2026-q2.pdf"));
        // the staff audit is written beside the digests, into a staging folder of its own: the same folder after
        // (a publish would have swapped in another), and no staging folder left
        Object audit = fileKey(dir.resolve("audit"));
        CliRun build = CliRun.of("build", "--content", DigestFixtures.GOLDEN.toString(), "--reports",
                DigestFixtures.GOLDEN.resolve("data/reports.csv").toString(), "--templates", templates.toString(),
                "--output", site.toString(), "--audit", dir.resolve("audit").toString());
        assertEquals(1, build.status(), build.err());
        assertTrue(build.err().contains(main + ":"), build.err());
        assertArrayEquals(before, Files.readAllBytes(site.resolve("digests/2026-q2.pdf")), "the site is as it was");
        if (audit != null) {
            assertEquals(audit, fileKey(dir.resolve("audit")), "the staff audit is as it was");
        }
        assertNoStagingFolder();
    }

    /** The file system's identity of a folder (null where it gives none): the same while it is not replaced. */
    private static Object fileKey(Path folder) throws IOException {
        return Files.readAttributes(folder, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
    }

    /** No staging folder is left beside the site and the staff audit. */
    private static void assertNoStagingFolder() throws IOException {
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of(), left.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".staging"))
                    .toList());
        }
    }
}
