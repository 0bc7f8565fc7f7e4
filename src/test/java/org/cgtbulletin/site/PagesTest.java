package org.cgtbulletin.site;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PagesTest {

    private static final String PIECES = " \t\n\u000B\f\r\u00A0\u2028\u3000\u001Cab…é";

    /** What {@link Pages#shorten} did with a regular expression, and must still do. */
    private static String byRegex(String text, int max) {
        String t = text.replaceAll("\\s+", " ").strip();
        return t.length() <= max ? t : t.substring(0, max - 1).stripTrailing() + "…";
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void searchTextIsShortenedAsTheRegularExpressionDid(long seed) {
        Random random = new Random(seed);
        for (int n = 0; n < 20_000; n++) {
            StringBuilder b = new StringBuilder();
            int length = random.nextInt(40);
            for (int i = 0; i < length; i++) {
                b.append(PIECES.charAt(random.nextInt(PIECES.length())));
            }
            int max = 1 + random.nextInt(12);
            assertEquals(byRegex(b.toString(), max), Pages.shorten(b.toString(), max), "max " + max + ": " + b);
        }
    }
}
