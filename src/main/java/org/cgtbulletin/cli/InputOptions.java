package org.cgtbulletin.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import org.cgtbulletin.model.Quarter;
import org.cgtbulletin.read.DatasetFiles;
import org.cgtbulletin.read.ValidationRules;
import picocli.CommandLine.Option;

/** Options shared by build, validate and digest: where the inputs are and what to publish up to. */
final class InputOptions {

    /** The content folder when none is given. */
    static final String DEFAULT_CONTENT = "content";

    @Option(names = "--reports", paramLabel = "FILE", description = "the reports file (.csv, .json or .jsonl)"
            + " [default: CONTENT/data/reports.csv]")
    Path reports;

    @Option(names = "--volumes", paramLabel = "FILE", description = "batches started per contributor, product"
            + " class and quarter [default: CONTENT/data/volumes.csv if present]")
    Path volumes;

    @Option(names = "--denylist", paramLabel = "FILE", description = "terms that must never be published"
            + " [default: CONTENT/data/denylist.txt if present]")
    Path denylist;

    @Option(names = "--content", paramLabel = "DIR", defaultValue = DEFAULT_CONTENT,
            description = "taxonomy, Markdown pages, lessons, bulletin editorials [default: ${DEFAULT-VALUE}]")
    Path content;

    /** The templates folder when none is named. */
    static final String DEFAULT_TEMPLATES = "templates";

    @Option(names = "--templates", paramLabel = "DIR", defaultValue = DEFAULT_TEMPLATES,
            description = "Freemarker templates and static assets [default: ${DEFAULT-VALUE}]")
    Path templates;

    @Option(names = "--as-of", paramLabel = "YYYY-Qn", converter = QuarterConverter.class,
            description = "the latest quarter to publish [default: the latest quarter in the data]")
    Quarter asOf;

    @Option(names = "--format", paramLabel = "text|json", defaultValue = "text",
            description = "how to list problems: text on standard error, or also JSON on standard output"
                    + " [default: ${DEFAULT-VALUE}]")
    ProblemFormat format;

    /** Every problem is listed unless a smaller number is asked for: the data contract wants each one reported. */
    @Option(names = "--max-problems", paramLabel = "N",
            description = "list at most N problems in text (all are counted) [default: all]")
    int maxProblems = Integer.MAX_VALUE;

    @Option(names = "--verbose", description = "show stack traces of unexpected failures")
    boolean verbose;

    DatasetFiles files() {
        // With --reports given, the other data files default to CONTENT/data alone: the reports chosen are not
        // paired with the sample's volumes or denylist.
        Path data = reports != null ? content.resolve("data") : dataFolder(content, Files::exists);
        Path v = volumes != null ? volumes : present(data.resolve("volumes.csv"));
        Path d = denylist != null ? denylist : present(data.resolve("denylist.txt"));
        return new DatasetFiles(reports != null ? reports : data.resolve("reports.csv"), v, d, taxonomyFile());
    }

    /** The reports file when none is given: {@code reports.csv} in {@link #dataFolder}. */
    static Path defaultReports(Path content, java.util.function.Predicate<Path> exists) {
        return dataFolder(content, exists).resolve("reports.csv");
    }

    /**
     * Where the data files are when none is named: {@code CONTENT/data}, so that a content folder of its own brings
     * its own data; and when that holds no reports file, the contract's literal default, {@code content/data} (the
     * working folder's), if that one does, so that {@code --content DIR} with only the editorial text in DIR reads
     * the data where the contract says it is.
     */
    static Path dataFolder(Path content, java.util.function.Predicate<Path> exists) {
        Path own = content.resolve("data");
        Path contract = Path.of("content", "data");
        return !exists.test(own.resolve("reports.csv")) && exists.test(contract.resolve("reports.csv")) ? contract
                : own;
    }

    /**
     * Why {@code --as-of} cannot be used today, or null: a quarter after the current one would publish bulletins,
     * digests and zero counts for quarters that have not happened (the current quarter, still under way, may be).
     */
    String asOfRefusal(LocalDate today) {
        Quarter now = Quarter.of(today);
        return asOf == null || asOf.compareTo(now) <= 0 ? null
                : "--as-of " + asOf + " is a quarter still to come (today, " + today + ", is in " + now
                        + "): a bulletin can only be published for a quarter that has begun";
    }

    ValidationRules rules(LocalDate today) {
        return new ValidationRules(today, asOf);
    }

    private Path taxonomyFile() {
        for (String name : new String[] {"taxonomy.yaml", "taxonomy.yml", "taxonomy.json"}) {
            Path p = content.resolve(name);
            if (Files.exists(p)) {
                return p;
            }
        }
        return content.resolve("taxonomy.yaml");
    }

    private static Path present(Path p) {
        return Files.exists(p) ? p : null;
    }

    enum ProblemFormat { text, json }
}
