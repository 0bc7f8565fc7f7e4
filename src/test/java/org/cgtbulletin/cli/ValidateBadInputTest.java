package org.cgtbulletin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every bad input of dataset.md gets its own located, plain-words message and exit status 1. */
class ValidateBadInputTest {

    static final String HEADER = "report_id,contributor,occurred,product_class,process_step,failure_mode,outcome,"
            + "detected_at,root_cause,platform,publishable,narrative,lesson";
    static final String GOOD = "R-1,C01,2026-08-11,car_t_autologous,expansion,mycoplasma_positive,batch_lost,"
            + "qc_release,material,closed_automated,true,\"Day-7 sample positive by NAT.\",\"Added CoA review.\"";

    @TempDir
    Path dir;
    Path content;

    @BeforeEach
    void setUp() throws IOException {
        content = CliRun.contentWithTaxonomy(dir);
    }

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    private CliRun validate(Path reports, String... more) {
        String[] base = {"validate", "--content", content.toString(), "--reports", reports.toString()};
        String[] args = new String[base.length + more.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(more, 0, args, base.length, more.length);
        return CliRun.of(args);
    }

    private static void assertProblem(CliRun run, Path file, long line, String field, String... words) {
        String prefix = file + ":" + line + ": " + field + ": ";
        String match = run.err().lines().filter(l -> l.startsWith(prefix)).findFirst().orElse(null);
        assertTrue(match != null, "expected a line starting with '" + prefix + "' in:\n" + run.err());
        for (String w : words) {
            assertTrue(match.contains(w), "expected '" + w + "' in: " + match);
        }
        assertFalse(run.err().contains("\tat "), "no stack trace for data errors");
    }

    @Test
    void validFileIsAccepted() throws IOException {
        CliRun run = validate(write("r.csv", HEADER + "\n" + GOOD + "\n"));
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("1 report from 1 contributor"), run.out());
    }

    @Test
    void unknownCode() throws IOException {
        Path f = write("r.csv", HEADER + "\n" + GOOD + "\n" + GOOD.replace("R-1", "R-2").replace(
                "mycoplasma_positive", "mycoplasma_postive") + "\n");
        CliRun run = validate(f);
        assertEquals(1, run.status());
        assertProblem(run, f, 3, "failure_mode", "unknown failure_mode code 'mycoplasma_postive'",
                "did you mean 'mycoplasma_positive'", "expected one of");
    }

    @Test
    void codesAreCaseInsensitiveAndTrimmed() throws IOException {
        Path f = write("r.csv", HEADER + "\n" + GOOD.replace("car_t_autologous", " CAR_T_Autologous ") + "\n");
        assertEquals(0, validate(f).status());
        // no-break spaces, as a spreadsheet's export leaves them, are spaces too
        Path g = write("g.csv", HEADER + "\n" + GOOD.replace("car_t_autologous", "\u00A0car_t_autologous\u202F")
                .replace("expansion", "\texpansion\u2007") + "\n");
        assertEquals(0, validate(g).status(), validate(g).err());
    }

    @Test
    void impossibleDate() throws IOException {
        Path f = write("r.csv", HEADER + "\n" + GOOD.replace("2026-08-11", "2026-02-30") + "\n");
        CliRun run = validate(f);
        assertEquals(1, run.status());
        assertProblem(run, f, 2, "occurred", "'2026-02-30' is not a real calendar date", "February 2026 has 28 days");
    }

    @Test
    void leapDays() throws IOException {
        Path f = write("r.csv", HEADER + "\n" + GOOD.replace("2026-08-11", "2023-02-29") + "\n"
                + GOOD.replace("R-1", "R-2").replace("2026-08-11", "2024-02-29") + "\n"
                + GOOD.replace("R-1", "R-3").replace("2026-08-11", "2100-02-29") + "\n");
        CliRun run = validate(f);
        assertEquals(1, run.status());
        assertProblem(run, f, 2, "occurred", "'2023-02-29' is not a real calendar date", "February 2023 has 28 days");
        assertProblem(run, f, 4, "occurred", "'2100-02-29' is not a real calendar date", "February 2100 has 28 days");
        assertEquals(2, run.err().lines().filter(l -> l.startsWith(f + ":")).count(), run.err()); // not line 3
    }

    @Test
    void todayAndTheAsOfQuarterAreAccepted() throws IOException {
        Path f = write("r.csv", HEADER + "\n" + GOOD.replace("2026-08-11", "2026-11-25") + "\n"
                + GOOD.replace("R-1", "R-2").replace("2026-08-11", "2026-06-30") + "\n");
        assertEquals(0, validate(f, "--as-of", "2026-Q4").status());
        CliRun run = validate(f, "--as-of", "2026-Q2");
        assertEquals(1, run.status());
        assertProblem(run, f, 2, "occurred", "after the --as-of quarter 2026-Q2");
        // a quarter still to come would publish bulletins of quarters that have not happened: wrong usage
        CliRun future = validate(f, "--as-of", "2027-Q1");
        assertEquals(2, future.status(), future.err());
        assertTrue(future.err().contains("--as-of 2027-Q1 is a quarter still to come (today, 2026-11-25, is in"
                + " 2026-Q4)"), future.err());
        assertEquals(2, CliRun.of("build", "--reports", f.toString(), "--as-of", "2027-Q1", "--output",
                f.resolveSibling("never").toString(), "--audit", f.resolveSibling("never-audit").toString())
                .status());
        assertFalse(Files.exists(f.resolveSibling("never")));
    }

    @Test
    void malformedDate() throws IOException {
        Path f = write("r.csv", HEADER + "\n" + GOOD.replace("2026-08-11", "11/08/2026") + "\n");
        CliRun run = validate(f);
        assertEquals(1, run.status());
        assertProblem(run, f, 2, "occurred", "'11/08/2026' is not a date", "YYYY-MM-DD");
        Path q = write("q.csv", HEADER + "\n" + GOOD.replace("2026-08-11", "2026-Q5") + "\n");
        assertProblem(validate(q), q, 2, "occurred", "'2026-Q5' is not a quarter: there is no quarter 5");
    }

    @Test
    void futureDate() throws IOException {
        Path f = write("r.csv", HEADER + "\n" + GOOD.replace("2026-08-11", "2026-11-26") + "\n");
        CliRun run = validate(f);
        assertEquals(1, run.status());
        assertProblem(run, f, 2, "occurred", "'2026-11-26' is in the future", "today is 2026-11-25");
    }

    @Test
    void currentQuarterAndMonthAreNotFuture() throws IOException {
        Path f = write("r.csv", HEADER + "\n" + GOOD.replace("2026-08-11", "2026-Q4") + "\n"
                + GOOD.replace("R-1", "R-2").replace("2026-08-11", "2026-11") + "\n");
        assertEquals(0, validate(f).status());
    }

    @Test
    void dateBefore2000() throws IOException {
        Path f = write("r.csv", HEADER + "\n" + GOOD.replace("2026-08-11", "1999-12") + "\n");
        CliRun run = validate(f);
        assertEquals(1, run.status());
        assertProblem(run, f, 2, "occurred", "before 2000");
    }

    @Test
    void dateAfterAsOf() throws IOException {
        Path f = write("r.csv", HEADER + "\n" + GOOD + "\n");
        CliRun run = validate(f, "--as-of", "2026-Q2");
        assertEquals(1, run.status());
        assertProblem(run, f, 2, "occurred", "after the --as-of quarter 2026-Q2");
    }

    @Test
    void missingRequiredColumn() throws IOException {
        Path f = write("r.csv", HEADER.replace("outcome,", "") + "\n"
                + GOOD.replace("batch_lost,", "") + "\n" + GOOD.replace("R-1", "R-2").replace("batch_lost,", "") + "\n");
        CliRun run = validate(f);
        assertEquals(1, run.status());
        assertProblem(run, f, 1, "outcome", "missing required column 'outcome'");
        assertFalse(run.err().contains(f + ":2: outcome"), "reported once, at the header, not per row");
        assertEquals(1, run.err().lines().filter(l -> l.startsWith(f + ":")).count(), run.err());
    }

    @Test
    void missingRequiredField() throws IOException {
        Path f = write("r.csv", HEADER + "\n" + GOOD.replace(",C01,", ",,") + "\n");
        CliRun run = validate(f);
        assertEquals(1, run.status());
        assertProblem(run, f, 2, "contributor", "missing", "required");
    }

    @Test
    void duplicateReportId() throws IOException {
        Path f = write("r.csv", HEADER + "\n" + GOOD + "\n" + GOOD + "\n");
        CliRun run = validate(f);
        assertEquals(1, run.status());
        assertProblem(run, f, 3, "report_id", "duplicate report_id 'R-1'", "line 2");
    }

    @Test
    void invalidUtf8() throws IOException {
        Path f = dir.resolve("r.csv");
        byte[] latin1 = (HEADER + "\n" + GOOD + "\n" + GOOD.replace("R-1", "R-2").replace("Day-7", "Jour\u00e9")
                + "\n").getBytes(StandardCharsets.ISO_8859_1);
        Files.write(f, latin1);
        CliRun run = validate(f);
        assertEquals(1, run.status());
        assertProblem(run, f, 3, "encoding", "invalid UTF-8", "0xE9",
                "starts a UTF-8 character that the next byte (0x20) does not continue");
    }

    @Test
    void encodingErrorsBeyondTwoHundredAreCountedFromTheFirstOneNotListed() throws IOException {
        StringBuilder text = new StringBuilder(HEADER + "\n");
        for (int i = 0; i < 250; i++) {
            text.append(GOOD.replace("R-1", "R-" + (i + 1)).replace("Day-7", "Jour\u00e9")).append('\n');
        }
        Path f = dir.resolve("r.csv");
        Files.write(f, text.toString().getBytes(StandardCharsets.ISO_8859_1));
        CliRun run = validate(f);
        assertProblem(run, f, 202, "encoding", "50 more invalid UTF-8 sequences in this file, from this line on");
    }

    @Test
    void validateChecksTheEditorialContentAsBuildDoes() throws IOException {
        Path lessons = Files.createDirectories(content.resolve("lessons"));
        Files.writeString(lessons.resolve("a.md"), "---\ntitle: A lesson\nsteps: [no_such_step]\n---\nText.\n");
        Files.writeString(content.resolve("bulletin.yaml"), "disclosure:\n  min_contributors: 0\n");
        Path f = write("r.csv", HEADER + "\n" + GOOD + "\n");
        CliRun run = validate(f);
        assertEquals(1, run.status(), run.err());
        assertTrue(run.err().contains(lessons.resolve("a.md") + ":"), run.err());
        assertTrue(run.err().contains("no_such_step"), run.err());
        assertTrue(run.err().contains(content.resolve("bulletin.yaml") + ":"), run.err());
        // a control character, which no feed or PDF may hold, is a located input problem, not a failure later
        Files.delete(content.resolve("bulletin.yaml"));
        Files.writeString(lessons.resolve("a.md"), "---\ntitle: \"x\u0007 y\"\n---\nText.\n");
        CliRun control = validate(f);
        assertEquals(1, control.status(), control.err());
        assertTrue(control.err().contains(lessons.resolve("a.md") + ":2: text: character U+0007 is not text"),
                control.err());
    }

    @Test
    void aTaxonomyThatIsNotUtf8IsAnInputProblemWithItsLine() throws IOException {
        Path taxonomy = content.resolve("taxonomy.yaml");
        byte[] text = Files.readAllBytes(taxonomy);
        byte[] bad = java.util.Arrays.copyOf(text, text.length + 2);
        bad[text.length] = (byte) 0xFF;
        bad[text.length + 1] = '\n';
        Files.write(taxonomy, bad);
        long lines = new String(text, StandardCharsets.UTF_8).lines().count();
        Path f = write("r.csv", HEADER + "\n" + GOOD + "\n");
        CliRun run = validate(f);
        assertEquals(1, run.status(), run.err());
        assertTrue(run.err().contains(taxonomy + ":" + (lines + 1) + ": encoding: invalid UTF-8: byte 0xFF"),
                run.err());
    }

    @Test
    void aUtf16FileIsSaidToBeOneAndItsRowsAreStillRead() throws IOException {
        Path f = dir.resolve("r.csv");
        Files.write(f, ("\uFEFF" + HEADER + "\n" + GOOD.replace("2026-08-11", "2026-13-01") + "\n")
                .getBytes(StandardCharsets.UTF_16LE));
        CliRun run = validate(f);
        assertEquals(1, run.status());
        assertProblem(run, f, 1, "encoding", "the file is UTF-16 (it starts with the bytes 0xFF 0xFE), not UTF-8");
        assertProblem(run, f, 2, "occurred", "2026-13-01"); // the real problem, read through the UTF-16
        assertFalse(run.err().contains("missing"), run.err());
        // and without the byte-order mark
        Files.write(f, (HEADER + "\n" + GOOD.replace("2026-08-11", "2026-13-01") + "\n")
                .getBytes(StandardCharsets.UTF_16BE));
        CliRun bare = validate(f);
        assertProblem(bare, f, 1, "encoding", "the file is UTF-16 (every other byte of its first characters is zero)");
        assertProblem(bare, f, 2, "occurred", "2026-13-01");
    }

    @Test
    void unterminatedQuoteNamesTheLineWhereTheFieldStarted() throws IOException {
        Path f = write("r.csv", HEADER + "\n" + GOOD + "\n"
                + GOOD.replace("R-1", "R-2").replace("\"Added CoA review.\"", "\"Added CoA review.") + "\n"
                + GOOD.replace("R-1", "R-3") + "\n" + GOOD.replace("R-1", "R-4") + "\n");
        CliRun run = validate(f);
        assertEquals(1, run.status());
        assertProblem(run, f, 3, "quote", "never closed");
    }

    @Test
    void unterminatedQuoteAtTheEndNamesTheLineWhereTheFieldStarted() throws IOException {
        Path f = write("r.csv", HEADER + "\n" + GOOD + "\n" + GOOD.replace("R-1", "R-2") + "\n"
                + GOOD.replace("R-1", "R-3").replace("\"Added CoA review.\"", "\"Added CoA review.\nSecond line") + "\n");
        CliRun run = validate(f);
        assertEquals(1, run.status());
        assertProblem(run, f, 4, "quote", "never closed", "the file ended inside it");
    }

    /**
     * After a record that breaks the file's structure the rest is still checked, read as if the broken record had
     * ended with its line: every problem is reported, not just the first (dataset.md, "Bad input"). With a quote
     * never closed, with text after a closing quote, and with Windows line ends.
     */
    @Test
    void theRowsAfterABrokenRecordAreStillChecked() throws IOException {
        for (String end : List.of("\n", "\r\n", "\r")) {
            String unclosed = GOOD.replace("R-1", "R-2").replace("\"Added CoA review.\"", "\"Added CoA review.");
            String textAfter = GOOD.replace("R-1", "R-2").replace("\"Added CoA review.\"", "\"Added\" CoA review.");
            for (String broken : List.of(unclosed, textAfter)) {
                Path f = write("r.csv", String.join(end, HEADER, GOOD, broken, GOOD.replace("R-1", "R-3"),
                        GOOD.replace("R-1", "R-4").replace("expansion,", "expanse,"), GOOD, GOOD.replace("R-1",
                        "R-6").replace("\"Day-7", "\"Day-8\" x")) + end + GOOD.replace("R-1", "R-7") + end);
                CliRun run = validate(f);
                assertEquals(1, run.status());
                assertProblem(run, f, 3, "quote", "The lines after it are read as if that row ended with its line");
                assertProblem(run, f, 5, "process_step", "expanse");
                assertProblem(run, f, 6, "report_id", "R-1");
                assertProblem(run, f, 7, "quote");
                assertEquals(4, run.err().lines().filter(l -> l.startsWith(f + ":")).count(), run.err());
            }
        }
    }

    /** How many broken records a file is read past (CsvRows.MAX_RESYNCS). */
    private static final int RESYNCS = 20;

    @Test
    void afterManyBrokenRecordsTheRestIsNotChecked() throws IOException {
        StringBuilder text = new StringBuilder(HEADER + "\n");
        for (int i = 1; i <= RESYNCS + 2; i++) {
            text.append(GOOD.replace("R-1", "R-" + i).replace("\"Day-7", "\"Day\"-7")).append('\n');
        }
        Path f = write("r.csv", text.toString());
        CliRun run = validate(f);
        assertProblem(run, f, RESYNCS + 2, "quote", "Nothing after this point was read");
        assertEquals(RESYNCS + 1, run.err().lines().filter(l -> l.startsWith(f + ":")).count());
    }

    @Test
    void wrongDelimiterSemicolon() throws IOException {
        Path f = write("r.csv", HEADER.replace(',', ';') + "\n" + GOOD.replace(',', ';') + "\n");
        CliRun run = validate(f);
        assertEquals(1, run.status());
        assertProblem(run, f, 1, "header", "separated by semicolons (';')", "expected comma-separated");
    }

    @Test
    void wrongDelimiterTab() throws IOException {
        Path f = write("r.csv", HEADER.replace(',', '\t') + "\n");
        CliRun run = validate(f);
        assertEquals(1, run.status());
        assertProblem(run, f, 1, "header", "separated by tabs");
    }

    @Test
    void fieldOverLengthLimit() throws IOException {
        String longText = "x".repeat(20_001);
        Path f = write("r.csv", HEADER + "\n" + GOOD.replace("Day-7 sample positive by NAT.", longText) + "\n"
                + GOOD.replace("R-1", "R-" + "9".repeat(65)) + "\n");
        CliRun run = validate(f);
        assertEquals(1, run.status());
        assertProblem(run, f, 2, "narrative", "20001 characters", "at most 20000");
        assertProblem(run, f, 3, "report_id", "67 characters long (at most 64");
    }

    @Test
    void narrativeOfExactly20000CharactersIsAccepted() throws IOException {
        Path f = write("r.csv", HEADER + "\n" + GOOD.replace("Day-7 sample positive by NAT.", "\u00b5".repeat(20_000))
                + "\n");
        assertEquals(0, validate(f).status());
    }

    @Test
    void duplicateAndNegativeVolumeRows() throws IOException {
        Path r = write("r.csv", HEADER + "\n" + GOOD + "\n");
        Path v = write("v.csv", "contributor,quarter,product_class,batches_started\n"
                + "C01,2026-Q3,car_t_autologous,40\n"
                + "C02,2026-Q3,car_t_autologous,-3\n"
                + "C01,2026-Q3,CAR_T_AUTOLOGOUS,41\n"
                + "C03,2026-Q3,car_t_autologous,4.5\n");
        CliRun run = validate(r, "--volumes", v.toString());
        assertEquals(1, run.status());
        assertProblem(run, v, 3, "batches_started", "'-3' is negative");
        assertProblem(run, v, 4, "contributor", "duplicate volume row", "line 2");
        assertProblem(run, v, 5, "batches_started", "'4.5' is not a whole number");
    }

    /** Codes are trimmed; "everything else is taken as written" (dataset.md): spaces around a value are an error. */
    @Test
    void onlyCodesAreTrimmedEveryOtherValueIsTakenAsWritten() throws IOException {
        Path r = write("r.csv", HEADER + "\n" + GOOD.replace(",2026-08-11,", ", 2026-08-11,") + "\n"
                + GOOD.replace("R-1", "R-2").replace(",true,", ",true ,") + "\n"
                + GOOD.replace("R-1", "R-3").replace(",expansion,", ", Expansion ,") + "\n");
        Path v = write("v.csv", "contributor,quarter,product_class,batches_started\n"
                + "C01,2026-Q3,car_t_autologous, 7\n"
                + "C02,2026-Q3,car_t_autologous,+7\n"
                + "C03,2026-Q3,car_t_autologous,-0\n"
                + "C04,2026-Q3 ,car_t_autologous,7\n"
                + "C05,2026-Q3,car_t_autologous,99999999999999999999\n"
                + "C06,2026-Q3, car_t_autologous ,7\n");
        CliRun run = validate(r, "--volumes", v.toString());
        assertEquals(1, run.status());
        assertProblem(run, r, 2, "occurred", "' 2026-08-11' has spaces around it", "taken as written");
        assertProblem(run, r, 3, "publishable", "'true ' has spaces around it");
        assertFalse(run.err().contains(r + ":4:"), "a code is trimmed and matched ignoring case: " + run.err());
        assertProblem(run, v, 2, "batches_started", "' 7' has spaces around it");
        assertProblem(run, v, 3, "batches_started", "'+7' is not a whole number");
        assertProblem(run, v, 4, "batches_started", "'-0' has a minus sign; write 0");
        assertProblem(run, v, 5, "quarter", "'2026-Q3 ' has spaces around it");
        assertProblem(run, v, 6, "batches_started", "is too large");
        assertFalse(run.err().contains(v + ":7:"), run.err());
    }

    @Test
    void emptyFileIsAnError() throws IOException {
        for (String name : List.of("r.csv", "r.json", "r.jsonl")) {
            Path f = write(name, "");
            CliRun run = validate(f);
            assertEquals(1, run.status(), name);
            assertProblem(run, f, 1, "file", "the file is empty");
        }
    }

    @Test
    void headerOnlyFileMeansNoReports() throws IOException {
        CliRun run = validate(write("r.csv", HEADER + "\r\n"));
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("0 reports"), run.out());
        assertEquals(0, validate(write("r.json", "[]")).status());
    }

    @Test
    void bomCrlfAnyColumnOrderAndUnknownColumnsWarn() throws IOException {
        String header = "outcome,extra_notes,report_id,contributor,occurred,product_class,process_step,failure_mode";
        Path f = write("r.csv", "\uFEFF" + header + "\r\nbatch_lost,hello,R-1,C01,2026-08-11,car_t_autologous,"
                + "expansion,low_viability\r\n");
        CliRun run = validate(f);
        assertEquals(0, run.status(), run.err());
        assertProblem(run, f, 1, "header", "warning: unknown column extra_notes will be ignored");
    }

    @Test
    void repeatedOrUnnamedUnknownColumnsAreIgnoredButARepeatedKnownOneIsAnError() throws IOException {
        Path f = write("r.csv", HEADER + ",foo,foo,,\n" + GOOD + ",a,b,,\n");
        CliRun run = validate(f);
        assertEquals(0, run.status(), run.err());
        assertProblem(run, f, 1, "header", "warning: unknown columns foo, (column 16 without a name), (column 17"
                + " without a name) will be ignored");
        Path twice = write("t.csv", HEADER + ",outcome\n" + GOOD + ",batch_lost\n");
        CliRun repeated = validate(twice);
        assertEquals(1, repeated.status(), repeated.err());
        assertProblem(repeated, twice, 1, "outcome", "column 'outcome' appears more than once in the header");
    }

    @Test
    void aTrailingCommaInJsonIsNamed() throws IOException {
        Path f = write("r.json", "[{\"report_id\": \"R-1\"},\n]");
        assertProblem(validate(f), f, 2, "json", "not valid JSON at column 1: a comma with nothing after it before"
                + " the closing bracket (a trailing comma");
        Path g = write("r.jsonl", "{\"report_id\": \"R-1\",}\n");
        assertProblem(validate(g), g, 1, "json", "before the closing brace (a trailing comma");
    }

    @Test
    void linesOfSpacesAreBlankLines() throws IOException {
        Path f = write("r.csv", "  \n" + HEADER + "\n" + GOOD + "\n \t \n" + GOOD.replace("R-1", "R-2") + "\n");
        CliRun run = validate(f);
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("2 reports"), run.out());
    }

    @Test
    void wrongNumberOfFields() throws IOException {
        Path f = write("r.csv", HEADER + "\n" + GOOD + ",surplus\n");
        CliRun run = validate(f);
        assertEquals(1, run.status());
        assertProblem(run, f, 2, "row", "14 fields but the header has 13");
    }

    @Test
    void badPublishable() throws IOException {
        Path f = write("r.csv", HEADER + "\n" + GOOD.replace(",true,", ",maybe,") + "\n");
        CliRun run = validate(f);
        assertEquals(1, run.status());
        assertProblem(run, f, 2, "publishable", "'maybe' is not true or false");
    }

    @Test
    void invalidJsonNamesTheLine() throws IOException {
        Path f = write("r.json", "[\n{\"report_id\": \"R-1\",\n \"contributor\": \"C01\"\n \"occurred\": \"2026-08\"}\n]");
        CliRun run = validate(f);
        assertEquals(1, run.status());
        assertProblem(run, f, 4, "json", "not valid JSON");
    }

    @Test
    void badJsonLinesAreEachReported() throws IOException {
        String ok = "{\"report_id\":\"R-%d\",\"contributor\":\"C01\",\"occurred\":\"2026-08\",\"product_class\":"
                + "\"til\",\"process_step\":\"expansion\",\"failure_mode\":\"low_viability\",\"outcome\":\"batch_lost\","
                + "\"publishable\":true}";
        Path f = write("r.jsonl", String.format(ok, 1) + "\n{oops\n\n" + String.format(ok, 2).replace("til", "tiL2")
                + "\n");
        CliRun run = validate(f);
        assertEquals(1, run.status());
        assertProblem(run, f, 2, "json", "not valid JSON");
        assertProblem(run, f, 4, "product_class", "unknown product_class code 'tiL2'");
    }

    @Test
    void rowsWithAnotherDelimiterThanTheHeaderSayWhichOne() throws IOException {
        Path f = write("r.csv", HEADER + "\n" + GOOD.replace(',', ';') + "\n" + GOOD.replace(',', '\t') + "\n");
        CliRun run = validate(f);
        assertEquals(1, run.status());
        assertProblem(run, f, 2, "row", "separated by semicolons (';'), not by commas as in the header");
        assertProblem(run, f, 3, "row", "separated by tabs, not by commas as in the header");
        // one stray semicolon in a broken row is not a delimiter
        Path g = write("g.csv", HEADER + "\nR-1; a spilled narrative\n");
        CliRun one = validate(g);
        assertProblem(one, g, 2, "row", "check for an unquoted comma");
    }

    /**
     * The data files default to CONTENT/data; a content folder without reports falls back to the contract's literal
     * default, content/data in the working folder (the project's root, in tests).
     */
    @Test
    void withoutReportsOfItsOwnAContentFolderReadsTheContractsDefaultData() throws IOException {
        CliRun fallback = CliRun.of("validate", "--content", content.toString());
        assertEquals(0, fallback.status(), fallback.err());
        assertTrue(fallback.out().contains(Path.of("content", "data", "reports.csv") + ": 6000 reports"),
                fallback.out());
        Files.createDirectories(content.resolve("data"));
        Files.writeString(content.resolve("data/reports.csv"), HEADER + "\n" + GOOD + "\n");
        CliRun own = CliRun.of("validate", "--content", content.toString());
        assertEquals(0, own.status(), own.err());
        assertTrue(own.out().contains(content.resolve("data/reports.csv") + ": 1 report"), own.out());
    }

    @Test
    void jsonNestedTooDeepIsReportedWhereTheParserStopped() throws IOException {
        Path f = write("r.json", "[\n{\"report_id\": \"R-1\",\n\"narrative\": " + "[".repeat(1200) + "]".repeat(1200)
                + "}\n]\n");
        CliRun run = validate(f);
        assertEquals(1, run.status());
        assertProblem(run, f, 3, "json", "not valid JSON", "nesting depth");
    }

    @Test
    void jsonKeysTwiceInOneObjectAreEachReportedAndReadingGoesOn() throws IOException {
        String ok = "{\"report_id\":\"R-%d\",\"contributor\":\"C01\",\"occurred\":\"2026-08\",\"product_class\":"
                + "\"til\",\"process_step\":\"expansion\",\"failure_mode\":\"low_viability\",\"outcome\":\"batch_lost\","
                + "\"publishable\":true%s}";
        Path array = write("r.json", "[\n" + String.format(ok, 1, ",\"outcome\":\"near_miss\"") + ",\n"
                + String.format(ok, 2, "").replace("til", "tiL2") + "\n]\n");
        CliRun run = validate(array);
        assertEquals(1, run.status());
        assertProblem(run, array, 2, "outcome", "appears a second time");
        assertProblem(run, array, 3, "product_class", "unknown product_class code 'tiL2'");
        Path lines = write("r.jsonl", String.format(ok, 1, "") + "\n" + String.format(ok, 2, ",\"extra\":\"x\"") + "\n"
                + String.format(ok, 3, ",\" OUTCOME\":\"near_miss\"") + "\n{\"report_id\":\"R-4\",\n");
        run = validate(lines);
        assertEquals(1, run.status());
        assertProblem(run, lines, 2, "row", "warning: unknown key extra ignored");
        assertProblem(run, lines, 3, "outcome", "the key ' OUTCOME' appears a second time");
        assertProblem(run, lines, 4, "json", "the line ends before its object does");
        assertFalse(run.err().contains("Source:"), run.err());
    }

    @Test
    void everyProblemIsListedUnlessACapIsAskedFor() throws IOException {
        StringBuilder b = new StringBuilder(HEADER).append('\n');
        for (int i = 0; i < 150; i++) {
            b.append(GOOD.replace("R-1", "R-" + i).replace("batch_lost", "lost")).append('\n');
        }
        Path f = write("r.csv", b.toString());
        CliRun run = validate(f);
        assertEquals(1, run.status());
        assertEquals(150, run.err().lines().filter(l -> l.startsWith(f + ":")).count());
        assertFalse(run.err().contains("not listed"), run.err());
        assertTrue(run.err().contains("150 errors"), run.err());
        CliRun capped = validate(f, "--max-problems", "100");
        assertEquals(1, capped.status());
        assertEquals(100, capped.err().lines().filter(l -> l.startsWith(f + ":")).count());
        assertTrue(capped.err().contains("... and 50 more problems not listed (--max-problems 100)"), capped.err());
        assertTrue(capped.err().contains("150 errors"), capped.err());
    }

    @Test
    void jsonFormatListsProblemsOnStandardOutput() throws IOException {
        Path f = write("r.csv", HEADER + "\n" + GOOD + "\n" + GOOD + "\n");
        CliRun run = validate(f, "--format", "json");
        assertEquals(1, run.status());
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertEquals(1, json.get("errors").asInt());
        JsonNode p = json.get("problems").get(0);
        assertEquals(f.toString(), p.get("file").asText());
        assertEquals(3, p.get("line").asInt());
        assertEquals("report_id", p.get("field").asText());
    }

    @Test
    void missingFileIsAnInputProblem() {
        CliRun run = validate(dir.resolve("nope.csv"));
        assertEquals(1, run.status());
        assertTrue(run.err().contains("does not exist"), run.err());
    }

    @Test
    void wrongUsageExits2() {
        assertEquals(2, CliRun.of("validate", "--as-of", "2026-5").status());
        assertEquals(2, CliRun.of("frobnicate").status());
        assertEquals(2, CliRun.of().status());
    }
}
