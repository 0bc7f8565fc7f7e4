package org.cgtbulletin.site;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The pagination of a year's stories: every page for a few pages; for hundreds, the first, the last and two
 * either side of the current one, with a gap where pages are left out (a million reports publish years of about
 * 500 pages, and every page listing every other one made the pages quadratic in size and tiresome to hear).
 */
class StoryPagesTest {

    /** The links as text: numbers, "[n]" for the current page, "..." for a gap. */
    private static String links(int n, int pageCount) {
        StringBuilder b = new StringBuilder();
        for (Map<String, Object> link : Pages.pageLinks(2025, n, pageCount)) {
            if (b.length() > 0) {
                b.append(' ');
            }
            if ((Boolean) link.get("gap")) {
                b.append("...");
            } else {
                b.append((Boolean) link.get("current") ? "[" + link.get("n") + "]" : link.get("n").toString());
            }
        }
        return b.toString();
    }

    @Test
    void fewPagesAreAllLinked() {
        assertEquals("[1] 2 3", links(1, 3));
        assertEquals("1 2 [3] 4 5 6", links(3, 6));
        assertEquals("1 2 3 4 5 [6] 7", links(6, 7));
        assertEquals("1 2 3 4 5 6 7 8 [9]", links(9, 9));
    }

    @Test
    void manyPagesLinkTheEndsAndTheNeighbours() {
        assertEquals("[1] 2 3 ... 495", links(1, 495));
        assertEquals("1 ... 248 249 [250] 251 252 ... 495", links(250, 495));
        assertEquals("1 2 3 [4] 5 6 ... 495", links(4, 495));
        assertEquals("1 ... 493 494 [495]", links(495, 495));
        assertEquals("1 2 3 4 [5] 6 7 ... 495", links(5, 495)); // not "1 ... 3": a gap hides two pages or more
        assertEquals("1 ... 489 490 [491] 492 493 494 495", links(491, 495));
        assertEquals("1 ... 4 5 [6] 7 8 ... 495", links(6, 495));
    }

    @Test
    void eachLinkIsThePagesAddress() {
        List<Map<String, Object>> links = Pages.pageLinks(2025, 1, 495);
        assertEquals("stories/2025/index.html", links.get(0).get("href"));
        assertEquals("stories/2025/2/index.html", links.get(1).get("href"));
        assertEquals("stories/2025/495/index.html", links.get(links.size() - 1).get("href"));
    }
}
