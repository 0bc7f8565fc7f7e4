package org.cgtbulletin.cli;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.cgtbulletin.publish.Publisher;

/**
 * Makes the class-data archive that lets the bulletin's JVM start faster: the classes a build loads that the JDK's
 * own archive does not hold, already parsed, verified and laid out as the JVM keeps them, in one file it maps instead
 * of reading and checking each class again (Java's application class-data sharing, a dynamic archive). A build of the
 * sample then takes about 5,300 classes from it: 3,400 of the 3,600 it loads from the jar (all but picocli's and
 * commons-math's, whose class files are too old to be archived) and 1,900 of the JDK's. It saves about 0.3 to 0.7 s
 * of each run, where a build of 10,000 Markdown pages takes about 5 s (README, Performance).
 *
 * <p>Run by {@code mvn package} right after the jar is built ({@code pom.xml}, skipped with
 * {@code -Dbulletin.noArchive}): it builds synthetic sample data once, in a JVM that writes the archive when it exits,
 * next to the jar ({@code bulletin.jar} gives {@code bulletin.jsa}). The archive is written under another name and
 * renamed when complete, so that no JVM ever maps half of one. {@link TunedJvm} then hands it to the JVM that does
 * the work. An archive fits one jar at one place and one Java build: the JVM checks both and, when either differs,
 * starts without it, as it does when there is none (a jar copied elsewhere without it, or {@code -jar} with JVM
 * options of the user's own). Making it never fails the package: without it, runs are only slower.
 */
public final class ClassArchive {

    /** The JVM's messages about archives, off: an archive it refuses costs nothing but the time it would save. */
    private static final List<String> QUIET = List.of("-Xlog:cds=off", "-Xlog:cds+dynamic=off");

    /** How long each step of the training may take (the build takes about 12 s on 2 cores). */
    private static final long TRAINING_MINUTES = 10;

    private ClassArchive() {
    }

    /** The archive that belongs with {@code jar}: the same name, {@code .jsa} instead of {@code .jar}. */
    static Path of(Path jar) {
        String name = jar.getFileName().toString();
        return jar.resolveSibling((name.endsWith(".jar") ? name.substring(0, name.length() - 4) : name) + ".jsa");
    }

    /** An archive to start the work with, and the jar by the real path it was made with. */
    record Use(Path jar, Path archive) {
    }

    /**
     * The archive to start the work with: the one beside {@code jar} when it exists and was made after the jar (a
     * jar built again without a new archive makes the JVM refuse the old one), with the jar's real path, as made.
     */
    static Optional<Use> usable(Path jar) {
        try {
            Path real = jar.toRealPath();
            Path archive = of(real);
            if (Files.isRegularFile(archive)
                    && Files.getLastModifiedTime(archive).compareTo(Files.getLastModifiedTime(real)) >= 0) {
                return Optional.of(new Use(real, archive));
            }
        } catch (IOException | SecurityException | java.nio.file.InvalidPathException e) {
            // No jar or archive to read: start without one.
        }
        return Optional.empty();
    }

    /**
     * The JVM options that make the work use {@code archive}: its file, and the JVM's messages about archives
     * turned off, so that an archive it refuses (made by another Java build) costs nothing but the time it saves.
     */
    static List<String> options(Path archive) {
        List<String> options = new ArrayList<>(List.of("-XX:SharedArchiveFile=" + archive));
        options.addAll(QUIET);
        return List.copyOf(options);
    }

    /**
     * {@code java -cp bulletin.jar org.cgtbulletin.cli.ClassArchive JAR CONTENT TEMPLATES WORK}: makes the archive of
     * JAR by building, in the folder WORK, a synthetic dataset ({@code sample}: 6,000 reports, never the reports that
     * CONTENT may hold) with CONTENT's taxonomy and Markdown and TEMPLATES. Every stage runs, the PDF digests
     * included, into a new site each time (over an earlier one the digests would be kept and their classes left
     * out); the data, site and staff audit are deleted afterwards and only {@code WORK/training.log} stays.
     */
    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length != 4) {
            System.err.println("usage: ClassArchive JAR CONTENT TEMPLATES WORK");
            System.exit(Main.USAGE);
        }
        Path jar = Path.of(args[0]).toRealPath();
        Path archive = of(jar);
        Path work = Path.of(args[3]).toAbsolutePath();
        Path data = work.resolve("data");
        List<Path> made = List.of(data, work.resolve("site"), work.resolve("audit"));
        deleteAll(made);
        Files.createDirectories(work);
        Files.deleteIfExists(archive); // a failed attempt leaves none rather than an old one
        Path partial = archive.resolveSibling(archive.getFileName() + "." + ProcessHandle.current().pid() + ".part");
        Path log = work.resolve("training.log");
        Files.deleteIfExists(log);
        String failure = run(jar, List.of(), List.of("sample", "--output", data.toString()), log);
        if (failure == null) {
            failure = train(jar, args, work, partial, log);
            if (failure != null) {
                // Java 17's JVM has been seen to crash now and then as it writes the archive at exit (in its handling
                // of lambda classes, after the build itself succeeded): once more, into a new site, before giving up.
                deleteAll(List.of(work.resolve("site"), work.resolve("audit")));
                Files.deleteIfExists(partial);
                failure = train(jar, args, work, partial, log);
            }
        }
        deleteAll(made);
        if (failure != null) {
            Files.deleteIfExists(partial);
            System.err.println("bulletin: warning: no class-data archive (" + failure + "; see " + log
                    + "); the bulletin works without it, 0.3 to 0.7 s slower to start");
            return;
        }
        try {
            Files.move(partial, archive, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(partial, archive);
        }
    }

    /**
     * The training build, in a JVM that writes the archive to {@code partial} as it exits. Returns what went wrong,
     * or null.
     */
    private static String train(Path jar, String[] args, Path work, Path partial, Path log)
            throws IOException, InterruptedException {
        Path data = work.resolve("data");
        // A JVM that crashes writes its report into the training's folder, not into the project's.
        List<String> dump = new ArrayList<>(List.of("-XX:ArchiveClassesAtExit=" + partial,
                "-XX:ErrorFile=" + work.resolve("hs_err_pid%p.log")));
        dump.addAll(QUIET);
        String failure = run(jar, dump, List.of("build", "--content", args[1], "--templates", args[2],
                        "--reports", data.resolve("reports.csv").toString(),
                        "--volumes", data.resolve("volumes.csv").toString(),
                        "--denylist", data.resolve("denylist.txt").toString(),
                        "--output", work.resolve("site").toString(), "--audit", work.resolve("audit").toString()),
                log);
        if (failure == null && !Files.isRegularFile(partial)) {
            failure = "the JVM wrote no archive";
        }
        return failure;
    }

    /**
     * Runs the bulletin's {@code command} in a JVM started as the work's is, with {@code more} options; its output
     * is added to {@code log}. Returns what went wrong, or null.
     */
    private static String run(Path jar, List<String> more, List<String> command, Path log)
            throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        full.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        full.addAll(TunedJvm.OPTIONS);
        full.add(TunedJvm.TENURE_AT_ONCE);
        full.add(TunedJvm.QUICK_COMPILER);
        full.addAll(more);
        full.addAll(List.of("-jar", jar.toString()));
        full.addAll(command);
        Process process;
        try {
            process = new ProcessBuilder(full).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            return "the " + command.get(0) + " could not be started: " + e.getMessage();
        }
        if (!process.waitFor(TRAINING_MINUTES, TimeUnit.MINUTES)) {
            process.destroyForcibly().waitFor();
            return "the " + command.get(0) + " took more than " + TRAINING_MINUTES + " minutes";
        }
        return process.exitValue() == 0 ? null : "the " + command.get(0) + " exited with " + process.exitValue();
    }

    private static void deleteAll(List<Path> folders) throws IOException {
        for (Path folder : folders) {
            Publisher.deleteTree(folder);
        }
    }
}
