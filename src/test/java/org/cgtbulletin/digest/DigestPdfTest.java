package org.cgtbulletin.digest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import org.apache.commons.csv.CSVRecord;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.graphics.PDXObject;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotation;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationLink;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDOutlineItem;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.cgtbulletin.model.Quarter;
import org.cgtbulletin.site.SiteInput;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.verapdf.gf.foundry.VeraGreenfieldFoundryProvider;
import org.verapdf.pdfa.Foundries;
import org.verapdf.pdfa.PDFAParser;
import org.verapdf.pdfa.PDFAValidator;
import org.verapdf.pdfa.flavours.PDFAFlavour;
import org.verapdf.pdfa.results.TestAssertion;
import org.verapdf.pdfa.results.ValidationResult;

/**
 * The digests a build publishes, read back: veraPDF finds them PDF/A-3a and PDF/UA-1; their text has the headline
 * numbers of cells.csv; the attached CSV is exactly their rows of cells.csv; fonts are embedded; charts are vector
 * and the site's charts; bookmarks follow the contents; pages are numbered. The first two pages of the latest digest
 * are rendered to {@code target/digest-pages/} for a person to look at.
 */
class DigestPdfTest {

    @TempDir
    static Path dir;
    static Path site;
    static List<CSVRecord> cells;

    @BeforeAll
    static void buildTheGoldenInput() throws IOException {
        site = DigestFixtures.build(dir);
        cells = DigestFixtures.csv(site.resolve("data/cells.csv"));
    }

    static byte[] pdf(String name) throws IOException {
        return Files.readAllBytes(site.resolve("digests").resolve(name));
    }

    static CSVRecord row(String period, String product, String step, String mode, String outcome) {
        for (CSVRecord r : cells) {
            if (r.get("period").equals(period) && r.get("product_class").equals(product)
                    && r.get("process_step").equals(step) && r.get("failure_mode").equals(mode)
                    && r.get("outcome").equals(outcome)) {
                return r;
            }
        }
        throw new AssertionError("no row " + period + " " + product + "/" + step + "/" + mode + "/" + outcome);
    }

    @Test
    void everyQuarterAndWholeYearHasADigest() throws IOException {
        List<String> names;
        try (var s = Files.list(site.resolve("digests"))) {
            names = s.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertEquals(List.of("2025-q1.pdf", "2025-q2.pdf", "2025-q3.pdf", "2025-q4.pdf", "2025.pdf", "2026-q1.pdf",
                "2026-q2.pdf"), names);
    }

    // ---------------------------------------------------------------- conformance

    @Test
    void theLatestQuarterIsPdfA3aAndPdfUa1() throws Exception {
        assertConforms("2026-q2.pdf", pdf("2026-q2.pdf"));
    }

    @Test
    void theAnnualDigestIsPdfA3aAndPdfUa1() throws Exception {
        assertConforms("2025.pdf", pdf("2025.pdf"));
    }

    static void assertConforms(String name, byte[] pdf) throws Exception {
        VeraGreenfieldFoundryProvider.initialise();
        for (PDFAFlavour flavour : List.of(PDFAFlavour.PDFA_3_A, PDFAFlavour.PDFUA_1)) {
            try (PDFAParser parser = Foundries.defaultInstance().createParser(new ByteArrayInputStream(pdf),
                    flavour)) {
                PDFAValidator validator = Foundries.defaultInstance().createValidator(flavour, false);
                ValidationResult result = validator.validate(parser);
                Map<String, String> failed = new TreeMap<>();
                for (TestAssertion a : result.getTestAssertions()) {
                    if (a.getStatus() == TestAssertion.Status.FAILED) {
                        failed.putIfAbsent(a.getRuleId().getClause() + "-" + a.getRuleId().getTestNumber(),
                                a.getMessage());
                    }
                }
                assertTrue(result.isCompliant(), name + " is not " + flavour + ": " + failed);
                assertEquals(flavour, result.getPDFAFlavour());
            }
        }
    }

    /**
     * Right-to-left text (a story in Hebrew, a lesson quoting Arabic) is laid out by Unicode's bidirectional
     * algorithm, Arabic shaped: read back, it comes out in the order it was written, not reversed; and the document
     * still conforms.
     */
    @Test
    void rightToLeftTextReadsBackInTheOrderItWasWritten() throws Exception {
        String hebrew = "\u05D4\u05D0\u05E6\u05D5\u05D5\u05D4 \u05E0\u05DB\u05E9\u05DC\u05D4"; // the batch failed
        String arabic = "\u0641\u0634\u0644\u062A \u0627\u0644\u062F\u0641\u0639\u0629"; // the batch failed
        String xhtml = "<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\"><head><title>RTL</title>"
                + "<link rel=\"stylesheet\" type=\"text/css\" href=\"digest.css\"/></head><body>"
                + "<h1>Right to left</h1><p>Hebrew: " + hebrew + ".</p><p>Arabic: " + arabic + ".</p></body></html>";
        byte[] pdf = Pdf.render(xhtml, Path.of("templates", "digest"), Map.of(), new Pdf.Attachment("cells.csv",
                "text/csv", "rows", "a\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                java.time.Instant.parse("2026-07-01T00:00:00Z"));
        String text = text(pdf, 1, 1);
        assertTrue(text.contains(hebrew), text);
        assertTrue(java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFKC).contains(arabic), text);
        assertConforms("rtl.pdf", pdf);
        assertFalse(Pdf.rightToLeft("CAR-T \u00E9t\u00E9 \u4E2D\u6587"), "no bidi layout for left-to-right text");
    }

    /**
     * A story in Hebrew with a number in it: set as a left-to-right paragraph, openhtmltopdf split the sentence at
     * the number and put its first half on the left; the digest sets such a text as a right-to-left paragraph of its
     * own (as a browser does text of direction "auto"), where the first word is rightmost, then the number, then the
     * rest, as a reader of Hebrew reads it.
     */
    @Test
    void aRightToLeftStoryWithANumberIsSetRightToLeft() throws Exception {
        String first = "\u05D4\u05D0\u05E6\u05D5\u05D5\u05D4"; // the batch
        String last = "\u05E0\u05DB\u05E9\u05DC\u05D4"; // failed
        String story = first + " 12 " + last;
        assertTrue(DigestModel.rightToLeft("\"" + story + "\" (one batch)"));
        assertTrue(DigestModel.rightToLeft("[name] [date] CAR-T " + story), "placeholders and a code first");
        assertFalse(DigestModel.rightToLeft("The batch failed at the Expansion step: " + story));
        assertFalse(DigestModel.rightToLeft("12 34"));
        String xhtml = "<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\"><head><title>RTL</title>"
                + "<link rel=\"stylesheet\" type=\"text/css\" href=\"digest.css\"/></head><body>"
                + "<p class=\"label\"><strong>What happened.</strong></p><p dir=\"rtl\">" + story + "</p></body></html>";
        byte[] pdf = Pdf.render(xhtml, Path.of("templates", "digest"), Map.of(), new Pdf.Attachment("cells.csv",
                "text/csv", "rows", "a\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                java.time.Instant.parse("2026-07-01T00:00:00Z"));
        Map<String, Float> x = new java.util.HashMap<>(); // leftmost x of the first glyph of each of these
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            new PDFTextStripper() {
                @Override
                protected void writeString(String text, List<org.apache.pdfbox.text.TextPosition> positions) {
                    for (org.apache.pdfbox.text.TextPosition t : positions) {
                        String u = t.getUnicode();
                        String key = u.equals("1") ? "number" : first.contains(u) && !last.contains(u) ? "first"
                                : last.contains(u) && !first.contains(u) ? "last" : null;
                        if (key != null) {
                            x.merge(key, t.getX(), Math::min);
                        }
                    }
                }
            }.getText(doc);
        }
        assertTrue(x.get("first") > x.get("number") && x.get("number") > x.get("last"), x.toString());
        assertConforms("rtl-story.pdf", pdf);
    }

    // ---------------------------------------------------------------- same numbers as the site

    static String text(byte[] pdf, int fromPage, int toPage) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setSortByPosition(true);
            stripper.setStartPage(fromPage);
            stripper.setEndPage(toPage);
            return stripper.getText(doc).replaceAll("\\s+", " ");
        }
    }

    @Test
    void theSummarysHeadlineNumbersAreTheRowsOfCellsCsv() throws IOException {
        String text = text(pdf("2026-q2.pdf"), 3, 3);
        CSVRecord now = row("2026-Q2", "*", "*", "*", "*");
        CSVRecord before = row("2025-Q2", "*", "*", "*", "*");
        assertTrue(text.contains("In 2026 Q2, manufacturers reported " + now.get("events") + " failures against "
                + now.get("batches") + " batches started: " + now.get("rate_per_100")
                + " failures per 100 batches started (95% interval " + now.get("rate_low") + " to "
                + now.get("rate_high") + ")"), text);
        assertTrue(text.contains("2025 Q2, a year earlier: " + before.get("events") + " failures, "
                + before.get("rate_per_100") + " per 100 batches started (95% interval " + before.get("rate_low")
                + " to " + before.get("rate_high") + ")"), text);
        assertTrue(text.contains("Failure reports " + now.get("events") + " " + before.get("events")), text);
        assertTrue(text.contains("Batches started " + now.get("batches") + " " + before.get("batches")), text);
    }

    @Test
    void theOverviewTablesAreTheRowsOfCellsCsv() throws IOException {
        String text = text(pdf("2026-q2.pdf"), 1, Integer.MAX_VALUE);
        for (String[] step : new String[][] {{"starting_material", "Starting material"}, {"expansion", "Expansion"},
            {"qc_release", "Qc release"}}) {
            CSVRecord r = row("2026-Q2", "*", step[0], "*", "*");
            CSVRecord b = row("2025-Q2", "*", step[0], "*", "*");
            assertTrue(text.contains(step[1] + " " + r.get("events") + " " + r.get("rate_per_100") + " ("
                    + r.get("rate_low") + "–" + r.get("rate_high") + ") " + b.get("events") + " "
                    + b.get("rate_per_100")), step[1] + " in " + text.substring(text.indexOf("Process steps Failure reports by")));
        }
        CSVRecord annual = row("2025", "*", "*", "*", "*");
        String year = text(pdf("2025.pdf"), 3, 3);
        assertTrue(year.contains("In 2025, manufacturers reported " + annual.get("events") + " failures against "
                + annual.get("batches") + " batches started"), year);
        for (String q : List.of("2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4")) {
            CSVRecord r = row(q, "*", "*", "*", "*");
            assertTrue(year.contains(q.replace("-Q", " Q") + " " + r.get("events") + " " + r.get("batches") + " "
                    + r.get("rate_per_100")), q + " in " + year);
        }
    }

    private static final Pattern NUMBER_CELL = Pattern.compile("<td class=\"num\">(.*?)</td>", Pattern.DOTALL);
    private static final Pattern NUMBER = Pattern.compile("(?<![\\w.])\\d+(?:\\.\\d+)?(?![\\w.])");

    @Test
    void everyNumberInTheTablesIsAValueOfTheAttachedRows() throws Exception {
        SiteInput in = DigestFixtures.golden();
        for (DigestPeriod p : List.of(DigestPeriod.quarter(Quarter.parse("2026-Q2")), DigestPeriod.year(2025,
                in.first()))) {
            Digests.Source s = Digests.source(in, DigestFixtures.TEMPLATES, p, null);
            Set<String> numbers = new HashSet<>();
            for (CSVRecord r : DigestFixtures.csv(new String(s.attachment().content(), StandardCharsets.UTF_8))) {
                for (String f : new String[] {"events", "batches", "rate_per_100", "rate_low", "rate_high"}) {
                    numbers.add(r.get(f));
                }
            }
            Matcher m = NUMBER_CELL.matcher(s.xhtml());
            int seen = 0;
            while (m.find()) {
                Matcher n = NUMBER.matcher(m.group(1).replaceAll("<[^>]*>", " "));
                while (n.find()) {
                    seen++;
                    assertTrue(numbers.contains(n.group()), p.label() + ": " + n.group() + " is not in the attachment");
                }
            }
            assertTrue(seen > 40, "the overview tables' numbers are seen: " + seen);
            assertTrue(s.xhtml().contains("<td class=\"rowcount\">"), "row counts are marked as such, not values");
        }
    }

    @Test
    void theAttachmentIsTheDigestsRowsOfCellsCsvAsAPdfA3AssociatedFile() throws IOException {
        List<String> published = Files.readAllLines(site.resolve("data/cells.csv"));
        Set<String> rows = new HashSet<>(published.subList(1, published.size()));
        Map<String, byte[]> files = DigestFixtures.attachments(pdf("2026-q2.pdf"));
        assertEquals(List.of("cells-2026-q2.csv"), List.copyOf(files.keySet()));
        List<String> lines = new String(files.get("cells-2026-q2.csv"), StandardCharsets.UTF_8).lines().toList();
        assertEquals(published.get(0), lines.get(0), "the header of cells.csv");
        for (String line : lines.subList(1, lines.size())) {
            assertTrue(rows.contains(line), "not a row of cells.csv: " + line);
        }
        long quarterRows = published.stream().filter(l -> l.startsWith("2026-Q2,")).count();
        assertEquals(quarterRows, lines.stream().filter(l -> l.startsWith("2026-Q2,")).count(),
                "every row of the quarter");
        assertTrue(lines.contains(published.stream().filter(l -> l.startsWith("2025-Q2,*,*,*,*,")).findFirst()
                .orElseThrow()), "the year-earlier row the summary compares with");
        try (PDDocument doc = Loader.loadPDF(pdf("2026-q2.pdf"))) {
            COSArray af = doc.getDocumentCatalog().getCOSObject().getCOSArray(COSName.getPDFName("AF"));
            assertNotNull(af, "the catalog lists the associated file");
            COSDictionary spec = (COSDictionary) af.getObject(0);
            assertEquals("Data", spec.getNameAsString(COSName.getPDFName("AFRelationship")));
            PDComplexFileSpecification fs = doc.getDocumentCatalog().getNames().getEmbeddedFiles().getNames()
                    .get("cells-2026-q2.csv");
            assertEquals("text/csv", fs.getEmbeddedFileUnicode().getSubtype());
            assertEquals(fs.getCOSObject(), spec);
        }
    }

    // ---------------------------------------------------------------- typesetting

    @Test
    void fontsAreEmbeddedAndChartsAreVectorGraphics() throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf("2026-q2.pdf"))) {
            int fonts = 0;
            for (PDPage page : doc.getPages()) {
                PDResources res = page.getResources();
                for (COSName name : res.getFontNames()) {
                    PDFont font = res.getFont(name);
                    assertTrue(font.isEmbedded(), font.getName() + " is not embedded");
                    assertTrue(font.getName().contains("DejaVuSans"), font.getName());
                    fonts++;
                }
                for (COSName name : res.getXObjectNames()) {
                    PDXObject x = res.getXObject(name);
                    assertFalse(x instanceof PDImageXObject, "a raster image on page " + doc.getPages().indexOf(page));
                }
            }
            assertTrue(fonts > 0);
        }
    }

    @Test
    void theTextLayerHasLettersNotLigatures() throws IOException {
        // DejaVu Sans substitutes "fi" and "fl" with ligature glyphs, whose text would be U+FB01 and U+FB02: the
        // words would then be neither found by a search nor read correctly when copied.
        // PDFTextStripper would normalise the ligatures in its output, so the glyphs' own text is collected.
        StringBuilder glyphs = new StringBuilder();
        try (PDDocument doc = Loader.loadPDF(pdf("2026-q2.pdf"))) {
            new PDFTextStripper() {
                @Override
                protected void processTextPosition(org.apache.pdfbox.text.TextPosition t) {
                    glyphs.append(t.getUnicode());
                }
            }.getText(doc);
        }
        String text = glyphs.toString();
        assertFalse(text.contains("\uFB01") || text.contains("\uFB02"), "a ligature character in the text layer");
        assertTrue(text.contains("Confidential"), "the running footer's first word, letter by letter");
    }

    @Test
    void eachChartIsATaggedFigureWithItsTextAlternative() throws Exception {
        Digests.Source s = Digests.source(DigestFixtures.golden(), DigestFixtures.TEMPLATES,
                DigestPeriod.quarter(Quarter.parse("2026-Q2")), null);
        List<String> figures = new ArrayList<>();
        try (PDDocument doc = Loader.loadPDF(pdf("2026-q2.pdf"))) {
            figures(doc.getDocumentCatalog().getStructureTreeRoot().getKids(), figures);
        }
        List<String> expected = s.charts().values().stream().map(c -> c.description()).toList();
        assertFalse(expected.isEmpty());
        assertEquals(expected, figures, "one Figure per chart, in order, with the chart's text alternative");
    }

    private static void figures(List<Object> kids, List<String> alts) {
        for (Object kid : kids) {
            if (kid instanceof org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureElement e) {
                if ("Figure".equals(e.getStructureType())) {
                    alts.add(e.getAlternateDescription());
                }
                figures(e.getKids(), alts);
            }
        }
    }

    @Test
    void theLatestDigestsChartIsTheSitesChart() throws Exception {
        Digests.Source s = Digests.source(DigestFixtures.golden(), DigestFixtures.TEMPLATES,
                DigestPeriod.quarter(Quarter.parse("2026-Q2")), null);
        // The digest draws the series whose SVG the site publishes, byte for byte.
        assertEquals(Files.readString(site.resolve("overall.svg")),
                s.charts().get("chart-overall").svg("chart-overall"));
    }

    @Test
    void pagesAreNumberedWithARunningHeaderAndBookmarksFollowTheContents() throws IOException {
        byte[] pdf = pdf("2026-q2.pdf");
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            int pages = doc.getNumberOfPages();
            String second = text(pdf, 2, 2);
            assertTrue(second.contains("Page 2 of " + pages), second);
            assertTrue(second.contains("CGT Manufacturing Failure Bulletin · Quarterly digest 2026 Q2"), second);
            assertFalse(text(pdf, 1, 1).contains("Page 1 of"), "the cover has no page number");
            List<String> bookmarks = new ArrayList<>();
            for (PDOutlineItem item : doc.getDocumentCatalog().getDocumentOutline().children()) {
                bookmarks.add(item.getTitle());
            }
            assertEquals(List.of("Cover", "Contents", "Executive summary", "Signals", "Process steps",
                    "Failure modes", "Product classes and outcomes", "Featured lessons",
                    "What happened, what we learned", "Methodology and disclosure", "Data annex"), bookmarks);
            for (String b : bookmarks.subList(2, bookmarks.size())) {
                assertTrue(second.contains(b), "the contents list " + b);
            }
            assertEquals("en-GB", doc.getDocumentCatalog().getLanguage());
            assertEquals("CGT Manufacturing Failure Bulletin: quarterly digest 2026 Q2",
                    doc.getDocumentInformation().getTitle());
            for (PDPage page : doc.getPages()) {
                for (PDAnnotation a : page.getAnnotations()) {
                    if (a instanceof PDAnnotationLink link) {
                        assertNotNull(link.getContents(), "every link has a text alternative");
                    }
                }
            }
        }
    }

    @Test
    void theFirstTwoPagesAreRenderedForReview() throws IOException {
        Path out = Path.of("target", "digest-pages");
        Files.createDirectories(out);
        for (String name : List.of("2026-q2", "2025")) {
            try (PDDocument doc = Loader.loadPDF(pdf(name + ".pdf"))) {
                PDFRenderer renderer = new PDFRenderer(doc);
                for (int i = 0; i < 2; i++) {
                    BufferedImage image = renderer.renderImageWithDPI(i, 100);
                    Path png = out.resolve(name + "-page-" + (i + 1) + ".png");
                    ImageIO.write(image, "png", png.toFile());
                    assertTrue(Files.size(png) > 1000, png.toString());
                }
            }
        }
    }

    @Test
    void twoBuildsGiveByteIdenticalDigests() throws IOException {
        Path again = DigestFixtures.build(dir.resolve("again"));
        for (String name : List.of("2025-q1.pdf", "2026-q2.pdf", "2025.pdf")) {
            assertArrayEquals(pdf(name), Files.readAllBytes(again.resolve("digests").resolve(name)), name);
        }
    }
}
