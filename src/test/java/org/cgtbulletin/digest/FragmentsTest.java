package org.cgtbulletin.digest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Editorial HTML made fit for the digest's XHTML (and for PDF/UA): well-formed, plain, headings in order. */
class FragmentsTest {

    @Test
    void headingsSitUnderTheDigestsOwnAndNeverSkipALevel() {
        assertEquals("<h4>A</h4><p>x</p><h5>B</h5><h6>C</h6><h4>D</h4>",
                Fragments.xhtml("<h2>A</h2><p>x</p><h3>B</h3><h5>C</h5><h2>D</h2>", 4));
        assertEquals("<h4>Deep first</h4><h4>Then top</h4>", Fragments.xhtml("<h3>Deep first</h3><h2>Then top</h2>", 4));
    }

    @Test
    void tableHeadersGetAScopeAndAttributesAreDropped() {
        assertEquals("<table><thead><tr><th scope=\"col\">A</th></tr></thead><tbody><tr><th scope=\"row\">r</th>"
                + "<td colspan=\"2\">1</td></tr></tbody></table>",
                Fragments.xhtml("<table class=\"data\" onclick=\"x()\"><thead><tr><th style=\"color:red\">A</th></tr>"
                        + "</thead><tbody><tr><th>r</th><td colspan=\"2\" id=\"i\">1</td></tr></tbody></table>", 4));
    }

    @Test
    void onlyWebAndMailLinksStayLinksAndImagesBecomeTheirText() {
        assertEquals("<p><a href=\"https://example.org/x\">web</a> page <a href=\"mailto:a@b.c\">mail</a> bad"
                + " [A chart of x]</p>", Fragments.xhtml("<p><a href=\"https://example.org/x\" onclick=\"evil()\">web</a>"
                + " <a href=\"../../steps/x/index.html\">page</a> <a href=\"mailto:a@b.c\">mail</a>"
                + " <a href=\"javascript:alert(1)\">bad</a> <img src=\"x.png\" alt=\"A chart of x\" onerror=\"e()\"/></p>",
                4));
    }

    @Test
    void scriptsStylesAndFramesAreDroppedAndUnknownElementsUnwrapped() {
        String x = Fragments.xhtml("<p>a<script>alert(1)</script><style>p{}</style><iframe src=\"x\"></iframe>"
                + "<custom-tag>kept text</custom-tag><!-- comment --></p>", 4);
        assertEquals("<p>akept text</p>", x);
    }

    @Test
    void htmlThatIsNotWellFormedBecomesItsText() {
        String x = Fragments.xhtml("<p>Unclosed <b>bold &nbsp;and <br> a <script>alert(1)</script> & more\n\nNext", 4);
        assertEquals("<p>Unclosed bold and a &amp; more</p><p>Next</p>", x);
        assertFalse(x.contains("alert"));
        assertEquals("", Fragments.xhtml("  ", 4));
    }

    @Test
    void voidElementsAndCommonEntitiesOfRawHtmlAreAccepted() {
        assertEquals("<p>a<br/>b [A] \u00a0c\u2013d &amp; e</p>",
                Fragments.xhtml("<p>a<br>b <img src=\"x.png\" alt=\"A\"> &nbsp;c&ndash;d &amp; e</p>", 4));
    }

    @Test
    void flexmarksOutputIsKept() {
        String html = "<p>Text with <em>emphasis</em>, <strong>strong</strong>, <code>code</code> &amp; &lt;tags&gt;."
                + "<br />\nNew line.</p>\n<ul>\n<li>one</li>\n</ul>\n<hr />\n<blockquote>\n<p>q</p>\n</blockquote>\n";
        String x = Fragments.xhtml(html, 4);
        assertTrue(x.startsWith("<p>Text with <em>emphasis</em>, <strong>strong</strong>, <code>code</code> &amp;"
                + " &lt;tags&gt;.<br/>"), x);
        assertTrue(x.contains("<ul>\n<li>one</li>\n</ul>") && x.contains("<hr/>") && x.contains("<blockquote>"), x);
    }
}
