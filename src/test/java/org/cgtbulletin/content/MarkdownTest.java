package org.cgtbulletin.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
        MutableDataSet options = new MutableDataSet();
        options.set(Parser.EXTENSIONS, List.of(TablesExtension.create(), YamlFrontMatterExtension.create()));
        options.set(HtmlRenderer.ESCAPE_HTML, !allowRawHtml);
        options.set(HtmlRenderer.SOFT_BREAK, "\n");
        options.set(TablesExtension.CLASS_NAME, "data");
        return HtmlRenderer.builder(options).build().render(Parser.builder(options).build().parse(markdown));
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
