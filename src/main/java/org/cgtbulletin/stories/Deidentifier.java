package org.cgtbulletin.stories;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes identifiers from a free-text narrative or lesson and makes it plain text. Built once from the denylist
 * (any number of terms: they are matched by one {@link TermMatcher automaton}, not one regular expression per
 * term); immutable and thread-safe.
 *
 * <p>What {@link #clean} does, in order:
 * <ol>
 * <li>normalizes the text: invisible format and control characters (zero-width spaces, bidirectional overrides,
 *     soft hyphens) are dropped, every kind of space becomes a plain space, line ends become {@code \n}, full-width
 *     ASCII forms become ASCII, and the text is composed (NFC: a letter and a separate combining accent become the
 *     accented letter); every other character, including {@code -80 °C}, {@code µL} and {@code ≥}, is kept as
 *     written;</li>
 * <li>removes markup: HTML comments, tags, and script, style and similar elements with their content. A line
 *     break or block tag leaves a space, an inline tag nothing. Whatever remains is shown as text, escaped by
 *     every writer; in addition a {@code <} that would still start a tag gets a space after it;</li>
 * <li>finds, on the normalized text, e-mail addresses and handles, links (URLs, bare web addresses,
 *     {@code javascript:} and similar script links), telephone numbers, exact dates, lot, batch and serial
 *     numbers, other identifier-shaped codes, titled names, and every denylist term;</li>
 * <li>replaces each found span (overlapping spans merged) by its {@link IdentifierKind#placeholder() placeholder};
 *     a dated span becomes its quarter ({@code on 14 March 2025} becomes {@code in 2025-Q1}), or only the year when
 *     the day and month could be read either way and fall in different quarters, or {@code [date]} without a year.
 *     </li>
 * </ol>
 * The finding is {@link IdentifierScan}'s job (dates, numbers, links, names) and {@link TermMatcher}'s (the denylist
 * terms, and the keywords where the scan's patterns start, in one automaton);
 * the replacing {@link Spans}'. Since a replacement can free what was glued to it, finding and replacing repeat
 * until nothing more is found. Deciding whether what is left may be published is {@link Withholding}'s job.
 */
public final class Deidentifier {

    /** Rounds of detection at most (a second round finds what the first freed; a third is a safety margin). */
    private static final int MAX_ROUNDS = 3;

    /** Our placeholders, as they appear in a cleaned text. */
    static final Pattern PLACEHOLDER = Pattern.compile("\\[(?:email|link|phone|name|id|lot|product|date)\\]");

    // ---- markup ----------------------------------------------------------------------------------------------
    private static final Pattern MARKUP = Pattern.compile(
            "(?is)<(script|style|iframe|object|embed|template|noscript|svg|math|xmp|textarea|title)\\b[^>]*>.*?"
                    + "</\\1\\s*>"
                    + "|<!--.*?(?:-->|$)"
                    + "|<![^>]*>|<\\?[^>]*>"
                    + "|</?([a-z][a-z0-9:-]*)(?:[\\s/](?:[^<>\"']|\"[^\"]*\"|'[^']*')*)?/?>");
    private static final Set<String> BLOCK_TAGS = Set.of("br", "p", "div", "li", "ul", "ol", "tr", "td", "th",
            "table", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "blockquote", "pre", "section", "article", "dd",
            "dt", "dl", "header", "footer", "main", "nav", "aside", "figure", "figcaption");
    private static final Pattern OPEN_ANGLE = Pattern.compile("<(?=[\\p{L}/!?])");

    /** The denylist terms and the scan's keywords, in one automaton: a single pass finds both. */
    private final TermMatcher words;
    /** For each term of {@link #words}: the patterns a keyword may start (0 when it is not one). */
    private final int[] keywordActions;
    /** For each term of {@link #words}: whether it is a denylist term. */
    private final boolean[] denied;
    /** For each term of {@link #words}: a spelling that counts only where the text has an accented letter. */
    private final boolean[] accentedOnly;
    private final int denylistSize;

    private Deidentifier(Collection<String> denylist) {
        // folded term -> {keyword actions, denied, denied also where the text has no accented letter}
        Map<String, int[]> terms = new LinkedHashMap<>();
        IdentifierScan.KEYWORDS.forEach((k, actions) -> terms.computeIfAbsent(Fold.term(k), x -> new int[3])[0]
                |= actions);
        java.util.Set<String> entries = new java.util.HashSet<>(); // the denylist's own terms, folded
        for (String t : denylist) {
            String folded = Fold.term(t);
            if (folded.isEmpty()) {
                continue;
            }
            entries.add(folded);
            // Müller also as Mueller, and a name of several words also written as one: not terms of their own
            for (String spelling : spellings(t, folded)) {
                for (String form : joinings(spelling)) {
                    int[] v = terms.computeIfAbsent(form, x -> new int[3]);
                    v[1] = 1;
                    v[2] = 1;
                }
            }
            for (String spelling : accentedSpellings(folded)) {
                for (String form : joinings(spelling)) {
                    terms.computeIfAbsent(form, x -> new int[3])[1] = 1;
                }
            }
        }
        List<String> list = new ArrayList<>(terms.keySet());
        this.words = TermMatcher.of(list);
        this.keywordActions = new int[list.size()];
        this.denied = new boolean[list.size()];
        this.accentedOnly = new boolean[list.size()];
        for (int i = 0; i < list.size(); i++) {
            int[] v = terms.get(list.get(i));
            keywordActions[i] = v[0];
            denied[i] = v[1] == 1;
            accentedOnly[i] = v[1] == 1 && v[2] == 0;
        }
        this.denylistSize = entries.size();
    }

    /**
     * A spelling and, for a name of several words, the same written as one word or joined by {@code .}, {@code _}
     * or {@code /} (KestrelTherapeutics, Tamsin.Hale, Tamsin_Hale, Kestrel/Therapeutics).
     */
    private static List<String> joinings(String spelling) {
        if (spelling.indexOf(' ') <= 0) {
            return List.of(spelling);
        }
        List<String> out = new ArrayList<>(List.of(spelling));
        for (String joint : new String[] {"", ".", "_", "/"}) {
            out.add(spelling.replace(" ", joint));
        }
        return out;
    }

    /**
     * A denylist term's spellings that match wherever they occur, folded: the term itself ({@code folded}) and,
     * for a name with umlauts and the like, the same spelt out as German and Scandinavian names are written without
     * them ({@code Müller} as {@code Mueller}, {@code Sørensen} as {@code Soerensen}, {@code Kjær} as {@code Kjaer},
     * {@code Großmann} as {@code Grossmann}). A spelling shorter than four letters is not used. A one-word name
     * given without marks, of five letters or more, is also looked for with the marks it may have had spelt out
     * ({@code Sorensen} as {@code Soerensen}, {@code Muller} as {@code Mueller}, {@code Pedersgard} as
     * {@code Pedersgaard}; {@link #spelledOut}); a short word thus never becomes another ("pots" is never "poets").
     */
    static List<String> spellings(String term, String folded) {
        List<String> out = new ArrayList<>(List.of(folded));
        if (term.chars().allMatch(c -> c < 0x80)) {
            for (String s : spelledOut(folded)) {
                addSpelling(out, s);
            }
        }
        StringBuilder spelt = new StringBuilder(term.length() + 4);
        for (int i = 0; i < term.length(); i++) {
            char c = term.charAt(i);
            spelt.append(switch (c) {
                case '\u00E4', '\u00C4', '\u00E6', '\u00C6' -> "ae";
                case '\u00F6', '\u00D6', '\u00F8', '\u00D8', '\u0153', '\u0152' -> "oe";
                case '\u00FC', '\u00DC' -> "ue";
                case '\u00E5', '\u00C5' -> "aa";
                case '\u00DF' -> "ss";
                default -> String.valueOf(c);
            });
        }
        addSpelling(out, Fold.term(spelt.toString()));
        return out;
    }

    /**
     * {@link #spellings}' spelt-out forms of a one-word name of ASCII letters, five or more (none for others): each
     * of its first three a, o and u not already followed by e (nor an a beside another) as it is, with an e after
     * it, and (an a) doubled.
     */
    static List<String> spelledOut(String folded) {
        if (folded.length() < 5 || !folded.chars().allMatch(c -> c >= 'a' && c <= 'z')) {
            return List.of();
        }
        List<Place> places = new ArrayList<>();
        for (int i = 0; i < folded.length() && places.size() < 3; i++) {
            char c = folded.charAt(i);
            char next = i + 1 < folded.length() ? folded.charAt(i + 1) : ' ';
            char previous = i > 0 ? folded.charAt(i - 1) : ' ';
            if ((c != 'a' && c != 'o' && c != 'u') || next == 'e' || (c == 'a' && (next == 'a' || previous == 'a'))) {
                continue;
            }
            places.add(new Place(i, i + 1, c == 'a' ? List.of("a", "ae", "aa") : List.of(String.valueOf(c), c + "e")));
        }
        List<String> out = new ArrayList<>();
        for (String spelling : variants(folded, places)) {
            if (!spelling.equals(folded)) {
                out.add(spelling);
            }
        }
        return out;
    }

    /** A stretch of a term ({@code start} to {@code end}) and what it may be written as, itself first. */
    private record Place(int start, int end, List<String> choices) {
    }

    /**
     * Every way of writing {@code folded} with each place (in order, not overlapping) written as one of its
     * choices: the first choices first, so that the term as it is comes first.
     */
    private static List<String> variants(String folded, List<Place> places) {
        List<String> partial = new ArrayList<>(List.of(""));
        int from = 0;
        for (Place place : places) {
            String before = folded.substring(from, place.start());
            List<String> next = new ArrayList<>();
            for (String p : partial) {
                for (String choice : place.choices()) {
                    next.add(p + before + choice);
                }
            }
            partial = next;
            from = place.end();
        }
        List<String> out = new ArrayList<>();
        for (String p : partial) {
            out.add(p + folded.substring(from));
        }
        return out;
    }

    /**
     * The other way round: for a term written with the digraphs those letters are spelt out as ({@code ae},
     * {@code oe}, {@code ue}, {@code aa}, {@code ss}), its spellings with each of them (up to four) written as the
     * letter it stands for, folded ({@code Mueller} as {@code Müller}, {@code Kjaer} as {@code Kjær},
     * {@code Baekgaard} as {@code Bækgård}, {@code Grossmann} as {@code Großmann}). Since folding takes the marks
     * off ({@code Müller} folds to {@code muller}), such a spelling counts only where the text has a letter with a
     * mark in that word: {@code Maass} finds {@code Maß}-like spellings, never the word "mass", nor {@code Staats}
     * the word "stats".
     */
    static List<String> accentedSpellings(String folded) {
        List<int[]> at = new ArrayList<>(); // {position, digraph kind}
        for (int i = 0; i + 1 < folded.length() && at.size() < 4; i++) {
            String pair = folded.substring(i, i + 2);
            int kind = List.of("ae", "oe", "ue", "aa", "ss").indexOf(pair);
            if (kind >= 0) {
                at.add(new int[] {i, kind});
                i++;
            }
        }
        List<Place> places = new ArrayList<>();
        for (int[] d : at) {
            String pair = folded.substring(d[0], d[0] + 2);
            places.add(new Place(d[0], d[0] + 2, switch (d[1]) {
                case 0 -> List.of(pair, "a", "\u00E6");
                case 1 -> List.of(pair, "o", "\u0153");
                case 2 -> List.of(pair, "u");
                case 3 -> List.of(pair, "a");
                default -> List.of(pair, "\u00DF");
            }));
        }
        List<String> out = new ArrayList<>();
        for (String spelling : variants(folded, places)) {
            if (!spelling.equals(folded) && !out.contains(spelling) && (spelling.length() >= 4
                    || spelling.length() == 3 && !spelling.chars().allMatch(c -> c < 0x80))) {
                out.add(spelling); // maß for Maass: three letters are enough with one that is not ASCII
            }
        }
        return out;
    }

    private static void addSpelling(List<String> spellings, String s) {
        if (s.length() >= 4 && !spellings.contains(s)) {
            spellings.add(s);
        }
    }

    /** Whether a stretch of the text has a letter with a mark (not ASCII): where an accented spelling counts. */
    private static boolean accented(String s, int start, int end) {
        for (int i = start; i < end; i++) {
            if (s.charAt(i) > 0x7F && Character.isLetter(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** Whether a match of this term in {@code s} is a denylisted name. */
    private boolean deniedAt(int term, String s, int start, int end) {
        return denied[term] && (!accentedOnly[term] || accented(s, start, end));
    }

    /** A de-identifier for this denylist (terms as written in the denylist file; empty for none). */
    public static Deidentifier of(Collection<String> denylist) {
        return new Deidentifier(denylist);
    }

    /** Number of distinct denylist terms in use. */
    public int denylistSize() {
        return denylistSize;
    }

    /**
     * Where the denylist's terms occur in a text as written (whole words, any case, accents and dashes folded as
     * {@link #clean} folds them; and the whole word where a term is glued into one at a change of case, as in
     * {@code NorthbridgeCGT}): each match's start and end, in order. For text that is published as written,
     * such as the editorial Markdown, where a match is an error rather than something to replace.
     */
    public List<int[]> deniedSpans(String text) {
        List<int[]> found = new ArrayList<>();
        if (text != null && !text.isEmpty() && denylistSize > 0) {
            words.find(Fold.chars(text), text, new TermMatcher.Hits() {
                @Override
                public void hit(int start, int end, int term) {
                    if (deniedAt(term, text, start, end)) {
                        found.add(new int[] {start, end});
                    }
                }

                @Override
                public void glued(int start, int end, int term) {
                    hit(start, end, term);
                }
            });
        }
        return found;
    }

    /** De-identifies one text; null or blank gives a null text. */
    public Deidentified clean(String text) {
        EnumMap<IdentifierKind, Integer> counts = new EnumMap<>(IdentifierKind.class);
        if (text == null || text.isBlank()) {
            return new Deidentified(null, counts);
        }
        String s = normalize(text);
        if (s.indexOf('<') >= 0) {
            s = removeMarkup(s, counts);
        }
        s = collapse(s);
        // a replacement can free what was glued to it ("Acmejavascript:" -> "Acme[link]"), so the detection runs
        // again on its own output until it finds nothing (placeholders and quarters are left as they are)
        for (int round = 0; round < MAX_ROUNDS; round++) {
            String next = detect(s, counts);
            if (next == s) {
                break;
            }
            s = next;
        }
        return new Deidentified(finish(s), counts);
    }

    /** One round of detection and replacement; the same string when nothing was found. */
    private String detect(String s, Map<IdentifierKind, Integer> counts) {
        Spans spans = new Spans();
        if (s.indexOf('[') >= 0) {
            Matcher p = PLACEHOLDER.matcher(s);
            while (p.find()) {
                spans.keep(p.start(), p.end()); // "[lot]" stays, even when "lot" is a denylist term
            }
        }
        char[] folded = Fold.chars(s);
        IdentifierScan scan = new IdentifierScan(s, spans);
        scan.run();
        words.find(folded, s, new TermMatcher.Hits() {
            @Override
            public void hit(int start, int end, int term) {
                if (keywordActions[term] != 0) {
                    scan.keyword(start, end, keywordActions[term]);
                }
                if (deniedAt(term, s, start, end)) {
                    spans.add(start, end, IdentifierKind.DENYLIST, null);
                }
            }

            @Override
            public void glued(int start, int end, int term) {
                // the whole word: NorthbridgeCGT is a name, not Northbridge and CGT
                if (deniedAt(term, s, start, end)) {
                    spans.add(start, end, IdentifierKind.DENYLIST, null);
                }
            }
        });
        return spans.isEmpty() ? s : collapse(spans.render(s, counts));
    }

    /**
     * Replaces whole-word matches of {@code terms} in an already cleaned text by the kind's placeholder, except
     * inside an existing placeholder. Used for the contributor tokens and rare product classes, known only once
     * every report has been read.
     */
    static Deidentified replaceTerms(String cleaned, TermMatcher terms, IdentifierKind kind) {
        EnumMap<IdentifierKind, Integer> counts = new EnumMap<>(IdentifierKind.class);
        if (cleaned == null || terms.size() == 0) {
            return new Deidentified(cleaned, counts);
        }
        Spans spans = new Spans();
        if (cleaned.indexOf('[') >= 0) {
            Matcher p = PLACEHOLDER.matcher(cleaned);
            while (p.find()) {
                spans.keep(p.start(), p.end());
            }
        }
        terms.find(Fold.chars(cleaned), (start, end, term) -> spans.add(start, end, kind, null));
        String out = spans.isEmpty() ? cleaned : finish(collapse(spans.render(cleaned, counts)));
        return new Deidentified(out, counts);
    }

    /** Replaces whole-word occurrences of one literal (any case) by the kind's placeholder. */
    static Deidentified replaceLiteral(String cleaned, String literal, IdentifierKind kind) {
        EnumMap<IdentifierKind, Integer> counts = new EnumMap<>(IdentifierKind.class);
        String term = literal == null ? "" : Fold.term(literal);
        if (cleaned == null || term.isEmpty()) {
            return new Deidentified(cleaned, counts);
        }
        String folded = Fold.of(cleaned);
        Spans spans = new Spans();
        for (int i = folded.indexOf(term); i >= 0; i = folded.indexOf(term, i + 1)) {
            int end = i + term.length();
            boolean before = i == 0 || !Fold.isWordChar(folded.charAt(i - 1)) || !Fold.isWordChar(folded.charAt(i));
            boolean after = end == folded.length() || !Fold.isWordChar(folded.charAt(end))
                    || !Fold.isWordChar(folded.charAt(end - 1));
            if (before && after) {
                spans.add(i, end, kind, null);
            }
        }
        String out = spans.isEmpty() ? cleaned : finish(collapse(spans.render(cleaned, counts)));
        return new Deidentified(out, counts);
    }

    // ---- normalization and markup ----------------------------------------------------------------------------

    /** Drops invisible characters, makes every space a plain space and every line end a {@code \n}. */
    static String normalize(String text) {
        char[] t = text.toCharArray();
        int i = 0;
        while (i < t.length) {
            char c = t[i];
            if ((c < 0x20 && c != '\n') || c >= 0x7F) {
                break;
            }
            i++;
        }
        if (i == t.length) {
            return text; // printable ASCII and line feeds: nothing to do
        }
        // Characters kept as they are are copied a run at a time, not one by one.
        StringBuilder b = new StringBuilder(text.length());
        int run = 0;
        for (; i < t.length; i++) {
            char c = t[i];
            if ((c >= 0x20 && c < 0x7F) || c == '\n') {
                continue;
            }
            int replacement; // the character written instead, -1 for none
            int end = i + 1; // where the next run starts
            if (c == '\r') {
                replacement = '\n';
                if (end < t.length && t[end] == '\n') {
                    end++;
                }
            } else if (c == '\u2028' || c == '\u2029' || c == '\u0085' || c == '\u000B' || c == '\u000C') {
                replacement = '\n';
            } else if (c >= '\uFF01' && c <= '\uFF5E') {
                replacement = c - 0xFEE0; // full-width forms of ASCII, as a phone or lot number may be typed
            } else if (c == '\t' || Character.getType(c) == Character.SPACE_SEPARATOR) {
                replacement = ' ';
            } else if (Character.getType(c) == Character.FORMAT || Character.getType(c) == Character.CONTROL) {
                replacement = -1; // zero-width characters, bidirectional controls, soft hyphens, other controls
            } else {
                continue; // kept
            }
            b.append(t, run, i - run);
            if (replacement >= 0) {
                b.append((char) replacement);
            }
            run = end;
            i = end - 1;
        }
        b.append(t, run, t.length - run);
        // Composed (NFC): a letter typed with a separate combining accent ("So\u0308rensen") is the letter with its
        // accent, which folding then matches as the denylist's "Sorensen" or "Sörensen".
        String out = b.toString();
        return java.text.Normalizer.isNormalized(out, java.text.Normalizer.Form.NFC) ? out
                : java.text.Normalizer.normalize(out, java.text.Normalizer.Form.NFC);
    }

    private static String removeMarkup(String s, Map<IdentifierKind, Integer> counts) {
        Matcher m = MARKUP.matcher(s);
        StringBuilder b = new StringBuilder(s.length());
        int last = 0;
        int n = 0;
        while (m.find()) {
            b.append(s, last, m.start());
            String tag = m.group(2);
            boolean block = m.group(1) != null || (tag != null && BLOCK_TAGS.contains(tag.toLowerCase(Locale.ROOT)));
            b.append(block ? " " : "");
            last = m.end();
            n++;
        }
        if (n == 0) {
            return s;
        }
        b.append(s, last, s.length());
        counts.merge(IdentifierKind.MARKUP, n, Integer::sum);
        return b.toString();
    }

    /** One space between words, no space at the ends of lines, at most one empty line, trimmed. */
    static String collapse(String s) {
        char[] t = s.toCharArray();
        if (collapsed(t)) {
            return s;
        }
        StringBuilder b = new StringBuilder(t.length);
        int newlines = 0;
        boolean space = false;
        for (char c : t) {
            if (c == ' ') {
                space = true;
            } else if (c == '\n') {
                newlines++;
                space = false;
            } else {
                if (b.length() > 0) {
                    if (newlines > 0) {
                        b.append(newlines > 1 ? "\n\n" : "\n");
                    } else if (space) {
                        b.append(' ');
                    }
                }
                newlines = 0;
                space = false;
                b.append(c);
            }
        }
        return b.toString();
    }

    /** Whether {@link #collapse} would leave the text as it is (the common case, checked before anything is built). */
    private static boolean collapsed(char[] s) {
        int n = s.length;
        if (n == 0 || s[0] == ' ' || s[0] == '\n' || s[n - 1] == ' ' || s[n - 1] == '\n') {
            return n == 0;
        }
        for (int i = 1; i < n; i++) {
            char c = s[i];
            char p = s[i - 1];
            if ((c == ' ' || c == '\n') && (p == ' ' || p == '\n') && !(c == '\n' && p == '\n'
                    && (i + 1 >= n || s[i + 1] != '\n') && (i < 2 || s[i - 2] != '\n'))) {
                return false;
            }
        }
        return true;
    }

    /** A {@code <} that could still open a tag (it cannot: tags were removed) is given a space, as a last guard. */
    private static String finish(String s) {
        if (s.isEmpty()) {
            return null;
        }
        return s.indexOf('<') >= 0 ? OPEN_ANGLE.matcher(s).replaceAll("< ") : s;
    }

}
