package org.cgtbulletin.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** Runs the CLI in-process with a fixed clock (2026-11-25) and captures its streams. */
public record CliRun(int status, String out, String err) {

    public static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);

    public static CliRun of(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), CLOCK);
        return new CliRun(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** A content folder holding a copy of the project's taxonomy, for tests that bring their own data. */
    public static Path contentWithTaxonomy(Path dir) throws IOException {
        Path content = dir.resolve("content");
        Files.createDirectories(content.resolve("data"));
        Files.copy(Path.of("content", "taxonomy.yaml"), content.resolve("taxonomy.yaml"));
        return content;
    }
}
