package org.cgtbulletin.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import com.vladsch.flexmark.ext.tables.TablesExtension;
import com.vladsch.flexmark.ext.yaml.front.matter.YamlFrontMatterExtension;
import com.vladsch.flexmark.html.HtmlRenderer;
import com.vladsch.flexmark.parser.Parser;
import com.vladsch.flexmark.util.data.MutableDataSet;
import org.cgtbulletin.model.Parallel;
import org.junit.jupiter.api.Test;

/**
 * The bulletin's Markdown against flexmark with its own tables and front-matter extensions, as the pages were
 * first made: {@link Markdown} makes the tables' paragraph pre-processor once and reuses it for every document, and
 * is given the text after the front matter {@link ContentReader#split} cut off. Neither may change a byte, whatever
 * the order of documents and on any number of threads.
 */
class MarkdownTest {

    private static final String[] CELLS = {"a", "b c", "`x | y`", "\\|", "**bold**", "", " 12 ",
            "[link](https://example.org/a|b)", "<em>raw</em>", "é"};
    private static final String[] SEPARATORS = {"---", ":---", "---:", ":---:", "-", "--", ":-:", "-|-"};

    /** flexmark as documented, its extensions made anew for every document. */
    private static String reference(String markdown, boolean allowRawHtml) {
        return reference(markdown, allowRawHtml, true);
    }

    private static String reference(String markdown, boolean allowRawHtml, boolean frontMatter) {
        MutableDataSet options = new MutableDataSet();
        options.set(Parser.EXTENSIONS, frontMatter ? List.of(TablesExtension.create(), YamlFrontMatterExtension.create())
                : List.of(TablesExtension.create()));
        options.set(HtmlRenderer.ESCAPE_HTML, !allowRawHtml);
        options.set(HtmlRenderer.SOFT_BREAK, "\n");
        options.set(TablesExtension.CLASS_NAME, "data");
        // flexmark's own parser and renderer, with the one change the bulletin makes to a document: its headings
        // below the page's title
        return HtmlRenderer.builder(options).build().render(Markdown.belowTheTitle(Parser.builder(options).build()
                .parse(markdown)));
    }

    private static String row(Random random, int cells) {
        StringBuilder b = new StringBuilder(random.nextBoolean() ? "|" : "");
        for (int c = 0; c < cells; c++) {
            b.append(c == 0 ? "" : "|").append(CELLS[random.nextInt(CELLS.length)]);
        }
        return b.append(random.nextBoolean() ? "|" : "").append('\n').toString();
    }

    /** A document of tables in the shapes staff write and the odd shapes they might. */
    private static String document(long seed) {
        Random random = new Random(seed);
        StringBuilder b = new StringBuilder();
        if (random.nextBoolean()) {
            b.append("---\ntitle: \"Table ").append(seed).append("\"\nsteps: [qc_release]\n---\n");
        }
        int blocks = 1 + random.nextInt(5);
        for (int k = 0; k < blocks; k++) {
            String indent = switch (random.nextInt(6)) {
                case 0 -> "- ";
                case 1 -> "> ";
                case 2 -> "   ";
                default -> "";
            };
            if (random.nextInt(4) == 0) {
                b.append("A paragraph with a | pipe that runs on\n"); // no blank line: the table may follow it
            }
            int columns = 1 + random.nextInt(4);
            int headers = random.nextInt(3);
            for (int h = 0; h < headers; h++) {
                int cells = columns + random.nextInt(2) - (columns > 1 ? random.nextInt(2) : 0);
                b.append(indent).append(row(random, cells));
            }
            StringBuilder sep = new StringBuilder(random.nextBoolean() ? "|" : "");
            for (int c = 0; c < columns; c++) {
                sep.append(c == 0 ? "" : "|").append(SEPARATORS[random.nextInt(SEPARATORS.length)]);
            }
            b.append(indent).append(sep).append(random.nextBoolean() ? "|" : "").append('\n');
            int rows = random.nextInt(5);
            for (int r = 0; r < rows; r++) {
                b.append(r > 0 && !indent.isEmpty() && random.nextInt(5) == 0 ? "  " : indent)
                        .append(row(random, Math.max(1, columns + random.nextInt(3) - 1)));
            }
            if (random.nextInt(5) == 0) {
                b.append("[Caption]\n");
            }
            b.append(random.nextInt(4) == 0 ? "" : "\n");
        }
        return b.toString();
    }

    private static final String[] INLINE = {"word", "lesson", "viability", "*em*", "**strong**", "_under_",
            "__double__", "***both***", "*nested **strong** em*", "`code`", "`` a ` b ``", "` spaced  code `",
            "`a\nb`", "\\*", "\\\\", "\\[", "a&b", "x < y > z", "\"quoted\"", "'apos'", "é", "\u2014", "\t",
            "*unclosed", "**", "_", "[not a link]", "1\\. escaped", "snake_case_word", "2*3*4", "a * b",
            "&amp;", "&copy;", "&#35;", "<b>raw</b>", "[link](https://example.org \"t\")", "![image](a.png)",
            "<https://auto.example>", "[ref]", "<!-- note -->", "\r", "[link](https://example.org)",
            "[a *b* `c`](../x/index.html \"T & t\")", "[x](<a b>)", "[js](javascript:alert(1))",
            "[s]( JavaScript:x )", "[q](http://x.org/?a=1&b=2 'single')", "[e](http://x.org/a\\_b)", "[](empty)",
            "[amp](http://x.org/&amp;y (paren title))", "[d](DATA:text/html,x)", "[u](http://x.org/é\"q)"};

    private static void inline(Random random, StringBuilder b, boolean common) {
        int words = 1 + random.nextInt(8);
        for (int w = 0; w < words; w++) {
            if (w > 0) {
                b.append(random.nextInt(12) == 0 ? "  " : " ");
            }
            int pick = random.nextInt(random.nextInt(3) == 0 ? INLINE.length : 3);
            String fragment = INLINE[pick];
            if (common && (fragment.contains("&") && fragment.length() > 3 && !fragment.contains("](")
                    || fragment.startsWith("<") || fragment.startsWith("[") && !fragment.contains("](")
                    || fragment.startsWith("!") || fragment.equals("\r"))) {
                fragment = "plain";
            }
            b.append(fragment);
        }
    }

    /** A paragraph's lines, with the odd leading and trailing spaces and the two kinds of hard break. */
    private static void paragraph(Random random, String prefix, StringBuilder b, boolean common) {
        int lines = 1 + random.nextInt(3);
        for (int l = 0; l < lines; l++) {
            b.append(l == 0 ? "" : prefix).append(l > 0 && random.nextInt(5) == 0 ? "   ".substring(random.nextInt(3))
                    : "");
            inline(random, b, common);
            b.append(switch (random.nextInt(10)) {
                case 0 -> "  ";
                case 1 -> "\\";
                case 2 -> " ";
                case 3 -> "\t";
                default -> "";
            }).append('\n');
        }
    }

    /** Blocks of every kind, nested in lists and quotes; {@code common} keeps to what {@link DirectHtml} writes. */
    static void blocks(Random random, String prefix, int depth, StringBuilder b, boolean common) {
        int count = 1 + random.nextInt(depth == 0 ? 6 : 3);
        for (int k = 0; k < count; k++) {
            if (k > 0) {
                b.append(random.nextInt(4) == 0 ? "" : prefix.stripTrailing() + "\n");
            }
            int kind = random.nextInt(common ? 9 : 13);
            switch (kind) {
                case 0, 1 -> paragraph(random, prefix, b, common);
                case 2 -> {
                    b.append("#".repeat(1 + random.nextInt(6))).append(random.nextInt(8) == 0 ? "" : " ");
                    inline(random, b, common);
                    b.append(random.nextInt(4) == 0 ? " ##" : "").append('\n');
                }
                case 3 -> {
                    inline(random, b, common);
                    b.append('\n').append(prefix).append(random.nextBoolean() ? "===" : "---").append('\n');
                }
                case 4 -> b.append(new String[] {"***", "---", "___", "* * *"}[random.nextInt(4)]).append('\n');
                case 5, 6 -> {
                    boolean ordered = kind == 6;
                    int items = 1 + random.nextInt(4);
                    boolean loose = random.nextInt(3) == 0;
                    int start = random.nextInt(4) == 0 ? random.nextInt(12) : 1;
                    String delimiter = random.nextInt(5) == 0 ? ")" : ".";
                    String bullet = new String[] {"-", "*", "+"}[random.nextInt(3)];
                    for (int i = 0; i < items; i++) {
                        String marker = ordered ? (start + i) + delimiter + " " : bullet + " ";
                        if (i > 0) {
                            b.append(prefix);
                            if (loose) {
                                b.append('\n').append(prefix);
                            }
                        }
                        b.append(marker);
                        if (depth < 3 && random.nextInt(3) == 0) {
                            blocks(random, prefix + " ".repeat(marker.length()), depth + 1, b, common);
                        } else if (random.nextInt(10) == 0) {
                            b.append('\n');
                        } else {
                            paragraph(random, prefix + " ".repeat(marker.length()), b, common);
                        }
                    }
                }
                case 7 -> {
                    b.append("> ");
                    if (depth < 3) {
                        blocks(random, prefix + "> ", depth + 1, b, common);
                    } else {
                        paragraph(random, prefix + (random.nextBoolean() ? "> " : ""), b, common);
                    }
                }
                case 8 -> {
                    String table = document(random.nextLong());
                    b.append(table.lines().filter(l -> !l.startsWith("---") && !l.contains(":"))
                            .map(l -> l.replace("[link](https://example.org/a|b)", "x").replace("<em>raw</em>", "y"))
                            .reduce("", (x, y) -> x + (x.isEmpty() ? "" : prefix) + y + "\n"));
                }
                case 9 -> b.append("```java\n").append(prefix).append("int x = 1 < 2;\n").append(prefix)
                        .append("```\n");
                case 10 -> b.append("    indented code\n");
                case 11 -> b.append("<div class=\"x\">\n").append(prefix).append("raw & block\n").append(prefix)
                        .append("</div>\n");
                default -> b.append("[ref]: https://example.org/ref \"Title\"\n");
            }
        }
    }

    /**
     * {@link DirectHtml} writes what flexmark's renderer would have, for every document it covers; the others go to
     * flexmark's renderer. The corpus: documents of the common kinds only (most of them covered), and documents with
     * everything (images, raw HTML, code blocks, entities), which must come out the same either way. The expected
     * HTML is flexmark's with the bulletin's options and its link disarming; where no link could be disarmed, also
     * flexmark's as documented.
     */
    @Test
    void aTextWithItsOwnTitleHasItsHeadingsMovedBelowThePagesTitle() {
        Markdown markdown = new Markdown(false);
        String html = markdown.toHtml("# Mycoplasma\n\ntext\n\n## Where\n\n###### Deepest\n\n> # quoted\n");
        assertFalse(html.contains("<h1"), html);
        assertTrue(html.contains("<h2>Mycoplasma</h2>") && html.contains("<h3>Where</h3>")
                && html.contains("<h6>Deepest</h6>") && html.contains("<h2>quoted</h2>"), html);
        // headings that start at level 2 are as written
        assertTrue(markdown.toHtml("## Where\n\n### What\n").contains("<h2>Where</h2>\n<h3>What</h3>"));
        assertEquals(markdown.flexmarkHtml("Setext\n===\n\n- # in a list\n"),
                markdown.toHtml("Setext\n===\n\n- # in a list\n"));
    }

    @Test
    void imagesAreLoadedOnlyFromTheSiteItself() {
        for (boolean raw : new boolean[] {false, true}) {
            Markdown markdown = new Markdown(raw);
            for (String elsewhere : List.of("https://evil.example.com/b.png", "//evil.example.com/p.png",
                    "file:///etc/hostname", "HTTP://x.org/a.svg", "data:image/png;base64,AAAA", "javascript:x()")) {
                String html = markdown.toHtml("![m](" + elsewhere + ")");
                assertFalse(html.contains(elsewhere), elsewhere + " gives " + html); // an empty source, or no image
                assertTrue(html.contains("<img src=\"\" alt=\"m\"") || !html.contains("<img"), html);
            }
            assertTrue(markdown.toHtml("![c](../assets/chart.png)").contains("<img src=\"../assets/chart.png\""));
            assertTrue(markdown.toHtml("[link](https://example.org/)").contains("href=\"https://example.org/\""),
                    "a link to another host is not a load: kept");
        }
    }

    @Test
    void documentsAreWrittenAsFlexmarkWritesThem() {
        for (boolean raw : new boolean[] {false, true}) {
            Markdown markdown = new Markdown(raw);
            int covered = 0;
            int documents = 0;
            List<String> texts = new ArrayList<>(List.of("", "\n", "   \n", "a", "#", "-", "> ", "1.", "***\n- a",
                    "- a\n\n\n- b", "  \\\n  x", "a  \n  b\\\n\tc", "| a |\n|---|\n", "* * *\n> > > deep\n",
                    // lines that begin as a heading, fence or rule might, for the parser's first-character check
                    "~~~\ncode\n~~~", "   ## indented", "    # code, not a heading", "#5 is no heading", "a\n   ===",
                    "a\n-", "- - -", "  ***", " _ _ _", "_a_\n__", "> ```\n> x\n> ```", "1. a\n   # h\n   ---",
                    "`not a fence`", "~x~", "*em*", "-x", "=", "a\n= =", "<div>\n# h\n</div>\n\n# h", "\t# tab",
                    // characters that end a line for a regular expression's $ but not for flexmark
                    "Title\n===\u2028\n", "Title\n---\u2029\n", "Title\n===\u0085\n", "***\u2028\n",
                    "Title\n= \u2028 =\n", "- - -\u0085",
                    // found by fuzzing against flexmark: a NUL (which flexmark writes as U+FFFD) and a table cell
                    // whose line break is followed by a tab (which flexmark's writer keeps there)
                    "x\u0000y", "\u0000", "| a |\n| --- |\n| \u0000 |\n", "--:|\n\tr|", "| a |\n| --: |\n\tr |\n",
                    "|---\n \tp|", "i|\n\t:|\n---|"));
            for (String folder : new String[] {"lessons", "pages", "bulletins"}) {
                try (var files = java.nio.file.Files.list(java.nio.file.Path.of("content", folder))) {
                    for (var f : files.sorted().toList()) {
                        texts.add(ContentReader.split(java.nio.file.Files.readString(f)).body());
                    }
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
            for (long seed = 0; seed < 3000; seed++) {
                StringBuilder b = new StringBuilder();
                blocks(new Random(seed), "", 0, b, seed % 3 != 0);
                texts.add(b.toString());
            }
            for (String text : texts) {
                String expected = markdown.flexmarkHtml(text);
                if (!text.toLowerCase(java.util.Locale.ROOT).contains("script:")
                        && !text.toLowerCase(java.util.Locale.ROOT).contains("data:")) {
                    assertEquals(reference(text, raw, false), expected, "flexmark as documented:\n" + text);
                }
                assertEquals(expected, markdown.toHtml(text), "document " + documents + ":\n" + text);
                documents++;
                if (DirectHtml.covers(Parser.builder(markdownOptions()).build().parse(text))) {
                    covered++;
                }
            }
            assertTrue(covered > documents / 3 && covered < documents, covered + " of " + documents + " covered");
        }
    }

    /** flexmark's options with its tables extension, as the tests of this package parse with stock flexmark. */
    static MutableDataSet markdownOptions() {
        MutableDataSet options = new MutableDataSet();
        options.set(Parser.EXTENSIONS, List.of(TablesExtension.create()));
        return options;
    }

    @Test
    void tablesAreRenderedAsFlexmarkRendersThem() {
        List<String> documents = new ArrayList<>();
        documents.add("| Measure | Before | After |\n| --- | --- | --- |\n| identity | 39 | 13 |\n");
        documents.add("a | b\n--|--\nc | d\n\nNo table | here\n\n| only | header |\n");
        documents.add("Heading\n---\n\n| x |\n|---|\n| 1 |\n");
        documents.add("---\ntitle: \"Only front matter\"\n---");
        documents.add("---\n---\n# Empty front matter\n");
        documents.add("---\ntitle: x\n...\nClosed by dots\n---\nthen a setext heading\n");
        documents.add("---\ntitle: x\n---   \n- closed with trailing spaces\n");
        IntStream.range(0, 600).forEach(seed -> documents.add(document(seed)));
        for (boolean raw : new boolean[] {false, true}) {
            List<String> expected = documents.stream().map(d -> reference(d, raw)).toList();
            long tables = expected.stream().filter(h -> h.contains("<table")).count();
            assertTrue(tables > 300, "the corpus exercises tables: " + tables + " documents have one");
            Markdown markdown = new Markdown(raw);
            for (int i = 0; i < documents.size(); i++) {
                assertEquals(expected.get(i), markdown.toHtml(ContentReader.split(documents.get(i)).body()),
                        "document " + i + ":\n" + documents.get(i));
            }
            // The same instance again, on every core at once, documents taken in turn by whichever thread is free.
            List<String> parallel = Parallel.map(documents, d -> markdown.toHtml(ContentReader.split(d).body()));
            assertEquals(expected, parallel);
        }
    }
}
