package org.cgtbulletin.stories;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * A text after de-identification: plain text (no markup), with what was removed counted by kind.
 *
 * @param text   the de-identified text, or null when there was none
 * @param counts how many identifiers of each kind were removed (kinds with none are absent), in kind order
 */
public record Deidentified(String text, Map<IdentifierKind, Integer> counts) {

    public Deidentified {
        counts = counts.isEmpty() ? Map.of() : copy(counts);
    }

    private static Map<IdentifierKind, Integer> copy(Map<IdentifierKind, Integer> counts) {
        EnumMap<IdentifierKind, Integer> copy = new EnumMap<>(IdentifierKind.class);
        counts.forEach((k, v) -> {
            if (v != null && v > 0) {
                copy.put(k, v);
            }
        });
        return Collections.unmodifiableMap(copy);
    }

    /** Total number of removals. */
    public int removed() {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }
}
