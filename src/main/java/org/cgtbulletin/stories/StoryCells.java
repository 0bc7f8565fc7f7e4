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
 * publication. So a story is withheld, and the staff audit says why, when any cell of its quarter it falls in (in
 * every table) is withheld; a story whose product class is shown only as its group falls in the cells of every
 * class of that group. What remains adds nothing: each quarter cell a published story falls in is published, its
 * exact count already known, and the bound the story puts on the same cell of its year and of all periods follows
 * from it, since the tables state each year's cell as the sum of its quarters' cells and each {@code all} cell as
 * the sum of the years' (a year's cell is at least its published quarter's, which is at least the stories in it).
 * A year or {@code all} total withheld (a grand total whose change since the previous release would show a
 * revision, say) therefore withholds no story.
 */
public final class StoryCells {

    private StoryCells() {
    }

    /**
     * The stories without those that fall in a cell of the tables whose count {@code withheld} says is withheld.
     */
    public static StoryDesk.Result withholdOverWithheldCells(StoryDesk.Result stories, Taxonomy taxonomy,
            Predicate<CellKey> withheld) {
        return stories.withholding(s -> {
            for (CellKey key : cells(s, taxonomy)) {
                if (withheld.test(key)) {
                    return "it falls in a withheld cell (" + describe(key) + "): publishing it would show that the"
                            + " cell holds at least one report";
                }
            }
            return null;
        });
    }

    /** Every cell of its quarter, tabulated or not, that the story's published fields place it in. */
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
        String period = s.quarter().toString();
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
