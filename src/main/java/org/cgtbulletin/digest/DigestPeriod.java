package org.cgtbulletin.digest;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.cgtbulletin.model.Quarter;

/**
 * What one digest covers: a quarter, or a whole calendar year (all four of its quarters in the data).
 *
 * @param period       the cells.csv period of its numbers: {@code 2026-Q3} or {@code 2025}
 * @param label        as readers see it: {@code 2026 Q3}, {@code 2025}
 * @param from         its first quarter
 * @param to           its last quarter; nothing later is shown, so a past digest does not change as time passes
 * @param compare      the period it is compared with (the same quarter a year earlier, or the previous whole
 *                     year), or null when there is none
 */
record DigestPeriod(String period, String label, Quarter from, Quarter to, String compare, String compareLabel,
        boolean annual) {

    static DigestPeriod quarter(Quarter q) {
        Quarter before = new Quarter(q.year() - 1, q.quarter());
        return new DigestPeriod(q.toString(), label(q), q, q, before.toString(), label(before), false);
    }

    /** A whole year; it is compared with the year before only when that year is whole in the data too. */
    static DigestPeriod year(int year, Quarter first) {
        boolean previousWhole = first != null && new Quarter(year - 1, 1).compareTo(first) >= 0;
        return new DigestPeriod(Integer.toString(year), Integer.toString(year), new Quarter(year, 1),
                new Quarter(year, 4), previousWhole ? Integer.toString(year - 1) : null,
                previousWhole ? Integer.toString(year - 1) : null, true);
    }

    /** Every digest of the data from {@code first} to {@code asOf}: each quarter, then each whole year. */
    static List<DigestPeriod> all(Quarter first, Quarter asOf) {
        List<DigestPeriod> list = new ArrayList<>();
        if (first == null || asOf == null) {
            return list;
        }
        for (Quarter q = first; q.compareTo(asOf) <= 0; q = q.next()) {
            list.add(quarter(q));
        }
        for (int year : Quarter.wholeYears(first, asOf)) {
            list.add(year(year, first));
        }
        return list;
    }

    /** The file name under {@code digests/}: {@code 2026-q3.pdf}, {@code 2025.pdf}. */
    String fileName() {
        return (annual ? period : from.slug()) + ".pdf";
    }

    /** The quarters covered, oldest first. */
    List<Quarter> quarters() {
        List<Quarter> list = new ArrayList<>();
        for (Quarter q = from; q.compareTo(to) <= 0; q = q.next()) {
            list.add(q);
        }
        return list;
    }

    /** Whether a cells.csv period lies within this digest: the period itself or, for a year, one of its quarters. */
    boolean covers(String cellPeriod) {
        if (cellPeriod.equals(period)) {
            return true;
        }
        if (!annual) {
            return false;
        }
        Quarter q = Quarter.parseOrNull(cellPeriod);
        return q != null && q.compareTo(from) >= 0 && q.compareTo(to) <= 0;
    }

    /** Whether a quarter lies within this digest (the quarter itself, or one of the year's). */
    boolean covers(Quarter q) {
        return q.compareTo(from) >= 0 && q.compareTo(to) <= 0;
    }

    /**
     * The date the document carries: the end of its period (the first instant after it), so that a past digest
     * keeps its bytes from release to release; or the build's clock ({@code SOURCE_DATE_EPOCH}) when that is
     * earlier, for a period still running. Never the wall clock.
     */
    Instant documentDate(Instant clock) {
        Instant end = to.next().firstDay().atStartOfDay().toInstant(ZoneOffset.UTC);
        return clock != null && clock.isBefore(end) ? clock : end;
    }

    static String label(Quarter q) {
        return q.year() + " Q" + q.quarter();
    }
}
