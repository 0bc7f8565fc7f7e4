package org.cgtbulletin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.TreeSet;

import org.cgtbulletin.Bulletin;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which edits the preview re-renders over the data it already has, and which need a full build. */
class ServeFastPathTest {

    @TempDir
    Path dir;

    private static boolean fast(String... files) {
        ServeCommand serve = new ServeCommand(null);
        serve.inputs.content = Path.of("content");
        serve.inputs.templates = Path.of("templates");
        TreeSet<Path> changes = new TreeSet<>();
        for (String f : files) {
            changes.add(Path.of(f));
        }
        return serve.editorialOnly(changes);
    }

    @Test
    void markdownAndTemplatesTakeTheFastPath() {
        assertTrue(fast("content/lessons/chain-of-identity.md"));
        assertTrue(fast("content/bulletins/2026-q3.md", "content/pages/about.md", "templates/layout.ftlh",
                "templates/static/style.css", "templates/digest/digest.ftlx"));
    }

    @Test
    void dataSettingsTaxonomyAndStoriesNeedAFullBuild() {
        assertFalse(fast("content/data/reports.csv"));
        assertFalse(fast("content/data/notes.md"), "anything under data/ is data");
        assertFalse(fast("content/bulletin.yaml"));
        assertFalse(fast("content/taxonomy.yaml"));
        assertFalse(fast("content/stories.yaml"));
        assertFalse(fast("content/lessons/a.md", "/elsewhere/reports.csv"), "one data change is enough");
        assertFalse(fast("templates"), "the folder itself vanished or appeared");
    }

    @Test
    void aRebuildThatCannotWriteFailsWithAMessageAndTheServerGoesOn() throws IOException {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        ServeCommand serve = new ServeCommand(new Session(new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8), errStream, Clock.fixed(Instant.parse("2026-11-01T00:00:00Z"),
                ZoneOffset.UTC), false));
        serve.inputs.content = Path.of("src/test/resources/golden/input");
        serve.inputs.templates = Path.of("templates");
        Path file = Files.writeString(dir.resolve("a-file"), "not a folder");
        serve.output = file.resolve("site"); // its parent is a file: nothing can be written there
        serve.audit = dir.resolve("audit");
        BuildCommand.Outcome outcome = serve.rebuild(null, Bulletin.Pass.BUILD);
        assertEquals(Main.FAILURE, outcome.status());
        assertNull(outcome.prepared(), "the next change is built in full");
        String said = err.toString(StandardCharsets.UTF_8);
        assertTrue(said.contains("bulletin serve: could not rebuild: ") && said.contains("a-file")
                && said.contains("still serving the site last published"), said);
    }
}
