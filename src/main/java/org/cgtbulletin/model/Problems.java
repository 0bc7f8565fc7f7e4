package org.cgtbulletin.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Collects every problem of a run. All are counted; the first {@code keep} of them are kept for printing,
 * so a file with a million bad rows cannot exhaust memory.
 */
public final class Problems {

    public static final int DEFAULT_KEEP = 10_000;

    private final int keep;
    private final List<Problem> kept = new ArrayList<>();
    private long errors;
    private long warnings;

    public Problems() {
        this(DEFAULT_KEEP);
    }

    public Problems(int keep) {
        this.keep = keep;
    }

    public void add(Problem p) {
        if (p.isError()) {
            errors++;
        } else {
            warnings++;
        }
        if (kept.size() < keep) {
            kept.add(p);
        }
    }

    public void error(String file, long line, String field, String message) {
        add(Problem.error(file, line, field, message));
    }

    public void warning(String file, long line, String field, String message) {
        add(Problem.warning(file, line, field, message));
    }

    public boolean hasErrors() {
        return errors > 0;
    }

    public long errorCount() {
        return errors;
    }

    public long warningCount() {
        return warnings;
    }

    public long total() {
        return errors + warnings;
    }

    /** The kept problems, in the order found. */
    public List<Problem> kept() {
        return Collections.unmodifiableList(kept);
    }
}
