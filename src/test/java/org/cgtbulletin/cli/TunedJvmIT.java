package org.cgtbulletin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar run as users run it, {@code java -jar target/bulletin.jar ...} (after {@code package}, by
 * failsafe): the work moves to a tuned JVM, exit statuses and streams pass through, the user's JVM options are
 * honoured, and stopping or killing the first process stops the second.
 */
class TunedJvmIT {

    private static final Path JAR = Path.of("target", "bulletin.jar");
    private static final Path GOLDEN = Path.of("src", "test", "resources", "golden", "input");
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    private record Ran(int status, String out, String err) {
    }

    private static ProcessBuilder java(Path dir, List<String> jvmOptions, String... args) {
        List<String> command = new ArrayList<>(List.of(JAVA));
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(JAR.toString());
        command.addAll(List.of(args));
        ProcessBuilder b = new ProcessBuilder(command).redirectOutput(dir.resolve("out.txt").toFile())
                .redirectError(dir.resolve("err.txt").toFile());
        // Options from the environment would be the user's choice, honoured by staying in the first JVM.
        b.environment().keySet().removeAll(TunedJvm.OPTION_VARIABLES);
        return b;
    }

    private static Ran run(Path dir, List<String> jvmOptions, String... args) throws Exception {
        Process p = java(dir, jvmOptions, args).start();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "the bulletin did not finish");
        return new Ran(p.exitValue(), Files.readString(dir.resolve("out.txt")), Files.readString(dir.resolve(
                "err.txt")));
    }

    private static String[] build(Path dir, String command, String... more) {
        List<String> args = new ArrayList<>(List.of(command, "--content", GOLDEN.toString(), "--reports",
                GOLDEN.resolve("data/reports.csv").toString(), "--output", dir.resolve("site").toString(), "--audit",
                dir.resolve("audit").toString()));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    @Test
    void aPlainRunBuildsInATunedJvmAndAnOptionOfTheUsersOwnKeepsTheJvmAsStarted(@TempDir Path dir) throws Exception {
        Ran tuned = run(dir, List.of(), build(dir, "build", "--verbose"));
        assertEquals(0, tuned.status(), tuned.err());
        assertTrue(tuned.out().startsWith("Built "), tuned.out());
        // A small reports file: a short run, compiled by the quick compiler only; room for the old generation where
        // the default heap limit allows it. This JVM's limit is the default one unless options came through the
        // environment (which the bulletin's JVMs above do not get): then either form is right.
        boolean defaultHeap = TunedJvm.OPTION_VARIABLES.stream().allMatch(v -> System.getenv(v) == null);
        boolean room = Runtime.getRuntime().maxMemory() >= TunedJvm.ROOM_HEAP_LIMIT;
        String start = "started by the bulletin with -XX:+UseParallelGC -Xmn120m -XX:-UseAdaptiveSizePolicy"
                + " -XX:MaxTenuringThreshold=0";
        String withRoom = start + " -Xms900m -XX:MetaspaceSize=128m -XX:TieredStopAtLevel=1";
        String withoutRoom = start + " -XX:TieredStopAtLevel=1";
        assertTrue(tuned.out().contains("parallel garbage collector") && (defaultHeap
                ? tuned.out().contains(room ? withRoom : withoutRoom)
                : tuned.out().contains(withRoom) || tuned.out().contains(withoutRoom)), tuned.out());
        assertTrue(Files.isRegularFile(dir.resolve("site/data/cells.csv")));
        // No transparent huge pages (TunedJvm says why), and no JVM warning.
        assertFalse(tuned.out().contains("HugePages"), tuned.out());
        assertFalse(tuned.err().contains("warning"), tuned.err());

        Ran asStarted = run(dir, List.of("-Xmx512m", "-XX:+UseG1GC"), build(dir, "build", "--verbose"));
        assertEquals(0, asStarted.status(), asStarted.err());
        assertTrue(asStarted.out().contains("G1 garbage collector, heap limit 512 MB, as started, JVM options:"
                + " -Xmx512m -XX:+UseG1GC"), asStarted.out());
    }

    @Test
    void aReportsFileTheCsvReaderCannotReadPastStopsTheTunedBuildAtThatLine(@TempDir Path dir) throws Exception {
        // A bad header, a row whose quoted field has text after its closing quote (the reader hands it to Commons
        // CSV, which stops there), then 32 MB of nothing (a sparse file) that is never read.
        Path reports = dir.resolve("reports.csv");
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(reports.toFile(), "rw")) {
            f.write("not,a,header\n\"x\"y\n".getBytes(StandardCharsets.US_ASCII));
            f.setLength(32L << 20);
        }
        Ran bad = run(dir, List.of(), "build", "--content", GOLDEN.toString(), "--reports", reports.toString(),
                "--output", dir.resolve("site").toString(), "--audit", dir.resolve("audit").toString());
        assertEquals(1, bad.status(), bad.err());
        assertTrue(bad.err().contains("missing required column 'report_id' in the header"), bad.err());
        assertTrue(bad.err().contains(reports + ":2: quote:"), bad.err());
        assertTrue(bad.err().contains("text follows its closing quote on line 2"), bad.err());
        assertEquals("", bad.out());
        assertFalse(Files.exists(dir.resolve("site")));
    }

    @Test
    void exitStatusesAndMessagesPassThrough(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("missing.csv");
        Ran bad = run(dir, List.of(), "validate", "--reports", missing.toString());
        assertEquals(1, bad.status(), bad.err());
        assertTrue(bad.err().contains(missing + ":0: file: the reports file does not exist"), bad.err());

        Ran usage = run(dir, List.of(), "build", "--no-such-option");
        assertEquals(2, usage.status(), usage.err());
        assertTrue(usage.err().contains("--no-such-option"), usage.err());

        Ran version = run(dir, List.of(), "--version");
        assertEquals(0, version.status(), version.err());
        assertEquals("bulletin 0.1.0", version.out().strip());
    }

    @Test
    void killingTheFirstProcessStopsThePreviewServer(@TempDir Path dir) throws Exception {
        withPreview(dir, (launcher, work) -> {
            launcher.destroyForcibly();
            assertTrue(launcher.waitFor(30, TimeUnit.SECONDS));
            // The second JVM polls for its launcher: it notices within seconds and stops.
            work.onExit().get(60, TimeUnit.SECONDS);
            assertFalse(work.isAlive());
            assertTrue(Files.readString(dir.resolve("err.txt")).contains("has ended; stopping"));
        });
    }

    @Test
    void stoppingTheFirstProcessStopsTheSecondFirst(@TempDir Path dir) throws Exception {
        withPreview(dir, (launcher, work) -> {
            launcher.destroy(); // TERM, as a service manager or Ctrl-C would
            assertTrue(launcher.waitFor(60, TimeUnit.SECONDS));
            // The first process waits for the second before it ends.
            assertFalse(work.isAlive());
        });
    }

    private interface PreviewCheck {
        void check(Process launcher, ProcessHandle work) throws Exception;
    }

    /**
     * Starts {@code serve} from the jar, waits until it serves, runs {@code check} on the first process and the
     * second, and leaves no process behind whatever the outcome (an orphaned second JVM is no longer a descendant).
     */
    private static void withPreview(Path dir, PreviewCheck check) throws Exception {
        Process launcher = java(dir, List.of(), build(dir, "serve", "--port", "0")).start();
        ProcessHandle work = null;
        try {
            work = serving(launcher, dir);
            check.check(launcher, work);
        } finally {
            launcher.descendants().forEach(ProcessHandle::destroyForcibly);
            launcher.destroyForcibly();
            if (work != null) {
                work.destroyForcibly();
            }
        }
    }

    /** Waits until the preview serves; returns the JVM doing the work, the launcher's one child. */
    private static ProcessHandle serving(Process launcher, Path dir) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (!new String(Files.readAllBytes(dir.resolve("out.txt")), StandardCharsets.UTF_8).contains("Serving ")) {
            assertTrue(launcher.isAlive(), () -> "the preview stopped: " + read(dir.resolve("err.txt")));
            assertTrue(System.nanoTime() < deadline, "the preview did not start");
            Thread.sleep(100);
        }
        List<ProcessHandle> children = launcher.children().toList();
        assertEquals(1, children.size(), children.toString());
        return children.get(0);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
