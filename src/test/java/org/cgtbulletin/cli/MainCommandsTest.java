package org.cgtbulletin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * A command line that names its command is parsed with that command only: what it prints and returns must be what
 * the full command line, with every command, prints and returns (help, usage errors, bad option values).
 */
class MainCommandsTest {

    private static CliRun run(boolean onlyNamed, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), CliRun.CLOCK, false, onlyNamed);
        return new CliRun(status, untimed(out.toString(StandardCharsets.UTF_8)),
                untimed(err.toString(StandardCharsets.UTF_8)));
    }

    /**
     * Progress lines carry the seconds since the start, which differ from run to run, and appear only in a run that
     * has lasted a second (on a slow machine, one of the two runs compared): they are left out.
     */
    private static String untimed(String text) {
        return text.replaceAll("(?m)^\\[[0-9]+/[0-9]+\\] .*\\([0-9]+\\.[0-9] s\\)\\R", "")
                .replaceAll("\\([0-9]+\\.[0-9] s\\)", "(seconds)");
    }

    @Test
    void aNamedCommandAloneBehavesAsAmongTheOthers() {
        List<String> commands = List.of("build", "validate", "digest", "sample", "serve");
        int compared = 0;
        for (String command : commands) {
            for (String[] rest : new String[][] {{"--help"}, {"-h"}, {"--version"}, {"--no-such-option"},
                    {"--reports"}, {"--output"}, {"--port", "x"}, {"--reports", "1e3"}, {"help"}, {"build"},
                    {"--reprots", "x.csv"}, {"--content", "/nonexistent/content", "--output", "/nonexistent/out"}}) {
                String[] args = new String[rest.length + 1];
                args[0] = command;
                System.arraycopy(rest, 0, args, 1, rest.length);
                if (command.equals("serve") && (rest.length == 4 || rest[0].equals("--reports") && rest.length == 2)) {
                    continue; // a command line serve accepts starts a server
                }
                CliRun alone = run(true, args);
                CliRun among = run(false, args);
                assertEquals(among, alone, String.join(" ", args));
                compared++;
            }
        }
        assertEquals(commands.size() * 12 - 2, compared);
    }

    /** A templates folder that is not there fails validate (when named) and build at once, before the data. */
    @Test
    void aMissingTemplatesFolderIsAnInputProblemBeforeAnyDataIsRead(@org.junit.jupiter.api.io.TempDir Path dir) {
        String missing = dir.resolve("nothere").toString();
        for (List<String> args : List.of(List.of("validate", "--templates", missing),
                List.of("build", "--templates", missing, "--output", dir.resolve("site").toString(), "--audit",
                        dir.resolve("audit").toString()))) {
            CliRun run = CliRun.of(args.toArray(String[]::new));
            assertEquals(Main.INPUT_PROBLEMS, run.status(), args + ": " + run.err());
            assertTrue(run.err().contains(missing + ":1: templates: the templates folder does not exist"),
                    run.err());
            assertFalse(run.err().contains("[1/9]") || run.out().contains("reports read"), "no data read: "
                    + run.err());
        }
        assertFalse(java.nio.file.Files.exists(dir.resolve("site")), "nothing published");
        // validate alone, with the default templates folder, does not need it
        assertEquals(0, CliRun.of("validate").status());
    }

    @Test
    void aPortOutOfRangeIsWrongUsageAtOnceAndSampleTakesVerbose(@org.junit.jupiter.api.io.TempDir Path dir)
            throws java.io.IOException {
        CliRun serve = CliRun.of("serve", "--port", "99999", "--output", dir.resolve("site").toString());
        assertEquals(2, serve.status(), serve.err());
        assertTrue(serve.err().contains("--port 99999 is not a port"), serve.err());
        assertFalse(java.nio.file.Files.exists(dir.resolve("site")), "nothing is built before the port is checked");
        // the preview watches its content folder: an output inside it would rebuild without end
        Path content = CliRun.contentWithTaxonomy(dir);
        CliRun inside = CliRun.of("serve", "--port", "0", "--content", content.toString(), "--output",
                content.resolve("out").toString(), "--audit", dir.resolve("audit").toString());
        assertEquals(2, inside.status(), inside.err());
        assertTrue(inside.err().contains("is inside the content folder (--content)"), inside.err());
        // sample's one-line failure offers --verbose, which sample takes
        Path file = java.nio.file.Files.writeString(dir.resolve("a-file"), "");
        CliRun failed = CliRun.of("sample", "--output", file.toString());
        assertEquals(3, failed.status(), failed.err());
        assertTrue(failed.err().contains("run with --verbose"), failed.err());
        CliRun verbose = CliRun.of("sample", "--verbose", "--output", file.toString());
        assertEquals(3, verbose.status(), verbose.err());
        assertTrue(verbose.err().contains("\tat "), "the stack trace: " + verbose.err());
    }

    @Test
    void chartsAreWarmedUpOnlyForCommandsThatDrawThemOnEnoughData() {
        Map<Path, Long> sizes = Map.of(Path.of("big.csv"), 100_000L, Path.of("header.csv"), 80L,
                Path.of("content/data/reports.csv"), 6_000_000L, Path.of("lessons/data/reports.csv"), 80L);
        java.util.function.ToLongFunction<Path> sizeOf = p -> sizes.getOrDefault(p, 0L);
        assertTrue(Main.warmsCharts(List.of("build", "--reports", "big.csv"), sizeOf));
        assertTrue(Main.warmsCharts(List.of("digest", "--reports=big.csv"), sizeOf));
        assertTrue(Main.warmsCharts(List.of("build"), sizeOf)); // the default reports file
        assertFalse(Main.warmsCharts(List.of("build", "--content", "lessons"), sizeOf)); // its reports: a header
        assertFalse(Main.warmsCharts(List.of("build", "--reports", "header.csv"), sizeOf));
        assertFalse(Main.warmsCharts(List.of("build", "--reports", "missing.csv"), sizeOf));
        assertFalse(Main.warmsCharts(List.of("validate", "--reports", "big.csv"), sizeOf)); // draws nothing
        assertFalse(Main.warmsCharts(List.of(), sizeOf));
    }
}
