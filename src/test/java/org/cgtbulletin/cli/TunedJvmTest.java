package org.cgtbulletin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToLongFunction;

import org.junit.jupiter.api.Test;

/** When the work moves to a tuned JVM, and with what command (the processes themselves: {@code TunedJvmIT}). */
class TunedJvmTest {

    private static final String JAVA = "/usr/lib/jvm/java-17/bin/java";
    private static final ToLongFunction<Path> NO_FILES = file -> 0;

    private static TunedJvm.Start plainJar(String command) {
        return new TunedJvm.Start(List.of(), "target/bulletin.jar", command, Optional.of(JAVA), Optional.empty(),
                false, 0);
    }

    @Test
    void aPlainJavaDashJarRunOfADataCommandMovesToATunedJvmWithTheSameArguments() {
        assertEquals(Optional.of(List.of(JAVA, "-XX:+UseParallelGC", "-Xmn120m", "-XX:-UseAdaptiveSizePolicy",
                "-XX:MaxTenuringThreshold=0",
                "-XX:TieredStopAtLevel=1",
                "-Dbulletin.launcher=4242", "-jar",
                "target/bulletin.jar", "build", "--output", "my site", "--verbose")),
                TunedJvm.command(plainJar("target/bulletin.jar build --output my site --verbose"),
                        List.of("build", "--output", "my site", "--verbose"), 4242, NO_FILES));
        for (String command : List.of("build", "validate", "digest", "sample", "serve")) {
            assertTrue(TunedJvm.command(plainJar("target/bulletin.jar " + command), List.of(command), 1, NO_FILES)
                    .isPresent(), command);
        }
    }

    @Test
    void aClassDataArchiveBesideTheJarIsUsedWithTheJarByTheRealPathItWasMadeWith() {
        ClassArchive.Use use = new ClassArchive.Use(Path.of("/srv/bulletin/bulletin.jar"),
                Path.of("/srv/bulletin/bulletin.jsa"));
        TunedJvm.Start start = new TunedJvm.Start(List.of(), "bulletin.jar", "bulletin.jar build", Optional.of(JAVA),
                Optional.of(use), false, 0);
        assertEquals(Optional.of(List.of(JAVA, "-XX:+UseParallelGC", "-Xmn120m", "-XX:-UseAdaptiveSizePolicy",
                "-XX:MaxTenuringThreshold=0",
                "-XX:TieredStopAtLevel=1",
                "-XX:SharedArchiveFile=/srv/bulletin/bulletin.jsa", "-Xlog:cds=off", "-Xlog:cds+dynamic=off",
                "-Dbulletin.launcher=7", "-jar", "/srv/bulletin/bulletin.jar", "build")),
                TunedJvm.command(start, List.of("build"), 7, NO_FILES));
        // Options of the user's own still keep the work in the JVM as started, archive or not.
        assertEquals(Optional.empty(), TunedJvm.command(new TunedJvm.Start(List.of("-Xmx2g"), "bulletin.jar",
                "bulletin.jar build", Optional.of(JAVA), Optional.of(use), false, 0), List.of("build"), 7,
                NO_FILES));
    }

    @Test
    void jvmOptionsOfTheUsersOwnAreHonouredByStayingInTheJvmAsStarted() {
        TunedJvm.Start withHeap = new TunedJvm.Start(List.of("-Xmx4g"), "target/bulletin.jar",
                "target/bulletin.jar build", Optional.of(JAVA), Optional.empty(), false, 0);
        assertEquals(Optional.empty(), TunedJvm.command(withHeap, List.of("build"), 1, NO_FILES));
    }

    @Test
    void helpVersionAndUsageErrorsStayInTheFirstJvm() {
        for (List<String> args : List.of(List.<String>of(), List.of("--help"), List.of("-V"), List.of("help"),
                List.of("build", "--help"), List.of("validate", "-h"), List.of("publish"), List.of("--verbose"))) {
            assertEquals(Optional.empty(), TunedJvm.command(plainJar("target/bulletin.jar " + String.join(" ", args)),
                    args, 1, NO_FILES), args.toString());
        }
    }

    @Test
    void onlyARunFromTheJarWithAJavaProgramAtHandMoves() {
        List<String> build = List.of("build");
        // Started from classes (an IDE, the tests): stays.
        assertEquals(Optional.empty(), TunedJvm.command(new TunedJvm.Start(List.of(), "target/classes:lib/a.jar",
                "org.cgtbulletin.cli.Main build", Optional.of(JAVA), Optional.empty(), false, 0), build, 1,
                NO_FILES));
        // The jar on a class path of its own, not run with -jar: stays.
        assertEquals(Optional.empty(), TunedJvm.command(new TunedJvm.Start(List.of(), "target/bulletin.jar",
                "org.cgtbulletin.cli.Main build", Optional.of(JAVA), Optional.empty(), false, 0), build, 1,
                NO_FILES));
        // No java program in the installation: stays.
        assertEquals(Optional.empty(), TunedJvm.command(new TunedJvm.Start(List.of(), "target/bulletin.jar",
                "target/bulletin.jar build", Optional.empty(), Optional.empty(), false, 0), build, 1, NO_FILES));
    }

    /** The options where the default heap limit is not known (no room for the old generation). */
    private static List<String> options0(List<String> args, ToLongFunction<Path> sizeOf) {
        return TunedJvm.options(args, sizeOf, 0);
    }

    @Test
    void aBuildOrDigestWhoseDefaultHeapLimitAllowsItGetsRoomForWhatItPromotes() {
        long big = 6013L << 20; // a quarter of 23 GB
        List<String> base = List.of("-XX:+UseParallelGC", "-Xmn120m", "-XX:-UseAdaptiveSizePolicy",
                "-XX:MaxTenuringThreshold=0");
        List<String> room = List.of("-Xms900m", "-XX:MetaspaceSize=128m");
        for (String command : List.of("build", "digest")) {
            List<String> expected = new java.util.ArrayList<>(base);
            expected.addAll(room);
            expected.add("-XX:TieredStopAtLevel=1");
            assertEquals(expected, TunedJvm.options(List.of(command), NO_FILES, big), command);
            assertEquals(expected, TunedJvm.options(List.of(command), NO_FILES, TunedJvm.ROOM_HEAP_LIMIT), command);
            // a lower limit (less memory), or not known: the JVM's own sizing
            List<String> without = new java.util.ArrayList<>(base);
            without.add("-XX:TieredStopAtLevel=1");
            assertEquals(without, TunedJvm.options(List.of(command), NO_FILES, TunedJvm.ROOM_HEAP_LIMIT - 1), command);
            assertEquals(without, TunedJvm.options(List.of(command), NO_FILES, 0), command);
        }
        // the other commands keep the JVM's own sizes whatever the memory
        for (String command : List.of("validate", "sample", "serve")) {
            assertFalse(TunedJvm.options(List.of(command), NO_FILES, big).contains("-Xms900m"), command);
        }
        // and the command line carries them
        TunedJvm.Start start = new TunedJvm.Start(List.of(), "target/bulletin.jar", "target/bulletin.jar build",
                Optional.of(JAVA), Optional.empty(), false, big);
        assertTrue(TunedJvm.command(start, List.of("build"), 1, NO_FILES).orElseThrow().containsAll(room));
    }

    @Test
    void theOptimisingCompilerIsKeptForLongRunsOnly() {
        long medium = TunedJvm.LONG_VALIDATE_BYTES;
        long huge = 4L << 30;
        Map<Path, Long> sizes = Map.of(Path.of("content/data/reports.csv"), huge, Path.of("huge.csv"), huge,
                Path.of("other/data/reports.csv"), medium, Path.of("medium.csv"), medium,
                Path.of("small.csv"), medium - 1);
        ToLongFunction<Path> sizeOf = f -> sizes.getOrDefault(f, 0L);
        List<String> quick = List.of("-XX:+UseParallelGC", "-Xmn120m", "-XX:-UseAdaptiveSizePolicy",
                "-XX:MaxTenuringThreshold=0", "-XX:TieredStopAtLevel=1");
        List<String> optimising = List.of("-XX:+UseParallelGC", "-Xmn120m", "-XX:-UseAdaptiveSizePolicy",
                "-XX:MaxTenuringThreshold=0");
        // A build or digest, of any size: the quick compiler alone (the reports file as the commands find it:
        // --reports, else CONTENT/data/reports.csv).
        assertEquals(quick, options0(List.of("build"), sizeOf));
        assertEquals(quick, options0(List.of("build", "--reports", "huge.csv"), sizeOf));
        assertEquals(quick, options0(List.of("digest", "--reports=huge.csv"), sizeOf));
        assertEquals(quick, options0(List.of("build", "--reports", "small.csv"), sizeOf));
        // Reading only, validate gains from the optimising compiler.
        assertEquals(optimising, options0(List.of("validate", "--reports", "medium.csv"), sizeOf));
        assertEquals(optimising, options0(List.of("validate", "--content", "other"), sizeOf));
        assertEquals(optimising, options0(List.of("validate"), sizeOf));
        assertEquals(quick, options0(List.of("validate", "--reports", "small.csv"), sizeOf));
        // A sample, by the number of reports it makes.
        assertEquals(quick, options0(List.of("sample", "--output", "x"), NO_FILES));
        assertEquals(quick, options0(List.of("sample", "--reports", "149999", "--output", "x"), NO_FILES));
        assertEquals(optimising, options0(List.of("sample", "--reports=150000"), NO_FILES));
        // a usage error
        assertEquals(quick, options0(List.of("sample", "--reports", "many"), NO_FILES));
        // The preview server runs for hours: the optimising compiler pays for itself there whatever the data, and
        // what one request makes is not kept, so the collector's tenuring stays the JVM's own.
        assertEquals(TunedJvm.OPTIONS, options0(List.of("serve", "--reports", "small.csv"),
                sizeOf));
    }

    @Test
    void whereTheProcessorHas512BitVectorsTheJvmKeepsTo256() {
        TunedJvm.Start wide = new TunedJvm.Start(List.of(), "target/bulletin.jar", "target/bulletin.jar build",
                Optional.of(JAVA), Optional.empty(), true, 0);
        assertEquals(Optional.of(List.of(JAVA, "-XX:+UseParallelGC", "-Xmn120m", "-XX:-UseAdaptiveSizePolicy",
                "-XX:MaxTenuringThreshold=0",
                "-XX:TieredStopAtLevel=1", "-XX:UseAVX=2",
                "-Dbulletin.launcher=3", "-jar", "target/bulletin.jar", "build")),
                TunedJvm.command(wide, List.of("build"), 3, NO_FILES));
        // /proc/cpuinfo's flags line, on x86-64 only (elsewhere the option does not exist)
        String iceLake = "flags\t\t: fpu vme sse4_2 avx avx2 bmi2 avx512f avx512dq avx512bw avx512vl fsrm";
        assertTrue(TunedJvm.wideVectorsIn("amd64", iceLake));
        assertTrue(TunedJvm.wideVectorsIn("x86_64", iceLake));
        assertFalse(TunedJvm.wideVectorsIn("amd64", "flags\t\t: fpu vme sse4_2 avx avx2 bmi2"));
        assertFalse(TunedJvm.wideVectorsIn("amd64", "flags\t\t: avx512fx")); // a flag that only starts the same
        assertFalse(TunedJvm.wideVectorsIn("aarch64", iceLake));
        assertFalse(TunedJvm.wideVectorsIn("amd64", "")); // no /proc/cpuinfo: not Linux
        assertTrue(TunedJvm.wideVectorsIn("amd64", "flags\t\t: avx512f")); // the last word
        assertTrue(TunedJvm.wideVectorsIn("amd64", "flags\t:\tavx512f\tavx512dq")); // tabs between words
    }

    @Test
    void onlyCommandsThatWorkOnDataAreWorthASecondJvm() {
        assertTrue(TunedJvm.dataCommand(List.of("build", "--content", "c")));
        assertTrue(TunedJvm.dataCommand(List.of("validate")));
        assertFalse(TunedJvm.dataCommand(List.of("build", "--help")));
        assertFalse(TunedJvm.dataCommand(List.of("--version")));
        assertFalse(TunedJvm.dataCommand(List.of()));
    }

    @Test
    void theJvmsOptionsAreWhatComesBeforeDashJarAndWhatTheEnvironmentAdds() {
        Map<String, String> none = Map.of();
        assertEquals(List.of(), TunedJvm.givenOptions(Optional.of(new String[] {"-jar", "b.jar", "build", "-Xmx1g"}),
                none::get));
        assertEquals(List.of("-Xmx1g", "-XX:+UseG1GC"), TunedJvm.givenOptions(
                Optional.of(new String[] {"-Xmx1g", "-XX:+UseG1GC", "-jar", "b.jar", "build"}), none::get));
        assertEquals(List.of("@options.txt"), TunedJvm.givenOptions(
                Optional.of(new String[] {"@options.txt", "-jar", "b.jar"}), none::get));
        for (String variable : TunedJvm.OPTION_VARIABLES) {
            assertEquals(List.of("-Xmx2g", "-Dx=1"), TunedJvm.givenOptions(Optional.of(new String[] {"-jar", "b.jar"}),
                    Map.of(variable, "  -Xmx2g \t-Dx=1 ")::get), variable);
            assertEquals(List.of(), TunedJvm.givenOptions(Optional.of(new String[] {"-jar", "b.jar"}),
                    Map.of(variable, " ")::get), variable);
        }
        // No command line, or none with -jar: the JVM's own answer (this test JVM's options, whatever they are).
        List<String> own = java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments();
        assertEquals(own, TunedJvm.givenOptions(Optional.empty(), none::get));
        assertEquals(own, TunedJvm.givenOptions(Optional.of(new String[] {"-cp", "x", "Main"}), none::get));
    }
}
