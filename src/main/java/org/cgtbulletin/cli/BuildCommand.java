package org.cgtbulletin.cli;

import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.LocalDate;
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
        Path site = output.toAbsolutePath().normalize();
        Path staff = audit.toAbsolutePath().normalize();
        if (staff.startsWith(site) || site.startsWith(staff)) {
            session.err().println("bulletin build: --audit (" + audit + ") must not be inside --output (" + output
                    + ") or contain it: the staff audit must never be published");
            return Main.USAGE;
        }
        String epoch = System.getenv("SOURCE_DATE_EPOCH");
        FileTime sourceDate = epoch == null || epoch.isBlank() ? null
                : FileTime.from(Instant.ofEpochSecond(Long.parseLong(epoch.trim())));
        Problems problems = new Problems();
        long start = System.nanoTime();
        Bulletin.BuildResult result;
        try (ProgressDisplay progress = new ProgressDisplay(session.err(), session.terminal(),
                Bulletin.STAGES.size())) {
            result = Bulletin.build(new Bulletin.BuildRequest(inputs.files(),
                    inputs.rules(LocalDate.now(session.clock())), inputs.content, inputs.templates, output, audit,
                    previous, sourceDate), problems, progress);
        }
        if (result == null || problems.hasErrors()) {
            return Checked.finish(inputs, problems, session, null);
        }
        ProblemPrinter.text(problems, inputs.maxProblems, session);
        double seconds = (System.nanoTime() - start) / 1e9;
        session.out().printf(java.util.Locale.ROOT, "Built %s as of %s: %d reports read; %d cells, %d published,"
                + " %d withheld by a rule, %d withheld as complements%s; %d signals from %d tests (%d not run: a"
                + " number withheld; %d: too little data); %d stories published, %d withheld; %d pages, %d charts,"
                + " %d PDF digests (%d unchanged, kept); staff audit in %s (%.1f s)%n", output,
                result.asOf() == null ? "(no data)" : result.asOf(), result.dataset().reports(), result.cells(),
                result.published(), result.suppressed(), result.secondary(),
                result.weakerRules() ? "; WARNING: disclosure thresholds weaker than the defaults" : "",
                result.signals().signals().size(), result.signals().tested(), result.signals().withheld(),
                result.signals().insufficient(), result.stories(), result.storiesWithheld(), result.pages(),
                result.charts(), result.digests(), result.digestsKept(), audit, seconds);
        if (inputs.verbose) {
            result.stageMillis().forEach((stage, ms) -> session.out().printf(java.util.Locale.ROOT,
                    "  %-22s %6d ms%n", stage, ms));
        }
        return Main.OK;
    }
}
