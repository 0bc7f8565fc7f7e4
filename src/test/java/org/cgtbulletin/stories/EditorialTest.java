package org.cgtbulletin.stories;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import org.cgtbulletin.model.Problem;
import org.cgtbulletin.model.Problems;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** content/stories.yaml is parsed strictly, and every problem is located. */
class EditorialTest {

    @TempDir
    Path dir;

    private Editorial read(String yaml, Problems problems) throws IOException {
        Files.writeString(dir.resolve("stories.yaml"), yaml);
        return Editorial.read(dir, problems);
    }

    private static String lines(Problems p) {
        return p.kept().stream().map(x -> x.file().replaceAll(".*/", "") + ":" + x.line() + ": " + x.field() + ": "
                + (x.isError() ? "" : "warning: ") + x.message()).collect(Collectors.joining("\n"));
    }

    @Test
    void noFileMeansNoChoices() throws IOException {
        Problems p = new Problems();
        Editorial e = Editorial.read(dir, p);
        assertEquals(List.of(), e.choices());
        assertEquals(0, p.total());
    }

    @Test
    void featureAndHoldWithOptionalReasons() throws IOException {
        Problems p = new Problems();
        Editorial e = read("# editors\nfeature:\n  - R-000289\n  - R-7\nhold:\n  - R-000454\n  - id: R-000790\n"
                + "    reason: waiting for the CAPA\n", p);
        assertEquals(0, p.total(), lines(p));
        assertEquals(List.of(new Editorial.Choice("R-000289", Editorial.Action.FEATURE, null, 3),
                new Editorial.Choice("R-7", Editorial.Action.FEATURE, null, 4),
                new Editorial.Choice("R-000454", Editorial.Action.HOLD, null, 6),
                new Editorial.Choice("R-000790", Editorial.Action.HOLD, "waiting for the CAPA", 7)), e.choices());
    }

    @Test
    void emptyListsAndAnEmptyFileAreFine() throws IOException {
        Problems p = new Problems();
        assertEquals(List.of(), read("feature:\nhold: []\n", p).choices());
        assertEquals(List.of(), read("# nothing yet\n", p).choices());
        assertEquals(0, p.total());
    }

    @Test
    void anUnknownKeyIsALocatedError() throws IOException {
        Problems p = new Problems();
        assertNull(read("feature:\n  - R-1\nfeatured:\n  - R-2\n", p));
        assertEquals("stories.yaml:3: featured: unknown key 'featured'; known keys are feature and hold", lines(p));
    }

    @Test
    void badValuesAreLocatedErrors() throws IOException {
        Problems p = new Problems();
        assertNull(read("feature: R-1\nhold:\n  - R 2\n  - {id: R-3, why: x}\n  - [R-4]\n", p));
        String all = lines(p);
        assertTrue(all.contains("stories.yaml:1: feature: expected a list of report ids"), all);
        assertTrue(all.contains("stories.yaml:3: hold: 'R 2' is not a report id"), all);
        assertTrue(all.contains("stories.yaml:4: hold: unknown key 'why' in an entry; known keys are id and reason"),
                all);
        assertTrue(all.contains("stories.yaml:5: hold: expected a report id"), all);
    }

    @Test
    void featuredAndHeldIsAnErrorTwiceIsAWarning() throws IOException {
        Problems p = new Problems();
        assertNull(read("feature:\n  - R-1\n  - R-1\nhold:\n  - R-1\n", p));
        assertEquals("stories.yaml:3: feature: warning: report 'R-1' is listed twice (first on line 2)\n"
                + "stories.yaml:5: hold: report 'R-1' is both featured and held (line 2); keep it in one list",
                lines(p));
    }

    @Test
    void invalidYamlIsALocatedError() throws IOException {
        Problems p = new Problems();
        assertNull(read("feature:\n  - R-1\n hold: [\n", p));
        Problem first = p.kept().get(0);
        assertEquals("yaml", first.field());
        assertNotNull(first.message());
        assertTrue(first.line() >= 2, lines(p));
    }
}
