package org.cgtbulletin.model;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A de-identified "what happened / what we learned" story, safe to publish. Text is plain text (never markup);
 * the originating report id is not part of it (it lives only in the staff audit).
 *
 * @param id           a stable public identifier, not derived from the report id or contributor
 * @param year         the year of the event
 * @param quarter      the quarter of the event (never a finer date), or null when only its year is shown (its
 *                     quarter's cells are withheld, its year's published: {@code stories.StoryCells})
 * @param productClass the product class code, or null when fewer than the minimum number of contributors make it
 * @param productGroup the product class's group label (always present)
 * @param narrative    what happened, de-identified; may be null when only a lesson survives
 * @param lesson       what was learned, de-identified; may be null when only a narrative survives
 * @param featured     editors asked for this story to be featured
 */
public record Story(String id, int year, Quarter quarter, String productClass, String productGroup,
        String processStep, String failureMode, String outcome, String narrative, String lesson, boolean featured) {

    /** Checks that a quarter shown is of the year. */
    public Story {
        if (quarter != null && quarter.year() != year) {
            throw new IllegalArgumentException("quarter " + quarter + " is not of " + year);
        }
    }

    /** A story shown with its quarter. */
    public Story(String id, Quarter quarter, String productClass, String productGroup, String processStep,
            String failureMode, String outcome, String narrative, String lesson, boolean featured) {
        this(id, quarter.year(), quarter, productClass, productGroup, processStep, failureMode, outcome, narrative,
                lesson, featured);
    }

    /**
     * The period shown, as cells.csv writes periods: {@code 2026-Q3}, or {@code 2026} when only the year is shown.
     *
     * @return the quarter or the year
     */
    public String period() {
        return quarter != null ? quarter.toString() : Integer.toString(year);
    }

    /**
     * The period as readers see it: {@code 2026 Q3}, or {@code 2026}.
     *
     * @return the label
     */
    public String periodLabel() {
        return quarter != null ? year + " Q" + quarter.quarter() : Integer.toString(year);
    }

    /**
     * The same story shown with its year only, under another id.
     *
     * @param newId its id
     * @return the story without its quarter
     */
    public Story yearOnly(String newId) {
        return new Story(newId, year, null, productClass, productGroup, processStep, failureMode, outcome, narrative,
                lesson, featured);
    }

    /**
     * The stories {@code which} selects, at most {@code max}: the featured ones first, then the others, each group
     * in published order. {@code featured} is every featured story of {@code all}, in order (a short list), so
     * that {@code all} (a hundred thousand stories at a million reports) is read only until there are enough.
     */
    public static List<Story> featuredFirst(List<Story> featured, List<Story> all, Predicate<Story> which, int max) {
        List<Story> chosen = new ArrayList<>();
        for (Story s : featured) {
            if (chosen.size() < max && which.test(s)) {
                chosen.add(s);
            }
        }
        for (Story s : all) {
            if (chosen.size() >= max) {
                break;
            }
            if (!s.featured() && which.test(s)) {
                chosen.add(s);
            }
        }
        return chosen;
    }
}
