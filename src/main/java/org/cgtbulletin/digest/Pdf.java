package org.cgtbulletin.digest;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Calendar;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import java.util.regex.Pattern;

import com.openhtmltopdf.bidi.support.ICUBidiReorderer;
import com.openhtmltopdf.bidi.support.ICUBidiSplitter;
import com.openhtmltopdf.extend.FSObjectDrawer;
import com.openhtmltopdf.extend.FSObjectDrawerFactory;
import com.openhtmltopdf.extend.FSStream;
import com.openhtmltopdf.extend.FSStreamFactory;
import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder;
import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.pdfboxout.PDFontSupplier;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder.PdfAConformance;
import com.openhtmltopdf.svgsupport.BatikSVGDrawer;
import com.openhtmltopdf.util.XRLog;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentCatalog;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDDocumentNameDictionary;
import org.apache.pdfbox.pdmodel.PDEmbeddedFilesNameTreeNode;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PageMode;
import org.apache.pdfbox.pdmodel.common.PDMetadata;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.apache.pdfbox.pdmodel.common.filespecification.PDEmbeddedFile;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.interactive.action.PDAction;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionGoTo;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionURI;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotation;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationLink;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.destination.PDDestination;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.destination.PDPageXYZDestination;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDOutlineItem;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDOutlineNode;
import org.apache.xmpbox.DateConverter;
import org.cgtbulletin.chart.TrendSeries;

/**
 * XHTML to an archival, accessible PDF with openhtmltopdf: PDF/A-3a and PDF/UA-1 (tagged, every font embedded,
 * an sRGB output intent, the document's title and language), vector charts, bookmarks. Then, with PDFBox, what
 * openhtmltopdf does not do: the dates and the document ID are made deterministic (no wall clock reaches the
 * file), every link gets the text alternative PDF/UA asks for, and the digest's cells.csv rows are attached as an
 * associated file ({@code AFRelationship /Data}), as PDF/A-3 allows.
 *
 * <p>Only resources under the private {@code bulletin:} scheme are ever read: the bundled fonts and the print style
 * sheet of {@code templates/digest/} (and files beside it); the charts are drawn from their series ({@link Charts}).
 * Anything else a template or editorial text refers to (web addresses, local files) is not fetched.
 */
final class Pdf {

    static final String SCHEME = "bulletin";
    static final String FONTS = SCHEME + ":fonts/";
    static final String STYLES = SCHEME + ":digest/";
    static final String PRODUCER = "CGT failure bulletin (openhtmltopdf, Apache PDFBox)";
    /**
     * Part of every document ID: change it when the rendering itself changes (the renderer, the bundled fonts, the
     * post-processing here), so that digests published earlier are rendered again rather than kept (see
     * {@link Digests#writeAll}).
     */
    static final String RENDERING = "openhtmltopdf 1.1.31, PDFBox 3.0.8, bundled DejaVu Sans, rendering 3";
    /**
     * Part of the document ID of a digest with right-to-left text only, which ICU's bidirectional algorithm lays
     * out ({@link #rightToLeft}): such a digest published before it is rendered again, the others are kept.
     */
    static final String BIDI = "ICU4J bidi and Arabic shaping (openhtmltopdf-rtl-support)";
    private static final String RESOURCES = "/org/cgtbulletin/digest/";
    /** The bundled faces: normal, bold, italic, bold italic (in that order). */
    private static final List<String> FONT_FILES = List.of("DejaVuSans.ttf", "DejaVuSans-Bold.ttf",
            "DejaVuSans-Oblique.ttf", "DejaVuSans-BoldOblique.ttf");
    private static final String FONT_FAMILY = "DejaVu Sans";
    private static final Pattern SCHEME_PREFIX = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");

    /** Held so that the level set below stays (loggers are only weakly referenced). */
    private static final java.util.logging.Logger PDFBOX_LOG = java.util.logging.Logger.getLogger("org.apache.pdfbox");

    static {
        XRLog.setLoggingEnabled(false); // openhtmltopdf logs every stage at INFO; problems surface as exceptions
        // PDFBox warns about standard fonts openhtmltopdf instantiates but never puts in the document.
        PDFBOX_LOG.setLevel(java.util.logging.Level.SEVERE);
    }

    /** The bundled resources, read once. */
    private static final class Bundled {
        static final Map<String, byte[]> FONTS;
        static final byte[] SRGB;

        static {
            Map<String, byte[]> fonts = new java.util.HashMap<>();
            for (String f : FONT_FILES) {
                fonts.put(f, resource("fonts/" + f));
            }
            FONTS = Map.copyOf(fonts);
            SRGB = resource("sRGB.icc");
        }

        private static byte[] resource(String name) {
            try (InputStream in = Pdf.class.getResourceAsStream(RESOURCES + name)) {
                if (in == null) {
                    throw new IllegalStateException("missing from the jar: " + RESOURCES + name);
                }
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** A file embedded in the PDF as an associated file. */
    record Attachment(String name, String mimeType, String description, byte[] content) {
    }

    private Pdf() {
    }

    /**
     * @param xhtml       the document, well-formed XHTML
     * @param stylesDir   the folder {@code bulletin:digest/NAME} resolves to (the print style sheet)
     * @param charts      the series of each chart, by id, drawn where the document has
     *                    {@code <object type="application/x.bulletin-chart" data="ID" alt="...">}
     * @param attachment  the data file to embed
     * @param date        the document's creation and modification date
     */
    static byte[] render(String xhtml, Path stylesDir, Map<String, TrendSeries> charts, Attachment attachment,
            Instant date) throws IOException {
        return render(xhtml, stylesDir, charts, attachment, date, id(xhtml, charts, stylesDir, attachment, date));
    }

    /** As {@link #render(String, Path, Map, Attachment, Instant)}, with its {@link #id} already computed. */
    static byte[] render(String xhtml, Path stylesDir, Map<String, TrendSeries> charts, Attachment attachment,
            Instant date, byte[] id) throws IOException {
        Map<String, byte[]> files = new java.util.HashMap<>();
        Bundled.FONTS.forEach((name, bytes) -> files.put(FONTS + name, bytes));
        FSStreamFactory resources = url -> new FSStream() {
            @Override
            public InputStream getStream() {
                byte[] b = bytes(url);
                return b == null ? null : new ByteArrayInputStream(b);
            }

            @Override
            public Reader getReader() {
                byte[] b = bytes(url);
                return b == null ? null : new InputStreamReader(new ByteArrayInputStream(b), StandardCharsets.UTF_8);
            }

            private byte[] bytes(String u) {
                if (files.containsKey(u)) {
                    return files.get(u);
                }
                if (u.startsWith(STYLES)) {
                    String name = u.substring(STYLES.length());
                    Path file = stylesDir.resolve(name).normalize();
                    if (name.matches("[A-Za-z0-9._-]+") && file.startsWith(stylesDir) && Files.isRegularFile(file)) {
                        try {
                            return Files.readAllBytes(file);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }
                }
                return null;
            }
        };
        PdfRendererBuilder builder = new PdfRendererBuilder();
        PDDocument doc = new PDDocument();
        builder.usePDDocument(doc);
        for (int i = 0; i < FONT_FILES.size(); i++) {
            builder.useFont(new Face(doc, FONT_FILES.get(i)), FONT_FAMILY, i % 2 == 0 ? 400 : 700,
                    i < 2 ? FontStyle.NORMAL : FontStyle.ITALIC, true);
        }
        builder.useFastMode();
        if (rightToLeft(xhtml)) {
            // Unicode's bidirectional algorithm (and Arabic shaping) from ICU, only for a digest that needs it
            builder.useUnicodeBidiSplitter(new ICUBidiSplitter.ICUBidiSplitterFactory());
            builder.useUnicodeBidiReorderer(new ICUBidiReorderer());
            builder.defaultTextDirection(BaseRendererBuilder.TextDirection.LTR);
        }
        builder.withHtmlContent(xhtml, STYLES);
        builder.useProtocolsStreamImplementation(resources, SCHEME);
        builder.useUriResolver((base, uri) -> resolve(base, uri));
        builder.useObjectDrawerFactory(new Charts(charts));
        builder.useSVGDrawer(new BatikSVGDrawer()); // SVG images a template may take from templates/digest/
        builder.usePdfAConformance(PdfAConformance.PDFA_3_A);
        builder.usePdfUaAccessibility(true);
        builder.useColorProfile(Bundled.SRGB);
        builder.withProducer(PRODUCER);
        ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 20);
        try (doc; var renderer = builder.buildPdfRenderer()) {
            renderer.createPDFKeepOpen();
            Calendar when = calendar(date);
            stamp(doc, when);
            describeLinks(doc);
            attach(doc, attachment, when);
            doc.getDocumentCatalog().setPageMode(PageMode.USE_OUTLINES);
            COSArray ids = new COSArray();
            ids.add(new COSString(id));
            ids.add(new COSString(id));
            doc.getDocument().getTrailer().setItem(COSName.ID, ids);
            doc.save(out);
        }
        return out.toByteArray();
    }

    /**
     * Draws each {@code <object type="application/x.bulletin-chart" data="ID">} of a digest: chart ID's series,
     * straight into the PDF as vector graphics (JFreeChart on PDFBox's Graphics2D), its text in the document's
     * embedded font. openhtmltopdf tags the object, a replaced element, as a Figure whose alternative text is the
     * element's {@code alt}. Drawing the chart directly rather than through its SVG (parsed, styled and painted
     * by Batik) made a digest of a million reports' bulletin about a third faster and half the size (a fifth
     * smaller on the sample).
     */
    static final class Charts implements FSObjectDrawerFactory {
        static final String TYPE = "application/x.bulletin-chart";
        private final Map<String, TrendSeries> charts;

        Charts(Map<String, TrendSeries> charts) {
            this.charts = charts;
        }

        @Override
        public FSObjectDrawer createDrawer(org.w3c.dom.Element e) {
            String id = e.getAttribute("data");
            TrendSeries series = charts.get(id);
            if (series == null) {
                throw new IllegalStateException("the digest refers to chart '" + id + "', which it does not have");
            }
            return (element, x, y, width, height, out, context, dotsPerPixel) -> {
                double w = width / dotsPerPixel;
                double h = height / dotsPerPixel;
                out.drawWithGraphics((float) x, (float) y, (float) w, (float) h, g -> series.draw(g, w, h));
                return null;
            };
        }

        @Override
        public boolean isReplacedObject(org.w3c.dom.Element e) {
            return TYPE.equals(e.getAttribute("type"));
        }
    }

    /**
     * One bundled face of the document's font, loaded into the document when the layout first asks for it, with
     * glyph substitution off: PDFBox would otherwise draw "fi" and "fl" as ligature glyphs, whose text is the
     * ligature character (U+FB01, U+FB02) rather than the two letters, so that copying or searching "confidential"
     * in a digest failed; and substituting every string shown cost about a twentieth of a digest's time. Each
     * thread parses a face once and lends it to each document it renders (a parsed font only reads its file).
     */
    private static final class Face extends PDFontSupplier {
        private static final ThreadLocal<Map<String, TrueTypeFont>> PARSED =
                ThreadLocal.withInitial(java.util.HashMap::new);
        private final PDDocument doc;
        private final String file;
        private PDFont font;

        Face(PDDocument doc, String file) {
            super(null);
            this.doc = doc;
            this.file = file;
        }

        @Override
        public PDFont supply() {
            if (font == null) {
                try {
                    TrueTypeFont t = PARSED.get().get(file);
                    if (t == null) {
                        t = new TTFParser().parse(new RandomAccessReadBuffer(Bundled.FONTS.get(file)));
                        t.setEnableGsub(false);
                        PARSED.get().put(file, t);
                    }
                    font = PDType0Font.load(doc, t, true); // the document does not close a font it was lent
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return font;
        }
    }

    /** Whether the text has a letter of a right-to-left script (Hebrew, Arabic, Syriac, Thaana, N'Ko, ...). */
    static boolean rightToLeft(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '\u0590') {
                byte d = Character.getDirectionality(text.codePointAt(i));
                if (d == Character.DIRECTIONALITY_RIGHT_TO_LEFT || d == Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Only {@code bulletin:} resources: relative references resolve against the style sheet folder. */
    static String resolve(String base, String uri) {
        if (uri == null || uri.isBlank()) {
            return null;
        }
        String u = uri.strip();
        if (u.startsWith(SCHEME + ":")) {
            return u;
        }
        if (SCHEME_PREFIX.matcher(u).find() || u.startsWith("/") || u.startsWith("\\") || u.contains("..")) {
            return null; // web addresses, local files, data: URIs: never read
        }
        return STYLES + u;
    }

    static Calendar calendar(Instant date) {
        Calendar c = Calendar.getInstance(TimeZone.getTimeZone("UTC"), Locale.ROOT);
        c.clear();
        c.setTimeInMillis(date.toEpochMilli());
        return c;
    }

    /**
     * Dates from the data instead of openhtmltopdf's wall clock, in the information dictionary and in the XMP
     * metadata alike (PDF/A requires the two to agree), which is rewritten with the PDF/A-3a and PDF/UA-1
     * identification.
     */
    private static void stamp(PDDocument doc, Calendar when) throws IOException {
        PDDocumentInformation info = doc.getDocumentInformation();
        info.setCreationDate(when);
        info.setModificationDate(when);
        info.setProducer(PRODUCER);
        info.setCreator(PRODUCER);
        String iso = DateConverter.toISO8601(when);
        StringBuilder x = new StringBuilder();
        x.append("<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n")
                .append("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n")
                .append("<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n")
                .append("<rdf:Description rdf:about=\"\" xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\">")
                .append("<pdfaid:part>3</pdfaid:part><pdfaid:conformance>A</pdfaid:conformance></rdf:Description>\n")
                .append("<rdf:Description rdf:about=\"\" xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">")
                .append("<pdfuaid:part>1</pdfuaid:part></rdf:Description>\n")
                .append("<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">")
                .append("<dc:format>application/pdf</dc:format>");
        if (info.getTitle() != null) {
            x.append("<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">").append(xml(info.getTitle()))
                    .append("</rdf:li></rdf:Alt></dc:title>");
        }
        if (info.getAuthor() != null) {
            x.append("<dc:creator><rdf:Seq><rdf:li>").append(xml(info.getAuthor()))
                    .append("</rdf:li></rdf:Seq></dc:creator>");
        }
        if (info.getSubject() != null) {
            x.append("<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">").append(xml(info.getSubject()))
                    .append("</rdf:li></rdf:Alt></dc:description>");
        }
        String language = doc.getDocumentCatalog().getLanguage();
        if (language != null) {
            x.append("<dc:language><rdf:Bag><rdf:li>").append(xml(language)).append("</rdf:li></rdf:Bag></dc:language>");
        }
        x.append("</rdf:Description>\n")
                .append("<rdf:Description rdf:about=\"\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\">")
                .append("<xmp:CreateDate>").append(iso).append("</xmp:CreateDate>")
                .append("<xmp:ModifyDate>").append(iso).append("</xmp:ModifyDate>")
                .append("<xmp:MetadataDate>").append(iso).append("</xmp:MetadataDate>")
                .append("<xmp:CreatorTool>").append(xml(PRODUCER)).append("</xmp:CreatorTool></rdf:Description>\n")
                .append("<rdf:Description rdf:about=\"\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">")
                .append("<pdf:Producer>").append(xml(PRODUCER)).append("</pdf:Producer>");
        if (info.getKeywords() != null) {
            x.append("<pdf:Keywords>").append(xml(info.getKeywords())).append("</pdf:Keywords>");
        }
        x.append("</rdf:Description>\n")
                // PDF/A asks every schema it does not predefine to be described: here the PDF/UA identification.
                .append("<rdf:Description rdf:about=\"\" xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/extension/\"")
                .append(" xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\"")
                .append(" xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/property#\">")
                .append("<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType=\"Resource\">")
                .append("<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>")
                .append("<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>")
                .append("<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>")
                .append("<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType=\"Resource\">")
                .append("<pdfaProperty:name>part</pdfaProperty:name>")
                .append("<pdfaProperty:valueType>Integer</pdfaProperty:valueType>")
                .append("<pdfaProperty:category>internal</pdfaProperty:category>")
                .append("<pdfaProperty:description>Part of ISO 14289 the document conforms to</pdfaProperty:description>")
                .append("</rdf:li></rdf:Seq></pdfaSchema:property></rdf:li></rdf:Bag></pdfaExtension:schemas>")
                .append("</rdf:Description>\n")
                .append("</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>");
        PDMetadata metadata = new PDMetadata(doc);
        metadata.importXMPMetadata(x.toString().getBytes(StandardCharsets.UTF_8));
        doc.getDocumentCatalog().setMetadata(metadata);
    }

    /**
     * PDF/UA: every link annotation needs a text alternative. A link to a section (the contents, cross references)
     * is named after the bookmark with the same destination; a web link after its address.
     */
    private static void describeLinks(PDDocument doc) throws IOException {
        List<PDOutlineItem> outline = new ArrayList<>();
        if (doc.getDocumentCatalog().getDocumentOutline() != null) {
            collect(doc.getDocumentCatalog().getDocumentOutline(), outline);
        }
        for (PDPage page : doc.getPages()) {
            for (PDAnnotation a : page.getAnnotations()) {
                if (!(a instanceof PDAnnotationLink link) || (link.getContents() != null
                        && !link.getContents().isBlank())) {
                    continue;
                }
                PDAction action = link.getAction();
                String text = null;
                if (action instanceof PDActionURI uri) {
                    text = "Link to " + uri.getURI();
                } else if (action instanceof PDActionGoTo go && go.getDestination() instanceof PDPageXYZDestination d) {
                    for (PDOutlineItem item : outline) {
                        if (item.getDestination() instanceof PDPageXYZDestination o && same(o, d)) {
                            text = "Go to " + item.getTitle();
                            break;
                        }
                    }
                    if (text == null && d.getPage() != null) {
                        text = "Go to page " + (doc.getPages().indexOf(d.getPage()) + 1);
                    }
                }
                link.setContents(text == null ? "Link" : text);
            }
        }
    }

    private static void collect(PDOutlineNode node, List<PDOutlineItem> into) {
        for (PDOutlineItem item : node.children()) {
            into.add(item);
            collect(item, into);
        }
    }

    private static boolean same(PDPageXYZDestination a, PDDestination other) {
        if (!(other instanceof PDPageXYZDestination b)) {
            return false;
        }
        return a.getPage() != null && a.getPage().getCOSObject() == b.getPage().getCOSObject()
                && Math.abs(a.getTop() - b.getTop()) <= 1;
    }

    /** Embeds the data as a PDF/A-3 associated file of the document (catalog /AF, relationship /Data). */
    private static void attach(PDDocument doc, Attachment a, Calendar when) throws IOException {
        PDEmbeddedFile file = new PDEmbeddedFile(doc, new ByteArrayInputStream(a.content()), COSName.FLATE_DECODE);
        file.setSubtype(a.mimeType());
        file.setSize(a.content().length);
        file.setCreationDate(when);
        file.setModDate(when);
        PDComplexFileSpecification spec = new PDComplexFileSpecification();
        spec.setFile(a.name());
        spec.setFileUnicode(a.name());
        spec.setEmbeddedFile(file);
        spec.setEmbeddedFileUnicode(file);
        spec.setFileDescription(a.description());
        spec.getCOSObject().setName(COSName.getPDFName("AFRelationship"), "Data");
        PDEmbeddedFilesNameTreeNode tree = new PDEmbeddedFilesNameTreeNode();
        tree.setNames(Map.of(a.name(), spec));
        PDDocumentCatalog catalog = doc.getDocumentCatalog();
        PDDocumentNameDictionary names = catalog.getNames() != null ? catalog.getNames()
                : new PDDocumentNameDictionary(catalog);
        names.setEmbeddedFiles(tree);
        catalog.setNames(names);
        COSArray af = new COSArray();
        af.add(spec);
        catalog.getCOSObject().setItem(COSName.getPDFName("AF"), af);
    }

    /**
     * The document ID of an existing PDF (the first of its trailer's two), or null when the file is missing or is not
     * a PDF this program can read.
     */
    static byte[] documentId(Path pdf) {
        if (!Files.isRegularFile(pdf)) {
            return null;
        }
        try (PDDocument doc = org.apache.pdfbox.Loader.loadPDF(pdf.toFile())) {
            if (doc.getDocument().getTrailer().getDictionaryObject(COSName.ID) instanceof COSArray ids
                    && ids.size() > 0 && ids.getObject(0) instanceof COSString first) {
                return first.getBytes();
            }
            return null;
        } catch (IOException | RuntimeException e) {
            return null; // damaged or foreign: render it again
        }
    }

    /**
     * The document ID: a hash of everything the PDF is made from (XHTML, charts, style sheet, attachment, date),
     * so identical inputs give identical bytes and any change gives a new ID.
     */
    static byte[] id(String xhtml, Map<String, TrendSeries> charts, Path stylesDir, Attachment a, Instant date)
            throws IOException {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(RENDERING.getBytes(StandardCharsets.UTF_8));
            if (rightToLeft(xhtml)) {
                sha.update(BIDI.getBytes(StandardCharsets.UTF_8)); // laid out by ICU's bidi since 5 Dec 2026
            }
            sha.update(xhtml.getBytes(StandardCharsets.UTF_8));
            for (String id : new java.util.TreeSet<>(charts.keySet())) {
                sha.update(id.getBytes(StandardCharsets.UTF_8));
                sha.update(charts.get(id).toString().getBytes(StandardCharsets.UTF_8)); // a record: all its data
            }
            try (var files = Files.list(stylesDir)) {
                for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                    sha.update(f.getFileName().toString().getBytes(StandardCharsets.UTF_8));
                    sha.update(Files.readAllBytes(f));
                }
            }
            sha.update(a.name().getBytes(StandardCharsets.UTF_8));
            sha.update(a.content());
            sha.update(date.toString().getBytes(StandardCharsets.UTF_8));
            return Arrays.copyOf(sha.digest(), 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String xml(String s) {
        return Fragments.escape(s);
    }
}
