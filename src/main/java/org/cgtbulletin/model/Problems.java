package org.cgtbulletin.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

/**
 * Collects every problem of a run. All are counted; the first {@code keep} of them are kept for printing,
 * so a file with a million bad rows cannot exhaust memory.
 */
public final class Problems {

    /** About 300 MB of problems at most: every problem of any realistic file is listed. */
    public static final int DEFAULT_KEEP = 1_000_000;

    private final int keep;
    private final List<Problem> kept = new ArrayList<>();
    /** Where problems are handed on as they are found, instead of being kept here; null when kept. */
    private final Consumer<Problem> handOn;
    private long errors;
    private long warnings;

    public Problems() {
        this(DEFAULT_KEEP);
    }

    public Problems(int keep) {
        this.keep = keep;
        this.handOn = null;
    }

    private Problems(Consumer<Problem> handOn) {
        this.keep = 0;
        this.handOn = handOn;
    }

    /**
     * Problems that are counted and handed to {@code to} as they are found, none kept: for a stage running on a
     * thread of its own whose problems are added, in order, to the run's own {@code Problems} by another.
     */
    public static Problems handedTo(Consumer<Problem> to) {
        return new Problems(to);
    }

    public void add(Problem p) {
        if (p.isError()) {
            errors++;
        } else {
            warnings++;
        }
        if (handOn != null) {
            handOn.accept(p);
        } else if (kept.size() < keep) {
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
