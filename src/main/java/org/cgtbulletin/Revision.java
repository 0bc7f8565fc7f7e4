package org.cgtbulletin;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import org.cgtbulletin.protect.DisclosureRules;

/**
 * A revision: the change late reports (or withdrawn ones) made to a quarter's cell that the previous release
 * published. A reader who subtracts the two releases reads the change off as if it were a cell of its own, so
 * {@code disclosure.md} ("Releases over time") makes it subject to the rules: its size against the events rule,
 * and, contributor by contributor, the contributors, dominance and p% rules, each contributor's part being the
 * amount by which its own number changed (up or down).
 *
 * <p>The contributions of the previous release come from its staff audit ({@link
 * org.cgtbulletin.publish.PreviousRelease#CONTRIBUTIONS}). Without them, who made a rise is judged at worst: the
 * change is given to the fewest, largest contributors of the cell now that could have made it (each at most its
 * whole number now), which fails the rules whenever the true split could; a fall, whose contributors then cannot
 * be bounded at all, is withheld.
 */
final class Revision {

    private Revision() {
    }

    /**
     * Why a revised cell may not be published, for the staff audit; null when the change passes the rules.
     *
     * @param then     the number the previous release published
     * @param now      the cell's number now
     * @param before   each contributor's part then, or null when not known
     * @param after    each contributor's part now
     * @param unknown  why {@code before} is not known (used when it is null)
     */
    static String refusal(long then, long now, SortedMap<String, Long> before, SortedMap<String, Long> after,
            String unknown, DisclosureRules rules) {
        long change = now - then;
        String why = changeRefusal(change, before, after, unknown, rules);
        return why == null ? null : "revised since the previous release (" + then + " then, " + now + " now)" + why;
    }

    /**
     * Why a change of {@code change} (not 0) that a reader can work out may not be, for the staff audit (a clause
     * that starts ": the change, ..."); null when it passes the rules.
     *
     * @param before each contributor's amount then in the cells that changed, or null when not known
     * @param after  each contributor's amount now in them
     * @param unknown why {@code before} is not known (used when it is null)
     */
    static String changeRefusal(long change, SortedMap<String, Long> before, SortedMap<String, Long> after,
            String unknown, DisclosureRules rules) {
        String head = ": the change, " + (change > 0 ? "+" : "") + change;
        if (Math.abs(change) < rules.minEvents()) {
            return head + ", is fewer than " + rules.minEvents() + " and would be read off by subtracting the"
                    + " releases";
        }
        if (before == null && change < 0) {
            return head + ", cannot be put to the rules, since who withdrew those reports is not known ("
                    + unknown + ")";
        }
        Map<String, Long> parts = before != null ? changes(before, after) : worstCase(after, change);
        List<String> failed = rules.failed(parts);
        if (failed.isEmpty()) {
            return null;
        }
        long contributors = parts.values().stream().filter(x -> x > 0).count();
        return head + (before != null ? ", came from " : ", could have come from as few as ") + contributors
                + (contributors == 1 ? " contributor" : " contributors") + " and fails the rules on its own ("
                + rules.describe(failed) + ")" + (before != null ? "" : "; who made it is not known (" + unknown
                + ")");
    }

    /** Each contributor's change, up or down, as an amount. */
    static SortedMap<String, Long> changes(SortedMap<String, Long> before, SortedMap<String, Long> after) {
        SortedMap<String, Long> parts = new TreeMap<>();
        after.forEach((token, x) -> parts.put(token, Math.abs(x - before.getOrDefault(token, 0L))));
        before.forEach((token, x) -> parts.putIfAbsent(token, x)); // no longer in the cell: all of it withdrawn
        return parts;
    }

    /**
     * The split of a rise that fails the rules most readily: the largest contributors now take as much of it as
     * they have, in turn. It has the fewest contributors, the largest first part and the largest first two parts
     * any split can have, which is what the contributors, dominance and p% rules test.
     */
    static SortedMap<String, Long> worstCase(SortedMap<String, Long> after, long rise) {
        List<Map.Entry<String, Long>> largestFirst = after.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .toList();
        SortedMap<String, Long> parts = new TreeMap<>();
        long left = rise;
        for (Map.Entry<String, Long> e : largestFirst) {
            if (left == 0) {
                break;
            }
            long part = Math.min(left, e.getValue());
            parts.put(e.getKey(), part);
            left -= part;
        }
        return parts;
    }
}
