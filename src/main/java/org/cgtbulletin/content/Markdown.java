package org.cgtbulletin.content;

import java.util.List;
import java.util.Locale;

import com.vladsch.flexmark.ext.tables.TablesExtension;
import com.vladsch.flexmark.ext.yaml.front.matter.YamlFrontMatterExtension;
import com.vladsch.flexmark.html.AttributeProvider;
import com.vladsch.flexmark.html.HtmlRenderer;
import com.vladsch.flexmark.html.IndependentAttributeProviderFactory;
import com.vladsch.flexmark.html.renderer.AttributablePart;
import com.vladsch.flexmark.html.renderer.LinkResolverContext;
import com.vladsch.flexmark.parser.Parser;
import com.vladsch.flexmark.util.ast.Node;
import com.vladsch.flexmark.util.data.MutableDataSet;
import com.vladsch.flexmark.util.html.MutableAttributes;

/**
 * Staff-written Markdown to HTML with flexmark: tables, YAML front matter skipped, raw HTML escaped unless staff
 * allowed it, and links that could run script ({@code javascript:}, {@code data:}, {@code vbscript:}) disarmed
 * either way.
 */
final class Markdown {

    private final Parser parser;
    private final HtmlRenderer renderer;

    Markdown(boolean allowRawHtml) {
        MutableDataSet options = new MutableDataSet();
        options.set(Parser.EXTENSIONS, List.of(TablesExtension.create(), YamlFrontMatterExtension.create()));
        options.set(HtmlRenderer.ESCAPE_HTML, !allowRawHtml);
        options.set(HtmlRenderer.SOFT_BREAK, "\n");
        options.set(TablesExtension.CLASS_NAME, "data");
        parser = Parser.builder(options).build();
        renderer = HtmlRenderer.builder(options).attributeProviderFactory(new IndependentAttributeProviderFactory() {
            @Override
            public AttributeProvider apply(LinkResolverContext context) {
                return Markdown::disarm;
            }
        }).build();
    }

    String toHtml(String markdown) {
        Node document = parser.parse(markdown);
        return renderer.render(document);
    }

    private static void disarm(Node node, AttributablePart part, MutableAttributes attributes) {
        for (String name : new String[] {"href", "src"}) {
            if (attributes.contains(name) && unsafe(attributes.getValue(name))) {
                attributes.replaceValue(name, "#");
            }
        }
    }

    static boolean unsafe(String url) {
        StringBuilder b = new StringBuilder();
        for (char c : url.toCharArray()) {
            if (c > ' ' && c != '\u007f') {
                b.append(c);
            }
        }
        String u = b.toString().toLowerCase(Locale.ROOT);
        return u.startsWith("javascript:") || u.startsWith("vbscript:") || u.startsWith("data:");
    }
}
