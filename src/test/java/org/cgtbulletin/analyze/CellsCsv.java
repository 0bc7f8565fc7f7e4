package org.cgtbulletin.analyze;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.cgtbulletin.model.CellKey;
import org.cgtbulletin.model.PublishedCell;

/** Reads a published cells.csv back into rows, as a reader of the site would see them. */
final class CellsCsv {

    private CellsCsv() {
    }

    static List<PublishedCell> read(Path file) throws IOException {
        List<PublishedCell> cells = new ArrayList<>();
        try (Reader r = Files.newBufferedReader(file)) {
            for (CSVRecord c : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build().parse(r)) {
                cells.add(new PublishedCell(new CellKey(c.get("period"), c.get("product_class"),
                        c.get("process_step"), c.get("failure_mode"), c.get("outcome")), longOrNull(c.get("events")),
                        longOrNull(c.get("batches")), doubleOrNull(c.get("rate_per_100")),
                        doubleOrNull(c.get("rate_low")), doubleOrNull(c.get("rate_high")), c.get("status")));
            }
        }
        return cells;
    }

    private static Long longOrNull(String s) {
        return s.isEmpty() ? null : Long.valueOf(s);
    }

    private static Double doubleOrNull(String s) {
        return s.isEmpty() ? null : Double.valueOf(s);
    }
}
