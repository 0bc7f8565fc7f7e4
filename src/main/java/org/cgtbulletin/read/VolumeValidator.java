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
            check.error(line, "quarter", "'" + v[1].trim() + "' is before 2000 (is the year mistyped?)");
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
        if (value == null) {
            return null;
        }
        String s = value.trim();
        long n;
        try {
            n = Long.parseLong(s);
        } catch (NumberFormatException e) {
            check.error(line, "batches_started", FieldChecks.quote(value) + " is not a whole number; expected an"
                    + " integer >= 0 (the number of batches started)");
            return null;
        }
        if (n < 0) {
            check.error(line, "batches_started", n + " is negative; batches started must be 0 or more");
            return null;
        }
        return n;
    }

    List<BatchVolume> volumes() {
        return volumes;
    }
}
