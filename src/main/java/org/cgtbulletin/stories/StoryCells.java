package org.cgtbulletin.stories;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.cgtbulletin.model.CellKey;
import org.cgtbulletin.model.Dimension;
import org.cgtbulletin.model.Story;
import org.cgtbulletin.model.Taxonomy;
import org.cgtbulletin.model.TaxonomyCode;

/**
 * Stories against the protected tables. A published story says that one report has its quarter, product class (or
 * group), process step, failure mode and outcome, so it tells a reader that every table cell those describe holds
 * at least one report: a lower bound the disclosure audit, which knows only the tables, never saw. On a withheld cell
 * such bounds narrow (or pin) what the suppression hides, even from reports whose contributors did not consent to
 * publication. So a story that falls in a withheld cell of its quarter (in every table; a story whose product class
 * is shown only as its group falls in the cells of every class of that group) is published with its year only
 * when it then falls in no withheld cell of its year and another quarter of that year had room for it ({@link
 * Room}), and withheld otherwise; the staff audit says which and why.
 * What is published adds nothing: each quarter cell a story shown with its quarter falls in is published, its exact
 * count already known, and the bound the story puts on the same cell of its year and of all periods follows from
 * it, since the tables state each year's cell as the sum of its quarters' cells and each {@code all} cell as the
 * sum of the years' (a year's cell is at least its published quarter's, which is at least the stories in it). A
 * story shown with its year only bounds the cells of its year, all published, and through them the {@code all}
 * cells; all of them could lie in published quarter cells, so they bound no withheld one; and which of the year's
 * quarters one is in, neither its id nor its place in any list tells. A year or
 * {@code all} total withheld (a grand total whose change since the previous release would show a revision, say)
 * therefore withholds no story shown with its quarter.
 */
public final class StoryCells {

    private StoryCells() {
    }

    /**
     * The stories placed against the withheld cells: a story that falls in no withheld cell of its quarter is
     * published as it is; one that does is published with its year only ({@link Story#yearOnly}) when it falls in
     * no withheld cell of its year and another quarter of that year could have held it ({@link #Room}); any other is
     * withheld. The staff audit lists the last two by report id, with the cell.
     * A story shown by its year gets an id of its year and what it publishes, and its place among the stories
     * (after every story of its year shown with a quarter, then in process-step, failure-mode and outcome order,
     * then by id) does not depend on its quarter either, so that neither tells the quarter.
     *
     * @param published a cell's published count, or null when it is withheld or not tabulated
     */
    public static StoryDesk.Result placeOverWithheldCells(StoryDesk.Result stories, Taxonomy taxonomy,
            Predicate<CellKey> withheld, java.util.function.Function<CellKey, Long> published) {
        List<Story> all = stories.published();
        // per story: null to publish it as it is, else the quarter's withheld cell, and the year's if there is one
        // (for one published as it is: the published cells it falls in, which it takes room in)
        List<CellKey> none = List.of();
        List<List<CellKey>> inPublished = new ArrayList<>(java.util.Collections.nCopies(all.size(), none));
        List<CellKey[]> found = java.util.stream.IntStream.range(0, all.size()).parallel().mapToObj(i -> {
            List<CellKey> keys = cells(all.get(i), taxonomy);
            CellKey quarterCell = firstWithheld(keys, withheld);
            if (quarterCell == null) {
                inPublished.set(i, keys.stream().filter(k -> published.apply(k) != null).toList());
                return null;
            }
            return new CellKey[] {quarterCell, firstWithheld(cells(all.get(i).yearOnly(null), taxonomy), withheld)};
        }).toList();
        List<Story> kept = new ArrayList<>();
        List<String> keptReports = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            if (found.get(i) == null) {
                kept.add(all.get(i));
                keptReports.add(stories.reportIds().get(i));
            }
        }
        Room room = new Room(inPublished, taxonomy, withheld, published);
        List<StoryAudit.Withheld> notes = new ArrayList<>(stories.audit().withheld());
        List<Integer> byYear = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            CellKey[] cells = found.get(i);
            String report = stories.reportIds().get(i);
            if (cells == null) {
                continue;
            }
            String where = describe(cells[0]);
            if (cells[1] == null && room.take(all.get(i))) {
                byYear.add(i);
                notes.add(new StoryAudit.Withheld(report, "quarter", "it falls in a withheld cell of its quarter ("
                        + where + "), in none of its year's, and another quarter's published cells have room for"
                        + " it: published with its year only"));
            } else {
                notes.add(new StoryAudit.Withheld(report, "story", "it falls in a withheld cell (" + (cells[1] != null
                        ? describe(cells[1]) + ", and " + where + ")" : where + "), and no other quarter of its year"
                        + " has room for it in published cells") + ": publishing it would show that the cell holds at"
                        + " least one report"));
            }
        }
        if (kept.size() == all.size()) {
            return stories;
        }
        List<String> shownReports = new ArrayList<>();
        List<Story> yearOnly = yearOnly(all, stories.reportIds(), byYear, taxonomy, shownReports);
        List<Story> out = new ArrayList<>();
        List<String> reports = new ArrayList<>();
        int y = 0;
        for (int i = 0; i <= kept.size(); i++) {
            int year = i < kept.size() ? kept.get(i).year() : Integer.MIN_VALUE;
            for (; y < yearOnly.size() && yearOnly.get(y).year() > year; y++) {
                out.add(yearOnly.get(y));
                reports.add(shownReports.get(y));
            }
            if (i < kept.size()) {
                out.add(kept.get(i));
                reports.add(keptReports.get(i));
            }
        }
        notes.sort(StoryAudit.Withheld.ORDER);
        StoryAudit a = stories.audit();
        return new StoryDesk.Result(out, new StoryAudit(a.publishable(), a.withText(), out.size(),
                a.heldByEditors(), a.redactions(), notes), reports);
    }

    /**
     * The stories {@code which} (indexes into {@code all}) shown by their year, identified and ordered as {@link
     * StoryDesk#identify} does every story: latest year first, then in process-step, failure-mode and outcome order,
     * then by id; each id made from its year. Their reports go to {@code reports} in the same order.
     */
    private static List<Story> yearOnly(List<Story> all, List<String> reportIds, List<Integer> which,
            Taxonomy taxonomy, List<String> reports) {
        List<Story> plain = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        for (int i : which) {
            plain.add(all.get(i).yearOnly(null));
            sources.add(reportIds.get(i));
        }
        List<Story> out = new ArrayList<>();
        for (StoryDesk.Ranked r : StoryDesk.identify(plain, sources, taxonomy)) {
            out.add(r.story());
            reports.add(r.reportId());
        }
        return out;
    }

    /**
     * What a reader can rule out of a story shown with its year only: a quarter in which some cell it would fall
     * in is published and already full, its count taken by the stories shown with that quarter. A story is shown by
     * its year only when another quarter of its year has every cell the story would fall in published and not full;
     * that quarter's room is then taken (the stories are placed one after another, in published order). So the
     * stories shown by their year could all lie in published cells, every story in a cell counted at most once in
     * its count: a reader cannot rule out that no story lies in any withheld cell, and learns no lower bound on
     * one. (A story whose class is shown only by its group takes room in every class of the group, which is more
     * than it needs.) Untabulated cells bound nothing.
     */
    static final class Room {
        private final Taxonomy taxonomy;
        private final Predicate<CellKey> withheld;
        private final java.util.function.Function<CellKey, Long> published;
        /** Per published cell some story falls in: its count less the stories placed in it. */
        private final java.util.Map<CellKey, Long> left = new java.util.HashMap<>();

        /**
         * @param taken per story shown with its quarter, the published cells it falls in (each takes room there)
         */
        Room(List<List<CellKey>> taken, Taxonomy taxonomy, Predicate<CellKey> withheld,
                java.util.function.Function<CellKey, Long> published) {
            this.taxonomy = taxonomy;
            this.withheld = withheld;
            this.published = published;
            for (List<CellKey> keys : taken) {
                for (CellKey key : keys) {
                    left.merge(key, -1L, Long::sum);
                }
            }
            left.replaceAll((key, minus) -> published.apply(key) + minus);
        }

        private Long left(CellKey key) {
            Long count = left.get(key);
            return count != null ? count : published.apply(key);
        }

        /** Whether another quarter of the story's year has room for it; if so, that room is taken. */
        boolean take(Story s) {
            for (int q = 1; q <= 4; q++) {
                org.cgtbulletin.model.Quarter other = new org.cgtbulletin.model.Quarter(s.year(), q);
                if (other.equals(s.quarter())) {
                    continue;
                }
                List<CellKey> keys = cells(new Story(null, other, s.productClass(), s.productGroup(),
                        s.processStep(), s.failureMode(), s.outcome(), null, null, false), taxonomy);
                boolean fits = true;
                for (int k = keys.size() - 1; k >= 0 && fits; k--) { // the finest cells first: the likeliest full
                    CellKey key = keys.get(k);
                    Long count = left(key);
                    // a withheld cell never has room; an untabulated one bounds nothing, but a quarter whose total
                    // is not tabulated is not in the data
                    if (count == null ? withheld.test(key) || isTotal(key) : count < 1) {
                        fits = false;
                    }
                }
                if (fits) {
                    for (CellKey key : keys) {
                        Long count = left(key);
                        if (count != null) {
                            left.put(key, count - 1);
                        }
                    }
                    return true;
                }
            }
            return false;
        }
    }

    private static boolean isTotal(CellKey key) {
        return key.productClass().equals(CellKey.ALL) && key.processStep().equals(CellKey.ALL)
                && key.failureMode().equals(CellKey.ALL) && key.outcome().equals(CellKey.ALL);
    }

    private static CellKey firstWithheld(List<CellKey> keys, Predicate<CellKey> withheld) {
        for (CellKey key : keys) {
            if (withheld.test(key)) {
                return key;
            }
        }
        return null;
    }

    /** Every cell of its period (its quarter, or its year), tabulated or not, that its published fields place it in. */
    static List<CellKey> cells(Story s, Taxonomy taxonomy) {
        List<String> classes = new ArrayList<>();
        classes.add(CellKey.ALL);
        if (s.productClass() != null) {
            classes.add(s.productClass());
        } else {
            for (TaxonomyCode c : taxonomy.codes(Dimension.PRODUCT_CLASS)) {
                String group = c.group() == null || c.group().isBlank() ? StoryDesk.OTHER_GROUP : c.group();
                if (group.equals(s.productGroup())) {
                    classes.add(c.code());
                }
            }
        }
        List<CellKey> keys = new ArrayList<>();
        String period = s.period();
        for (String c : classes) {
            for (String step : List.of(CellKey.ALL, s.processStep())) {
                for (String mode : List.of(CellKey.ALL, s.failureMode())) {
                    for (String outcome : List.of(CellKey.ALL, s.outcome())) {
                        keys.add(new CellKey(period, c, step, mode, outcome));
                    }
                }
            }
        }
        return keys;
    }

    private static String describe(CellKey k) {
        return String.join(" / ", k.period(), k.productClass(), k.processStep(), k.failureMode(), k.outcome());
    }
}
