package org.cgtbulletin.digest;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Editorial HTML (flexmark's output from the staff's Markdown) made fit for the digest's XHTML: well-formed, only
 * plain document elements, headings renumbered to sit under the digest's own, table headers given a scope, images
 * replaced by their text alternative (a PDF/UA figure needs one; the site's relative image paths mean nothing in a
 * PDF), and links kept only when they are absolute web or mail addresses. HTML that is not well-formed XML (only
 * possible when staff allow raw HTML) becomes its plain text.
 */
final class Fragments {

    private static final Set<String> KEEP = Set.of("p", "br", "hr", "em", "strong", "b", "i", "u", "s", "del", "ins",
            "code", "pre", "kbd", "samp", "blockquote", "q", "cite", "abbr", "small", "sub", "sup", "span", "div",
            "ul", "ol", "li", "dl", "dt", "dd", "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td",
            "h1", "h2", "h3", "h4", "h5", "h6", "a");
    private static final Set<String> DROP = Set.of("script", "style", "iframe", "object", "embed", "form", "input",
            "button", "select", "textarea", "svg", "math", "video", "audio", "canvas", "link", "meta", "head", "title",
            "template", "noscript");

    private Fragments() {
    }

    /**
     * @param html      an HTML fragment
     * @param topLevel  the heading level the fragment's highest heading becomes (e.g. 4 under an h3)
     * @return well-formed XHTML (no namespace declarations: the elements take the digest's XHTML namespace)
     */
    static String xhtml(String html, int topLevel) {
        if (html == null || html.isBlank()) {
            return "";
        }
        Document doc;
        try {
            doc = builder().parse(new InputSource(new StringReader("<div>" + xmlish(html) + "</div>")));
        } catch (SAXException | IOException e) {
            return plainText(html);
        }
        Element root = doc.getDocumentElement();
        int highest = highestHeading(root);
        highest = highest > 6 ? topLevel : highest;
        clean(root, topLevel - highest, false);
        renumber(root, topLevel);
        StringWriter out = new StringWriter();
        try {
            Transformer t = TransformerFactory.newInstance().newTransformer();
            t.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            t.setOutputProperty(OutputKeys.METHOD, "xml");
            t.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
                t.transform(new DOMSource(n), new StreamResult(out));
            }
        } catch (TransformerException e) {
            return plainText(html);
        }
        return out.toString().strip();
    }

    private static final java.util.regex.Pattern VOID = java.util.regex.Pattern.compile(
            "<(area|base|br|col|embed|hr|img|input|link|meta|source|track|wbr)\\b((?:[^<>\"']|\"[^\"]*\"|'[^']*')*?)\\s*/?>",
            java.util.regex.Pattern.CASE_INSENSITIVE);
    private static final java.util.regex.Pattern ENTITY = java.util.regex.Pattern.compile("&([A-Za-z][A-Za-z0-9]*);");
    private static final java.util.Map<String, String> ENTITIES = java.util.Map.ofEntries(
            java.util.Map.entry("nbsp", "#160"), java.util.Map.entry("ndash", "#8211"),
            java.util.Map.entry("mdash", "#8212"), java.util.Map.entry("hellip", "#8230"),
            java.util.Map.entry("lsquo", "#8216"), java.util.Map.entry("rsquo", "#8217"),
            java.util.Map.entry("ldquo", "#8220"), java.util.Map.entry("rdquo", "#8221"),
            java.util.Map.entry("middot", "#183"), java.util.Map.entry("times", "#215"),
            java.util.Map.entry("deg", "#176"), java.util.Map.entry("plusmn", "#177"),
            java.util.Map.entry("micro", "#181"), java.util.Map.entry("le", "#8804"),
            java.util.Map.entry("ge", "#8805"), java.util.Map.entry("copy", "#169"),
            java.util.Map.entry("reg", "#174"), java.util.Map.entry("trade", "#8482"),
            java.util.Map.entry("amp", "amp"), java.util.Map.entry("lt", "lt"), java.util.Map.entry("gt", "gt"),
            java.util.Map.entry("quot", "quot"), java.util.Map.entry("apos", "apos"));

    /**
     * The HTML habits that are not XML, made XML: void elements closed ({@code <br>}, {@code <img ...>}) and the
     * common named entities as numbers. Anything else that is not well-formed stays so (and becomes text).
     */
    static String xmlish(String html) {
        String closed = VOID.matcher(html).replaceAll("<$1$2/>");
        java.util.regex.Matcher m = ENTITY.matcher(closed);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String known = ENTITIES.get(m.group(1));
            m.appendReplacement(b, java.util.regex.Matcher.quoteReplacement(known == null ? m.group() : "&" + known + ";"));
        }
        m.appendTail(b);
        return b.toString();
    }

    private static DocumentBuilder builder() {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(new DefaultHandler());
            return b;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The smallest heading level in the tree, or 7 when there is none. */
    private static int highestHeading(Node n) {
        int best = 7;
        if (n instanceof Element e) {
            int level = headingLevel(e.getTagName());
            if (level > 0) {
                best = level;
            }
        }
        for (Node c = n.getFirstChild(); c != null; c = c.getNextSibling()) {
            best = Math.min(best, highestHeading(c));
        }
        return best; // 7: no heading
    }

    /**
     * Headings in document order never skip a level (PDF/UA): each is at most one deeper than the one before,
     * starting from {@code topLevel}.
     */
    private static void renumber(Element root, int topLevel) {
        List<Element> headings = new ArrayList<>();
        collectHeadings(root, headings);
        int previous = topLevel - 1;
        for (Element h : headings) {
            int level = Math.max(topLevel, Math.min(headingLevel(h.getTagName()), previous + 1));
            if (level != headingLevel(h.getTagName())) {
                rename(h, "h" + level);
            }
            previous = level;
        }
    }

    private static void collectHeadings(Node n, List<Element> into) {
        for (Node c = n.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c instanceof Element e) {
                if (headingLevel(e.getTagName()) > 0) {
                    into.add(e);
                }
                collectHeadings(e, into);
            }
        }
    }

    private static int headingLevel(String tag) {
        return tag.length() == 2 && tag.charAt(0) == 'h' && tag.charAt(1) >= '1' && tag.charAt(1) <= '6'
                ? tag.charAt(1) - '0' : 0;
    }

    private static void clean(Element e, int shift, boolean inHead) {
        List<Node> children = new ArrayList<>();
        for (Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
            children.add(c);
        }
        for (Node c : children) {
            if (c.getNodeType() == Node.COMMENT_NODE || c.getNodeType() == Node.PROCESSING_INSTRUCTION_NODE) {
                e.removeChild(c);
            } else if (c instanceof Element child) {
                String tag = child.getTagName().toLowerCase(Locale.ROOT);
                if (DROP.contains(tag)) {
                    e.removeChild(child);
                    continue;
                }
                if (tag.equals("img")) {
                    String alt = child.getAttribute("alt").strip();
                    e.replaceChild(e.getOwnerDocument().createTextNode(alt.isEmpty() ? "" : "[" + alt + "]"),
                            child);
                    continue;
                }
                clean(child, shift, inHead || tag.equals("thead"));
                if (!KEEP.contains(tag) || (tag.equals("a") && !external(child.getAttribute("href")))) {
                    unwrap(child);
                    continue;
                }
                Element kept = child;
                int level = headingLevel(tag);
                if (level > 0) {
                    kept = rename(child, "h" + Math.max(1, Math.min(6, level + shift)));
                }
                keepOnly(kept, tag);
                if (tag.equals("th")) {
                    kept.setAttribute("scope", inHead ? "col" : "row");
                }
            }
        }
    }

    private static boolean external(String href) {
        String h = href.strip().toLowerCase(Locale.ROOT);
        return h.startsWith("https://") || h.startsWith("http://") || h.startsWith("mailto:");
    }

    private static void unwrap(Element e) {
        Node parent = e.getParentNode();
        while (e.getFirstChild() != null) {
            parent.insertBefore(e.getFirstChild(), e);
        }
        parent.removeChild(e);
    }

    private static Element rename(Element e, String tag) {
        Element renamed = e.getOwnerDocument().createElement(tag);
        while (e.getFirstChild() != null) {
            renamed.appendChild(e.getFirstChild());
        }
        e.getParentNode().replaceChild(renamed, e);
        return renamed;
    }

    /** Removes every attribute but the few the digest keeps: link targets, table spans, list starts. */
    private static void keepOnly(Element e, String tag) {
        NamedNodeMap attributes = e.getAttributes();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < attributes.getLength(); i++) {
            names.add(attributes.item(i).getNodeName());
        }
        for (String name : names) {
            boolean keep = (tag.equals("a") && name.equals("href"))
                    || ((tag.equals("td") || tag.equals("th")) && (name.equals("colspan") || name.equals("rowspan")))
                    || (tag.equals("ol") && name.equals("start"));
            if (!keep) {
                e.removeAttribute(name);
            }
        }
    }

    /** The text of HTML that is not well-formed: tags dropped, the rest escaped, one paragraph per blank line. */
    static String plainText(String html) {
        String text = html.replaceAll("(?s)<(script|style)\\b.*?</\\1\\s*>", " ").replaceAll("<[^>]*>", " ")
                .replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&#39;", "'").replace("&amp;", "&");
        StringBuilder b = new StringBuilder();
        for (String para : text.split("\\n\\s*\\n")) {
            String p = para.replaceAll("\\s+", " ").strip();
            if (!p.isEmpty()) {
                b.append("<p>").append(escape(p)).append("</p>");
            }
        }
        return b.toString();
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                default -> {
                    if (c >= 0x20 || c == '\n' || c == '\t') {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
