package org.cgtbulletin.content;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import com.vladsch.flexmark.ast.BlockQuote;
import com.vladsch.flexmark.ast.BulletList;
import com.vladsch.flexmark.ast.BulletListItem;
import com.vladsch.flexmark.ast.Code;
import com.vladsch.flexmark.ast.Emphasis;
import com.vladsch.flexmark.ast.HardLineBreak;
import com.vladsch.flexmark.ast.Heading;
import com.vladsch.flexmark.ast.Link;
import com.vladsch.flexmark.ast.ListItem;
import com.vladsch.flexmark.ast.OrderedList;
import com.vladsch.flexmark.ast.OrderedListItem;
import com.vladsch.flexmark.ast.Paragraph;
import com.vladsch.flexmark.ast.ParagraphItemContainer;
import com.vladsch.flexmark.ast.SoftLineBreak;
import com.vladsch.flexmark.ast.StrongEmphasis;
import com.vladsch.flexmark.ast.Text;
import com.vladsch.flexmark.ast.ThematicBreak;
import com.vladsch.flexmark.ext.tables.TableBlock;
import com.vladsch.flexmark.ext.tables.TableBody;
import com.vladsch.flexmark.ext.tables.TableCaption;
import com.vladsch.flexmark.ext.tables.TableCell;
import com.vladsch.flexmark.ext.tables.TableHead;
import com.vladsch.flexmark.ext.tables.TableRow;
import com.vladsch.flexmark.ext.tables.TableSeparator;
import com.vladsch.flexmark.ext.tables.TablesExtension;
import com.vladsch.flexmark.html.HtmlRenderer;
import com.vladsch.flexmark.parser.ListOptions;
import com.vladsch.flexmark.util.ast.Document;
import com.vladsch.flexmark.util.ast.Node;
import com.vladsch.flexmark.util.ast.NonRenderingInline;
import com.vladsch.flexmark.util.data.DataHolder;
import com.vladsch.flexmark.util.sequence.BasedSequence;
import com.vladsch.flexmark.util.sequence.Escaping;
import com.vladsch.flexmark.util.sequence.SubSequence;

/**
 * The HTML flexmark's {@link HtmlRenderer} writes, written directly for documents made only of the common node
 * types: paragraphs, headings, lists, block quotes, rules, tables, emphasis, code spans, links and line breaks. On 10,000
 * short lessons flexmark's renderer was half of the Markdown's time (its line-tracking writer appends text a run of
 * characters at a time and escapes it with a regular expression); this writes the same bytes with a string builder.
 * Anything else in a document (images, raw HTML, code blocks, entities, references, autolinks) and it is
 * {@linkplain #covers not covered}: {@link Markdown} then renders it with flexmark's renderer, as before.
 * {@code MarkdownTest} compares the two on thousands of generated documents.
 *
 * <p>The parts that decide the HTML are flexmark's own: which list items are tight
 * ({@link ListOptions#isTightListItem}), which paragraphs lose their {@code <p>}
 * ({@link ParagraphItemContainer#isParagraphWrappingDisabled}), text unescaping and code-span whitespace
 * ({@link Escaping}). The bulletin's attribute provider changes only {@code href} and {@code src}: a link's is
 * disarmed here as it does.
 */
final class DirectHtml {

    private final DataHolder options;
    private final ListOptions listOptions;
    /** The opening table tag, with the tables extension's class (escaped as flexmark escapes attributes). */
    private final String tableOpen;
    private final String softBreak;
    private final String hardBreak;
    /** The addresses of links flexmark writes as their text only ({@link HtmlRenderer#SUPPRESSED_LINKS}), or null. */
    private final Pattern suppressedLinks;

    DirectHtml(DataHolder options) {
        this.options = options;
        this.listOptions = ListOptions.get(options);
        String tableClass = TablesExtension.CLASS_NAME.get(options);
        this.tableOpen = tableClass.isEmpty() ? "<table>" : "<table class=\"" + Escaping.escapeHtml(tableClass, true)
                + "\">";
        this.softBreak = HtmlRenderer.SOFT_BREAK.get(options);
        this.hardBreak = HtmlRenderer.HARD_BREAK.get(options);
        String suppressed = HtmlRenderer.SUPPRESSED_LINKS.get(options);
        this.suppressedLinks = suppressed == null || suppressed.isEmpty() ? null : Pattern.compile(suppressed);
    }

    /** Whether every node of the document is of a type this writes (the exact class: subclasses render otherwise). */
    static boolean covers(Node document) {
        return document.getClass() == Document.class && !hasNul(document) && childrenKnown(document);
    }

    /** A NUL, which flexmark writes as U+FFFD: such a document is left to flexmark. */
    private static boolean hasNul(Node document) {
        Object base = document.getChars().getBase();
        return base instanceof String s ? s.indexOf('\u0000') >= 0 : document.getChars().indexOf('\u0000') >= 0;
    }

    /**
     * A table cell holding a line break (at any depth), after which flexmark's writer keeps a tab that this one would
     * drop.
     */
    private static boolean cellWithBreak(Node cell) {
        for (Node n = cell.getFirstChild(); n != null; n = n.getNext()) {
            if (n instanceof SoftLineBreak || n instanceof HardLineBreak || cellWithBreak(n)) {
                return true;
            }
        }
        return false;
    }

    private static boolean childrenKnown(Node parent) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNext()) {
            Class<?> c = n.getClass();
            boolean known = c == Paragraph.class || c == Text.class || c == SoftLineBreak.class || c == Link.class
                    || c == HardLineBreak.class || c == Heading.class || c == BulletList.class
                    || c == OrderedList.class || c == BulletListItem.class || c == OrderedListItem.class
                    || c == Emphasis.class || c == StrongEmphasis.class || c == Code.class
                    || c == BlockQuote.class || c == ThematicBreak.class || c == TableBlock.class
                    || c == TableHead.class || c == TableBody.class || c == TableRow.class
                    || c == TableCell.class || c == TableSeparator.class || c == TableCaption.class;
            if (!known || c == TableCell.class && cellWithBreak(n) || !childrenKnown(n)) {
                return false;
            }
        }
        return true;
    }

    /** The document's HTML; only for a document this {@link #covers}. */
    String render(Node document) {
        Object base = document.getChars().getBase();
        String source = base instanceof String s ? s : null;
        Out out = new Out(document.getChars().length() * 5 / 4 + 64, source, source != null && plain(source));
        children(document, out);
        return out.b.toString();
    }

    /**
     * Whether the Markdown has nothing to unescape ({@code \\}, {@code &}, a carriage return) nor to escape
     * ({@code < > "}): then every text is copied as it is.
     */
    private static boolean plain(String source) {
        // Scanned as Latin-1 bytes (a copy of the string's own bytes, where charAt costs a call a character with
        // the quick compiler); a character beyond Latin-1 becomes '?', which is not one of those looked for.
        for (byte c : source.getBytes(StandardCharsets.ISO_8859_1)) {
            if (c == '\\' || c == '&' || c == '\r' || c == '<' || c == '>' || c == '"') {
                return false;
            }
        }
        return true;
    }

    private void children(Node parent, Out out) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNext()) {
            node(n, out);
        }
    }

    private void node(Node n, Out out) {
        if (n instanceof Text) {
            BasedSequence chars = n.getChars();
            // a sequence's own toString copies a character at a time
            String text = chars.getClass() == SubSequence.class && chars.getBase() == out.source
                    ? out.source.substring(chars.getStartOffset(), chars.getEndOffset()) : chars.toString();
            out.text(!out.plain && needsUnescaping(text) ? Escaping.normalizeEOL(chars.unescape()) : text);
        } else if (n instanceof SoftLineBreak) {
            out.raw(softBreak);
        } else if (n instanceof Paragraph p) {
            paragraph(p, out);
        } else if (n instanceof Emphasis) {
            out.raw("<em>");
            children(n, out);
            out.raw("</em>");
        } else if (n instanceof StrongEmphasis) {
            out.raw("<strong>");
            children(n, out);
            out.raw("</strong>");
        } else if (n instanceof Code c) {
            out.raw("<code>");
            out.text(Escaping.collapseWhitespace(c.getText(), true));
            out.raw("</code>");
        } else if (n instanceof HardLineBreak) {
            out.raw(hardBreak);
        } else if (n instanceof Link link && suppressedLinks != null
                && suppressedLinks.matcher(link.getUrl()).matches()) {
            children(link, out); // flexmark writes a suppressed link (javascript:, by default) as its text
        } else if (n instanceof Link link) {
            // As flexmark's renderer with no link resolver: the address unescaped, a script address disarmed (the
            // bulletin's attribute provider, Markdown.unsafe), the title only when written; values escaped as
            // flexmark escapes attributes.
            String url = link.getUrl().unescape();
            out.raw("<a href=\"").raw(Escaping.escapeHtml(Markdown.unsafe(url) ? "#" : url, true)).raw("\"");
            if (link.getTitle().isNotNull()) {
                out.raw(" title=\"").raw(Escaping.escapeHtml(link.getTitle().unescape(), true)).raw("\"");
            }
            out.raw(">");
            children(link, out);
            out.raw("</a>");
        } else if (n instanceof ListItem item) {
            out.line();
            out.raw("<li>");
            if (!item.getMarkerSuffix().isEmpty()) {
                out.text(item.getMarkerSuffix().unescape());
            }
            children(item, out);
            out.raw("</li>");
            out.line();
        } else if (n instanceof Heading h) {
            String tag = "h" + h.getLevel();
            block(tag, h, out);
        } else if (n instanceof BulletList) {
            indented("<ul>", "</ul>", n, out);
        } else if (n instanceof OrderedList list) {
            int start = list.getStartNumber();
            String open = listOptions.isOrderedListManualStart() && start != 1 ? "<ol start=\"" + start + "\">"
                    : "<ol>";
            indented(open, "</ol>", n, out);
        } else if (n instanceof BlockQuote) {
            indented("<blockquote>", "</blockquote>", n, out);
        } else if (n instanceof ThematicBreak) {
            out.line();
            out.raw("<hr />");
            out.line();
        } else {
            table(n, out);
        }
    }

    private void table(Node n, Out out) {
        if (n instanceof TableBlock) {
            indented(tableOpen, "</table>", n, out);
            out.line();
        } else if (n instanceof TableHead) {
            block("thead", n, out);
        } else if (n instanceof TableBody) {
            block("tbody", n, out);
        } else if (n instanceof TableRow) {
            block("tr", n, out);
        } else if (n instanceof TableCaption) {
            block("caption", n, out);
        } else if (n instanceof TableCell cell) {
            String tag = cell.isHeader() ? "th" : "td";
            out.raw("<").raw(tag);
            if (cell.getAlignment() != null) {
                out.raw(" align=\"").raw(switch (cell.getAlignment()) {
                    case LEFT -> "left";
                    case CENTER -> "center";
                    case RIGHT -> "right";
                }).raw("\"");
            }
            if (cell.getSpan() > 1) {
                out.raw(" colspan=\"").raw(Integer.toString(cell.getSpan())).raw("\"");
            }
            out.raw(">");
            children(cell, out);
            out.raw("</").raw(tag).raw(">");
        }
        // a TableSeparator writes nothing
    }

    private void paragraph(Paragraph p, Out out) {
        if (p.getFirstChildAnyNot(NonRenderingInline.class) == null) {
            return;
        }
        if (p.getParent() instanceof ParagraphItemContainer container
                && container.isParagraphWrappingDisabled(p, listOptions, options)) {
            children(p, out);
        } else {
            block("p", p, out);
        }
    }

    /** A tag on a line of its own making: a new line before it unless at one, its children, a new line after. */
    private void block(String tag, Node n, Out out) {
        out.line();
        out.raw("<").raw(tag).raw(">");
        children(n, out);
        out.raw("</").raw(tag).raw(">");
        out.line();
    }

    /** A container tag: its opening and closing tags each on a line of its own, its children between. */
    private void indented(String open, String close, Node n, Out out) {
        out.line();
        out.raw(open);
        out.line();
        children(n, out);
        out.line();
        out.raw(close);
        out.line();
    }

    /** Whether the text has a backslash escape, an entity or a carriage return for flexmark to resolve. */
    private static boolean needsUnescaping(String chars) {
        for (int i = 0, n = chars.length(); i < n; i++) {
            char c = chars.charAt(i);
            if (c == '\\' || c == '&' || c == '\r') {
                return true;
            }
        }
        return false;
    }

    /** The HTML being written, and the Markdown it is written from. */
    private static final class Out {
        final StringBuilder b;
        /** The Markdown, when flexmark's sequences are parts of one string. */
        final String source;
        /** Whether {@link #source} has nothing to unescape or escape. */
        final boolean plain;

        Out(int capacity, String source, boolean plain) {
            b = new StringBuilder(capacity);
            this.source = source;
            this.plain = plain;
        }

        /** Ends the current line, unless nothing is on it yet. */
        void line() {
            int n = b.length();
            if (n > 0 && b.charAt(n - 1) != '\n') {
                b.append('\n');
            }
        }

        Out raw(String s) {
            b.append(s);
            return this;
        }

        /**
         * Text with {@code & < > "} escaped, as flexmark's {@code Escaping.escapeHtml(text, false)}; at the start of a
         * line without its leading spaces and tabs, as flexmark's writer trims them. (Pieces are appended as strings:
         * a builder copies a string at once, but a range of one a character at a time.)
         */
        void text(String s) {
            int from = 0;
            int n = s.length();
            int last = b.length() - 1;
            if (last < 0 || b.charAt(last) == '\n') {
                while (from < n && (s.charAt(from) == ' ' || s.charAt(from) == '\t')) {
                    from++;
                }
            }
            int start = from;
            if (!plain) {
                for (int i = from; i < n; i++) {
                    String entity = switch (s.charAt(i)) {
                        case '&' -> "&amp;";
                        case '<' -> "&lt;";
                        case '>' -> "&gt;";
                        case '"' -> "&quot;";
                        default -> null;
                    };
                    if (entity != null) {
                        if (i > start) {
                            b.append(s.substring(start, i));
                        }
                        b.append(entity);
                        start = i + 1;
                    }
                }
            }
            b.append(start == 0 ? s : s.substring(start));
        }
    }
}
