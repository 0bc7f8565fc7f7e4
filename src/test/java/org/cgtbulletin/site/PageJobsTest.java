package org.cgtbulletin.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

import org.junit.jupiter.api.Test;

/** The page jobs: each runs once, failures come back in scheduling order, and a cancel stops them all. */
class PageJobsTest {

    @Test
    void everyJobRunsOnceAndFailuresComeInSchedulingOrder() {
        PageJobs jobs = new PageJobs();
        AtomicIntegerArray runs = new AtomicIntegerArray(500);
        for (int i = 0; i < 500; i++) {
            int k = i;
            Pages.Job job = () -> {
                runs.incrementAndGet(k);
                if (k == 20 || k == 350) {
                    throw new IOException("job " + k);
                }
                if (k == 499) {
                    throw new IllegalStateException("job " + k);
                }
            };
            if (k == 350) {
                jobs.addFirst(job); // run before the others left, still reported in scheduling order
            } else {
                jobs.add(job);
            }
        }
        List<Throwable> failures = jobs.finish();
        for (int i = 0; i < 500; i++) {
            assertEquals(1, runs.get(i), "job " + i);
        }
        assertEquals(List.of("job 20", "job 350", "job 499"), failures.stream().map(Throwable::getMessage).toList());
    }

    @Test
    void afterACancelNoJobBeginsAndNoneIsStillRunning() throws InterruptedException {
        PageJobs jobs = new PageJobs();
        AtomicInteger done = new AtomicInteger();
        for (int i = 0; i < 1000; i++) {
            jobs.add(() -> {
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                done.incrementAndGet();
            });
        }
        jobs.cancel();
        int atCancel = done.get();
        Thread.sleep(50);
        assertEquals(atCancel, done.get(), "no job ran after cancel returned");
        assertTrue(atCancel < 1000, atCancel + " jobs ran");
    }
}
