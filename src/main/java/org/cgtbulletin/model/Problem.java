package org.cgtbulletin.model;

/**
 * One problem found in the inputs, with its location.
 *
 * @param file    the file as the user named it
 * @param line    1-based physical line, or 0 when the problem concerns the whole file
 * @param field   the field or column concerned, or "file" for whole-file problems
 * @param message plain words: what was found and what was expected
 */
public record Problem(Severity severity, String file, long line, String field, String message) {

    public enum Severity { ERROR, WARNING }

    public static Problem error(String file, long line, String field, String message) {
        return new Problem(Severity.ERROR, file, line, field, message);
    }

    public static Problem warning(String file, long line, String field, String message) {
        return new Problem(Severity.WARNING, file, line, field, message);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** {@code FILE:LINE: field: message}, warnings marked as such. */
    public String format() {
        return file + ":" + line + ": " + field + ": " + (isError() ? "" : "warning: ") + message;
    }
}
