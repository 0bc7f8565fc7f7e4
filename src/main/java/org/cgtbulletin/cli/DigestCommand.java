package org.cgtbulletin.cli;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.cgtbulletin.Bulletin;
import org.cgtbulletin.digest.Digests;
import org.cgtbulletin.model.Problems;
import org.cgtbulletin.model.Quarter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code digest --quarter YYYY-Qn [--output FILE]}: one quarter's PDF digest, from the same inputs, checks and
 * numbers as {@code build} (the same read, aggregate, protect and analyse stages, and the published site's earlier
 * suppressions), without publishing the site.
 */
@Command(name = "digest", mixinStandardHelpOptions = true,
        description = "Render one quarter's PDF digest (PDF/A-3a and PDF/UA-1, its cells.csv rows attached) from"
                + " the same inputs and numbers as build.")
final class DigestCommand implements Callable<Integer> {

    private final Session session;

    @Mixin
    InputOptions inputs = new InputOptions();

    @Option(names = "--quarter", paramLabel = "YYYY-Qn", required = true, converter = QuarterConverter.class,
            description = "the quarter of the digest; it must lie between the first quarter in the data and the"
                    + " as-of quarter")
    Quarter quarter;

    @Option(names = "--output", paramLabel = "FILE",
            description = "where the PDF goes [default: YYYY-qn.pdf in the current folder, e.g. 2026-q3.pdf]")
    Path output;

    @Option(names = "--previous", paramLabel = "FILE",
            description = "the published release's cells.csv, whose withheld cells stay withheld, so that the digest"
                    + " shows the site's numbers [default: site/data/cells.csv if present]")
    Path previous;

    /** Benchmarks only (bench/digest.sh): render this many times in one JVM and print each time. */
    @Option(names = "--repeat", paramLabel = "N", defaultValue = "1", hidden = true)
    int repeat;

    DigestCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() throws Exception {
        long start = System.nanoTime();
        String refusal = inputs.asOfRefusal(LocalDate.now(session.clock()));
        if (refusal != null) {
            session.err().println("bulletin digest: " + refusal);
            return Main.USAGE;
        }
        Path target = output != null ? output : Path.of(Digests.fileName(quarter));
        refusal = OutputFolders.previousRefusal(previous);
        if (refusal == null && Files.isDirectory(target)) {
            refusal = "--output (" + target + ") is a folder; name the PDF file to write";
        } else if (refusal == null && Files.exists(target) && !isPdf(target)) {
            refusal = "--output (" + target + ") exists and is not a PDF: the digest would overwrite it; name a new"
                    + " file or an earlier digest";
        }
        if (refusal != null) {
            session.err().println("bulletin digest: " + refusal);
            return Main.USAGE;
        }
        Problems problems = new Problems();
        Path earlier = previous != null ? previous : Path.of("site", "data", "cells.csv");
        Bulletin.Prepared prepared = Bulletin.prepare(inputs.files(), inputs.rules(LocalDate.now(session.clock())),
                inputs.content, earlier, Path.of("audit"), problems);
        if (prepared == null || problems.hasErrors()) {
            return Checked.finish(inputs, problems, session, null);
        }
        List<Quarter> quarters = Digests.quarters(prepared.site());
        if (!quarters.contains(quarter)) {
            session.err().println("bulletin digest: --quarter " + quarter + " is outside the data, which "
                    + (quarters.isEmpty() ? "has no reports"
                            : "runs from " + quarters.get(0) + " to " + quarters.get(quarters.size() - 1)));
            return Main.USAGE;
        }
        byte[] pdf = null;
        for (int i = 0; i < Math.max(1, repeat); i++) {
            long t = System.nanoTime();
            pdf = Digests.render(prepared.site(), inputs.templates, quarter, sourceDate(), problems);
            if (repeat > 1) {
                session.out().printf(Locale.ROOT, "render %d: %d ms%n", i + 1, (System.nanoTime() - t) / 1_000_000);
            }
        }
        if (pdf == null || problems.hasErrors()) {
            ProblemPrinter.text(problems, inputs.maxProblems, session);
            session.err().println("The digest was not written.");
            return Main.INPUT_PROBLEMS;
        }
        write(target, pdf);
        ProblemPrinter.text(problems, inputs.maxProblems, session);
        session.out().printf(Locale.ROOT, "Wrote %s: the digest of %s, %d KB, PDF/A-3a and PDF/UA-1 (%.1f s)%n",
                target, quarter, (pdf.length + 1023) / 1024, (System.nanoTime() - start) / 1e9);
        return Main.OK;
    }

    /** Whether the file starts as a PDF does ({@code %PDF-}). */
    private static boolean isPdf(Path file) {
        try (java.io.InputStream in = Files.newInputStream(file)) {
            return java.util.Arrays.equals(in.readNBytes(5), new byte[] {'%', 'P', 'D', 'F', '-'});
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** {@code SOURCE_DATE_EPOCH}, the only clock the output may show, or null. */
    static Instant sourceDate() {
        String epoch = System.getenv("SOURCE_DATE_EPOCH");
        return epoch == null || epoch.isBlank() ? null : Instant.ofEpochSecond(Long.parseLong(epoch.trim()));
    }

    /** Writes beside the target and renames, so a reader never sees half a PDF. */
    private static void write(Path target, byte[] pdf) throws IOException {
        Path absolute = target.toAbsolutePath().normalize();
        Files.createDirectories(absolute.getParent());
        Path partial = absolute.resolveSibling(absolute.getFileName() + "." + ProcessHandle.current().pid() + ".partial");
        Files.write(partial, pdf);
        try {
            Files.move(partial, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(partial, absolute, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(partial);
        }
    }
}
