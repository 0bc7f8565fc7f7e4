package org.cgtbulletin.stories;

import java.text.Normalizer;

/**
 * A one-to-one character folding used for matching names: lower case, Latin letters without their accents
 * ({@code Sørensen} matches {@code Sorensen}), full-width ASCII as ASCII, every space or dash as one space (so
 * {@code Acme-made} and a line break inside a name match), and typographic apostrophes as {@code '}.
 * Folding never changes the length of a text, so a match in the folded text is the same span in the original.
 */
final class Fold {

    private static final char[] TABLE = new char[65536];

    static {
        for (int c = 0; c < TABLE.length; c++) {
            TABLE[c] = fold((char) c);
        }
    }

    private Fold() {
    }

    private static char fold(char c) {
        if (Character.isSurrogate(c)) {
            return c;
        }
        if (Character.isWhitespace(c) || Character.isSpaceChar(c)
                || Character.getType(c) == Character.DASH_PUNCTUATION || c == '\u2212') {
            return ' ';
        }
        if (c == '\u2019' || c == '\u2018' || c == '\u02BC' || c == '\u2032' || c == '`' || c == '\u00B4') {
            return '\'';
        }
        if (c >= '\uFF01' && c <= '\uFF5E') {
            c = (char) (c - 0xFEE0);
        }
        switch (c) {
            case '\u00D8', '\u00F8' -> {
                return 'o';
            }
            case '\u0110', '\u0111' -> {
                return 'd';
            }
            case '\u0141', '\u0142' -> {
                return 'l';
            }
            case '\u0131' -> {
                return 'i';
            }
            default -> {
            }
        }
        if ((c >= '\u00C0' && c <= '\u024F') || (c >= '\u1E00' && c <= '\u1EFF')) {
            String d = Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFD);
            char base = d.charAt(0);
            if (base < 128 && Character.isLetter(base)) {
                c = base;
            }
        }
        char lower = Character.toLowerCase(c);
        return lower;
    }

    static char of(char c) {
        return TABLE[c];
    }

    /** The folded text, of the same length. */
    static String of(String text) {
        return new String(chars(text));
    }

    /** The folded text's characters, as many as the text's. */
    static char[] chars(String text) {
        char[] out = text.toCharArray();
        for (int i = 0; i < out.length; i++) {
            out[i] = TABLE[out[i]];
        }
        return out;
    }

    /** A term as it is matched: folded, runs of spaces made one, trimmed. */
    static String term(String term) {
        String f = of(term.strip());
        StringBuilder b = new StringBuilder(f.length());
        for (int i = 0; i < f.length(); i++) {
            char c = f.charAt(i);
            if (c == ' ' && (b.length() == 0 || b.charAt(b.length() - 1) == ' ')) {
                continue;
            }
            b.append(c);
        }
        int n = b.length();
        while (n > 0 && b.charAt(n - 1) == ' ') {
            n--;
        }
        return b.substring(0, n);
    }

    /**
     * A letter or digit: what a whole-word match may not touch on either side. A character outside the Basic
     * Multilingual Plane (an emoji, a rare script) is not, so "Acme😀" still matches {@code Acme}: when in doubt
     * a name is removed rather than kept.
     */
    static boolean isWordChar(char c) {
        return c < 0x80 ? (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')
                : Character.isLetterOrDigit(c);
    }
}
