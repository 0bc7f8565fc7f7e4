package org.cgtbulletin;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntPredicate;

import org.cgtbulletin.aggregate.Aggregator;
import org.cgtbulletin.aggregate.Tables;
import org.cgtbulletin.analyze.CellRows;
import org.cgtbulletin.analyze.Signals;
import org.cgtbulletin.config.BulletinConfig;
import org.cgtbulletin.content.ContentReader;
import org.cgtbulletin.content.EditorialContent;
import org.cgtbulletin.digest.Digests;
import org.cgtbulletin.model.CellKey;
import org.cgtbulletin.model.FileMemo;
import org.cgtbulletin.model.IdleCore;
import org.cgtbulletin.model.Parallel;
import org.cgtbulletin.model.Problem;
import org.cgtbulletin.model.PublishedCell;
import org.cgtbulletin.model.Problems;
import org.cgtbulletin.model.Progress;
import org.cgtbulletin.model.Quarter;
import org.cgtbulletin.model.Taxonomy;
import org.cgtbulletin.protect.AuditMemory;
import org.cgtbulletin.protect.AuditReport;
import org.cgtbulletin.protect.ChangeAudit;
import org.cgtbulletin.protect.ChangeFinding;
import org.cgtbulletin.protect.DisclosureControl;
import org.cgtbulletin.protect.DisclosureRules;
import org.cgtbulletin.protect.CellStatus;
import org.cgtbulletin.protect.Protection;
import org.cgtbulletin.protect.SuppressionPattern;
import org.cgtbulletin.publish.CellsFiles;
import org.cgtbulletin.publish.PreviousRelease;
import org.cgtbulletin.publish.Publisher;
import org.cgtbulletin.publish.Recycling;
import org.cgtbulletin.publish.SignalsFile;
import org.cgtbulletin.publish.StaffAudit;
import org.cgtbulletin.publish.StoriesFiles;
import org.cgtbulletin.read.DatasetFiles;
import org.cgtbulletin.read.DatasetReader;
import org.cgtbulletin.read.DatasetSummary;
import org.cgtbulletin.read.DenylistReader;
import org.cgtbulletin.read.ValidationRules;
import org.cgtbulletin.site.PageMemo;
import org.cgtbulletin.site.Site;
import org.cgtbulletin.site.SpareSite;
import org.cgtbulletin.site.SiteInput;
import org.cgtbulletin.stories.Deidentifier;
import org.cgtbulletin.stories.Editorial;
import org.cgtbulletin.stories.EditorialScreen;
import org.cgtbulletin.stories.StoryCells;
import org.cgtbulletin.stories.StoryDesk;

/**
 * The whole build, one line per stage: read and validate (the stories stage de-identifies narratives as they
 * stream by, beside the aggregator), aggregate, protect, audit, stories (finished on a thread of its own from the
 * end of the reading, beside the three before it), analyze ({@link #prepare}, shared with the {@code digest}
 * command), then render the site and the PDF digests and publish. Nothing is written unless every
 * input is valid; then the site and the staff audit are swapped in whole.
 */
public final class Bulletin {

    /**
     * Where everything comes from and goes to. {@code previous} null means the output's own data/cells.csv.
     * {@code preview}: the build is the preview server's (its {@link Preview}, one for the server's whole life), which
     * remembers the pages it publishes so that a later {@link #rerender} renders only the pages an edit changes
     * ({@link PageMemo}) and recycles the version of the site each publish replaces; null for a plain build, which
     * keeps no memo (a re-render always keeps one, whatever this says).
     */
    public record BuildRequest(DatasetFiles files, ValidationRules rules, Path content, Path templates, Path output,
            Path audit, Path previous, FileTime sourceDate, Preview preview) {
    }

    /**
     * What the preview server keeps from one publish of its site to the next, besides the memo of the pages
     * ({@link Prepared#pages}): the version of the site each re-render replaced ({@link Recycling}), surveyed on a
     * thread of its own while the server waits for the next edit ({@link SpareSite}), so that the next re-render
     * writes into it only the files that differ (at 10,000 pages, 4 to 5 s of creating and deleting files saved on
     * each edit). {@link #close} deletes that version; the server does when it stops.
     */
    public static final class Preview implements AutoCloseable {
        private final Recycling recycling;
        private Parallel.Pending<SpareSite> survey;
        /** The memo of the pages published last: the one whose stamps describe the next version replaced. */
        private PageMemo published;
        private boolean closed;
        /** What each Markdown file gave when it was last read ({@link ContentReader}). */
        private final FileMemo<Object> markdown = new FileMemo<>();
        /** What screening each text file found, with {@link #screening}'s terms ({@link EditorialScreen}). */
        private final FileMemo<Object> screened = new FileMemo<>();
        private List<String> terms;
        private Deidentifier screening;

        /** The denylist's matcher for these terms: the one made before when they are the same (and its memo). */
        private Deidentifier screen(List<String> denylist) {
            if (!denylist.equals(terms)) {
                terms = List.copyOf(denylist);
                screening = Deidentifier.of(terms);
                screened.clear();
            }
            return screening;
        }

        public Preview(Path output) {
            this.recycling = new Recycling(output);
        }

        /**
         * The survey of the spare version, for a re-render about to recycle it as its staging folder; null (and the
         * spare deleted, if any) when there is none to recycle: none kept, or its survey failed.
         */
        private synchronized SpareSite take() throws IOException {
            Parallel.Pending<SpareSite> pending = survey;
            survey = null;
            SpareSite spare = null;
            if (pending != null) {
                try {
                    spare = pending.join();
                } catch (RuntimeException e) {
                    spare = null; // could not be read (being deleted, say): publish into an empty folder
                }
            }
            if (spare == null || recycling.spare() == null) {
                recycling.discard();
                return null;
            }
            return spare;
        }

        /**
         * After a publish of pages remembered in {@code now}: the version it replaced is surveyed ({@link
         * SpareSite#survey}), by the stamps of the memo that published it when that is the memo published last
         * ({@code replaced}), else by its pages' bytes against {@code now}. When it replaced nothing (the server's
         * first build, into a new folder), a copy of the pages it published is made instead ({@link SpareSite#copy}:
         * links to them, needing no survey), on the same thread, so that the first edit is not the one that writes
         * every page again (10,000 pages: 4.5 s).
         */
        private synchronized void replaced(PageMemo replaced, PageMemo now) {
            boolean written = replaced != null && replaced == published;
            published = now;
            Path spare = recycling.spare();
            if (closed || now == null) {
                survey = null;
            } else if (spare != null) {
                survey = Parallel.start(() -> SpareSite.survey(spare, written ? replaced : now, written));
            } else {
                survey = Parallel.start(() -> recycling.seed((published, to) -> SpareSite.copy(published, to, now)));
            }
        }

        /** Before a full build: what was remembered of the files is read again (see {@link FileMemo}). */
        private void forgetFiles() {
            markdown.clear();
            screened.clear();
        }

        /**
         * Deletes the spare, once the survey or copy under way has ended; nothing is kept after. The server's
         * shutdown hook may call this while a publish is under way: the publish then deletes what it replaces.
         */
        @Override
        public void close() throws IOException {
            Parallel.Pending<SpareSite> pending;
            synchronized (this) {
                closed = true;
                pending = survey;
                survey = null;
            }
            if (pending != null) {
                try {
                    pending.join();
                } catch (RuntimeException e) {
                    // the folder is deleted either way
                }
            }
            recycling.close(); // from now on the folder a publish replaces is deleted, not kept
        }
    }

    /**
     * What a build did, for the one-line summary. {@code pageModels}: the pages whose models were made; a preview's
     * re-render knows the others' inputs unchanged from what they are made from (a lesson's page, from the lesson).
     */
    public record BuildResult(DatasetSummary dataset, Quarter asOf, int cells, long published, long suppressed,
            long secondary, boolean weakerRules, Signals.Result signals, long stories, long storiesWithheld,
            int pages, int pagesCopied, int pageModels, int charts, int digests, int digestsKept,
            Map<String, StageTime> stageTimes, Prepared prepared) {

        /**
         * What the staff audit could not settle, in one clause for the build's summary line: withheld numbers proven
         * exposed but not repaired, and checks left not proven within the audit's work budget, over the counts and
         * the batches started; empty when the audit proved everything.
         *
         * @return e.g. "2 ranges and 0 largest-contributor checks not proven", or ""
         */
        public String auditOpenItems() {
            AuditReport c = prepared.counts().audit();
            AuditReport b = prepared.batches().audit();
            int exposed = c.derivable().size() + c.tooNarrow().size() + c.coalitionBreaches().size()
                    + b.derivable().size() + b.tooNarrow().size() + b.coalitionBreaches().size();
            int ranges = c.intervalNotProven().size() + b.intervalNotProven().size();
            int largest = c.coalitionNotProven().size() + b.coalitionNotProven().size();
            List<String> parts = new ArrayList<>();
            if (exposed > 0) {
                parts.add(exposed + (exposed == 1 ? " withheld number" : " withheld numbers")
                        + " proven too narrow or recoverable");
            }
            if (ranges + largest > 0) {
                parts.add(ranges + (ranges == 1 ? " range" : " ranges") + " and " + largest + " largest-contributor "
                        + (largest == 1 ? "check" : "checks") + " not proven");
            }
            int cross = prepared.crossDerivable().size();
            if (cross > 0) {
                parts.add(cross + (cross == 1 ? " withheld number" : " withheld numbers") + " a reader can work out"
                        + " or narrow through the class-by-step-by-mode table, or whose range through it is not"
                        + " proven");
            }
            ChangeAudit changes = prepared.changes();
            long away = java.util.stream.Stream.concat(changes.counts().stream(), changes.batches().stream())
                    .filter(ChangeFinding::givenAway).count();
            long open = changes.counts().size() + changes.batches().size() - away;
            if (away > 0) {
                parts.add(away + (away == 1 ? " change" : " changes") + " since the previous release given away");
            }
            if (open > 0) {
                parts.add(open + (open == 1 ? " change" : " changes") + " since the previous release not proven"
                        + " hidden");
            }
            return String.join(" and ", parts);
        }
    }

    /** The stages of a build, in order, as {@link Progress} reports them and {@code --verbose} times them. */
    public static final List<String> STAGES = List.of("read and validate", "aggregate",
            "protect (rules, complements)", "audit (proofs, repairs)", "stories", "analyze (rates, signals)",
            "render site", "render PDF digests", "publish");

    private Bulletin() {
    }

    /**
     * Everything a build knows before it writes anything: the validated inputs, read, aggregated, protected and
     * analysed. {@link #site()} is the model the website and the PDF digests are rendered from. {@code pages} is
     * what the preview remembers of the pages published from it ({@link PageMemo}), once they are; null before, and
     * for a plain build.
     */
    public record Prepared(BulletinConfig config, DatasetSummary dataset, Quarter asOf, Tables tables,
            Protection counts, Protection batches, ChangeAudit changes, List<String> crossDerivable,
            List<PublishedCell> cells, boolean weakerRules,
            StoryDesk.Result stories, Signals.Result signals, SiteInput site, Map<String, StageTime> stageTimes,
            PageMemo pages) {

        /** The same, with the memo of the pages published from it. */
        Prepared withPages(PageMemo published) {
            return new Prepared(config, dataset, asOf, tables, counts, batches, changes, crossDerivable, cells,
                    weakerRules, stories, signals, site, stageTimes, published);
        }
    }

    /**
     * How long a stage took, and how much processor time the whole process used meanwhile (every thread: the
     * stage's own, the JIT compilers', the collector's; -1 when the JVM cannot tell), for {@code --verbose}: a
     * stage whose CPU time is about twice its wall time kept both cores of a 2-core machine busy.
     */
    public record StageTime(long millis, long cpuMillis) {
    }

    /**
     * Reads and validates every input, then aggregates, protects, de-identifies the stories and analyses: the
     * stages {@code build} and {@code digest} share. {@code previousCells} is the previous release's cells.csv,
     * whose withheld cells stay withheld (it may be absent); {@code previousAudit} the folder of its staff audit,
     * whose record of who contributed to its quarter cells lets a revision of one be put to the rules (it may be
     * absent, or of another release: revisions are then judged at worst). Returns null, with the problems collected,
     * when the inputs have errors.
     */
    public static Prepared prepare(DatasetFiles files, ValidationRules rules, Path content, Path previousCells,
            Path previousAudit, Problems problems) throws IOException {
        return prepare(files, rules, content, previousCells, previousAudit, problems, new Stages(Progress.NONE),
                null, null);
    }

    /**
     * {@code validate}: reads and checks every input a build reads, the data and the editorial content alike
     * (settings, editors' choices, the Markdown and its front matter, denylisted terms in the editorial text), so that
     * what would stop a build stops validation too; returns the data's summary.
     */
    public static DatasetSummary validate(DatasetFiles files, ValidationRules rules, Path content, Problems problems)
            throws IOException {
        BulletinConfig config = BulletinConfig.read(content, problems);
        Editorial.read(content, problems);
        Taxonomy[] taxonomy = new Taxonomy[1];
        DatasetSummary dataset = DatasetReader.read(files, rules, problems, t -> {
            taxonomy[0] = t;
            return report -> { };
        });
        // the Markdown's problems too when the settings have their own (read as the default settings would have it)
        ContentReader.read(content, config != null && config.site().allowRawHtml(), taxonomy[0], problems);
        EditorialScreen.check(content, files.datasetFiles(), Deidentifier.of(DenylistReader.terms(files.denylist())),
                null, problems);
        return dataset;
    }

    /** A count cell's published number, by its key; null when it is withheld or not in the tables. */
    private static java.util.function.Function<CellKey, Long> publishedCounts(Tables tables, Protection counts) {
        Map<CellKey, Long> published = new java.util.HashMap<>();
        for (int id = 0; id < tables.cells().size(); id++) {
            if (counts.status()[id] == CellStatus.PUBLISHED) {
                published.put(tables.cells().get(id), tables.counts().total(id));
            }
        }
        return published::get;
    }

    /** The cells whose count the protection withholds (by a rule or as a complement). */
    private static java.util.function.Predicate<CellKey> withheldCells(Tables tables, Protection counts) {
        java.util.Set<CellKey> withheld = new java.util.HashSet<>();
        for (int id = 0; id < tables.cells().size(); id++) {
            if (counts.status()[id] != CellStatus.PUBLISHED) {
                withheld.add(tables.cells().get(id));
            }
        }
        return withheld::contains;
    }

    /**
     * As {@link #prepare(DatasetFiles, ValidationRules, Path, Path, Path, Problems)}; the preview's memos when not
     * null.
     */
    private static Prepared prepare(DatasetFiles files, ValidationRules rules, Path content, Path previousCells,
            Path previousAudit, Problems problems, Stages stages, Preview preview, Path templates)
            throws IOException {
        stages.begin("read and validate");
        // The denylist's matcher (an automaton of every term's spellings: about 0.2 s for 1,500 terms, in code not
        // yet compiled) is built beside the settings and the reading: only the stories' thread and the screen of the
        // editorial text need it, and the JVM's start leaves a core idle meanwhile.
        List<String> terms = DenylistReader.terms(files.denylist());
        Parallel.Pending<Deidentifier> matcher = preview == null ? Parallel.start(() -> Deidentifier.of(terms))
                : Parallel.done(preview.screen(terms));
        BulletinConfig config = BulletinConfig.read(content, problems);
        // The Markdown is read and rendered from here on, beside everything else; only the lessons' tags wait for
        // the taxonomy, which the dataset reader reads first.
        CompletableFuture<Taxonomy> taxonomyRead = new CompletableFuture<>();
        List<Problem> markdownFound = new ArrayList<>(); // only the Markdown's thread adds, until it is joined
        Problems markdownProblems = Problems.handedTo(markdownFound::add);
        Parallel.Pending<EditorialContent> markdown = config == null ? null : Parallel.start(() ->
                ContentReader.read(content, config.site().allowRawHtml(), taxonomyRead::join,
                        preview == null ? null : preview.markdown, markdownProblems));
        Editorial choices = Editorial.read(content, problems);
        int minContributors = (config != null ? config : BulletinConfig.defaults()).disclosure().minContributors();
        Aggregator[] aggregator = new Aggregator[1];
        StoryDesk[] desk = new StoryDesk[1];
        DatasetSummary dataset;
        try {
            dataset = DatasetReader.read(files, rules, problems, taxonomy -> {
                taxonomyRead.complete(taxonomy);
                aggregator[0] = new Aggregator(taxonomy);
                desk[0] = new StoryDesk(taxonomy, matcher::join, choices != null ? choices : Editorial.none(),
                        minContributors);
                return aggregator[0].andThen(desk[0]);
            });
        } finally {
            taxonomyRead.complete(null); // no taxonomy (or a failure): the Markdown stops waiting for one
        }
        EditorialContent editorial = null;
        if (markdown != null) {
            editorial = join(markdown);
            markdownFound.forEach(problems::add); // after the data's, as when read one after the other
        }
        Deidentifier deidentifier = matcher.join();
        EditorialScreen.check(content, files.datasetFiles(), deidentifier, preview == null ? null : preview.screened,
                problems);
        if (problems.hasErrors() || config == null || choices == null || aggregator[0] == null) {
            return null;
        }
        Quarter asOf = rules.asOf() != null ? rules.asOf() : dataset.last();
        // The stories depend on the reports alone, not on what the protection withholds: they are de-identified on
        // a thread of their own while the tables are aggregated, protected and audited (the audit leaves most of a
        // core idle). Their warnings join the others after the audit, as when the stages ran one after the other.
        List<Problem> storyFound = new ArrayList<>(); // only the stories' thread adds, until it is joined
        Problems storyProblems = Problems.handedTo(storyFound::add);
        StoryDesk finishing = desk[0];
        Parallel.Pending<StoryDesk.Result> storiesFinished = asOf == null ? null
                : Parallel.start(() -> finishing.finish(asOf, dataset.volumes(), storyProblems));
        stages.begin("aggregate");
        Quarter from = dataset.first() != null ? dataset.first() : asOf;
        Tables tables = aggregator[0].tables(from, asOf, dataset.volumes());
        PreviousRelease.Decisions previous;
        try {
            previous = PreviousRelease.read(previousCells, previousAudit);
        } catch (IOException | RuntimeException unreadable) { // not a cells.csv, bad bytes, a broken row
            problems.error(previousCells.toString(), 1, "previous", "the previous release's cells.csv cannot be"
                    + " read (" + unreadable.getMessage() + "); its decisions must be kept, so nothing is built."
                    + " Name the right file with --previous, or restore it");
            return null;
        }
        if (!previous.quarters().isEmpty() && previous.contributors().missing() != null) {
            problems.warning((previousAudit != null ? previousAudit.resolve(PreviousRelease.CONTRIBUTIONS)
                    : previousCells).toString(), 0, "audit", "no record of who contributed to the previous"
                    + " release's cells (" + previous.contributors().missing() + "): a change late reports made to"
                    + " one of them is judged as if the fewest contributors had made it, which withholds more, and"
                    + " the changes of cells withheld in either release cannot be checked together through chains"
                    + " of totals; keep the staff audit folder from one release to the next");
        }
        Carryover.apply(tables, previous, config.disclosure());
        // the complements are chosen for the counts and the denominators side by side, the denominators' in far less
        // time: the audit's index of the report footprints (0.19 s at a million reports) is made meanwhile
        IdleCore.start(tables.counts()::indexFootprints);
        IdleCore rehearsal = null;
        if (templates != null && asOf != null && dataset.reports() >= REHEARSAL_REPORTS) {
            EditorialContent pages = editorial;
            rehearsal = IdleCore.start(() -> rehearseDigest(config, dataset.taxonomy(), from, asOf, tables, pages,
                    templates));
        }
        Protected both = protect(tables, previous, config.disclosure(), stages);
        tables.counts().releaseFootprintIndex(); // the tables are kept until the site is written
        if (rehearsal != null) {
            // the classes it initialises are the site's and the digests', needed from now on
            rehearsal.finish(REHEARSAL_WAIT_MILLIS);
        }
        Protection counts = both.counts();
        Protection batches = both.batches();
        stages.begin("stories");
        StoryDesk.Result stories = storiesFinished == null ? StoryDesk.Result.empty() : join(storiesFinished);
        stories = StoryCells.placeOverWithheldCells(stories, dataset.taxonomy(), withheldCells(tables, counts),
                publishedCounts(tables, counts));
        storyFound.forEach(problems::add); // every one counted, as if added here
        stages.begin("analyze (rates, signals)");
        List<PublishedCell> cells = CellRows.of(tables, counts, batches);
        Signals.Result signals = Signals.detect(cells, asOf, config.signals(), dataset.taxonomy());
        stages.end();
        boolean weaker = config.disclosure().weakerThan(DisclosureRules.defaults());
        // With no reports but an --as-of, the tables hold that quarter (zeros, and the volumes if any), and so do
        // the site and the digests: its bulletin says nothing was reported rather than being left out.
        SiteInput site = new SiteInput(config.site(), dataset.taxonomy(), from, asOf,
                cells, tables.hasVolumes(), signals.signals(), stories.published(), editorial, config.disclosure(),
                weaker, signals, config.signals());
        return new Prepared(config, dataset, asOf, tables, counts, batches, both.changes(), both.crossDerivable(),
                cells, weaker, stories, signals, site, stages.times(), null);
    }

    /**
     * The number of reports from which a build rehearses a digest while the tables are protected ({@link
     * #rehearseDigest}): measured worth it from there up (at 1,000 reports the audit took 13 to 16 s and the digests
     * 1.4 to 1.6 s with the rehearsal against 2.2 to 2.4 s without; 6 Dec 2026). With fewer the audit is shorter
     * (100 reports 2.5 s, 300 reports 5.7 s) and the rehearsal was not measured there; the tests' small builds
     * (tens to hundreds of reports) run without it, as before.
     */
    static final long REHEARSAL_REPORTS = 1_000;

    /**
     * How long a build waits, once the audit is over, for a rehearsal still running ({@link IdleCore#finish}): it
     * needs about 1.5 to 2.5 s of a core in all and the audit leaves it 3 to 4, so it has ended by then unless other
     * programs kept the machine busy; waiting gives it both cores meanwhile.
     */
    static final long REHEARSAL_WAIT_MILLIS = 2_000;

    /**
     * Renders a digest of made-up numbers over the tables' cells, with the build's settings, taxonomy, editorial
     * content and templates, and throws it away ({@link Digests#rehearse}), on a core the audit leaves idle ({@link
     * IdleCore}): the rendering code is then compiled when the digests begin. The audit of a million reports keeps
     * about one and a half cores busy (and the sample's as much); a rehearsal at normal priority took a second from
     * the digests and gave it to the audit (4 Dec 2026, and again 6 Dec). Only timing changes: the rehearsal only
     * reads what the build reads too (the cells' keys, the settings, the editorial content, the templates) and
     * changes none of it, and writes nothing.
     */
    private static void rehearseDigest(BulletinConfig config, Taxonomy taxonomy, Quarter from, Quarter asOf,
            Tables tables, EditorialContent content, Path templates) {
        List<PublishedCell> cells = CellRows.madeUp(tables);
        Signals.Result signals = Signals.detect(cells, asOf, config.signals(), taxonomy);
        Digests.rehearse(new SiteInput(config.site(), taxonomy, from, asOf, cells, tables.hasVolumes(),
                signals.signals(), List.of(), content, config.disclosure(),
                config.disclosure().weakerThan(DisclosureRules.defaults()), signals, config.signals()), templates);
    }

    /**
     * Rounds of {@link ThreeWayTable#keepDerivableHidden} and the audit of what it changed, at most, after one
     * protection: each round keeps a cell it never kept before or publishes a complement a reader can work out, so
     * the rounds end, but a complement published in one round could in principle be chosen again by the next
     * round's complementary suppression; this bounds the build whatever happens (the sample takes five rounds, a
     * million reports two).
     */
    private static final int MAX_THREE_WAY_ROUNDS = 40;

    /**
     * Protects the tables: the rules and complements, then the audit, again from the start while {@link
     * Carryover#keepMovedAggregates} finds totals of the previous release that would now give away a withheld cell,
     * or {@link Carryover#keepRevealingTotals} totals whose change would give away the change of withheld cells, or
     * (on the audited pattern) {@link Carryover#keepChangesHidden} cells whose change would, with others, give away
     * the change of a withheld cell. Then, while {@link ThreeWayTable#keepDerivableHidden} keeps cells through
     * which the hidden class-by-step-by-mode table would give away a withheld count, the audited pattern with those
     * cells and their complements is audited again (not suppressed afresh: moving the complements uncovered other
     * counts, and each such round cost a whole protection), and the checks above are made again. Each round keeps
     * more cells withheld, so this ends (and {@link #MAX_THREE_WAY_ROUNDS} bounds the rounds after one protection);
     * the proofs of each audit carry to the next, of the same protection or of one made again from the start ({@link
     * AuditMemory}, one for the tables' own relations and one through the hidden table: a pattern that publishes a
     * cell the last audit withheld drops the proofs whose points move that cell), so a later audit proves only what
     * its pattern changed;
     * without a previous release, or with one as of the same quarter and the same
     * data, and with no count given away through that table, there is one round.
     */
    private static Protected protect(Tables tables, PreviousRelease.Decisions previous, DisclosureRules rules,
            Stages stages) {
        stages.begin("protect (rules, complements)");
        boolean auditing = false;
        // the proofs of the counts' audits carry from round to round, and to a protection made again from the start
        // (the same tables: only which cells are kept changes), as do those of the audits through the hidden table;
        // what a pattern publishes that the last one withheld drops the proofs that rest on it (AuditMemory)
        AuditMemory stated = new AuditMemory();
        AuditMemory throughHidden = new AuditMemory();
        // the tables against the previous release, worked out once for every round's checks
        Carryover.Comparison since = new Carryover.Comparison(tables, previous);
        while (true) {
            List<SuppressionPattern> patterns = DisclosureControl.suppressEach(tables.counts(), tables.batches(),
                    rules);
            if (keptFromPreviousRelease(since, patterns.get(0)::withholds, patterns.get(1)::withholds, rules) > 0) {
                continue;
            }
            if (!auditing) {
                stages.begin("audit (proofs, repairs)");
                auditing = true;
            }
            List<Protection> both = DisclosureControl.auditEach(patterns, stated);
            Protection counts = both.get(0);
            Protection batches = both.get(1);
            int rounds = 0;
            while (keptFromPreviousRelease(since, withheld(counts), withheld(batches), rules) == 0) {
                Carryover.Changes changes = since.keepChangesHidden(valueKnown(counts), valueKnown(batches), rules);
                if (changes.kept() > 0) {
                    break;
                }
                // through the hidden table, restricted programs only while they paid in the counts' own audits
                ThreeWayTable.Hiding hiding = ThreeWayTable.keepDerivableHidden(tables.counts(), counts, rules,
                        throughHidden, !stated.restrictedProgramsStopped());
                if (hiding.pattern() == null) {
                    return new Protected(counts, batches, changes.audit(), hiding.derivable());
                }
                if (++rounds > MAX_THREE_WAY_ROUNDS) {
                    // past the bound, the last audited pattern, and what the check finds in it for the staff audit
                    return new Protected(counts, batches, changes.audit(),
                            ThreeWayTable.stillExposed(tables.counts(), counts, rules));
                }
                counts = hiding.pattern().audit(stated);
            }
        }
    }

    /**
     * How many cells {@link Carryover#keepMovedAggregates} and {@link Carryover#keepRevealingTotals} newly keep
     * withheld, given which cells of each table are withheld (0 without a previous release).
     */
    private static int keptFromPreviousRelease(Carryover.Comparison since,
            java.util.function.IntPredicate countWithheld, java.util.function.IntPredicate batchWithheld,
            DisclosureRules rules) {
        return since.keepMovedAggregates(countWithheld, batchWithheld)
                + since.keepRevealingTotals(countWithheld, batchWithheld, rules);
    }

    private static java.util.function.IntPredicate withheld(Protection p) {
        return id -> !p.published(id);
    }

    /**
     * The protection of both tables, what the check of the changes since the previous release left open, and the
     * withheld counts still derivable through the class-by-step-by-mode table (those {@link ThreeWayTable} found no
     * cell to hide), for the staff audit and the build's summary line.
     */
    private record Protected(Protection counts, Protection batches, ChangeAudit changes,
            List<String> crossDerivable) {
    }

    /**
     * Whether a reader has a cell's number from this release: it is published, or withheld but pinned to one value by
     * the published ones (the audit's interval for it is narrower than 1: a total kept so that it cannot be subtracted
     * from the previous release, say).
     */
    private static IntPredicate valueKnown(Protection p) {
        java.util.BitSet pinned = new java.util.BitSet();
        for (org.cgtbulletin.protect.Suppression s : p.suppressions()) {
            if (s.intervalChecked() && s.feasibleHigh() - s.feasibleLow() < 1) {
                pinned.set(s.cell());
            }
        }
        return id -> p.published(id) || pinned.get(id);
    }

    /**
     * Builds and publishes; returns null (with the problems collected) when the inputs have errors. Each stage is
     * reported to {@code progress} as it begins.
     */
    public static BuildResult build(BuildRequest request, Problems problems, Progress progress) throws IOException {
        if (request.preview() != null) {
            request.preview().forgetFiles();
        }
        Stages stages = new Stages(progress);
        Prepared p = prepare(request.files(), request.rules(), request.content(), request.previous() != null
                ? request.previous() : request.output().resolve("data").resolve("cells.csv"), request.audit(), problems,
                stages, request.preview(), request.templates());
        return p == null ? null : render(request, p, problems, stages, progress, Pass.BUILD);
    }

    /** What a run renders: everything, or (over data already prepared) the pages first and then the digests. */
    public enum Pass {
        /** Everything, from the inputs read anew; the staff audit too. */
        BUILD,
        /** The pages only; the published digests are carried over as they are, to be brought up to date next. */
        PAGES,
        /** The pages and the digests (those whose inputs changed are rendered, the others kept). */
        PAGES_AND_DIGESTS
    }

    /**
     * The preview's fast path, after an edit of the editorial Markdown or the templates only: the data, already read,
     * protected and analysed in {@code data} (from {@link BuildResult#prepared}), are not read again, nor their
     * charts drawn again, nor the staff audit rewritten; the Markdown is re-read and the site rendered and published
     * as {@link #build} does. {@link Pass#PAGES} carries the published digests over unchanged, so that the pages are
     * served quickly; {@link Pass#PAGES_AND_DIGESTS} then gives exactly the site a full build would publish. Only the
     * pages an edit changes are rendered: the others are kept in the recycled staging folder when the request's
     * {@link Preview} has one, else copied from the published site, as {@code data.pages()} remembers them ({@link
     * PageMemo}; with no memo, the first re-render renders every page and starts one). Pass the
     * {@link BuildResult#prepared} of the latest re-render, whose memo describes the pages published last; an older
     * one is safe too (a page whose published file is not the one its memo recorded is rendered), only slower.
     */
    public static BuildResult rerender(BuildRequest request, Prepared data, Pass pass, Problems problems,
            Progress progress) throws IOException {
        if (pass == Pass.BUILD) {
            throw new IllegalArgumentException("a re-render renders pages, with or without digests");
        }
        Stages stages = new Stages(progress);
        stages.begin("read and validate");
        Preview preview = request.preview();
        EditorialContent editorial = ContentReader.read(request.content(), data.config().site().allowRawHtml(),
                data.dataset()::taxonomy, preview == null ? null : preview.markdown, problems);
        // the edited text is screened for the denylist as a full build screens it
        List<String> terms = DenylistReader.terms(request.files().denylist());
        EditorialScreen.check(request.content(), request.files().datasetFiles(),
                preview == null ? Deidentifier.of(terms) : preview.screen(terms),
                preview == null ? null : preview.screened, problems);
        if (problems.hasErrors()) {
            return null;
        }
        SiteInput s = data.site();
        SiteInput site = new SiteInput(s.settings(), s.taxonomy(), s.first(), s.asOf(), s.cells(), s.hasVolumes(),
                s.signals(), s.stories(), editorial, s.rules(), s.weakerRules(), s.signalRun(), s.signalSettings());
        Prepared p = new Prepared(data.config(), data.dataset(), data.asOf(), data.tables(), data.counts(),
                data.batches(), data.changes(), data.crossDerivable(), data.cells(), data.weakerRules(),
                data.stories(), data.signals(), site, data.stageTimes(),
                data.pages() != null ? data.pages() : PageMemo.empty());
        return render(request, p, problems, stages, progress, pass);
    }

    private static BuildResult render(BuildRequest request, Prepared p, Problems problems, Stages stages,
            Progress progress, Pass pass) throws IOException {
        Path site = request.output();
        Instant clock = request.sourceDate() == null ? null : request.sourceDate().toInstant();
        Site.Result[] rendered = new Site.Result[1];
        Digests.Result[] digests = new Digests.Result[1];
        String[] cellsFingerprint = new String[1];
        List<Parallel.Pending<Publisher.Staged>> staffAudit = new ArrayList<>(1);
        Publisher.Staged[] stagedAudit = new Publisher.Staged[1];
        Preview preview = request.preview();
        // The preview stages into the version of the site the publish before replaced, when it kept one.
        SpareSite spare = preview == null ? null : preview.take();
        try {
            Publisher.publish(request.output(), staging -> {
                stages.begin("render site");
                // The data files (130 MB at a million reports, 1.4 s on one core) are written on a thread of their
                // own while the pages take the cores: different files, so nothing depends on which finishes first.
                Parallel.Pending<String> dataFiles = Parallel.start(() -> {
                    CellsFiles.write(staging.resolve("data"), p.cells());
                    SignalsFile.write(staging.resolve("data"), p.asOf(), p.signals().signals());
                    StoriesFiles.write(staging.resolve("data"), p.asOf(), p.stories().published());
                    return PreviousRelease.fingerprint(staging.resolve("data").resolve("cells.csv"));
                });
                try {
                    PageMemo memo = pass == Pass.BUILD ? (preview != null ? PageMemo.empty() : null) : p.pages();
                    rendered[0] = Site.render(p.site(), request.templates(), staging,
                            pass == Pass.BUILD ? null : site, memo, spare, problems);
                } finally {
                    cellsFingerprint[0] = join(dataFiles); // before the staging folder is published or deleted
                }
                if (rendered[0] == null) {
                    throw new NothingPublished();
                }
                if (pass == Pass.BUILD) { // a re-render has the same data, so the same audit
                    // The staff audit (0.12 s at a million reports) is written into its staging folder beside the
                    // digests (one that cannot be written stops the site too), and swapped in right after the site:
                    // with who contributed to each quarter cell, for the next release's revisions (Carryover).
                    String fingerprint = cellsFingerprint[0];
                    staffAudit.add(Parallel.start(() -> Publisher.stage(request.audit(), auditStaging -> {
                        StaffAudit.write(auditStaging, p.asOf(), p.config().disclosure(), p.weakerRules(), p.counts(),
                                p.batches(), p.changes(), p.crossDerivable(), p.stories().audit());
                        PreviousRelease.writeContributions(auditStaging, fingerprint, Carryover.recorded(p.tables()));
                    }, request.sourceDate())));
                }
                stages.begin("render PDF digests");
                digests[0] = pass == Pass.PAGES ? Digests.carryOver(site, staging)
                        : Digests.writeAll(p.site(), request.templates(), staging, site.resolve(Digests.FOLDER),
                                clock, problems, progress);
                if (digests[0] == null) {
                    throw new NothingPublished();
                }
                stages.begin("publish");
                if (!staffAudit.isEmpty()) {
                    stagedAudit[0] = join(staffAudit.get(0));
                }
                if (spare != null) {
                    spare.prune(staging, rendered[0].pages());
                }
            }, preview == null ? request.sourceDate() : null, preview == null ? null : preview.recycling);
        } catch (NothingPublished e) {
            discard(staffAudit);
            return null;
        } catch (IOException | RuntimeException | Error e) {
            try {
                discard(staffAudit);
            } catch (Throwable cleanup) {
                e.addSuppressed(cleanup); // the cause is what went wrong, not the folder left behind
            }
            throw e;
        }
        if (preview != null) {
            preview.replaced(pass == Pass.BUILD ? null : p.pages(), rendered[0].memo());
        }
        if (stagedAudit[0] != null) {
            stagedAudit[0].publish(); // after the site, as its cells.csv is what the contributions are recorded against
        }
        stages.end();
        List<PublishedCell> cells = p.cells();
        long published = cells.stream().filter(PublishedCell::isPublished).count();
        long secondary = cells.stream().filter(c -> c.status().equals(PublishedCell.SUPPRESSED_SECONDARY)).count();
        return new BuildResult(p.dataset(), p.asOf(), cells.size(), published, cells.size() - published - secondary,
                secondary, p.weakerRules(), p.signals(), p.stories().published().size(),
                p.stories().audit().storiesWithheld(), rendered[0].pages().size(), rendered[0].pagesCopied(),
                rendered[0].modelsMade(), rendered[0].charts(), digests[0].files().size(), digests[0].kept(),
                stages.times(), p.withPages(rendered[0].memo()));
    }

    /**
     * Deletes the staff audit staged beside a site that is not published (waiting for it to be written first); the
     * published audit stays as it was.
     */
    private static void discard(List<Parallel.Pending<Publisher.Staged>> staged) throws IOException {
        for (Parallel.Pending<Publisher.Staged> audit : staged) {
            Publisher.Staged s;
            try {
                s = join(audit);
            } catch (Throwable failed) {
                continue; // its staging folder went with what stopped it (Publisher.stage); the site's failure counts
            }
            s.discard();
        }
    }

    /**
     * Waits for work started on another thread (reading or writing files); what stopped it is thrown as it was, an
     * I/O error as one.
     */
    private static <T> T join(Parallel.Pending<T> work) throws IOException {
        try {
            return work.join();
        } catch (Parallel.Failure f) {
            if (f.getCause() instanceof IOException io) {
                throw io;
            }
            throw f;
        }
    }

    /** A template problem stopped the site; the problem is collected and the old site stays as it was. */
    private static final class NothingPublished extends RuntimeException {
        NothingPublished() {
            super(null, null, false, false);
        }
    }

    /** The stages of one run: each one's time (for {@code --verbose}) and the progress shown as they begin. */
    private static final class Stages {
        private final Progress progress;
        private final java.lang.management.OperatingSystemMXBean system =
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        private final Map<String, StageTime> times = new LinkedHashMap<>();
        private String current;
        private long start;
        private long startCpu;

        Stages(Progress progress) {
            this.progress = progress;
        }

        void begin(String stage) {
            if (!STAGES.contains(stage)) {
                throw new IllegalArgumentException("not a stage of STAGES: " + stage);
            }
            end();
            current = stage;
            start = System.nanoTime();
            startCpu = cpuNanos();
            progress.stage(stage);
        }

        void end() {
            if (current != null) {
                long cpu = cpuNanos();
                times.put(current, new StageTime((System.nanoTime() - start) / 1_000_000,
                        cpu < 0 || startCpu < 0 ? -1 : (cpu - startCpu) / 1_000_000));
                current = null;
            }
        }

        /** The process's CPU time so far, in nanoseconds; -1 when the JVM does not say. */
        private long cpuNanos() {
            return system instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() : -1;
        }

        Map<String, StageTime> times() {
            return Collections.unmodifiableMap(new LinkedHashMap<>(times));
        }
    }
}
