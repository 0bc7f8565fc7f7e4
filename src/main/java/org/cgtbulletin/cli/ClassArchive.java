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
 * Makes the class-data archive that lets the bulletin's JVM start faster: the classes a build loads, the JDK's and
 * the jar's, already parsed, verified and laid out as the JVM keeps them, in one file it maps instead of reading and
 * checking each class again (Java's application class-data sharing, a static archive made from the list of classes
 * a training build loaded). A build of the sample then
 * takes about 6,600 classes from it, picocli's and commons-math's old (Java 5) class files included, which a
 * dynamic archive (the JVM writing what it loaded at exit, used until 3 Dec) could not hold; the JVM that wrote a
 * dynamic archive also crashed now and then as it wrote it. It saves about 0.3 to 0.7 s of each run, where a build
 * of 10,000 Markdown pages takes 3 to 5 s (README, Performance).
 *
 * <p>Run by {@code mvn package} right after the jar is built ({@code pom.xml}, skipped with
 * {@code -Dbulletin.noArchive}): it builds synthetic sample data once, in a JVM that lists the classes it loads;
 * a second JVM dumps the archive from that list, next to the jar ({@code bulletin.jar} gives {@code bulletin.jsa}).
 * The archive is written under another name and renamed when complete, so that no JVM ever maps half of one.
 * {@link TunedJvm} then hands it to the JVM that does the work. An archive fits one jar at one place and one Java
 * build: the JVM checks both and, when either differs, starts without it, as it does when there is none (a jar
 * copied elsewhere without it, or {@code -jar} with JVM options of the user's own). Making it never fails the
 * package: without it, runs are only slower.
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
                // Once more, into a new site, before giving up: a failure may not recur (Java 17's JVM crashed now
                // and then as it wrote the dynamic archive used before, in its handling of lambda classes).
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
     * The training build, in a JVM that lists the classes it loads, then the archive of those classes, dumped to
     * {@code partial} by a JVM that does nothing else. Returns what went wrong, or null.
     */
    private static String train(Path jar, String[] args, Path work, Path partial, Path log)
            throws IOException, InterruptedException {
        Path data = work.resolve("data");
        Path classes = work.resolve("classes.lst");
        Files.deleteIfExists(classes);
        // A JVM that crashes writes its report into the training's folder, not into the project's.
        List<String> list = new ArrayList<>(List.of("-XX:DumpLoadedClassList=" + classes,
                "-XX:ErrorFile=" + work.resolve("hs_err_pid%p.log")));
        list.addAll(QUIET);
        String failure = run(jar, list, List.of("build", "--content", args[1], "--templates", args[2],
                        "--reports", data.resolve("reports.csv").toString(),
                        "--volumes", data.resolve("volumes.csv").toString(),
                        "--denylist", data.resolve("denylist.txt").toString(),
                        "--output", work.resolve("site").toString(), "--audit", work.resolve("audit").toString()),
                log);
        if (failure == null && !Files.isRegularFile(classes)) {
            failure = "the JVM listed no classes";
        }
        if (failure == null) {
            // With the JVM's own choice of collector (G1 on a machine like this one). Java 17 ignores the heap
            // objects such a dump adds (4 MB) under the work's serial collector, yet a dump made with the serial
            // collector started a validate 0.05 s later in 11 of 14 alternating pairs.
            failure = start(List.of(java(), "-Xshare:dump", "-XX:SharedClassListFile=" + classes,
                    "-XX:SharedArchiveFile=" + partial, "-XX:ErrorFile=" + work.resolve("hs_err_pid%p.log"),
                    "-cp", jar.toString()), "archive dump", log);
        }
        Files.deleteIfExists(classes);
        if (failure == null && !Files.isRegularFile(partial)) {
            failure = "the JVM wrote no archive";
        }
        return failure;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * Runs the bulletin's {@code command} in a JVM started as the work's is, with {@code more} options; its output
     * is added to {@code log}. Returns what went wrong, or null.
     */
    private static String run(Path jar, List<String> more, List<String> command, Path log)
            throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        full.add(java());
        full.addAll(TunedJvm.OPTIONS);
        full.add(TunedJvm.TENURE_AT_ONCE);
        full.add(TunedJvm.QUICK_COMPILER);
        full.addAll(more);
        full.addAll(List.of("-jar", jar.toString()));
        full.addAll(command);
        return start(full, command.get(0), log);
    }

    /** Runs {@code command}, its output added to {@code log}; returns what went wrong (with {@code what}), or null. */
    private static String start(List<String> command, String what, Path log) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            return "the " + what + " could not be started: " + e.getMessage();
        }
        if (!process.waitFor(TRAINING_MINUTES, TimeUnit.MINUTES)) {
            process.destroyForcibly().waitFor();
            return "the " + what + " took more than " + TRAINING_MINUTES + " minutes";
        }
        return process.exitValue() == 0 ? null : "the " + what + " exited with " + process.exitValue();
    }

    private static void deleteAll(List<Path> folders) throws IOException {
        for (Path folder : folders) {
            Publisher.deleteTree(folder);
        }
    }
}
