package org.cgtbulletin.stories;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.cgtbulletin.model.CellKey;
import org.cgtbulletin.model.Quarter;
import org.cgtbulletin.model.Story;
import org.junit.jupiter.api.Test;

/** Stories against the withheld cells: published as they are, with their year only, or withheld. */
class StoryCellsTest {

    private static final Quarter Q1 = Quarter.parse("2026-Q1");
    private static final Quarter Q2 = Quarter.parse("2026-Q2");
    private static final Quarter Q3 = Quarter.parse("2026-Q3");

    private static Story story(Quarter q, String step, String narrative) {
        return new Story(null, q, "car_t_autologous", "Cell therapy", step, "low_viability", "batch_lost",
                narrative, null, false);
    }

    /**
     * Tables of two cells per period, its total and (step, mode): 2026-Q1 to 2026-Q3 and the year, each published
     * with the given counts, except the (expansion, low_viability) cell of {@code withheld}.
     */
    private static StoryDesk.Result place(List<Story> stories, Quarter withheld, long expansionCount) {
        Map<CellKey, Long> published = new HashMap<>();
        for (String period : List.of("2026-Q1", "2026-Q2", "2026-Q3", "2026")) {
            published.put(new CellKey(period, "*", "*", "*", "*"), 50L);
            if (!period.equals(withheld.toString())) {
                published.put(new CellKey(period, "*", "expansion", "low_viability", "*"), expansionCount);
            }
        }
        CellKey hidden = new CellKey(withheld.toString(), "*", "expansion", "low_viability", "*");
        List<String> reports = stories.stream().map(s -> "R-" + s.narrative().hashCode()).toList();
        StoryDesk.Result in = new StoryDesk.Result(stories.stream().map(s -> new Story(StoryDesk.baseId(s), s.year(),
                s.quarter(), s.productClass(), s.productGroup(), s.processStep(), s.failureMode(), s.outcome(),
                s.narrative(), s.lesson(), s.featured())).toList(),
                new StoryAudit(stories.size(), stories.size(), stories.size(), 0, List.of(), List.of()), reports);
        return StoryCells.placeOverWithheldCells(in, StoryDeskTest.taxonomy(), Set.of(hidden)::contains,
                published::get);
    }

    @Test
    void aStoryInAWithheldQuarterCellIsShownByItsYearWhereverInTheYearItIs() {
        Story other = story(Q2, "qc_release", "A story of the second quarter, in published cells.");
        Story hiddenInQ1 = story(Q1, "expansion", "Expansion stalled at day seven.");
        Story hiddenInQ3 = story(Q3, "expansion", "Expansion stalled at day seven.");
        StoryDesk.Result fromQ1 = place(List.of(other, hiddenInQ1), Q1, 4);
        StoryDesk.Result fromQ3 = place(List.of(hiddenInQ3, other), Q3, 4);
        // the same stories, ids and order, whichever quarter the story came from
        assertEquals(fromQ1.published(), fromQ3.published());
        Story shown = fromQ1.published().get(1);
        assertNull(shown.quarter());
        assertEquals(2026, shown.year());
        assertTrue(shown.id().matches("2026-[0-9a-f]{10}"), shown.id());
        assertEquals("2026", shown.period());
        assertEquals(Q2, fromQ1.published().get(0).quarter(), "after the stories shown with a quarter of its year");
        assertEquals(1, fromQ1.audit().shownByYearOnly());
        assertTrue(fromQ1.audit().withheld().get(0).reason().contains("published with its year only"));
    }

    @Test
    void aStoryNoOtherQuarterHasRoomForIsWithheld() {
        // every other quarter's (expansion, low_viability) count is 1, taken by a story shown with that quarter
        Story inQ2 = story(Q2, "expansion", "Expansion stalled in the second quarter.");
        Story inQ3 = story(Q3, "expansion", "Expansion stalled in the third quarter.");
        Story hidden = story(Q1, "expansion", "Expansion stalled at day seven.");
        StoryDesk.Result full = place(List.of(inQ3, inQ2, hidden), Q1, 1);
        assertEquals(List.of(Q3, Q2), full.published().stream().map(Story::quarter).toList());
        assertEquals(1, full.audit().storiesWithheld());
        assertTrue(full.audit().withheld().get(0).reason().contains("no other quarter of its year has room"),
                full.audit().withheld().get(0).reason());
        // with room for one more in each of the other two quarters, two such stories are shown by their year; a
        // third is not
        Story another = story(Q1, "expansion", "Expansion stalled at day nine.");
        Story third = story(Q1, "expansion", "Expansion stalled at day eleven.");
        StoryDesk.Result room = place(List.of(inQ3, inQ2, hidden, another, third), Q1, 2);
        assertEquals(2, room.audit().shownByYearOnly(), room.audit().toString());
        assertEquals(1, room.audit().storiesWithheld(), room.audit().toString());
    }
}
