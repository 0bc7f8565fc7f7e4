package org.cgtbulletin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The class-data archive {@code mvn package} leaves beside the jar (after {@code package}, by failsafe): this JVM
 * accepts it for this jar, a plain run starts from it without a word about it, and an archive that does not fit is
 * ignored just as silently.
 */
class ClassArchiveIT {

    private static final Path JAR = Path.of("target", "bulletin.jar");
    private static final Path GOLDEN = Path.of("src", "test", "resources", "golden", "input");
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    private record Ran(int status, String out, String err) {
    }

    @org.junit.jupiter.api.BeforeEach
    void madeByPackage() {
        assumeFalse(Boolean.getBoolean("bulletin.noArchive"), "mvn -Dbulletin.noArchive made no archive");
    }

    private static Ran run(Path dir, List<String> command) throws Exception {
        List<String> full = new ArrayList<>(List.of(JAVA));
        full.addAll(command);
        ProcessBuilder b = new ProcessBuilder(full).redirectOutput(dir.resolve("out.txt").toFile())
                .redirectError(dir.resolve("err.txt").toFile());
        b.environment().keySet().removeAll(List.of("JDK_JAVA_OPTIONS", "JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS"));
        Process p = b.start();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "the bulletin did not finish");
        return new Ran(p.exitValue(), Files.readString(dir.resolve("out.txt")), Files.readString(dir.resolve(
                "err.txt")));
    }

    private static List<String> build(Path jar, Path dir) {
        return List.of("-jar", jar.toString(), "build", "--verbose", "--content", GOLDEN.toString(), "--reports",
                GOLDEN.resolve("data/reports.csv").toString(), "--output", dir.resolve("site").toString(), "--audit",
                dir.resolve("audit").toString());
    }

    @Test
    void packageLeavesAnArchiveThatThisJvmAcceptsForThisJar(@TempDir Path dir) throws Exception {
        Path jar = JAR.toRealPath();
        Path archive = ClassArchive.of(jar);
        assertTrue(Files.isRegularFile(archive), "no " + archive + "; see target/class-archive/training.log");
        assertEquals(java.util.Optional.of(new ClassArchive.Use(jar, archive)), ClassArchive.usable(JAR));
        // -Xshare:on refuses to start with an archive that does not fit the jar or this JVM: it is used, not just
        // present; and the bulletin's own classes, and the libraries', come from it.
        List<String> command = new ArrayList<>(List.of("-Xshare:on", "-Xlog:class+load=info"));
        command.addAll(TunedJvm.OPTIONS);
        command.add("-XX:SharedArchiveFile=" + archive);
        command.addAll(List.of("-jar", jar.toString(), "--version"));
        Ran on = run(dir, command);
        assertEquals(0, on.status(), on.out() + on.err());
        // picocli's too, whose Java 5 class files a dynamic archive could not hold.
        for (String shared : List.of("org.cgtbulletin.cli.Main source: shared objects file",
                "org.cgtbulletin.cli.TunedJvm source: shared objects file",
                "picocli.CommandLine source: shared objects file")) {
            assertTrue(on.out().contains(shared), shared);
        }
        // Every stage ran in the build that made it, the PDF digests too (over an earlier site they would have been
        // kept, not rendered, and their classes left out).
        List<String> list = new ArrayList<>(List.of("-Xshare:on", "-XX:+PrintSharedArchiveAndExit"));
        list.addAll(TunedJvm.OPTIONS);
        list.addAll(List.of("-XX:SharedArchiveFile=" + archive, "-jar", jar.toString()));
        Ran listed = run(dir, list);
        for (String archived : List.of("org.cgtbulletin.digest.Pdf$Bundled",
                "com.openhtmltopdf.pdfboxout.PdfBoxRenderer", "com.vladsch.flexmark.parser.Parser",
                "freemarker.template.Configuration", "org.cgtbulletin.protect.ExactSimplex")) {
            assertTrue(listed.out().contains(" " + archived + " app_loader"), archived);
        }
    }

    @Test
    void aPlainRunStartsFromTheArchiveAndSaysNothingOfIt(@TempDir Path dir) throws Exception {
        Ran ran = run(dir, build(JAR, dir));
        assertEquals(0, ran.status(), ran.err());
        assertTrue(ran.out().contains("-XX:SharedArchiveFile=" + ClassArchive.of(JAR.toRealPath())), ran.out());
        assertFalse(ran.err().contains("cds") || ran.err().contains("shared archive"), ran.err());
    }

    @Test
    void anArchiveThatDoesNotFitIsIgnoredSilently(@TempDir Path dir) throws Exception {
        // The archive of target/bulletin.jar beside a copy of the jar elsewhere: made for another jar path, so the
        // JVM refuses it; the build runs as without one, with nothing said.
        Path jar = Files.copy(JAR, dir.resolve("copy.jar"));
        Path archive = Files.copy(ClassArchive.of(JAR), dir.resolve("copy.jsa"), StandardCopyOption.COPY_ATTRIBUTES);
        Files.setLastModifiedTime(archive, java.nio.file.attribute.FileTime.fromMillis(
                Files.getLastModifiedTime(jar).toMillis() + 1000));
        Ran ran = run(dir, build(jar, dir));
        assertEquals(0, ran.status(), ran.err());
        assertTrue(ran.out().startsWith("Built "), ran.out());
        assertTrue(ran.out().contains("-XX:SharedArchiveFile=" + archive.toRealPath()), ran.out());
        assertFalse(ran.err().contains("cds") || ran.err().contains("shared archive"), ran.err());
    }

    /**
     * A training build that fails is run once more (Java 17's JVM has crashed now and then while writing the archive
     * at exit) before the package goes on without an archive: here the build fails for good (no taxonomy where the
     * content should be), both times, each time into the log, and nothing is left but the jar and the log.
     */
    @Test
    void aFailedTrainingBuildIsTriedOnceMoreThenTheArchiveIsLeftOut(@TempDir Path dir) throws Exception {
        Path jar = Files.copy(JAR, dir.resolve("bulletin.jar"));
        Path work = dir.resolve("work");
        Ran ran = run(dir, List.of("-cp", JAR.toString(), "org.cgtbulletin.cli.ClassArchive", jar.toString(),
                dir.resolve("no-content").toString(), "templates", work.toString()));
        assertEquals(0, ran.status(), "the package goes on: " + ran.err());
        assertTrue(ran.err().contains("warning: no class-data archive (the build exited with 1"), ran.err());
        String log = Files.readString(work.resolve("training.log"));
        assertEquals(2, log.split("the taxonomy file does not exist", -1).length - 1, log);
        try (var left = Files.list(dir)) {
            assertEquals(List.of("bulletin.jar", "err.txt", "out.txt", "work"),
                    left.map(f -> f.getFileName().toString()).sorted().toList());
        }
        try (var left = Files.list(work)) {
            assertEquals(List.of("training.log"), left.map(f -> f.getFileName().toString()).toList());
        }
    }
}
