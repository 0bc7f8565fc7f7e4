package org.cgtbulletin.content;

import java.util.BitSet;
import java.util.List;
import java.util.Map;

import com.vladsch.flexmark.ast.Heading;
import com.vladsch.flexmark.ast.Paragraph;
import com.vladsch.flexmark.ast.SoftLineBreak;
import com.vladsch.flexmark.ast.Text;
import com.vladsch.flexmark.parser.InlineParserExtensionFactory;
import com.vladsch.flexmark.parser.delimiter.DelimiterProcessor;
import com.vladsch.flexmark.parser.internal.CommonmarkInlineParser;
import com.vladsch.flexmark.parser.internal.LinkRefProcessorData;
import com.vladsch.flexmark.util.ast.Node;
import com.vladsch.flexmark.util.data.DataHolder;
import com.vladsch.flexmark.util.sequence.BasedSequence;

/**
 * flexmark's inline parser, which gives a paragraph's or heading's text that has nothing for it to parse its nodes
 * directly: text with none of the parser's special characters ({@code ` [ ] \ ! < & * _} and the line break), no
 * carriage return or tab, and no blank beside a line break (where flexmark drops blanks or makes a hard break),
 * becomes a {@link Text} per line with a {@link SoftLineBreak} between them, as flexmark's own parsing makes it,
 * without its scan a character at a time through several calls (most of the bulletin's Markdown is such prose).
 * Anything else, and any other kind of block, is parsed by flexmark. {@code PlainTextTest} compares the trees node
 * for node with flexmark's on generated documents.
 */
final class PlainText extends CommonmarkInlineParser {

    private final BitSet special;
    /** The special characters below 128 as a table: a lookup where BitSet.get would be a call a character. */
    private final boolean[] specialAscii = new boolean[128];

    PlainText(DataHolder options, BitSet specialCharacters, BitSet delimiterCharacters,
            Map<Character, DelimiterProcessor> delimiterProcessors, LinkRefProcessorData linkRefProcessors,
            List<InlineParserExtensionFactory> inlineParserExtensions) {
        super(options, specialCharacters, delimiterCharacters, delimiterProcessors, linkRefProcessors,
                inlineParserExtensions);
        // the parser's own special characters, its delimiters among them; extensions (none here) would add theirs
        special = inlineParserExtensions.isEmpty() ? (BitSet) specialCharacters.clone() : null;
        if (special != null) {
            special.or(delimiterCharacters);
            for (int c = special.nextSetBit(0); c >= 0 && c < specialAscii.length; c = special.nextSetBit(c + 1)) {
                specialAscii[c] = true;
            }
        }
    }

    @Override
    public void parse(BasedSequence content, Node block) {
        if (special == null || block.getClass() != Paragraph.class && block.getClass() != Heading.class) {
            super.parse(content, block);
            return;
        }
        BasedSequence input = content.trim();
        int length = input.length();
        char[] text = length == 0 ? null : chars(input, length);
        if (text == null || !plain(text)) {
            super.parse(content, block);
            return;
        }
        int start = 0;
        for (int i = 0; i < length; i++) {
            if (text[i] == '\n') {
                block.appendChild(new Text(input.subSequence(start, i)));
                block.appendChild(new SoftLineBreak(input.subSequence(i, i + 1)));
                start = i + 1;
            }
        }
        block.appendChild(new Text(input.subSequence(start, length)));
    }

    /**
     * The text's characters, copied at once from the Markdown string where the text is one stretch of it (in the
     * quick compiler's code a sequence's charAt costs calls a character; flexmark's own scan pays them too).
     */
    private static char[] chars(BasedSequence input, int length) {
        char[] text = new char[length];
        String source = Markdown.source(input);
        if (source != null) {
            source.getChars(input.getStartOffset(), input.getEndOffset(), text, 0);
        } else {
            for (int i = 0; i < length; i++) {
                text[i] = input.charAt(i);
            }
        }
        return text;
    }

    /** Whether the trimmed text has nothing flexmark's inline parsing would turn into anything but text and breaks. */
    private boolean plain(char[] text) {
        char before = 0;
        for (int i = 0; i < text.length; i++) {
            char c = text[i];
            if (c == '\n') {
                if (before == ' ' || i + 1 < text.length && text[i + 1] == ' ') {
                    return false; // a hard break, or blanks flexmark drops
                }
            } else if (c < 128 ? specialAscii[c] || c == '\r' || c == '\t' : special.get(c)) {
                return false;
            }
            before = c;
        }
        return true;
    }
}
