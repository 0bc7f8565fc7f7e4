package org.cgtbulletin.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import com.vladsch.flexmark.ast.Paragraph;
import com.vladsch.flexmark.ext.tables.TableBlock;
import com.vladsch.flexmark.ext.tables.TableCell;
import com.vladsch.flexmark.ext.tables.TableRow;
import com.vladsch.flexmark.ext.tables.TablesExtension;
import com.vladsch.flexmark.html.HtmlRenderer;
import com.vladsch.flexmark.parser.Parser;
import com.vladsch.flexmark.util.ast.Block;
import com.vladsch.flexmark.util.ast.Node;
import com.vladsch.flexmark.util.data.MutableDataSet;
import org.junit.jupiter.api.Test;

/**
 * {@link PlainTables} against flexmark's tables extension: for plain tables and for every near miss (a tab, an
 * empty cell, a missing pipe, a short separator, a header of dashes, a ragged row, an indent, a list, text after
 * the table...) the bulletin's parser must give the same tree, node for node, with the same character ranges,
 * alignments, markers and row numbers, and the same HTML; and the plain ones must take the direct path.
 */
class PlainTablesTest {

    private static final String[] WORDS = {"Measure", "before", "After", "lot", "12", "3.5%", "a b", "x", "(n)",
        "2026-Q3", "don't", "1,500", "a/b", "+4", "ratio: 1:2", "--", "-", ":", "é", "a_b", "*em*", "`c`", "&",
        "<b>", "\\|", "a\tb", "[l](u)"};
    private static final String[] SEPARATORS = {"---", ":---", "---:", ":---:", "------", "--", "-", ":-:", ":--",
        "--:", "- -", "---x"};

    /** A table, plain most of the time, with one of the near misses otherwise. */
    private static String table(Random random, boolean plain) {
        int columns = 1 + random.nextInt(4);
        int rows = 1 + random.nextInt(4);
        List<String[]> lines = new ArrayList<>();
        for (int r = 0; r < rows + 2; r++) {
            String[] cells = new String[columns];
            for (int c = 0; c < columns; c++) {
                cells[c] = r == 1 ? SEPARATORS[random.nextInt(plain ? 5 : SEPARATORS.length)]
                        : WORDS[random.nextInt(plain ? 16 : WORDS.length)];
            }
            lines.add(cells);
        }
        if (plain && lines.get(0)[0].matches("[-:]+")) {
            lines.get(0)[0] = "Name"; // a header of dashes alone would be a separator
        }
        StringBuilder b = new StringBuilder();
        for (String[] cells : lines) {
            b.append('|');
            for (String cell : cells) {
                String pad = " ".repeat(random.nextInt(3));
                b.append(plain || random.nextInt(8) > 0 ? pad : "").append(cell)
                        .append(plain || random.nextInt(8) > 0 ? pad : "\t").append('|');
            }
            b.append('\n');
        }
        if (!plain) {
            near(random, b);
        }
        return b.toString();
    }

    /** One or two of the ways a table can miss being plain. */
    private static void near(Random random, StringBuilder b) {
        for (int k = 0; k < 1 + random.nextInt(2); k++) {
            switch (random.nextInt(10)) {
                case 0 -> b.insert(0, "  "); // an indented first line
                case 1 -> b.insert(b.indexOf("\n") + 1, "| extra | row |\n"); // a second header row, maybe ragged
                case 2 -> b.append("A line of text after it\n");
                case 3 -> b.setLength(b.length() - 2); // no pipe at the end, and no newline
                case 4 -> b.append("| |\n"); // an empty cell
                case 5 -> b.replace(0, 1, ""); // no pipe at the start
                case 6 -> b.insert(b.length() - 1, "  "); // blanks after the last pipe
                case 7 -> b.insert(0, "- "); // in a list
                case 8 -> b.replace(b.length() - 1, b.length(), "\r\n"); // a carriage return
                default -> b.append("|| x |\n"); // a span
            }
        }
    }

    private static String document(long seed) {
        Random random = new Random(seed);
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < 1 + random.nextInt(3); k++) {
            if (random.nextInt(3) == 0) {
                b.append("Some text before.\n").append(random.nextBoolean() ? "\n" : "");
            }
            b.append(table(random, random.nextInt(3) > 0));
            b.append(random.nextInt(4) == 0 ? "" : "\n");
        }
        if (random.nextInt(5) == 0) {
            b.setLength(b.length() - 1); // the document ends without a newline
        }
        return b.toString();
    }

    private static MutableDataSet options() {
        MutableDataSet options = new MutableDataSet();
        options.set(Parser.EXTENSIONS, List.of(TablesExtension.create()));
        options.set(HtmlRenderer.SOFT_BREAK, "\n");
        options.set(TablesExtension.CLASS_NAME, "data");
        return options;
    }

    /** Every node with its class, range, text and, for tables, what the renderers read. */
    static String tree(Node node) {
        StringBuilder b = new StringBuilder();
        tree(node, "", b);
        return b.toString();
    }

    private static void tree(Node n, String indent, StringBuilder b) {
        b.append(indent).append(n.getClass().getName()).append(' ').append(n.getStartOffset()).append('-')
                .append(n.getEndOffset()).append(" '").append(n.getChars()).append('\'');
        if (n instanceof TableCell c) {
            b.append(" header=").append(c.isHeader()).append(" align=").append(c.getAlignment()).append(" span=")
                    .append(c.getSpan()).append(" open=").append(range(c.getOpeningMarker())).append(" text=")
                    .append(range(c.getText())).append(" close=").append(range(c.getClosingMarker()));
        }
        if (n instanceof TableRow r) {
            b.append(" row=").append(r.getRowNumber());
        }
        if (n instanceof Block block) {
            b.append(" lines=");
            block.getContentLines().forEach(l -> b.append(range(l)));
        }
        b.append('\n');
        for (Node c = n.getFirstChild(); c != null; c = c.getNext()) {
            tree(c, indent + "  ", b);
        }
    }

    private static String range(com.vladsch.flexmark.util.sequence.BasedSequence s) {
        return s.isNull() ? "[null]" : "[" + s.getStartOffset() + "," + s.getEndOffset() + "'" + s + "']";
    }

    @Test
    void tablesParseAsFlexmarkParsesThem() {
        Parser stock = Parser.builder(options()).build();
        MutableDataSet escaped = options();
        escaped.set(HtmlRenderer.ESCAPE_HTML, true); // as for Markdown(false): staff's raw HTML shown as text
        HtmlRenderer renderer = HtmlRenderer.builder(escaped).build();
        Markdown markdown = new Markdown(false);
        int tables = 0;
        for (long seed = 0; seed < 4000; seed++) {
            String text = document(seed);
            Node expected = stock.parse(text);
            Node actual = markdown.parse(text);
            assertEquals(tree(expected), tree(actual), "document " + seed + ":\n" + text);
            assertEquals(renderer.render(expected), markdown.toHtml(text), "document " + seed + ":\n" + text);
            for (Node n = expected.getFirstChild(); n != null; n = n.getNext()) {
                tables += n instanceof TableBlock ? 1 : 0;
            }
        }
        assertTrue(tables > 4000, tables + " tables");
    }

    /** Paragraphs as flexmark reads them without the tables extension: what the pre-processor is given. */
    private static List<Paragraph> paragraphs(String text) {
        List<Paragraph> list = new ArrayList<>();
        for (Node n = Parser.builder().build().parse(text).getFirstChild(); n != null; n = n.getNext()) {
            if (n instanceof Paragraph p) {
                list.add(p);
            }
        }
        return list;
    }

    @Test
    void plainTablesTakeTheDirectPathAndNearMissesDoNot() {
        PlainTables plain = new PlainTables(options());
        int direct = 0;
        for (long seed = 0; seed < 500; seed++) {
            String text = table(new Random(seed), true);
            assertNotNull(plain.layout(paragraphs(text).get(0)), text);
            direct++;
        }
        assertEquals(500, direct);
        for (String text : List.of("| a | b |\n| --- | --- |\n", // no body row
                "| a | b |\n| -- | --- |\n| 1 | 2 |\n", // a separator of two dashes
                "| --- |\n| --- |\n| 1 |\n", // a header of dashes
                "| a | b |\n| --- | --- |\n| 1 |\n", // a ragged row
                "| a |  |\n| --- | --- |\n| 1 | 2 |\n", // an empty cell
                "| a\t| b |\n| --- | --- |\n| 1 | 2 |\n", // a tab
                "| a | b |\n| --- | --- |\n| 1 | 2 | \n", // a blank after the last pipe
                "| a | b |\n| --- | --- |\n| 1 | 2 |\ntext\n", // text after the table
                "| *a* | b |\n| --- | --- |\n| 1 | 2 |\n", // emphasis
                "| a | b |\r\n| --- | --- |\r\n| 1 | 2 |\r\n")) { // carriage returns
            assertNull(plain.layout(paragraphs(text).get(0)), text);
        }
        MutableDataSet strict = options();
        strict.set(TablesExtension.MIN_SEPARATOR_DASHES, 4);
        assertNull(new PlainTables(strict).layout(paragraphs("| a |\n| --- |\n| 1 |\n").get(0)));
    }
}
