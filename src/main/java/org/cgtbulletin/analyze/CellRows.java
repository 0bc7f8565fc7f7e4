package org.cgtbulletin.analyze;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.cgtbulletin.aggregate.BatchKey;
import org.cgtbulletin.aggregate.Tables;
import org.cgtbulletin.model.CellKey;
import org.cgtbulletin.model.PublishedCell;
import org.cgtbulletin.protect.CellStatus;
import org.cgtbulletin.protect.Protection;

/**
 * Joins the protected counts and denominators into the rows of {@code cells.csv}: events where the count is
 * published, batches where the denominator is, and a rate with its interval only where both are.
 */
public final class CellRows {

    private CellRows() {
    }

    public static List<PublishedCell> of(Tables tables, Protection counts, Protection denominators) {
        Map<BatchKey, Integer> batchIds = new HashMap<>();
        for (int i = 0; i < tables.batchCells().size(); i++) {
            batchIds.put(tables.batchCells().get(i), i);
        }
        java.util.Set<String> unknownBatches = new java.util.HashSet<>(tables.withoutVolumes());
        List<PublishedCell> rows = new ArrayList<>(tables.cells().size());
        for (int id = 0; id < tables.cells().size(); id++) {
            CellKey key = tables.cells().get(id);
            CellStatus status = counts.status()[id];
            Long events = status == CellStatus.PUBLISHED ? tables.counts().total(id) : null;
            Long batches = null;
            if (tables.hasVolumes() && !unknownBatches.contains(key.period())) {
                int b = batchIds.get(new BatchKey(key.period(), key.productClass()));
                if (denominators.status()[b] == CellStatus.PUBLISHED) {
                    batches = tables.batches().total(b);
                }
            }
            Rates.Rate rate = events != null && batches != null ? Rates.perHundred(events, batches) : null;
            rows.add(new PublishedCell(key, events, batches, rate == null ? null : rate.perHundred(),
                    rate == null ? null : rate.low(), rate == null ? null : rate.high(), statusName(status)));
        }
        return rows;
    }

    /**
     * Rows for every cell of the tables with made-up numbers (small counts in a fixed pattern, every sixth count
     * withheld, denominators where the tables have volumes), for a rehearsal of the rendering that is thrown away
     * ({@code Digests.rehearse}): nothing in them comes from the reports but which cells there are.
     */
    public static List<PublishedCell> madeUp(Tables tables) {
        List<PublishedCell> rows = new ArrayList<>(tables.cells().size());
        for (int id = 0; id < tables.cells().size(); id++) {
            boolean shown = id % 6 != 0;
            Long events = shown ? (long) (id % 11) : null;
            Long batches = tables.hasVolumes() ? 40L + id % 30 : null;
            Rates.Rate rate = events != null && batches != null ? Rates.perHundred(events, batches) : null;
            rows.add(new PublishedCell(tables.cells().get(id), events, batches,
                    rate == null ? null : rate.perHundred(), rate == null ? null : rate.low(),
                    rate == null ? null : rate.high(), shown ? PublishedCell.PUBLISHED : PublishedCell.SUPPRESSED));
        }
        return rows;
    }

    static String statusName(CellStatus status) {
        return switch (status) {
            case PUBLISHED -> PublishedCell.PUBLISHED;
            case SUPPRESSED -> PublishedCell.SUPPRESSED;
            case SUPPRESSED_SECONDARY -> PublishedCell.SUPPRESSED_SECONDARY;
        };
    }
}
