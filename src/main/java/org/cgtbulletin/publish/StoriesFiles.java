package org.cgtbulletin.publish;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import org.cgtbulletin.model.Quarter;
import org.cgtbulletin.model.Story;

/**
 * Writes the published stories as {@code data/stories.csv} (a story shown with its year only has an empty
 * {@code quarter}, null in the JSON) (through {@link SafeCsv}: no field can run as a
 * spreadsheet formula) and {@code data/stories.json}. Texts are plain text; in the JSON, {@code < > & '} and the
 * JavaScript line separators are written as {@code \}{@code uXXXX} escapes so that the file stays inert even if a
 * page embeds it in a script element. Every other character, {@code °}, {@code µ} and {@code ≥} included, is
 * written as UTF-8.
 */
public final class StoriesFiles {

    public static final List<String> HEADER = List.of("id", "year", "quarter", "product_class", "product_group",
            "process_step", "failure_mode", "outcome", "featured", "narrative", "lesson");

    private StoriesFiles() {
    }

    public static void write(Path dataDir, Quarter asOf, List<Story> stories) throws IOException {
        Files.createDirectories(dataDir);
        try (BufferedWriter w = Files.newBufferedWriter(dataDir.resolve("stories.csv"), StandardCharsets.UTF_8,
                StandardOpenOption.CREATE_NEW);
             SafeCsv csv = new SafeCsv(w, HEADER)) {
            for (Story s : stories) {
                csv.row(fields(s));
            }
        }
        try (OutputStream out = Files.newOutputStream(dataDir.resolve("stories.json"), StandardOpenOption.CREATE_NEW);
             JsonGenerator g = new JsonFactory().createGenerator(out, JsonEncoding.UTF8)) {
            g.setCharacterEscapes(new HtmlSafeEscapes());
            g.writeStartObject();
            g.writeStringField("as_of", asOf == null ? null : asOf.toString());
            g.writeArrayFieldStart("stories");
            for (Story s : stories) {
                g.writeStartObject();
                g.writeStringField("id", s.id());
                g.writeNumberField("year", s.year());
                g.writeStringField("quarter", s.quarter() == null ? null : s.quarter().toString());
                g.writeStringField("product_class", s.productClass());
                g.writeStringField("product_group", s.productGroup());
                g.writeStringField("process_step", s.processStep());
                g.writeStringField("failure_mode", s.failureMode());
                g.writeStringField("outcome", s.outcome());
                g.writeBooleanField("featured", s.featured());
                g.writeStringField("narrative", s.narrative());
                g.writeStringField("lesson", s.lesson());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeRaw('\n');
        }
    }

    /** A story's CSV fields, in header order. */
    public static List<String> fields(Story s) {
        List<String> f = new ArrayList<>(HEADER.size());
        f.add(s.id());
        f.add(Integer.toString(s.year()));
        f.add(s.quarter() == null ? "" : s.quarter().toString());
        f.add(s.productClass());
        f.add(s.productGroup());
        f.add(s.processStep());
        f.add(s.failureMode());
        f.add(s.outcome());
        f.add(Boolean.toString(s.featured()));
        f.add(s.narrative());
        f.add(s.lesson());
        return f;
    }

    /** JSON escapes that keep text inert inside HTML too; non-ASCII letters and symbols stay as they are. */
    static final class HtmlSafeEscapes extends CharacterEscapes {
        private static final long serialVersionUID = 1L;
        private final int[] escapes;

        HtmlSafeEscapes() {
            escapes = standardAsciiEscapesForJSON();
            for (char c : new char[] {'<', '>', '&', '\''}) {
                escapes[c] = ESCAPE_STANDARD;
            }
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return escapes;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            if (ch == 0x2028 || ch == 0x2029) {
                return new SerializedString(String.format(java.util.Locale.ROOT, "\\u%04x", ch));
            }
            return null;
        }
    }
}
