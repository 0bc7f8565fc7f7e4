package org.cgtbulletin.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

import org.cgtbulletin.model.FileStamp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The spare that seeds the preview's recycling ({@link SpareSite#copy}): pages as the memo recorded them are linked,
 * others copied if their bytes are the recorded ones, the rest left out; and a page written into the spare replaces
 * its file, so that the published page it is linked to never changes before a publish.
 */
class SpareSiteTest {

    @TempDir
    Path dir;

    private static PageMemo.Entry entry(Path file, String bytes) throws IOException {
        return new PageMemo.Entry(7, PageMemo.digest(bytes.getBytes(StandardCharsets.UTF_8)), FileStamp.of(file),
                null);
    }

    private static Path page(Path site, String path, String text) throws IOException {
        Path file = site.resolve(path + "index.html");
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    @Test
    void pagesAsRecordedAreLinkedAndAPageWrittenOverOneReplacesItsFile() throws IOException {
        Path site = dir.resolve("site");
        Path same = page(site, "lessons/a/", "lesson a");
        Path touched = page(site, "lessons/b/", "lesson b");
        Path edited = page(site, "lessons/c/", "lesson c");
        PageMemo memo = PageMemo.empty();
        memo.put("lessons/a/", entry(same, "lesson a"));
        memo.put("lessons/b/", entry(touched, "lesson b"));
        memo.put("lessons/c/", entry(edited, "lesson c"));
        memo.put("lessons/gone/", new PageMemo.Entry(7, 1, null, null));
        // b's time changed (same bytes), c's bytes changed by hand
        Files.setLastModifiedTime(touched, FileTime.fromMillis(Files.getLastModifiedTime(touched).toMillis() - 5000));
        Files.writeString(edited, "lesson c, changed by hand");

        Path copy = Files.createDirectories(dir.resolve("copy"));
        SpareSite spare = SpareSite.copy(site, copy, memo);
        Path linked = copy.resolve("lessons/a/index.html");
        assertTrue(Files.isSameFile(linked, same), "a page with the recorded stamp is linked, not copied");
        assertFalse(Files.isSameFile(copy.resolve("lessons/b/index.html"), touched), "another stamp: copied");
        assertEquals("lesson b", Files.readString(copy.resolve("lessons/b/index.html")));
        assertFalse(Files.exists(copy.resolve("lessons/c")), "bytes not as recorded: left out");
        assertFalse(Files.exists(copy.resolve("lessons/gone")));

        assertNotNull(spare.keep(copy, "lessons/a/", 7), "a linked page is kept as it is");
        assertNotNull(spare.keep(copy, "lessons/b/", 7), "so is a copied one");
        assertNull(spare.keep(copy, "lessons/c/", 7));
        assertNull(spare.keep(copy, "lessons/a/", 8), "not when its inputs changed");

        // The re-render writes the page anew: the published page, the same file until now, stays as it was.
        Templates.write(linked, "lesson a, edited".getBytes(StandardCharsets.UTF_8));
        assertEquals("lesson a, edited", Files.readString(linked));
        assertEquals("lesson a", Files.readString(same));
        assertFalse(Files.isSameFile(linked, same));
    }
}
