package org.cgtbulletin.publish;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Set;
import java.util.TreeSet;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.cgtbulletin.model.CellKey;
import org.cgtbulletin.model.Quarter;

/** The suppression decisions of the previous release, read from its {@code data/cells.csv}. */
public final class PreviousRelease {

    private static final Comparator<CellKey> ORDER = Comparator.comparing(CellKey::label);

    private PreviousRelease() {
    }

    /**
     * What the previous release withheld and published.
     *
     * @param withheldCounts   keys of count cells whose status was suppressed or suppressed-secondary
     * @param withheldBatches  denominators withheld, as keys (period, product class, *, *, *); empty when the
     *                         previous release had no volumes at all
     * @param publishedCounts  keys of count cells it published
     * @param publishedBatches denominators it published, as keys (period, product class, *, *, *)
     * @param lastQuarter      its latest quarter (the quarter it was as of), or null when it had none
     */
    public record Decisions(Set<CellKey> withheldCounts, Set<CellKey> withheldBatches, Set<CellKey> publishedCounts,
            Set<CellKey> publishedBatches, Quarter lastQuarter) {
        public static final Decisions NONE = new Decisions(Set.of(), Set.of(), Set.of(), Set.of(), null);
    }

    /** Reads the previous release's cells.csv; {@link Decisions#NONE} when there is none. */
    public static Decisions read(Path cellsCsv) throws IOException {
        if (cellsCsv == null || !Files.isRegularFile(cellsCsv)) {
            return Decisions.NONE;
        }
        Set<CellKey> counts = new TreeSet<>(ORDER);
        Set<CellKey> published = new TreeSet<>(ORDER);
        Quarter last = null;
        Set<CellKey> batchesShown = new TreeSet<>(ORDER);
        Set<CellKey> batchesEmpty = new TreeSet<>(ORDER);
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build();
        try (Reader r = Files.newBufferedReader(cellsCsv); CSVParser p = format.parse(r)) {
            for (String column : CellsFiles.HEADER) {
                if (!p.getHeaderMap().containsKey(column)) {
                    throw new IOException(cellsCsv + ": not a cells.csv of this bulletin (no column '" + column
                            + "')");
                }
            }
            for (CSVRecord rec : p) {
                String status = rec.get("status");
                CellKey key = new CellKey(rec.get("period"), rec.get("product_class"), rec.get("process_step"),
                        rec.get("failure_mode"), rec.get("outcome"));
                (status.startsWith("suppressed") ? counts : published).add(key);
                Quarter q = Quarter.parseOrNull(key.period());
                if (q != null && (last == null || q.compareTo(last) > 0)) {
                    last = q;
                }
                CellKey denominator = new CellKey(rec.get("period"), rec.get("product_class"), "*", "*", "*");
                (rec.get("batches").isEmpty() ? batchesEmpty : batchesShown).add(denominator);
            }
        }
        Set<CellKey> withheldBatches = batchesShown.isEmpty() ? Set.of() : batchesEmpty;
        return new Decisions(counts, withheldBatches, published, batchesShown, last);
    }
}
