package org.cgtbulletin.protect;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;

/**
 * Speculative work for a sequential loop over keys (cells, in ascending order): the loop offers the work of the
 * next few keys it may reach, spare cores start it, and the loop takes a key's result when it gets there, or runs
 * the work itself if no core has started it yet. Work for a key the loop skips is dropped unseen. The work must
 * not touch the loop's state (it may only read what stays fixed), so what the loop does, and therefore the result,
 * is exactly that of the sequential loop whatever the number of cores or the timing: the spare cores only save
 * time. With one core nothing runs ahead.
 *
 * @param <T> the result of one key's work
 */
final class Lookahead<T> implements AutoCloseable {

    /** Keys offered ahead of the loop at most. */
    private final int window;
    private final ExecutorService workers;
    private final TreeMap<Integer, FutureTask<T>> offered = new TreeMap<>();

    /** A look-ahead on the spare cores of this machine. */
    Lookahead() {
        this(Runtime.getRuntime().availableProcessors() - 1);
    }

    /** A look-ahead on {@code spare} worker threads (0: none, the loop does all the work itself). */
    Lookahead(int spare) {
        int threads = Math.max(0, Math.min(spare, 8));
        window = 2 * threads;
        workers = threads == 0 ? null : Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "audit-lookahead");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Runs {@code side} on a spare core, if there is one, while the caller runs {@code main} (else the caller runs
     * both, {@code main} first); returns when both are done. Failures of either reach the caller. The two must not
     * touch each other's state.
     */
    static void sideBySide(Runnable main, Runnable side) {
        Callable<Boolean> work = () -> {
            side.run();
            return true;
        };
        try (Lookahead<Boolean> beside = new Lookahead<>()) {
            beside.offer(0, work);
            main.run();
            beside.take(0, work);
        }
    }

    /** Whether offering work can help (there is a spare core). */
    boolean ahead() {
        return workers != null;
    }

    /** How many more keys may be offered now. */
    int room() {
        return window - offered.size();
    }

    /** Whether work for {@code key} is already offered. */
    boolean offered(int key) {
        return offered.containsKey(key);
    }

    /** Starts {@code work} for {@code key} on a spare core, unless there is none or it is already offered. */
    void offer(int key, Callable<T> work) {
        if (workers == null || offered.containsKey(key)) {
            return;
        }
        FutureTask<T> task = new FutureTask<>(work);
        offered.put(key, task);
        workers.execute(task);
    }

    /** The result of the work for {@code key}: offered earlier (run here if not started yet), or {@code work}. */
    T take(int key, Callable<T> work) {
        FutureTask<T> task = offered.remove(key);
        if (task == null) {
            task = new FutureTask<>(work);
        }
        task.run(); // no-op when a worker has started it
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Drops the work offered for keys below {@code key} (the loop has passed them). */
    void passed(int key) {
        Map<Integer, FutureTask<T>> head = offered.headMap(key);
        head.values().forEach(t -> t.cancel(false));
        head.clear();
    }

    @Override
    public void close() {
        offered.values().forEach(t -> t.cancel(false));
        offered.clear();
        if (workers != null) {
            workers.shutdownNow();
        }
    }
}
