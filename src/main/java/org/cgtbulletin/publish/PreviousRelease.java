package org.cgtbulletin.publish;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.cgtbulletin.model.CellKey;
import org.cgtbulletin.model.Quarter;

/**
 * The suppression decisions of the previous release, read from its {@code data/cells.csv}, and who contributed to
 * its published quarter cells, from its staff audit's {@value #CONTRIBUTIONS}.
 */
public final class PreviousRelease {

    /**
     * The cells in the order of their labels ({@link CellKey#label}), compared without making the labels: the
     * previous release's cells are kept in tree maps in this order, searched tens of thousands of times by a
     * quarterly release, and each comparison made two strings (reading a million reports' cells.csv took 0.17 s).
     */
    static final Comparator<CellKey> ORDER = PreviousRelease::compareLabels;

    /** The labels' characters: period, space, class, slash, step, slash, mode, slash, outcome. */
    private static final int LABEL_PIECES = 9;

    /** {@code a.label().compareTo(b.label())}, in sign, without the labels. */
    static int compareLabels(CellKey a, CellKey b) {
        int pa = 0;
        int pb = 0;
        int oa = 0;
        int ob = 0;
        String sa = labelPiece(a, 0);
        String sb = labelPiece(b, 0);
        while (true) {
            while (oa == sa.length() && ++pa < LABEL_PIECES) {
                sa = labelPiece(a, pa);
                oa = 0;
            }
            while (ob == sb.length() && ++pb < LABEL_PIECES) {
                sb = labelPiece(b, pb);
                ob = 0;
            }
            boolean endA = pa >= LABEL_PIECES;
            boolean endB = pb >= LABEL_PIECES;
            if (endA || endB) {
                return endA == endB ? 0 : endA ? -1 : 1;
            }
            char ca = sa.charAt(oa++);
            char cb = sb.charAt(ob++);
            if (ca != cb) {
                return ca < cb ? -1 : 1;
            }
        }
    }

    private static String labelPiece(CellKey k, int piece) {
        return switch (piece) {
            case 0 -> k.period();
            case 1 -> " ";
            case 2 -> k.productClass();
            case 4 -> k.processStep();
            case 6 -> k.failureMode();
            case 8 -> k.outcome();
            default -> "/";
        };
    }

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
     * @param contributors     who contributed to its published quarter cells, from its staff audit (or why not known)
     */
    public record Decisions(Set<CellKey> withheldCounts, Set<CellKey> withheldBatches,
            Map<CellKey, Long> publishedCounts, Map<CellKey, Long> publishedBatches, Set<Quarter> quarters,
            Contributors contributors) {
        public static final Decisions NONE = new Decisions(Set.of(), Set.of(), Map.of(), Map.of(), Set.of());

        /** Decisions whose contributors are not known. */
        public Decisions(Set<CellKey> withheldCounts, Set<CellKey> withheldBatches,
                Map<CellKey, Long> publishedCounts, Map<CellKey, Long> publishedBatches, Set<Quarter> quarters) {
            this(withheldCounts, withheldBatches, publishedCounts, publishedBatches, quarters,
                    Contributors.unknown("no staff audit of the previous release was given"));
        }
    }

    /**
     * Who contributed what to a release's quarter cells (published or withheld): the staff audit keeps it
     * ({@value #CONTRIBUTIONS}), so that the next release can apply the rules to a revision (the change late reports
     * made to a published cell), contributor by contributor, as {@code disclosure.md} asks. Staff only: it names
     * contributors by their tokens, as the rest of the audit does.
     *
     * @param counts  count cells (quarters only, published or withheld) to each contributor's events; a cell with no
     *                entry had none
     * @param batches denominators (quarters only), as keys (period, product class, *, *, *), to each contributor's
     *                batches started
     * @param missing null when known; else why not (for the staff audit), and both maps are empty
     */
    public record Contributors(Map<CellKey, SortedMap<String, Long>> counts,
            Map<CellKey, SortedMap<String, Long>> batches, String missing) {

        public static Contributors unknown(String why) {
            return new Contributors(Map.of(), Map.of(), why);
        }

        /**
         * A quarter cell's contributions then, published or withheld (empty for a cell that had none), or null when
         * this release's are not known.
         */
        public SortedMap<String, Long> then(CellKey key, boolean batch) {
            if (missing != null) {
                return null;
            }
            SortedMap<String, Long> found = (batch ? batches : counts).get(key);
            return found != null ? found : new TreeMap<>();
        }

        /**
         * A published cell's contributions then, or null when not known: when this release's are not, or they do
         * not add up to the number the release published (then the audit and the cells are not of one release).
         */
        public SortedMap<String, Long> of(CellKey key, boolean batch, long publishedThen) {
            SortedMap<String, Long> then = then(key, batch);
            if (then == null) {
                return null;
            }
            long sum = 0;
            for (long x : then.values()) {
                sum += x;
            }
            return sum == publishedThen ? then : null;
        }
    }

    /** The staff audit's file of who contributed to each quarter cell. */
    public static final String CONTRIBUTIONS = "contributions.csv";

    private static final List<String> CONTRIBUTIONS_HEADER = List.of("table", "period", "product_class",
            "process_step", "failure_mode", "outcome", "contributor", "amount");
    private static final String FINGERPRINT = " cells.csv sha256 ";

    /**
     * Writes {@value #CONTRIBUTIONS} into a staff audit folder: one row per contributor of each quarter cell
     * (amounts above 0), in the order given; its first line, a comment, is the fingerprint of the cells.csv
     * published beside it ({@link #fingerprint}), so that a later build uses it only with that release.
     */
    public static void writeContributions(Path auditDir, String cellsFingerprint, Contributors c)
            throws IOException {
        CSVFormat format = CSVFormat.RFC4180.builder().setRecordSeparator('\n').setCommentMarker('#')
                .setHeaderComments(FINGERPRINT.strip() + " " + cellsFingerprint)
                .setHeader(CONTRIBUTIONS_HEADER.toArray(String[]::new)).build();
        try (Writer w = Files.newBufferedWriter(auditDir.resolve(CONTRIBUTIONS), StandardCharsets.UTF_8);
             CSVPrinter out = new CSVPrinter(w, format)) {
            rows(out, "events", c.counts());
            rows(out, "batches", c.batches());
        }
    }

    private static void rows(CSVPrinter out, String table, Map<CellKey, SortedMap<String, Long>> cells)
            throws IOException {
        for (Map.Entry<CellKey, SortedMap<String, Long>> cell : cells.entrySet()) {
            CellKey k = cell.getKey();
            for (Map.Entry<String, Long> x : cell.getValue().entrySet()) {
                if (x.getValue() > 0) {
                    out.printRecord(table, k.period(), k.productClass(), k.processStep(), k.failureMode(),
                            k.outcome(), x.getKey(), x.getValue());
                }
            }
        }
    }

    /** The SHA-256 of a file's bytes, in hex: what ties a staff audit's contributions to its cells.csv. */
    public static String fingerprint(Path file) throws IOException {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            try (InputStream in = Files.newInputStream(file)) {
                byte[] buffer = new byte[1 << 16];
                for (int n; (n = in.read(buffer)) > 0;) {
                    sha.update(buffer, 0, n);
                }
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /**
     * The contributions the staff audit in {@code auditDir} kept for the release whose cells.csv is
     * {@code cellsCsv}; unknown (with the reason) when the folder has none, or kept them for another release.
     */
    static Contributors contributors(Path cellsCsv, Path auditDir) throws IOException {
        Path file = auditDir == null ? null : auditDir.resolve(CONTRIBUTIONS);
        if (file == null || !Files.isRegularFile(file)) {
            return Contributors.unknown("the staff audit folder holds no " + CONTRIBUTIONS + " of the previous"
                    + " release");
        }
        CSVFormat format = CSVFormat.RFC4180.builder().setCommentMarker('#').setHeader().setSkipHeaderRecord(true)
                .build();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8); CSVParser p = format.parse(r)) {
            String comment = p.getHeaderComment();
            if (comment == null || !comment.strip().equals(FINGERPRINT.strip() + " " + fingerprint(cellsCsv))
                    || !p.getHeaderNames().equals(CONTRIBUTIONS_HEADER)) {
                return Contributors.unknown("the staff audit's " + CONTRIBUTIONS + " is of another release than "
                        + cellsCsv);
            }
            Map<CellKey, SortedMap<String, Long>> counts = new HashMap<>();
            Map<CellKey, SortedMap<String, Long>> batches = new HashMap<>();
            for (CSVRecord rec : p) {
                long amount = number(rec.get("amount"));
                boolean batch = rec.get("table").equals("batches");
                if (amount < 0 || !batch && !rec.get("table").equals("events")) {
                    return Contributors.unknown("the staff audit's " + CONTRIBUTIONS + " row "
                            + rec.getRecordNumber() + " is not as a build writes it");
                }
                CellKey key = new CellKey(rec.get("period"), rec.get("product_class"), rec.get("process_step"),
                        rec.get("failure_mode"), rec.get("outcome"));
                (batch ? batches : counts).computeIfAbsent(key, k -> new TreeMap<>()).put(rec.get("contributor"),
                        amount);
            }
            return new Contributors(counts, batches, null);
        } catch (IOException | IllegalArgumentException | IllegalStateException
                | java.io.UncheckedIOException damaged) { // bad bytes, say: the record is not used
            return Contributors.unknown("the staff audit's " + CONTRIBUTIONS + " cannot be read: "
                    + damaged.getMessage());
        }
    }

    /**
     * Reads the previous release's cells.csv, and the contributions the staff audit in {@code auditDir} (may be
     * null) kept for it; {@link Decisions#NONE} when there is no cells.csv.
     */
    public static Decisions read(Path cellsCsv, Path auditDir) throws IOException {
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
        return new Decisions(counts, withheldBatches, published, batchValues, quarters,
                contributors(cellsCsv, auditDir));
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
