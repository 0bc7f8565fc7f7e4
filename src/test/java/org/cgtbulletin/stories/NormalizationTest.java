package org.cgtbulletin.stories;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NormalizationTest {

    /** The rule, one character at a time: the reference the run-copying normalization must agree with. */
    private static String reference(String text) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r') {
                b.append('\n');
                if (i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
            } else if (c == '\n' || c == '\u2028' || c == '\u2029' || c == '\u0085' || c == '\u000B'
                    || c == '\u000C') {
                b.append('\n');
            } else if (c >= '\uFF01' && c <= '\uFF5E') {
                b.append((char) (c - 0xFEE0));
            } else if (c == '\t' || Character.getType(c) == Character.SPACE_SEPARATOR) {
                b.append(' ');
            } else if (Character.getType(c) != Character.FORMAT && Character.getType(c) != Character.CONTROL) {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** Seeded texts mixing plain ASCII with every kind of character the normalization changes or keeps. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 20261202})
    void normalizesAsTheCharacterByCharacterRuleDoes(long seed) {
        Random random = new Random(seed);
        String special = "\r\n\t\u000B\u000C\u0085\u2028\u2029\u00A0\u2009\u3000\u200B\u200E\u202E\u00AD\uFEFF"
                + "\u0000\u0007\u007F\uFF10\uFF21\uFF5E\uFF01\u00E9\u2013\u00B5\u00D7\u4E2D";
        for (int t = 0; t < 2000; t++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(60);
            for (int i = 0; i < length; i++) {
                text.append(random.nextInt(3) == 0 ? special.charAt(random.nextInt(special.length()))
                        : (char) (0x20 + random.nextInt(0x5F)));
            }
            String s = text.toString();
            assertEquals(reference(s), Deidentifier.normalize(s), () -> s.chars()
                    .mapToObj(c -> String.format("%04x", c)).toList().toString());
        }
    }
}
