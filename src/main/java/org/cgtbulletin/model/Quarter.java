package org.cgtbulletin.model;

import java.time.LocalDate;

/** A calendar quarter such as 2026-Q3, the unit every count is analysed by. */
public record Quarter(int year, int quarter) implements Comparable<Quarter> {

    public Quarter {
        if (quarter < 1 || quarter > 4) {
            throw new IllegalArgumentException("quarter must be 1-4: " + quarter);
        }
    }

    /** Parses {@code YYYY-Qn}; returns null when the text is not of that form. */
    public static Quarter parseOrNull(String text) {
        if (text == null) {
            return null;
        }
        // By hand rather than by a regular expression (a million reports parse one each): four ASCII digits, '-',
        // 'Q' or 'q', then 1-4.
        String s = text.trim();
        if (s.length() != 7 || s.charAt(4) != '-' || (s.charAt(5) != 'Q' && s.charAt(5) != 'q')
                || s.charAt(6) < '1' || s.charAt(6) > '4') {
            return null;
        }
        int year = 0;
        for (int i = 0; i < 4; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
            year = year * 10 + (c - '0');
        }
        return new Quarter(year, s.charAt(6) - '0');
    }

    public static Quarter parse(String text) {
        Quarter q = parseOrNull(text);
        if (q == null) {
            throw new IllegalArgumentException("expected a quarter as YYYY-Qn, for example 2026-Q3: '" + text + "'");
        }
        return q;
    }

    /** The quarter a day falls in. */
    public static Quarter of(LocalDate day) {
        return new Quarter(day.getYear(), (day.getMonthValue() - 1) / 3 + 1);
    }

    public LocalDate firstDay() {
        return LocalDate.of(year, (quarter - 1) * 3 + 1, 1);
    }

    public Quarter next() {
        return quarter == 4 ? new Quarter(year + 1, 1) : new Quarter(year, quarter + 1);
    }

    public Quarter previous() {
        return quarter == 1 ? new Quarter(year - 1, 4) : new Quarter(year, quarter - 1);
    }

    /** Number of quarters from this one to {@code other} (positive when other is later). */
    public int quartersUntil(Quarter other) {
        return (other.year - year) * 4 + (other.quarter - quarter);
    }

    /**
     * The calendar years all four of whose quarters lie within {@code first..last}, oldest first: the years that
     * get an annual digest.
     */
    public static java.util.List<Integer> wholeYears(Quarter first, Quarter last) {
        java.util.List<Integer> years = new java.util.ArrayList<>();
        if (first != null && last != null) {
            for (int y = first.year(); y <= last.year(); y++) {
                if (new Quarter(y, 1).compareTo(first) >= 0 && new Quarter(y, 4).compareTo(last) <= 0) {
                    years.add(y);
                }
            }
        }
        return years;
    }

    /** Lower-case path form used in site URLs, e.g. {@code 2026-q3}. */
    public String slug() {
        return year + "-q" + quarter;
    }

    @Override
    public int compareTo(Quarter o) {
        return year != o.year ? Integer.compare(year, o.year) : Integer.compare(quarter, o.quarter);
    }

    @Override
    public String toString() {
        return year + "-Q" + quarter;
    }
}
