package org.cgtbulletin.cli;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Runs a data command in a second JVM started with options chosen for this batch job, when the bulletin was started
 * as a plain {@code java -jar bulletin.jar COMMAND ...} with no JVM option of the user's own.
 *
 * <p>The option is the serial garbage collector. On a machine with two or more cores and 2 GB or more, a JVM picks G1,
 * which suits servers with a small pause budget, not a batch job: it grows the heap far beyond what the job keeps
 * (a build of a million reports keeps about 300 MB, and G1 took 2.4 GB of memory on a 23 GB machine, where the
 * issue's budget is 1.5 GB) and its concurrent work and page faults cost CPU. The serial collector keeps the heap near
 * what is live and made the same build about a quarter faster (README, Performance). The option cannot be set from
 * inside a running JVM nor in a jar's manifest, hence the second JVM.
 *
 * <p>Any JVM option given by the user ({@code java -Xmx4g -jar ...}, or through {@code JDK_JAVA_OPTIONS} or
 * {@code JAVA_TOOL_OPTIONS}) is a choice that is honoured: the work then runs in the JVM as started. Help, version
 * and usage errors always run in the first JVM, and so does everything when the second cannot be started. The second
 * JVM shares the first one's standard streams and working folder, and its exit status is the first one's; if the
 * first is stopped, it stops the second, and if the first disappears (killed outright), the second notices and stops.
 */
final class TunedJvm {

    /** The JVM options the work runs with. */
    static final List<String> OPTIONS = List.of("-XX:+UseSerialGC");

    /** The system property that tells the second JVM the process id of the first. */
    static final String LAUNCHER = "bulletin.launcher";

    /** The commands that read data, for which the second JVM is worth its start (about a tenth of a second). */
    private static final Set<String> DATA_COMMANDS = Set.of("build", "validate", "digest", "sample", "serve");
    private static final Set<String> QUICK_OPTIONS = Set.of("-h", "--help", "-V", "--version");

    private TunedJvm() {
    }

    /**
     * How this JVM was started.
     *
     * @param jvmOptions the options given to the JVM itself, from every source
     * @param classPath its class path
     * @param command what it was told to run: the jar and the arguments, after {@code -jar}
     * @param java the {@code java} program of its Java installation, if there is one
     */
    record Start(List<String> jvmOptions, String classPath, String command, Optional<String> java) {

        static Start current() {
            Path java = Path.of(System.getProperty("java.home", ""), "bin", "java");
            return new Start(ManagementFactory.getRuntimeMXBean().getInputArguments(),
                    System.getProperty("java.class.path", ""), System.getProperty("sun.java.command", ""),
                    Files.isExecutable(java) ? Optional.of(java.toString()) : Optional.empty());
        }
    }

    /**
     * The command that runs {@code args} in a tuned JVM, or empty when they should run in this one: when the user
     * gave JVM options, when this JVM was not started with {@code -jar}, or when {@code args} ask for no data work.
     */
    static Optional<List<String>> command(Start start, List<String> args, long pid) {
        boolean dataCommand = !args.isEmpty() && DATA_COMMANDS.contains(args.get(0))
                && args.stream().noneMatch(QUICK_OPTIONS::contains);
        String jar = start.classPath();
        boolean plainJar = start.jvmOptions().isEmpty() && jar.endsWith(".jar")
                && !jar.contains(File.pathSeparator)
                && (start.command().equals(jar) || start.command().startsWith(jar + " "));
        if (!dataCommand || !plainJar || start.java().isEmpty()) {
            return Optional.empty();
        }
        List<String> command = new ArrayList<>();
        command.add(start.java().get());
        command.addAll(OPTIONS);
        command.add("-D" + LAUNCHER + "=" + pid);
        command.add("-jar");
        command.add(jar);
        command.addAll(args);
        return Optional.of(List.copyOf(command));
    }

    /**
     * Runs {@code args} in a tuned JVM and returns its exit status, or empty when they should run in this JVM
     * ({@link #command}) or the second JVM could not be started.
     */
    static OptionalInt run(String[] args) {
        Optional<List<String>> command = command(Start.current(), List.of(args), ProcessHandle.current().pid());
        if (command.isEmpty()) {
            return OptionalInt.empty();
        }
        Process work;
        try {
            work = new ProcessBuilder(command.get()).inheritIO().start();
        } catch (IOException | UnsupportedOperationException e) {
            return OptionalInt.empty();
        }
        // Stopped (Ctrl-C, a TERM signal): stop the work too, and wait for it to clean up.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (work.isAlive()) {
                work.destroy();
                try {
                    work.waitFor(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }, "stop-work"));
        while (true) {
            try {
                return OptionalInt.of(work.waitFor());
            } catch (InterruptedException e) {
                // Keep waiting: the work's status is this process's status.
            }
        }
    }

    /**
     * In the second JVM: stops this one when the first disappears, so that a killed launcher leaves no work (or
     * preview server) behind. Does nothing in a JVM that was not started by {@link #run}.
     */
    static void followLauncher(PrintStream err) {
        String pid = System.getProperty(LAUNCHER);
        if (pid == null) {
            return;
        }
        try {
            ProcessHandle.of(Long.parseLong(pid)).ifPresentOrElse(launcher -> launcher.onExit().thenRun(() -> {
                err.println("bulletin: the process that started this one has ended; stopping");
                System.exit(Main.FAILURE);
            }), () -> System.exit(Main.FAILURE));
        } catch (NumberFormatException e) {
            // Not set by the launcher: nothing to follow.
        }
    }
}
