package org.cgtbulletin.read;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.TextStyle;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

import org.cgtbulletin.model.Dimension;
import org.cgtbulletin.model.FailureReport;
import org.cgtbulletin.model.Quarter;

/** Turns raw report rows into {@link FailureReport}s, reporting every problem of every row. */
final class ReportValidator implements RowSink {

    static final int MAX_TEXT = 20_000;

    private final FieldChecks check;
    private final ValidationRules rules;
    private final Consumer<FailureReport> sink;
    private final FirstLines firstLineOfId = new FirstLines();
    private final Set<String> missingColumns = new HashSet<>();
    private final Set<String> contributors = new TreeSet<>();
    private final Set<Quarter> quarters = new TreeSet<>();
    private long valid;
    private long publishable;

    ReportValidator(FieldChecks check, ValidationRules rules, Consumer<FailureReport> sink) {
        this.check = check;
        this.rules = rules;
        this.sink = sink;
    }

    @Override
    public void columns(long line, Set<String> present) {
        for (String f : RowSchema.REPORTS.requiredInOrder()) {
            if (!present.contains(f)) {
                missingColumns.add(f);
                check.error(line, f, "missing required column '" + f + "' in the header");
            }
        }
    }

    @Override
    public void row(RawRow row) {
        long line = row.line();
        String[] v = row.values();
        long errorsBefore = check.errorCount();
        String id = check.token(line, "report_id", required(line, "report_id", v[0]));
        String contributor = check.token(line, "contributor", required(line, "contributor", v[1]));
        Quarter quarter = occurred(line, required(line, "occurred", v[2]));
        String productClass = check.code(line, "product_class", Dimension.PRODUCT_CLASS,
                required(line, "product_class", v[3]));
        String step = check.code(line, "process_step", Dimension.PROCESS_STEP, required(line, "process_step", v[4]));
        String mode = check.code(line, "failure_mode", Dimension.FAILURE_MODE, required(line, "failure_mode", v[5]));
        String outcome = check.code(line, "outcome", Dimension.OUTCOME, required(line, "outcome", v[6]));
        String detectedAt = check.code(line, "detected_at", Dimension.PROCESS_STEP, optional(v[7]));
        String rootCause = check.code(line, "root_cause", Dimension.ROOT_CAUSE, optional(v[8]));
        String platform = check.code(line, "platform", Dimension.PLATFORM, optional(v[9]));
        String narrative = text(line, "narrative", optional(v[10]));
        String lesson = text(line, "lesson", optional(v[11]));
        Boolean isPublishable = publishable(line, optional(v[12]));
        // A row is valid when every field given was valid: an optional field that was present must have parsed.
        boolean ok = id != null && contributor != null && quarter != null && productClass != null && step != null
                && mode != null && outcome != null
                && (optional(v[7]) == null || detectedAt != null)
                && (optional(v[8]) == null || rootCause != null)
                && (optional(v[9]) == null || platform != null)
                && (optional(v[10]) == null || narrative != null)
                && (optional(v[11]) == null || lesson != null)
                && isPublishable != null;
        if (id != null) {
            long first = firstLineOfId.putIfAbsent(id, line);
            if (first >= 0) {
                check.error(line, "report_id", "duplicate report_id '" + id + "': already used on line " + first
                        + "; every report needs its own id");
                ok = false;
            }
        }
        if (!ok) {
            if (check.errorCount() == errorsBefore) { // never drop a row silently
                check.error(line, "row", "this row could not be accepted, for a reason not described here;"
                        + " please report this to the bulletin's maintainers");
            }
            return;
        }
        valid++;
        contributors.add(contributor);
        quarters.add(quarter);
        if (isPublishable) {
            publishable++;
        }
        sink.accept(new FailureReport(id, contributor, v[2].trim(), quarter, productClass, step, mode, outcome,
                detectedAt, rootCause, platform, narrative, lesson, isPublishable));
    }

    private String required(long line, String field, String value) {
        if (missingColumns.contains(field)) {
            return null;
        }
        return check.present(line, field, value, true);
    }

    private static String optional(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private Quarter occurred(long line, String value) {
        if (value == null) {
            return null;
        }
        String s = value.trim();
        LocalDate start = periodStart(line, value, s);
        if (start == null) {
            return null;
        }
        if (start.getYear() < 2000) {
            check.error(line, "occurred", FieldChecks.quote(value) + " is before 2000; dates before 2000 are not"
                    + " accepted (is the year mistyped?)");
            return null;
        }
        if (start.isAfter(rules.today())) {
            check.error(line, "occurred", FieldChecks.quote(value) + " is in the future (today is "
                    + rules.today() + "); a report cannot describe an event that has not happened");
            return null;
        }
        Quarter quarter = Quarter.of(start);
        if (rules.asOf() != null && quarter.compareTo(rules.asOf()) > 0) {
            check.error(line, "occurred", FieldChecks.quote(value) + " is in " + quarter + ", after the --as-of"
                    + " quarter " + rules.asOf() + "; remove the row or publish as of a later quarter");
            return null;
        }
        return quarter;
    }

    /** The first day of the period written (a day, month or quarter), or null after reporting why not. */
    private LocalDate periodStart(long line, String value, String s) {
        Quarter q = Quarter.parseOrNull(s);
        if (q != null) {
            return q.firstDay();
        }
        // YYYY-MM-DD or YYYY-MM, ASCII digits, checked by hand (a million reports have one each).
        int year = digits(s, 0, 4);
        int monthNr = digits(s, 5, 2);
        boolean isMonth = s.length() == 7 && year >= 0 && s.charAt(4) == '-' && monthNr >= 0;
        boolean isDay = s.length() == 10 && year >= 0 && s.charAt(4) == '-' && monthNr >= 0 && s.charAt(7) == '-'
                && digits(s, 8, 2) >= 0;
        if (!isDay && !isMonth) {
            check.error(line, "occurred", FieldChecks.quote(value) + " is not a date; expected YYYY-MM-DD,"
                    + " YYYY-MM or YYYY-Qn (for example 2026-08-11, 2026-08 or 2026-Q3)");
            return null;
        }
        if (monthNr < 1 || monthNr > 12) {
            check.error(line, "occurred", FieldChecks.quote(value) + " is not a real calendar date: there is no"
                    + " month " + s.substring(5, 7) + " (months are 01-12)");
            return null;
        }
        YearMonth ym = YearMonth.of(year, monthNr);
        if (!isDay) {
            return ym.atDay(1);
        }
        int dayNr = digits(s, 8, 2);
        if (dayNr < 1 || dayNr > ym.lengthOfMonth()) {
            check.error(line, "occurred", FieldChecks.quote(value) + " is not a real calendar date: "
                    + ym.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " " + year + " has "
                    + ym.lengthOfMonth() + " days");
            return null;
        }
        return ym.atDay(dayNr);
    }

    /** The number written by the {@code count} ASCII digits of s from {@code from}, or -1 if they are not all digits. */
    private static int digits(String s, int from, int count) {
        if (s.length() < from + count) {
            return -1;
        }
        int v = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private String text(long line, String field, String value) {
        if (value == null) {
            return null;
        }
        int length = value.codePointCount(0, value.length());
        if (length > MAX_TEXT) {
            check.error(line, field, "is " + length + " characters long; at most " + MAX_TEXT + " are allowed");
            return null;
        }
        return value;
    }

    private Boolean publishable(long line, String value) {
        if (value == null) {
            return Boolean.FALSE;
        }
        switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1":
                return Boolean.TRUE;
            case "false", "no", "0":
                return Boolean.FALSE;
            default:
                check.error(line, "publishable", FieldChecks.quote(value) + " is not true or false; expected"
                        + " true/false, yes/no or 1/0 (empty means false)");
                return null;
        }
    }

    long valid() {
        return valid;
    }

    long publishable() {
        return publishable;
    }

    Set<String> contributors() {
        return contributors;
    }

    Set<Quarter> quarters() {
        return quarters;
    }
}
