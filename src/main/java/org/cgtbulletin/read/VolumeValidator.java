package org.cgtbulletin.read;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.cgtbulletin.model.BatchVolume;
import org.cgtbulletin.model.Dimension;
import org.cgtbulletin.model.Quarter;

/** Turns raw volume rows into {@link BatchVolume}s: one row per contributor, quarter and product class. */
final class VolumeValidator implements RowSink {

    private final FieldChecks check;
    private final ValidationRules rules;
    private final List<BatchVolume> volumes = new ArrayList<>();
    private final Map<String, Long> firstLineOfKey = new HashMap<>();
    private final Set<String> missingColumns = new HashSet<>();

    VolumeValidator(FieldChecks check, ValidationRules rules) {
        this.check = check;
        this.rules = rules;
    }

    @Override
    public void columns(long line, Set<String> present) {
        for (String f : RowSchema.VOLUMES.requiredInOrder()) {
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
        String contributor = check.token(line, "contributor", required(line, "contributor", v[0]));
        Quarter quarter = check.quarter(line, "quarter", required(line, "quarter", v[1]));
        if (quarter != null && quarter.year() < 2000) {
            check.error(line, "quarter", "'" + v[1] + "' is before 2000 (is the year mistyped?)");
            quarter = null;
        }
        String productClass = check.code(line, "product_class", Dimension.PRODUCT_CLASS,
                required(line, "product_class", v[2]));
        Long batches = batches(line, required(line, "batches_started", v[3]));
        if (contributor == null || quarter == null || productClass == null || batches == null) {
            return;
        }
        String key = contributor + "\u0000" + quarter + "\u0000" + productClass;
        Long first = firstLineOfKey.putIfAbsent(key, line);
        if (first != null) {
            check.error(line, "contributor", "duplicate volume row for contributor '" + contributor + "', "
                    + quarter + ", " + productClass + ": already given on line " + first
                    + "; give one row per contributor, quarter and product class");
            return;
        }
        if (rules.asOf() != null && quarter.compareTo(rules.asOf()) > 0) {
            return; // volumes after the published period are not needed and not an error
        }
        volumes.add(new BatchVolume(contributor, quarter, productClass, batches));
    }

    private String required(long line, String field, String value) {
        return missingColumns.contains(field) ? null : check.present(line, field, value, true);
    }

    private Long batches(long line, String value) {
        value = check.asWritten(line, "batches_started", value);
        if (value == null) {
            return null;
        }
        // digits only, as written (an optional '-' is recognized, to say the number is negative): no '+', no
        // decimals, no thousands separators
        boolean negative = value.startsWith("-");
        boolean digits = value.length() > (negative ? 1 : 0);
        for (int i = negative ? 1 : 0; i < value.length() && digits; i++) {
            digits = value.charAt(i) >= '0' && value.charAt(i) <= '9';
        }
        if (!digits) {
            check.error(line, "batches_started", FieldChecks.quote(value) + " is not a whole number; expected an"
                    + " integer >= 0 (the number of batches started), digits only");
            return null;
        }
        if (negative && value.chars().skip(1).allMatch(ch -> ch == '0')) {
            check.error(line, "batches_started", FieldChecks.quote(value) + " has a minus sign; write 0 for no"
                    + " batches started");
            return null;
        }
        if (negative) {
            check.error(line, "batches_started", FieldChecks.quote(value) + " is negative; batches started must be"
                    + " 0 or more");
            return null;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            check.error(line, "batches_started", FieldChecks.quote(value) + " is too large; at most "
                    + Long.MAX_VALUE + " batches can be counted");
            return null;
        }
    }

    List<BatchVolume> volumes() {
        return volumes;
    }
}
