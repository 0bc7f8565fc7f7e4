package org.cgtbulletin.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import org.cgtbulletin.model.Progress;

/**
 * Shows a run's stages as it goes, once it has lasted a second (a quick build prints only its summary): on a
 * terminal, one line redrawn in place with a bar, the stage and its parts, and the seconds so far; otherwise (a log,
 * a pipe) plain lines, one per stage and at most one a second within a stage. Everything goes to standard error, so
 * standard output keeps only the summary.
 */
final class ProgressDisplay implements Progress, AutoCloseable {

    private static final long QUIET_NANOS = 1_000_000_000L;
    private static final int BAR = 24;

    private final PrintStream err;
    private final boolean terminal;
    private final List<String> stages;
    private final LongSupplier nanos;
    private final long start;
    private final ScheduledExecutorService ticker;

    private String stage;
    private int index;
    private int done;
    private int total;
    private boolean shown;
    private boolean stageLinePrinted;
    private long lastLine;
    private int doneShown;

    /** @param stages the run's stages in order, for the bar (a run may skip some) */
    ProgressDisplay(PrintStream err, boolean terminal, List<String> stages) {
        this(err, terminal, stages, System::nanoTime, true);
    }

    /** @param ticking whether a timer redraws between reports (tests report by hand, with their own clock) */
    ProgressDisplay(PrintStream err, boolean terminal, List<String> stages, LongSupplier nanos, boolean ticking) {
        this.err = err;
        this.terminal = terminal;
        this.stages = stages;
        this.nanos = nanos;
        this.start = nanos.getAsLong();
        if (ticking) {
            this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "progress");
                t.setDaemon(true);
                return t;
            });
            ticker.scheduleAtFixedRate(this::tick, 100, terminal ? 100 : 250, TimeUnit.MILLISECONDS);
        } else {
            this.ticker = null;
        }
    }

    @Override
    public synchronized void stage(String name) {
        stage = name;
        index = stages.indexOf(name) + 1;
        done = 0;
        total = 0;
        stageLinePrinted = false;
        doneShown = 0;
        tick();
    }

    @Override
    public synchronized void step(int done, int total) {
        this.done = done;
        this.total = total;
        tick();
    }

    synchronized void tick() {
        long now = nanos.getAsLong();
        if (stage == null || now - start < QUIET_NANOS) {
            return;
        }
        shown = true;
        double seconds = (now - start) / 1e9;
        String parts = total > 0 ? String.format(Locale.ROOT, " %d/%d", done, total) : "";
        if (terminal) {
            int filled = (int) Math.round(BAR * Math.max(0, index - 1 + (total > 0 ? (double) done / total : 0))
                    / stages.size());
            err.printf(Locale.ROOT, "\r[%s%s] %d/%d %s%s  %.1f s\033[K", "#".repeat(filled),
                    ".".repeat(BAR - filled), index, stages.size(), stage, parts, seconds);
            err.flush();
        } else if (!stageLinePrinted || (total > 0 && done != doneShown && now - lastLine >= QUIET_NANOS)) {
            err.printf(Locale.ROOT, "[%d/%d] %s%s (%.1f s)%n", index, stages.size(), stage, parts, seconds);
            stageLinePrinted = true;
            lastLine = now;
            doneShown = done;
        }
    }

    /** Stops the display; on a terminal, clears its line so that the summary follows on a clean line. */
    @Override
    public void close() {
        if (ticker != null) {
            ticker.shutdownNow();
        }
        synchronized (this) {
            if (shown && terminal) {
                err.print("\r\033[K");
                err.flush();
            }
            stage = null;
        }
    }
}
