package org.cgtbulletin.stories;

import java.util.List;

/**
 * What de-identification did, for the staff-only audit: every redaction and every withheld story or field,
 * by report id. Never published. Reasons never quote the text they are about.
 *
 * @param publishable    reports marked publishable
 * @param withText       of those, reports with a narrative or a lesson
 * @param published      stories published
 * @param heldByEditors  stories held back by the editors
 * @param redactions     every redaction, by report id, field and kind
 * @param withheld       every withheld story ({@code field} {@code story}) or field ({@code quarter}: shown with
 *                       its year only; {@code narrative}, {@code lesson}), by report id
 */
public record StoryAudit(long publishable, long withText, long published, long heldByEditors,
        List<Redaction> redactions, List<Withheld> withheld) {

    public StoryAudit {
        redactions = List.copyOf(redactions);
        withheld = List.copyOf(withheld);
    }

    /** Nothing read. */
    public static StoryAudit empty() {
        return new StoryAudit(0, 0, 0, 0, List.of(), List.of());
    }

    /**
     * Identifiers of one kind removed from one field of one report.
     *
     * @param field {@code narrative} or {@code lesson}
     * @param kind  an {@link IdentifierKind#code()}
     */
    public record Redaction(String reportId, String field, String kind, int count) {
    }

    /**
     * A withheld story or field.
     *
     * @param field {@code story} (nothing of it is published), {@code quarter} (published with its year only),
     *              {@code narrative} or {@code lesson}
     */
    public record Withheld(String reportId, String field, String reason) {
        /** The audit's order: by report id, then the whole story before its narrative, then its lesson. */
        public static final java.util.Comparator<Withheld> ORDER = java.util.Comparator.comparing(Withheld::reportId)
                .thenComparing(w -> List.of("story", "quarter", "narrative", "lesson").indexOf(w.field()));
    }

    /** Total number of identifiers removed. */
    public long redactionCount() {
        return redactions.stream().mapToLong(Redaction::count).sum();
    }

    /** Number of stories withheld whole. */
    public long storiesWithheld() {
        return withheld.stream().filter(w -> w.field().equals("story")).count();
    }

    /** Number of stories published with their year only. */
    public long shownByYearOnly() {
        return withheld.stream().filter(w -> w.field().equals("quarter")).count();
    }
}
