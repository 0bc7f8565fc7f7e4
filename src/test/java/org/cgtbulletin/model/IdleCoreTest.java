package org.cgtbulletin.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

/** Work on an idle core runs under Linux's idle policy, or not at all; hurried, under the normal one. */
class IdleCoreTest {

    /** Whether this machine can give a thread the idle policy (Linux with util-linux's chrt where looked for). */
    private static boolean idlePolicyHere() throws Exception {
        CompletableFuture<Optional<String>> done = new CompletableFuture<>();
        Thread t = new Thread(() -> done.complete(IdleCore.scheduledWhenIdle(IdleCore.CHRT)));
        t.start();
        return done.get(30, TimeUnit.SECONDS).isPresent();
    }

    @Test
    void theWorkRunsUnderTheIdlePolicyAndHurriedUnderTheNormalOne() throws Exception {
        Assumptions.assumeTrue(Files.exists(Path.of("/proc/thread-self")) && idlePolicyHere(),
                "Linux, with util-linux's chrt");
        CompletableFuture<String> before = new CompletableFuture<>();
        CompletableFuture<String> after = new CompletableFuture<>();
        CountDownLatch hurried = new CountDownLatch(1);
        IdleCore work = IdleCore.start(() -> {
            try {
                before.complete(IdleCore.policyOfThisThread());
                assertTrue(hurried.await(30, TimeUnit.SECONDS));
                after.complete(IdleCore.policyOfThisThread());
            } catch (Exception e) {
                before.completeExceptionally(e);
                after.completeExceptionally(e);
            }
        });
        assertEquals(IdleCore.SCHED_IDLE, before.get(30, TimeUnit.SECONDS));
        work.hurry();
        hurried.countDown();
        assertEquals(IdleCore.SCHED_OTHER, after.get(30, TimeUnit.SECONDS));
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
