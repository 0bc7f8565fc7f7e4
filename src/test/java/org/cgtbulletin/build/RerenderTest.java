package org.cgtbulletin.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
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
 * The preview's fast path: after an edit of the Markdown, re-rendering over the prepared data publishes the pages
 * first (digests carried over), then exactly the site a full build of the edited inputs publishes.
 */
class RerenderTest {

    private static final Path GOLDEN = Path.of("src/test/resources/golden/input");

    private static final String CONTENT = "content";
    private static final String PREVIEW = "preview";

    @TempDir
    Path dir;

    /** The problems of the test's builds. */
    private final Problems problems = new Problems();

    private Bulletin.BuildRequest request(Path content, Path output) {
        return request(content, Path.of("templates"), output, false);
    }

    private Bulletin.BuildRequest request(Path content, Path templates, Path output, boolean preview) {
        return new Bulletin.BuildRequest(new DatasetFiles(content.resolve("data/reports.csv"),
                content.resolve("data/volumes.csv"), null, content.resolve("taxonomy.yaml")),
                new ValidationRules(LocalDate.of(2026, 11, 1), null), content, templates, output,
                dir.resolve("audit-" + output.getFileName()), null, null,
                preview ? previews.computeIfAbsent(output, Bulletin.Preview::new) : null);
    }

    /** The preview state of each output folder, as a server keeps one for its life. */
    private final Map<Path, Bulletin.Preview> previews = new java.util.HashMap<>();

    @org.junit.jupiter.api.AfterEach
    void stopPreviews() throws IOException {
        for (Bulletin.Preview p : previews.values()) {
            p.close();
        }
    }

    /** The golden input copied to {@code content}, built into {@code preview} (remembering its pages or not). */
    private Bulletin.BuildResult built(Path templates, boolean remember) throws IOException {
        Path content = dir.resolve(CONTENT);
        Path preview = dir.resolve(PREVIEW);
        copy(GOLDEN, content);
        Bulletin.BuildResult first = Bulletin.build(request(content, templates, preview, remember), problems,
                Progress.NONE);
        assertNotNull(first, problems.toString());
        return first;
    }

    @Test
    void pagesFirstThenDigestsGiveTheSiteAFullBuildGives() throws IOException {
        Bulletin.BuildResult first = built(Path.of("templates"), false);
        Path content = dir.resolve(CONTENT);
        Path preview = dir.resolve(PREVIEW);
        Map<Path, String> before = snapshot(preview);

        Path lesson = content.resolve("lessons/sampling-ports.md");
        Files.writeString(lesson, Files.readString(lesson).replace("Swab the sampling port",
                "Swab and cap the sampling port"));
        Bulletin.BuildResult pages = Bulletin.rerender(request(content, preview), first.prepared(),
                Bulletin.Pass.PAGES, problems, Progress.NONE);
        assertNotNull(pages, problems.toString());
        assertEquals(java.util.List.of("read and validate", "render site", "render PDF digests", "publish"),
                java.util.List.copyOf(pages.stageTimes().keySet()), "only the Markdown is read; nothing is"
                        + " aggregated, protected or analysed again");
        Map<Path, String> afterPages = snapshot(preview);
        assertTrue(afterPages.get(Path.of("lessons/sampling-ports/index.html")).contains("Swab and cap"));
        for (Path p : before.keySet()) {
            if (p.startsWith("digests") || p.toString().endsWith(".svg")) {
                assertEquals(before.get(p), afterPages.get(p), p + ": carried over as it was");
            }
        }

        Bulletin.BuildResult digests = Bulletin.rerender(request(content, preview), first.prepared(),
                Bulletin.Pass.PAGES_AND_DIGESTS, problems, Progress.NONE);
        assertNotNull(digests, problems.toString());
        assertTrue(digests.digestsKept() < digests.digests(), "the digest featuring the lesson is rendered again");

        Path fresh = dir.resolve("fresh");
        assertNotNull(Bulletin.build(request(content, fresh), problems, Progress.NONE), problems.toString());
        Map<Path, String> full = snapshot(fresh);
        assertEquals(full.keySet(), snapshot(preview).keySet());
        full.forEach((p, bytes) -> assertEquals(bytes, snapshotOne(preview.resolve(p)), p + " as a full build"));
        assertNotEquals(before.get(Path.of("lessons/sampling-ports/index.html")),
                full.get(Path.of("lessons/sampling-ports/index.html")));
    }

    @Test
    void onlyThePagesAnEditChangesAreRenderedAndTheSiteIsStillTheOneAFullBuildGives() throws IOException {
        Bulletin.BuildResult first = built(Path.of("templates"), true);
        Path content = dir.resolve(CONTENT);
        Path preview = dir.resolve(PREVIEW);
        assertEquals(first.pages(), first.prepared().pages().size(), "the preview's build remembers every page");
        Path lessonPage = Path.of("lessons/sampling-ports/index.html");
        String original = snapshot(preview).get(lessonPage);

        Path lesson = content.resolve("lessons/sampling-ports.md");
        String text = Files.readString(lesson);
        Files.writeString(lesson, text.replace("Swab the sampling port", "Swab and cap the sampling port"));
        Bulletin.BuildResult pages = Bulletin.rerender(request(content, preview), first.prepared(),
                Bulletin.Pass.PAGES, problems, Progress.NONE);
        assertNotNull(pages, problems.toString());
        int rendered = pages.pages() - pages.pagesCopied();
        assertTrue(rendered >= 1 && rendered < pages.pages() / 2, rendered + " of " + pages.pages()
                + " pages rendered for an edit of one lesson's text");
        assertTrue(snapshot(preview).get(lessonPage).contains("Swab and cap"));

        Bulletin.BuildResult digests = Bulletin.rerender(request(content, preview), pages.prepared(),
                Bulletin.Pass.PAGES_AND_DIGESTS, problems, Progress.NONE);
        assertNotNull(digests, problems.toString());
        assertEquals(digests.pages(), digests.pagesCopied(), "nothing changed since the pages were published");
        Path fresh = dir.resolve("fresh");
        assertNotNull(Bulletin.build(request(content, fresh), problems, Progress.NONE), problems.toString());
        Map<Path, String> full = snapshot(fresh);
        assertEquals(full, snapshot(preview), "the pages copied and rendered make the site a full build makes");

        // The edit undone, re-rendered over the first build's memo, which is out of date: its record of the lesson's
        // page matches the page's inputs again, but the file published now is not the one it recorded, so the page
        // is rendered, not copied.
        Files.writeString(lesson, text);
        Bulletin.BuildResult undone = Bulletin.rerender(request(content, preview), first.prepared(),
                Bulletin.Pass.PAGES, problems, Progress.NONE);
        assertNotNull(undone, problems.toString());
        assertEquals(original, snapshot(preview).get(lessonPage));
    }

    /**
     * A lesson's page is made from the lesson alone (and the data and templates, the same in every re-render): after
     * an edit of one lesson, the other lessons' pages make no model, their inputs known from the memo; the site is
     * still the one a full build gives.
     */
    @Test
    void theOtherLessonsPagesNeedNoModelWhenOneLessonIsEdited() throws IOException {
        Path content = dir.resolve(CONTENT);
        Path preview = dir.resolve(PREVIEW);
        copy(GOLDEN, content);
        Files.writeString(content.resolve("lessons/label-bags.md"), "---\ntitle: \"Label the bags before filling\"\n"
                + "summary: \"Pre-labelled bags.\"\nsteps: [expansion]\n---\nLabel first.\n");
        Bulletin.BuildResult first = Bulletin.build(request(content, Path.of("templates"), preview, true), problems,
                Progress.NONE);
        assertNotNull(first, problems.toString());
        assertEquals(first.pages(), first.pageModels(), "a build makes every page's model");
        long lessons;
        try (Stream<Path> files = Files.list(content.resolve("lessons"))) {
            lessons = files.count();
        }

        Path lesson = content.resolve("lessons/sampling-ports.md");
        Files.writeString(lesson, Files.readString(lesson).replace("Swab the sampling port",
                "Swab and cap the sampling port"));
        Bulletin.BuildResult pages = Bulletin.rerender(request(content, Path.of("templates"), preview, true),
                first.prepared(), Bulletin.Pass.PAGES, problems, Progress.NONE);
        assertNotNull(pages, problems.toString());
        assertEquals(pages.pages() - (lessons - 1), pages.pageModels(),
                "the unchanged lessons' pages make no model");
        Bulletin.BuildResult digests = Bulletin.rerender(request(content, Path.of("templates"), preview, true),
                pages.prepared(), Bulletin.Pass.PAGES_AND_DIGESTS, problems, Progress.NONE);
        assertNotNull(digests, problems.toString());
        assertEquals(digests.pages() - lessons, digests.pageModels(), "no lesson changed since");
        assertEquals(digests.pages(), digests.pagesCopied());

        // A page known unchanged from its lesson whose published file was changed by hand is rendered after all, from
        // a model made then (whose digest the tests' assertions check against the one remembered).
        Path labelBags = preview.resolve("lessons/label-bags/index.html");
        Files.writeString(labelBags, "changed by hand");
        Bulletin.BuildResult again = Bulletin.rerender(request(content, preview), digests.prepared(),
                Bulletin.Pass.PAGES, problems, Progress.NONE);
        assertNotNull(again, problems.toString());
        assertEquals(again.pages() - lessons + 1, again.pageModels(), "the changed page's model is made");
        assertEquals(again.pages() - 1, again.pagesCopied());

        Path fresh = dir.resolve("fresh");
        assertNotNull(Bulletin.build(request(content, fresh), problems, Progress.NONE), problems.toString());
        assertEquals(snapshot(fresh), snapshot(preview), "the site a full build gives");
        assertTrue(snapshot(preview).get(Path.of("lessons/sampling-ports/index.html")).contains("Swab and cap"));
    }

    @Test
    void anEditOfATemplateRendersEveryPage() throws IOException {
        Path templates = dir.resolve("templates");
        copy(Path.of("templates"), templates);
        Bulletin.BuildResult first = built(templates, true);
        Path content = dir.resolve(CONTENT);
        Path preview = dir.resolve(PREVIEW);
        Bulletin.BuildResult same = Bulletin.rerender(request(content, templates, preview, true), first.prepared(),
                Bulletin.Pass.PAGES, problems, Progress.NONE);
        assertNotNull(same, problems.toString());
        assertEquals(same.pages(), same.pagesCopied(), "nothing edited, nothing rendered");
        Path layout = templates.resolve("layout.ftlh");
        Files.writeString(layout, Files.readString(layout) + "<#-- edited -->\n");
        Bulletin.BuildResult edited = Bulletin.rerender(request(content, templates, preview, true),
                same.prepared(), Bulletin.Pass.PAGES, problems, Progress.NONE);
        assertNotNull(edited, problems.toString());
        assertEquals(0, edited.pagesCopied(), "a template may be included by any page");
    }

    @Test
    void anEditOfATemplateInAFolderReachedThroughASymbolicLinkRendersEveryPage() throws IOException {
        Path real = dir.resolve("elsewhere/templates");
        copy(Path.of("templates"), real);
        Path templates = Files.createSymbolicLink(dir.resolve("templates"), real);
        Bulletin.BuildResult first = built(templates, true);
        Path content = dir.resolve(CONTENT);
        Path preview = dir.resolve(PREVIEW);
        Path layout = real.resolve("layout.ftlh");
        Files.writeString(layout, Files.readString(layout).replace("</body>", "<p>edited</p></body>"));
        Bulletin.BuildResult edited = Bulletin.rerender(request(content, templates, preview, true),
                first.prepared(), Bulletin.Pass.PAGES, problems, Progress.NONE);
        assertNotNull(edited, problems.toString());
        assertEquals(0, edited.pagesCopied());
        assertTrue(snapshot(preview).get(Path.of("lessons/index.html")).contains("<p>edited</p>"));
    }

    @Test
    void anEditThatBringsADenylistedTermIsRefusedAndThePreviewStaysAsItWas() throws IOException {
        Path content = dir.resolve("content");
        copy(GOLDEN, content);
        Path denylist = Files.writeString(dir.resolve("deny.txt"), "Halvorsen Biologics\n");
        Path preview = dir.resolve("preview");
        Bulletin.BuildRequest plain = request(content, preview);
        Bulletin.BuildRequest req = new Bulletin.BuildRequest(new DatasetFiles(plain.files().reports(),
                plain.files().volumes(), denylist, plain.files().taxonomy()), plain.rules(), content,
                plain.templates(), preview, plain.audit(), null, null, null);
        Bulletin.BuildResult first = Bulletin.build(req, problems, Progress.NONE);
        assertNotNull(first, problems.toString());
        Map<Path, String> before = snapshot(preview);
        Path lesson = content.resolve("lessons/sampling-ports.md");
        Files.writeString(lesson, Files.readString(lesson) + "\nAs Halvorsen Biologics found.\n");
        Problems edit = new Problems();
        assertEquals(null, Bulletin.rerender(req, first.prepared(), Bulletin.Pass.PAGES, edit, Progress.NONE));
        assertTrue(edit.kept().toString().contains("'Halvorsen Biologics' is a term of the denylist"),
                edit.kept().toString());
        assertEquals(before, snapshot(preview));
    }

    /** Copies a folder, as the tests' inputs are copied to be edited. */
    static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
    }

    private static String snapshotOne(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Map<Path, String> snapshot(Path root) throws IOException {
        Map<Path, String> m = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                m.put(root.relativize(p), snapshotOne(p));
            }
        }
        return m;
    }
}
