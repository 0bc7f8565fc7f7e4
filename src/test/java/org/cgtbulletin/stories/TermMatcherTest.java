package org.cgtbulletin.stories;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

/** The automaton finds exactly the whole-word occurrences a naive search finds, for many overlapping terms. */
class TermMatcherTest {

    private static List<String> hits(TermMatcher m, String text) {
        List<String> out = new ArrayList<>();
        m.find(Fold.chars(text), (start, end, term) -> out.add(start + "-" + end));
        return out;
    }

    /** Every whole-word occurrence of every term, by brute force over the folded text. */
    private static TreeSet<String> naive(List<String> terms, String text) {
        String f = Fold.of(text);
        TreeSet<String> out = new TreeSet<>();
        for (String t : terms) {
            String term = Fold.term(t);
            for (int i = f.indexOf(term); i >= 0; i = f.indexOf(term, i + 1)) {
                int end = i + term.length();
                boolean before = i == 0 || !Fold.isWordChar(f.charAt(i - 1));
                boolean after = end == f.length() || !Fold.isWordChar(f.charAt(end));
                if (before && after) {
                    out.add(i + "-" + end);
                }
            }
        }
        return out;
    }

    @Test
    void agreesWithBruteForceOnRandomTermsAndTexts() {
        SplittableRandom r = new SplittableRandom(7);
        String[] parts = {"ab", "a", "b", "ba", "abc", "c", " ", "-", "'s", "A", "B"};
        for (int round = 0; round < 300; round++) {
            List<String> terms = new ArrayList<>();
            for (int i = 0; i < 1 + r.nextInt(12); i++) {
                StringBuilder t = new StringBuilder();
                for (int k = 0; k < 1 + r.nextInt(4); k++) {
                    t.append(parts[r.nextInt(6)]);
                }
                terms.add(t.toString());
            }
            StringBuilder text = new StringBuilder();
            for (int k = 0; k < 40; k++) {
                text.append(parts[r.nextInt(parts.length)]);
            }
            TermMatcher m = TermMatcher.of(terms);
            assertEquals(naive(terms, text.toString()), new TreeSet<>(hits(m, text.toString())),
                    terms + " in '" + text + "'");
            // without the full transition table (as for a very large denylist): the same hits, in the same order
            assertEquals(hits(m, text.toString()), hits(TermMatcher.of(terms, 0), text.toString()),
                    terms + " in '" + text + "', goto and failure functions only");
        }
    }

    @Test
    void wholeWordsOnlyCaseAndAccentInsensitive() {
        TermMatcher m = TermMatcher.of(List.of("Acme", "Acme Bio", "Sørensen"));
        assertEquals(List.of("0-4"), hits(m, "Acme's"));
        assertEquals(List.of("0-4"), hits(m, "ACME-made"));
        assertEquals(List.of(), hits(m, "Acmeville"));
        assertEquals(List.of(), hits(m, "Acme2"));
        assertEquals(List.of("0-4", "0-8"), hits(m, "acme bio"));
        assertEquals(List.of("0-4", "0-8"), hits(m, "Acme\nBio"));
        assertEquals(List.of("0-8"), hits(m, "SORENSEN"));
        assertEquals(List.of("0-8"), hits(m, "Sorensen"));
        assertEquals(2, m.size() - 1);
    }

    @Test
    void aTermGluedIntoAWordAtAChangeOfCaseIsReportedAsTheWholeWord() {
        TermMatcher m = TermMatcher.of(List.of("Acme", "Bio"));
        List<String> glued = new ArrayList<>();
        TermMatcher.Hits hits = new TermMatcher.Hits() {
            @Override
            public void hit(int start, int end, int term) {
                glued.add("whole " + start + "-" + end);
            }

            @Override
            public void glued(int start, int end, int term) {
                glued.add(start + "-" + end);
            }
        };
        for (String text : List.of("AcmeCGT", "theAcme", "ProAcmeBio", "Acmeville", "ACMECGT", "Acme2", "Macme",
                "acme", "CGTAcme", "ACMEcgt", "xAcmeville", "WacmeBio")) {
            m.find(Fold.chars(text), text, hits);
            glued.add("|");
        }
        // "Bio" is too short to be looked for inside a word
        assertEquals(List.of("0-7", "|", "0-7", "|", "0-10", "|", "|", "|", "0-5", "|", "|", "whole 0-4", "|",
                "0-7", "|", "0-7", "|", "0-10", "|", "|"), glued);
    }

    @Test
    void thousandsOfTermsAreOneAutomaton() {
        List<String> terms = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            terms.add("Name" + Integer.toString(i, 36) + " Bio");
        }
        TermMatcher m = TermMatcher.of(terms);
        assertEquals(5000, m.size());
        assertEquals(List.of("9-19"), hits(m, "Found at namers bio's site and Namers Biol.")); // 1000 = "rs"
    }
}
