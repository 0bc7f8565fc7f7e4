package org.cgtbulletin.read;

import java.util.Set;

/** Receives rows from a reader of one file, after the columns are known (CSV) or row by row (JSON). */
interface RowSink {

    /** Called once for a file with a header (CSV) with the schema fields that header has. */
    void columns(long line, Set<String> present);

    void row(RawRow row);
}
