package org.cgtbulletin.aggregate;

import java.util.List;

import org.cgtbulletin.model.CellKey;
import org.cgtbulletin.protect.LinkedTables;

/**
 * Every table the bulletin publishes, as two linked systems ready for disclosure control: event counts (cell
 * ids index {@code cells}) and batches started (ids index {@code batchCells}).
 *
 * @param periods     period names in publication order: quarters, years, then {@code all}
 * @param hasVolumes  false when no volumes were given (then there are no denominators at all)
 */
public record Tables(List<String> periods, List<CellKey> cells, LinkedTables counts, List<BatchKey> batchCells,
        LinkedTables batches, boolean hasVolumes) {
}
