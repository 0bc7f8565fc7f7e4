package org.cgtbulletin.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Staff's raw HTML, when allowed: kept as written, but nothing that runs script or loads from elsewhere. */
class RawHtmlTest {

    @ParameterizedTest
    @ValueSource(strings = {"<em>kept</em>", "<div class=\"note\">\nA <b>bold</b> note.\n</div>",
            "<img src=\"/img/flow.png\" alt=\"Flow\">", "<a href=\"/methodology/\" title='m'>see</a>",
            "<!-- a comment -->", "<br/>", "<table><tr><td data-x=1>1</td></tr></table>", "a < b and c > d",
            "<p style=\"color: #333\">grey</p>"})
    void safeHtmlKeepsItsBytes(String html) {
        assertEquals(html, RawHtml.clean(html));
    }

    @Test
    void whatRunsScriptOrLoadsFromElsewhereIsRemoved() {
        assertEquals("<p>a b</p>", RawHtml.clean("<p>a <script>alert(1)</script>b</p>"));
        assertEquals("x", RawHtml.clean("x<SCRIPT src=//evil.example/x.js></SCRIPT>"));
        assertEquals("", RawHtml.clean("<iframe src=\"https://evil.example\"></iframe>"));
        assertEquals("<div>hi</div>", RawHtml.clean("<div onclick=\"steal()\" onmouseover=x>hi</div>"));
        assertEquals("<img alt=\"t\">", RawHtml.clean("<img src=\"https://tracker.example/p.gif\" alt=\"t\">"));
        assertEquals("<img>", RawHtml.clean("<img srcset=\"a.png 1x, //cdn.example/b.png 2x\">"));
        assertEquals("<a href=\"#\">x</a>", RawHtml.clean("<a href=\"&#106;ava&#x73;cript&colon;alert(1)\">x</a>"));
        assertEquals("<a href=\"#\">x</a>", RawHtml.clean("<a href=' data:text/html,<b>'>x</a>"));
        assertEquals("<p>t</p>", RawHtml.clean("<p style=\"background:url(https://evil.example/i.png)\">t</p>"));
        assertEquals("", RawHtml.clean("<link rel=stylesheet href=//evil.example/s.css><base href=//evil.example/>"
                + "<meta http-equiv=refresh content=\"0;url=//evil.example\">"));
        assertEquals("field", RawHtml.clean("<form action=//evil.example>field<input name=q></form>"));
        assertEquals("&lt;img src=x onerror=alert(1)//", RawHtml.clean("<img src=x onerror=alert(1)//"));
        assertEquals("<svg-free>", RawHtml.clean("<svg-free>"));
        assertEquals("", RawHtml.clean("<svg onload=alert(1)><circle/></svg>"));
        // what a review found: comments browsers end early, a stray < joined to what follows a removed tag,
        // addresses with controls, tabs or line breaks in them, CSS escapes
        for (String early : List.of("<!-->", "<!--->", "<!-- a --!>", "<![CDATA[>", "<!DOCTYPE x>")) {
            assertEquals("&lt;" + early.substring(1) + "<img src=x>", RawHtml.clean(early
                    + "<img src=x onerror=alert(1)>"));
        }
        assertEquals("&lt;img src=x>", RawHtml.clean("<<meta>img src=x>"));
        assertEquals("&lt;img src=x>", RawHtml.clean("<<script></script>img src=x>"));
        assertEquals("a < b", RawHtml.clean("a < b")); // a < that cannot start a tag is text to a browser too
        for (String src : List.of("&#1;//evil.example/a.png", "/\t/evil.example/a.png", "h&#9;ttp://evil.example/a",
                "/&NewLine;/evil.example/a", "\\\\evil.example\\a.png", "/\\evil.example/a.png")) {
            assertEquals("<img>", RawHtml.clean("<img src=\"" + src + "\">"), src);
        }
        assertEquals("<p>t</p>", RawHtml.clean("<p style=\"background:u\\72 l(//evil.example/x.png)\">t</p>"));
        assertEquals("<p>t</p>", RawHtml.clean("<p style=\"background:&#92;75rl(//evil.example/x.png)\">t</p>"));
        assertEquals("<img alt=\"x\">", RawHtml.clean("<img attributionsrc=\"https://evil.example/\" alt=\"x\">"));
    }

    @Test
    void longTagsAndCommentsCostNoStack() {
        String attributes = " x=a".repeat(20_000) + " y=\"b\"".repeat(20_000);
        assertEquals("<a" + attributes + ">", RawHtml.clean("<a" + attributes + ">"));
        assertEquals("<a" + attributes + ">", RawHtml.clean("<a" + attributes + " onclick=x>"));
        String words = " word".repeat(50_000);
        assertEquals("&lt;b" + words, RawHtml.clean("<b" + words));
        String comment = "<!--" + "-x".repeat(50_000) + " -->";
        assertEquals(comment, RawHtml.clean(comment));
        // U+000B is no white space to a browser: the tag is not read as having a second attribute
        assertEquals("&lt;img src=\u000B\"/ok.png onerror=alert(1) x\">",
                RawHtml.clean("<img src=\u000B\"/ok.png onerror=alert(1) x\">"));
    }

    @Test
    void markdownImagesFromOtherHostsAreNotLoadedHoweverTheAddressIsWritten() {
        Markdown md = new Markdown(false);
        for (String src : List.of("&#1;//evil.example/m.png", "h&#9;ttp://evil.example/m.png",
                "/&#10;/evil.example/m")) {
            String html = md.toHtml("![m](" + src + ")");
            assertFalse(html.contains("evil.example") && html.contains("src=\"\u0001") || html.matches(
                    "(?s).*src=\"[^\"]+\".*"), src + " -> " + html);
        }
    }

    @Test
    void aPageWithRawHtmlAllowedPublishesNoScriptNorAnotherHost() {
        Markdown md = new Markdown(true);
        String html = md.toHtml("Intro <span onclick=\"x()\">here</span>.\n\n<div>\n<script>alert(1)</script>\n"
                + "<img src=\"https://cdn.example/a.png\">\n</div>\n\n<em>kept</em>\n");
        String lower = html.toLowerCase(Locale.ROOT);
        for (String bad : List.of("<script", "onclick", "cdn.example")) {
            assertFalse(lower.contains(bad), bad + " in " + html);
        }
        assertEquals(true, html.contains("<span>here</span>") && html.contains("<em>kept</em>"), html);
        // without raw HTML allowed, everything is text, as before
        assertEquals(true, new Markdown(false).toHtml("<em>x</em>").contains("&lt;em&gt;"));
    }
}
