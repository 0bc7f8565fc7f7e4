package org.cgtbulletin.content;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.vladsch.flexmark.ast.Heading;
import com.vladsch.flexmark.ast.Paragraph;
import com.vladsch.flexmark.ext.tables.TablesExtension;
import com.vladsch.flexmark.ext.tables.internal.TableParagraphPreProcessor;
import com.vladsch.flexmark.html.AttributeProvider;
import com.vladsch.flexmark.html.HtmlRenderer;
import com.vladsch.flexmark.html.IndependentAttributeProviderFactory;
import com.vladsch.flexmark.html.renderer.AttributablePart;
import com.vladsch.flexmark.html.renderer.LinkResolverContext;
import com.vladsch.flexmark.parser.Parser;
import com.vladsch.flexmark.parser.block.BlockParserFactory;
import com.vladsch.flexmark.parser.block.BlockStart;
import com.vladsch.flexmark.parser.block.CustomBlockParserFactory;
import com.vladsch.flexmark.parser.block.MatchedBlockParser;
import com.vladsch.flexmark.parser.block.ParagraphPreProcessor;
import com.vladsch.flexmark.parser.block.ParagraphPreProcessorFactory;
import com.vladsch.flexmark.parser.block.ParserState;
import com.vladsch.flexmark.parser.core.FencedCodeBlockParser;
import com.vladsch.flexmark.parser.core.HeadingParser;
import com.vladsch.flexmark.parser.core.ReferencePreProcessorFactory;
import com.vladsch.flexmark.parser.core.ThematicBreakParser;
import com.vladsch.flexmark.parser.internal.BlockStartImpl;
import com.vladsch.flexmark.parser.internal.DocumentParser;
import com.vladsch.flexmark.util.ast.Node;
import com.vladsch.flexmark.util.data.DataHolder;
import com.vladsch.flexmark.util.data.DataKey;
import com.vladsch.flexmark.util.data.MutableDataHolder;
import com.vladsch.flexmark.util.data.MutableDataSet;
import com.vladsch.flexmark.util.html.MutableAttributes;
import com.vladsch.flexmark.util.sequence.BasedSequence;
import com.vladsch.flexmark.util.sequence.SubSequence;

/**
 * Staff-written Markdown (the text after its front matter, which {@link ContentReader} reads) to HTML with flexmark:
 * tables, raw HTML escaped unless staff allowed it (and then made safe: {@link RawHtml}), and links that could run
 * script ({@code javascript:}, {@code data:}, {@code vbscript:}) disarmed either way.
 */
final class Markdown {

    private final Parser parser;
    private final HtmlRenderer renderer;
    private final DirectHtml direct;
    private final boolean allowRawHtml;

    Markdown(boolean allowRawHtml) {
        this.allowRawHtml = allowRawHtml;
        MutableDataSet options = new MutableDataSet();
        options.set(HtmlRenderer.ESCAPE_HTML, !allowRawHtml);
        options.set(HtmlRenderer.SOFT_BREAK, "\n");
        options.set(TablesExtension.CLASS_NAME, "data");
        List<CustomBlockParserFactory> core = DocumentParser.calculateBlockParserFactories(options, List.of());
        for (DataKey<Boolean> parser : CORE_BLOCK_PARSERS) {
            options.set(parser, false); // each is tried, in the same order, by BlockStarts
        }
        parser = Parser.builder(options).extensions(List.of(new Tables()))
                .customBlockParserFactory(new BlockStarts(core))
                .customInlineParserFactory(PlainText::new)
                // what flexmark adds itself only with its own inline parser: link reference definitions
                .paragraphPreProcessorFactory(new ReferencePreProcessorFactory()).build();
        renderer = HtmlRenderer.builder(options).extensions(List.of(TablesExtension.create()))
                .attributeProviderFactory(new IndependentAttributeProviderFactory() {
                    @Override
                    public AttributeProvider apply(LinkResolverContext context) {
                        return Markdown::disarm;
                    }
                }).build();
        direct = new DirectHtml(parser.getOptions());
    }

    /** The options that give flexmark's own block parsers, which {@link BlockStarts} tries instead. */
    private static final List<DataKey<Boolean>> CORE_BLOCK_PARSERS = List.of(Parser.BLOCK_QUOTE_PARSER,
            Parser.HEADING_PARSER, Parser.FENCED_CODE_BLOCK_PARSER, Parser.HTML_BLOCK_PARSER,
            Parser.THEMATIC_BREAK_PARSER, Parser.LIST_BLOCK_PARSER, Parser.INDENTED_CODE_BLOCK_PARSER);

    /**
     * flexmark's own block parsers (quotes, headings, fenced code, HTML, rules, lists, indented code), tried in
     * flexmark's order as its document parser tries them, with two differences that leave the document the same.
     * Their factories are made once per thread instead of once per document (the headings' factory compiles its
     * regular expressions when made: a twentieth of the parser's time on 10,000 short pages); they keep nothing
     * between documents but those expressions, the options and, for HTML blocks, patterns made from the options.
     * And a line that cannot begin a heading (a {@code #}, or below a paragraph a line of {@code =} or {@code -}
     * and blanks), a code fence ({@code `}, {@code ~}) or a rule (one of {@code *}, {@code -}, {@code _} and
     * blanks) from its first non-blank character on is not matched against those parsers' regular expressions,
     * which could not match it; the list, quote, HTML and indented-code parsers are always asked (the list parser
     * also updates its list's state).
     * flexmark's block parsers can refuse to be interrupted by a given parser; that is asked for each, as flexmark
     * asks it. (Markdown formatting's lead-in escapers, which the bulletin never uses, are not carried over.)
     * {@code MarkdownTest} compares whole documents with flexmark's parser as documented.
     */
    private static final class BlockStarts implements CustomBlockParserFactory {
        private final List<CustomBlockParserFactory> core;
        private final ThreadLocal<BlockParserFactory> made = new ThreadLocal<>();

        BlockStarts(List<CustomBlockParserFactory> core) {
            this.core = List.copyOf(core);
        }

        /** Whether a line, from its first non-blank character on, could start what a factory parses. */
        private interface Possible {
            boolean at(BasedSequence line, int at, char first, MatchedBlockParser matched);
        }

        @Override
        public BlockParserFactory apply(DataHolder options) {
            BlockParserFactory starts = made.get(); // the parser's options, the same for every document
            if (starts == null) {
                List<BlockParserFactory> factories = new ArrayList<>();
                List<Possible> possible = new ArrayList<>();
                for (CustomBlockParserFactory f : core) {
                    factories.add(f.apply(options));
                    possible.add(f instanceof HeadingParser.Factory ? BlockStarts::heading
                            : f instanceof FencedCodeBlockParser.Factory ? (line, at, c, m) -> c == '`' || c == '~'
                            : f instanceof ThematicBreakParser.Factory ? BlockStarts::rule
                            : (line, at, c, m) -> true);
                }
                starts = (state, matched) -> tryEach(factories, possible, state, matched);
                made.set(starts);
            }
            return starts;
        }

        /** An ATX heading's {@code #}, or a setext underline below a paragraph. */
        private static boolean heading(BasedSequence line, int at, char first, MatchedBlockParser matched) {
            return first == '#' || (first == '=' || first == '-') && matched.getBlockParser().isParagraphParser()
                    && only(line, at, first);
        }

        /** A thematic break: one of its three characters, with nothing but that character and blanks besides. */
        private static boolean rule(BasedSequence line, int at, char first, MatchedBlockParser matched) {
            return (first == '*' || first == '-' || first == '_') && only(line, at, first);
        }

        /**
         * Whether the line from {@code at} on has nothing but {@code c}, spaces, tabs and characters that end a line
         * for a regular expression's {@code $} (flexmark splits lines at {@code \n} and {@code \r} only, so a
         * U+0085, U+2028 or U+2029 can end an underline, which the expression still accepts).
         */
        private static boolean only(BasedSequence line, int at, char c) {
            for (int i = at; i < line.length(); i++) {
                char x = line.charAt(i);
                if (x != c && x != ' ' && x != '\t' && x != '\n' && x != '\r' && x != '\u0085' && x != '\u2028'
                        && x != '\u2029') {
                    return false;
                }
            }
            return true;
        }

        private static BlockStart tryEach(List<BlockParserFactory> factories, List<Possible> possible,
                ParserState state, MatchedBlockParser matched) {
            BasedSequence line = state.getLine();
            int at = state.getNextNonSpaceIndex();
            char first = at < line.length() ? line.charAt(at) : '\n';
            for (int i = 0; i < factories.size(); i++) {
                BlockParserFactory factory = factories.get(i);
                if (possible.get(i).at(line, at, first, matched) && matched.getBlockParser().canInterruptBy(factory)) {
                    BlockStart start = factory.tryStart(state, matched);
                    if (start instanceof BlockStartImpl) { // as flexmark's document parser asks
                        return start;
                    }
                }
            }
            return BlockStart.none();
        }

        @Override
        public Set<Class<?>> getAfterDependents() {
            return null;
        }

        @Override
        public Set<Class<?>> getBeforeDependents() {
            return null;
        }

        @Override
        public boolean affectsGlobalScope() {
            return false;
        }
    }

    /**
     * The tables extension's parsing, with its paragraph pre-processor made once rather than for every document:
     * flexmark's own factory makes a new one per document, which formats and compiles its separator-line regular
     * expression each time (about 6% of flexmark's time on 10,000 short pages). The pre-processor keeps nothing
     * between paragraphs but that expression and its options, both fixed by this class's options, so one instance
     * serves every document on every thread ({@code MarkdownTest} compares the output with flexmark's own
     * extension's). A paragraph without a '|' is not handed to it ({@link #hasPipe}), nor one that is a plain table
     * ({@link PlainTables}), whose nodes are made more directly. The rendering side is
     * {@link TablesExtension}'s, unchanged.
     */
    private static final class Tables implements Parser.ParserExtension {
        @Override
        public void parserOptions(MutableDataHolder options) {
        }

        @Override
        public void extend(Parser.Builder builder) {
            ParagraphPreProcessorFactory tables = TableParagraphPreProcessor.Factory();
            builder.paragraphPreProcessorFactory(new ParagraphPreProcessorFactory() {
                private volatile ParagraphPreProcessor made;

                @Override
                public ParagraphPreProcessor apply(ParserState state) {
                    ParagraphPreProcessor p = made;
                    if (p == null) {
                        ParagraphPreProcessor table = tables.apply(state); // two threads may both make one:
                        PlainTables plain = new PlainTables(state.getProperties()); // equal, and either serves
                        p = (paragraph, parserState) -> {
                            if (!hasPipe(paragraph)) {
                                return 0;
                            }
                            int taken = plain.build(paragraph, parserState);
                            return taken >= 0 ? taken : table.preProcessBlock(paragraph, parserState);
                        };
                        made = p;
                    }
                    return p;
                }

                @Override
                public Set<Class<?>> getAfterDependents() {
                    return tables.getAfterDependents();
                }

                @Override
                public Set<Class<?>> getBeforeDependents() {
                    return tables.getBeforeDependents();
                }

                @Override
                public boolean affectsGlobalScope() {
                    return tables.affectsGlobalScope();
                }
            });
        }
    }

    /**
     * Whether a paragraph has a '|' at all: without one it cannot be a table (flexmark's pre-processor gives up at
     * its first line without one), and the check, on the Markdown string itself, costs less than flexmark's own
     * (a sequence's indexOf, a call a character).
     */
    static boolean hasPipe(Paragraph paragraph) {
        BasedSequence chars = paragraph.getChars();
        String source = source(chars);
        if (source != null) {
            int at = source.indexOf('|', chars.getStartOffset());
            return at >= 0 && at < chars.getEndOffset();
        }
        return true; // let flexmark look
    }

    /**
     * The Markdown string of which {@code chars} is one stretch (from its start offset to its end offset), or null
     * when it is pieced together: then its characters can be read from the string itself, where a sequence's charAt
     * costs calls a character in the quick compiler's code.
     */
    static String source(BasedSequence chars) {
        return chars.getClass() == SubSequence.class && chars.getBase() instanceof String source ? source : null;
    }

    String toHtml(String markdown) {
        Node document = belowTheTitle(parse(markdown));
        if (allowRawHtml) {
            RawHtml.sanitize(document);
        }
        return DirectHtml.covers(document) ? direct.render(document) : renderer.render(document);
    }

    /**
     * The page's title is its only {@code h1}: a text with a level-1 heading ({@code # ...}) has every heading moved
     * one level down (at most to 6), so that its outline stays as written, under the title. A text whose headings
     * start at level 2, as the shipped ones do, is left as it is.
     */
    static Node belowTheTitle(Node document) {
        List<Heading> headings = new java.util.ArrayList<>();
        boolean titled = false;
        for (Node n : document.getDescendants()) {
            if (n instanceof Heading h) {
                headings.add(h);
                titled |= h.getLevel() == 1;
            }
        }
        if (titled) {
            for (Heading h : headings) {
                h.setLevel(Math.min(6, h.getLevel() + 1));
            }
        }
        return document;
    }

    /** The document as this parser reads it (tests compare it with flexmark's own). */
    Node parse(String markdown) {
        return parser.parse(markdown);
    }

    /** The same document through flexmark's renderer whatever it holds: what {@link #toHtml} must equal (tests). */
    String flexmarkHtml(String markdown) {
        return renderer.render(belowTheTitle(parser.parse(markdown)));
    }

    /**
     * A link that could run script points nowhere ({@code #}). An image is loaded only from the site itself: one
     * from another host ({@code https://...}, {@code //host/...}), a local file ({@code file:}) or a script or data
     * address gets an empty source, which a browser does not fetch, and shows its text instead (the site loads
     * nothing from other hosts).
     */
    private static void disarm(Node node, AttributablePart part, MutableAttributes attributes) {
        if (attributes.contains("href") && unsafe(attributes.getValue("href"))) {
            attributes.replaceValue("href", "#");
        }
        if (attributes.contains("src") && (unsafe(attributes.getValue("src"))
                || elsewhere(attributes.getValue("src")))) {
            attributes.replaceValue("src", "");
        }
    }

    /**
     * An address as a browser reads it, for judging it: leading and trailing controls and spaces dropped, tabs and
     * line breaks dropped anywhere (and so here every control and space), a backslash as a slash.
     */
    private static String address(String url) {
        StringBuilder b = new StringBuilder(url.length());
        for (char c : url.toCharArray()) {
            if (c > ' ' && c != '\u007f') {
                b.append(c == '\\' ? '/' : c);
            }
        }
        return b.toString();
    }

    /** An address with a scheme, or one that names a host ({@code //host}, {@code \\host}): not the site's own. */
    static boolean elsewhere(String url) {
        String u = address(url);
        return u.startsWith("//") || u.matches("(?s)[A-Za-z][A-Za-z0-9+.-]*:.*");
    }

    static boolean unsafe(String url) {
        String u = address(url).toLowerCase(Locale.ROOT);
        return u.startsWith("javascript:") || u.startsWith("vbscript:") || u.startsWith("data:");
    }
}
