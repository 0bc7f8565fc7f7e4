package org.cgtbulletin.read;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import org.cgtbulletin.model.Problems;

/** Reads a JSON array of objects, or JSON Lines (one object per line), streaming, into raw rows. */
final class JsonRows {

    /**
     * Duplicate keys are found by {@link #readObject} rather than by the parser, whose detection stops the reading
     * at the first one (and would take "outcome" and "OUTCOME", the same key to the bulletin, for two).
     */
    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private JsonRows() {
    }

    /** A JSON array of objects. Returns false when the file could not be read to its end. */
    static boolean readArray(Reader reader, String file, RowSchema schema, Problems problems, RowSink sink)
            throws IOException {
        JsonParser p = FACTORY.createParser(reader);
        try (p) {
            JsonToken t = p.nextToken();
            if (t == null) {
                problems.error(file, 1, "file", "the file is empty; expected a JSON array of " + schema.what()
                        + " objects ([] means no " + schema.what() + "s)");
                return false;
            }
            if (t != JsonToken.START_ARRAY) {
                problems.error(file, line(p), "file", "expected a JSON array ([ ... ]) of " + schema.what()
                        + " objects, found " + describe(t) + (t == JsonToken.START_OBJECT
                        ? "; for one object per line, name the file .jsonl" : ""));
                return false;
            }
            java.util.Set<String> warned = new TreeSet<>();
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                if (t == null) {
                    problems.error(file, line(p), "file", "the file ends before the closing ] of the array");
                    return false;
                }
                if (t != JsonToken.START_OBJECT) {
                    problems.error(file, line(p), "row", "expected a " + schema.what() + " object ({...}),"
                            + " found " + describe(t));
                    p.skipChildren();
                    continue;
                }
                readObject(p, 0, file, schema, problems, sink, warned);
            }
            if (p.nextToken() != null) {
                problems.error(file, line(p), "file", "unexpected content after the closing ] of the array");
                return false;
            }
            return true;
        } catch (JsonProcessingException e) {
            // A limit of the parser's (nesting too deep, a number too long) comes without a location: the parser's own
            // position then says where.
            var at = e.getLocation() != null ? e.getLocation() : p.currentLocation();
            problems.error(file, at.getLineNr(), "json", "not valid JSON at column " + at.getColumnNr() + ": "
                    + hint(plain(e.getOriginalMessage())) + "; nothing after this point was read");
            return false;
        }
    }

    /** JSON Lines: one object per line; blank lines ignored; a bad line is reported and reading goes on. */
    static boolean readLines(Reader reader, String file, RowSchema schema, Problems problems, RowSink sink)
            throws IOException {
        BufferedReader lines = new BufferedReader(reader, 1 << 16);
        String text;
        long lineNr = 0;
        boolean any = false;
        java.util.Set<String> warned = new TreeSet<>();
        while ((text = lines.readLine()) != null) {
            lineNr++;
            if (text.isBlank()) {
                continue;
            }
            any = true;
            long at = lineNr;
            try (JsonParser p = FACTORY.createParser(text)) {
                JsonToken t = p.nextToken();
                if (t != JsonToken.START_OBJECT) {
                    problems.error(file, at, "row", "expected one " + schema.what() + " object ({...}) on this"
                            + " line, found " + describe(t));
                    continue;
                }
                readObject(p, at - 1, file, schema, problems, sink, warned);
                if (p.nextToken() != null) {
                    problems.error(file, at, "row", "more than one JSON value on this line; JSON Lines holds"
                            + " exactly one object per line");
                }
            } catch (JsonProcessingException e) {
                String message = plain(e.getOriginalMessage());
                if (message.startsWith("Unexpected end-of-input")) {
                    message = "the line ends before its object does (" + message + "); JSON Lines holds one whole"
                            + " object per line";
                }
                problems.error(file, at, "json", "not valid JSON at column "
                        + (e.getLocation() == null ? "?" : e.getLocation().getColumnNr()) + ": " + hint(message));
            }
        }
        if (!any) {
            problems.error(file, 1, "file", "the file is empty; expected JSON Lines, one " + schema.what()
                    + " object per line");
            return false;
        }
        return true;
    }

    /**
     * Reads one object's keys; an unknown key is warned about once per file (warned holds those already named). Keys
     * are matched ignoring case and surrounding spaces, so "outcome" and "OUTCOME" in one object are the same key
     * twice, an error. {@code lineOffset} is added to the parser's line numbers (JSON Lines parses each line alone).
     */
    private static void readObject(JsonParser p, long lineOffset, String file, RowSchema schema, Problems problems,
            RowSink sink, java.util.Set<String> warned) throws IOException {
        long line = line(p) + lineOffset;
        String[] values = new String[schema.fields().size()];
        boolean[] seen = new boolean[values.length];
        java.util.Set<String> seenUnknown = null; // made at the first unknown key: most objects have none
        List<String> unknown = new ArrayList<>();
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String written = p.currentName();
            String name = written.trim().toLowerCase(Locale.ROOT);
            JsonToken v = p.nextToken();
            int i = schema.indexOf(name);
            if (i < 0 && seenUnknown == null) {
                seenUnknown = new TreeSet<>();
            }
            boolean again = i >= 0 ? seen[i] : !seenUnknown.add(name);
            if (again) {
                problems.error(file, line(p) + lineOffset, name, "the key '" + written + "' appears a second time"
                        + " in this object (keys are matched ignoring case and spaces); each key may appear once");
            }
            if (i < 0) {
                if (warned.add(name)) {
                    unknown.add(name);
                }
                p.skipChildren();
                continue;
            }
            seen[i] = true;
            switch (v) {
                case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE -> values[i] = p.getText();
                case VALUE_NULL -> values[i] = null;
                default -> {
                    problems.error(file, line(p) + lineOffset, name, "expected a text, number or true/false"
                            + " value, found " + describe(v));
                    p.skipChildren();
                    values[i] = null;
                }
            }
        }
        if (!unknown.isEmpty()) {
            problems.warning(file, line, "row", "unknown key" + (unknown.size() > 1 ? "s " : " ")
                    + String.join(", ", unknown) + " ignored (named once per file); known keys are "
                    + String.join(", ", schema.fields()));
        }
        sink.row(new RawRow(line, values));
    }

    /** The parser's message, led by what a closing bracket or brace where a value or name was due most likely means. */
    static String hint(String message) {
        boolean bracket = message.startsWith("Unexpected character (']'");
        if (bracket || message.startsWith("Unexpected character ('}'")) {
            return "a comma with nothing after it before the closing " + (bracket ? "bracket" : "brace")
                    + " (a trailing comma, which JSON does not allow: remove it) [" + message + "]";
        }
        return message;
    }

    /**
     * Jackson's message without its note of where (the problem's line is given apart, and the source is not
     * named): "... (start marker at [Source: REDACTED ...; line: 1, column: 1])" becomes "... (start marker at line
     * 1, column 1)".
     */
    static String plain(String message) {
        return message == null ? ""
                : message.replaceAll("\\[Source: [^;]*; line: (\\d+), column: (\\d+)\\]", "line $1, column $2");
    }

    private static long line(JsonParser p) {
        return p.currentTokenLocation().getLineNr();
    }

    private static String describe(JsonToken t) {
        if (t == null) {
            return "nothing";
        }
        return switch (t) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "true/false";
            case VALUE_NULL -> "null";
            default -> t.asString() == null ? t.name() : "'" + t.asString() + "'";
        };
    }
}
