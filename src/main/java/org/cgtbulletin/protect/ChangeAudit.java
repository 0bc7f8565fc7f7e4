package org.cgtbulletin.protect;

import java.util.List;

/**
 * What the check of the table of changes since the previous release left open, for the staff audit: per table
 * (event counts, batches started), the changes that fail the rules and were not proven hidden ({@link ChangeFinding}),
 * in cell order; or, when nothing could be checked, why.
 *
 * @param notChecked why the changes were not checked (no previous release, or no record of who contributed to its
 *                   cells), or null when they were
 * @param counts     the event counts' findings
 * @param batches    the batches started's findings
 */
public record ChangeAudit(String notChecked, List<ChangeFinding> counts, List<ChangeFinding> batches) {

    /** Copies the lists. */
    public ChangeAudit {
        counts = List.copyOf(counts);
        batches = List.copyOf(batches);
    }

    /**
     * Nothing checked.
     *
     * @param why why not
     * @return an audit with no findings
     */
    public static ChangeAudit notChecked(String why) {
        return new ChangeAudit(why, List.of(), List.of());
    }
}
