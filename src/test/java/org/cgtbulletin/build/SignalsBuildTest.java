package org.cgtbulletin.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.csv.CSVRecord;
import org.cgtbulletin.cli.CliRun;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The build publishes data/signals.json as the contract says: on the shipped sample it finds the planted rise of
 * mycoplasma at expansion, every number a summary quotes is in cells.csv, the bytes are the same for the same
 * inputs, and the front page lists the signals escaped. Bad signal settings are located input errors.
 */
class SignalsBuildTest {

    static final List<String> KEYS = List.of("kind", "process_step", "failure_mode", "product_class", "period",
            "statistic", "value", "p_value", "q_value", "events", "summary");

    @TempDir
    static Path shared;
    static Path site;
    static CliRun sampleBuild;

    @TempDir
    Path dir;

    @BeforeAll
    static void buildTheShippedSample() {
        site = shared.resolve("site");
        sampleBuild = CliRun.of("build", "--output", site.toString(), "--audit", shared.resolve("audit").toString());
    }

    @Test
    void theShippedSampleYieldsThePlantedMycoplasmaRise() throws IOException {
        assertEquals(0, sampleBuild.status(), sampleBuild.err());
        JsonNode json = new ObjectMapper().readTree(site.resolve("data/signals.json").toFile());
        assertEquals(List.of("as_of", "signals"), fieldNames(json));
        assertEquals("2026-Q3", json.get("as_of").asText());
        JsonNode rise = null;
        for (JsonNode s : json.get("signals")) {
            assertEquals(KEYS, fieldNames(s), s.toString());
            assertTrue(List.of("rising", "falling", "spike", "disproportionate").contains(s.get("kind").asText()));
            assertTrue(s.get("p_value").isNumber() && s.get("q_value").asDouble() <= 0.05, s.toString());
            assertTrue(s.get("events").isIntegralNumber() && s.get("summary").asText().endsWith("."));
            if (s.get("kind").asText().equals("rising") && s.get("process_step").asText().equals("expansion")
                    && s.get("failure_mode").asText().equals("mycoplasma_positive")) {
                rise = s;
            }
        }
        assertTrue(rise != null, json.toPrettyString());
        assertEquals("*", rise.get("product_class").asText());
        assertEquals("2026-Q3", rise.get("period").asText());
        assertEquals("rate_ratio_per_quarter", rise.get("statistic").asText());
        assertTrue(rise.get("value").asDouble() > 1.05, rise.toString());
        assertTrue(rise.get("summary").asText().startsWith("Mycoplasma positive reports at the Expansion step rose"
                + " from "), rise.toString());
        assertTrue(sampleBuild.out().contains(" signals from "), sampleBuild.out());
    }

    @Test
    void everySummaryQuotesOnlyPublishedNumbersOrItsStatistic() throws IOException {
        Set<String> published = new HashSet<>();
        for (CSVRecord c : BuildDisclosureTest.cells(site)) {
            published.add(c.get("events"));
            published.add(c.get("rate_per_100"));
        }
        JsonNode json = new ObjectMapper().readTree(site.resolve("data/signals.json").toFile());
        assertTrue(json.get("signals").size() > 0);
        for (JsonNode s : json.get("signals")) {
            String text = s.get("summary").asText().replaceAll("\\d{4}-Q\\d", "Q").replace("per 100 batches", "");
            Matcher m = Pattern.compile("\\d+(\\.\\d+)?").matcher(text);
            while (m.find()) {
                String n = m.group();
                boolean statistic = !s.get("value").isNull()
                        && Math.abs(Double.parseDouble(n) - s.get("value").asDouble()) < 0.0051;
                assertTrue(published.contains(n) || statistic, "'" + n + "' in " + s.get("summary").asText());
            }
        }
    }

    @Test
    void theFrontPageListsTheSignalsAndTheMethodologyNamesTheMethods() throws IOException {
        String index = Files.readString(site.resolve("index.html"));
        assertTrue(index.contains("<h2>Signals this quarter</h2>") && index.contains("Mycoplasma positive reports at the Expansion"
                + " step rose"), index);
        String methodology = Files.readString(site.resolve("methodology/index.html"));
        for (String citation : List.of("Wilson EB", "Garwood F", "McCullagh P, Nelder JA", "Przyborowski J,"
                + " Wilenski H", "Gu K", "Laney DB", "Evans SJW", "Benjamini Y, Hochberg Y", "Smyth GK",
                "Bourgon R")) {
            assertTrue(methodology.contains(citation), citation);
        }
        assertTrue(methodology.contains("over the last 8 quarters") && methodology.contains("at 5%"), methodology);
        assertFalse(methodology.contains("No production volumes are published"), "the sample has volumes");
    }

    @Test
    void theSameInputsGiveTheSameSignalsBytes() throws IOException {
        CliRun again = CliRun.of("build", "--output", dir.resolve("site").toString(), "--audit",
                dir.resolve("audit").toString());
        assertEquals(0, again.status(), again.err());
        assertEquals(Files.readString(site.resolve("data/signals.json")),
                Files.readString(dir.resolve("site/data/signals.json")));
    }

    @Test
    void withoutVolumesSignalsAreInCountsAndTheLabelsAreEscaped() throws IOException {
        Path content = SmallWorld.content(dir);
        Path taxonomy = content.resolve("taxonomy.yaml");
        Files.writeString(taxonomy, Files.readString(taxonomy).replace("label: documentation_error",
                "label: \"Doc <script>alert(1)</script> & error\""));
        List<SmallWorld.Row> rows = new ArrayList<>();
        String[] quarters = {"2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2"};
        int id = 0;
        for (int q = 0; q < quarters.length; q++) {
            int n = 12 + 12 * q; // documentation errors at QC rise steeply, reported by eight manufacturers
            for (int i = 0; i < n; i++) {
                rows.add(new SmallWorld.Row("R-" + id++, "C" + (i % 8), quarters[q], SmallWorld.CLASSES.get(i % 2),
                        "qc_release", "documentation_error", SmallWorld.OUTCOMES.get(i % 2)));
            }
            for (int i = 0; i < 40; i++) {
                rows.add(new SmallWorld.Row("R-" + id++, "C" + (i % 8), quarters[q], SmallWorld.CLASSES.get(i % 2),
                        SmallWorld.STEPS.get(i % 2), SmallWorld.MODES.get(i % 2), SmallWorld.OUTCOMES.get(i / 2 % 2)));
            }
        }
        Path reports = SmallWorld.write(dir.resolve("reports.csv"), rows);
        CliRun run = CliRun.of("build", "--content", content.toString(), "--reports", reports.toString(), "--output",
                dir.resolve("site").toString(), "--audit", dir.resolve("audit").toString());
        assertEquals(0, run.status(), run.err());
        JsonNode json = new ObjectMapper().readTree(dir.resolve("site/data/signals.json").toFile());
        JsonNode rise = null;
        for (JsonNode s : json.get("signals")) {
            if (s.get("kind").asText().equals("rising") && s.get("failure_mode").asText().equals(
                    "documentation_error")) {
                rise = s;
            }
        }
        assertTrue(rise != null, json.toPrettyString());
        assertEquals("count_ratio_per_quarter", rise.get("statistic").asText());
        assertTrue(rise.get("summary").asText().contains("which may reflect production volume"), rise.toString());
        String index = Files.readString(dir.resolve("site/index.html"));
        assertFalse(index.contains("<script>"), index);
        assertTrue(index.contains("Doc &lt;script&gt;alert(1)&lt;/script&gt; &amp; error reports"), index);
        assertTrue(index.contains("trends are in counts of reports"), index);
        String methodology = Files.readString(dir.resolve("site/methodology/index.html"));
        assertTrue(methodology.contains("No production volumes are published"), methodology);
    }

    @Test
    void signalSettingsAreCheckedWithTheirLine() throws IOException {
        Path content = SmallWorld.content(dir);
        Path reports = SmallWorld.write(dir.resolve("reports.csv"), SmallWorld.rows(4, 100, 8));
        String[][] cases = {
            {"signals:\n  trend_quarters: 2\n", "bulletin.yaml:2: trend_quarters: trend_quarters must be"},
            {"disclosure:\n  min_events: 5\n\nsignals:\n  min_events: 10\n  false_discovery_rate: 0.5\n",
                "bulletin.yaml:6: false_discovery_rate: false_discovery_rate must be"},
            {"signals:\n  spike_baseline_quarters: 1\n", "bulletin.yaml:2: spike_baseline_quarters:"},
            {"signals:\n  min_events: 0\n", "bulletin.yaml:2: min_events: min_events must be 1 or more"},
            {"signals:\n  fdr: 0.1\n", "bulletin.yaml:2: fdr: unknown setting 'fdr'"},
            {"signals:\n  trend_quarters: 8.5\n", "bulletin.yaml:2: trend_quarters: expected a whole number"},
            {"signals:\n  false_discovery_rate: five\n", "bulletin.yaml:2: false_discovery_rate: expected a number"},
        };
        for (String[] c : cases) {
            Files.writeString(content.resolve("bulletin.yaml"), c[0]);
            CliRun run = CliRun.of("build", "--content", content.toString(), "--reports", reports.toString(),
                    "--output", dir.resolve("site").toString(), "--audit", dir.resolve("audit").toString());
            assertEquals(1, run.status(), c[0] + run.out());
            assertTrue(run.err().contains(c[1]), c[0] + " -> " + run.err());
        }
        Files.writeString(content.resolve("bulletin.yaml"), "signals:\n  trend_quarters: 6\n"
                + "  false_discovery_rate: 0.10\n");
        CliRun run = CliRun.of("build", "--content", content.toString(), "--reports", reports.toString(),
                "--output", dir.resolve("site").toString(), "--audit", dir.resolve("audit").toString());
        assertEquals(0, run.status(), run.err());
        String methodology = Files.readString(dir.resolve("site/methodology/index.html"));
        assertTrue(methodology.contains("over the last 6 quarters") && methodology.contains("at 10%"), methodology);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            names.add(it.next());
        }
        return names;
    }
}
