package org.cgtbulletin.digest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Calendar;
import java.util.List;
import java.util.Map;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.cgtbulletin.model.Problems;
import org.cgtbulletin.model.PublishedCell;
import org.cgtbulletin.model.Quarter;
import org.cgtbulletin.site.SiteInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Identical inputs give identical bytes (whatever order the parallel renders finish in), no wall clock reaches a
 * PDF, and a past quarter's digest keeps its bytes when later quarters are published, unless its own rows changed.
 */
class DigestReproducibilityTest {

    @TempDir
    Path dir;

    static byte[] render(SiteInput in, String quarter, Instant clock) throws Exception {
        return Digests.render(in, DigestFixtures.TEMPLATES, Quarter.parse(quarter), clock, new Problems());
    }

    static byte[] id(byte[] pdf) throws Exception {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            COSArray id = doc.getDocument().getTrailer().getCOSArray(COSName.ID);
            return ((COSString) id.getObject(0)).getBytes();
        }
    }

    static Calendar created(byte[] pdf) throws Exception {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            return doc.getDocumentInformation().getCreationDate();
        }
    }

    @Test
    void theSameInputsGiveTheSameBytesInParallelAndOneByOne() throws Exception {
        SiteInput in = DigestFixtures.golden();
        Digests.Result all = Digests.writeAll(in, DigestFixtures.TEMPLATES, dir, null, null, new Problems(),
                org.cgtbulletin.model.Progress.NONE);
        assertEquals(List.of("digests/2025-q1.pdf", "digests/2025-q2.pdf", "digests/2025-q3.pdf",
                "digests/2025-q4.pdf", "digests/2026-q1.pdf", "digests/2026-q2.pdf", "digests/2025.pdf"), all.files());
        for (String q : List.of("2025-Q1", "2026-Q2")) {
            byte[] once = render(in, q, null);
            assertArrayEquals(once, render(in, q, null), q + " rendered twice");
            assertArrayEquals(once, Files.readAllBytes(dir.resolve("digests").resolve(Quarter.parse(q).slug()
                    + ".pdf")), q + " rendered alone and among the others");
        }
        assertArrayEquals(Files.readAllBytes(dir.resolve("digests/2025.pdf")),
                Digests.renderYear(in, DigestFixtures.TEMPLATES, 2025, null, new Problems()));
    }

    @Test
    void aRehearsalRendersAndChangesNoDigest() throws Exception {
        SiteInput in = DigestFixtures.golden();
        byte[] before = render(in, "2026-Q2", null);
        // a rehearsal of other numbers, as a build's (nothing of it may stay behind in what is rendered next)
        List<PublishedCell> other = in.cells().stream().map(c -> new PublishedCell(c.key(),
                c.events() == null ? null : c.events() + 3, c.batches(), null, null, null, c.status())).toList();
        SiteInput madeUp = new SiteInput(in.settings(), in.taxonomy(), in.first(), in.asOf(), other, in.hasVolumes(),
                List.of(), List.of(), in.content(), in.rules(), in.weakerRules(), in.signalRun(), in.signalSettings());
        assertTrue(Digests.rehearse(madeUp, DigestFixtures.TEMPLATES));
        Path broken = Files.createDirectories(dir.resolve("templates/digest"));
        Files.writeString(broken.resolve(DigestTemplates.MAIN), "<#if>");
        assertFalse(Digests.rehearse(in, dir.resolve("templates")), "a template problem is left to the real render");
        assertArrayEquals(before, render(in, "2026-Q2", null));
    }

    @Test
    void theDocumentDateIsTheEndOfItsPeriodOrAnEarlierSourceDateEpoch() throws Exception {
        DigestPeriod q2 = DigestPeriod.quarter(Quarter.parse("2026-Q2"));
        assertEquals(Instant.parse("2026-07-01T00:00:00Z"), q2.documentDate(null));
        assertEquals(Instant.parse("2026-07-01T00:00:00Z"), q2.documentDate(Instant.parse("2026-11-25T12:00:00Z")));
        assertEquals(Instant.parse("2026-06-15T08:00:00Z"), q2.documentDate(Instant.parse("2026-06-15T08:00:00Z")),
                "a quarter still running when the build ran");
        assertEquals(Instant.parse("2026-01-01T00:00:00Z"), DigestPeriod.year(2025, Quarter.parse("2025-Q1"))
                .documentDate(null));

        SiteInput in = DigestFixtures.golden();
        byte[] plain = render(in, "2025-Q3", null);
        assertArrayEquals(plain, render(in, "2025-Q3", Instant.parse("2026-11-25T12:00:00Z")),
                "a later SOURCE_DATE_EPOCH does not touch a past digest");
        assertEquals(Instant.parse("2025-10-01T00:00:00Z"), created(plain).toInstant());
        byte[] running = render(in, "2026-Q2", Instant.parse("2026-06-15T08:00:00Z"));
        assertEquals(Instant.parse("2026-06-15T08:00:00Z"), created(running).toInstant());
        String bytes = new String(running, java.nio.charset.StandardCharsets.ISO_8859_1);
        assertFalse(bytes.contains("D:" + java.time.LocalDate.now().getYear() + java.time.LocalDate.now()
                .toString().substring(5, 7) + java.time.LocalDate.now().toString().substring(8, 10)
                + java.time.LocalTime.now().toString().substring(0, 2)), "no wall clock in the file");
    }

    @Test
    void theDocumentIdChangesWithTheNumbersAndOnlyThen() throws Exception {
        SiteInput in = DigestFixtures.golden();
        byte[] before = render(in, "2026-Q2", null);
        List<PublishedCell> cells = new ArrayList<>(in.cells());
        for (int i = 0; i < cells.size(); i++) {
            PublishedCell c = cells.get(i);
            if (c.key().period().equals("2026-Q2") && c.key().processStep().equals("expansion")
                    && c.key().productClass().equals("*") && c.key().failureMode().equals("*")) {
                cells.set(i, new PublishedCell(c.key(), c.events() + 1, c.batches(), c.ratePer100(), c.rateLow(),
                        c.rateHigh(), c.status()));
            }
        }
        SiteInput changed = new SiteInput(in.settings(), in.taxonomy(), in.first(), in.asOf(), cells,
                in.hasVolumes(), in.signals(), in.stories(), in.content(), in.rules(), in.weakerRules(), in.signalRun(),
                in.signalSettings());
        byte[] after = render(changed, "2026-Q2", null);
        assertFalse(Arrays.equals(id(before), id(after)), "a changed number gives a new document ID");
        assertArrayEquals(id(before), id(render(in, "2026-Q2", null)));
        assertArrayEquals(render(in, "2025-Q2", null), render(changed, "2025-Q2", null),
                "other quarters are untouched");
    }

    /**
     * A release that adds a quarter republishes the earlier digests; those whose rows did not change (no late
     * reports, no new suppressions) keep their bytes.
     */
    @Test
    void pastDigestsKeepTheirBytesWhenALaterQuarterIsPublished() throws Exception {
        Path reports = dir.resolve("to-2026-q1.csv");
        Files.write(reports, Files.readAllLines(DigestFixtures.GOLDEN.resolve("data/reports.csv")).stream()
                .filter(l -> !l.contains(",2026-Q2,")).toList());
        Path first = DigestFixtures.build(dir.resolve("release1"), reports);
        Path second = DigestFixtures.build(dir.resolve("release2"), "--previous",
                first.resolve("data/cells.csv").toString());
        int same = 0;
        for (String name : List.of("2025-q1.pdf", "2025-q2.pdf", "2025-q3.pdf", "2025-q4.pdf", "2026-q1.pdf",
                "2025.pdf")) {
            byte[] a = Files.readAllBytes(first.resolve("digests").resolve(name));
            byte[] b = Files.readAllBytes(second.resolve("digests").resolve(name));
            Map<String, byte[]> rowsA = DigestFixtures.attachments(a);
            Map<String, byte[]> rowsB = DigestFixtures.attachments(b);
            String csv = rowsA.keySet().iterator().next();
            if (Arrays.equals(rowsA.get(csv), rowsB.get(csv))) {
                assertArrayEquals(a, b, name + ": its rows did not change, so neither may its bytes");
                same++;
            } else {
                assertNotEquals(Arrays.toString(id(a)), Arrays.toString(id(b)), name + ": new rows, new ID");
            }
        }
        assertTrue(same >= 3, "past digests unchanged: " + same);
        assertTrue(Files.exists(second.resolve("digests/2026-q2.pdf")));
        assertFalse(Files.exists(first.resolve("digests/2026-q2.pdf")));
    }

    /**
     * A rebuild into the published site keeps each digest whose document ID is unchanged (the hash of everything it
     * is made from) instead of rendering it again; a damaged or edited file is rendered again, to the same bytes.
     */
    @Test
    void aRebuildKeepsUnchangedDigestsAndRendersDamagedOnesAgain() throws Exception {
        Path site = DigestFixtures.build(dir);
        Map<String, byte[]> before = new java.util.TreeMap<>();
        try (var files = Files.list(site.resolve("digests"))) {
            for (Path f : files.sorted().toList()) {
                before.put(f.getFileName().toString(), Files.readAllBytes(f));
            }
        }
        int all = before.size();
        Path damaged = site.resolve("digests/2025-q3.pdf");
        byte[] whole = Files.readAllBytes(damaged);
        Files.write(damaged, Arrays.copyOf(whole, whole.length / 2));
        org.cgtbulletin.cli.CliRun run = org.cgtbulletin.cli.CliRun.of("build", "--content",
                DigestFixtures.GOLDEN.toString(), "--reports", DigestFixtures.GOLDEN.resolve("data/reports.csv")
                        .toString(), "--output", site.toString(), "--audit", dir.resolve("audit").toString());
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains(all + " PDF digests (" + (all - 1) + " unchanged, kept)"), run.out());
        for (Map.Entry<String, byte[]> e : before.entrySet()) {
            assertArrayEquals(e.getValue(), Files.readAllBytes(site.resolve("digests").resolve(e.getKey())),
                    e.getKey());
        }
    }
}
