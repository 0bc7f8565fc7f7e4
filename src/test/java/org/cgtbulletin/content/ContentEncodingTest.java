package org.cgtbulletin.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.cgtbulletin.model.Problems;
import org.cgtbulletin.model.Taxonomy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Markdown files' bytes: plain ASCII is taken as it is, anything else goes through the checked UTF-8 decoder,
 * which drops a byte-order mark and turns CRLF line ends into LF; bytes that are not UTF-8 are a located problem.
 */
class ContentEncodingTest {

    private static EditorialContent read(Path content, Problems problems) throws IOException {
        return ContentReader.read(content, false, new Taxonomy(Map.of()), problems);
    }

    private static void page(Path content, String name, byte[] bytes) throws IOException {
        Files.createDirectories(content.resolve("pages"));
        Files.write(content.resolve("pages").resolve(name), bytes);
    }

    @Test
    void everyEncodingGivesTheSamePage(@TempDir Path dir) throws IOException {
        String text = "---\ntitle: \"Caf\u00e9 notes\"\n---\n# Heading\n\nA line\nand the next.\n";
        String ascii = text.replace("\u00e9", "e");
        page(dir, "ascii.md", ascii.getBytes(StandardCharsets.US_ASCII));
        page(dir, "crlf.md", ascii.replace("\n", "\r\n").getBytes(StandardCharsets.US_ASCII));
        page(dir, "utf8.md", text.getBytes(StandardCharsets.UTF_8));
        page(dir, "bom.md", ("\uFEFF" + text.replace("\n", "\r\n")).getBytes(StandardCharsets.UTF_8));
        Problems problems = new Problems();
        EditorialContent content = read(dir, problems);
        assertFalse(problems.hasErrors(), problems.kept().toString());
        Map<String, EditorialContent.Page> pages = content.pages();
        assertEquals("<h2>Heading</h2>\n<p>A line\nand the next.</p>\n", pages.get("ascii").html()); // below the title
        assertEquals(pages.get("ascii").html(), pages.get("crlf").html());
        assertEquals(pages.get("ascii").html(), pages.get("utf8").html());
        assertEquals(pages.get("ascii").html(), pages.get("bom").html());
        assertEquals("Cafe notes", pages.get("crlf").title());
        assertEquals("Caf\u00e9 notes", pages.get("utf8").title());
        assertEquals("Caf\u00e9 notes", pages.get("bom").title());
    }

    @Test
    void bytesThatAreNotUtf8AreALocatedProblem(@TempDir Path dir) throws IOException {
        page(dir, "latin1.md", "# Caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        Problems problems = new Problems();
        read(dir, problems);
        assertTrue(problems.hasErrors());
        assertTrue(problems.kept().toString().contains("latin1.md") && problems.kept().toString()
                .contains("not valid UTF-8"), problems.kept().toString());
    }
}
