package org.cgtbulletin.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Work worth doing only on a core that would otherwise idle, such as running code once so that it is compiled
 * before a later stage needs it: at normal priority it would slow the work it runs beside about as much as it
 * speeds up what comes later. {@link #start} runs it on a daemon thread that Linux schedules under its {@code
 * SCHED_IDLE} policy (which any user may give a thread of their own; set with util-linux's {@code chrt}, and read
 * back from {@code /proc} before the work starts): such a thread gets a core only when no other thread of normal
 * policy wants it, bar a sliver (the kernel's minimum share). Where the policy cannot be set (another system, no
 * {@code chrt}), the work is not done at all. What the work throws is dropped: its only effect must be on timing.
 *
 * <p>A thread so scheduled may wait for a core for as long as the others are busy, and whatever lock it holds
 * meanwhile (a class being initialised, a monitor) stops the threads that need it: so the work should take no lock
 * the build's own threads take while it may still run, and {@link #finish} is called once the stage it was meant to
 * run beside is over, before the stage that needs the same classes.
 */
public final class IdleCore {

    /** Where util-linux's {@code chrt} is on Debian and most other systems (not looked up on the path). */
    static final List<Path> CHRT = List.of(Path.of("/usr/bin/chrt"), Path.of("/bin/chrt"));
    /** The scheduling policy numbers of Linux (field 41 of a thread's stat line). */
    static final String SCHED_OTHER = "0";
    static final String SCHED_IDLE = "5";

    /** The thread's id once it runs under the idle policy; null before, and after the work ended. */
    private volatile String thread;
    /** Counted down when the thread ends, whether it did the work or not. */
    private final java.util.concurrent.CountDownLatch ended = new java.util.concurrent.CountDownLatch(1);

    private IdleCore() {
    }

    /**
     * Starts {@code work} on a core that would otherwise idle, as the class says.
     *
     * @return a handle, to {@link #finish} the work
     */
    public static IdleCore start(Runnable work) {
        IdleCore idle = new IdleCore();
        Thread t = new Thread(() -> {
            try {
                Optional<String> self = scheduledWhenIdle(CHRT);
                if (self.isPresent()) {
                    idle.thread = self.get();
                    work.run();
                }
            } catch (RuntimeException | Error dropped) {
                // only timing was at stake: what the work was preparing for does its own work anyway
            } finally {
                idle.thread = null;
                idle.ended.countDown();
            }
        }, "idle-core");
        t.setDaemon(true);
        t.start();
        return idle;
    }

    /**
     * Once the stage the work was meant to run beside is over: if it still runs, gives it the normal scheduling
     * policy where the system lets this user (root, or a user allowed to raise priorities: Linux lets no one else
     * leave the idle policy), and waits for it to end, at most {@code waitMillis}. Usually it ended long before
     * and nothing is waited for; if not, this thread's waiting frees a core for it, so that it finishes rather
     * than keep a lock the next stage needs. Past the wait (the machine busy with other work), the build goes on.
     *
     * @param waitMillis the longest wait, in milliseconds
     * @return whether the work has ended
     */
    public boolean finish(long waitMillis) {
        String t = thread;
        if (t != null) {
            schedule(CHRT, "--other", t);
        }
        try {
            return ended.await(waitMillis, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ended.getCount() == 0;
        }
    }

    /**
     * Gives the calling thread the idle policy with the first {@code chrt} of {@code programs} found, and reads it
     * back; the thread's id when that worked. On Linux a thread's own id names it to the scheduler, and {@code
     * /proc/thread-self} links to {@code <pid>/task/<thread id>}.
     */
    static Optional<String> scheduledWhenIdle(List<Path> programs) {
        try {
            String self = Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString();
            return schedule(programs, "--idle", self) && SCHED_IDLE.equals(policyOfThisThread())
                    ? Optional.of(self) : Optional.empty();
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return Optional.empty(); // not Linux
        }
    }

    /** Runs {@code chrt POLICY --pid 0 THREAD}; whether it succeeded. */
    private static boolean schedule(List<Path> programs, String policy, String thread) {
        Optional<Path> chrt = programs.stream().filter(Files::isExecutable).findFirst();
        if (chrt.isEmpty()) {
            return false;
        }
        try {
            Process p = new ProcessBuilder(chrt.get().toString(), policy, "--pid", "0", thread)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor() == 0;
        } catch (IOException | SecurityException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The scheduling policy of the calling thread: field 41 of its stat line, counted after its name. */
    static String policyOfThisThread() throws IOException {
        String stat = Files.readString(Path.of("/proc/thread-self/stat"));
        return stat.substring(stat.lastIndexOf(')') + 2).split(" ")[41 - 3];
    }
}
