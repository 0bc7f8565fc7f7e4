package org.cgtbulletin.model;

/**
 * The key of one published number: a period ({@code YYYY-Qn}, {@code YYYY} or {@code all}) and a code or
 * {@code *} (all values, a margin) for each of product class, process step, failure mode and outcome.
 */
public record CellKey(String period, String productClass, String processStep, String failureMode, String outcome) {

    public static final String ALL = "*";

    /** Human-readable, for the staff audit: e.g. {@code 2026-Q3 car_t_autologous/expansion/* /*}. */
    public String label() {
        return period + " " + productClass + "/" + processStep + "/" + failureMode + "/" + outcome;
    }
}
