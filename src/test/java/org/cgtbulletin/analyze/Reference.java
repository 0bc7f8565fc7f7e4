package org.cgtbulletin.analyze;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the reference fixtures in {@code src/test/resources/analyze} and compares computed values with printed
 * ones to the printed precision: |computed - printed| may be at most half a unit of the last printed digit.
 */
final class Reference {

    private Reference() {
    }

    static String text(String resource) {
        try (InputStream in = Reference.class.getResourceAsStream("/analyze/" + resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource /analyze/" + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A simple CSV (no quoted commas): one map per row, header names without quotes, values trimmed. */
    static List<Map<String, String>> csv(String resource) {
        List<Map<String, String>> rows = new ArrayList<>();
        String[] header = null;
        for (String line : text(resource).split("\r?\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split(",", -1);
            for (int i = 0; i < f.length; i++) {
                f[i] = f[i].trim().replace("\"", "");
            }
            if (header == null) {
                header = f;
                continue;
            }
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < header.length; i++) {
                row.put(header[i], f[i]);
            }
            rows.add(row);
        }
        return rows;
    }

    /** The number printed after {@code label} (e.g. "beta1 =") in a text fixture. */
    static String after(String text, String label) {
        Matcher m = Pattern.compile(Pattern.quote(label) + "\\s*(-?[0-9.]+(?:e-?[0-9]+)?)").matcher(text);
        if (!m.find()) {
            throw new IllegalArgumentException("no '" + label + "' in the fixture");
        }
        return m.group(1);
    }

    /** The number printed after {@code label}, searching only after the first occurrence of {@code anchor}. */
    static String after(String text, String anchor, String label) {
        int at = text.indexOf(anchor);
        if (at < 0) {
            throw new IllegalArgumentException("no '" + anchor + "' in the fixture");
        }
        return after(text.substring(at), label);
    }

    /** Half a unit in the last printed digit of {@code printed}, e.g. 5e-11 for 0.2527367455 (10 decimals). */
    static double halfUnit(String printed) {
        String s = printed.trim().toLowerCase();
        int exp = 0;
        int e = s.indexOf('e');
        if (e >= 0) {
            exp = Integer.parseInt(s.substring(e + 1));
            s = s.substring(0, e);
        }
        int dot = s.indexOf('.');
        int decimals = dot < 0 ? 0 : s.length() - dot - 1;
        return 0.5 * Math.pow(10, exp - decimals);
    }

    /** Asserts that computed rounds to the printed value (with 1e-12 relative slack for binary doubles). */
    static void assertPrinted(String printed, double computed, String what) {
        double expected = Double.parseDouble(printed);
        double tolerance = halfUnit(printed) * (1 + 1e-9) + 1e-12 * Math.abs(expected);
        assertTrue(Math.abs(computed - expected) <= tolerance, what + ": computed " + computed + ", printed "
                + printed + " (tolerance " + tolerance + ")");
    }

    /** Asserts agreement within an explicit tolerance where the fixture documents one. */
    static void assertWithin(String printed, double computed, double tolerance, String what) {
        double expected = Double.parseDouble(printed);
        assertTrue(Math.abs(computed - expected) <= tolerance, what + ": computed " + computed + ", printed "
                + printed + " (tolerance " + tolerance + ")");
    }
}
