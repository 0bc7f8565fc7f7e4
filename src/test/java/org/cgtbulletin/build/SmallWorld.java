package org.cgtbulletin.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A small taxonomy (2 product classes, 3 steps, 3 modes, 2 outcomes) and seeded random datasets over it, so
 * that builds run in milliseconds and every cell can be recomputed independently in a test.
 */
final class SmallWorld {

    static final List<String> CLASSES = List.of("car_t_autologous", "aav_vector");
    static final List<String> STEPS = List.of("starting_material", "expansion", "qc_release");
    static final List<String> MODES = List.of("mycoplasma_positive", "low_viability", "documentation_error");
    static final List<String> OUTCOMES = List.of("near_miss", "batch_lost");
    static final String HEADER = "report_id,contributor,occurred,product_class,process_step,failure_mode,outcome,"
            + "publishable,narrative";

    /** One report as a test sees it. */
    record Row(String id, String contributor, String quarter, String productClass, String step, String mode,
            String outcome) {
        String csv() {
            return id + "," + contributor + "," + quarter + "," + productClass + "," + step + "," + mode + ","
                    + outcome + ",false,";
        }
    }

    private SmallWorld() {
    }

    static Path content(Path dir) throws IOException {
        Path content = dir.resolve("content");
        Files.createDirectories(content.resolve("data"));
        StringBuilder b = new StringBuilder();
        dimension(b, "product_class", CLASSES);
        dimension(b, "process_step", STEPS);
        dimension(b, "failure_mode", MODES);
        dimension(b, "outcome", OUTCOMES);
        dimension(b, "root_cause", List.of("material", "unknown"));
        dimension(b, "platform", List.of("closed_automated", "unknown"));
        Files.writeString(content.resolve("taxonomy.yaml"), b.toString());
        return content;
    }

    private static void dimension(StringBuilder b, String name, List<String> codes) {
        b.append(name).append(":\n  label: ").append(name).append("\n  codes:\n");
        for (String c : codes) {
            b.append("    - code: ").append(c).append("\n      label: ").append(c).append("\n      group: g\n");
        }
    }

    /** Random reports over quarters 2025-Q1..2026-Q2 from `contributors` contributors of skewed sizes. */
    static List<Row> rows(long seed, int n, int contributors) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Row> rows = new ArrayList<>();
        String[] quarters = {"2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2"};
        for (int i = 0; i < n; i++) {
            int c = (int) Math.min(contributors - 1, Math.floor(Math.pow(r.nextDouble(), 2) * contributors));
            rows.add(new Row("R-" + i, "C" + c, quarters[r.nextInt(quarters.length)],
                    CLASSES.get(r.nextInt(CLASSES.size())), STEPS.get(r.nextInt(STEPS.size())),
                    MODES.get(r.nextInt(MODES.size())), OUTCOMES.get(r.nextInt(OUTCOMES.size()))));
        }
        return rows;
    }

    static Path write(Path file, List<Row> rows) throws IOException {
        StringBuilder b = new StringBuilder(HEADER).append('\n');
        for (Row row : rows) {
            b.append(row.csv()).append('\n');
        }
        Files.writeString(file, b.toString());
        return file;
    }
}
