package org.cgtbulletin.model;

/**
 * One validated failure event. Codes are canonical taxonomy codes; optional codes and texts are null when absent.
 *
 * @param occurred as written in the data ({@code YYYY-MM-DD}, {@code YYYY-MM} or {@code YYYY-Qn}); staff-only
 */
public record FailureReport(
        String reportId,
        String contributor,
        String occurred,
        Quarter quarter,
        String productClass,
        String processStep,
        String failureMode,
        String outcome,
        String detectedAt,
        String rootCause,
        String platform,
        String narrative,
        String lesson,
        boolean publishable) {
}
