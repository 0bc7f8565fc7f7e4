package org.cgtbulletin.stories;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds every whole-word occurrence of any of a set of terms in one pass over a text, however many terms there
 * are: an Aho-Corasick automaton over the {@link Fold folded} terms. Matching is therefore case-insensitive,
 * accent-insensitive and treats spaces, line breaks and dashes alike; a term matches only where neither end
 * touches a letter or digit, so {@code Acme} matches "ACME", "Acme's" and "Acme-made" but not "Acmeville" (the
 * glued matches of {@link #find(char[], String, Hits)} aside: "AcmeBio", "Acme2").
 * Immutable and thread-safe once built.
 */
final class TermMatcher {

    /** Receives each match as a span of the text, with the index of the term (in the order given). */
    interface Hits {
        void hit(int start, int end, int term);

        /**
         * A match glued to the letters of a longer word at a change from lower to upper case (see {@link
         * #find(char[], String, Hits)}): {@code [start, end)} is the whole word, {@code term} the term inside it.
         */
        default void glued(int start, int end, int term) {
        }
    }

    /** The fewest characters a term glued inside a longer word must have to be reported ({@link Hits#glued}). */
    static final int GLUED_MIN = 4;

    private static final TermMatcher EMPTY = new TermMatcher(List.of(), 0);
    /**
     * Entries of the full transition table at most (4 bytes each, 32 MB): the automaton of 1,500 denylist terms
     * needs about 350,000 (13,500 nodes, 26 character classes); a denylist of tens of thousands of terms keeps to
     * the goto and failure functions.
     */
    static final long DENSE_LIMIT = 1L << 23;

    private final int[] rootNext = new int[65536];
    /** Open-addressing table of the other edges: key (node << 16 | char) + 1, 0 = free. */
    private final long[] edgeKeys;
    private final int[] edgeValues;
    private final int mask;
    private final int[] fail;
    /** Length of the term ending at this node, 0 when none does. */
    private final int[] length;
    /** Index (in the order given) of the term ending at this node. */
    private final int[] termIndex;
    /** The nearest node on the failure chain where a term ends, -1 when none. */
    private final int[] dict;
    private final int terms;
    /** Each character's class: 0 for characters no term has, 1.. for the others. */
    private final char[] charClass;
    private final int classes;
    /**
     * The whole transition function, node * classes + class -> node (goto and failure links folded in, so one
     * lookup per character of the text); null when it would exceed {@link #DENSE_LIMIT} entries.
     */
    private final int[] delta;

    private TermMatcher(Collection<String> rawTerms, long denseLimit) {
        Map<Long, Integer> edges = new HashMap<>();
        List<List<long[]>> children = new ArrayList<>();
        children.add(new ArrayList<>());
        List<Integer> lengths = new ArrayList<>();
        lengths.add(0);
        Map<Integer, Integer> indexOfNode = new HashMap<>();
        int count = 0;
        int index = -1;
        for (String raw : rawTerms) {
            index++;
            String term = Fold.term(raw);
            if (term.isEmpty()) {
                continue;
            }
            count++;
            int node = 0;
            for (int i = 0; i < term.length(); i++) {
                char c = term.charAt(i);
                long key = ((long) node << 16) | c;
                Integer next = edges.get(key);
                if (next == null) {
                    next = children.size();
                    children.add(new ArrayList<>());
                    lengths.add(0);
                    edges.put(key, next);
                    children.get(node).add(new long[] {c, next});
                }
                node = next;
            }
            if (lengths.get(node) == 0) {
                lengths.set(node, term.length());
                indexOfNode.put(node, index);
            }
        }
        this.terms = count;
        int n = children.size();
        int capacity = Integer.highestOneBit(Math.max(16, edges.size() * 2)) * 2;
        this.edgeKeys = new long[capacity];
        this.edgeValues = new int[capacity];
        this.mask = capacity - 1;
        Arrays.fill(rootNext, 0);
        for (Map.Entry<Long, Integer> e : edges.entrySet()) {
            long key = e.getKey();
            if ((key >>> 16) == 0) {
                rootNext[(int) (key & 0xFFFF)] = e.getValue();
            } else {
                put(key, e.getValue());
            }
        }
        this.length = new int[n];
        this.termIndex = new int[n];
        for (int i = 0; i < n; i++) {
            length[i] = lengths.get(i);
            termIndex[i] = indexOfNode.getOrDefault(i, -1);
        }
        this.fail = new int[n];
        this.dict = new int[n];
        Arrays.fill(dict, -1);
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (long[] child : children.get(0)) {
            queue.add((int) child[1]);
        }
        int[] breadthFirst = new int[n];
        int visited = 1; // the root first
        while (!queue.isEmpty()) {
            int node = queue.poll();
            breadthFirst[visited++] = node;
            for (long[] child : children.get(node)) {
                char c = (char) child[0];
                int next = (int) child[1];
                int f = fail[node];
                int target;
                while (true) {
                    target = step(f, c);
                    if (target >= 0 || f == 0) {
                        break;
                    }
                    f = fail[f];
                }
                fail[next] = target >= 0 && target != next ? target : 0;
                dict[next] = length[fail[next]] > 0 ? fail[next] : dict[fail[next]];
                queue.add(next);
            }
        }
        this.charClass = new char[65536];
        boolean[] seen = new boolean[65536];
        StringBuilder used = new StringBuilder(); // the character of each class, from class 1
        for (long key : edges.keySet().stream().sorted().toList()) {
            char c = (char) (key & 0xFFFF);
            if (!seen[c]) {
                seen[c] = true;
                used.append(c);
            }
        }
        this.classes = used.length() + 1;
        if ((long) n * classes > denseLimit || classes > Character.MAX_VALUE) { // a class must fit a char
            this.delta = null;
            return;
        }
        for (int a = 1; a < classes; a++) {
            charClass[used.charAt(a - 1)] = (char) a;
        }
        // Breadth first, so that a node's failure target (shallower) has its row already: each row is its failure
        // target's row with the node's own edges written over it (the root's: its edges, 0 elsewhere). A copied
        // row rather than a look-up per class: the table is built before the first report is read, in code not
        // yet compiled, where the 350,000 look-ups of 1,500 terms cost 15 to 60 ms.
        this.delta = new int[n * classes];
        for (int k = 0; k < n; k++) {
            int node = breadthFirst[k];
            if (node != 0) {
                System.arraycopy(delta, fail[node] * classes, delta, node * classes, classes);
            }
            for (long[] child : children.get(node)) {
                delta[node * classes + charClass[(char) child[0]]] = (int) child[1];
            }
        }
    }

    static TermMatcher of(Collection<String> terms) {
        return of(terms, DENSE_LIMIT);
    }

    /** As {@link #of(Collection)}, with the full transition table only up to {@code denseLimit} entries. */
    static TermMatcher of(Collection<String> terms, long denseLimit) {
        return terms.isEmpty() ? EMPTY : new TermMatcher(terms, denseLimit);
    }

    /** Number of non-empty terms. */
    int size() {
        return terms;
    }

    private void put(long key, int value) {
        int i = slot(key);
        while (edgeKeys[i] != 0) {
            i = (i + 1) & mask;
        }
        edgeKeys[i] = key + 1;
        edgeValues[i] = value;
    }

    private int slot(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h >>> 40) & mask;
    }

    /** The goto function; -1 when there is no edge (root: 0, never -1 in matching). */
    private int step(int node, char c) {
        if (node == 0) {
            int r = rootNext[c];
            return r == 0 ? -1 : r;
        }
        long key = (((long) node << 16) | c) + 1;
        int i = slot(key - 1);
        while (true) {
            long k = edgeKeys[i];
            if (k == key) {
                return edgeValues[i];
            }
            if (k == 0) {
                return -1;
            }
            i = (i + 1) & mask;
        }
    }

    /** Reports every whole-word match in an already {@link Fold folded} text, in order of its end. */
    void find(char[] folded, Hits hits) {
        find(folded, null, hits);
    }

    /**
     * As {@link #find(char[], Hits)}; with the text as written ({@code original}, not null), also every match of
     * {@link #GLUED_MIN} characters or more glued into a longer word where the case or the kind of character
     * changes (see {@link #glued(char[], String, int, int)}: {@code NorthbridgeCGT}, {@code theAcme},
     * {@code CGTNorthbridge}, {@code Acme2}), reported as the whole word to {@link Hits#glued}. A word of one case
     * throughout ({@code Acmeville}, {@code ACMECGT}) gives no such match.
     */
    void find(char[] folded, String original, Hits hits) {
        if (terms == 0) {
            return;
        }
        int node = 0;
        for (int i = 0; i < folded.length; i++) {
            char c = folded[i];
            if (delta != null) {
                node = delta[node * classes + charClass[c]];
            } else {
                int next;
                while ((next = step(node, c)) < 0 && node != 0) {
                    node = fail[node];
                }
                node = next < 0 ? 0 : next;
            }
            int t = length[node] > 0 ? node : dict[node];
            while (t >= 0) {
                int end = i + 1;
                int start = end - length[t];
                if (wholeWord(folded, start, end)) {
                    hits.hit(start, end, termIndex[t]);
                } else if (original != null && end - start >= GLUED_MIN && glued(folded, original, start, end)) {
                    hits.glued(wordStart(folded, start), wordEnd(folded, end), termIndex[t]);
                }
                t = dict[t];
            }
        }
    }

    /**
     * Whether a match inside a longer word is a name glued to its neighbours: where it starts, the case changes from
     * lower to upper ({@code theAcme}), an upper-case run ends ({@code CGTNorthbridge}) or a digit ends
     * ({@code 2Acme}); or, that failing, where it starts and where it ends is a word's edge or such a change
     * (at its end: lower to upper, {@code AcmeBio}; a letter to a digit, {@code Acme2}; a term in capitals to lower
     * case, {@code ACMEcgt}; a plural's s, {@code Acmes}); or a term of {@link #GLUED_CAPITALS} letters or more in
     * a word all in capitals ({@code NORTHBRIDGECGT}); or a term of {@link #GLUED_ANYWHERE} letters or more in any
     * word ({@code northbridgecgt}) but for a word it starts that ends as a word is inflected ({@code marshalled}).
     * So {@code Acmeville}, {@code Macme} and {@code WhaleBag} (for "Hale") are not.
     */
    private static boolean glued(char[] folded, String original, int start, int end) {
        boolean edgeBefore = start == 0 || !Fold.isWordChar(folded[start - 1]) || !Fold.isWordChar(folded[start]);
        boolean edgeAfter = end == folded.length || !Fold.isWordChar(folded[end]) || !Fold.isWordChar(folded[end - 1]);
        if (!edgeBefore) {
            char p = original.charAt(start - 1);
            char c = original.charAt(start);
            boolean startsPart = Character.isLowerCase(p) && Character.isUpperCase(c)
                    || Character.isUpperCase(p) && Character.isUpperCase(c) && Character.isLowerCase(original.charAt(
                            start + 1))
                    || Character.isDigit(p) && Character.isLetter(c);
            if (startsPart) {
                return true;
            }
        }
        if (end - start >= GLUED_CAPITALS && allUpper(original, wordStart(folded, start), wordEnd(folded, end))) {
            return true; // NORTHBRIDGECGT: a word in capitals shows no boundary; a long name inside it is enough
        }
        if (end - start >= GLUED_ANYWHERE && !inflected(folded, start, end)) {
            return true; // northbridgecgt: nor does one in lower case; a name this long is no chance part of a word
        }
        if (!edgeBefore || edgeAfter) {
            return edgeBefore && edgeAfter;
        }
        char last = original.charAt(end - 1);
        char next = original.charAt(end);
        return Character.isLowerCase(last) && Character.isUpperCase(next)
                || Character.isLetter(last) && Character.isDigit(next)
                || Character.isLowerCase(next) && allUpper(original, start, end)
                || folded[end] == 's' && (end + 1 == folded.length || !Fold.isWordChar(folded[end + 1]));
    }

    /** The fewest characters a term must have to be found inside a word written all in capitals. */
    static final int GLUED_CAPITALS = 6;

    /**
     * The fewest characters a term must have to be found inside any word, whatever its case: {@code northbridgecgt}.
     * A denylisted ordinary word this long then also removes the longer words that hold it.
     */
    static final int GLUED_ANYWHERE = 8;

    /**
     * Endings that make a verb of a name that is a word too (Marshall: marshalled, marshalling), and that a name
     * hardly takes otherwise: not -er, -ian, -ism and the like, which make words of names ({@code Rosenthaler},
     * {@code Halvorsenian}: a review found those published when they were on this list).
     */
    private static final java.util.Set<String> INFLECTIONS = java.util.Set.of("ed", "ing", "led", "ling");

    /** Whether the match starts its word and the rest of the word is an inflection ({@link #INFLECTIONS}). */
    private static boolean inflected(char[] folded, int start, int end) {
        return wordStart(folded, start) == start
                && INFLECTIONS.contains(new String(folded, end, wordEnd(folded, end) - end));
    }

    private static int wordStart(char[] folded, int at) {
        int from = at;
        while (from > 0 && Fold.isWordChar(folded[from - 1])) {
            from--;
        }
        return from;
    }

    private static int wordEnd(char[] folded, int at) {
        int to = at;
        while (to < folded.length && Fold.isWordChar(folded[to])) {
            to++;
        }
        return to;
    }

    private static boolean allUpper(String s, int start, int end) {
        for (int i = start; i < end; i++) {
            if (Character.isLowerCase(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean wholeWord(char[] s, int start, int end) {
        boolean before = start == 0 || !Fold.isWordChar(s[start - 1]) || !Fold.isWordChar(s[start]);
        boolean after = end == s.length || !Fold.isWordChar(s[end]) || !Fold.isWordChar(s[end - 1]);
        return before && after;
    }
}
