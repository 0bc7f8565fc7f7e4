package org.cgtbulletin.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Independent work at the same time. {@link #start}: one piece of work on a thread of its own while the caller goes
 * on with another (the Markdown is read while the reports are). {@link #run} and {@link #map}: many tasks on every
 * core, each thread taking the next task in order as soon as it is free. Unlike a parallel stream, which splits the
 * work into a few large pieces up front, no core idles at the end while another still has a piece of thousands of
 * tasks to finish (at 10,000 pages, the last half second of the site stage ran on one core of two). The order tasks
 * finish in never shows: each task writes only its own result or its own file. ({@link IdleCore}: work worth doing
 * only on a core that would otherwise idle.)
 */
public final class Parallel {

    /** One task, by its index. */
    public interface Task {
        void run(int index) throws Exception;
    }

    /** One result, by its item. */
    public interface Work<T, R> {
        R apply(T item) throws Exception;
    }

    private Parallel() {
    }

    /**
     * Runs {@code task} for every index below {@code count}, on up to as many threads as there are cores (the
     * caller's one of them), and returns when all have run. Returns each index's exception or error (null where
     * the task completed), so the caller reports the first in task order, whichever thread met it first.
     */
    public static Throwable[] run(int count, Task task) {
        Throwable[] failures = new Throwable[count];
        AtomicInteger next = new AtomicInteger();
        Runnable worker = () -> {
            for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                try {
                    task.run(i);
                } catch (Exception | Error e) {
                    failures[i] = e;
                }
            }
        };
        int threads = Math.min(count, Runtime.getRuntime().availableProcessors());
        List<Thread> helpers = new ArrayList<>();
        for (int t = 1; t < threads; t++) {
            Thread helper = new Thread(worker, "parallel-" + t);
            helper.setDaemon(true);
            helper.start();
            helpers.add(helper);
        }
        worker.run();
        if (joinAll(helpers)) {
            Thread.currentThread().interrupt();
        }
        return failures;
    }

    /**
     * Waits until every one of {@code threads} has ended, even if this thread is interrupted meanwhile (they finish
     * their tasks); returns whether it was, so that the caller can keep the interrupt.
     */
    public static boolean joinAll(List<Thread> threads) {
        boolean interrupted = false;
        for (Thread t : threads) {
            while (true) {
                try {
                    t.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        return interrupted;
    }

    /**
     * {@code work} applied to every item, results in the items' order. The first failure in item order is
     * thrown: an {@link Exception} as it is (checked ones unchecked by {@link Failure}), an {@link Error} as it is.
     */
    public static <T, R> List<R> map(List<T> items, Work<T, R> work) {
        Object[] results = new Object[items.size()];
        Throwable[] failures = run(items.size(), i -> results[i] = work.apply(items.get(i)));
        for (Throwable f : failures) {
            if (f instanceof RuntimeException r) {
                throw r;
            } else if (f instanceof Error e) {
                throw e;
            } else if (f != null) {
                throw new Failure((Exception) f);
            }
        }
        @SuppressWarnings("unchecked")
        List<R> list = (List<R>) Arrays.asList(results);
        return list;
    }

    /**
     * Starts {@code work} on a thread of its own and returns at once; {@link Pending#join} waits for its result. The
     * thread is a daemon: work whose result is never asked for (the caller met an error) does not keep the program
     * alive.
     */
    public static <R> Pending<R> start(Callable<R> work) {
        Pending<R> pending = new Pending<>(new FutureTask<>(work));
        Thread thread = new Thread(pending.task, "parallel-start");
        thread.setDaemon(true);
        thread.start();
        return pending;
    }

    /** A result already at hand, as {@link #start} would give it once its work ended. */
    public static <R> Pending<R> done(R result) {
        FutureTask<R> task = new FutureTask<>(() -> result);
        task.run();
        return new Pending<>(task);
    }

    /** Work started by {@link #start}. */
    public static final class Pending<R> {
        private final FutureTask<R> task;

        private Pending(FutureTask<R> task) {
            this.task = task;
        }

        /**
         * The result, once the work is done; what the work threw is thrown here: an unchecked exception or an
         * error as it is, a checked exception in a {@link Failure}.
         */
        public R join() {
            boolean interrupted = false;
            try {
                while (true) {
                    try {
                        return task.get();
                    } catch (InterruptedException e) {
                        interrupted = true; // the work finishes regardless; the interrupt is kept for the caller
                    } catch (ExecutionException e) {
                        Throwable cause = e.getCause();
                        if (cause instanceof RuntimeException r) {
                            throw r;
                        } else if (cause instanceof Error err) {
                            throw err;
                        }
                        throw new Failure((Exception) cause);
                    }
                }
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /** A checked exception of a task, carried out of {@link #map} or {@link Pending#join}: {@link #getCause()}. */
    public static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Failure(Exception cause) {
            super(cause.getMessage(), cause);
        }

        @Override
        public synchronized Exception getCause() {
            return (Exception) super.getCause();
        }
    }
}
