package org.cgtbulletin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * An Error inside a command (other than running out of memory) is exit 3 with one line, as the contract says of
 * any failure that is not the inputs' nor the usage's; the trace only with --verbose.
 */
class InternalErrorTest {

    @CommandLine.Command(name = "fail")
    static final class Failing implements Runnable {
        @CommandLine.Option(names = "--verbose")
        boolean verbose;

        @CommandLine.Option(names = "--memory")
        boolean memory;

        @Override
        public void run() {
            if (memory) {
                throw new OutOfMemoryError("test");
            }
            throw new StackOverflowError();
        }
    }

    private static String run(String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        assertEquals(Main.FAILURE, Main.execute(new CommandLine(new Failing()), args, err));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void anErrorIsExitThreeWithOneLine() {
        String err = run();
        assertEquals("bulletin: error: internal error: java.lang.StackOverflowError (run with --verbose for details)",
                err.strip());
    }

    @Test
    void withVerboseTheTraceFollows() {
        String err = run("--verbose");
        assertTrue(err.startsWith("bulletin: error: internal error: java.lang.StackOverflowError\n"), err);
        assertTrue(err.contains("at org.cgtbulletin.cli.InternalErrorTest$Failing.run"), err);
    }

    @Test
    void aFileSystemFailureSaysWhatWentWrongNotOnlyThePath() {
        assertEquals("cannot write or read /tmp/x: already exists as a file (a folder was needed), or cannot be"
                + " replaced", Main.cause(new java.nio.file.FileAlreadyExistsException("/tmp/x")));
        assertEquals("cannot write or read /a: permission denied",
                Main.cause(new java.nio.file.AccessDeniedException("/a")));
        assertEquals("cannot write or read /a or /b: Read-only file system",
                Main.cause(new java.nio.file.FileSystemException("/a", "/b", "Read-only file system")));
        assertEquals("cannot write or read a file: Read-only file system",
                Main.cause(new java.nio.file.FileSystemException(null, null, "Read-only file system")));
        assertEquals("plain", Main.cause(new java.io.IOException("plain")));
    }

    @Test
    void runningOutOfMemoryIsLeftToMainWhichNamesTheHeap() {
        CommandLine cli = new CommandLine(new Failing());
        assertThrows(OutOfMemoryError.class, () -> Main.execute(cli, new String[] {"--memory"},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));
    }
}
