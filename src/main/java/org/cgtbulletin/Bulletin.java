package org.cgtbulletin;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
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
 * stream by, beside the aggregator), aggregate, protect, stories, analyze, publish.
 * Nothing is written unless every input is valid; then the site and the staff audit are swapped in whole.
 */
public final class Bulletin {

    /** Where everything comes from and goes to. {@code previous} null means the output's own data/cells.csv. */
    public record BuildRequest(DatasetFiles files, ValidationRules rules, Path content, Path templates, Path output,
            Path audit, Path previous, FileTime sourceDate) {
    }

    /** What a build did, for the one-line summary. */
    public record BuildResult(DatasetSummary dataset, Quarter asOf, int cells, long published, long suppressed,
            long secondary, boolean weakerRules, Signals.Result signals, long stories, long storiesWithheld,
            int pages, int charts, Map<String, Long> stageMillis) {
    }

    private Bulletin() {
    }

    /** Builds and publishes; returns null (with the problems collected) when the inputs have errors. */
    public static BuildResult build(BuildRequest request, Problems problems) throws IOException {
        Map<String, Long> times = new LinkedHashMap<>();
        long t = System.nanoTime();
        BulletinConfig config = BulletinConfig.read(request.content(), problems);
        Editorial editorial = Editorial.read(request.content(), problems);
        Deidentifier deidentifier = Deidentifier.of(DenylistReader.terms(request.files().denylist()));
        int minContributors = (config != null ? config : BulletinConfig.defaults()).disclosure().minContributors();
        Aggregator[] aggregator = new Aggregator[1];
        StoryDesk[] desk = new StoryDesk[1];
        DatasetSummary dataset = DatasetReader.read(request.files(), request.rules(), problems, taxonomy -> {
            aggregator[0] = new Aggregator(taxonomy);
            desk[0] = new StoryDesk(taxonomy, deidentifier, editorial != null ? editorial : Editorial.none(),
                    minContributors);
            return aggregator[0].andThen(desk[0]);
        });
        if (problems.hasErrors() || config == null || editorial == null || aggregator[0] == null) {
            return null;
        }
        EditorialContent content = ContentReader.read(request.content(), config.site().allowRawHtml(),
                dataset.taxonomy(), problems);
        if (problems.hasErrors()) {
            return null;
        }
        t = lap(times, "read and validate", t);
        Quarter asOf = request.rules().asOf() != null ? request.rules().asOf() : dataset.last();
        Quarter from = dataset.first() != null ? dataset.first() : asOf;
        Tables tables = aggregator[0].tables(from, asOf, dataset.volumes());
        PreviousRelease.Decisions previous = PreviousRelease.read(request.previous() != null ? request.previous()
                : request.output().resolve("data").resolve("cells.csv"));
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
        t = lap(times, "analyze (rates, signals)", t);
        boolean weaker = config.disclosure().weakerThan(org.cgtbulletin.protect.DisclosureRules.defaults());
        SiteInput site = new SiteInput(config.site(), dataset.taxonomy(), dataset.first() == null ? null : from, asOf,
                cells, tables.hasVolumes(), signals.signals(), stories.published(), content, config.disclosure(), weaker, signals,
                config.signals());
        Site.Result[] rendered = new Site.Result[1];
        try {
            Publisher.publish(request.output(), staging -> {
                CellsFiles.write(staging.resolve("data"), cells);
                SignalsFile.write(staging.resolve("data"), asOf, signals.signals());
                StoriesFiles.write(staging.resolve("data"), asOf, stories.published());
                rendered[0] = Site.render(site, request.templates(), staging, problems);
                if (rendered[0] == null) {
                    throw new NothingPublished();
                }
            }, request.sourceDate());
        } catch (NothingPublished e) {
            return null;
        }
        Publisher.publish(request.audit(), staging -> StaffAudit.write(staging, asOf, config.disclosure(), weaker,
                counts, batches, stories.audit()), request.sourceDate());
        lap(times, "render and publish", t);
        long published = cells.stream().filter(PublishedCell::isPublished).count();
        long secondary = cells.stream().filter(c -> c.status().equals(PublishedCell.SUPPRESSED_SECONDARY)).count();
        return new BuildResult(dataset, asOf, cells.size(), published, cells.size() - published - secondary,
                secondary, weaker, signals, stories.published().size(), stories.audit().storiesWithheld(),
                rendered[0].pages().size(), rendered[0].charts(), times);
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
