package org.cgtbulletin.digest;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDEmbeddedFilesNameTreeNode;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.cgtbulletin.Bulletin;
import org.cgtbulletin.cli.CliRun;
import org.cgtbulletin.model.Problems;
import org.cgtbulletin.model.Quarter;
import org.cgtbulletin.read.DatasetFiles;
import org.cgtbulletin.read.ValidationRules;
import org.cgtbulletin.site.SiteInput;

/** The inputs the digest tests share: the small golden folder the site's golden test uses, prepared as build does. */
final class DigestFixtures {

    static final Path GOLDEN = Path.of("src/test/resources/golden/input");
    static final Path TEMPLATES = Path.of("templates");

    private DigestFixtures() {
    }

    /** The golden input read, aggregated, protected and analysed exactly as {@code build} does (no previous release). */
    static SiteInput golden(Quarter asOf) throws IOException {
        Problems problems = new Problems();
        Bulletin.Prepared p = Bulletin.prepare(new DatasetFiles(GOLDEN.resolve("data/reports.csv"),
                GOLDEN.resolve("data/volumes.csv"), null, GOLDEN.resolve("taxonomy.yaml")),
                new ValidationRules(LocalDate.ofInstant(CliRun.CLOCK.instant(), CliRun.CLOCK.getZone()), asOf),
                GOLDEN, GOLDEN.resolve("no-previous-release.csv"), null, problems);
        assertNotNull(p, problems.toString());
        return p.site();
    }

    static SiteInput golden() throws IOException {
        return golden(null);
    }

    /** Builds the golden input with the CLI into {@code dir/site}; returns the site folder. */
    static Path build(Path dir, String... more) {
        return build(dir, GOLDEN.resolve("data/reports.csv"), more);
    }

    /** Builds the golden content with other reports. */
    static Path build(Path dir, Path reports, String... more) {
        Path site = dir.resolve("site");
        List<String> args = new java.util.ArrayList<>(List.of("build", "--content", GOLDEN.toString(), "--reports",
                reports.toString(), "--output", site.toString(), "--audit", dir.resolve("audit").toString()));
        args.addAll(List.of(more));
        CliRun run = CliRun.of(args.toArray(String[]::new));
        org.junit.jupiter.api.Assertions.assertEquals(0, run.status(), run.err());
        return site;
    }

    /** The embedded files of a PDF: name to bytes. */
    static java.util.Map<String, byte[]> attachments(byte[] pdf) throws IOException {
        java.util.Map<String, byte[]> files = new java.util.TreeMap<>();
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            var names = doc.getDocumentCatalog().getNames();
            if (names == null || names.getEmbeddedFiles() == null) {
                return files;
            }
            PDEmbeddedFilesNameTreeNode tree = names.getEmbeddedFiles();
            for (var e : tree.getNames().entrySet()) {
                PDComplexFileSpecification spec = e.getValue();
                files.put(e.getKey(), spec.getEmbeddedFileUnicode().toByteArray());
            }
        }
        return files;
    }

    static List<CSVRecord> csv(String text) throws IOException {
        try (Reader r = new StringReader(text)) {
            return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build().parse(r).getRecords();
        }
    }

    static List<CSVRecord> csv(Path file) throws IOException {
        return csv(Files.readString(file));
    }

    static byte[] bytes(java.io.InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toByteArray();
    }
}
