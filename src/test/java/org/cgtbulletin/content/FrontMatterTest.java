package org.cgtbulletin.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.cgtbulletin.content.ContentReader.BulletinMatter;
import org.cgtbulletin.content.ContentReader.LessonMatter;
import org.cgtbulletin.content.ContentReader.PageMatter;
import org.junit.jupiter.api.Test;

/**
 * {@link FrontMatter} reads front matter exactly as Jackson's YAML reader (configured as {@link ContentReader}'s)
 * does, or not at all: on thousands of generated front matters, with the values YAML reads otherwise than they look
 * (yes, No, ~, 12, 1.5e3, a: b, # comments, escapes, tabs, line separators, surrogate pairs, lists with a trailing
 * comma), every one it reads is Jackson's to the field, and Jackson throws on none of them.
 */
class FrontMatterTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY);

    private static final String[] KEYS = {"title", "summary", "steps", "modes", "products", "featured_lessons",
            "tags", "Title", "title ", "sum-mary"};
    private static final String[] VALUES = {"\"Lesson 00001: chromatography exchange\"", "Empty capsids",
            "Empty  capsids", "Lesson 12 (draft)", "a/b-c.d", "qc_release", "[qc_release]", "[qc_release, thaw]",
            "[ qc_release ,thaw ]", "[]", "[ ]", "[a,]", "[a, \"b c\"]", "['x']", "[a b]", "'single'", "'it''s'",
            "\"esc \\n\"", "\"tab\there\"", "yes", "No", "ON", "off", "y", "N", "true", "False", "null", "Null", "~",
            "", "12", "1.5e3", "0x1F", "-x", "a: b", "a #c", "a#c", "\"quoted\" # comment", "x, y", "é lesson",
            "Über", "\"curly “quotes” — dash\"", "\"line\u2028break\"", "\"bom\ufeff\"", "\"emoji \ud83d\ude00\"",
            "\"\"", "''", "&anchor x", "*alias", "!tag x", "|", ">", "@at", "`tick`", "%pct", "?q", ".5", "+1",
            "2026-03-01", "Infinity", ".inf", "\"", "\"unclosed", "[unclosed", "x]", "{a: b}", "a\tb", "x ", "(a)",
            "\"a\\\\b\"", "'a\\b'", "Lesson\r"};

    private static String frontMatter(Random random) {
        StringBuilder b = new StringBuilder();
        java.util.Set<String> used = new java.util.HashSet<>();
        int lines = 1 + random.nextInt(5);
        for (int i = 0; i < lines; i++) {
            switch (random.nextInt(40)) {
                case 0 -> b.append("\n");
                case 1 -> b.append("# a comment\n");
                case 2 -> b.append("steps:\n  - qc_release\n");
                case 3 -> b.append("   \n");
                case 4 -> b.append("title: first line\n  continued\n");
                default -> {
                    String key = KEYS[random.nextInt(random.nextInt(4) == 0 ? KEYS.length : 6)];
                    if (!used.add(key) && random.nextInt(4) != 0) {
                        continue; // mostly each key once, sometimes twice
                    }
                    String sep = switch (random.nextInt(30)) {
                        case 0 -> ":";
                        case 1 -> ":\t";
                        case 2 -> ":   ";
                        case 3 -> " : ";
                        default -> ": ";
                    };
                    b.append(key).append(sep).append(VALUES[random.nextInt(random.nextInt(3) == 0 ? VALUES.length : 13)])
                            .append(random.nextInt(8) == 0 ? "  " : "").append('\n');
                }
            }
        }
        return b.toString();
    }

    private static <T extends FrontMatter.Fields> boolean same(String yaml, Class<T> type, Supplier<T> make,
            Function<T, List<Object>> fields) {
        T fast = FrontMatter.read(yaml, make);
        if (fast == null) {
            return false;
        }
        T slow;
        try {
            slow = YAML.readValue(yaml, type);
        } catch (Exception e) {
            fail("read here, but Jackson refuses it (" + e.getMessage() + "):\n" + yaml);
            return false;
        }
        assertNotNull(slow, yaml);
        assertEquals(fields.apply(slow), fields.apply(fast), yaml);
        return true;
    }

    @Test
    void frontMatterReadHereIsReadSoByJackson() {
        int read = 0;
        int total = 0;
        for (long seed = 0; seed < 4000; seed++) {
            String yaml = frontMatter(new Random(seed));
            if (yaml.isBlank()) {
                continue;
            }
            total++;
            boolean lesson = same(yaml, LessonMatter.class, LessonMatter::new,
                    m -> List.of(String.valueOf(m.title), String.valueOf(m.summary), String.valueOf(m.steps),
                            String.valueOf(m.modes), String.valueOf(m.products)));
            same(yaml, BulletinMatter.class, BulletinMatter::new,
                    m -> List.of(String.valueOf(m.title), String.valueOf(m.summary),
                            String.valueOf(m.featuredLessons)));
            same(yaml, PageMatter.class, PageMatter::new,
                    m -> List.of(String.valueOf(m.title), String.valueOf(m.summary)));
            if (lesson) {
                read++;
            }
        }
        assertTrue(read > total / 10 && read < total, read + " of " + total + " lesson front matters read here");
    }

    /** Front matter as staff write it, the keys in any order, each once: all read here, all as Jackson reads them. */
    @Test
    void wellFormedFrontMatterIsAllReadHere() {
        String[] texts = {"\"Lesson 00001: chromatography exchange\"", "Empty capsids", "Empty  capsids",
                "Lesson 12 (draft)", "a/b-c.d", "Batch records, reviewed", "'single'", "\"curly “quotes” — dash\"",
                "é lesson", "\"\""};
        String[] lists = {"qc_release", "[qc_release]", "[qc_release, thaw]", "[ qc_release ,thaw ]", "[]",
                "[a, \"b c\"]", "['x']"};
        for (long seed = 0; seed < 1000; seed++) {
            Random random = new Random(seed);
            List<String> keys = new ArrayList<>(List.of("title", "summary", "steps", "modes", "products"));
            java.util.Collections.shuffle(keys, random);
            StringBuilder b = new StringBuilder();
            for (String key : keys.subList(0, 1 + random.nextInt(keys.size()))) {
                String[] values = key.equals("title") || key.equals("summary") ? texts : lists;
                b.append(key).append(": ").append(values[random.nextInt(values.length)])
                        .append(random.nextInt(5) == 0 ? "  \n\n" : "\n");
            }
            String yaml = b.toString();
            assertNotNull(FrontMatter.read(yaml, LessonMatter::new), yaml);
            assertTrue(same(yaml, LessonMatter.class, LessonMatter::new,
                    m -> List.of(String.valueOf(m.title), String.valueOf(m.summary), String.valueOf(m.steps),
                            String.valueOf(m.modes), String.valueOf(m.products))));
        }
    }

    @Test
    void theShapesStaffWriteAreReadHere() {
        List<String> shapes = new ArrayList<>(List.of(
                "title: \"Empty capsids: control the ratio\"\nsummary: \"Why lots fail.\"\nsteps: [vector_downstream]"
                        + "\nmodes: [empty_capsids_oos]\nproducts: [aav_vector]\n",
                "title: Chain of identity\nsteps: qc_release\n",
                "title: 'Right first time'\n\nsummary: Batch records, reviewed\n"));
        for (String yaml : shapes) {
            assertNotNull(FrontMatter.read(yaml, LessonMatter::new), yaml);
            assertTrue(same(yaml, LessonMatter.class, LessonMatter::new,
                    m -> List.of(String.valueOf(m.title), String.valueOf(m.summary), String.valueOf(m.steps))));
        }
        LessonMatter m = FrontMatter.read("title: Chain of identity\nsteps: qc_release\n", LessonMatter::new);
        assertEquals(List.of("qc_release"), m.steps);
        // Left to Jackson, whose messages name the problem: an unknown key, a key twice, a list for a title.
        assertNull(FrontMatter.read("title: x\ntags: [a]\n", LessonMatter::new));
        assertNull(FrontMatter.read("title: x\ntitle: y\n", LessonMatter::new));
        assertNull(FrontMatter.read("title: [a, b]\n", LessonMatter::new));
        assertNull(FrontMatter.read("steps: [a]\n", PageMatter::new));
    }
}
