package org.cgtbulletin.stories;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.cgtbulletin.model.Problems;

/**
 * The editors' choices about stories, from {@code content/stories.yaml}, so that a story can be featured or held
 * back without editing the dataset:
 *
 * <pre>
 * feature:
 *   - R-000289
 * hold:
 *   - R-000454
 *   - id: R-000790
 *     reason: the contributor asked us to wait for their CAPA
 * </pre>
 *
 * Parsed strictly: an unknown key, a value that is not a list of report ids, or an id both featured and held is
 * an error ({@code FILE:LINE: field: message}). An id that is not in the dataset is a warning, given by
 * {@link StoryDesk#finish} once the dataset has been read.
 *
 * @param file    the file as named (for messages), or null when there is none
 * @param choices every choice, in file order
 */
public record Editorial(String file, List<Choice> choices) {

    public static final String FILE = "stories.yaml";
    private static final Pattern REPORT_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    /** What editors asked for one report's story. */
    public enum Action {
        FEATURE("feature"), HOLD("hold");

        private final String key;

        Action(String key) {
            this.key = key;
        }

        /** The key in the file. */
        public String key() {
            return key;
        }
    }

    /**
     * One choice.
     *
     * @param reason why it was held (optional; shown in the staff audit only)
     * @param line   the line of the file where the id is written
     */
    public record Choice(String reportId, Action action, String reason, long line) {
    }

    public Editorial {
        choices = List.copyOf(choices);
    }

    /** No choices. */
    public static Editorial none() {
        return new Editorial(null, List.of());
    }

    /** Reads {@code <content>/stories.yaml}; no choices when it does not exist; null (with problems) when bad. */
    public static Editorial read(Path contentDir, Problems problems) throws IOException {
        Path path = contentDir.resolve(FILE);
        if (!Files.exists(path)) {
            return none();
        }
        String file = path.toString();
        List<Choice> choices = new ArrayList<>();
        long errors = problems.errorCount();
        try (JsonParser p = new YAMLFactory().createParser(path.toFile())) {
            JsonToken t = p.nextToken();
            if (t == null) {
                return new Editorial(file, List.of());
            }
            if (t != JsonToken.START_OBJECT) {
                problems.error(file, line(p), "file", "expected the keys feature: and hold:, each with a list of"
                        + " report ids");
                return null;
            }
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                long keyLine = line(p);
                Action action = key.equals("feature") ? Action.FEATURE : key.equals("hold") ? Action.HOLD : null;
                p.nextToken();
                if (action == null) {
                    problems.error(file, keyLine, key, "unknown key '" + key + "'; known keys are feature and hold");
                    p.skipChildren();
                    continue;
                }
                list(p, file, action, choices, problems);
            }
        } catch (JsonProcessingException e) {
            problems.error(file, e.getLocation() == null ? 1 : e.getLocation().getLineNr(), "yaml",
                    "not valid YAML: " + e.getOriginalMessage());
            return null;
        }
        Map<String, Choice> seen = new LinkedHashMap<>();
        List<Choice> unique = new ArrayList<>();
        for (Choice c : choices) {
            Choice before = seen.putIfAbsent(c.reportId(), c);
            if (before == null) {
                unique.add(c);
            } else if (before.action() == c.action()) {
                problems.warning(file, c.line(), c.action().key(), "report '" + c.reportId() + "' is listed twice"
                        + " (first on line " + before.line() + ")");
            } else {
                problems.error(file, c.line(), c.action().key(), "report '" + c.reportId() + "' is both featured"
                        + " and held (line " + before.line() + "); keep it in one list");
            }
        }
        return problems.errorCount() > errors ? null : new Editorial(file, unique);
    }

    private static void list(JsonParser p, String file, Action action, List<Choice> out, Problems problems)
            throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return;
        }
        if (t != JsonToken.START_ARRAY) {
            problems.error(file, line(p), action.key(), "expected a list of report ids, one per line as '- ID'");
            p.skipChildren();
            return;
        }
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            long line = line(p);
            String id = null;
            String reason = null;
            if (t == JsonToken.START_OBJECT) {
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    long keyLine = line(p);
                    JsonToken v = p.nextToken();
                    if ((key.equals("id") || key.equals("reason")) && v.isScalarValue()) {
                        if (key.equals("id")) {
                            id = p.getText();
                            line = keyLine;
                        } else {
                            reason = p.getText();
                        }
                    } else {
                        problems.error(file, keyLine, action.key(), key.equals("id") || key.equals("reason")
                                ? "'" + key + "' must be a single value"
                                : "unknown key '" + key + "' in an entry; known keys are id and reason");
                        p.skipChildren();
                    }
                }
                if (id == null) {
                    problems.error(file, line, action.key(), "an entry without an id");
                    continue;
                }
            } else if (t.isScalarValue() && t != JsonToken.VALUE_NULL) {
                id = p.getText();
            } else {
                problems.error(file, line, action.key(), "expected a report id");
                p.skipChildren();
                continue;
            }
            if (!REPORT_ID.matcher(id).matches()) {
                problems.error(file, line, action.key(), "'" + id + "' is not a report id (1-64 letters, digits,"
                        + " '.', '_' or '-')");
                continue;
            }
            out.add(new Choice(id, action, reason == null || reason.isBlank() ? null : reason.strip(), line));
        }
    }

    private static long line(JsonParser p) {
        return p.currentTokenLocation() == null ? 1 : p.currentTokenLocation().getLineNr();
    }

    /** The choices by report id. */
    Map<String, Choice> byReport() {
        Map<String, Choice> m = new LinkedHashMap<>();
        for (Choice c : choices) {
            m.put(c.reportId(), c);
        }
        return Collections.unmodifiableMap(m);
    }
}
