package org.cgtbulletin;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.cgtbulletin.aggregate.Aggregator;
import org.cgtbulletin.aggregate.Tables;
import org.cgtbulletin.analyze.CellRows;
import org.cgtbulletin.analyze.Signals;
import org.cgtbulletin.config.BulletinConfig;
import org.cgtbulletin.content.ContentReader;
import org.cgtbulletin.content.EditorialContent;
import org.cgtbulletin.digest.Digests;
import org.cgtbulletin.digest.Digests;
import org.cgtbulletin.model.PublishedCell;
import org.cgtbulletin.model.Problems;
import org.cgtbulletin.model.Quarter;
import org.cgtbulletin.protect.DisclosureControl;
import org.cgtbulletin.protect.Protection;
import org.cgtbulletin.publish.CellsFiles;
import org.cgtbulletin.publish.PreviousRelease;
import org.cgtbulletin.publish.Publisher;
import org.cgtbulletin.publish.SignalsFile;
import org.cgtbulletin.publish.StaffAudit;
import org.cgtbulletin.publish.StoriesFiles;
import org.cgtbulletin.read.DatasetFiles;
import org.cgtbulletin.read.DatasetReader;
import org.cgtbulletin.read.DatasetSummary;
import org.cgtbulletin.read.DenylistReader;
import org.cgtbulletin.read.ValidationRules;
import org.cgtbulletin.site.Site;
import org.cgtbulletin.site.SiteInput;
import org.cgtbulletin.stories.Deidentifier;
import org.cgtbulletin.stories.Editorial;
import org.cgtbulletin.stories.StoryDesk;

/**
 * The whole build, one line per stage: read and validate (the stories stage de-identifies narratives as they
 * stream by, beside the aggregator), aggregate, protect, stories, analyze ({@link #prepare}, shared with the
 * {@code digest} command), then render the site and the PDF digests and publish. Nothing is written unless every
 * input is valid; then the site and the staff audit are swapped in whole.
 */
public final class Bulletin {

    /** Where everything comes from and goes to. {@code previous} null means the output's own data/cells.csv. */
    public record BuildRequest(DatasetFiles files, ValidationRules rules, Path content, Path templates, Path output,
            Path audit, Path previous, FileTime sourceDate) {
    }

    /** What a build did, for the one-line summary. */
    public record BuildResult(DatasetSummary dataset, Quarter asOf, int cells, long published, long suppressed,
            long secondary, boolean weakerRules, Signals.Result signals, long stories, long storiesWithheld,
            int pages, int charts, int digests, int digestsKept, Map<String, Long> stageMillis) {
    }

    private Bulletin() {
    }

    /**
     * Everything a build knows before it writes anything: the validated inputs, read, aggregated, protected and
     * analysed. {@link #site()} is the model the website and the PDF digests are rendered from.
     */
    public record Prepared(BulletinConfig config, DatasetSummary dataset, Quarter asOf, Tables tables,
            Protection counts, Protection batches, List<PublishedCell> cells, boolean weakerRules,
            StoryDesk.Result stories, Signals.Result signals, SiteInput site, Map<String, Long> stageMillis) {
    }

    /**
     * Reads and validates every input, then aggregates, protects, de-identifies the stories and analyses: the
     * stages {@code build} and {@code digest} share. {@code previousCells} is the previous release's cells.csv,
     * whose withheld cells stay withheld (it may be absent). Returns null, with the problems collected, when the
     * inputs have errors.
     */
    public static Prepared prepare(DatasetFiles files, ValidationRules rules, Path content, Path previousCells,
            Problems problems) throws IOException {
        Map<String, Long> times = new LinkedHashMap<>();
        long t = System.nanoTime();
        BulletinConfig config = BulletinConfig.read(content, problems);
        Editorial choices = Editorial.read(content, problems);
        Deidentifier deidentifier = Deidentifier.of(DenylistReader.terms(files.denylist()));
        int minContributors = (config != null ? config : BulletinConfig.defaults()).disclosure().minContributors();
        Aggregator[] aggregator = new Aggregator[1];
        StoryDesk[] desk = new StoryDesk[1];
        DatasetSummary dataset = DatasetReader.read(files, rules, problems, taxonomy -> {
            aggregator[0] = new Aggregator(taxonomy);
            desk[0] = new StoryDesk(taxonomy, deidentifier, choices != null ? choices : Editorial.none(),
                    minContributors);
            return aggregator[0].andThen(desk[0]);
        });
        if (problems.hasErrors() || config == null || choices == null || aggregator[0] == null) {
            return null;
        }
        EditorialContent editorial = ContentReader.read(content, config.site().allowRawHtml(),
                dataset.taxonomy(), problems);
        if (problems.hasErrors()) {
            return null;
        }
        t = lap(times, "read and validate", t);
        Quarter asOf = rules.asOf() != null ? rules.asOf() : dataset.last();
        Quarter from = dataset.first() != null ? dataset.first() : asOf;
        Tables tables = aggregator[0].tables(from, asOf, dataset.volumes());
        PreviousRelease.Decisions previous = PreviousRelease.read(previousCells);
        Carryover.apply(tables, previous);
        t = lap(times, "aggregate", t);
        Protection counts = DisclosureControl.protect(tables.counts(), config.disclosure());
        Protection batches = DisclosureControl.protect(tables.batches(), config.disclosure());
        t = lap(times, "protect and audit", t);
        StoryDesk.Result stories = asOf == null ? StoryDesk.Result.empty()
                : desk[0].finish(asOf, dataset.volumes(), problems);
        t = lap(times, "stories", t);
        List<PublishedCell> cells = CellRows.of(tables, counts, batches);
        Signals.Result signals = Signals.detect(cells, asOf, config.signals(), dataset.taxonomy());
        lap(times, "analyze (rates, signals)", t);
        boolean weaker = config.disclosure().weakerThan(org.cgtbulletin.protect.DisclosureRules.defaults());
        SiteInput site = new SiteInput(config.site(), dataset.taxonomy(), dataset.first() == null ? null : from, asOf,
                cells, tables.hasVolumes(), signals.signals(), stories.published(), editorial, config.disclosure(),
                weaker, signals, config.signals());
        return new Prepared(config, dataset, asOf, tables, counts, batches, cells, weaker, stories, signals, site,
                times);
    }

    /** Builds and publishes; returns null (with the problems collected) when the inputs have errors. */
    public static BuildResult build(BuildRequest request, Problems problems) throws IOException {
        Prepared p = prepare(request.files(), request.rules(), request.content(), request.previous() != null
                ? request.previous() : request.output().resolve("data").resolve("cells.csv"), problems);
        if (p == null) {
            return null;
        }
        Map<String, Long> times = new LinkedHashMap<>(p.stageMillis());
        long t = System.nanoTime();
        Instant clock = request.sourceDate() == null ? null : request.sourceDate().toInstant();
        Site.Result[] rendered = new Site.Result[1];
        Digests.Result[] digests = new Digests.Result[1];
        long[] lapped = {t};
        try {
            Publisher.publish(request.output(), staging -> {
                CellsFiles.write(staging.resolve("data"), p.cells());
                SignalsFile.write(staging.resolve("data"), p.asOf(), p.signals().signals());
                StoriesFiles.write(staging.resolve("data"), p.asOf(), p.stories().published());
                rendered[0] = Site.render(p.site(), request.templates(), staging, problems);
                if (rendered[0] == null) {
                    throw new NothingPublished();
                }
                lapped[0] = lap(times, "render site", lapped[0]);
                digests[0] = Digests.writeAll(p.site(), request.templates(), staging,
                        request.output().resolve(Digests.FOLDER), clock, problems);
                if (digests[0] == null) {
                    throw new NothingPublished();
                }
                lapped[0] = lap(times, "render PDF digests", lapped[0]);
            }, request.sourceDate());
        } catch (NothingPublished e) {
            return null;
        }
        Publisher.publish(request.audit(), staging -> StaffAudit.write(staging, p.asOf(), p.config().disclosure(),
                p.weakerRules(), p.counts(), p.batches(), p.stories().audit()), request.sourceDate());
        lap(times, "publish", lapped[0]);
        List<PublishedCell> cells = p.cells();
        long published = cells.stream().filter(PublishedCell::isPublished).count();
        long secondary = cells.stream().filter(c -> c.status().equals(PublishedCell.SUPPRESSED_SECONDARY)).count();
        return new BuildResult(p.dataset(), p.asOf(), cells.size(), published, cells.size() - published - secondary,
                secondary, p.weakerRules(), p.signals(), p.stories().published().size(),
                p.stories().audit().storiesWithheld(), rendered[0].pages().size(), rendered[0].charts(),
                digests[0].files().size(), digests[0].kept(), times);
    }

    /** A template problem stopped the site; the problem is collected and the old site stays as it was. */
    private static final class NothingPublished extends RuntimeException {
        NothingPublished() {
            super(null, null, false, false);
        }
    }

    /** Records the time since {@code start} under {@code stage}; returns now. Timings go to the terminal only. */
    private static long lap(Map<String, Long> times, String stage, long start) {
        long now = System.nanoTime();
        times.put(stage, (now - start) / 1_000_000);
        return now;
    }
}
