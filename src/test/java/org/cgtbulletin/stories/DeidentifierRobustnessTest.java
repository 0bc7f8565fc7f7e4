package org.cgtbulletin.stories;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Texts of the largest allowed size (20,000 characters) built to make patterns back-track: each is cleaned and
 * checked quickly, and the output never holds live markup.
 */
class DeidentifierRobustnessTest {

    private static final Deidentifier DEID = Deidentifier.of(DeidentifierCorpusTest.DENYLIST);

    private static String repeat(String unit) {
        return unit.repeat(20_000 / unit.length());
    }

    @ParameterizedTest
    @ValueSource(strings = {"<a \"", "<script>", "<!--", "<a href='", "a@", "x@y ", "+1 ", "+44 (", "lot 1234, ",
        "Dr. A. B. ", "1/2/2025 ", "14 March ", "1234567890", "www.", "a.", "a.com ", "Acme Inc ", "Foo ",
        "site in Foo ", "March 2025, ", "0 ", "00", "((((", "[at] ", "javascript:", "-", "Lot no. ", "R-0001 ",
        "\u00A0\u200B", "<b>", "e\u0301", "\uD83D\uDE00"})
    void pathologicalTextsAreCleanedQuickly(String unit) {
        String text = repeat(unit);
        long start = System.nanoTime();
        String out = String.valueOf(DEID.clean(text).text());
        String identifying = Withholding.identifying(out);
        Withholding.tooThin(out, 40);
        double seconds = (System.nanoTime() - start) / 1e9;
        assertTrue(seconds < 2, unit + ": " + seconds + " s");
        assertFalse(out.toLowerCase(java.util.Locale.ROOT).matches("(?s).*<[a-z/!?].*"), unit);
        assertTrue(identifying == null || identifying.startsWith("still looks identifying"));
    }

    /** Random mixtures of the corpus's pieces: never live markup, never a denylist term, never an e-mail. */
    @Test
    void randomMixturesNeverLeak() {
        String[] pieces = {"<", ">", "/", "script", "img", " onerror=", "\"", "'", "javascript:", "Acme", "acme's",
            "Ridgeway", "-", "@", "example.com", " ", "\n", "lot ", "22-0417B", "+44 20 7946 0958", "Dr. ", "Meyer",
            "14 March 2025", "=", "µL", "≥", "°C", "IL-2", "day 7", "a", "b"};
        SplittableRandom r = new SplittableRandom(Long.getLong("robustness.seed", 11));
        for (int round = 0; round < Integer.getInteger("robustness.rounds", 3000); round++) {
            StringBuilder b = new StringBuilder();
            for (int k = 0; k < 30; k++) {
                b.append(pieces[r.nextInt(pieces.length)]);
            }
            String out = DEID.clean(b.toString()).text();
            if (out == null) {
                continue;
            }
            String lower = out.toLowerCase(java.util.Locale.ROOT);
            assertFalse(lower.matches("(?s).*<[a-z/!?].*"), "live markup from '" + b + "': " + out);
            assertFalse(lower.contains("javascript:"), b + " -> " + out);
            for (String secret : List.of("7946", "22-0417b")) {
                assertFalse(lower.contains(secret), secret + " from '" + b + "': " + out);
            }
            assertFalse(lower.matches("(?s).*(?<!\\p{N})14 march.*"), b + " -> " + out);
            assertFalse(lower.matches("(?s).*example\\.com(?![\\p{L}\\p{N}]).*"), b + " -> " + out);
            for (String name : List.of("acme", "ridgeway", "meyer")) { // whole words: "Acmeville" is not Acme
                assertFalse(lower.matches("(?s).*(?<![\\p{L}\\p{N}])" + name + "(?![\\p{L}\\p{N}]).*"),
                        name + " from '" + b + "': " + out);
            }
        }
    }
}
