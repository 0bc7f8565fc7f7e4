package org.cgtbulletin.cli;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.cgtbulletin.Bulletin;
import org.cgtbulletin.model.Problems;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code build}: validate, protect, aggregate, analyze and publish the site, its PDF digests and the staff audit. */
@Command(name = "build", mixinStandardHelpOptions = true,
        description = "Validate the inputs, apply disclosure control, aggregate, analyse and publish the site"
                + " and its PDF digests atomically (a failed build leaves the published site as it was).")
final class BuildCommand implements Callable<Integer> {

    private final Session session;

    @Mixin
    InputOptions inputs = new InputOptions();

    @Option(names = "--output", paramLabel = "DIR", defaultValue = "site",
            description = "where the public site goes [default: ${DEFAULT-VALUE}]")
    Path output;

    @Option(names = "--audit", paramLabel = "DIR", defaultValue = "audit",
            description = "where the staff-only disclosure audit goes; never inside the site"
                    + " [default: ${DEFAULT-VALUE}]")
    Path audit;

    @Option(names = "--previous", paramLabel = "FILE",
            description = "the previous release's cells.csv, whose suppressions are kept"
                    + " [default: OUTPUT/data/cells.csv if present]")
    Path previous;

    BuildCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() throws Exception {
        return build(session, inputs, output, audit, previous);
    }

    /** One build with the given options, printing problems or the one-line summary; returns the exit status. */
    static int build(Session session, InputOptions inputs, Path output, Path audit, Path previous)
            throws java.io.IOException {
        return build(session, inputs, output, audit, previous, null, Bulletin.Pass.BUILD, null).status();
    }

    /** A build's exit status and, when it succeeded, the prepared data a later re-render may reuse. */
    record Outcome(int status, Bulletin.Prepared prepared) {
    }

    /** The JVM the work ran in, for whoever compares timings: its version, collector, heap limit and origin. */
    static String jvm() {
        List<String> collectors = ManagementFactory.getGarbageCollectorMXBeans().stream()
                .map(GarbageCollectorMXBean::getName).toList();
        String collector = collectors.stream().anyMatch(n -> n.startsWith("G1")) ? "G1"
                : collectors.contains("MarkSweepCompact") ? "serial"
                : collectors.stream().anyMatch(n -> n.startsWith("PS ")) ? "parallel" : String.join(", ", collectors);
        List<String> options = ManagementFactory.getRuntimeMXBean().getInputArguments();
        String origin = System.getProperty(TunedJvm.LAUNCHER) != null
                ? "started by the bulletin with " + String.join(" ", options.stream()
                        .filter(o -> !o.startsWith("-D" + TunedJvm.LAUNCHER + "=")).toList())
                : "as started, JVM options: " + (options.isEmpty() ? "none" : String.join(" ", options));
        return String.format(Locale.ROOT, "%s %s, %s garbage collector, heap limit %d MB, %s",
                System.getProperty("java.vm.name"), System.getProperty("java.version"), collector,
                Runtime.getRuntime().maxMemory() / (1024 * 1024), origin);
    }

    /**
     * As {@link #build(Session, InputOptions, Path, Path, Path)}; with {@code data} (a previous outcome's), only the
     * editorial Markdown is re-read and the data are not, and {@code pass} says what is rendered
     * ({@link Bulletin#rerender}). {@code preview}: the preview server's, which remembers its pages for the re-renders
     * that follow and recycles its site's replaced versions ({@link Bulletin.BuildRequest#preview}); null otherwise.
     */
    static Outcome build(Session session, InputOptions inputs, Path output, Path audit, Path previous,
            Bulletin.Prepared data, Bulletin.Pass pass, Bulletin.Preview preview) throws java.io.IOException {
        String refusal = data != null ? null : inputs.asOfRefusal(LocalDate.now(session.clock()));
        if (refusal == null && data == null) {
            refusal = OutputFolders.previousRefusal(previous);
        }
        if (refusal == null && data == null) {
            refusal = OutputFolders.refusal(output, audit, inputs, preview != null);
        }
        if (refusal != null) {
            session.err().println("bulletin build: " + refusal);
            return new Outcome(Main.USAGE, null);
        }
        String epoch = System.getenv("SOURCE_DATE_EPOCH");
        FileTime sourceDate = epoch == null || epoch.isBlank() ? null
                : FileTime.from(Instant.ofEpochSecond(Long.parseLong(epoch.trim())));
        Problems problems = new Problems();
        if (data == null && !org.cgtbulletin.site.Site.templatesFound(inputs.templates, problems)) {
            return new Outcome(Checked.finish(inputs, problems, session, null), null); // before reading the data
        }
        long start = System.nanoTime();
        Bulletin.BuildResult result;
        try (ProgressDisplay progress = new ProgressDisplay(session.err(), session.terminal(),
                Bulletin.STAGES)) {
            // A folder reached through a symbolic link is published where the link leads, not over the link (the
            // preview keeps its own folder's name: its spare versions are named after it).
            Bulletin.BuildRequest request = new Bulletin.BuildRequest(inputs.files(),
                    inputs.rules(LocalDate.now(session.clock())), inputs.content, inputs.templates,
                    preview == null ? OutputFolders.real(output) : output,
                    preview == null ? OutputFolders.real(audit) : audit, previous, sourceDate, preview);
            result = data == null ? Bulletin.build(request, problems, progress)
                    : Bulletin.rerender(request, data, pass, problems, progress);
        }
        if (result == null || problems.hasErrors()) {
            return new Outcome(Checked.finish(inputs, problems, session, null), null);
        }
        boolean json = inputs.format == InputOptions.ProblemFormat.json;
        if (json) { // the problems (warnings only, here) as JSON on standard output, and nothing else there
            ProblemPrinter.json(problems, session.out());
        }
        ProblemPrinter.text(problems, inputs.maxProblems, session);
        double seconds = (System.nanoTime() - start) / 1e9;
        java.io.PrintStream summary = json ? session.err() : session.out();
        if (pass == Bulletin.Pass.PAGES) {
            summary.printf(Locale.ROOT, "Updated %d pages of %s in %.2f s: %d rendered, %d unchanged (the data"
                    + " are unchanged and were not read again); now the PDF digests%n", result.pages(), output,
                    seconds, result.pages() - result.pagesCopied(), result.pagesCopied());
        } else if (pass == Bulletin.Pass.PAGES_AND_DIGESTS) {
            summary.printf(Locale.ROOT, "Updated the PDF digests of %s in %.1f s: %d rendered, %d"
                    + " unchanged%n", output, seconds, result.digests() - result.digestsKept(), result.digestsKept());
        } else {
            summary.printf(Locale.ROOT, "Built %s as of %s: %d reports read; %d cells, %d published,"
                    + " %d withheld by a rule, %d withheld as complements%s; %d signals from %d tests (%d not run: a"
                    + " number withheld; %d: too little data); %d stories published, %d withheld; %d pages, %d"
                    + " charts, %d PDF digests (%d unchanged, kept); staff audit in %s%s (%.1f s)%n", output,
                    result.asOf() == null ? "(no data)" : result.asOf(), result.dataset().reports(), result.cells(),
                    result.published(), result.suppressed(), result.secondary(),
                    result.weakerRules() ? "; WARNING: disclosure thresholds weaker than the defaults" : "",
                    result.signals().signals().size(), result.signals().tested(), result.signals().withheld(),
                    result.signals().insufficient(), result.stories(), result.storiesWithheld(), result.pages(),
                    result.charts(), result.digests(), result.digestsKept(), audit,
                    result.auditOpenItems().isEmpty() ? "" : ", which lists " + result.auditOpenItems(), seconds);
        }
        if (inputs.verbose) {
            result.stageTimes().forEach((stage, t) -> summary.printf(Locale.ROOT,
                    "  %-28s %6d ms%s%n", stage, t.millis(),
                    t.cpuMillis() < 0 ? "" : String.format(Locale.ROOT, "  (CPU %6d ms)", t.cpuMillis())));
            summary.println("JVM: " + jvm());
        }
        return new Outcome(Main.OK, result.prepared());
    }
}
