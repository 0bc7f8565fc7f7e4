package org.cgtbulletin.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.cgtbulletin.Bulletin;
import org.cgtbulletin.model.Problems;
import org.cgtbulletin.model.Progress;
import org.cgtbulletin.read.DatasetFiles;
import org.cgtbulletin.read.ValidationRules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The preview recycles the version of the site each re-render replaced as the next one's staging folder
 * ({@code publish.Recycling}, {@code site.SpareSite}): after every edit (text, a lesson added or deleted, a template,
 * a static file removed, the published site changed by hand) each publish is still, folder for folder and byte for
 * byte, the site a full build of the same inputs gives; pages an edit does not touch are left where they are, not
 * written again; and the spare is gone when the preview stops.
 */
class RecyclingTest {

    private static final Path GOLDEN = Path.of("src/test/resources/golden/input");
    private static final Path SHIPPED_TEMPLATES = Path.of("templates");

    @TempDir
    Path dir;

    private final Problems problems = new Problems();
    private int fresh;

    private Bulletin.BuildRequest request(Path content, Path templates, Path output, Bulletin.Preview preview) {
        return new Bulletin.BuildRequest(new DatasetFiles(content.resolve("data/reports.csv"),
                content.resolve("data/volumes.csv"), null, content.resolve("taxonomy.yaml")),
                new ValidationRules(LocalDate.of(2026, 11, 1), null), content, templates, output,
                dir.resolve("audit-" + output.getFileName()), null, null, preview);
    }

    @Test
    void everyRecycledPublishIsTheSiteAFullBuildGives() throws IOException {
        Path content = dir.resolve("content");
        Path templates = dir.resolve("templates");
        Path site = dir.resolve("site");
        copy(GOLDEN, content);
        copy(Path.of("templates"), templates);
        Path spare = dir.resolve("site." + ProcessHandle.current().pid() + ".spare");
        // A site built before the server starts: the server's first build replaces it, and keeps it as its spare.
        assertNotNull(Bulletin.build(request(content, templates, site, null), problems, Progress.NONE));
        Path untouched = site.resolve("methodology/index.html");
        FileTime written = Files.getLastModifiedTime(untouched);
        try (Bulletin.Preview preview = new Bulletin.Preview(site)) {
            Bulletin.BuildResult first = Bulletin.build(request(content, templates, site, preview), problems,
                    Progress.NONE);
            assertNotNull(first, problems.kept().toString());
            assertTrue(Files.isDirectory(spare), "the version replaced is kept for the next publish");
            // Publishes alternate between two folders: an untouched page is one of the two builds' files.
            java.util.Set<FileTime> builds = java.util.Set.of(written, Files.getLastModifiedTime(untouched));
            Bulletin.Prepared last = first.prepared();

            // Two passes per edit, as the server makes them, each staging into the spare the one before kept.
            Path lesson = content.resolve("lessons/sampling-ports.md");
            Files.writeString(lesson, Files.readString(lesson).replace("Swab the sampling port",
                    "Swab and cap the sampling port"));
            last = bothPasses(content, templates, site, preview, last);
            assertTrue(builds.contains(Files.getLastModifiedTime(untouched)), "an untouched page is kept, not"
                    + " written again, from the first re-render on (which stages into the site built before)");

            Files.writeString(content.resolve("lessons/new-lesson.md"), "---\ntitle: \"Label the bags before"
                    + " filling\"\nsummary: \"Pre-labelled bags.\"\nsteps: [expansion]\n---\nLabel first.\n");
            last = bothPasses(content, templates, site, preview, last);
            assertTrue(Files.isRegularFile(site.resolve("lessons/new-lesson/index.html")));
            assertTrue(builds.contains(Files.getLastModifiedTime(untouched)),
                    "a page the edits do not touch stays in the recycled folder, not written again");

            Files.delete(content.resolve("lessons/new-lesson.md"));
            last = bothPasses(content, templates, site, preview, last);
            assertFalse(Files.exists(site.resolve("lessons/new-lesson")), "a deleted lesson's page and folder go");

            Path layout = templates.resolve("layout.ftlh");
            Files.writeString(layout, Files.readString(layout).replace("</footer>", "<p>Preview</p></footer>"));
            Files.delete(templates.resolve("static/search.js"));
            Files.createDirectories(templates.resolve("static/img"));
            Files.writeString(templates.resolve("static/img/mark.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
            last = bothPasses(content, templates, site, preview, last);
            assertFalse(Files.exists(site.resolve("assets/search.js")), "a static file removed is not published");

            // The published site changed by another hand while served (a build into the same folder, say): the
            // next publish replaces it, the one after that recycles it, and neither keeps anything stale.
            Files.writeString(site.resolve("methodology/index.html"), "changed by hand");
            Files.writeString(site.resolve("lessons/index.html"), "changed by hand");
            Files.writeString(site.resolve("stray.txt"), "not the site's");
            Files.createDirectories(site.resolve("stray/deeper"));
            Files.createDirectories(site.resolve("stray/empty"));
            Files.writeString(site.resolve("stray/deeper/file.txt"), "not the site's");
            Files.writeString(lesson, Files.readString(lesson) + "\nA last line.\n");
            last = bothPasses(content, templates, site, preview, last);
            Files.writeString(lesson, Files.readString(lesson) + "\nAnd another.\n");
            last = bothPasses(content, templates, site, preview, last);
        }
        assertFalse(Files.exists(spare), "the spare is deleted when the preview stops");
    }

    @Test
    void aServerStartedOnANewFolderCopiesItsFirstSiteSoThatTheFirstEditIsQuick() throws IOException {
        Path content = goldenContent();
        Path site = dir.resolve("new-site");
        Path templates = dir.resolve("templates");
        copy(SHIPPED_TEMPLATES, templates);
        Path untouched = site.resolve("methodology/index.html");
        try (Bulletin.Preview preview = new Bulletin.Preview(site)) {
            Bulletin.BuildResult first = Bulletin.build(request(content, templates, site, preview), problems,
                    Progress.NONE);
            assertNotNull(first, problems.kept().toString());
            Object built = Files.readAttributes(untouched.getParent(), BasicFileAttributes.class).fileKey();
            // The copy is made on a thread of its own and renamed into place once complete: wait for it, so that
            // its files are older than the edit's pass.
            Path spare = dir.resolve("new-site." + ProcessHandle.current().pid() + ".spare");
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (!Files.isDirectory(spare) && System.nanoTime() < deadline) {
                sleep(20);
            }
            assertTrue(Files.isDirectory(spare), "a copy of the first site is made");
            Path lesson = content.resolve("lessons/sampling-ports.md");
            Files.writeString(lesson, Files.readString(lesson) + "\nOne more line.\n");
            FileTime before = FileTime.from(java.time.Instant.now().minusMillis(1));
            Bulletin.BuildResult pages = Bulletin.rerender(request(content, templates, site, preview),
                    first.prepared(), Bulletin.Pass.PAGES, problems, Progress.NONE);
            assertNotNull(pages, problems.kept().toString());
            BasicFileAttributes now = Files.readAttributes(untouched, BasicFileAttributes.class);
            assertNotEquals(built, Files.readAttributes(untouched.getParent(), BasicFileAttributes.class).fileKey(),
                    "the first edit publishes the copy made of the first site");
            assertTrue(now.lastModifiedTime().compareTo(before) < 0, "an untouched page of it is kept as copied,"
                    + " not written by the edit's pass");
            assertPagesAsAFullBuild(content, templates, site, "the first edit's pages pass");

            // The pages the copy linked are now shared between the site and its spare versions: over more edits,
            // and a re-render that fails midway, no published file changes but by a publish.
            Bulletin.Prepared last = pages.prepared();
            for (int edit = 0; edit < 3; edit++) {
                Files.writeString(lesson, Files.readString(lesson) + "\nEdit " + edit + ".\n");
                Bulletin.BuildResult pass = Bulletin.rerender(request(content, templates, site, preview), last,
                        Bulletin.Pass.PAGES, problems, Progress.NONE);
                assertNotNull(pass, problems.kept().toString());
                assertPagesAsAFullBuild(content, templates, site, "edit " + edit);
                last = pass.prepared();
            }
            Map<String, String> published = stamped(site);
            Files.writeString(lesson, Files.readString(lesson) + "\nA failed edit.\n");
            Path feed = templates.resolve("feed.ftlx");
            Files.writeString(feed, Files.readString(feed) + "${no.such.value}");
            Problems failed = new Problems();
            assertEquals(null, Bulletin.rerender(request(content, templates, site, preview), last,
                    Bulletin.Pass.PAGES, failed, Progress.NONE), "a template error: nothing published");
            assertTrue(failed.hasErrors());
            assertEquals(published, stamped(site), "a failed re-render leaves every published file as it was,"
                    + " bytes, size, time and file, though it rendered pages into a folder sharing them");
        }
        assertEquals(List.of(), Files.list(dir).map(p -> p.getFileName().toString())
                .filter(n -> n.startsWith("new-site.")).toList(), "nothing left beside the site");
    }

    @Test
    void aFullBuildOfTheServerReadsEveryFileAgain() throws IOException {
        Path lesson = goldenContent().resolve("lessons/sampling-ports.md");
        Path content = lesson.getParent().getParent();
        Path site = dir.resolve("site");
        Path templates = SHIPPED_TEMPLATES;
        FileTime old = FileTime.from(java.time.Instant.now().minusSeconds(3600));
        Files.setLastModifiedTime(lesson, old);
        try (Bulletin.Preview preview = new Bulletin.Preview(site)) {
            assertNotNull(Bulletin.build(request(content, templates, site, preview), problems, Progress.NONE),
                    problems.kept().toString());
            // The same size and, set back by hand, the same time: the one change a file's stamp cannot show.
            String text = Files.readString(lesson);
            assertTrue(text.contains("Swab the sampling port"));
            Files.writeString(lesson, text.replace("Swab the sampling port", "Wipe the sampling port"));
            Files.setLastModifiedTime(lesson, old);
            assertNotNull(Bulletin.build(request(content, templates, site, preview), problems, Progress.NONE),
                    problems.kept().toString());
            assertTrue(Files.readString(site.resolve("lessons/sampling-ports/index.html"))
                    .contains("Wipe the sampling port"), "a full build (a data change, in the server) reads it");
        }
    }

    /** The pages pass and the digests pass of one edit; each publish checked against a full build. */
    private Bulletin.Prepared bothPasses(Path content, Path templates, Path site, Bulletin.Preview preview,
            Bulletin.Prepared data) throws IOException {
        Bulletin.BuildResult pages = Bulletin.rerender(request(content, templates, site, preview), data,
                Bulletin.Pass.PAGES, problems, Progress.NONE);
        assertNotNull(pages, problems.kept().toString());
        assertPagesAsAFullBuild(content, templates, site, "the pages pass");
        Bulletin.BuildResult digests = Bulletin.rerender(request(content, templates, site, preview),
                pages.prepared(), Bulletin.Pass.PAGES_AND_DIGESTS, problems, Progress.NONE);
        assertNotNull(digests, problems.kept().toString());
        assertSame(fullBuild(content, templates), tree(site), "the digests pass");
        return digests.prepared();
    }

    /** Every file of {@code root}: its bytes, and its stamp (size, time, file key). */
    private static Map<String, String> stamped(Path root) throws IOException {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
                m.put(root.relativize(f).toString(), a.size() + " " + a.lastModifiedTime() + " " + a.fileKey() + " "
                        + new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
            }
        }
        return m;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code site} is a full build's but for the digests, which a pages pass carries over. */
    private void assertPagesAsAFullBuild(Path content, Path templates, Path site, String what) throws IOException {
        Map<String, String> full = fullBuild(content, templates);
        Map<String, String> published = tree(site);
        full.keySet().removeIf(p -> p.startsWith("digests/") && !p.equals("digests/"));
        published.keySet().removeIf(p -> p.startsWith("digests/") && !p.equals("digests/"));
        assertSame(full, published, what);
    }

    private Map<String, String> fullBuild(Path content, Path templates) throws IOException {
        Path out = dir.resolve("full-" + fresh++);
        assertNotNull(Bulletin.build(request(content, templates, out, null), problems, Progress.NONE),
                problems.kept().toString());
        return tree(out);
    }

    private static void assertSame(Map<String, String> expected, Map<String, String> actual, String what) {
        assertEquals(expected.keySet(), actual.keySet(), what + ": the same folders and files as a full build");
        expected.forEach((p, bytes) -> assertEquals(bytes, actual.get(p), what + ": " + p + " as a full build"));
    }

    /** Every folder (with a trailing '/') and file under {@code root}, files with their bytes. */
    private static Map<String, String> tree(Path root) throws IOException {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.filter(p -> !p.equals(root)).toList()) {
                String name = root.relativize(p).toString().replace('\\', '/');
                if (Files.isDirectory(p)) {
                    m.put(name + "/", "");
                } else {
                    m.put(name, new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1));
                }
            }
        }
        return m;
    }

    private static void copy(Path from, Path to) throws IOException {
        RerenderTest.copy(from, to);
    }

    /** The golden input, copied to be edited. */
    private Path goldenContent() throws IOException {
        Path content = dir.resolve("content");
        copy(GOLDEN, content);
        return content;
    }
}
