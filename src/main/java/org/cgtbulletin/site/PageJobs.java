package org.cgtbulletin.site;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.cgtbulletin.model.Parallel;

/**
 * The files of a site, each written by a job that begins as soon as it is scheduled: helper threads (one fewer than
 * the cores) take the jobs while the main thread is still making the other pages' models, and the main thread joins
 * them once it has scheduled the last ({@link #finish}). At 10,000 lessons the models took the main thread 0.2-0.3 s
 * with the other core idle; the charts are drawn meanwhile now. Each job writes files of its own from a model made
 * before it was scheduled, so the order in which jobs run cannot change a byte, and a failure is reported in
 * scheduling order.
 */
final class PageJobs {

    private final List<Pages.Job> jobs = new ArrayList<>();
    private final Deque<Integer> pending = new ArrayDeque<>();
    private final Map<Integer, Throwable> failures = new TreeMap<>();
    private final List<Thread> helpers = new ArrayList<>();
    private boolean closed;

    PageJobs() {
        int count = Runtime.getRuntime().availableProcessors() - 1;
        for (int t = 1; t <= count; t++) {
            Thread helper = new Thread(this::work, "pages-" + t);
            helper.setDaemon(true);
            helper.start();
            helpers.add(helper);
        }
    }

    /** Schedules a job after those already scheduled. */
    synchronized void add(Pages.Job job) {
        jobs.add(job);
        pending.addLast(jobs.size() - 1);
        notify();
    }

    /** Schedules a job before those not yet begun (a long one, so that it does not end the run alone). */
    synchronized void addFirst(Pages.Job job) {
        jobs.add(job);
        pending.addFirst(jobs.size() - 1);
        notify();
    }

    /** The next job to run, or -1 once none is left and none will come. */
    private synchronized int take() {
        while (pending.isEmpty() && !closed) {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1; // the main thread runs what is left
            }
        }
        return pending.isEmpty() ? -1 : pending.pollFirst();
    }

    private Pages.Job job(int i) {
        synchronized (this) {
            return jobs.get(i);
        }
    }

    private void work() {
        for (int i = take(); i >= 0; i = take()) {
            try {
                job(i).run();
            } catch (Exception | Error e) {
                synchronized (this) {
                    failures.put(i, e);
                }
            }
        }
    }

    /**
     * Runs the jobs left on this thread too and waits until every job has ended; returns what stopped any, in the
     * order the jobs were scheduled.
     */
    List<Throwable> finish() {
        synchronized (this) {
            closed = true;
            notifyAll();
        }
        boolean interrupted = Thread.interrupted();
        work();
        interrupted |= Parallel.joinAll(helpers);
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            return new ArrayList<>(failures.values());
        }
    }

    /** After the scheduling itself failed: no job begins any more, and those running are waited for. */
    void cancel() {
        synchronized (this) {
            closed = true;
            pending.clear();
            notifyAll();
        }
        if (Parallel.joinAll(helpers)) {
            Thread.currentThread().interrupt();
        }
    }
}
