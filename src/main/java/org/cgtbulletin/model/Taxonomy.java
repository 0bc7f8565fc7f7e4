package org.cgtbulletin.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The controlled vocabularies, in file order. Codes are matched case-insensitively after trimming. */
public final class Taxonomy {

    private final Map<Dimension, List<TaxonomyCode>> codes;
    private final Map<Dimension, Map<String, TaxonomyCode>> byCode;
    /** Each code exactly as the taxonomy writes it: how nearly every row writes it (no trimming, no folding). */
    private final Map<Dimension, Map<String, TaxonomyCode>> asWritten;

    public Taxonomy(Map<Dimension, List<TaxonomyCode>> codes) {
        EnumMap<Dimension, List<TaxonomyCode>> copy = new EnumMap<>(Dimension.class);
        EnumMap<Dimension, Map<String, TaxonomyCode>> index = new EnumMap<>(Dimension.class);
        EnumMap<Dimension, Map<String, TaxonomyCode>> exact = new EnumMap<>(Dimension.class);
        for (Dimension d : Dimension.values()) {
            List<TaxonomyCode> list = List.copyOf(codes.getOrDefault(d, List.of()));
            copy.put(d, list);
            Map<String, TaxonomyCode> m = new LinkedHashMap<>();
            Map<String, TaxonomyCode> e = new LinkedHashMap<>();
            for (TaxonomyCode c : list) {
                m.put(c.code().toLowerCase(Locale.ROOT), c);
                e.putIfAbsent(c.code(), c);
            }
            index.put(d, Collections.unmodifiableMap(m));
            exact.put(d, Collections.unmodifiableMap(e));
        }
        this.codes = Collections.unmodifiableMap(copy);
        this.byCode = Collections.unmodifiableMap(index);
        this.asWritten = Collections.unmodifiableMap(exact);
    }

    public List<TaxonomyCode> codes(Dimension dimension) {
        return codes.get(dimension);
    }

    /** Looks up a code as written in the data (any case, surrounding spaces ignored); null when unknown. */
    public TaxonomyCode find(Dimension dimension, String written) {
        if (written == null) {
            return null;
        }
        TaxonomyCode c = asWritten.get(dimension).get(written);
        return c != null ? c : byCode.get(dimension).get(trimmed(written).toLowerCase(Locale.ROOT));
    }

    /**
     * The text without the spaces around it: every kind of space, the no-break spaces a spreadsheet's export leaves
     * (U+00A0, U+2007, U+202F) included, which {@link String#trim} and {@link String#strip} keep.
     */
    static String trimmed(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && isSpace(text.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(start, end);
    }

    /** Any kind of space, the no-break ones included (what a code is trimmed of, and what no other value may have). */
    public static boolean isSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    public TaxonomyCode get(Dimension dimension, String code) {
        TaxonomyCode c = find(dimension, code);
        if (c == null) {
            throw new IllegalArgumentException("unknown " + dimension.field() + " code: " + code);
        }
        return c;
    }

    public String label(Dimension dimension, String code) {
        TaxonomyCode c = find(dimension, code);
        return c == null ? code : c.label();
    }

    /** Distinct group labels of a dimension, in order of first appearance. */
    public List<String> groups(Dimension dimension) {
        List<String> groups = new ArrayList<>();
        for (TaxonomyCode c : codes.get(dimension)) {
            if (!groups.contains(c.group())) {
                groups.add(c.group());
            }
        }
        return groups;
    }
}
