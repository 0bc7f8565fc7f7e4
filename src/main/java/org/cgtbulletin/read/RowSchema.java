package org.cgtbulletin.read;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The fields a kind of row may have (reports or volumes), which are required, and their positions. */
final class RowSchema {

    static final RowSchema REPORTS = new RowSchema("report", List.of(
            "report_id", "contributor", "occurred", "product_class", "process_step", "failure_mode", "outcome",
            "detected_at", "root_cause", "platform", "narrative", "lesson", "publishable"),
            Set.of("report_id", "contributor", "occurred", "product_class", "process_step", "failure_mode",
                    "outcome"));

    static final RowSchema VOLUMES = new RowSchema("volume", List.of(
            "contributor", "quarter", "product_class", "batches_started"),
            Set.of("contributor", "quarter", "product_class", "batches_started"));

    private final String what;
    private final List<String> fields;
    private final Set<String> required;
    private final Map<String, Integer> index = new HashMap<>();

    private RowSchema(String what, List<String> fields, Set<String> required) {
        this.what = what;
        this.fields = List.copyOf(fields);
        this.required = Set.copyOf(required);
        for (int i = 0; i < fields.size(); i++) {
            index.put(fields.get(i), i);
        }
    }

    /** What one row is, in words: "report" or "volume". */
    String what() {
        return what;
    }

    List<String> fields() {
        return fields;
    }

    /** Required fields, in schema order. */
    List<String> requiredInOrder() {
        return fields.stream().filter(required::contains).toList();
    }

    /** Position of a field name (already lower-cased and trimmed), or -1 for an unknown column. */
    int indexOf(String name) {
        return index.getOrDefault(name, -1);
    }

    boolean isRequired(String field) {
        return required.contains(field);
    }
}
