package org.cgtbulletin.read;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.cgtbulletin.model.Dimension;
import org.cgtbulletin.model.Problems;
import org.cgtbulletin.model.Taxonomy;
import org.cgtbulletin.model.TaxonomyCode;

/**
 * Reads the taxonomy file (YAML or JSON): for each dimension a label and a list of codes with label, group and
 * description. File order is process order (steps) and severity order (outcomes).
 */
final class TaxonomyReader {

    private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9]*(_[a-z0-9]+)*");

    private TaxonomyReader() {
    }

    /** Returns the taxonomy, or null when it has errors (all of them reported). */
    static Taxonomy read(Path path, Problems problems) throws IOException {
        String file = path.toString();
        byte[] bytes = Files.readAllBytes(path);
        java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(bytes);
        java.nio.CharBuffer decoded = java.nio.CharBuffer.allocate(bytes.length + 1);
        var result = java.nio.charset.StandardCharsets.UTF_8.newDecoder().decode(in, decoded, true);
        if (result.isError()) {
            long line = 1;
            for (int i = 0; i < in.position(); i++) {
                line += bytes[i] == '\n' ? 1 : 0;
            }
            problems.error(file, line, "encoding", String.format(java.util.Locale.ROOT, "invalid UTF-8: byte 0x%02X"
                    + " is not part of a UTF-8 character; save the file as UTF-8", bytes[in.position()] & 0xFF));
            return null;
        }
        String text = decoded.flip().toString();
        ObjectMapper mapper = path.toString().endsWith(".json") ? new ObjectMapper()
                : new ObjectMapper(new YAMLFactory());
        JsonNode root;
        try {
            root = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            problems.error(file, e.getLocation() == null ? 0 : e.getLocation().getLineNr(), "taxonomy",
                    "cannot be read: " + e.getOriginalMessage());
            return null;
        }
        if (root == null || !root.isObject()) {
            problems.error(file, 1, "taxonomy", "expected a mapping with one entry per dimension ("
                    + dimensionNames() + ")");
            return null;
        }
        long before = problems.errorCount();
        Map<Dimension, List<TaxonomyCode>> codes = new EnumMap<>(Dimension.class);
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (Dimension.byField(key) == null) {
                problems.warning(file, lineOf(text, key + ":"), key, "unknown dimension '" + key
                        + "' ignored; known dimensions are " + dimensionNames());
            }
        }
        for (Dimension d : Dimension.values()) {
            JsonNode node = root.get(d.field());
            if (node == null) {
                problems.error(file, 1, d.field(), "the dimension '" + d.field() + "' is missing");
                continue;
            }
            JsonNode list = node.isArray() ? node : node.get("codes");
            if (list == null || !list.isArray() || list.isEmpty()) {
                problems.error(file, lineOf(text, d.field() + ":"), d.field(),
                        "expected a non-empty list 'codes' of entries with code, label, group and description");
                continue;
            }
            List<TaxonomyCode> entries = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (JsonNode entry : list) {
                String code = textOf(entry, "code");
                long line = code == null ? lineOf(text, d.field() + ":") : lineOf(text, code);
                if (code == null || !CODE.matcher(code).matches()) {
                    problems.error(file, line, d.field(), "code " + (code == null ? "missing" : "'" + code + "'")
                            + ": every entry needs a lower_snake_case code, for example mycoplasma_positive");
                    continue;
                }
                if (!seen.add(code)) {
                    problems.error(file, line, d.field(), "code '" + code + "' appears twice");
                    continue;
                }
                String label = textOf(entry, "label");
                if (label == null) {
                    problems.error(file, line, d.field(), "code '" + code + "' has no label");
                    continue;
                }
                String group = textOf(entry, "group");
                String description = textOf(entry, "description");
                List<String> aliases = new ArrayList<>();
                JsonNode a = entry.get("aliases");
                if (a != null && !a.isNull()) {
                    if (!a.isArray()) {
                        problems.error(file, line, d.field(), "code '" + code + "': aliases must be a list of"
                                + " names, for example [\"MSCs\", \"mesenchymal stromal cells\"]");
                        continue;
                    }
                    for (JsonNode n : a) {
                        if (n.isValueNode() && !n.asText().isBlank()) {
                            aliases.add(n.asText().strip());
                        }
                    }
                }
                entries.add(new TaxonomyCode(code, label, description == null ? "" : description,
                        group == null ? "" : group, entries.size(), aliases));
            }
            codes.put(d, entries);
        }
        return problems.errorCount() > before ? null : new Taxonomy(codes);
    }

    private static String textOf(JsonNode entry, String key) {
        JsonNode v = entry == null ? null : entry.get(key);
        if (v == null || v.isNull() || !v.isValueNode()) {
            return null;
        }
        String s = v.asText().trim();
        return s.isEmpty() ? null : s;
    }

    /** The first line mentioning the text, for locating a problem found after parsing; 1 if none. */
    private static long lineOf(String text, String needle) {
        int at = text.indexOf(needle);
        if (at < 0) {
            return 1;
        }
        long line = 1;
        for (int i = 0; i < at; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    private static String dimensionNames() {
        List<String> names = new ArrayList<>();
        for (Dimension d : Dimension.values()) {
            names.add(d.field());
        }
        return String.join(", ", names);
    }
}
