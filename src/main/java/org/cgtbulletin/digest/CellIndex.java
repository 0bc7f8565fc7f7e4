package org.cgtbulletin.digest;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.cgtbulletin.model.CellKey;
import org.cgtbulletin.model.PublishedCell;

/** The published rows by key, built once and shared (read-only) by every digest of a build. */
final class CellIndex {

    private final List<PublishedCell> rows;
    private final Map<CellKey, PublishedCell> byKey;

    CellIndex(List<PublishedCell> rows) {
        this.rows = rows;
        this.byKey = new HashMap<>(rows.size() * 2);
        for (PublishedCell c : rows) {
            byKey.put(c.key(), c);
        }
    }

    /** Every row, in cells.csv order. */
    List<PublishedCell> rows() {
        return rows;
    }

    PublishedCell get(CellKey key) {
        return byKey.get(key);
    }
}
