package org.cgtbulletin;

import org.cgtbulletin.aggregate.BatchKey;
import org.cgtbulletin.aggregate.Tables;
import org.cgtbulletin.model.CellKey;
import org.cgtbulletin.publish.PreviousRelease;

/**
 * Releases over time: every cell the previous release withheld stays withheld, so that nobody can subtract two
 * releases to recover it. (Stricter than "unless it now passes every rule": a withheld cell whose count changed
 * because late reports arrived could otherwise be recovered as its new value minus the published change.)
 */
final class Carryover {

    private Carryover() {
    }

    static void apply(Tables tables, PreviousRelease.Decisions previous) {
        for (int id = 0; id < tables.cells().size(); id++) {
            CellKey key = tables.cells().get(id);
            if (previous.withheldCounts().contains(key)) {
                tables.counts().keepSuppressed(id, "withheld in the previous release");
            }
        }
        for (int id = 0; id < tables.batchCells().size(); id++) {
            BatchKey b = tables.batchCells().get(id);
            if (previous.withheldBatches().contains(new CellKey(b.period(), b.productClass(), "*", "*", "*"))) {
                tables.batches().keepSuppressed(id, "withheld in the previous release");
            }
        }
    }
}
