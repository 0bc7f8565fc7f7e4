package org.cgtbulletin.analyze;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;

import org.cgtbulletin.aggregate.Aggregator;
import org.cgtbulletin.aggregate.Tables;
import org.cgtbulletin.model.FailureReport;
import org.cgtbulletin.model.PublishedCell;
import org.cgtbulletin.model.Quarter;
import org.cgtbulletin.model.Taxonomy;
import org.junit.jupiter.api.Test;

/**
 * The rows a build's digest rehearsal renders ({@link CellRows#madeUp}) hold nothing of the reports: tables of the
 * same cells give the same rows whatever was reported, a row for each cell in the tables' order.
 */
class MadeUpRowsTest {

    private static final List<String> CLASSES = List.of("car_t_autologous", "aav_vector");
    private static final List<String> STEPS = List.of("expansion", "qc_release");
    private static final List<String> MODES = List.of("mycoplasma_positive", "low_viability");

    private static Tables tables(long seed, int reports) {
        return tables(seed, reports, false);
    }

    private static Tables tables(long seed, int reports, boolean volumes) {
        Taxonomy taxonomy = TestTaxonomy.of(CLASSES, STEPS, MODES);
        Aggregator agg = new Aggregator(taxonomy);
        SplittableRandom random = new SplittableRandom(seed);
        Quarter first = new Quarter(2025, 1);
        for (int i = 0; i < reports; i++) {
            Quarter q = i == 0 ? first : i == 1 ? new Quarter(2025, 4) : new Quarter(2025, 1 + random.nextInt(4));
            agg.accept(new FailureReport("R-" + i, "C" + (1 + random.nextInt(5)), q.toString(), q,
                    CLASSES.get(random.nextInt(2)), STEPS.get(random.nextInt(2)), MODES.get(random.nextInt(2)),
                    "near_miss", null, null, null, null, null, false));
        }
        List<org.cgtbulletin.model.BatchVolume> made = new java.util.ArrayList<>();
        for (int q = 1; volumes && q <= 4; q++) {
            for (String c : CLASSES) {
                made.add(new org.cgtbulletin.model.BatchVolume("C1", new Quarter(2025, q), c, 7 + random.nextInt(900)));
            }
        }
        return agg.tables(first, new Quarter(2025, 4), made);
    }

    @Test
    void theRowsDependOnWhichCellsThereAreAndOnNothingReported() {
        Tables few = tables(1, 40);
        Tables many = tables(2, 900);
        assertEquals(few.cells(), many.cells());
        assertNotEquals(few.counts().total(0), many.counts().total(0), "the reports differ");
        List<PublishedCell> rows = CellRows.madeUp(few);
        assertEquals(rows, CellRows.madeUp(many));
        assertEquals(few.cells().size(), rows.size());
        int withheld = 0;
        for (int i = 0; i < rows.size(); i++) {
            PublishedCell row = rows.get(i);
            assertEquals(few.cells().get(i), row.key());
            assertEquals(row.events() != null, row.isPublished());
            withheld += row.isPublished() ? 0 : 1;
            assertEquals(null, row.batches(), "no volumes, no denominators");
        }
        assertTrue(withheld > 0 && withheld < rows.size(), "some withheld, some shown: " + withheld);
    }

    @Test
    void theDenominatorsAreMadeUpToo() {
        Tables few = tables(3, 60, true);
        Tables many = tables(4, 700, true);
        assertTrue(few.hasVolumes());
        assertEquals(few.cells(), many.cells());
        assertNotEquals(few.batches().total(0), many.batches().total(0), "the volumes differ");
        List<PublishedCell> rows = CellRows.madeUp(few);
        assertEquals(rows, CellRows.madeUp(many));
        assertTrue(rows.stream().allMatch(r -> r.batches() != null), "a denominator for every row");
        assertTrue(rows.stream().anyMatch(r -> r.ratePer100() != null), "and rates where the count is shown");
    }
}
