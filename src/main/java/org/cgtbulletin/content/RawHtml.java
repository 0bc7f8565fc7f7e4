package org.cgtbulletin.content;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.vladsch.flexmark.ast.HtmlBlockBase;
import com.vladsch.flexmark.ast.HtmlInlineBase;
import com.vladsch.flexmark.util.ast.Node;
import com.vladsch.flexmark.util.sequence.BasedSequence;

/**
 * The raw HTML staff may write in editorial Markdown (when {@code site.allow_raw_html} is on), made safe to publish:
 * what runs script or loads from elsewhere is removed, the rest is published as written. Removed: the elements that
 * run or embed (script, style, iframe, frame, object, embed, applet, noscript, template, svg, math, with what they
 * hold), those that change the page or send it elsewhere (base, link, meta, form and its controls); event handler
 * attributes ({@code on...}); a {@code style} attribute that loads ({@code url(}, {@code @import},
 * {@code expression}); a source ({@code src}, {@code srcset}, {@code poster}, {@code data}, {@code background},
 * {@code action}, {@code formaction}, {@code ping}) on another host or with a script or data address; and a link
 * ({@code href}) with a script or data address points nowhere ({@code #}), as Markdown's own links do. Character
 * references in attribute values are decoded before they are judged ({@code &#106;avascript:}), and addresses read
 * as a browser reads them (controls, spaces and line breaks dropped, a backslash as a slash). A comment is kept only
 * when every browser ends it where the standard does; anything else that starts like a tag but cannot be read as
 * one, and a {@code <} just before something removed, is written as text ({@code &lt;}). A tag with nothing to
 * remove keeps its bytes.
 */
final class RawHtml {

    private RawHtml() {
    }

    /** Elements removed with everything they hold. */
    private static final Set<String> REMOVED_WITH_CONTENT = Set.of("script", "style", "iframe", "frame", "frameset",
            "object", "embed", "applet", "noscript", "noembed", "noframes", "template", "svg", "math", "xmp",
            "plaintext", "title", "textarea", "select");
    /** Elements removed, what they hold kept. */
    private static final Set<String> REMOVED = Set.of("base", "link", "meta", "form", "input", "button", "option",
            "optgroup", "datalist", "keygen", "portal", "html", "head", "body", "param", "source", "track");
    /** Attributes that load something: kept only when the address is the site's own. */
    private static final Set<String> SOURCES = Set.of("src", "srcset", "poster", "data", "background", "action",
            "formaction", "ping", "lowsrc", "dynsrc", "codebase", "archive", "xlink:href", "imagesrcset",
            "attributionsrc",
            "longdesc", "manifest", "icon", "itemtype");

    /** A start or end tag read by {@link #tagAt}: attributes as {name, raw value or null}, as written. */
    private record Tag(boolean closing, String name, List<String[]> attributes, boolean selfClosing, int end) {
    }

    /** HTML's white space (not Java's {@code \\s}, which has U+000B too). */
    private static boolean space(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
    }

    /**
     * The tag at {@code lt} as a browser's tokenizer reads one (attributes separated by white space or slashes,
     * values quoted or not), or null when what is there is not one this reads the same way a browser would: then
     * it is text. A scanner, not a regular expression, so that a tag of thousands of attributes costs no stack.
     */
    private static Tag tagAt(String html, int lt) {
        int n = html.length();
        int i = lt + 1;
        boolean closing = i < n && html.charAt(i) == '/';
        if (closing) {
            i++;
        }
        if (i >= n || !(html.charAt(i) < 0x80 && Character.isLetter(html.charAt(i)))) {
            return null;
        }
        int nameStart = i;
        while (i < n && !space(html.charAt(i)) && html.charAt(i) != '/' && html.charAt(i) != '>') {
            i++;
        }
        String name = html.substring(nameStart, i);
        List<String[]> attributes = new ArrayList<>();
        boolean slash = false;
        while (true) {
            boolean separated = false;
            while (i < n && (space(html.charAt(i)) || html.charAt(i) == '/')) {
                slash = html.charAt(i) == '/';
                separated = true;
                i++;
            }
            if (i >= n) {
                return null;
            }
            char c = html.charAt(i);
            if (c == '>') {
                return new Tag(closing, name, attributes, slash, i + 1);
            }
            if (!separated || c == '"' || c == '\'' || c == '=') {
                return null;
            }
            int a = i;
            while (i < n && !space(html.charAt(i)) && "\"'>/=".indexOf(html.charAt(i)) < 0) {
                i++;
            }
            String attribute = html.substring(a, i);
            int afterName = i;
            while (i < n && space(html.charAt(i))) {
                i++;
            }
            String value = null;
            if (i < n && html.charAt(i) == '=') {
                i++;
                while (i < n && space(html.charAt(i))) {
                    i++;
                }
                if (i >= n) {
                    return null;
                }
                char q = html.charAt(i);
                if (q == '"' || q == '\'') {
                    int close = html.indexOf(q, i + 1);
                    if (close < 0) {
                        return null;
                    }
                    value = html.substring(i, close + 1);
                    i = close + 1;
                } else {
                    int v = i;
                    while (i < n && !space(html.charAt(i)) && "\"'=<>`".indexOf(html.charAt(i)) < 0) {
                        i++;
                    }
                    if (i == v) {
                        return null;
                    }
                    value = html.substring(v, i);
                }
            } else {
                i = afterName; // a name alone: what follows is separated from it, or ends the tag
            }
            attributes.add(new String[] {attribute, value});
            slash = false;
        }
    }

    /**
     * The end of the comment at {@code lt} when it is one the HTML standard allows, which every browser ends where
     * this does (its text neither starts with {@code >} or {@code ->} nor holds {@code <!--} or {@code --!>}, nor
     * ends with {@code <!-} or {@code -}); -1 otherwise. Anything else that starts {@code <!} (a comment browsers
     * end elsewhere, CDATA, a doctype) is text.
     */
    private static int commentEnd(String html, int lt) {
        if (!html.startsWith("<!--", lt)) {
            return -1;
        }
        int from = lt + 4;
        if (html.startsWith(">", from) || html.startsWith("->", from)) {
            return -1;
        }
        int close = html.indexOf("-->", from);
        if (close < 0) {
            return -1;
        }
        String text = html.substring(from, close);
        if (text.contains("<!--") || text.contains("--!>") || text.endsWith("<!-") || text.endsWith("-")) {
            return -1;
        }
        return close + 3;
    }

    /** Makes every raw HTML node of the document safe ({@link #clean}), in place. */
    static void sanitize(Node document) {
        for (Node n : document.getDescendants()) {
            if (n instanceof HtmlBlockBase block) {
                String html = block.getChars().toString();
                String safe = clean(html);
                if (!safe.equals(html)) {
                    BasedSequence chars = BasedSequence.of(safe);
                    block.setContent(chars, List.of(chars));
                }
            } else if (n instanceof HtmlInlineBase inline) {
                String html = inline.getChars().toString();
                String safe = clean(html);
                if (!safe.equals(html)) {
                    inline.setChars(BasedSequence.of(safe));
                }
            }
        }
    }

    /** The HTML with what could run script or load from elsewhere removed (see the class comment). */
    static String clean(String html) {
        StringBuilder out = new StringBuilder(html.length());
        int i = 0;
        while (i < html.length()) {
            int lt = html.indexOf('<', i);
            if (lt < 0) {
                out.append(html, i, html.length());
                break;
            }
            out.append(html, i, lt);
            int comment = commentEnd(html, lt);
            if (comment > 0) {
                out.append(html, lt, comment); // a comment every browser reads as this one: inert
                i = comment;
                continue;
            }
            Tag tag = tagAt(html, lt);
            if (tag == null) {
                char next = lt + 1 < html.length() ? html.charAt(lt + 1) : ' ';
                out.append(Character.isLetter(next) || next == '/' || next == '!' || next == '?' ? "&lt;" : "<");
                i = lt + 1;
                continue;
            }
            String name = tag.name().toLowerCase(Locale.ROOT);
            boolean closing = tag.closing();
            i = tag.end();
            if (REMOVED_WITH_CONTENT.contains(name) || REMOVED.contains(name)) {
                unjoin(out); // "<<meta>img ...": the < before it must not start a tag with what follows
            }
            if (REMOVED_WITH_CONTENT.contains(name)) {
                if (!closing) {
                    Matcher end = Pattern.compile("</" + Pattern.quote(name) + "\\s*>", Pattern.CASE_INSENSITIVE)
                            .matcher(html);
                    i = end.find(i) ? end.end() : html.length();
                }
                continue;
            }
            if (REMOVED.contains(name)) {
                continue;
            }
            if (closing) {
                out.append(html, lt, tag.end());
                continue;
            }
            String attributes = safeAttributes(tag.attributes());
            if (attributes == null) {
                out.append(html, lt, tag.end());
            } else {
                out.append('<').append(tag.name()).append(attributes).append(tag.selfClosing() ? " /" : "")
                        .append('>');
            }
        }
        return out.toString();
    }

    /** A {@code <} written as text just before what was removed is escaped, so that it joins nothing after it. */
    private static void unjoin(StringBuilder out) {
        if (out.length() > 0 && out.charAt(out.length() - 1) == '<') {
            out.setLength(out.length() - 1);
            out.append("&lt;");
        }
    }

    /** The attributes made safe, written out again; null when every one of them is safe as written. */
    private static String safeAttributes(List<String[]> attributes) {
        StringBuilder out = new StringBuilder();
        boolean changed = false;
        for (String[] attribute : attributes) {
            String name = attribute[0].toLowerCase(Locale.ROOT);
            String raw = attribute[1];
            String value = raw == null ? "" : decode(raw.startsWith("\"") || raw.startsWith("'")
                    ? raw.substring(1, raw.length() - 1) : raw);
            if (name.startsWith("on") || name.equals("style") && loads(value)
                    || SOURCES.contains(name) && (Markdown.unsafe(value) || elsewhere(name, value))) {
                changed = true;
                continue;
            }
            if ((name.equals("href") || name.equals("formaction")) && Markdown.unsafe(value)) {
                changed = true;
                value = "#";
                raw = "\"#\"";
            }
            out.append(' ').append(attribute[0]);
            if (raw != null) {
                out.append('=').append(raw);
            }
        }
        return changed ? out.toString() : null;
    }

    /** Whether a source attribute's address (any of a srcset's) is on another host. */
    private static boolean elsewhere(String name, String value) {
        if (name.endsWith("srcset")) {
            for (String candidate : value.split(",")) {
                String url = candidate.strip().split("\\s+")[0];
                if (!url.isEmpty() && (Markdown.elsewhere(url) || Markdown.unsafe(url))) {
                    return true;
                }
            }
            return false;
        }
        return Markdown.elsewhere(value);
    }

    /**
     * Whether a style loads something, or runs script in old browsers; one with a CSS escape or comment, which
     * could spell either, counts as loading.
     */
    private static boolean loads(String style) {
        String s = style.toLowerCase(Locale.ROOT).replaceAll("\\s", "");
        return s.contains("\\") || s.contains("/*") || s.contains("url(") || s.contains("@import")
                || s.contains("expression(") || s.contains("image-set(")
                || s.contains("javascript:") || s.contains("behavior:") || s.contains("-moz-binding");
    }

    private static final Pattern REFERENCE = Pattern.compile("&(#[xX][0-9a-fA-F]+|#[0-9]+|[A-Za-z]+);?");

    /** Character references decoded: numeric ones and the named ones that could hide a scheme's letters. */
    static String decode(String value) {
        if (value.indexOf('&') < 0) {
            return value;
        }
        Matcher m = REFERENCE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String ref = m.group(1);
            String with;
            if (ref.startsWith("#")) {
                long code;
                try {
                    code = ref.length() > 1 && (ref.charAt(1) == 'x' || ref.charAt(1) == 'X')
                            ? Long.parseLong(ref.substring(2), 16) : Long.parseLong(ref.substring(1));
                } catch (NumberFormatException e) {
                    code = 0xFFFD;
                }
                with = code > 0 && code <= Character.MAX_CODE_POINT ? new String(Character.toChars((int) code))
                        : "\uFFFD";
            } else {
                with = switch (ref.toLowerCase(Locale.ROOT)) {
                    case "colon" -> ":";
                    case "tab" -> "\t";
                    case "newline" -> "\n";
                    case "sol" -> "/";
                    case "bsol" -> "\\";
                    case "amp" -> "&";
                    case "lpar" -> "(";
                    case "rpar" -> ")";
                    case "period" -> ".";
                    default -> m.group();
                };
            }
            m.appendReplacement(out, Matcher.quoteReplacement(with));
        }
        m.appendTail(out);
        return out.toString();
    }
}
