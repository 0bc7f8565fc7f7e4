package org.cgtbulletin.site;

import static org.cgtbulletin.site.CellLookup.ALL;
import static org.cgtbulletin.site.CellLookup.view;
import static org.cgtbulletin.site.Site.map;

import java.io.IOException;
import java.lang.ref.WeakReference;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import org.cgtbulletin.content.EditorialContent.Editorial;
import org.cgtbulletin.content.EditorialContent.Lesson;
import org.cgtbulletin.content.EditorialContent.Page;
import org.cgtbulletin.model.Dimension;
import org.cgtbulletin.model.FileStamp;
import org.cgtbulletin.model.Quarter;
import org.cgtbulletin.model.Signal;
import org.cgtbulletin.model.Story;
import org.cgtbulletin.model.TaxonomyCode;
import org.cgtbulletin.protect.DisclosureRules;

/** Builds each page's model and renders it; remembers every page for the sitemap and the search index. */
final class Pages {

    private final SiteInput in;
    private final Templates templates;
    private final Path out;
    private final CellLookup cells;
    /** The featured stories, in published order. */
    private final List<Story> featured;
    /**
     * The published stories by quarter, by year and by code (process step, failure mode, product class), each in
     * published order: a page's few stories are picked from its own, not by a pass over all of them (a hundred
     * pages, a million reports' 175,000 stories, while the pages' models are made one after another).
     */
    private final Map<Quarter, List<Story>> storiesByQuarter = new HashMap<>();
    private final Map<Integer, List<Story>> storiesByYear = new HashMap<>();
    private final Map<Dimension, Map<String, List<Story>>> storiesByCode = new java.util.EnumMap<>(Dimension.class);
    private final Map<String, Object> site;
    private final List<String> written = new ArrayList<>();
    private final List<Map<String, Object>> searchEntries = new ArrayList<>();
    private final TrendPages trends;
    /**
     * The files of the render under way ({@link #renderAll}), in page order; independent of each other, so they are
     * written in parallel, each as soon as it is scheduled.
     */
    private PageJobs jobs;

    /** Writing one output file. */
    interface Job {
        void run() throws IOException, Templates.TemplateProblem;
    }

    /** A site rendered from the same data, whose chart files are copied rather than drawn again; or null. */
    private final Path sameData;
    /**
     * The pages published in {@link #sameData}, as the preview remembers them ({@link PageMemo}): a page whose inputs
     * are unchanged is copied from there rather than rendered; null when no memo is kept (a full build).
     */
    private final PageMemo previous;
    /** This render's memo, filled by the page jobs; null when no memo is kept. */
    private final PageMemo memo;
    /** The templates' digest, part of every page's inputs (only when a memo is kept). */
    private final long templatesDigest;
    /** {@link #previous} when it was made in this render's context ({@link Context}), else null. */
    private final PageMemo known;

    /**
     * What every page of a render is made from but its own source ({@link PageMemo#inputsOf}): the templates' digest
     * and all of the site input but the editorial content. A re-render of the preview has the very same data, the
     * same objects, so two contexts are equal when their templates' digests are and their inputs are the same objects
     * (stricter than equal ones, so never wrongly). The inputs are held weakly: the memo that keeps a context does not
     * keep a million reports' cells and stories alive once no build holds them.
     */
    private static final class Context {
        private final long templates;
        private final boolean hasVolumes;
        private final boolean weakerRules;
        /** Each part of the input, or null where the input has none (a null part is never collected). */
        private final List<WeakReference<Object>> parts = new ArrayList<>();

        Context(long templates, SiteInput in) {
            this.templates = templates;
            this.hasVolumes = in.hasVolumes();
            this.weakerRules = in.weakerRules();
            for (Object o : new Object[] {in.settings(), in.taxonomy(), in.first(), in.asOf(), in.cells(),
                in.signals(), in.stories(), in.rules(), in.signalRun(), in.signalSettings()}) {
                parts.add(o == null ? null : new WeakReference<>(o));
            }
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Context c) || c.templates != templates || c.hasVolumes != hasVolumes
                    || c.weakerRules != weakerRules) {
                return false;
            }
            for (int i = 0; i < parts.size(); i++) {
                WeakReference<Object> mine = parts.get(i);
                WeakReference<Object> theirs = c.parts.get(i);
                if (mine == null || theirs == null) {
                    if (mine != theirs) {
                        return false;
                    }
                    continue;
                }
                Object part = mine.get(); // null once collected: then no input holds it any more
                if (part == null || part != theirs.get()) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public int hashCode() {
            return Long.hashCode(templates);
        }
    }

    /**
     * The earlier version of the site that {@link #out} was recycled from, whose verified pages stay where they are
     * when their inputs are unchanged; null when {@link #out} started empty.
     */
    private final SpareSite spare;
    private final AtomicInteger copied = new AtomicInteger();
    private final AtomicInteger made = new AtomicInteger();

    Pages(SiteInput in, Templates templates, Path out, Path sameData, PageMemo previous, SpareSite spare) {
        this.in = in;
        this.templates = templates;
        this.out = out;
        this.sameData = sameData;
        this.previous = previous;
        this.spare = previous == null ? null : spare;
        this.templatesDigest = previous == null ? 0 : PageMemo.templates(templates.files());
        Context context = new Context(templatesDigest, in);
        this.memo = previous == null ? null : new PageMemo(context);
        this.known = previous != null && previous.madeIn(context) ? previous : null;
        this.cells = new CellLookup(in.cells(), in.first(), in.asOf(), in.hasVolumes());
        this.featured = in.stories().stream().filter(Story::featured).toList();
        for (Story st : in.stories()) {
            if (st.quarter() != null) { // a story shown with its year only is in no quarter's list
                storiesByQuarter.computeIfAbsent(st.quarter(), k -> new ArrayList<>()).add(st);
            }
            storiesByYear.computeIfAbsent(st.year(), k -> new ArrayList<>()).add(st);
            byCode(Dimension.PROCESS_STEP, st.processStep(), st);
            byCode(Dimension.FAILURE_MODE, st.failureMode(), st);
            byCode(Dimension.PRODUCT_CLASS, st.productClass(), st); // null when shown only by its group
        }
        this.site = map("title", in.settings().title(), "base", in.settings().baseUrl(),
                "hasData", in.asOf() != null, "asOf", in.asOf() == null ? "" : label(in.asOf()),
                "hasVolumes", in.hasVolumes(),
                "unit", in.hasVolumes() ? "per 100 batches started" : "failure reports");
        this.trends = new TrendPages(this, in, cells);
    }

    List<String> written() {
        return written;
    }

    /** This render's memo of the pages it published, or null when none is kept. */
    PageMemo memo() {
        return memo;
    }

    /** How many pages' models were made (the others' inputs were known from their sources: {@link #page}). */
    int modelsMade() {
        return made.get();
    }

    /**
     * How many pages were copied from the published site, or kept in the recycled staging folder, their inputs
     * unchanged, instead of rendered.
     */
    int copied() {
        return copied.get();
    }

    int charts() {
        return trends.charts();
    }

    void renderAll() throws IOException, Templates.TemplateProblem {
        jobs = new PageJobs();
        try {
            schedule();
        } catch (IOException | Templates.TemplateProblem | RuntimeException | Error e) {
            jobs.cancel(); // before the caller deletes the staging folder the running jobs write into
            throw e;
        }
        runJobs();
    }

    private void schedule() throws IOException, Templates.TemplateProblem {
        home();
        bulletins();
        trends.renderAll();
        matrix();
        lessons();
        stories();
        methodology();
        data();
        for (Page p : in.content().pages().values()) {
            if (!p.slug().equals("methodology")) {
                page(p.slug() + "/", "page.ftlh", p.title(), "page", map("page", pageView(p)));
                search(p.title(), p.slug() + "/index.html", "Page", p.summary());
            }
        }
        page("search/", "search.ftlh", "Search", "search", map());
        notFound();
        feed();
        sitemap();
        searchIndex();
    }

    void job(Job job) {
        jobs.add(job);
    }

    /**
     * Writes the files not yet written, this thread beside the helpers, and waits for all. Each job writes its own
     * file from its own model, so the order of execution cannot change any byte; the first problem in page order is
     * the one reported.
     */
    private void runJobs() throws IOException, Templates.TemplateProblem {
        for (Throwable e : jobs.finish()) {
            if (e instanceof Templates.TemplateProblem t) {
                throw t;
            } else if (e instanceof IOException io) {
                throw io;
            } else if (e instanceof RuntimeException r) {
                throw r;
            } else if (e instanceof Error err) {
                throw err;
            }
        }
    }

    // ---------------------------------------------------------------- rendering helpers

    /** Renders one page at {@code path} (a folder, "" for the home page) with the common model. */
    void page(String path, String template, String title, String nav, Map<String, Object> model)
            throws IOException, Templates.TemplateProblem {
        page(path, template, title, nav, model, m -> { });
    }

    /**
     * Renders one page whose model {@code more} completes when the page is rendered, not before: what a page
     * alone shows (a hundred stories' views) then lives no longer than its page, instead of every page's until
     * the last is written (at a million reports, 175,000 stories' views).
     */
    void page(String path, String template, String title, String nav, Map<String, Object> model,
            java.util.function.Consumer<Map<String, Object>> more) throws IOException, Templates.TemplateProblem {
        page(path, template, title, nav, model, more, null);
    }

    /**
     * As above, for a page made from {@code source} (a value with {@code equals}, or null): everything this call is
     * given ({@code template}, {@code title}, {@code nav}, {@code model} and {@code more}) must follow from
     * {@code source} and the render's context (all of the site input but the editorial content, and the templates).
     * Then, in a preview's re-render, a page whose source equals the one it was last published from needs no model:
     * its inputs are those remembered ({@link PageMemo#inputsOf}), and its model is made only if it is rendered.
     */
    void page(String path, String template, String title, String nav, Map<String, Object> model,
            java.util.function.Consumer<Map<String, Object>> more, Object source)
            throws IOException, Templates.TemplateProblem {
        // The frame's values too are put in by the job (the model is the job's alone once scheduled): what waits in
        // the queue stays small, instead of being promoted by the collector with every page's model (10,000 lessons).
        job(() -> {
            Path target = out.resolve(path).resolve("index.html");
            Long remembered = known == null ? null : known.inputsOf(path, source);
            Long inputs = remembered;
            boolean modelMade = false;
            if (inputs == null && memo != null) {
                make(model, path, title, nav, more);
                modelMade = true;
                inputs = PageMemo.inputs(templatesDigest, template, model);
            }
            if (inputs != null) {
                PageMemo.Entry kept = spare == null ? null : spare.keep(out, path, inputs);
                if (kept != null) { // already in the recycled staging folder, as it would be rendered
                    memo.put(path, kept.from(source));
                    copied.incrementAndGet();
                    return;
                }
                if (copyUnchanged(path, inputs, target, source)) {
                    return;
                }
            }
            if (!modelMade) {
                make(model, path, title, nav, more);
                if (remembered != null) {
                    // Rendered after all (its file changed or gone): the memo records the digest of the model made,
                    // and the tests, which run with assertions, check that it is the one remembered.
                    inputs = PageMemo.inputs(templatesDigest, template, model);
                    assert remembered.equals(inputs) : "the page " + path + " is not made from its source alone";
                }
            }
            byte[] bytes = templates.render(template, model, target);
            if (inputs != null) {
                memo.put(path, new PageMemo.Entry(inputs, PageMemo.digest(bytes), FileStamp.of(target), source));
            }
        });
        written.add(path);
    }

    /** Completes a page's model: the frame's values, then the page's own ({@code more}). */
    private void make(Map<String, Object> model, String path, String title, String nav,
            java.util.function.Consumer<Map<String, Object>> more) {
        made.incrementAndGet();
        model.put("site", site);
        model.put("root", root(path));
        model.put("path", path);
        model.put("canonical", in.settings().baseUrl() + path);
        model.put("pageTitle", title);
        model.put("nav", nav);
        more.accept(model);
    }

    /**
     * Copies the published page at {@code path} into {@code target} when it was rendered from the same inputs and is
     * still the file then written (its digest as recorded); false, having copied nothing, otherwise.
     */
    private boolean copyUnchanged(String path, long inputs, Path target, Object source) throws IOException {
        PageMemo.Entry before = sameData == null ? null : previous.get(path);
        if (before == null || before.inputs() != inputs) {
            return false;
        }
        Path published = sameData.resolve(path).resolve("index.html");
        if (!Files.isRegularFile(published)) {
            return false;
        }
        byte[] bytes = Files.readAllBytes(published);
        if (PageMemo.digest(bytes) != before.output()) {
            return false;
        }
        Templates.write(target, bytes);
        memo.put(path, before.at(FileStamp.of(target)).from(source));
        copied.incrementAndGet();
        return true;
    }

    void search(String title, String url, String kind, String text) {
        searchEntries.add(map("t", title, "u", url, "k", kind, "x", text == null ? "" : shorten(text, 400)));
    }

    Path out() {
        return out;
    }

    /** The site whose charts may be copied (rendered from the same data), or null. */
    Path sameData() {
        return sameData;
    }

    static String root(String path) {
        return "../".repeat((int) path.chars().filter(c -> c == '/').count());
    }

    static String label(Quarter q) {
        return q.year() + " Q" + q.quarter();
    }

    /**
     * The text with each run of white space (the {@code \s} of regular expressions: space, tab, line feed,
     * vertical tab, form feed, carriage return) made one space, stripped, and cut to {@code max} characters with an
     * ellipsis; a loop rather than {@code replaceAll("\\s+", " ")}, whose matching was most of a search entry's
     * cost ({@code PagesTest} compares the two).
     */
    static String shorten(String text, int max) {
        StringBuilder b = new StringBuilder(text.length());
        boolean run = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r') {
                if (!run) {
                    b.append(' ');
                    run = true;
                }
            } else {
                b.append(c);
                run = false;
            }
        }
        String t = b.toString().strip();
        return t.length() <= max ? t : t.substring(0, max - 1).stripTrailing() + "…";
    }

    String codeLabel(Dimension d, String code) {
        return in.taxonomy().label(d, code);
    }

    // ---------------------------------------------------------------- shared views

    /** Signals as the pages show them, each with a link to the trend page it belongs to. */
    List<Map<String, Object>> signalViews(java.util.function.Predicate<Signal> which) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Signal s : in.signals()) {
            if (!which.test(s)) {
                continue;
            }
            String href;
            if (!s.failureMode().equals(ALL)) {
                href = "modes/" + s.failureMode() + "/index.html";
            } else if (!s.processStep().equals(ALL)) {
                href = "steps/" + s.processStep() + "/index.html";
            } else if (!s.productClass().equals(ALL)) {
                href = "products/" + s.productClass() + "/index.html";
            } else {
                href = "index.html";
            }
            list.add(map("kind", s.kind(), "kindLabel", s.kindLabel(), "summary", s.summary(),
                    "href", href, "period", CellLookup.periodLabel(s.period()),
                    "statistic", s.statistic().replace('_', ' ').replace("prr", "PRR"),
                    "value", s.valueText(),
                    "p", Signal.probability(s.pValue()),
                    "events", Long.toString(s.events())));
        }
        return list;
    }

    /** The stories {@code which} selects, featured ones first, at most {@code max} ({@link Story#featuredFirst}). */
    List<Map<String, Object>> storyViews(java.util.function.Predicate<Story> which, int max) {
        return storyViews(Story.featuredFirst(featured, in.stories(), which, max));
    }

    /**
     * The same, picked from {@code candidates} ({@link #storiesOf}), which hold every story {@code which}
     * selects, in published order.
     */
    List<Map<String, Object>> storyViews(List<Story> candidates, java.util.function.Predicate<Story> which,
            int max) {
        return storyViews(Story.featuredFirst(featured, candidates, which, max));
    }

    /** The published stories of one quarter, in published order. */
    List<Story> storiesOf(Quarter q) {
        return storiesByQuarter.getOrDefault(q, List.of());
    }

    /** The published stories of one process step, failure mode or product class, in published order. */
    List<Story> storiesOf(Dimension d, String code) {
        return storiesByCode.getOrDefault(d, Map.of()).getOrDefault(code, List.of());
    }

    private void byCode(Dimension d, String code, Story s) {
        if (code != null) {
            storiesByCode.computeIfAbsent(d, k -> new HashMap<>()).computeIfAbsent(code, k -> new ArrayList<>())
                    .add(s);
        }
    }

    private List<Map<String, Object>> storyViews(List<Story> chosen) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Story s : chosen) {
            list.add(map("id", s.id(), "quarter", s.periodLabel(),
                    "product", s.productClass() != null ? codeLabel(Dimension.PRODUCT_CLASS, s.productClass())
                            : s.productGroup(),
                    "productHref", s.productClass() != null ? "products/" + s.productClass() + "/index.html" : "",
                    "step", codeLabel(Dimension.PROCESS_STEP, s.processStep()), "stepCode", s.processStep(),
                    "mode", codeLabel(Dimension.FAILURE_MODE, s.failureMode()), "modeCode", s.failureMode(),
                    "outcome", codeLabel(Dimension.OUTCOME, s.outcome()),
                    "narrative", s.narrative() == null ? "" : s.narrative(),
                    "lesson", s.lesson() == null ? "" : s.lesson(), "featured", s.featured()));
        }
        return list;
    }

    List<Map<String, Object>> lessonViews(List<Lesson> lessons) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Lesson l : lessons) {
            List<Map<String, Object>> tags = new ArrayList<>();
            for (String c : l.steps()) {
                tags.add(map("label", codeLabel(Dimension.PROCESS_STEP, c), "href", "steps/" + c + "/index.html"));
            }
            for (String c : l.modes()) {
                tags.add(map("label", codeLabel(Dimension.FAILURE_MODE, c), "href", "modes/" + c + "/index.html"));
            }
            for (String c : l.products()) {
                tags.add(map("label", codeLabel(Dimension.PRODUCT_CLASS, c),
                        "href", "products/" + c + "/index.html"));
            }
            list.add(map("slug", l.slug(), "title", l.title(), "summary", l.summary(), "html", l.html(),
                    "href", "lessons/" + l.slug() + "/index.html", "tags", tags));
        }
        return list;
    }

    private static Map<String, Object> pageView(Page p) {
        return map("slug", p.slug(), "title", p.title(), "summary", p.summary(), "html", p.html());
    }

    // ---------------------------------------------------------------- home and bulletins

    /** The headline numbers of a quarter and of the same quarter a year before. */
    private Map<String, Object> headline(Quarter q) {
        Quarter yearBefore = new Quarter(q.year() - 1, q.quarter());
        return map("quarter", label(q), "now", view(cells.get(q.toString(), ALL, ALL, ALL, ALL)),
                "before", view(cells.get(yearBefore.toString(), ALL, ALL, ALL, ALL)),
                "beforeLabel", label(yearBefore));
    }

    private void home() throws IOException, Templates.TemplateProblem {
        Map<String, Object> model = map();
        if (in.asOf() != null) {
            Quarter q = in.asOf();
            Editorial e = in.content().bulletins().get(q);
            model.put("headline", headline(q));
            model.put("editorial", e == null ? null : map("title", e.title(), "summary", e.summary()));
            model.put("bulletinHref", "bulletins/" + q.slug() + "/index.html");
            model.put("signals", signalViews(s -> true));
            model.put("overall", trends.overallChart());
            model.put("stories", storyViews(storiesOf(q), s -> q.equals(s.quarter()), 3));
            model.put("lessons", lessonViews(featuredLessons(e)));
        }
        model.put("steps", trends.dimensionIndex(Dimension.PROCESS_STEP));
        page("", "home.ftlh", in.settings().title(), "home", model);
        search("Latest bulletin", "index.html", "Home", "Highlights of the latest quarterly bulletin");
    }

    private List<Lesson> featuredLessons(Editorial e) {
        List<Lesson> list = new ArrayList<>();
        if (e != null) {
            for (String slug : e.featuredLessons()) {
                in.content().lessons().stream().filter(l -> l.slug().equals(slug)).forEach(list::add);
            }
        }
        return list;
    }

    private void bulletins() throws IOException, Templates.TemplateProblem {
        List<Map<String, Object>> archive = new ArrayList<>();
        List<Quarter> quarters = new ArrayList<>(cells.quarters());
        java.util.Collections.reverse(quarters);
        for (Quarter q : quarters) {
            Editorial e = in.content().bulletins().get(q);
            String title = e != null ? e.title() : "Bulletin " + label(q);
            Map<String, Object> model = map("quarter", label(q), "slug", q.slug(), "headline", headline(q),
                    "editorial", e == null ? null : map("title", e.title(), "summary", e.summary(), "html", e.html()),
                    "latest", q.equals(in.asOf()),
                    "signals", q.equals(in.asOf()) ? signalViews(s -> true) : List.of(),
                    "steps", trends.quarterTable(Dimension.PROCESS_STEP, q),
                    "modes", trends.quarterTopModes(q, 10),
                    "stories", storyViews(storiesOf(q), s -> q.equals(s.quarter()), 12),
                    "lessons", lessonViews(featuredLessons(e)));
            page("bulletins/" + q.slug() + "/", "bulletin.ftlh", title, "bulletins", model);
            search(title, "bulletins/" + q.slug() + "/index.html", "Bulletin",
                    e != null ? e.summary() : "Quarterly bulletin for " + label(q));
            archive.add(map("quarter", label(q), "slug", q.slug(), "title", title,
                    "summary", e == null ? "" : e.summary(), "now", view(cells.get(q.toString(), ALL, ALL, ALL, ALL))));
        }
        List<String> years = new ArrayList<>();
        for (int y : Quarter.wholeYears(in.first(), in.asOf())) {
            years.add(0, Integer.toString(y)); // newest first; each has an annual PDF digest (digest stage)
        }
        page("bulletins/", "archive.ftlh", "Bulletin archive", "bulletins", map("bulletins", archive,
                "years", years));
    }

    // ---------------------------------------------------------------- matrix, lessons, stories

    private void matrix() throws IOException, Templates.TemplateProblem {
        List<Map<String, Object>> tables = new ArrayList<>();
        if (in.asOf() != null) {
            tables.add(trends.matrix(Integer.toString(in.asOf().year())));
            tables.add(trends.matrix("all"));
        }
        page("matrix/", "matrix.ftlh", "Process step × failure mode", "matrix", map("tables", tables,
                "steps", trends.codes(Dimension.PROCESS_STEP)));
        search("Process step × failure mode matrix", "matrix/index.html", "Overview",
                "Heat map of failure reports by process step and failure mode");
    }

    private void lessons() throws IOException, Templates.TemplateProblem {
        List<Map<String, Object>> all = lessonViews(in.content().lessons());
        page("lessons/", "lessons.ftlh", "Lessons and guidance", "lessons", map("lessons", all,
                "stories", storyViews(s -> s.lesson() != null, 20)));
        for (Lesson l : in.content().lessons()) {
            // The lesson's view and related stories (a filter of every story) are made in the page's job, so that
            // the index's views are dropped once it is written and nothing of the page waits in the queue.
            // Made from the lesson alone (and the context): a re-render after another lesson's edit makes no model.
            page("lessons/" + l.slug() + "/", "lesson.ftlh", l.title(), "lessons", map(), model -> {
                model.put("lesson", lessonViews(List.of(l)).get(0));
                model.put("stories", storyViews(s -> l.tagged(s.processStep(), s.failureMode(), s.productClass()),
                        6));
            }, l);
            search(l.title(), "lessons/" + l.slug() + "/index.html", "Lesson", l.summary());
        }
    }

    /** The stories: one page per year (newest first), and an index with the latest quarter's and the years. */
    /**
     * Stories on one page at the most: a year's stories are split into pages of this many (featured first), so that a
     * page stays readable when a year holds tens of thousands; stories.csv and stories.json hold them all.
     */
    static final int STORIES_PER_PAGE = 100;

    /** Pages linked around page n of a year's stories: the first, two either side of n, the last. */
    static final int PAGE_LINKS_AROUND = 2;

    /**
     * The links of page n's pagination: the first and last pages and the pages near n, with a gap (an entry with
     * {@code gap} true) where pages are left out, so that a year of hundreds of pages does not put hundreds of
     * links on each of them (for a screen reader, a list to get through on every page).
     */
    static List<Map<String, Object>> pageLinks(int year, int n, int pageCount) {
        List<Map<String, Object>> links = new ArrayList<>();
        int last = 0;
        boolean all = pageCount <= 2 * PAGE_LINKS_AROUND + 5; // then a gap would hide hardly anything
        for (int k = 1; k <= pageCount; k++) {
            // A gap stands for two pages or more: a single page left out is linked instead.
            boolean near = Math.abs(k - n) <= PAGE_LINKS_AROUND || k == 2 && n - PAGE_LINKS_AROUND == 3
                    || k == pageCount - 1 && n + PAGE_LINKS_AROUND == pageCount - 2;
            if (all || k == 1 || k == pageCount || near) {
                if (k > last + 1) {
                    links.add(map("gap", true));
                }
                links.add(map("gap", false, "n", k, "current", k == n, "href", storyPage(year, k)));
                last = k;
            }
        }
        return links;
    }

    private static String storyPage(int year, int k) {
        return "stories/" + year + "/" + (k == 1 ? "" : k + "/") + "index.html";
    }

    private void stories() throws IOException, Templates.TemplateProblem {
        List<Integer> years = storiesByYear.keySet().stream().sorted(java.util.Comparator.reverseOrder()).toList();
        List<Map<String, Object>> yearList = new ArrayList<>();
        for (int y : years) {
            yearList.add(map("year", Integer.toString(y), "count", storiesByYear.get(y).size(),
                    "href", "stories/" + y + "/index.html"));
        }
        for (int year : years) {
            List<Story> stories = Story.featuredFirst(featured, storiesByYear.get(year),
                    s -> s.year() == year, Integer.MAX_VALUE);
            int pageCount = (stories.size() + STORIES_PER_PAGE - 1) / STORIES_PER_PAGE;
            for (int n = 1; n <= pageCount; n++) {
                String path = "stories/" + year + "/" + (n == 1 ? "" : n + "/");
                List<Story> onPage = stories.subList((n - 1) * STORIES_PER_PAGE,
                        Math.min(n * STORIES_PER_PAGE, stories.size()));
                // The first page's views also feed the search index, so they are made now; the others' in their job.
                List<Map<String, Object>> first = n == 1 ? storyViews(onPage) : null;
                page(path, "stories.ftlh", "Stories of " + year + (n == 1 ? "" : ", page " + n), "stories",
                        map("year", Integer.toString(year), "years", yearList,
                                "pageNumber", n, "pageCount", pageCount,
                                "pages", pageCount > 1 ? pageLinks(year, n, pageCount) : List.of(),
                                "previous", n > 1 ? storyPage(year, n - 1) : "",
                                "next", n < pageCount ? storyPage(year, n + 1) : "",
                                "total", stories.size()),
                        model -> model.put("stories", first != null ? first : storyViews(onPage)));
                if (first != null) {
                    // The search index holds the first page of each year (featured stories first), not every
                    // story: with hundreds of thousands, it would grow to tens of megabytes for every reader.
                    for (Map<String, Object> v : first) {
                        search(v.get("mode") + " at " + v.get("step") + " (" + v.get("quarter") + ")",
                                path + "index.html#story-" + v.get("id"), "Story",
                                v.get("narrative") + " " + v.get("lesson"));
                    }
                }
            }
        }
        List<Story> latest = in.asOf() == null ? List.of()
                : Story.featuredFirst(featured, storiesOf(in.asOf()), s -> in.asOf().equals(s.quarter()),
                        Integer.MAX_VALUE);
        page("stories/", "stories.ftlh", "What happened, what we learned", "stories", map(
                "stories", storyViews(latest.subList(0, Math.min(STORIES_PER_PAGE, latest.size()))),
                "total", latest.size(),
                "year", "", "latestQuarter", in.asOf() == null ? "" : label(in.asOf()), "years", yearList,
                "pageNumber", 1, "pages", List.of()));
    }

    // ---------------------------------------------------------------- methodology, data, 404

    private void methodology() throws IOException, Templates.TemplateProblem {
        DisclosureRules r = in.rules();
        DisclosureRules d = DisclosureRules.defaults();
        Page intro = in.content().pages().get("methodology");
        var run = in.signalRun();
        var settings = in.signalSettings();
        Map<String, Object> signals = map("trendQuarters", settings.trendQuarters(),
                "minTrendQuarters", org.cgtbulletin.analyze.Signals.MIN_TREND_QUARTERS,
                "spikeBaselineQuarters", settings.spikeBaselineQuarters(),
                "fdr", percent(settings.falseDiscoveryRate()), "minEvents", settings.minEvents(),
                "tested", run.tested(), "withheld", run.withheld(), "insufficient", run.insufficient(),
                "flagged", run.signals().size());
        page("methodology/", "methodology.ftlh", "Methodology", "methodology", map(
                "intro", intro == null ? null : pageView(intro),
                "rules", map("minContributors", r.minContributors(), "minEvents", r.minEvents(),
                        "dominance", percent(r.dominance()), "pPercent", percent(r.pPercent())),
                "defaults", map("minContributors", d.minContributors(), "minEvents", d.minEvents(),
                        "dominance", percent(d.dominance()), "pPercent", percent(d.pPercent())),
                "weaker", in.weakerRules(), "signals", signals));
        search("Methodology", "methodology/index.html", "Methodology",
                "Definitions, disclosure rules, rates and intervals, trend and signal methods");
    }

    static String percent(double share) {
        double p = share * 100;
        return p == Math.rint(p) ? Long.toString(Math.round(p)) + "%" : String.format(Locale.ROOT, "%.1f%%", p);
    }

    private void data() throws IOException, Templates.TemplateProblem {
        List<Map<String, Object>> dims = new ArrayList<>();
        for (Dimension dim : new Dimension[] {Dimension.PRODUCT_CLASS, Dimension.PROCESS_STEP,
            Dimension.FAILURE_MODE, Dimension.OUTCOME}) {
            List<Map<String, Object>> codes = new ArrayList<>();
            for (TaxonomyCode c : in.taxonomy().codes(dim)) {
                codes.add(map("code", c.code(), "label", c.label(), "group", c.group(),
                        "description", c.description()));
            }
            dims.add(map("field", dim.field(), "codes", codes));
        }
        page("data/", "data.ftlh", "Data downloads", "data", map("dimensions", dims,
                // The data files go with every site (Site.render), written meanwhile, so the folder cannot tell.
                "hasStories", true, "hasSignals", true));
        search("Data downloads and dictionary", "data/index.html", "Data",
                "cells.csv, signals.json, stories, taxonomy codes and what every column means");
    }

    private void notFound() throws IOException, Templates.TemplateProblem {
        Map<String, Object> model = map("site", site, "root", URI.create(in.settings().baseUrl()).getPath(),
                "path", "404.html", "canonical", in.settings().baseUrl() + "404.html",
                "pageTitle", "Page not found", "nav", "");
        job(() -> templates.render("404.ftlh", model, out.resolve("404.html")));
    }

    // ---------------------------------------------------------------- feed, sitemap, search index

    private void feed() throws IOException, Templates.TemplateProblem {
        List<Map<String, Object>> entries = new ArrayList<>();
        List<Quarter> quarters = new ArrayList<>(cells.quarters());
        java.util.Collections.reverse(quarters);
        for (Quarter q : quarters) {
            Editorial e = in.content().bulletins().get(q);
            entries.add(map("title", e != null ? e.title() : "Bulletin " + label(q),
                    "url", in.settings().baseUrl() + "bulletins/" + q.slug() + "/",
                    "updated", q.next().firstDay() + "T00:00:00Z",
                    "summary", e != null && !e.summary().isEmpty() ? e.summary()
                            : "Failure reports, rates and signals for " + label(q) + "."));
        }
        String updated = in.asOf() == null ? "2000-01-01T00:00:00Z" : in.asOf().next().firstDay() + "T00:00:00Z";
        Map<String, Object> model = map("site", site, "entries", entries, "updated", updated);
        job(() -> templates.render("feed.ftlx", model, out.resolve("feed.xml")));
    }

    private void sitemap() throws IOException, Templates.TemplateProblem {
        List<String> urls = new ArrayList<>();
        for (String p : written) {
            urls.add(in.settings().baseUrl() + p);
        }
        job(() -> templates.render("sitemap.ftlx", map("urls", urls), out.resolve("sitemap.xml")));
    }

    /**
     * The search index as a script (not JSON fetched at run time), so search also works opened from disk. Written
     * by the first job, beside the pages: one file of every page's entry (0.2 s of one core at 10,000 lessons).
     */
    private void searchIndex() {
        jobs.addFirst(this::writeSearchIndex);
    }

    private void writeSearchIndex() throws IOException {
        Path file = out.resolve("assets").resolve("search-index.js");
        Files.createDirectories(file.getParent());
        java.io.StringWriter json = new java.io.StringWriter();
        try (JsonGenerator g = new JsonFactory().createGenerator(json)) {
            g.writeStartArray();
            for (Map<String, Object> e : searchEntries) {
                g.writeStartObject();
                for (Map.Entry<String, Object> f : e.entrySet()) {
                    g.writeStringField(f.getKey(), String.valueOf(f.getValue()));
                }
                g.writeEndObject();
                g.writeRaw('\n');
            }
            g.writeEndArray();
        }
        String safe = json.toString().replace("<", "\\u003c").replace(">", "\\u003e")
                .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
        Files.writeString(file, "window.BULLETIN_SEARCH = " + safe + ";\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE_NEW);
    }
}
