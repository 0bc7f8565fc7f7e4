package org.cgtbulletin.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.cgtbulletin.model.Quarter;
import org.cgtbulletin.sample.SampleGenerator;
import org.cgtbulletin.sample.SampleSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sample}: write a realistic, seeded synthetic dataset. */
@Command(name = "sample", mixinStandardHelpOptions = true,
        description = "Write a realistic synthetic dataset (reports.csv, volumes.csv, denylist.txt) following the"
                + " data contract. The same options always give the same bytes.")
final class SampleCommand implements Callable<Integer> {

    private final Session session;

    @Option(names = "--output", paramLabel = "DIR", required = true, description = "folder to write into")
    Path output;

    @Option(names = "--reports", paramLabel = "N", defaultValue = "6000",
            description = "number of failure reports [default: ${DEFAULT-VALUE}]")
    int reports;

    @Option(names = "--stories", paramLabel = "PERCENT", defaultValue = "" + SampleGenerator.STORY_PERCENT,
            description = "share of the reports with a narrative and a lesson, 0 to 100 [default: ${DEFAULT-VALUE}]")
    int storyPercent;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "20261125",
            description = "random seed [default: ${DEFAULT-VALUE}]")
    long seed;

    @Option(names = "--last-quarter", paramLabel = "YYYY-Qn", defaultValue = "2026-Q3",
            converter = QuarterConverter.class,
            description = "the latest quarter of the data; 16 quarters end with it [default: ${DEFAULT-VALUE}]")
    Quarter lastQuarter;

    @Option(names = "--force", description = "replace reports.csv, volumes.csv and denylist.txt if the folder has"
            + " them and an earlier sample did not write them (without it, sample refuses rather than overwrite"
            + " data)")
    boolean force;

    /** Read by Main's handler of unexpected failures, which its one-line message offers. */
    @Option(names = "--verbose", description = "show stack traces of unexpected failures")
    boolean verbose;

    /**
     * Whether the folder holds what an earlier {@code sample} wrote (its denylist's first line says so), which a new
     * one may replace: only real data, or anything else, needs {@code --force}.
     */
    static boolean earlierSample(Path folder) {
        Path denylist = folder.resolve("denylist.txt");
        try (java.io.BufferedReader r = java.nio.file.Files.newBufferedReader(denylist,
                java.nio.charset.StandardCharsets.UTF_8)) {
            return SampleGenerator.DENYLIST_FIRST_LINE.equals(r.readLine());
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            return false;
        }
    }

    SampleCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() throws Exception {
        if (reports < 0) {
            session.err().println("bulletin sample: --reports must be 0 or more");
            return Main.USAGE;
        }
        if (storyPercent < 0 || storyPercent > 100) {
            session.err().println("bulletin sample: --stories must be 0 to 100 (a percentage of the reports)");
            return Main.USAGE;
        }
        Quarter now = Quarter.of(java.time.LocalDate.now(session.clock()));
        if (lastQuarter.compareTo(now) >= 0) {
            session.err().println("bulletin sample: --last-quarter " + lastQuarter + " has not ended (today, "
                    + java.time.LocalDate.now(session.clock()) + ", is in " + now + "): its reports would be dated in"
                    + " the future, which the data contract refuses; give " + now.previous() + " or earlier");
            return Main.USAGE;
        }
        if (!force && !earlierSample(output)) {
            List<String> there = new java.util.ArrayList<>();
            for (String name : SampleGenerator.FILES) {
                if (java.nio.file.Files.exists(output.resolve(name), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    there.add(name);
                }
            }
            if (!there.isEmpty()) {
                session.err().println("bulletin sample: " + output + " already holds " + String.join(", ", there)
                        + ": sample would replace " + (there.size() == 1 ? "it" : "them") + " with synthetic data."
                        + " Choose another folder, or give --force to replace " + (there.size() == 1 ? "it" : "them"));
                return Main.USAGE;
            }
        }
        SampleSummary s = SampleGenerator.generate(output, reports, storyPercent, seed, lastQuarter);
        session.out().println("Wrote " + s.reports() + " reports from " + s.contributors() + " contributors ("
                + s.first() + " to " + s.last() + "), " + s.volumeRows() + " volume rows and " + s.denylistTerms()
                + " denylist terms to " + output);
        return Main.OK;
    }
}
