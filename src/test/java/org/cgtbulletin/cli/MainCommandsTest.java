package org.cgtbulletin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

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

    /** Progress lines carry the seconds since the start, which differ from run to run. */
    private static String untimed(String text) {
        return text.replaceAll("\\([0-9]+\\.[0-9] s\\)", "(seconds)");
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
}
