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

    /**
     * Every problem is one line. A parser's message may span several (SnakeYAML's quotes the offending line and
     * points at it with a caret, on indented lines): those are dropped, as the problem's line is given apart, and
     * the rest joined with "; ".
     */
    public Problem {
        if (message != null && (message.indexOf('\n') >= 0 || message.indexOf('\r') >= 0)) {
            java.util.List<String> kept = new java.util.ArrayList<>();
            message.lines().forEach(l -> {
                if (!l.isBlank() && (kept.isEmpty() || !Character.isWhitespace(l.charAt(0)))) {
                    kept.add(l.strip());
                }
            });
            message = String.join("; ", kept);
        }
    }

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
