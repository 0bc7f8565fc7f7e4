package org.cgtbulletin.publish;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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
     * @param publishedCounts  count cells it published, by key, with their events
     * @param publishedBatches denominators it published, as keys (period, product class, *, *, *), with their value
     * @param quarters         the quarters it had (empty when there was none)
     */
    public record Decisions(Set<CellKey> withheldCounts, Set<CellKey> withheldBatches,
            Map<CellKey, Long> publishedCounts, Map<CellKey, Long> publishedBatches, Set<Quarter> quarters) {
        public static final Decisions NONE = new Decisions(Set.of(), Set.of(), Map.of(), Map.of(), Set.of());
    }

    /** Reads the previous release's cells.csv; {@link Decisions#NONE} when there is none. */
    public static Decisions read(Path cellsCsv) throws IOException {
        if (cellsCsv == null || !Files.isRegularFile(cellsCsv)) {
            return Decisions.NONE;
        }
        Set<CellKey> counts = new TreeSet<>(ORDER);
        Map<CellKey, Long> published = new TreeMap<>(ORDER);
        Map<CellKey, Long> batchValues = new TreeMap<>(ORDER);
        Set<Quarter> quarters = new TreeSet<>();
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
                if (status.startsWith("suppressed")) {
                    counts.add(key);
                } else {
                    published.put(key, number(rec.get("events")));
                }
                Quarter q = Quarter.parseOrNull(key.period());
                if (q != null) {
                    quarters.add(q);
                }
                CellKey denominator = new CellKey(rec.get("period"), rec.get("product_class"), "*", "*", "*");
                (rec.get("batches").isEmpty() ? batchesEmpty : batchesShown).add(denominator);
                if (!rec.get("batches").isEmpty()) {
                    batchValues.put(denominator, number(rec.get("batches")));
                }
            }
        }
        // A period none of whose denominators was shown is taken as one without volumes (its batches were not
        // known, so published empty), not as denominators withheld: once the volumes come, they are published if
        // this release's rules and audit allow. A period whose every denominator was withheld by the protection is
        // treated the same; nothing of it was published, so there is no earlier number to subtract.
        Set<String> shownPeriods = new java.util.HashSet<>();
        batchesShown.forEach(k -> shownPeriods.add(k.period()));
        Set<CellKey> withheldBatches = new TreeSet<>(ORDER);
        for (CellKey k : batchesEmpty) {
            if (shownPeriods.contains(k.period())) {
                withheldBatches.add(k);
            }
        }
        return new Decisions(counts, withheldBatches, published, batchValues, quarters);
    }

    /** A published number of cells.csv; -1 when it is not one (such a cell is then never taken as known). */
    private static long number(String text) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
