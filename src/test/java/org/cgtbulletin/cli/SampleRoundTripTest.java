package org.cgtbulletin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sample -> validate gives back exactly what was generated; the shipped sample is what the generator makes. */
class SampleRoundTripTest {

    @TempDir
    Path dir;

    @Test
    void generatedDataValidatesWithTheSameCounts() throws IOException {
        Path out = dir.resolve("data");
        CliRun sample = CliRun.of("sample", "--output", out.toString(), "--reports", "2500", "--seed", "7");
        assertEquals(0, sample.status(), sample.err());
        assertTrue(sample.out().startsWith("Wrote 2500 reports from "), sample.out());
        CliRun run = CliRun.of("validate", "--reports", out.resolve("reports.csv").toString(), "--volumes",
                out.resolve("volumes.csv").toString(), "--denylist", out.resolve("denylist.txt").toString());
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains(": 2500 reports from "), run.out());
        long volumeRows = Files.readAllLines(out.resolve("volumes.csv")).size() - 1;
        assertTrue(run.out().contains("; " + volumeRows + " volume rows"), run.out());
        assertTrue(run.err().isEmpty(), "no warnings on generated data: " + run.err());
    }

    @Test
    void theShippedSampleIsExactlyWhatTheReadmeCommandGenerates() throws IOException {
        Path out = dir.resolve("data");
        CliRun sample = CliRun.of("sample", "--output", out.toString(), "--reports", "6000", "--seed", "20261125",
                "--last-quarter", "2026-Q3");
        assertEquals(0, sample.status(), sample.err());
        for (String name : new String[] {"reports.csv", "volumes.csv", "denylist.txt"}) {
            assertEquals(Files.readString(Path.of("content", "data", name)), Files.readString(out.resolve(name)),
                    name + " differs from the generator's output: regenerate content/data as the README says");
        }
    }

    @Test
    void theShippedSampleValidates() {
        CliRun run = CliRun.of("validate");
        assertEquals(0, run.status(), run.err());
    }
}
