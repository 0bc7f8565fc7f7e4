package org.cgtbulletin.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

/** Which edits the preview re-renders over the data it already has, and which need a full build. */
class ServeFastPathTest {

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
}
