package org.cgtbulletin.stories;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The spans found in one text; overlapping spans are merged, and replaced, when rendered. */
final class Spans {

    /** Placeholder priority when spans overlap: the first kind in this list wins. */
    private static final List<IdentifierKind> PRIORITY = List.of(IdentifierKind.EMAIL, IdentifierKind.LINK,
            IdentifierKind.PHONE, IdentifierKind.NAME, IdentifierKind.DENYLIST, IdentifierKind.CONTRIBUTOR,
            IdentifierKind.LOT, IdentifierKind.DATE, IdentifierKind.IDENTIFIER, IdentifierKind.PRODUCT_CLASS,
            IdentifierKind.MARKUP);
    private static final int[] RANK = new int[IdentifierKind.values().length];

    static {
        for (int i = 0; i < PRIORITY.size(); i++) {
            RANK[PRIORITY.get(i).ordinal()] = i;
        }
    }

    private final List<long[]> spans = new ArrayList<>();
    private final List<String> replacements = new ArrayList<>();
    /** Ranges no span may touch: the placeholders of an earlier round. */
    private final List<int[]> kept = new ArrayList<>();

    /** Leaves [start, end) as it is: a span overlapping it is ignored. */
    void keep(int start, int end) {
        kept.add(new int[] {start, end});
    }

    void add(int start, int end, IdentifierKind kind, String replacement) {
        if (end <= start) {
            return;
        }
        for (int[] k : kept) {
            if (start < k[1] && end > k[0]) {
                return;
            }
        }
        spans.add(new long[] {start, end, kind.ordinal(), replacements.size()});
        replacements.add(replacement);
    }

    boolean isEmpty() {
        return spans.isEmpty();
    }

    String render(String s, Map<IdentifierKind, Integer> counts) {
        spans.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(b[1], a[1]));
        IdentifierKind[] kinds = IdentifierKind.values();
        StringBuilder b = new StringBuilder(s.length());
        int last = 0;
        int i = 0;
        while (i < spans.size()) {
            long[] first = spans.get(i);
            int start = (int) first[0];
            int end = (int) first[1];
            IdentifierKind kind = kinds[(int) first[2]];
            int j = i + 1;
            while (j < spans.size() && spans.get(j)[0] < end) {
                long[] next = spans.get(j);
                end = Math.max(end, (int) next[1]);
                IdentifierKind k = kinds[(int) next[2]];
                kind = RANK[k.ordinal()] < RANK[kind.ordinal()] ? k : kind;
                j++;
            }
            String text = kind.placeholder();
            if (kind == IdentifierKind.DATE) {
                // a date keeps its quarter only when one dated span covers the whole merged span
                for (int k = i; k < j; k++) {
                    long[] span = spans.get(k);
                    String replacement = replacements.get((int) span[3]);
                    if (span[2] == IdentifierKind.DATE.ordinal() && span[0] == start && span[1] == end
                            && replacement != null) {
                        text = replacement;
                        break;
                    }
                }
            }
            b.append(s, last, start);
            boolean quarter = kind == IdentifierKind.DATE && !text.equals(kind.placeholder());
            if (quarter && start > 0 && Fold.isWordChar(s.charAt(start - 1))) {
                b.append(' '); // "on14 March 2025" -> "on 2025-Q1", not a code-like "on2025-Q1"
            }
            b.append(text);
            if (quarter && end < s.length() && Fold.isWordChar(s.charAt(end))) {
                b.append(' ');
            }
            counts.merge(kind, 1, Integer::sum);
            last = end;
            i = j;
        }
        b.append(s, last, s.length());
        return b.toString();
    }
}
