package org.cgtbulletin.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The command line. {@link #run} takes its streams and clock and returns the exit status, so that every
 * command can be tested in-process: 0 success, 1 problems in the inputs, 2 wrong usage, 3 anything else.
 */
@Command(name = "bulletin", mixinStandardHelpOptions = true, version = "bulletin 0.1.0",
        description = "Publishes the consortium's failure bulletin for cell and gene therapy manufacturing:"
                + " validates the anonymized failure dataset, protects contributors, analyses trends and"
                + " renders the site and quarterly digests.")
public final class Main implements Runnable {

    public static final int OK = 0;
    public static final int INPUT_PROBLEMS = 1;
    public static final int USAGE = 2;
    public static final int FAILURE = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The commands that draw charts. */
    private static final java.util.Set<String> CHARTING = java.util.Set.of("build", "digest", "serve");

    /**
     * The size of reports file from which the charts are warmed up: below it the file holds no report (a header,
     * an empty JSON array) or a few dozen at most, so there is no chart to draw (a bulletin without data draws
     * none) or too little work for the warm-up to shorten. On 10,000 Markdown pages and no reports the warm-up
     * was 3 to 4% of the CPU time.
     */
    static final long CHARTS_WORTH_WARMING_BYTES = 4096;

    /** Whether the charts are warmed up for {@code args}: a command that draws them, on enough data. */
    static boolean warmsCharts(List<String> args, ToLongFunction<Path> sizeOf) {
        return !args.isEmpty() && CHARTING.contains(args.get(0))
                && TunedJvm.reportsBytes(args, sizeOf) >= CHARTS_WORTH_WARMING_BYTES;
    }

    public static void main(String[] args) {
        // A plain `java -jar bulletin.jar build ...` does its work in a JVM with options chosen for a batch job.
        OptionalInt tuned = TunedJvm.run(args);
        if (tuned.isPresent()) {
            System.exit(tuned.getAsInt());
        }
        System.setProperty("java.awt.headless", "true"); // charts are drawn without a display
        if (warmsCharts(List.of(args), TunedJvm::fileSize)) {
            org.cgtbulletin.chart.TrendChart.warmUp(); // while the command line is parsed, on an idle core
        }
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        TunedJvm.followLauncher(err);
        // A console means both streams are a terminal; a dumb terminal cannot redraw a line.
        boolean terminal = System.console() != null && !"dumb".equals(System.getenv("TERM"));
        int status;
        try {
            status = run(args, out, err, Clock.systemDefaultZone(), terminal);
        } catch (OutOfMemoryError e) {
            // Nothing was published (the publisher swaps a complete staging folder in, or nothing).
            err.printf("bulletin: error: out of memory: a Java heap of %d MB is too small for these inputs; run"
                    + " with a larger one, e.g. java -XX:+UseSerialGC -Xmx8g -jar bulletin.jar ...%n",
                    Runtime.getRuntime().maxMemory() / (1024 * 1024));
            status = FAILURE;
        }
        System.exit(status);
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, Clock.systemDefaultZone());
    }

    public static int run(String[] args, PrintStream out, PrintStream err, Clock clock) {
        return run(args, out, err, clock, false);
    }

    static int run(String[] args, PrintStream out, PrintStream err, Clock clock, boolean terminal) {
        return run(args, out, err, clock, terminal, true);
    }

    /** {@code onlyNamed}: whether a command line that names its command gets that command only (tests: false). */
    static int run(String[] args, PrintStream out, PrintStream err, Clock clock, boolean terminal,
            boolean onlyNamed) {
        Session session = new Session(out, err, clock, terminal);
        Map<String, Supplier<Object>> commands = new LinkedHashMap<>();
        commands.put("build", () -> new BuildCommand(session));
        commands.put("validate", () -> new ValidateCommand(session));
        commands.put("digest", () -> new DigestCommand(session));
        commands.put("sample", () -> new SampleCommand(session));
        commands.put("serve", () -> new ServeCommand(session));
        commands.put("help", CommandLine.HelpCommand::new);
        // picocli reads every command's annotations when it is added (a third of its start-up, tens of
        // milliseconds a run): a command line that names its command gets that command only, which parses and
        // reports exactly as it would among the others (MainCommandsTest); anything else (help, a command line
        // without a command or with an unknown one) gets them all.
        String named = onlyNamed && args.length > 0 && commands.containsKey(args[0]) && !args[0].equals("help")
                ? args[0] : null;
        CommandLine cli = new CommandLine(new Main());
        commands.forEach((name, command) -> {
            if (named == null || named.equals(name)) {
                cli.addSubcommand(name, command.get());
            }
        });
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            boolean verbose = parseResult.hasMatchedOption("--verbose")
                    || (parseResult.subcommand() != null && parseResult.subcommand().hasMatchedOption("--verbose"));
            String cause = cause(e);
            err.println("bulletin: error: " + cause.lines().findFirst().orElse(cause)
                    + (verbose ? "" : " (run with --verbose for details)"));
            if (verbose) {
                e.printStackTrace(err);
            }
            err.flush();
            return FAILURE;
        });
        int status = execute(cli, args, err);
        out.flush();
        err.flush();
        return status;
    }

    /**
     * A failure's cause in words. The file system's exceptions carry only the path in their message (a
     * {@code FileAlreadyExistsException} says "/tmp/x"); their kind says what went wrong.
     */
    static String cause(Throwable e) {
        if (e instanceof java.nio.file.FileSystemException f) {
            String what = e instanceof java.nio.file.NoSuchFileException ? "no such file or folder"
                    : e instanceof java.nio.file.FileAlreadyExistsException
                            ? "already exists as a file (a folder was needed), or cannot be replaced"
                    : e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                    : e instanceof java.nio.file.NotDirectoryException ? "not a folder"
                    : e instanceof java.nio.file.DirectoryNotEmptyException ? "folder not empty"
                    : f.getReason() != null ? f.getReason() : e.getClass().getSimpleName();
            return (f.getFile() == null ? "cannot write or read a file" : "cannot write or read " + f.getFile())
                    + (f.getOtherFile() == null ? "" : " or " + f.getOtherFile()) + ": " + what;
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /**
     * Runs the command line; an {@link Error} other than running out of memory (which {@link #main} reports with
     * the heap's size), say a stack overflow on some input no check foresaw, is exit 3 with a one-line cause, as
     * for any other internal failure (the stack trace with {@code --verbose}), not the JVM's trace and exit 1,
     * which means bad inputs.
     */
    static int execute(CommandLine cli, String[] args, PrintStream err) {
        try {
            return cli.execute(args);
        } catch (OutOfMemoryError e) {
            throw e;
        } catch (Error e) {
            boolean verbose = java.util.Arrays.asList(args).contains("--verbose");
            err.println("bulletin: error: internal error: " + e + (verbose ? "" : " (run with --verbose for details)"));
            if (verbose) {
                e.printStackTrace(err);
            }
            err.flush();
            return FAILURE;
        }
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required: build, validate,"
                + " digest, sample or serve");
    }
}
