package org.cgtbulletin.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import org.cgtbulletin.model.CellKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The staff audit's record of who contributed to a release's published quarter cells, written and read back. */
class PreviousReleaseTest {

    @TempDir
    Path dir;

    private static final CellKey Q1 = new CellKey("2026-Q1", "*", "expansion", "*", "*");
    private static final CellKey Q1_BATCHES = new CellKey("2026-Q1", "car_t", "*", "*", "*");

    private Path release() throws IOException {
        Path data = Files.createDirectories(dir.resolve("site/data"));
        Files.writeString(data.resolve("cells.csv"), String.join(",", CellsFiles.HEADER) + "\n"
                + "2026-Q1,*,expansion,*,*,12,,,,,published\n");
        Map<CellKey, SortedMap<String, Long>> counts = new LinkedHashMap<>();
        counts.put(Q1, new TreeMap<>(Map.of("C-1", 7L, "C.2", 5L, "-c3", 0L)));
        Map<CellKey, SortedMap<String, Long>> batches = new LinkedHashMap<>();
        batches.put(Q1_BATCHES, new TreeMap<>(Map.of("C-1", 40L)));
        Files.createDirectories(dir.resolve("audit"));
        PreviousRelease.writeContributions(dir.resolve("audit"), PreviousRelease.fingerprint(data.resolve(
                "cells.csv")), new PreviousRelease.Contributors(counts, batches, null));
        return data.resolve("cells.csv");
    }

    @Test
    void whatTheAuditKeptIsReadBackForItsOwnRelease() throws IOException {
        Path cells = release();
        PreviousRelease.Contributors c = PreviousRelease.contributors(cells, dir.resolve("audit"));
        assertNull(c.missing());
        assertEquals(new TreeMap<>(Map.of("C-1", 7L, "C.2", 5L)), c.of(Q1, false, 12));
        assertEquals(Map.of("C-1", 40L), c.of(Q1_BATCHES, true, 40));
        // a cell published as 0 had no contributions; one whose parts do not add up to what was published: unknown
        assertEquals(Map.of(), c.of(new CellKey("2026-Q1", "*", "thaw", "*", "*"), false, 0));
        assertNull(c.of(Q1, false, 13));
        assertTrue(Files.readString(dir.resolve("audit/contributions.csv")).startsWith("# cells.csv sha256 "));
    }

    @Test
    void anAuditOfAnotherReleaseOrNoneIsNotUsed() throws IOException {
        Path cells = release();
        Files.writeString(cells, Files.readString(cells).replace(",12,", ",13,"));
        assertTrue(PreviousRelease.contributors(cells, dir.resolve("audit")).missing().contains("another release"));
        assertNull(PreviousRelease.contributors(cells, dir.resolve("audit")).of(Q1, false, 13));
        assertTrue(PreviousRelease.contributors(cells, dir.resolve("elsewhere")).missing().contains("holds no"));
        assertTrue(PreviousRelease.read(cells, null).contributors().missing() != null);
    }

    @Test
    void aDamagedFileIsNotUsed() throws IOException {
        Path cells = release();
        Path file = dir.resolve("audit/contributions.csv");
        Files.writeString(file, Files.readString(file).replace(",5\n", ",five\n"));
        assertTrue(PreviousRelease.contributors(cells, dir.resolve("audit")).missing().contains("row"));
    }

    /**
     * The previous release's cells are kept in the order of their labels, compared without making them: the same
     * order as the labels' own, on keys whose codes share prefixes and hold characters below and above the labels'
     * separators (a space and slashes), empty ones too.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(longs = {1, 2, 3, 4, 5})
    void cellsAreOrderedAsTheirLabelsAre(long seed) {
        java.util.Random random = new java.util.Random(seed);
        String alphabet = "a_b-!*./ Z0é";
        java.util.List<CellKey> keys = new java.util.ArrayList<>();
        for (int i = 0; i < 300; i++) {
            String[] f = new String[5];
            for (int j = 0; j < 5; j++) {
                StringBuilder b = new StringBuilder();
                for (int n = random.nextInt(4); n > 0; n--) {
                    b.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
                f[j] = b.toString();
            }
            keys.add(new CellKey(f[0], f[1], f[2], f[3], f[4]));
        }
        keys.add(new CellKey("2025", "*", "*", "*", "*"));
        keys.add(new CellKey("2025-Q1", "*", "*", "*", "*"));
        keys.add(new CellKey("2025", "car_t", "*", "*", "*"));
        keys.add(new CellKey("2025", "car_t_auto", "*", "*", "*"));
        for (CellKey a : keys) {
            for (CellKey b : keys) {
                assertEquals(Integer.signum(a.label().compareTo(b.label())),
                        Integer.signum(PreviousRelease.ORDER.compare(a, b)), a.label() + " against " + b.label());
            }
        }
    }
}
