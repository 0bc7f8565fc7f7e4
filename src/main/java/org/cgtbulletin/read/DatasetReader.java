package org.cgtbulletin.read;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;

import org.cgtbulletin.model.BatchVolume;
import org.cgtbulletin.model.FailureReport;
import org.cgtbulletin.model.Problems;
import org.cgtbulletin.model.Quarter;
import org.cgtbulletin.model.Taxonomy;

/**
 * The read stage: reads the taxonomy, the reports (streaming, one validated {@link FailureReport} at a time to
 * the caller), the volumes and the denylist, and collects every problem with its file and line.
 * The caller must discard what it received when {@code problems.hasErrors()} afterwards: a dataset is used whole
 * or not at all.
 */
public final class DatasetReader {

    private DatasetReader() {
    }

    /**
     * Warns of the quarters the bulletin publishes ({@code from} to {@code to}) for which the volumes have no row at
     * all: their batches are not known, so they, and those of their year and of {@code all}, are published empty.
     */
    private static void warnOfQuartersWithoutVolumes(DatasetFiles files, List<BatchVolume> volumes, Quarter from,
            Quarter to, Problems problems) {
        if (volumes.isEmpty() || from == null || to == null) {
            return;
        }
        Set<Quarter> delivered = new TreeSet<>();
        volumes.forEach(v -> delivered.add(v.quarter()));
        List<String> missing = new java.util.ArrayList<>();
        for (Quarter q = from; q.compareTo(to) <= 0; q = q.next()) {
            if (!delivered.contains(q)) {
                missing.add(q.toString());
            }
        }
        if (!missing.isEmpty()) {
            problems.warning(files.volumes().toString(), 0, "quarter", "no row for " + (missing.size() == 1
                    ? "quarter " + missing.get(0) : "quarters " + String.join(", ", missing)) + ", which the"
                    + " bulletin publishes: the batches started there (and in any year or total including them)"
                    + " are not known, so they are published empty, with no rate; add the rows, with"
                    + " batches_started 0 where nothing was started");
        }
    }

    /**
     * Reads everything. {@code sinkFor} is given the taxonomy once it is read and returns where the valid
     * reports go; it is not called when the taxonomy cannot be read.
     */
    public static DatasetSummary read(DatasetFiles files, ValidationRules rules, Problems problems,
            Function<Taxonomy, Consumer<FailureReport>> sinkFor) throws IOException {
        Taxonomy taxonomy = null;
        if (exists(files.taxonomy(), "taxonomy", problems)) {
            taxonomy = TaxonomyReader.read(files.taxonomy(), problems);
        }
        if (taxonomy == null) {
            return new DatasetSummary(null, 0, 0, 0, null, null, List.of(), List.of(), 0);
        }
        String taxonomyFile = files.taxonomy().toString();

        long bytes = 0;
        ReportValidator reportValidator = null;
        if (exists(files.reports(), "reports", problems)) {
            String file = files.reports().toString();
            reportValidator = new ReportValidator(new FieldChecks(file, taxonomy, taxonomyFile, problems), rules,
                    sinkFor.apply(taxonomy));
            bytes = readRows(files.reports(), RowSchema.REPORTS, problems, reportValidator);
        }
        List<BatchVolume> volumes = List.of();
        if (files.volumes() != null && exists(files.volumes(), "volumes", problems)) {
            String file = files.volumes().toString();
            VolumeValidator volumeValidator = new VolumeValidator(
                    new FieldChecks(file, taxonomy, taxonomyFile, problems), rules);
            readRows(files.volumes(), RowSchema.VOLUMES, problems, volumeValidator);
            volumes = List.copyOf(volumeValidator.volumes());
        }
        List<String> denylist = List.of();
        if (files.denylist() != null && exists(files.denylist(), "denylist", problems)) {
            denylist = DenylistReader.read(files.denylist(), problems);
        }
        if (reportValidator == null) {
            return new DatasetSummary(taxonomy, 0, 0, 0, null, null, volumes, denylist, 0);
        }
        Set<Quarter> quarters = new TreeSet<>(reportValidator.quarters());
        Quarter first = quarters.isEmpty() ? null : ((TreeSet<Quarter>) quarters).first();
        Quarter last = quarters.isEmpty() ? null : ((TreeSet<Quarter>) quarters).last();
        warnOfQuartersWithoutVolumes(files, volumes, first != null ? first : rules.asOf(),
                rules.asOf() != null ? rules.asOf() : last, problems);
        return new DatasetSummary(taxonomy, reportValidator.valid(), reportValidator.publishable(),
                reportValidator.contributors().size(), first, last, volumes, denylist, bytes);
    }

    /**
     * Reads one data file by its extension, parsing ahead on a thread of its own ({@link ReadAhead}) while this
     * thread validates; returns the number of bytes read.
     */
    private static long readRows(Path path, RowSchema schema, Problems problems, RowSink sink) throws IOException {
        String file = path.toString();
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        return ReadAhead.read((found, rows) -> {
            try (InputStream in = Files.newInputStream(path);
                 DecodingReader reader = new DecodingReader(in, file, found)) {
                if (name.endsWith(".csv")) {
                    // after a record that breaks the file's structure, the rest is read from a second reading,
                    // whose bad bytes (reported by the first) are not reported again
                    CsvRows.read(reader, () -> new DecodingReader(Files.newInputStream(path), file,
                            Problems.handedTo(p -> { })), file, schema, found, rows);
                } else if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
                    JsonRows.readLines(reader, file, schema, found, rows);
                } else if (name.endsWith(".json")) {
                    JsonRows.readArray(reader, file, schema, found, rows);
                } else {
                    found.error(file, 0, "file", "unknown file type; the format is chosen by the extension:"
                            + " .csv, .json (an array of objects) or .jsonl (one object per line)");
                    return 0;
                }
                reader.reportUnlisted();
                return reader.bytesRead();
            }
        }, problems, sink);
    }

    private static boolean exists(Path path, String what, Problems problems) {
        if (Files.isRegularFile(path) && Files.isReadable(path)) {
            return true;
        }
        problems.error(path.toString(), 0, "file", "the " + what + " file "
                + (Files.exists(path) ? "cannot be read (is it a folder, or not readable?)" : "does not exist"));
        return false;
    }
}
