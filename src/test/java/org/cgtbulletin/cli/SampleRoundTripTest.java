package org.cgtbulletin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
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

    /** A mistyped --output must not replace real data; nor may the sample hold reports dated in the future. */
    @Test
    void sampleNeverOverwritesDataUnlessForcedNorWritesAQuarterStillRunning() throws IOException {
        Path real = Files.createDirectories(dir.resolve("real"));
        Files.writeString(real.resolve("reports.csv"), "the consortium's own reports\n");
        CliRun refused = CliRun.of("sample", "--output", real.toString(), "--reports", "5");
        assertEquals(Main.USAGE, refused.status(), refused.err());
        assertTrue(refused.err().contains("already holds reports.csv") && refused.err().contains("--force"),
                refused.err());
        assertEquals("the consortium's own reports\n", Files.readString(real.resolve("reports.csv")));
        assertTrue(Files.notExists(real.resolve("volumes.csv")), "nothing written");
        CliRun forced = CliRun.of("sample", "--output", real.toString(), "--reports", "5", "--force");
        assertEquals(0, forced.status(), forced.err());
        assertTrue(Files.readString(real.resolve("reports.csv")).startsWith("report_id,"));
        // what an earlier sample wrote, a new one replaces without being asked
        CliRun again = CliRun.of("sample", "--output", real.toString(), "--reports", "7");
        assertEquals(0, again.status(), again.err());
        assertTrue(again.out().startsWith("Wrote 7 reports"), again.out());
        // the test clock's day is 2026-11-25, in 2026-Q4: that quarter has not ended
        CliRun running = CliRun.of("sample", "--output", dir.resolve("q4").toString(), "--last-quarter", "2026-Q4");
        assertEquals(Main.USAGE, running.status(), running.err());
        assertTrue(running.err().contains("--last-quarter 2026-Q4 has not ended"), running.err());
        assertTrue(Files.notExists(dir.resolve("q4")));
    }

    @Test
    void theStoryShareIsTheOneAskedFor() throws IOException {
        for (int percent : new int[] {0, 5, 35, 100}) {
            Path out = dir.resolve("stories-" + percent);
            CliRun sample = CliRun.of("sample", "--output", out.toString(), "--reports", "20000", "--stories",
                    String.valueOf(percent));
            assertEquals(0, sample.status(), sample.err());
            int reports = 0;
            int stories = 0;
            try (Reader in = Files.newBufferedReader(out.resolve("reports.csv"));
                 CSVParser csv = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build()
                         .parse(in)) {
                for (CSVRecord r : csv) {
                    reports++;
                    boolean narrative = !r.get("narrative").isEmpty();
                    assertEquals(narrative, !r.get("lesson").isEmpty(), "a story has both parts: " + r);
                    stories += narrative ? 1 : 0;
                }
            }
            // a binomial share of about 20,000 draws: within 1 point of the percentage asked for
            assertEquals(percent / 100.0, stories / (double) reports, 0.01, "share of stories at " + percent + "%");
        }
        CliRun bad = CliRun.of("sample", "--output", dir.resolve("bad").toString(), "--stories", "101");
        assertEquals(Main.USAGE, bad.status());
        assertTrue(bad.err().contains("--stories must be 0 to 100"), bad.err());
        assertTrue(Files.notExists(dir.resolve("bad")), "nothing written on a usage error");
    }

    @Test
    void theShippedSampleValidates() {
        CliRun run = CliRun.of("validate");
        assertEquals(0, run.status(), run.err());
    }
}
