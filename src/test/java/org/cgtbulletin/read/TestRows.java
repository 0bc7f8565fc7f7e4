package org.cgtbulletin.read;

import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** Seeded random report rows, written as CSV, JSON or JSON Lines, for equivalence and fuzz tests. */
final class TestRows {

    static final List<String> FIELDS = List.of("report_id", "contributor", "occurred", "product_class",
            "process_step", "failure_mode", "outcome", "detected_at", "root_cause", "platform", "publishable",
            "narrative", "lesson");
    private static final String[] CLASSES = {"car_t_autologous", "TIL", " aav_vector ", "nk_cell"};
    private static final String[] STEPS = {"expansion", "qc_release", "Starting_Material", "vector_downstream"};
    private static final String[] MODES = {"mycoplasma_positive", "low_viability", "empty_capsids_oos"};
    private static final String[] OUTCOMES = {"near_miss", "batch_lost", "product_delayed"};
    private static final String[] TEXTS = {"", "Stored at -80 °C; 250 µL aliquots ≥ 95% viable.",
            "Quote \"inside\", comma, and\nnew line.", "=SUM(A1:A9) looked like a formula", "<script>x</script>",
            "Día 7: CD3+ cells, IL-2 feed."};

    private TestRows() {
    }

    static List<Map<String, String>> rows(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Map<String, String>> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("report_id", "R-" + (1000 + i));
            m.put("contributor", "C" + r.nextInt(1, 15));
            int year = r.nextInt(2021, 2027);
            int month = r.nextInt(1, year == 2026 ? 10 : 13);
            m.put("occurred", switch (r.nextInt(3)) {
                case 0 -> String.format("%d-%02d-%02d", year, month, r.nextInt(1, 29));
                case 1 -> String.format("%d-%02d", year, month);
                default -> year + "-Q" + ((month - 1) / 3 + 1);
            });
            m.put("product_class", pick(r, CLASSES));
            m.put("process_step", pick(r, STEPS));
            m.put("failure_mode", pick(r, MODES));
            m.put("outcome", pick(r, OUTCOMES));
            m.put("detected_at", r.nextBoolean() ? "qc_release" : "");
            m.put("root_cause", r.nextBoolean() ? "material" : "");
            m.put("platform", r.nextBoolean() ? "closed_automated" : "");
            m.put("publishable", pick(r, new String[] {"true", "false", "yes", "0", ""}));
            m.put("narrative", pick(r, TEXTS));
            m.put("lesson", pick(r, TEXTS));
            rows.add(m);
        }
        return rows;
    }

    static String csv(List<Map<String, String>> rows) throws IOException {
        StringWriter w = new StringWriter();
        try (CSVPrinter p = new CSVPrinter(w, CSVFormat.RFC4180.builder().setHeader(FIELDS.toArray(String[]::new))
                .build())) {
            for (Map<String, String> row : rows) {
                p.printRecord(row.values());
            }
        }
        return w.toString();
    }

    static String json(List<Map<String, String>> rows) throws IOException {
        return new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(typed(rows));
    }

    static String jsonLines(List<Map<String, String>> rows) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        StringBuilder b = new StringBuilder();
        for (Map<String, Object> row : typed(rows)) {
            b.append(mapper.writeValueAsString(row)).append('\n');
        }
        return b.toString();
    }

    /** JSON with native types where natural: booleans for publishable, absent keys for empty fields. */
    private static List<Map<String, Object>> typed(List<Map<String, String>> rows) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, String> row : rows) {
            Map<String, Object> m = new LinkedHashMap<>();
            row.forEach((k, v) -> {
                if (v.isEmpty()) {
                    return;
                }
                if (k.equals("publishable") && (v.equals("true") || v.equals("false"))) {
                    m.put(k, Boolean.valueOf(v));
                } else {
                    m.put(k, v);
                }
            });
            out.add(m);
        }
        return out;
    }

    private static String pick(SplittableRandom r, String[] options) {
        return options[r.nextInt(options.length)];
    }
}
