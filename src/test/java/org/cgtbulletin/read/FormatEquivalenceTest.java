package org.cgtbulletin.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.cgtbulletin.model.FailureReport;
import org.cgtbulletin.model.Problems;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same data as CSV, JSON array and JSON Lines is read identically, field for field. */
class FormatEquivalenceTest {

    @TempDir
    Path dir;

    private List<FailureReport> read(String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, text, StandardCharsets.UTF_8);
        Problems problems = new Problems();
        List<FailureReport> reports = new ArrayList<>();
        DatasetReader.read(new DatasetFiles(f, null, null, Path.of("content", "taxonomy.yaml")),
                new ValidationRules(LocalDate.of(2026, 11, 25), null), problems, taxonomy -> reports::add);
        assertFalse(problems.hasErrors(), () -> problems.kept().toString());
        return reports;
    }

    @Test
    void csvJsonAndJsonLinesGiveTheSameReports() throws IOException {
        List<Map<String, String>> rows = TestRows.rows(500, 42);
        List<FailureReport> csv = read("r.csv", TestRows.csv(rows));
        List<FailureReport> crlfBom = read("r2.csv", "\uFEFF" + TestRows.csv(rows));
        List<FailureReport> json = read("r.json", TestRows.json(rows));
        List<FailureReport> jsonl = read("r.jsonl", TestRows.jsonLines(rows));
        assertEquals(500, csv.size());
        assertEquals(csv, crlfBom);
        assertEquals(csv, json);
        assertEquals(csv, jsonl);
    }

    @Test
    void valuesAreCanonicalAndTextIsKeptAsWritten() throws IOException {
        List<Map<String, String>> rows = TestRows.rows(200, 7);
        List<FailureReport> reports = read("r.csv", TestRows.csv(rows));
        for (int i = 0; i < rows.size(); i++) {
            Map<String, String> row = rows.get(i);
            FailureReport r = reports.get(i);
            assertEquals(row.get("product_class").trim().toLowerCase(), r.productClass());
            assertEquals(row.get("process_step").toLowerCase(), r.processStep());
            assertEquals(row.get("narrative").isEmpty() ? null : row.get("narrative"), r.narrative());
            assertEquals(row.get("publishable").equals("true") || row.get("publishable").equals("yes"),
                    r.publishable());
        }
    }
}
