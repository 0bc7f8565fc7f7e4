package org.cgtbulletin.read;

import java.time.LocalDate;
import java.time.Month;
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
    /** Today as {@link #dayKey}: a date after it is in the future. */
    private final int todayKey;
    /** The --as-of quarter as year * 4 + quarter - 1, or the largest int when there is none. */
    private final int asOfKey;

    ReportValidator(FieldChecks check, ValidationRules rules, Consumer<FailureReport> sink) {
        this.check = check;
        this.rules = rules;
        this.sink = sink;
        LocalDate today = rules.today();
        this.todayKey = dayKey(today.getYear(), today.getMonthValue(), today.getDayOfMonth());
        Quarter asOf = rules.asOf();
        this.asOfKey = asOf == null ? Integer.MAX_VALUE : asOf.year() * 4 + asOf.quarter() - 1;
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
            // Never drop a row silently; but a required column missing from the header is reported once, there,
            // and not again on every row that lacks it.
            if (check.errorCount() == errorsBefore && missingColumns.isEmpty()) {
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
        sink.accept(new FailureReport(id, contributor, v[2], quarter, productClass, step, mode, outcome,
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

    // Dates are checked as integers (yyyymmdd), not with java.time, so that the validation has no branch that the
    // data take for the first time late in a file. The optimising compiler compiles row() (with what it calls, about
    // 55 KB of machine code) on the branches it has seen taken; when another is taken, the code is thrown away and
    // compiled again. A million reports in date order did that twice, each time for 0.3 to 0.5 s of compiler CPU
    // while both cores read: at the first 29 February (java.time's month length in a leap year) and at the first
    // date in the current year (LocalDate.isAfter, which compares the months only when the years are equal).

    private Quarter occurred(long line, String value) {
        value = check.asWritten(line, "occurred", value);
        if (value == null) {
            return null;
        }
        int day = periodStart(line, value);
        if (day < 0) {
            return null;
        }
        int year = day / 10_000;
        if (year < 2000) {
            check.error(line, "occurred", FieldChecks.quote(value) + " is before 2000; dates before 2000 are not"
                    + " accepted (is the year mistyped?)");
            return null;
        }
        if (day > todayKey) {
            check.error(line, "occurred", FieldChecks.quote(value) + " is in the future (today is "
                    + rules.today() + "); a report cannot describe an event that has not happened");
            return null;
        }
        int q = (day / 100 % 100 - 1) / 3 + 1;
        Quarter quarter = new Quarter(year, q);
        if (year * 4 + q - 1 > asOfKey) {
            check.error(line, "occurred", FieldChecks.quote(value) + " is in " + quarter + ", after the --as-of"
                    + " quarter " + rules.asOf() + "; remove the row or publish as of a later quarter");
            return null;
        }
        return quarter;
    }

    /** A date as the integer yyyymmdd: ordered as the dates are. */
    static int dayKey(int year, int month, int day) {
        return year * 10_000 + month * 100 + day;
    }

    /** Days of each month (1-12) in a common year, then (13 on) in a leap year. */
    private static final int[] MONTH_DAYS = {0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31,
        0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

    /** The days of a month (1-12) of a year from 0 to 9999, by arithmetic alone (see above). */
    static int monthDays(int year, int month) {
        int by4 = ((year & 3) - 1) >>> 31; // 1 when year % 4 == 0
        int notBy100 = -(year % 100) >>> 31; // 1 when year % 100 != 0
        int by400 = (year % 400 - 1) >>> 31; // 1 when year % 400 == 0
        return MONTH_DAYS[13 * (by4 & (notBy100 | by400)) + month];
    }

    /**
     * The first day of the period written (a day, month or quarter) as {@link #dayKey}, or -1 after reporting why
     * it is not one.
     */
    private int periodStart(long line, String s) {
        Quarter q = Quarter.parseOrNull(s);
        if (q != null) {
            return dayKey(q.year(), (q.quarter() - 1) * 3 + 1, 1);
        }
        // YYYY-MM-DD or YYYY-MM, ASCII digits, checked by hand (a million reports have one each).
        int year = digits(s, 0, 4);
        int monthNr = digits(s, 5, 2);
        boolean isMonth = s.length() == 7 && year >= 0 && s.charAt(4) == '-' && monthNr >= 0;
        boolean isDay = s.length() == 10 && year >= 0 && s.charAt(4) == '-' && monthNr >= 0 && s.charAt(7) == '-'
                && digits(s, 8, 2) >= 0;
        if (s.length() == 7 && year >= 0 && s.charAt(4) == '-' && (s.charAt(5) == 'Q' || s.charAt(5) == 'q')
                && s.charAt(6) >= '0' && s.charAt(6) <= '9') {
            check.error(line, "occurred", FieldChecks.quote(s) + " is not a quarter: there is no quarter "
                    + s.charAt(6) + " (quarters are Q1-Q4)");
            return -1;
        }
        if (!isDay && !isMonth) {
            check.error(line, "occurred", FieldChecks.quote(s) + " is not a date; expected YYYY-MM-DD,"
                    + " YYYY-MM or YYYY-Qn (for example 2026-08-11, 2026-08 or 2026-Q3)");
            return -1;
        }
        if (monthNr < 1 || monthNr > 12) {
            check.error(line, "occurred", FieldChecks.quote(s) + " is not a real calendar date: there is no"
                    + " month " + s.substring(5, 7) + " (months are 01-12)");
            return -1;
        }
        if (!isDay) {
            return dayKey(year, monthNr, 1);
        }
        int dayNr = digits(s, 8, 2);
        int length = monthDays(year, monthNr);
        if (dayNr < 1 || dayNr > length) {
            check.error(line, "occurred", FieldChecks.quote(s) + " is not a real calendar date: "
                    + Month.of(monthNr).getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " " + year + " has "
                    + length + " days");
            return -1;
        }
        return dayKey(year, monthNr, dayNr);
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
            check.error(line, field, "is " + length + " characters long; at most " + MAX_TEXT + " are allowed (it"
                    + " starts " + FieldChecks.quote(value.substring(0, Math.min(value.length(), 40))) + ")");
            return null;
        }
        return value;
    }

    private Boolean publishable(long line, String value) {
        if (value == null) {
            return Boolean.FALSE;
        }
        if (check.asWritten(line, "publishable", value) == null) {
            return null;
        }
        switch (value.toLowerCase(Locale.ROOT)) {
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
