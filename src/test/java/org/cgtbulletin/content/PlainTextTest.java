package org.cgtbulletin.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.vladsch.flexmark.ast.Paragraph;
import com.vladsch.flexmark.parser.Parser;
import com.vladsch.flexmark.parser.internal.InlineParserImpl;
import com.vladsch.flexmark.util.ast.Document;
import com.vladsch.flexmark.util.sequence.BasedSequence;
import org.junit.jupiter.api.Test;

/**
 * {@link PlainText} against flexmark's own inline parser: every document, generated with every kind of block and
 * inline syntax (and link reference definitions, which flexmark handles itself only with its own inline parser), must
 * parse to the same tree, node for node with the same character ranges; and plain prose must take the direct path.
 */
class PlainTextTest {

    private static final String[] EDGES = {"plain words only.", "two lines\nof text", "trailing space \nnext",
        "two trailing  \nhard", "line\n  leading blanks", "tab\there", "a\tb\nc", "back\\\nslash", "x\r\ny",
        "em *dash*", "under_score", "a & b", "<b>x</b>", "[ref]\n\n[ref]: https://example.org", "![i](a.png)",
        "`code`", "é and \u00a0 and \u2028 too", "# Heading\n\nText", "Setext\nheading\n===", "- item one\n- item two",
        "> quoted\n> text", "1. one\n2. two", "  indented start", "end.  ", "a,b;c:d (e) f-g +h /i 'j' \"k\" %l ?m",
        "#tag", "http://example.org/path", "", " ", "\n\n", "a\n\nb", "~tilde~", "{braces} $dollar @at ^caret =eq"};

    @Test
    void documentsParseAsWithFlexmarksOwnInlineParser() {
        Parser stock = Parser.builder(MarkdownTest.markdownOptions()).build();
        Markdown markdown = new Markdown(false);
        List<String> texts = new ArrayList<>(List.of(EDGES));
        for (String a : EDGES) {
            for (String b : EDGES) {
                texts.add(a + "\n" + b);
            }
        }
        for (long seed = 0; seed < 3000; seed++) {
            StringBuilder b = new StringBuilder();
            MarkdownTest.blocks(new Random(seed), "", 0, b, seed % 2 == 0);
            texts.add(b.toString());
        }
        for (String text : texts) {
            assertEquals(PlainTablesTest.tree(stock.parse(text)), PlainTablesTest.tree(markdown.parse(text)), text);
        }
    }

    /** The paragraph of a one-paragraph document, as flexmark's block parsing leaves it for the inline parser. */
    private static Paragraph paragraph(String text) {
        Document d = Parser.builder().build().parse(text);
        Paragraph p = (Paragraph) d.getFirstChild();
        p.removeChildren();
        return p;
    }

    @Test
    void plainProseTakesTheDirectPath() {
        Parser parser = Parser.builder(MarkdownTest.markdownOptions()).build();
        BitSet special = InlineParserImpl.calculateSpecialCharacters(parser.getOptions(), new BitSet());
        BitSet delimiters = InlineParserImpl.calculateDelimiterCharacters(parser.getOptions(),
                InlineParserImpl.calculateDelimiterProcessors(parser.getOptions(), List.of()).keySet());
        for (String text : List.of("plain words only.", "two lines\nof text", "a,b;c:d (e) f-g +h /i 'j' %l ?m")) {
            PlainText inline = new PlainText(parser.getOptions(), special, delimiters, Map.of(),
                    InlineParserImpl.calculateLinkRefProcessors(parser.getOptions(), List.of()), List.of());
            Paragraph p = paragraph(text);
            inline.parse(p.getContentChars(), p);
            assertNull(inline.getInput(), text); // flexmark's own parse would have kept its input
            assertEquals(text, p.getChildChars().toString());
        }
        for (String text : List.of("em *dash*", "trailing space \nnext", "line\n  leading blanks", "tab\there",
                "a & b", "`code`")) {
            PlainText inline = new PlainText(parser.getOptions(), special, delimiters, Map.of(),
                    InlineParserImpl.calculateLinkRefProcessors(parser.getOptions(), List.of()), List.of());
            Paragraph p = paragraph(text);
            inline.parse(p.getContentChars(), p);
            BasedSequence input = inline.getInput();
            assertNotNull(input, text);
        }
    }
}
