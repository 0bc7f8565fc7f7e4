package org.cgtbulletin.site;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.cgtbulletin.model.Problems;

/**
 * The site stage: renders every page of the published-site contract from the protected, analysed numbers and
 * the editorial Markdown, through the Freemarker templates of {@code --templates}, into the publisher's staging
 * folder. Pages link to each other relatively (so the site also works opened from disk); canonical URLs, the
 * feed and the sitemap use the configured base URL. Nothing is loaded from another host.
 */
public final class Site {

    /**
     * What was rendered: every page's folder path (for the build summary), the chart count, how many pages were copied
     * from the published site because nothing they are made from changed, the memo of the pages published now
     * (null when none is kept; see {@link #render}), and how many pages' models were made (the others were known
     * unchanged from what they are made from: {@code Pages#page} with a source).
     */
    public record Result(List<String> pages, int charts, int pagesCopied, PageMemo memo, int modelsMade) {
    }

    private Site() {
    }

    /**
     * Renders the site into {@code out}. {@code sameData} is a site rendered earlier from the very same data (cells
     * and taxonomy), whose charts are copied instead of drawn again (the preview's fast path), or null.
     * {@code memo}, when not null, is what the preview remembers of the pages published in {@code sameData} (an
     * empty memo for the first render): each page whose templates and model are those it was published from is
     * copied from there instead of rendered, so that an edit re-renders only the pages that depend on it; the
     * result then carries the memo of the pages rendered now. A full build passes null: it renders every page and
     * keeps no memo. The caller writes the data files (cells, signals, stories) into {@code out/data}, perhaps while
     * the pages are rendered; the data page links them all. A template error is a located problem (the template file
     * and line) and gives null; the caller then publishes nothing.
     */
    /**
     * Whether the templates folder exists; if not, an input problem says so. {@code validate} and {@code build}
     * check this first, so that neither reads the data for nothing.
     */
    public static boolean templatesFound(Path templatesDir, Problems problems) {
        if (Files.isDirectory(templatesDir)) {
            return true;
        }
        problems.error(templatesDir.toString(), 1, "templates", "the templates folder does not exist;"
                + " expected the Freemarker templates shipped in the project's templates/ folder");
        return false;
    }

    public static Result render(SiteInput input, Path templatesDir, Path out, Path sameData, PageMemo memo,
            Problems problems) throws IOException {
        return render(input, templatesDir, out, sameData, memo, null, problems);
    }

    /**
     * As {@link #render(SiteInput, Path, Path, Path, PageMemo, Problems)}, into a staging folder recycled from the
     * earlier version {@code spare} surveyed (which deleted what it could not keep; the caller {@link SpareSite#prune}s
     * it once everything is written): a verified page whose inputs are unchanged stays where it is, and the rest is
     * written over it. Null {@code spare}: {@code out} is empty.
     */
    public static Result render(SiteInput input, Path templatesDir, Path out, Path sameData, PageMemo memo,
            SpareSite spare, Problems problems) throws IOException {
        if (!templatesFound(templatesDir, problems)) {
            return null;
        }
        try {
            // With a memo, the templates are read once and rendered from what was read, which is what is digested.
            Templates templates = memo == null ? new Templates(templatesDir) : Templates.snapshot(templatesDir);
            Pages pages = new Pages(input, templates, out, sameData, memo, spare);
            pages.renderAll();
            copyStatic(templatesDir.resolve("static"), out.resolve("assets"));
            return new Result(pages.written(), pages.charts(), pages.copied(), pages.memo(), pages.modelsMade());
        } catch (Templates.TemplateProblem e) {
            problems.error(e.file, e.line, "template", e.getMessage());
            return null;
        }
    }

    /** Copies the templates' static assets (style sheet, search script) as they are, in name order. */
    private static void copyStatic(Path from, Path to) throws IOException {
        if (!Files.isDirectory(from)) {
            return;
        }
        List<Path> files;
        try (Stream<Path> s = Files.walk(from)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path f : files) {
            Path target = to.resolve(from.relativize(f).toString());
            Files.createDirectories(target.getParent());
            try (InputStream in = Files.newInputStream(f)) {
                Files.copy(in, target);
            }
        }
    }

    static Map<String, Object> map(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }
}
