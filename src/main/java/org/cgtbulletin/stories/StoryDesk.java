package org.cgtbulletin.stories;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.cgtbulletin.model.BatchVolume;
import org.cgtbulletin.model.Dimension;
import org.cgtbulletin.model.FailureReport;
import org.cgtbulletin.model.Problems;
import org.cgtbulletin.model.Quarter;
import org.cgtbulletin.model.Story;
import org.cgtbulletin.model.Taxonomy;
import org.cgtbulletin.model.TaxonomyCode;

/**
 * The stories stage: turns the narratives and lessons of publishable reports into de-identified {@link Story}s.
 *
 * <p>It is a {@code Consumer<FailureReport>} fed by the read stage beside the aggregator. As reports stream by it
 * counts the contributors of every product class (all reports, publishable or not) and hands the texts of
 * publishable reports, in batches, to a worker thread that de-identifies them while reading goes on; only those
 * are kept, so memory grows with the stories, not with the reports.
 * {@link #finish} then, for each story of a quarter up to the as-of quarter:
 * <ol>
 * <li>removes the report's own id and every contributor token from the texts (the tokens are known only once
 *     every report is read);</li>
 * <li>generalizes the product class to its group when fewer than {@code minContributors} manufacturers make it
 *     (reports and volumes together), and replaces mentions of that class in the texts by {@code [product]};</li>
 * <li>applies the editors' {@link Editorial choices} and the {@link Withholding withhold rules};</li>
 * <li>gives each story its public id, and sorts them: quarter (latest first), process step, failure mode and
 *     outcome in taxonomy order, then id.</li>
 * </ol>
 *
 * <p><b>Story ids.</b> A story's id is its quarter followed by the first 10 hex digits of the SHA-256 of exactly
 * what it publishes (quarter, product class or group, step, failure mode, outcome, narrative, lesson), e.g.
 * {@code 2025-q1-3f9a2c1b7d}. It is stable from build to build as long as the story reads the same, whatever
 * other reports arrive or are held, and it reveals nothing that the story does not already show: the report id
 * and the contributor never enter it (a hash of the report id would not do: report ids are few and guessable).
 * Identical stories get {@code -2}, {@code -3}... in order; the featured flag is not part of the id.
 */
public final class StoryDesk implements Consumer<FailureReport> {

    /** The group a story shows for a product class that has none in the taxonomy. */
    static final String OTHER_GROUP = "Other products";

    private static final int BATCH = 256;
    private static final Set<String> UNINFORMATIVE_TERMS = Set.of("other", "other product", "other products",
            "unknown");

    private final Taxonomy taxonomy;
    /** The de-identifier, asked for by the workers only (it may still be being built when the desk is). */
    private final Supplier<Deidentifier> deidentifier;
    private final Editorial editorial;
    private final Map<String, Editorial.Choice> choices;
    private final int minContributors;
    private final Map<String, Set<String>> contributorsByClass = new HashMap<>();
    private final Set<String> contributors = new HashSet<>();
    /** Publishable reports waiting to be de-identified, handed to a worker thread in batches. */
    private List<FailureReport> batch = new ArrayList<>(BATCH);
    private final List<Future<List<Draft>>> drafts = new ArrayList<>();
    private ExecutorService workers;
    /** Editorial ids seen in the dataset, with whether the report was publishable. */
    private final Map<String, Boolean> editorialSeen = new HashMap<>();
    private long publishable;
    private long withText;

    /** A publishable report's texts, de-identified as far as the streaming pass can. */
    private record Draft(String reportId, Quarter quarter, String productClass, String processStep,
            String failureMode, String outcome, Deidentified narrative, Deidentified lesson) {
    }

    /**
     * Builds the desk.
     *
     * @param minContributors k_min of the disclosure rules: the least number of manufacturers of a product class
     *                        for the class to be shown
     */
    public StoryDesk(Taxonomy taxonomy, Deidentifier deidentifier, Editorial editorial, int minContributors) {
        this(taxonomy, () -> deidentifier, editorial, minContributors);
    }

    /**
     * As {@link #StoryDesk(Taxonomy, Deidentifier, Editorial, int)}, with the de-identifier from {@code
     * deidentifier}, which the workers call (from any thread) before their first text, so that it may still be
     * built while the reports begin to stream; it must give the same one each time.
     */
    public StoryDesk(Taxonomy taxonomy, Supplier<Deidentifier> deidentifier, Editorial editorial,
            int minContributors) {
        this.taxonomy = taxonomy;
        this.deidentifier = deidentifier;
        this.editorial = editorial;
        this.choices = editorial.byReport();
        this.minContributors = minContributors;
    }

    @Override
    public void accept(FailureReport r) {
        contributorsByClass.computeIfAbsent(r.productClass(), k -> new HashSet<>()).add(r.contributor());
        contributors.add(r.contributor());
        if (!choices.isEmpty() && choices.containsKey(r.reportId())) {
            editorialSeen.put(r.reportId(), r.publishable());
        }
        if (!r.publishable()) {
            return;
        }
        publishable++;
        if (r.narrative() == null && r.lesson() == null) {
            return;
        }
        withText++;
        batch.add(r);
        if (batch.size() == BATCH) {
            submit();
        }
    }

    /**
     * Hands the batch to a worker: de-identification runs beside the reading thread (on 2 cores the two overlap
     * instead of adding up). The order of drafts is the order of the reports, whatever thread cleans them.
     */
    private void submit() {
        if (batch.isEmpty()) {
            return;
        }
        if (workers == null) {
            int n = Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
            ThreadPoolExecutor pool = new ThreadPoolExecutor(n, n, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                    task -> {
                        Thread t = new Thread(task, "story-desk");
                        t.setDaemon(true);
                        return t;
                    });
            pool.allowCoreThreadTimeOut(true); // idle threads end even if finish is never called
            workers = pool;
        }
        List<FailureReport> reports = batch;
        batch = new ArrayList<>(BATCH);
        drafts.add(workers.submit(() -> {
            Deidentifier deidentifier = this.deidentifier.get();
            List<Draft> out = new ArrayList<>(reports.size());
            for (FailureReport r : reports) {
                out.add(new Draft(r.reportId(), r.quarter(), r.productClass(), r.processStep(), r.failureMode(),
                        r.outcome(), deidentifier.clean(r.narrative()), deidentifier.clean(r.lesson())));
            }
            return out;
        }));
    }

    /** Every draft, in report order, once the workers are done. */
    private List<Draft> drafts() {
        submit();
        List<Draft> all = new ArrayList<>();
        try {
            for (Future<List<Draft>> f : drafts) {
                all.addAll(f.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while de-identifying stories", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            if (workers != null) {
                workers.shutdown();
            }
        }
        drafts.clear();
        return all;
    }

    /**
     * The published stories and the staff audit. Warnings about the editors' file (an id not in the dataset, not
     * publishable, or featured but withheld) go to {@code problems}.
     *
     * @param asOf    the latest quarter published; later stories are left out (null: none are)
     * @param volumes the volumes, whose contributors also count as making their product class
     */
    public Result finish(Quarter asOf, List<BatchVolume> volumes, Problems problems) {
        for (BatchVolume v : volumes) {
            if (v.batchesStarted() > 0) { // a row of 0 batches says the contributor made none
                contributorsByClass.computeIfAbsent(v.productClass(), k -> new HashSet<>()).add(v.contributor());
            }
        }
        TermMatcher tokens = TermMatcher.of(new TreeSet<>(contributors));
        Map<String, TermMatcher> rareClassTerms = new HashMap<>();
        for (TaxonomyCode pc : taxonomy.codes(Dimension.PRODUCT_CLASS)) {
            if (contributorsByClass.getOrDefault(pc.code(), Set.of()).size() < minContributors) {
                rareClassTerms.put(pc.code(), classTerms(pc.code()));
            }
        }
        // each draft is reviewed on its own (in parallel), then the outcomes are gathered in report order
        List<Review> reviews = drafts().parallelStream().map(d -> review(d, asOf, tokens, rareClassTerms)).toList();
        List<Story> stories = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        List<StoryAudit.Redaction> redactions = new ArrayList<>();
        List<StoryAudit.Withheld> withheld = new ArrayList<>();
        Set<String> withheldIds = new HashSet<>();
        long held = 0;
        for (Review r : reviews) {
            redactions.addAll(r.redactions());
            withheld.addAll(r.withheld());
            if (r.story() != null) {
                stories.add(r.story());
                sources.add(r.reportId());
            } else {
                withheldIds.add(r.reportId());
            }
            held += r.heldByEditors() ? 1 : 0;
        }
        warnEditorial(withheldIds, problems);
        List<Ranked> ranked = identify(stories, sources, taxonomy);
        List<Story> published = ranked.stream().map(Ranked::story).toList();
        redactions.sort(Comparator.comparing(StoryAudit.Redaction::reportId)
                .thenComparing(r -> r.field().equals("narrative") ? 0 : 1)
                .thenComparing(r -> IdentifierKind.valueOf(r.kind().toUpperCase(Locale.ROOT)).ordinal()));
        withheld.sort(StoryAudit.Withheld.ORDER);
        return new Result(published, new StoryAudit(publishable, withText, published.size(), held, redactions,
                withheld), ranked.stream().map(Ranked::reportId).toList());
    }

    /** What became of one draft: its story (null when withheld whole) and its audit entries. */
    private record Review(String reportId, Story story, List<StoryAudit.Redaction> redactions,
            List<StoryAudit.Withheld> withheld, boolean heldByEditors) {
    }

    /** Finishes one draft: contributor tokens, the product class, editors' choices and the withhold rule. */
    private Review review(Draft d, Quarter asOf, TermMatcher tokens, Map<String, TermMatcher> rareClassTerms) {
        TermMatcher classTerms = rareClassTerms.get(d.productClass());
        boolean shown = classTerms == null;
        Deidentified narrative = finalPass(d.narrative(), d.reportId(), tokens, classTerms);
        Deidentified lesson = finalPass(d.lesson(), d.reportId(), tokens, classTerms);
        List<StoryAudit.Redaction> redactions = new ArrayList<>();
        List<StoryAudit.Withheld> withheld = new ArrayList<>();
        audit(d.reportId(), "narrative", narrative, redactions);
        audit(d.reportId(), "lesson", lesson, redactions);
        Editorial.Choice choice = choices.get(d.reportId());
        String whole = null;
        if (asOf != null && d.quarter().compareTo(asOf) > 0) {
            whole = "after the as-of quarter " + asOf;
        } else if (choice != null && choice.action() == Editorial.Action.HOLD) {
            whole = "held by editors" + (choice.reason() == null ? "" : ": " + choice.reason());
        } else {
            for (String[] field : new String[][] {{"narrative", narrative.text()}, {"lesson", lesson.text()}}) {
                String identifying = field[1] == null ? null : Withholding.identifying(field[1]);
                if (identifying != null) {
                    whole = "the " + field[0] + " " + identifying;
                    break;
                }
            }
        }
        if (whole != null) {
            withheld.add(new StoryAudit.Withheld(d.reportId(), "story", whole));
            return new Review(d.reportId(), null, redactions, withheld, whole.startsWith("held by editors"));
        }
        String n = keep(d.reportId(), "narrative", narrative.text(), Withholding.MIN_NARRATIVE, withheld);
        String l = keep(d.reportId(), "lesson", lesson.text(), Withholding.MIN_LESSON, withheld);
        if (n == null && l == null) {
            withheld.add(new StoryAudit.Withheld(d.reportId(), "story",
                    "neither the narrative nor the lesson can be published"));
            return new Review(d.reportId(), null, redactions, withheld, false);
        }
        TaxonomyCode pc = taxonomy.find(Dimension.PRODUCT_CLASS, d.productClass());
        String group = pc == null || pc.group() == null || pc.group().isBlank() ? OTHER_GROUP : pc.group();
        boolean featured = choice != null && choice.action() == Editorial.Action.FEATURE;
        return new Review(d.reportId(), new Story(null, d.quarter(), shown ? d.productClass() : null, group,
                d.processStep(), d.failureMode(), d.outcome(), n, l, featured), redactions, withheld, false);
    }

    /** The terms that name a product class in a text: its code (also with spaces) and its label. */
    private TermMatcher classTerms(String productClass) {
        Set<String> terms = new LinkedHashSet<>();
        terms.add(productClass);
        terms.add(productClass.replace('_', ' '));
        TaxonomyCode code = taxonomy.find(Dimension.PRODUCT_CLASS, productClass);
        if (code != null && code.label() != null) {
            terms.add(code.label());
        }
        if (code != null) {
            terms.addAll(code.aliases());
        }
        terms.removeIf(t -> UNINFORMATIVE_TERMS.contains(t.toLowerCase(Locale.ROOT)));
        return TermMatcher.of(terms);
    }

    /** The passes that need the whole dataset: the report's own id, contributor tokens, a rare product class. */
    private static Deidentified finalPass(Deidentified text, String reportId, TermMatcher tokens,
            TermMatcher classTerms) {
        if (text.text() == null) {
            return text;
        }
        List<Deidentified> parts = new ArrayList<>(List.of(text));
        Deidentified last = Deidentifier.replaceLiteral(text.text(), reportId, IdentifierKind.IDENTIFIER);
        parts.add(last);
        last = Deidentifier.replaceTerms(last.text(), tokens, IdentifierKind.CONTRIBUTOR);
        parts.add(last);
        if (classTerms != null) {
            last = Deidentifier.replaceTerms(last.text(), classTerms, IdentifierKind.PRODUCT_CLASS);
            parts.add(last);
        }
        EnumMap<IdentifierKind, Integer> counts = new EnumMap<>(IdentifierKind.class);
        for (Deidentified part : parts) {
            part.counts().forEach((k, v) -> counts.merge(k, v, Integer::sum));
        }
        return new Deidentified(last.text(), counts);
    }

    private static void audit(String reportId, String field, Deidentified text, List<StoryAudit.Redaction> out) {
        text.counts().forEach((kind, n) -> out.add(new StoryAudit.Redaction(reportId, field, kind.code(), n)));
    }

    /** The text when it is worth publishing; otherwise null, with the reason in the audit. */
    private static String keep(String reportId, String field, String text, int minimum,
            List<StoryAudit.Withheld> withheld) {
        if (text == null) {
            return null;
        }
        String reason = Withholding.tooThin(text, minimum);
        if (reason != null) {
            withheld.add(new StoryAudit.Withheld(reportId, field, reason));
            return null;
        }
        return text;
    }

    private void warnEditorial(Set<String> withheldIds, Problems problems) {
        for (Editorial.Choice c : editorial.choices()) {
            Boolean seen = editorialSeen.get(c.reportId());
            String what = "report '" + c.reportId() + "'";
            if (seen == null) {
                problems.warning(editorial.file(), c.line(), c.action().key(), what + " is not in the dataset");
            } else if (!seen) {
                problems.warning(editorial.file(), c.line(), c.action().key(), what + " is not publishable (the"
                        + " contributor did not consent), so it has no story to " + c.action().key());
            } else if (c.action() == Editorial.Action.FEATURE && withheldIds.contains(c.reportId())) {
                problems.warning(editorial.file(), c.line(), c.action().key(), what + " cannot be featured: its"
                        + " story is withheld (the staff audit says why)");
            }
        }
    }

    /**
     * Gives every story its content-derived id, and sorts them for publication: latest period first (within a year,
     * its quarters before the stories shown with the year only), then in taxonomy order, then by id.
     */
    static List<Ranked> identify(List<Story> stories, List<String> sources, Taxonomy taxonomy) {
        Map<String, Integer> stepOrder = order(taxonomy, Dimension.PROCESS_STEP);
        Map<String, Integer> modeOrder = order(taxonomy, Dimension.FAILURE_MODE);
        Map<String, Integer> outcomeOrder = order(taxonomy, Dimension.OUTCOME);
        List<String> bases = stories.parallelStream().map(StoryDesk::baseId).toList(); // a hash of each story
        // Stories with the same base id (the same published content) in one run, featured first: the first keeps
        // the base id, the others get -2, -3... (a stable sort: equal stories keep the order they came in).
        Integer[] byBase = new Integer[stories.size()];
        for (int i = 0; i < byBase.length; i++) {
            byBase[i] = i;
        }
        Arrays.sort(byBase, Comparator.comparing((Integer i) -> bases.get(i))
                .thenComparing(i -> !stories.get(i).featured())
                .thenComparing(i -> String.valueOf(stories.get(i).narrative()))
                .thenComparing(i -> String.valueOf(stories.get(i).lesson())));
        List<Ranked> out = new ArrayList<>(stories.size());
        for (int k = 0, same = 0; k < byBase.length; k++) {
            String base = bases.get(byBase[k]);
            same = k > 0 && base.equals(bases.get(byBase[k - 1])) ? same + 1 : 0;
            Story s = stories.get(byBase[k]);
            out.add(new Ranked(new Story(same == 0 ? base : base + "-" + (same + 1), s.year(), s.quarter(),
                    s.productClass(), s.productGroup(), s.processStep(), s.failureMode(), s.outcome(), s.narrative(),
                    s.lesson(), s.featured()), sources.get(byBase[k]),
                    s.year() * 5 + (s.quarter() == null ? 0 : s.quarter().quarter()),
                    stepOrder.getOrDefault(s.processStep(), Integer.MAX_VALUE),
                    modeOrder.getOrDefault(s.failureMode(), Integer.MAX_VALUE),
                    outcomeOrder.getOrDefault(s.outcome(), Integer.MAX_VALUE)));
        }
        out.sort(Comparator.comparingInt((Ranked r) -> -r.period()).thenComparingInt(Ranked::step)
                .thenComparingInt(Ranked::mode).thenComparingInt(Ranked::outcome)
                .thenComparing(r -> r.story().id()));
        return out;
    }

    /** A story, the report it comes from, and the positions it is ordered by. */
    record Ranked(Story story, String reportId, int period, int step, int mode, int outcome) {
    }

    private static Map<String, Integer> order(Taxonomy taxonomy, Dimension d) {
        Map<String, Integer> m = new HashMap<>();
        List<TaxonomyCode> codes = taxonomy.codes(d);
        for (int i = 0; i < codes.size(); i++) {
            m.put(codes.get(i).code(), i);
        }
        return m;
    }

    /**
     * Quarter slug (or the year, for a story shown with its year only) and the first 10 hex digits of the SHA-256
     * of what the story publishes.
     */
    static String baseId(Story s) {
        String content = String.join("\u001F", s.period(),
                s.productClass() == null ? "group:" + s.productGroup() : s.productClass(), s.processStep(),
                s.failureMode(), s.outcome(), String.valueOf(s.narrative()), String.valueOf(s.lesson()));
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8));
            StringBuilder b = new StringBuilder(s.quarter() != null ? s.quarter().slug() : Integer.toString(s.year()))
                    .append('-');
            for (int i = 0; i < 5; i++) {
                b.append(Character.forDigit((hash[i] >> 4) & 0xF, 16)).append(Character.forDigit(hash[i] & 0xF, 16));
            }
            return b.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    /**
     * What the stories stage hands on.
     *
     * @param published the stories to publish, latest quarter first, then in process-step, failure-mode and
     *                  outcome order, then by id
     * @param audit     staff-only: every redaction and withheld story, by report id
     * @param reportIds staff-only: the report each published story comes from, in the same order (never published)
     */
    public record Result(List<Story> published, StoryAudit audit, List<String> reportIds) {

        public Result {
            published = List.copyOf(published);
            reportIds = List.copyOf(reportIds);
            if (reportIds.size() != published.size()) {
                throw new IllegalArgumentException("one report id per published story");
            }
        }

        /** No stories. */
        public static Result empty() {
            return new Result(List.of(), StoryAudit.empty(), List.of());
        }

        /**
         * These stories without those {@code reason} gives a reason to withhold (null: publish), each withheld whole
         * in the audit with that reason. {@code reason} is applied on all cores: it must depend on its story alone.
         */
        public Result withholding(java.util.function.Function<Story, String> reason) {
            List<Story> kept = new ArrayList<>();
            List<String> keptIds = new ArrayList<>();
            List<StoryAudit.Withheld> withheld = new ArrayList<>(audit.withheld());
            List<String> reasons = published.parallelStream().map(reason).toList(); // in order; nulls allowed
            for (int i = 0; i < published.size(); i++) {
                String why = reasons.get(i);
                if (why == null) {
                    kept.add(published.get(i));
                    keptIds.add(reportIds.get(i));
                } else {
                    withheld.add(new StoryAudit.Withheld(reportIds.get(i), "story", why));
                }
            }
            if (kept.size() == published.size()) {
                return this;
            }
            withheld.sort(StoryAudit.Withheld.ORDER);
            return new Result(kept, new StoryAudit(audit.publishable(), audit.withText(), kept.size(),
                    audit.heldByEditors(), audit.redactions(), withheld), keptIds);
        }

        /**
         * The quarter's best stories, for a digest or a front page: featured ones first, then those with both a
         * narrative and a lesson, then the fuller ones; ties in publication order.
         */
        public List<Story> best(Quarter quarter, int limit) {
            List<Story> q = new ArrayList<>();
            for (Story s : published) {
                if (quarter.equals(s.quarter())) {
                    q.add(s);
                }
            }
            Comparator<Story> rank = Comparator.comparing(Story::featured).reversed()
                    .thenComparing(Comparator.comparing((Story s) -> s.narrative() != null && s.lesson() != null)
                            .reversed())
                    .thenComparing(Comparator.comparingInt((Story s) -> length(s.narrative()) + length(s.lesson()))
                            .reversed());
            List<Story> sorted = new ArrayList<>(q);
            sorted.sort(rank); // stable: ties keep publication order
            return List.copyOf(sorted.subList(0, Math.min(limit, sorted.size())));
        }

        private static int length(String s) {
            return s == null ? 0 : s.length();
        }
    }
}
