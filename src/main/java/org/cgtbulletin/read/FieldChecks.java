package org.cgtbulletin.read;

import java.util.ArrayList;
import java.util.List;

import org.cgtbulletin.model.Dimension;
import org.cgtbulletin.model.Problems;
import org.cgtbulletin.model.Quarter;
import org.cgtbulletin.model.Taxonomy;
import org.cgtbulletin.model.TaxonomyCode;

/** Checks of single fields shared by the report and volume validators; each reports its own problem. */
final class FieldChecks {

    private static final int MAX_LISTED_CODES = 15;

    private final String file;
    private final Taxonomy taxonomy;
    private final String taxonomyFile;
    private final Problems problems;
    /**
     * Per dimension, the values last found to be a code, by a hash of their text, and the canonical code of each:
     * the reader hands back the same string for a value that repeats ({@code CsvRecords}), so a row's codes are
     * mostly found here by identity, without the taxonomy's two map look-ups (7 million of them for a million rows).
     */
    private final String[][] knownText = new String[Dimension.values().length][64];
    private final String[][] knownCode = new String[Dimension.values().length][64];

    FieldChecks(String file, Taxonomy taxonomy, String taxonomyFile, Problems problems) {
        this.file = file;
        this.taxonomy = taxonomy;
        this.taxonomyFile = taxonomyFile;
        this.problems = problems;
    }

    long errorCount() {
        return problems.errorCount();
    }

    void error(long line, String field, String message) {
        problems.error(file, line, field, message);
    }

    /** The value if present (non-blank), else reports it missing when required and returns null. */
    String present(long line, String field, String value, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                error(line, field, "missing: " + field + " is required and may not be empty");
            }
            return null;
        }
        return value;
    }

    /** An identifier such as report_id or contributor: 1-64 characters of letters, digits, '.', '_', '-'. */
    String token(long line, String field, String value) {
        if (value == null) {
            return null;
        }
        if (!isToken(value)) {
            String why = value.length() > 64 ? "is " + value.length() + " characters long (at most 64 allowed)"
                    : "contains characters other than letters, digits, '.', '_' and '-'";
            error(line, field, quote(value) + " " + why);
            return null;
        }
        return value;
    }

    /** Whether the value is 1-64 of A-Z, a-z, 0-9, '.', '_', '-' (by hand: every report has two tokens). */
    private static boolean isToken(String value) {
        int n = value.length();
        if (n < 1 || n > 64) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_'
                    || c == '-')) {
                return false;
            }
        }
        return true;
    }

    /** A taxonomy code, matched case-insensitively after trimming; returns the canonical code or null. */
    String code(long line, String field, Dimension dimension, String value) {
        if (value == null) {
            return null;
        }
        int slot = value.hashCode() & 63;
        String[] texts = knownText[dimension.ordinal()];
        if (texts[slot] == value) { // this very string was found to be a code
            return knownCode[dimension.ordinal()][slot];
        }
        TaxonomyCode c = taxonomy.find(dimension, value);
        if (c != null) {
            texts[slot] = value;
            knownCode[dimension.ordinal()][slot] = c.code();
            return c.code();
        }
        error(line, field, "unknown " + dimension.field() + " code " + quote(value) + suggestion(dimension, value)
                + "; expected one of " + listed(dimension) + " (codes are defined in " + taxonomyFile + ")");
        return null;
    }

    /**
     * A value that is not a code, checked to be as written: the contract trims codes only, so spaces around a date,
     * a number or a flag are an error (the first and last characters are looked at, as every report has several).
     */
    String asWritten(long line, String field, String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        if (Taxonomy.isSpace(value.charAt(0)) || Taxonomy.isSpace(value.charAt(value.length() - 1))) {
            error(line, field, quote(value) + " has spaces around it; only taxonomy codes are trimmed, every other"
                    + " value is taken as written: remove the spaces");
            return null;
        }
        return value;
    }


    /** A quarter {@code YYYY-Qn}; reports and returns null when malformed. */
    Quarter quarter(long line, String field, String value) {
        value = asWritten(line, field, value);
        if (value == null) {
            return null;
        }
        Quarter q = Quarter.parseOrNull(value);
        if (q == null) {
            error(line, field, quote(value) + " is not a quarter; expected YYYY-Qn, for example 2026-Q3");
        }
        return q;
    }

    static String quote(String value) {
        String shown = value.length() > 60 ? value.substring(0, 57) + "..." : value;
        return "'" + shown.replace("\r", "\\r").replace("\n", "\\n") + "'";
    }

    private String listed(Dimension dimension) {
        List<TaxonomyCode> codes = taxonomy.codes(dimension);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < codes.size() && i < MAX_LISTED_CODES; i++) {
            names.add(codes.get(i).code());
        }
        String s = String.join(", ", names);
        return codes.size() > MAX_LISTED_CODES ? s + " and " + (codes.size() - MAX_LISTED_CODES) + " more" : s;
    }

    private String suggestion(Dimension dimension, String value) {
        String v = value.trim().toLowerCase(java.util.Locale.ROOT).replace(' ', '_').replace('-', '_');
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (TaxonomyCode c : taxonomy.codes(dimension)) {
            int d = distance(v, c.code());
            if (d < bestDistance) {
                bestDistance = d;
                best = c.code();
            }
        }
        int allowed = Math.max(2, v.length() / 4);
        return best != null && bestDistance <= allowed ? " (did you mean '" + best + "'?)" : "";
    }

    /** Levenshtein distance, for "did you mean" hints. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
