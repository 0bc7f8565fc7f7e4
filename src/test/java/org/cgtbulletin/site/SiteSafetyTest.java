package org.cgtbulletin.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.cgtbulletin.cli.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What staff and data can put on a page: hostile text stays text, a broken template or front matter is a
 * located input problem that leaves the published site untouched, and an empty dataset still gives a valid site.
 */
class SiteSafetyTest {

    @TempDir
    Path dir;

    static final Path GOLDEN = Path.of("src/test/resources/golden/input");

    /** A copy of the golden input folder, which staff-written tests may then spoil. */
    Path content() throws IOException {
        Path content = dir.resolve("content");
        try (Stream<Path> s = Files.walk(GOLDEN)) {
            for (Path p : s.sorted().toList()) {
                Path target = content.resolve(GOLDEN.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        return content;
    }

    CliRun build(Path content, String... more) {
        List<String> args = new ArrayList<>(List.of("build", "--content", content.toString(),
                "--reports", content.resolve("data/reports.csv").toString(),
                "--output", dir.resolve("site").toString(), "--audit", dir.resolve("audit").toString()));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    static Map<String, String> snapshot(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                // Bytes as Latin-1 text, so that binary files (the PDF digests) compare too.
                files.put(root.relativize(p).toString(), new String(Files.readAllBytes(p),
                        java.nio.charset.StandardCharsets.ISO_8859_1));
            }
        }
        return files;
    }

    static final java.util.regex.Pattern LIVE_SCRIPT_URL = java.util.regex.Pattern.compile(
            "(?:href|src)\\s*=\\s*\"\\s*(?:javascript|vbscript|data):", java.util.regex.Pattern.CASE_INSENSITIVE);

    @Test
    void hostileTaxonomyLabelsAndMarkdownStayText() throws IOException {
        Path content = content();
        Path taxonomy = content.resolve("taxonomy.yaml");
        Files.writeString(taxonomy, Files.readString(taxonomy).replace("label: \"Expansion\"",
                "label: \"<script>alert('step')</script>\"").replace("description: \"What low viability means.\"",
                "description: \"<img src=x onerror=alert(1)>\""));
        Files.writeString(content.resolve("lessons/evil.md"), "---\ntitle: \"<iframe src=//evil.example>\"\n"
                + "summary: \"\\\" onmouseover=\\\"alert(1)\"\nsteps: [expansion]\n---\n"
                + "<script>alert(2)</script>\n\n[click](javascript:alert(3)) [also](  JaVaScRiPt:alert(4))"
                + " ![img](data:text/html,<script>alert(5)</script>)\n\n<a href=\"javascript:alert(6)\">raw</a>\n");
        CliRun run = build(content);
        assertEquals(0, run.status(), run.err());
        for (Path f : SiteFiles.files(dir.resolve("site"), ".html")) {
            String text = Files.readString(f);
            assertFalse(text.contains("<script>alert"), f + " runs a script from the data");
            assertFalse(text.contains("<iframe"), f.toString());
            assertFalse(text.contains("<img src=x"), f.toString());
            assertFalse(LIVE_SCRIPT_URL.matcher(text).find(), f + " has a live script link");
            assertFalse(text.contains("\" onmouseover=\""), f + " lets text out of an attribute");
        }
        String lesson = Files.readString(dir.resolve("site/lessons/evil/index.html"));
        assertTrue(lesson.contains("&lt;script&gt;alert(2)&lt;/script&gt;"), lesson);
        assertTrue(lesson.contains("&lt;iframe src=//evil.example&gt;"), lesson);
    }

    @Test
    void rawHtmlAllowedByStaffStillCannotLinkToScript() throws IOException {
        Path content = content();
        Files.writeString(content.resolve("bulletin.yaml"), "site:\n  allow_raw_html: true\n");
        Files.writeString(content.resolve("pages/raw.md"), "---\ntitle: Raw\n---\n<em>allowed</em>\n\n"
                + "[x](javascript:alert(1))\n");
        assertEquals(0, build(content).status());
        String page = Files.readString(dir.resolve("site/raw/index.html"));
        assertTrue(page.contains("<em>allowed</em>"), page);
        assertTrue(page.contains("<p>x</p>") || page.contains("<a href=\"#\">x</a>"), page);
        assertFalse(LIVE_SCRIPT_URL.matcher(page).find(), page);
    }

    @Test
    void aBrokenTemplateIsALocatedProblemAndLeavesTheSiteAsItWas() throws IOException {
        Path content = content();
        assertEquals(0, build(content).status());
        Map<String, String> before = snapshot(dir.resolve("site"));
        Path templates = dir.resolve("templates");
        try (Stream<Path> s = Files.walk(Path.of("templates"))) {
            for (Path p : s.sorted().toList()) {
                Path target = templates.resolve(Path.of("templates").relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        Path trend = templates.resolve("trend.ftlh");
        Files.writeString(trend, Files.readString(trend).replace("<h1>${label}</h1>", "<h1>${labl}</h1>"));
        CliRun run = build(content, "--templates", templates.toString());
        assertEquals(1, run.status(), run.out());
        assertTrue(run.err().contains("trend.ftlh:4: template: "), run.err());
        assertTrue(run.err().contains("labl"), run.err());
        assertEquals(before, snapshot(dir.resolve("site")));

        // A macro that calls itself without end overflows the stack: still the template's problem (exit 1, the
        // template named), not an internal error, and no staging folder is left beside the site.
        Files.writeString(trend, Files.readString(Path.of("templates/trend.ftlh"))
                + "<#macro again n><@again n=n+1/></#macro><@again n=0/>\n");
        run = build(content, "--templates", templates.toString());
        assertEquals(1, run.status(), run.out() + run.err());
        assertTrue(run.err().contains("trend.ftlh:1: template: the template (or a macro, function or include it"
                + " uses) calls itself without end"), run.err());
        assertEquals(before, snapshot(dir.resolve("site")));
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of(), left.map(p -> p.getFileName().toString())
                    .filter(n -> n.contains(".staging")).toList());
        }
    }

    @Test
    void markdownNestedTooDeeplyIsALocatedProblem() throws IOException {
        // Thousands of markers inside each other exhaust the parser's stack: the file's problem, exit 1.
        Path content = content();
        Files.writeString(content.resolve("pages/deep.md"), "---\ntitle: Deep\n---\n" + ">".repeat(20_000)
                + " x\n\n" + "*".repeat(5_000) + "y" + "*".repeat(5_000) + "\n\n" + "[".repeat(20_000) + "\n");
        CliRun run = build(content);
        assertEquals(1, run.status(), run.err());
        assertTrue(run.err().contains("deep.md:1: markdown: nested too deeply to read"), run.err());
        assertFalse(Files.exists(dir.resolve("site")));
    }

    @Test
    void badFrontMatterIsALocatedProblem() throws IOException {
        Path content = content();
        Files.writeString(content.resolve("lessons/bad.md"), "---\ntitle: Bad\ncolour: red\nsteps: [expanshun]\n"
                + "---\nbody\n");
        Files.writeString(content.resolve("bulletins/2026-q5.md"), "nope\n");
        CliRun run = build(content);
        assertEquals(1, run.status());
        assertTrue(run.err().contains("bad.md:3: colour: unknown front matter key 'colour'"), run.err());
        assertTrue(run.err().contains("2026-q5.md:1: file name: expected a quarter such as 2026-q3.md"), run.err());
        Files.writeString(content.resolve("lessons/bad.md"), "---\ntitle: Bad\nsteps: [expanshun]\n---\nbody\n");
        Files.delete(content.resolve("bulletins/2026-q5.md"));
        run = build(content);
        assertEquals(1, run.status());
        assertTrue(run.err().contains("bad.md:1: steps: 'expanshun' is not a process_step code"), run.err());
        assertFalse(Files.exists(dir.resolve("site")));
    }

    @Test
    void badMarkdownIsReportedInTheSameRunAsABadDataRow() throws IOException {
        // The Markdown is read while the reports are: staff see both files' problems at once, not one per run.
        Path content = content();
        Path reports = content.resolve("data/reports.csv");
        List<String> rows = new ArrayList<>(Files.readAllLines(reports));
        rows.set(1, rows.get(1).replace("mycoplasma_positive", "mycoplasma_positiv"));
        Files.write(reports, rows);
        Files.writeString(content.resolve("lessons/bad.md"), "---\ntitle: Bad\ncolour: red\n---\nbody\n");
        CliRun run = build(content);
        assertEquals(1, run.status());
        assertTrue(run.err().contains("reports.csv:2: failure_mode:"), run.err());
        assertTrue(run.err().contains("bad.md:3: colour: unknown front matter key 'colour'"), run.err());
        assertTrue(run.err().indexOf("reports.csv:2:") < run.err().indexOf("bad.md:3:"), "data first, as before");
        assertFalse(Files.exists(dir.resolve("site")));
    }

    /** Writes {@code lessons/NAME.md} with the given front matter lines and a one-word body. */
    static void lesson(Path content, String name, String... frontMatter) throws IOException {
        Files.writeString(content.resolve("lessons/" + name + ".md"),
                "---\n" + String.join("\n", frontMatter) + "\n---\nbody\n");
    }

    @Test
    void markdownIsCheckedEvenWhenTheTaxonomyCannotBeRead() throws IOException {
        // The Markdown is read from the start of the build, before the taxonomy: a broken taxonomy no longer hides
        // the Markdown's own problems; only the lessons' tags, which need it, go unchecked.
        Path content = content();
        Files.writeString(content.resolve("taxonomy.yaml"), "process_step: [unclosed\n");
        lesson(content, "bad", "title: Bad", "colour: red");
        lesson(content, "tags", "title: Tags", "steps: [expanshun]");
        CliRun run = build(content);
        String err = run.err();
        assertEquals(1, run.status(), err);
        int taxonomy = err.indexOf("taxonomy.yaml:");
        int frontMatter = err.indexOf("bad.md:3: colour: unknown front matter key 'colour'");
        assertTrue(taxonomy >= 0 && taxonomy < frontMatter && !err.contains("expanshun"), err);
        assertFalse(Files.exists(dir.resolve("site")));
    }

    @Test
    void eachLessonsTagsAreReportedWithItsOtherProblemsInFileOrder() throws IOException {
        // Tags are checked once the taxonomy is known, after every file is read; the problems keep file order.
        Path content = content();
        lesson(content, "a-first", "title: A", "steps: [expanshun]");
        lesson(content, "b-second", "title: B", "colour: red");
        lesson(content, "c-third", "title: C", "modes: [nope]");
        CliRun run = build(content);
        String err = run.err();
        assertEquals(1, run.status(), err);
        int a = err.indexOf("a-first.md:1: steps: 'expanshun'");
        int b = err.indexOf("b-second.md:3: colour:");
        int c = err.indexOf("c-third.md:1: modes: 'nope'");
        assertTrue(a >= 0 && a < b && b < c, err);
    }

    @Test
    void aDatasetWithNoReportsGivesAValidSiteThatSaysSo() throws IOException {
        Path content = content();
        Files.writeString(content.resolve("data/reports.csv"), "report_id,contributor,occurred,product_class,"
                + "process_step,failure_mode,outcome\n");
        Files.delete(content.resolve("data/volumes.csv"));
        CliRun run = build(content);
        assertEquals(0, run.status(), run.err());
        Path site = dir.resolve("site");
        assertTrue(Files.readString(site.resolve("index.html")).contains("No failure reports have been received"));
        assertTrue(Files.readString(site.resolve("bulletins/index.html")).contains("No bulletin yet"));
        for (String p : List.of("steps/expansion/index.html", "modes/low_viability/index.html",
                "products/aav_vector/index.html", "methodology/index.html", "data/index.html", "feed.xml",
                "sitemap.xml", "data/cells.csv")) {
            assertTrue(Files.isRegularFile(site.resolve(p)), p);
        }
        // The trend pages say there is nothing yet and show no chart, so no chart or chart table is written.
        assertTrue(Files.readString(site.resolve("steps/expansion/index.html")).contains("No failure reports"));
        for (String folder : List.of("steps/expansion", "modes/low_viability", "products/aav_vector", "")) {
            for (String file : List.of("trend.svg", "trend.csv", "overall.svg", "overall.csv")) {
                assertFalse(Files.exists(site.resolve(folder).resolve(file)), folder + "/" + file);
            }
        }
        assertTrue(run.out().contains(" 0 charts,"), run.out());
    }
}
