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
 * @param withoutVolumes the periods with a quarter for which the volumes have no row at all, in publication order:
 *                    their batches started are not known (a quarter the administrator did not deliver is not a
 *                    quarter in which nothing was made), so published empty, with no rate
 */
public record Tables(List<String> periods, List<CellKey> cells, LinkedTables counts, List<BatchKey> batchCells,
        LinkedTables batches, boolean hasVolumes, List<String> withoutVolumes) {

    /** Tables whose volumes, if any, cover every quarter. */
    public Tables(List<String> periods, List<CellKey> cells, LinkedTables counts, List<BatchKey> batchCells,
            LinkedTables batches, boolean hasVolumes) {
        this(periods, cells, counts, batchCells, batches, hasVolumes, List.of());
    }
}
