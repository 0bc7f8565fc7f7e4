package org.cgtbulletin.model;

/**
 * A de-identified "what happened / what we learned" story, safe to publish. Text is plain text (never markup);
 * the originating report id is not part of it (it lives only in the staff audit).
 *
 * @param id           a stable public identifier, not derived from the report id or contributor
 * @param quarter      the quarter of the event (never a finer date)
 * @param productClass the product class code, or null when fewer than the minimum number of contributors make it
 * @param productGroup the product class's group label (always present)
 * @param narrative    what happened, de-identified; may be null when only a lesson survives
 * @param lesson       what was learned, de-identified; may be null when only a narrative survives
 * @param featured     editors asked for this story to be featured
 */
public record Story(String id, Quarter quarter, String productClass, String productGroup, String processStep,
        String failureMode, String outcome, String narrative, String lesson, boolean featured) {
}
