package org.cgtbulletin.content;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Front matter in the plain shape staff write it, read without a YAML parser: one {@code key: value} line per key,
 * each value a quoted string, a plain word or phrase, or a flow list of those ({@code [a, b]}). Jackson's YAML
 * reader took about a tenth of the time of 10,000 short lessons, most of it in SnakeYAML's scanner for three or
 * four lines each. Anything outside that shape (block lists, comments, escapes, multi-line values, an unknown or
 * repeated key, a value YAML would read as a number, a boolean or null) gives null here, and {@link ContentReader}
 * has Jackson read it, with its messages for what is wrong. {@code FrontMatterTest} checks that every front matter
 * read here is read the same by Jackson.
 */
final class FrontMatter {

    /** A front-matter record that takes its fields by key: a string, or a list of strings. */
    interface Fields {
        /** Sets {@code key}; false when it is not a key of this record or the value is not of its type. */
        boolean set(String key, Object value);
    }

    /** Words YAML 1.1 (and so Jackson) reads as a boolean or null, whatever their case. */
    private static final Set<String> SPECIAL = Set.of("y", "n", "yes", "no", "on", "off", "true", "false", "null");

    private FrontMatter() {
    }

    /** The record read from {@code yaml}, or null when the text is not of the plain shape this reads. */
    static <T extends Fields> T read(String yaml, Supplier<T> make) {
        T fields = make.get();
        Set<String> seen = new HashSet<>();
        int from = 0;
        int n = yaml.length();
        while (from < n) {
            int eol = yaml.indexOf('\n', from);
            int end = eol < 0 ? n : eol;
            String line = yaml.substring(from, end);
            from = end + 1;
            if (line.isBlank()) {
                if (!line.isEmpty() && !line.chars().allMatch(c -> c == ' ')) {
                    return null; // a tab where YAML looks for indentation
                }
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0 || !isKey(line, colon)) {
                return null;
            }
            String key = line.substring(0, colon);
            String rest = line.substring(colon + 1);
            if (!rest.startsWith(" ") || !seen.add(key)) {
                return null; // "key:value", "key:" (null) or a key twice
            }
            Object value = value(spacesStripped(rest));
            if (value == null || !fields.set(key, value)) {
                return null;
            }
        }
        return fields;
    }

    /** Without its leading and trailing spaces (only spaces: any other white space is left for the checks). */
    private static String spacesStripped(String s) {
        int a = 0;
        int b = s.length();
        while (a < b && s.charAt(a) == ' ') {
            a++;
        }
        while (b > a && s.charAt(b - 1) == ' ') {
            b--;
        }
        return s.substring(a, b);
    }

    private static boolean isKey(String line, int colon) {
        for (int i = 0; i < colon; i++) {
            char c = line.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c == '_')) {
                return false;
            }
        }
        return true;
    }

    /** A string or a list of strings; null when the value is not of the plain shape. */
    private static Object value(String v) {
        if (v.startsWith("[")) {
            if (!v.endsWith("]")) {
                return null;
            }
            String inner = v.substring(1, v.length() - 1);
            List<String> items = new ArrayList<>();
            if (inner.isBlank()) {
                return inner.chars().allMatch(c -> c == ' ') ? items : null;
            }
            for (String item : inner.split(",", -1)) {
                String s = scalar(spacesStripped(item), true);
                if (s == null) {
                    return null;
                }
                items.add(s);
            }
            return items;
        }
        return scalar(v, false);
    }

    /** A quoted string's content or a plain scalar that YAML reads as a string; null for anything else. */
    private static String scalar(String v, boolean inList) {
        if (v.length() >= 2 && (v.charAt(0) == '"' || v.charAt(0) == '\'')) {
            char quote = v.charAt(0);
            if (v.charAt(v.length() - 1) != quote) {
                return null;
            }
            String inner = v.substring(1, v.length() - 1);
            for (int i = 0; i < inner.length(); i++) {
                char c = inner.charAt(i);
                if (c == quote || c == '\\' || !printable(c)) {
                    return null;
                }
            }
            return inner;
        }
        if (v.isEmpty() || !Character.isLetter(v.charAt(0)) || SPECIAL.contains(v.toLowerCase(Locale.ROOT))) {
            return null;
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
                    || c == '-' || c == '.' || (c == ' ' || c == ',') && !inList || c == '(' || c == ')' || c == '/'
                    || c > 0x7f && printable(c);
            if (!ok) {
                return null;
            }
        }
        return v;
    }

    /**
     * A character SnakeYAML takes as printable text on a line: printable ASCII and the Basic Multilingual Plane's
     * text, not its line and paragraph separators, the byte-order mark or a surrogate (a pair is left to Jackson).
     */
    private static boolean printable(char c) {
        return c >= 0x20 && c <= 0x7e || c >= 0xa0 && c <= 0xd7ff && c != 0x2028 && c != 0x2029
                || c >= 0xe000 && c <= 0xfffd && c != 0xfeff;
    }
}
