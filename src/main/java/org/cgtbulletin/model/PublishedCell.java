package org.cgtbulletin.model;

/**
 * One row of {@code cells.csv}: what the bulletin may show for a cell. Values are null where they are not
 * published (suppressed, or not computable).
 *
 * @param status {@code published}, {@code suppressed} or {@code suppressed-secondary}
 */
public record PublishedCell(CellKey key, Long events, Long batches, Double ratePer100, Double rateLow,
        Double rateHigh, String status) {

    public static final String PUBLISHED = "published";
    public static final String SUPPRESSED = "suppressed";
    public static final String SUPPRESSED_SECONDARY = "suppressed-secondary";

    public boolean isPublished() {
        return PUBLISHED.equals(status);
    }
}
