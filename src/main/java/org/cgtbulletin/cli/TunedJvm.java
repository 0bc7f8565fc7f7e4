package org.cgtbulletin.cli;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;

/**
 * Runs a data command in a second JVM started with options chosen for this batch job, when the bulletin was started
 * as a plain {@code java -jar bulletin.jar COMMAND ...} with no JVM option of the user's own.
 *
 * <p>The options are the collector's ({@link #OPTIONS}), the compiler's ({@link #QUICK_COMPILER}, unless the run will
 * be long), for every command but the preview server one that promotes what survives a young collection at once ({@link
 * #TENURE_AT_ONCE}), room for what that promotes in a build or digest ({@link #OLD_GENERATION_ROOM}, on a machine of
 * about 4 GB or more), and one more where the processor has 512-bit vector instructions ({@link #NARROW_VECTORS}). The
 * collector: on a machine with two or more cores and 2 GB or more, a JVM picks G1, which suits servers with a small
 * pause budget, not a batch job: it grows the heap far beyond what the job keeps (a build of a million reports keeps
 * about 300 MB, and G1 took 2.4 GB of memory on a 23 GB machine, where the budget is 1.5 GB) and its concurrent
 * work and page faults cost CPU. The serial collector kept the heap near what is live and made the same build about a
 * quarter faster; the parallel collector, held to the same sizes, does the same work on every core in shorter pauses
 * ({@link #OPTIONS}). And, unless the run will be long, the quick compiler only ({@code -XX:TieredStopAtLevel=1}): the
 * optimising compiler (C2) takes much of a core for tens of seconds to compile the libraries' code (Markdown,
 * templates, PDF layout) that then runs only a few seconds, so without it a build of the sample, of 100,000 to 3
 * million reports or of 10,000 Markdown pages is faster. It pays for itself where the same code runs long: a validation
 * or a sample past about 150,000 reports (they only read or write reports), and the preview server, which runs for
 * hours. (Until the evening of 4 Dec 2026 a build of 96 to 512 MB of reports got both compilers, the optimising one
 * kept to the reading and the audit by compiler directives, and one past 512 MB both everywhere: Commons CSV's reading,
 * a character at a time, was where the quick compiler's code was slowest. Since the reports are split by {@code
 * read.CsvRecords}, a million reports build in 9.95 to 10.47 s on the quick compiler against 11.76 to 12.36 s under the
 * directives, three million in 15.4 to 20.1 s against 19.5 to 20.4 s under the directives and 22.1 s with both
 * compilers everywhere.) README, Performance, has the measurements. The options cannot be set from inside a running JVM
 * nor in a jar's manifest, hence the second JVM. When {@code mvn package} left a class-data archive beside the jar
 * ({@link ClassArchive}), the second JVM also starts from it.
 *
 * <p>Any JVM option given by the user ({@code java -Xmx4g -jar ...}, or through {@code JDK_JAVA_OPTIONS} or
 * {@code JAVA_TOOL_OPTIONS}) is a choice that is honoured: the work then runs in the JVM as started. Help, version
 * and usage errors always run in the first JVM, and so does everything when the second cannot be started. The second
 * JVM shares the first one's standard streams and working folder, and its exit status is the first one's; if the
 * first is stopped, it stops the second, and if the first disappears (killed outright), the second notices and stops.
 */
final class TunedJvm {

    /**
     * The JVM options the work always runs with: the parallel collector with a young generation of a fixed 120 MB
     * (what the serial collector chose on the project's 23 GB machine) and without its adaptive sizing, which
     * otherwise grows the heap to meet a throughput goal: a million reports then took 2 GB of memory and seconds of
     * page faults. So held, a collection pauses the work as the serial collector's does, but the collector works on
     * every core, not one: on a million reports the pauses took 1.2 to 1.4 s against 1.9 to 2.0 s, the build 13.20 to
     * 13.50 s against 13.67 to 13.88 s in a slow phase of the machine (faster in five alternating pairs of five), in
     * 460 to 480 MB either way; the sample's build 8.29 to 8.43 s against 8.74 to 9.09 s, 10,000 Markdown pages 2.49
     * to 2.59 s against 2.57 to 2.76 s, three million reports 16.0 s in 535 MB against 17.0 s in 674 MB, and
     * {@code validate} as fast (4 Dec 2026; the site and staff audit byte for byte the same).
     */
    static final List<String> OPTIONS = List.of("-XX:+UseParallelGC", "-Xmn120m", "-XX:-UseAdaptiveSizePolicy");

    /**
     * The option added for every batch run (all but the preview server): an object that survives one young
     * collection moves to the old generation at once, instead of being copied between the survivor spaces up to 15
     * times first. What a build keeps (report ids, counts, stories) it keeps to the end, so the copies were wasted:
     * a million reports spent 3.1 to 3.8 s in the collector's pauses and 2.2 to 2.4 s with it, the build 20.3 to
     * 22.3 s against 19.9 to 20.1 s (five alternating pairs) in 570 MB instead of 680 to 730 MB; 10,000 Markdown
     * pages, the sample's build and {@code validate} are as fast or a little faster. The server, which runs for
     * hours and keeps little of what one request makes, keeps the JVM's default.
     */
    static final String TENURE_AT_ONCE = "-XX:MaxTenuringThreshold=0";

    /**
     * The options added for a build or a digest where the JVM's default heap limit (a quarter of the machine's or the
     * container's memory) is 900 MB or more, so that they never raise it (4 GB of memory or so): an initial heap
     * of 900 MB (so 780 MB of old generation under the fixed young one, where the JVM would start with 363 MB on the
     * project's 23 GB machine) and a first metaspace threshold of 128 MB. What each young collection promotes at once
     * ({@link #TENURE_AT_ONCE}) filled the smaller old generation five times in a million-report build, and each time
     * the collector stopped both cores for a full collection (0.05 to 0.3 s each, the longest in the middle of the
     * digests), on top of the one the metaspace's first threshold (about 21 MB) sets off as the reading ends: 1.0 s
     * of pauses against 0.62 s with the room. Eight alternating pairs (6 Dec 2026, 11:23 to 11:26 UTC): 10.08,
     * 11.57, 11.70, 11.81, 10.70, 10.23, 9.78 and 9.72 s against 11.17, 10.82, 11.77, 11.91, 12.12, 11.05, 10.56 and
     * 10.19 s (faster in seven; the digests 0.03 to 0.6 s shorter in each). The price is memory: what is promoted
     * fills the larger old generation before it is first collected, so builds of 10,000 to 3,000,000 reports peak at
     * 0.78 to 0.99 GB instead of 0.45 to 0.49 GB, within the 1.5 GB. On a smaller machine the JVM's own
     * sizing is kept.
     */
    static final List<String> OLD_GENERATION_ROOM = List.of("-Xms900m", "-XX:MetaspaceSize=128m");

    /** The least default heap limit for which {@link #OLD_GENERATION_ROOM} is given (its initial heap). */
    static final long ROOM_HEAP_LIMIT = 900L << 20;

    /** The option added for a run that will not be long: the quick compiler only. */
    static final String QUICK_COMPILER = "-XX:TieredStopAtLevel=1";

    /**
     * The size of reports file from which {@code validate}, which only reads, gets the optimising compiler everywhere:
     * about 150,000 reports. Measured when Commons CSV read every record (a million took 3.1 s with the optimising
     * compiler and 4.7 s without; 100,000, 1.3 s with it and 1.2 s without); since {@code read.CsvRecords} splits
     * them, a million take 2.0 to 2.1 s either way (4 Dec 2026, three pairs), so the bound stays.
     */
    static final long LONG_VALIDATE_BYTES = 32L << 20;

    /** The same for {@code sample}, by the number of reports it makes (a million: 5.2 s with it, 7.6 s without). */
    static final long LONG_SAMPLE_REPORTS = 150_000;

    /*
     * Transparent huge pages (-XX:+UseTransparentHugePages) were asked for from 3 Dec, 09:00, to 3 Dec, 16:36: on the
     * machine of that morning they cut the collector's page faults and 10,000 Markdown pages took a tenth less time,
     * but on the machine of the afternoon (same image, another host) zeroing each new 2 MB page cost so much
     * (clear_page 23% of the samples) that the same pages took 4.3 to 6.3 s with them against 3.0 to 5.0 s without
     * (six pairs), and the sample 17.7 s against 15.2 s. A gain of a tenth on one host against a loss of a third on
     * another: the JVM's own default (none) is kept. README, Performance.
     */

    /**
     * The option added where the processor has AVX-512 ({@link #wideVectorsIn}): the JVM's own routines (copying and
     * clearing memory, comparing strings) keep to 256-bit vectors. With 512-bit ones a core may run at a lower clock
     * for a while after each use, and the JVM uses them all the time. On the project's machine (an Ice Lake server
     * core, 3 Dec) a build of a million reports was faster with the option in each of eight alternating pairs, by
     * 0.1 to 3.5 s (median 1.0 s, with 1.8 s less CPU); the output is the same, since Java's arithmetic does not
     * depend on the vector width.
     */
    static final String NARROW_VECTORS = "-XX:UseAVX=2";

    /** Where Linux lists the processor's features (the {@code flags} line). */
    static final Path CPU_INFO = Path.of("/proc/cpuinfo");

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
     * @param archive the class-data archive made for the jar ({@link ClassArchive}), if there is one
     * @param wideVectors whether the processor has 512-bit vector instructions ({@link #wideVectorsIn})
     * @param heapLimit this JVM's heap limit, which, started with no option of the user's own, is the JVM's default
     */
    record Start(List<String> jvmOptions, String classPath, String command, Optional<String> java,
            Optional<ClassArchive.Use> archive, boolean wideVectors, long heapLimit) {

        static Start current() {
            Path java = Path.of(System.getProperty("java.home", ""), "bin", "java");
            String classPath = System.getProperty("java.class.path", "");
            return new Start(givenOptions(ProcessHandle.current().info().arguments(), System::getenv), classPath,
                    System.getProperty("sun.java.command", ""),
                    Files.isExecutable(java) ? Optional.of(java.toString()) : Optional.empty(),
                    classPath.endsWith(".jar") ? ClassArchive.usable(Path.of(classPath)) : Optional.empty(),
                    wideVectorsIn(System.getProperty("os.arch", ""), flagsLine(CPU_INFO)),
                    Runtime.getRuntime().maxMemory());
        }
    }

    /** The environment variables from which the JVM or its launcher take options. */
    static final List<String> OPTION_VARIABLES = List.of("JDK_JAVA_OPTIONS", "JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS");

    /**
     * The options this JVM was given: those before {@code -jar} on its command line ({@code arguments}: the
     * command line after the program, as {@link ProcessHandle.Info#arguments} reads it from the system) and those
     * of the {@link #OPTION_VARIABLES}. Without a command line, or without {@code -jar} on it, the JVM's management
     * interface answers, which says the same but takes about 35 ms to load and start: a third of the first JVM's
     * time before the second starts. (The one difference: options built into a custom runtime image with jlink's
     * {@code --add-options} are on no command line, so they are not seen here; the second JVM, started from the
     * same image, reads them too, and the bulletin's own options after them.)
     */
    static List<String> givenOptions(Optional<String[]> arguments, java.util.function.UnaryOperator<String> env) {
        int jar = arguments.map(a -> List.of(a).indexOf("-jar")).orElse(-1);
        if (jar < 0) {
            return ManagementFactory.getRuntimeMXBean().getInputArguments();
        }
        List<String> options = new ArrayList<>(List.of(arguments.get()).subList(0, jar));
        for (String variable : OPTION_VARIABLES) {
            String value = env.apply(variable);
            if (value != null && !value.isBlank()) {
                options.addAll(List.of(value.strip().split("\\s+")));
            }
        }
        return List.copyOf(options);
    }

    /**
     * Whether the JVM would use 512-bit vectors: an x86-64 processor whose {@code flags} line in
     * {@link #CPU_INFO} lists {@code avx512f}. Elsewhere the option does not exist or changes nothing, so it is
     * left out.
     */
    static boolean wideVectorsIn(String arch, String flags) {
        // One of the whitespace-separated words (no regular expression: see flagsLine).
        String words = " " + flags.replace('\t', ' ') + " ";
        return (arch.equals("amd64") || arch.equals("x86_64")) && words.contains(" avx512f ");
    }

    private static String flagsLine(Path file) {
        // A plain loop (no stream, no lambda): the first JVM runs this once, in the interpreter.
        try (BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            for (String l = lines.readLine(); l != null; l = lines.readLine()) {
                if (l.startsWith("flags")) {
                    return l;
                }
            }
            return "";
        } catch (IOException | UncheckedIOException | SecurityException e) {
            return "";
        }
    }

    /**
     * The command that runs {@code args} in a tuned JVM, or empty when they should run in this one: when the user
     * gave JVM options, when this JVM was not started with {@code -jar}, or when {@code args} ask for no data work.
     */
    static Optional<List<String>> command(Start start, List<String> args, long pid, ToLongFunction<Path> sizeOf) {
        String jar = start.classPath();
        boolean plainJar = start.jvmOptions().isEmpty() && jar.endsWith(".jar")
                && !jar.contains(File.pathSeparator)
                && (start.command().equals(jar) || start.command().startsWith(jar + " "));
        if (!dataCommand(args) || !plainJar || start.java().isEmpty()) {
            return Optional.empty();
        }
        List<String> command = new ArrayList<>();
        command.add(start.java().get());
        command.addAll(options(args, sizeOf, start.heapLimit()));
        if (start.wideVectors()) {
            command.add(NARROW_VECTORS);
        }
        start.archive().ifPresent(a -> command.addAll(ClassArchive.options(a.archive())));
        command.add("-D" + LAUNCHER + "=" + pid);
        command.add("-jar");
        command.add(start.archive().map(a -> a.jar().toString()).orElse(jar)); // the archive's jar, as it was made
        command.addAll(args);
        return Optional.of(List.copyOf(command));
    }

    /** Whether {@code args} ask for work on data, for which a second JVM is worth its start. */
    static boolean dataCommand(List<String> args) {
        if (args.isEmpty() || !DATA_COMMANDS.contains(args.get(0))) {
            return false;
        }
        for (String a : args) {
            if (QUICK_OPTIONS.contains(a)) {
                return false;
            }
        }
        return true;
    }

    /** Which compilers a run gets. */
    enum Compilers {
        /** The quick compiler only ({@link #QUICK_COMPILER}). */
        QUICK,
        /** Both, everywhere (the JVM's default). */
        BOTH
    }

    /**
     * The compilers for {@code args} (a data command): the quick compiler unless the run will be long, that is, the
     * preview server, or a validation of a reports file (as {@code --reports} and {@code --content} name it) or a
     * sample past the command's bound. A build or digest always gets the quick compiler alone (class comment).
     * {@code sizeOf} gives a file's size, 0 when it cannot be read.
     */
    static Compilers compilers(List<String> args, ToLongFunction<Path> sizeOf) {
        return switch (args.get(0)) {
            case "serve" -> Compilers.BOTH;
            case "sample" -> value(args, "--reports").map(TunedJvm::count).orElse(0L) >= LONG_SAMPLE_REPORTS
                    ? Compilers.BOTH : Compilers.QUICK;
            case "validate" -> reportsBytes(args, sizeOf) >= LONG_VALIDATE_BYTES ? Compilers.BOTH : Compilers.QUICK;
            default -> Compilers.QUICK;
        };
    }

    /**
     * The options for {@code args} (a data command), {@link #compilers} among them, where the JVM's default heap
     * limit is {@code heapLimit} bytes (0: not known).
     */
    static List<String> options(List<String> args, ToLongFunction<Path> sizeOf, long heapLimit) {
        List<String> options = new ArrayList<>(OPTIONS);
        if (!args.get(0).equals("serve")) {
            options.add(TENURE_AT_ONCE);
        }
        if ((args.get(0).equals("build") || args.get(0).equals("digest")) && heapLimit >= ROOM_HEAP_LIMIT) {
            options.addAll(OLD_GENERATION_ROOM);
        }
        if (compilers(args, sizeOf) == Compilers.QUICK) {
            options.add(QUICK_COMPILER);
        }
        return List.copyOf(options);
    }

    /** The size of the reports file the arguments name, as the commands resolve it (InputOptions); 0 if none. */
    static long reportsBytes(List<String> args, ToLongFunction<Path> sizeOf) {
        try {
            Optional<String> reports = value(args, "--reports");
            Path content = Path.of(value(args, "--content").orElse(InputOptions.DEFAULT_CONTENT));
            return sizeOf.applyAsLong(reports.isPresent() ? Path.of(reports.get())
                    : InputOptions.defaultReports(content, f -> sizeOf.applyAsLong(f) > 0));
        } catch (java.nio.file.InvalidPathException e) {
            return 0;
        }
    }

    /** The value of {@code option}, given as {@code option VALUE} or {@code option=VALUE}; the last one counts. */
    private static Optional<String> value(List<String> args, String option) {
        String value = null;
        for (int i = 1; i < args.size(); i++) {
            if (args.get(i).equals(option) && i + 1 < args.size()) {
                value = args.get(i + 1);
            } else if (args.get(i).startsWith(option + "=")) {
                value = args.get(i).substring(option.length() + 1);
            }
        }
        return Optional.ofNullable(value);
    }

    private static long count(String number) {
        try {
            return Long.parseLong(number.strip().replace("_", ""));
        } catch (NumberFormatException e) {
            return 0; // a usage error, which the command reports
        }
    }

    static long fileSize(Path file) {
        try {
            return Files.size(file);
        } catch (IOException | SecurityException e) {
            return 0;
        }
    }

    /**
     * Runs {@code args} in a tuned JVM and returns its exit status, or empty when they should run in this JVM
     * ({@link #command}) or the second JVM could not be started.
     */
    static OptionalInt run(String[] args) {
        if (System.getProperty(LAUNCHER) != null || !dataCommand(List.of(args))) {
            // The second JVM itself, or a command not worth one: no need to look at how this JVM was started
            // (about 35 ms, on the way to the work).
            return OptionalInt.empty();
        }
        Optional<List<String>> command = command(Start.current(), List.of(args), ProcessHandle.current().pid(),
                TunedJvm::fileSize);
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
