package org.cgtbulletin.digest;

import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.cgtbulletin.chart.TrendSeries;
import org.cgtbulletin.model.PublishedCell;
import org.cgtbulletin.model.Problems;
import org.cgtbulletin.model.Progress;
import org.cgtbulletin.model.Quarter;
import org.cgtbulletin.publish.CellsFiles;
import org.cgtbulletin.publish.SafeCsv;
import org.cgtbulletin.site.SiteInput;
import org.cgtbulletin.site.Templates;

/**
 * The digest stage: the quarterly (and annual) PDF digests, rendered with openhtmltopdf from the Freemarker XHTML
 * templates of {@code templates/digest/} and the same model as the site ({@link SiteInput}), so every number is the
 * text of a cells.csv row. Each PDF is PDF/A-3a and PDF/UA-1, embeds its fonts and its cells.csv rows, and is
 * reproducible: the same inputs give the same bytes, and a past period's digest changes only when its own numbers,
 * texts or suppressions do (nothing later than its period is shown, and its date is the end of its period).
 */
public final class Digests {

    /** The folder of the site the digests are written to. */
    public static final String FOLDER = "digests";
    /** Digests rendered at once: they are independent, and the build machine has two cores. */
    static final int THREADS = 2;

    /**
     * What {@link #writeAll} wrote: the files under {@code digests/}, in order (quarters, then years), and how many
     * of them were kept from the previous release rather than rendered.
     */
    public record Result(List<String> files, int kept) {
    }

    private Digests() {
    }

    /**
     * One quarter's digest. {@code clock} is the build's clock ({@code SOURCE_DATE_EPOCH}) or null; the document's
     * date is the end of the quarter, or the clock when that is earlier. A template problem is collected as a
     * located problem and gives null.
     *
     * @throws IllegalArgumentException when the quarter is outside the data ({@link #quarters})
     */
    public static byte[] render(SiteInput input, Path templatesDir, Quarter quarter, Instant clock,
            Problems problems) throws IOException {
        if (!quarters(input).contains(quarter)) {
            throw new IllegalArgumentException(quarter + " is outside the data");
        }
        return render(input, new CellIndex(input.cells()), templatesDir, DigestPeriod.quarter(quarter), clock,
                problems);
    }

    /** One whole year's digest (see {@link #years}); otherwise as {@link #render}. */
    public static byte[] renderYear(SiteInput input, Path templatesDir, int year, Instant clock, Problems problems)
            throws IOException {
        if (!years(input).contains(year)) {
            throw new IllegalArgumentException(year + " is not a whole year of the data");
        }
        return render(input, new CellIndex(input.cells()), templatesDir, DigestPeriod.year(year, input.first()),
                clock, problems);
    }

    /** The quarters with a digest: every quarter from the first in the data to the as-of quarter. */
    public static List<Quarter> quarters(SiteInput input) {
        List<Quarter> list = new ArrayList<>();
        for (DigestPeriod p : DigestPeriod.all(input.first(), input.asOf())) {
            if (!p.annual()) {
                list.add(p.from());
            }
        }
        return list;
    }

    /** The years with an annual digest: those whose four quarters are all in the data. */
    public static List<Integer> years(SiteInput input) {
        return Quarter.wholeYears(input.first(), input.asOf());
    }

    /** The file name of a quarter's digest, e.g. {@code 2026-q3.pdf}. */
    public static String fileName(Quarter quarter) {
        return DigestPeriod.quarter(quarter).fileName();
    }

    /**
     * Renders every digest of the data into {@code siteDir/digests/}, two at a time; the files and their bytes do
     * not depend on the order they finish in. A digest whose document ID (the hash of everything it is made from)
     * equals that of the same file in {@code previous} (the published site's digests folder, or null) is copied from
     * there instead of rendered: same inputs, same bytes, so a quarterly release renders only what changed. A
     * template problem (the first, in digest order) is collected and gives null; the caller then publishes nothing.
     */
    public static Result writeAll(SiteInput input, Path templatesDir, Path siteDir, Path previous, Instant clock,
            Problems problems, Progress progress) throws IOException {
        List<DigestPeriod> periods = DigestPeriod.all(input.first(), input.asOf());
        Path out = siteDir.resolve(FOLDER);
        Files.createDirectories(out);
        if (periods.isEmpty()) {
            return new Result(List.of(), 0);
        }
        DigestTemplates templates;
        try {
            templates = new DigestTemplates(templatesDir);
        } catch (Templates.TemplateProblem e) {
            problems.error(e.file, e.line, "template", e.getMessage());
            return null;
        }
        CellIndex cells = new CellIndex(input.cells());
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS, r -> {
            Thread t = new Thread(r, "digest-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            // Longest first, so that a short digest ends the stage rather than one core idling beside the last long
            // one: the annual digests, then the quarters from the latest (the latest have the most stories and
            // signals). Each is written as it is done; which finishes first changes no byte.
            CompletionService<Finished> done = new ExecutorCompletionService<>(pool);
            for (int i = periods.size() - 1; i >= 0; i--) {
                DigestPeriod p = periods.get(i);
                Path earlier = previous == null ? null : previous.resolve(p.fileName());
                int at = i;
                done.submit(() -> {
                    try {
                        return new Finished(at, pdf(input, cells, templates, p, clock, earlier), null);
                    } catch (Exception | Error e) { // reported below, in digest order
                        return new Finished(at, null, e);
                    }
                });
            }
            Throwable[] failures = new Throwable[periods.size()];
            boolean failed = false;
            int kept = 0;
            for (int finished = 0; finished < periods.size(); finished++) {
                Finished f;
                try {
                    f = done.take().get();
                } catch (ExecutionException e) {
                    throw new IllegalStateException("digests: " + e.getCause(), e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while rendering the digests", e);
                }
                if (f.failure() != null) {
                    failures[f.at()] = f.failure();
                    failed = true;
                } else if (!failed) {
                    kept += f.rendered().kept() ? 1 : 0;
                    Files.write(out.resolve(periods.get(f.at()).fileName()), f.rendered().bytes(),
                            StandardOpenOption.CREATE_NEW);
                    progress.step(finished + 1, periods.size());
                }
            }
            List<String> files = new ArrayList<>();
            for (int i = 0; i < periods.size(); i++) {
                Throwable e = failures[i]; // the first in digest order is the one reported
                if (e instanceof Templates.TemplateProblem t) {
                    problems.error(t.file, t.line, "template", t.getMessage());
                    return null;
                }
                if (e instanceof IOException io) {
                    throw io;
                }
                if (e instanceof UncheckedIOException io) {
                    throw io.getCause();
                }
                if (e instanceof Error err) {
                    throw err;
                }
                if (e != null) {
                    throw new IllegalStateException("digest " + periods.get(i).label() + ": " + e, e);
                }
                files.add(FOLDER + "/" + periods.get(i).fileName());
            }
            return new Result(files, kept);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Renders the as-of quarter's digest of {@code input} and throws it away: a rehearsal, so that the rendering
     * code (the model, the templates, the layout, the charts, the PDF writing) has been run and compiled before the
     * digests are rendered. The first digest on each thread took about a second cold against 0.3 s for the others
     * (a million reports); rehearsed beforehand on a core the audit leaves idle, the digests stage is about 0.7 s
     * shorter. Nothing is written, and a problem is left for the real render to report.
     *
     * @return whether a digest was rendered (not when the input has no quarter or the templates have a problem)
     */
    public static boolean rehearse(SiteInput input, Path templatesDir) {
        if (input.asOf() == null) {
            return false;
        }
        try {
            return pdf(input, new CellIndex(input.cells()), new DigestTemplates(templatesDir),
                    DigestPeriod.quarter(input.asOf()), null).length > 0;
        } catch (IOException | Templates.TemplateProblem e) {
            return false; // the digests stage meets it again and reports it
        }
    }

    /**
     * Copies the digests of the published site {@code from} into {@code siteDir} as they are, without rendering
     * (the preview shows changed pages first and brings the digests up to date right after).
     */
    public static Result carryOver(Path from, Path siteDir) throws IOException {
        Path out = siteDir.resolve(FOLDER);
        Files.createDirectories(out);
        Path folder = from.resolve(FOLDER);
        List<String> files = new ArrayList<>();
        if (Files.isDirectory(folder)) {
            try (var list = Files.list(folder)) {
                for (Path f : list.filter(Files::isRegularFile).sorted().toList()) {
                    Files.copy(f, out.resolve(f.getFileName().toString()));
                    files.add(FOLDER + "/" + f.getFileName());
                }
            }
        }
        return new Result(files, files.size());
    }

    private static byte[] render(SiteInput input, CellIndex cells, Path templatesDir, DigestPeriod period,
            Instant clock, Problems problems) throws IOException {
        try {
            return pdf(input, cells, new DigestTemplates(templatesDir), period, clock);
        } catch (Templates.TemplateProblem e) {
            problems.error(e.file, e.line, "template", e.getMessage());
            return null;
        }
    }

    /** The XHTML a digest is rendered from, and what it embeds. */
    record Source(String xhtml, Map<String, TrendSeries> charts, Pdf.Attachment attachment, Instant date) {
    }

    /** The digest's XHTML and everything it embeds, before it becomes a PDF (the golden test reads this). */
    static Source source(SiteInput input, CellIndex cells, DigestTemplates templates, DigestPeriod period,
            Instant clock) throws IOException, Templates.TemplateProblem {
        Instant date = period.documentDate(clock);
        DigestModel model = new DigestModel(input, cells, period);
        Map<String, Object> data = model.build(date);
        String xhtml = templates.render(DigestTemplates.MAIN, data);
        // Through a BufferedWriter, as cells.csv is written: the CSV printer's calls on its output then meet one
        // class, so the optimising compiler's code for them (compiled while the site's files were written) stays
        // valid instead of being thrown away and compiled again for a second class.
        ByteArrayOutputStream csv = new ByteArrayOutputStream();
        try (SafeCsv w = new SafeCsv(new BufferedWriter(new OutputStreamWriter(csv, StandardCharsets.UTF_8)),
                CellsFiles.HEADER)) {
            for (PublishedCell c : model.attachedRows()) {
                w.row(CellsFiles.fields(c));
            }
        }
        Pdf.Attachment attachment = new Pdf.Attachment(model.attachmentName(), "text/csv",
                "The rows of cells.csv this digest shows: every row of " + period.label()
                        + ", and the rows of other quarters its comparisons and charts draw on",
                csv.toByteArray());
        return new Source(xhtml, model.charts(), attachment, date);
    }

    static Source source(SiteInput input, Path templatesDir, DigestPeriod period, Instant clock)
            throws IOException, Templates.TemplateProblem {
        return source(input, new CellIndex(input.cells()), new DigestTemplates(templatesDir), period, clock);
    }

    private static byte[] pdf(SiteInput input, CellIndex cells, DigestTemplates templates, DigestPeriod period,
            Instant clock) throws IOException, Templates.TemplateProblem {
        return pdf(input, cells, templates, period, clock, null).bytes();
    }

    /** A digest's bytes, and whether they are the previous release's file, kept because its ID is the same. */
    private record Rendered(byte[] bytes, boolean kept) {
    }

    /** A digest done: its index in digest order, and what it gave or what stopped it. */
    private record Finished(int at, Rendered rendered, Throwable failure) {
    }

    private static Rendered pdf(SiteInput input, CellIndex cells, DigestTemplates templates, DigestPeriod period,
            Instant clock, Path earlier) throws IOException, Templates.TemplateProblem {
        Source s = source(input, cells, templates, period, clock);
        byte[] id = Pdf.id(s.xhtml(), s.charts(), templates.dir(), s.attachment(), s.date());
        if (earlier != null && Arrays.equals(id, Pdf.documentId(earlier))) {
            return new Rendered(Files.readAllBytes(earlier), true);
        }
        return new Rendered(Pdf.render(s.xhtml(), templates.dir(), s.charts(), s.attachment(), s.date(), id), false);
    }
}
