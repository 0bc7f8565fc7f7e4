package org.cgtbulletin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** When the work moves to a tuned JVM, and with what command (the processes themselves: {@code TunedJvmIT}). */
class TunedJvmTest {

    private static final String JAVA = "/usr/lib/jvm/java-17/bin/java";

    private static TunedJvm.Start plainJar(String command) {
        return new TunedJvm.Start(List.of(), "target/bulletin.jar", command, Optional.of(JAVA));
    }

    @Test
    void aPlainJavaDashJarRunOfADataCommandMovesToATunedJvmWithTheSameArguments() {
        assertEquals(Optional.of(List.of(JAVA, "-XX:+UseSerialGC", "-Dbulletin.launcher=4242", "-jar",
                "target/bulletin.jar", "build", "--output", "my site", "--verbose")),
                TunedJvm.command(plainJar("target/bulletin.jar build --output my site --verbose"),
                        List.of("build", "--output", "my site", "--verbose"), 4242));
        for (String command : List.of("build", "validate", "digest", "sample", "serve")) {
            assertTrue(TunedJvm.command(plainJar("target/bulletin.jar " + command), List.of(command), 1).isPresent(),
                    command);
        }
    }

    @Test
    void jvmOptionsOfTheUsersOwnAreHonouredByStayingInTheJvmAsStarted() {
        TunedJvm.Start withHeap = new TunedJvm.Start(List.of("-Xmx4g"), "target/bulletin.jar",
                "target/bulletin.jar build", Optional.of(JAVA));
        assertEquals(Optional.empty(), TunedJvm.command(withHeap, List.of("build"), 1));
    }

    @Test
    void helpVersionAndUsageErrorsStayInTheFirstJvm() {
        for (List<String> args : List.of(List.<String>of(), List.of("--help"), List.of("-V"), List.of("help"),
                List.of("build", "--help"), List.of("validate", "-h"), List.of("publish"), List.of("--verbose"))) {
            assertEquals(Optional.empty(), TunedJvm.command(plainJar("target/bulletin.jar " + String.join(" ", args)),
                    args, 1), args.toString());
        }
    }

    @Test
    void onlyARunFromTheJarWithAJavaProgramAtHandMoves() {
        List<String> build = List.of("build");
        // Started from classes (an IDE, the tests): stays.
        assertEquals(Optional.empty(), TunedJvm.command(new TunedJvm.Start(List.of(), "target/classes:lib/a.jar",
                "org.cgtbulletin.cli.Main build", Optional.of(JAVA)), build, 1));
        // The jar on a class path of its own, not run with -jar: stays.
        assertEquals(Optional.empty(), TunedJvm.command(new TunedJvm.Start(List.of(), "target/bulletin.jar",
                "org.cgtbulletin.cli.Main build", Optional.of(JAVA)), build, 1));
        // No java program in the installation: stays.
        assertEquals(Optional.empty(), TunedJvm.command(new TunedJvm.Start(List.of(), "target/bulletin.jar",
                "target/bulletin.jar build", Optional.empty()), build, 1));
    }
}
