package org.cgtbulletin.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Work on an idle core runs under Linux's idle policy, or not at all; finished, under the normal one where the user
 * may raise priorities, and waited for at most as long as asked.
 */
class IdleCoreTest {

    /** Whether this machine can give a thread the idle policy (Linux with util-linux's chrt where looked for). */
    private static boolean idlePolicyHere() throws Exception {
        CompletableFuture<Optional<String>> done = new CompletableFuture<>();
        Thread t = new Thread(() -> done.complete(IdleCore.scheduledWhenIdle(IdleCore.CHRT)));
        t.start();
        return done.get(30, TimeUnit.SECONDS).isPresent();
    }

    @Test
    void theWorkRunsUnderTheIdlePolicyAndOnceFinishedUnderTheNormalOneWherePermitted() throws Exception {
        Assumptions.assumeTrue(Files.exists(Path.of("/proc/thread-self")) && idlePolicyHere(),
                "Linux, with util-linux's chrt");
        CompletableFuture<String> before = new CompletableFuture<>();
        CompletableFuture<String> after = new CompletableFuture<>();
        CountDownLatch release = new CountDownLatch(1);
        IdleCore work = IdleCore.start(() -> {
            try {
                before.complete(IdleCore.policyOfThisThread());
                assertTrue(release.await(30, TimeUnit.SECONDS));
                after.complete(IdleCore.policyOfThisThread());
            } catch (Exception e) {
                before.completeExceptionally(e);
                after.completeExceptionally(e);
            }
        });
        assertEquals(IdleCore.SCHED_IDLE, before.get(30, TimeUnit.SECONDS));
        assertFalse(work.finish(50), "still running: the wait ends");
        release.countDown();
        // Linux lets only a privileged user leave the idle policy
        assertEquals(privileged() ? IdleCore.SCHED_OTHER : IdleCore.SCHED_IDLE, after.get(30, TimeUnit.SECONDS));
        assertTrue(work.finish(30_000), "ended");
    }

    /**
     * Whether this process may take a thread out of the idle policy: with CAP_SYS_NICE (bit 23 of CapEff; root has
     * it), or a nice limit that allows nice 0 (RLIMIT_NICE of 20 or more).
     */
    private static boolean privileged() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("CapEff:")
                    && (Long.parseUnsignedLong(line.substring(7).trim(), 16) & (1L << 23)) != 0) {
                return true;
            }
        }
        for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
            if (line.startsWith("Max nice priority")) {
                String soft = line.substring("Max nice priority".length()).trim().split("\\s+")[0];
                return soft.equals("unlimited") || Long.parseLong(soft) >= 20;
            }
        }
        return false;
    }

    @Test
    void finishingWorkThatWasNotDoneWaitsForNothing() throws Exception {
        // the work ends (or is skipped where the policy cannot be had) and finish reports it
        IdleCore work = IdleCore.start(() -> { });
        assertTrue(work.finish(30_000));
    }

    @Test
    void withoutTheSchedulingProgramTheWorkIsNotDone() throws Exception {
        List<Path> none = List.of(Path.of("/no/such/chrt"));
        CompletableFuture<Optional<String>> result = new CompletableFuture<>();
        new Thread(() -> result.complete(IdleCore.scheduledWhenIdle(none))).start();
        assertEquals(Optional.empty(), result.get(30, TimeUnit.SECONDS));
    }

    @Test
    void whatTheWorkThrowsStaysOnItsThread() throws Exception {
        Assumptions.assumeTrue(Files.exists(Path.of("/proc/thread-self")) && idlePolicyHere(),
                "Linux, with util-linux's chrt");
        CompletableFuture<Boolean> ran = new CompletableFuture<>();
        java.util.concurrent.atomic.AtomicReference<Throwable> escaped =
                new java.util.concurrent.atomic.AtomicReference<>();
        Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> escaped.set(e));
        try {
            IdleCore.start(() -> {
                ran.complete(true);
                throw new IllegalStateException("dropped");
            });
            assertTrue(ran.get(30, TimeUnit.SECONDS));
            for (Thread t : Thread.getAllStackTraces().keySet()) {
                if (t.getName().equals("idle-core")) {
                    t.join(30_000);
                }
            }
            assertEquals(null, escaped.get());
        } finally {
            Thread.setDefaultUncaughtExceptionHandler(previous);
        }
    }
}
