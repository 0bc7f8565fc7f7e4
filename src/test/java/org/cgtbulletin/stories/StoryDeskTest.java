package org.cgtbulletin.stories;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.cgtbulletin.model.BatchVolume;
import org.cgtbulletin.model.Dimension;
import org.cgtbulletin.model.FailureReport;
import org.cgtbulletin.model.Problems;
import org.cgtbulletin.model.Quarter;
import org.cgtbulletin.model.Story;
import org.cgtbulletin.model.Taxonomy;
import org.cgtbulletin.model.TaxonomyCode;
import org.junit.jupiter.api.Test;

/** The stories stage: generalization, contributor tokens, editors' choices, withholding, ids and order. */
class StoryDeskTest {

    static final String WHAT = "Viability fell to 38% at harvest against a limit of 70%; the cells had been held at"
            + " room temperature longer than validated.";
    static final String LESSON = "Updated the procedure and retrained the team.";
    static final Quarter Q1 = Quarter.parse("2026-Q1");
    static final Quarter Q2 = Quarter.parse("2026-Q2");

    static Taxonomy taxonomy() {
        Map<Dimension, List<TaxonomyCode>> m = new EnumMap<>(Dimension.class);
        m.put(Dimension.PRODUCT_CLASS, List.of(code("car_t_autologous", "Autologous CAR-T", "Cell therapy"),
                new TaxonomyCode("til", "Tumour-infiltrating lymphocytes", "", "Cell therapy", 1,
                        List.of("TILs", "tumor-infiltrating lymphocytes")),
                code("aav_vector", "AAV vector", "Viral vector")));
        m.put(Dimension.PROCESS_STEP, List.of(code("starting_material", "Starting material", "s"),
                code("expansion", "Expansion", "c"), code("qc_release", "QC release", "t")));
        m.put(Dimension.FAILURE_MODE, List.of(code("mycoplasma_positive", "Mycoplasma", "m"),
                code("low_viability", "Low viability", "q")));
        m.put(Dimension.OUTCOME, List.of(code("near_miss", "Near miss", "a"), code("batch_lost", "Batch lost", "b")));
        return new Taxonomy(m);
    }

    private static TaxonomyCode code(String code, String label, String group) {
        return new TaxonomyCode(code, label, "", group, 0);
    }

    static FailureReport report(String id, String contributor, Quarter q, String productClass, String step,
            String narrative, String lesson, boolean publishable) {
        return new FailureReport(id, contributor, q.toString(), q, productClass, step, "low_viability", "batch_lost",
                null, null, null, narrative, lesson, publishable);
    }

    /** Three contributors make CAR-T; only C1 and C2 make TIL. */
    private static List<FailureReport> world() {
        List<FailureReport> r = new ArrayList<>();
        r.add(report("R-1", "C1", Q1, "car_t_autologous", "expansion", WHAT, LESSON, true));
        r.add(report("R-2", "C2", Q1, "car_t_autologous", "qc_release", null, null, false));
        r.add(report("R-3", "C3", Q2, "car_t_autologous", "starting_material", WHAT + " Seen by C3 staff.", LESSON,
                true));
        r.add(report("R-4", "C1", Q1, "til", "expansion", "Our TIL expansion stalled: " + WHAT, LESSON, true));
        r.add(report("R-5", "C2", Q2, "til", "expansion", null, null, false));
        return r;
    }

    private static StoryDesk.Result run(List<FailureReport> reports, Editorial editorial, List<BatchVolume> volumes,
            Problems problems) {
        StoryDesk desk = new StoryDesk(taxonomy(), Deidentifier.of(List.of("Ridgeway")), editorial, 3);
        reports.forEach(desk);
        return desk.finish(Q2, volumes, problems);
    }

    private static StoryDesk.Result run(List<FailureReport> reports) {
        return run(reports, Editorial.none(), List.of(), new Problems());
    }

    @Test
    void publishableReportsWithTextBecomeStoriesLatestQuarterFirstInProcessOrder() {
        StoryDesk.Result result = run(world());
        List<Story> s = result.published();
        assertEquals(3, s.size());
        assertEquals(List.of(Q2, Q1, Q1), s.stream().map(Story::quarter).toList());
        assertEquals(List.of("starting_material", "expansion", "expansion"),
                s.stream().map(Story::processStep).toList());
        assertEquals(3, result.audit().publishable());
        assertEquals(3, result.audit().withText());
        assertEquals(3, result.audit().published());
    }

    @Test
    void aProductClassMadeByTooFewManufacturersIsShownAsItsGroupAndNotNamedInTheText() {
        Story til = run(world()).published().stream().filter(x -> x.narrative().startsWith("Our")).findFirst()
                .orElseThrow();
        assertNull(til.productClass());
        assertEquals("Cell therapy", til.productGroup());
        assertEquals("Our [product] expansion stalled: " + WHAT, til.narrative());
        // its other names (the taxonomy's aliases) too
        List<FailureReport> aliased = new ArrayList<>(world());
        aliased.set(3, report("R-4", "C1", Q1, "til", "expansion", "Our TILs and Tumor-infiltrating lymphocytes"
                + " stalled: " + WHAT, LESSON, true));
        Story other = run(aliased).published().stream().filter(x -> x.narrative().startsWith("Our")).findFirst()
                .orElseThrow();
        assertEquals("Our [product] and [product] stalled: " + WHAT, other.narrative());
        Story cart = run(world()).published().stream().filter(x -> x.narrative().equals(WHAT)).findFirst()
                .orElseThrow();
        assertEquals("car_t_autologous", cart.productClass());
    }

    @Test
    void volumeRowsOfZeroBatchesDoNotCountAsMakingTheClass() {
        List<BatchVolume> volumes = List.of(new BatchVolume("C7", Q1, "til", 0), new BatchVolume("C8", Q1, "til", 0),
                new BatchVolume("C9", Q2, "til", 0));
        Story til = run(world(), Editorial.none(), volumes, new Problems()).published().stream()
                .filter(x -> x.narrative().startsWith("Our")).findFirst().orElseThrow();
        assertNull(til.productClass());
    }

    @Test
    void volumesCountAsMakingTheClass() {
        List<BatchVolume> volumes = List.of(new BatchVolume("C9", Q1, "til", 4));
        Story til = run(world(), Editorial.none(), volumes, new Problems()).published().stream()
                .filter(x -> x.narrative().startsWith("Our")).findFirst().orElseThrow();
        assertEquals("til", til.productClass());
        assertEquals("Our TIL expansion stalled: " + WHAT, til.narrative());
    }

    @Test
    void contributorTokensNeverAppear() {
        StoryDesk.Result result = run(world());
        Story q2 = result.published().get(0);
        assertEquals(WHAT + " Seen by [id] staff.", q2.narrative());
        for (Story s : result.published()) {
            for (String secret : List.of("C1", "C2", "C3", "R-1", "R-3", "R-4")) {
                assertFalse(s.toString().contains(secret), secret + " in " + s);
            }
        }
        assertTrue(result.audit().redactions().contains(new StoryAudit.Redaction("R-3", "narrative", "contributor",
                1)));
    }

    @Test
    void theReportsOwnIdIsRemovedWhateverItsShape() {
        List<FailureReport> r = List.of(report("Q7", "C1", Q1, "car_t_autologous", "expansion",
                WHAT + " See q7 in the log.", LESSON, true));
        Story s = run(r).published().get(0);
        assertEquals(WHAT + " See [id] in the log.", s.narrative());
    }

    @Test
    void idsAreStableRevealNoReportIdAndSurviveOtherReportsArriving() {
        List<Story> first = run(world()).published();
        List<FailureReport> more = new ArrayList<>(world());
        more.add(0, report("R-0", "C2", Q1, "car_t_autologous", "starting_material",
                "Apheresis bag arrived warm after a courier delay of six hours in transit.", LESSON, true));
        List<Story> second = run(more).published();
        assertEquals(4, second.size());
        for (Story s : first) {
            assertTrue(second.contains(s), "same story, same id: " + s);
            assertTrue(s.id().matches("2026-q[12]-[0-9a-f]{10}"), s.id());
        }
    }

    @Test
    void identicalStoriesGetDistinctIds() {
        List<FailureReport> twins = List.of(
                report("R-1", "C1", Q1, "car_t_autologous", "expansion", WHAT, LESSON, true),
                report("R-2", "C2", Q1, "car_t_autologous", "expansion", WHAT, LESSON, true),
                report("R-3", "C3", Q1, "car_t_autologous", "expansion", WHAT, LESSON, true));
        List<String> ids = run(twins).published().stream().map(Story::id).toList();
        assertEquals(3, ids.stream().distinct().count());
        assertEquals(ids.get(0) + "-2", ids.get(1));
        assertEquals(ids.get(0) + "-3", ids.get(2));
    }

    @Test
    void editorsFeatureAndHoldByReportIdAndHearAboutUnknownIds() {
        Editorial e = new Editorial("content/stories.yaml", List.of(
                new Editorial.Choice("R-1", Editorial.Action.FEATURE, null, 2),
                new Editorial.Choice("R-3", Editorial.Action.HOLD, "contributor asked to wait", 4),
                new Editorial.Choice("R-99", Editorial.Action.HOLD, null, 5),
                new Editorial.Choice("R-2", Editorial.Action.FEATURE, null, 3)));
        Problems problems = new Problems();
        StoryDesk.Result result = run(world(), e, List.of(), problems);
        assertEquals(2, result.published().size());
        assertTrue(result.published().stream().anyMatch(Story::featured));
        assertEquals(1, result.audit().heldByEditors());
        assertTrue(result.audit().withheld().contains(new StoryAudit.Withheld("R-3", "story",
                "held by editors: contributor asked to wait")));
        String warnings = problems.kept().stream().map(p -> p.file() + ":" + p.line() + ": " + p.field() + ": "
                + p.message()).collect(Collectors.joining("\n"));
        assertEquals(0, problems.errorCount());
        assertEquals("content/stories.yaml:5: hold: report 'R-99' is not in the dataset\n"
                + "content/stories.yaml:3: feature: report 'R-2' is not publishable (the contributor did not"
                + " consent), so it has no story to feature", warnings);
        assertEquals("2026-Q1", result.best(Q1, 1).get(0).quarter().toString());
        assertTrue(result.best(Q1, 1).get(0).featured());
    }

    @Test
    void identifyingResidueWithholdsTheWholeStoryWithoutQuotingIt() {
        List<FailureReport> r = List.of(report("R-1", "C1", Q1, "car_t_autologous", "expansion", WHAT,
                "Moved sampling into the cabinet at the Elmstead site.", true));
        StoryDesk.Result result = run(r);
        assertEquals(List.of(), result.published());
        StoryAudit.Withheld w = result.audit().withheld().get(0);
        assertEquals("story", w.field());
        assertEquals("the lesson still looks identifying: a capitalized name before 'site' at character 49",
                w.reason());
        assertEquals(1, result.audit().storiesWithheld());
    }

    @Test
    void aThinFieldIsDroppedAndTheRestPublished() {
        List<FailureReport> r = List.of(
                report("R-1", "C1", Q1, "car_t_autologous", "expansion", "Call +44 20 7946 0958.", LESSON, true),
                report("R-2", "C1", Q1, "car_t_autologous", "expansion", "Ridgeway.", "Ok.", true));
        StoryDesk.Result result = run(r);
        assertEquals(1, result.published().size());
        Story s = result.published().get(0);
        assertNull(s.narrative());
        assertEquals(LESSON, s.lesson());
        assertEquals(List.of(
                new StoryAudit.Withheld("R-1", "narrative", "too short after de-identification: 6 characters of text"
                        + " left (at least 40 needed)"),
                new StoryAudit.Withheld("R-2", "story", "neither the narrative nor the lesson can be published"),
                new StoryAudit.Withheld("R-2", "narrative", "too short after de-identification: 1 characters of text"
                        + " left (at least 40 needed)"),
                new StoryAudit.Withheld("R-2", "lesson", "too short after de-identification: 3 characters of text"
                        + " left (at least 20 needed)")), result.audit().withheld());
        assertEquals(List.of(new StoryAudit.Redaction("R-1", "narrative", "phone", 1),
                new StoryAudit.Redaction("R-2", "narrative", "denylist", 1)), result.audit().redactions());
    }

    @Test
    void laterQuartersThanTheAsOfAreLeftOut() {
        StoryDesk desk = new StoryDesk(taxonomy(), Deidentifier.of(List.of()), Editorial.none(), 1);
        world().forEach(desk);
        StoryDesk.Result result = desk.finish(Q1, List.of(), new Problems());
        assertEquals(List.of(Q1, Q1), result.published().stream().map(Story::quarter).toList());
        assertTrue(result.audit().withheld().contains(new StoryAudit.Withheld("R-3", "story",
                "after the as-of quarter 2026-Q1")));
    }

    @Test
    void sameInputSameStories() {
        assertEquals(run(world()), run(world()));
        assertNotEquals(run(world()).published().get(0).id(), run(world()).published().get(1).id());
    }

    /**
     * The build hands the desk its de-identifier while it is still being built: the reports stream in meanwhile
     * (only the workers wait for it), and the stories are those of a desk given it at once.
     */
    @Test
    void aDeskGivenItsDeidentifierLaterStreamsMeanwhileAndMakesTheSameStories() {
        List<FailureReport> reports = new ArrayList<>();
        for (int i = 0; i < 600; i++) { // more than two of the workers' batches
            List<FailureReport> w = world();
            FailureReport r = w.get(i % w.size());
            reports.add(report(r.reportId() + "-" + i, r.contributor(), r.quarter(), r.productClass(),
                    r.processStep(), r.narrative() == null ? null : r.narrative() + " Seen at Ridgeway.", r.lesson(),
                    r.publishable()));
        }
        java.util.concurrent.CountDownLatch built = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
        Deidentifier deidentifier = Deidentifier.of(List.of("Ridgeway"));
        StoryDesk.Result later = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
                java.time.Duration.ofSeconds(30), () -> {
                    StoryDesk desk = new StoryDesk(taxonomy(), () -> {
                        asked.incrementAndGet();
                        try {
                            built.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        return deidentifier;
                    }, Editorial.none(), 3);
                    reports.forEach(desk); // would never return if a report waited for the de-identifier
                    built.countDown();
                    return desk.finish(Q2, List.of(), new Problems());
                });
        assertTrue(asked.get() > 0);
        StoryDesk atOnce = new StoryDesk(taxonomy(), deidentifier, Editorial.none(), 3);
        reports.forEach(atOnce);
        assertEquals(atOnce.finish(Q2, List.of(), new Problems()), later);
        assertTrue(later.published().stream().noneMatch(s -> s.narrative() != null
                && s.narrative().contains("Ridgeway")));
    }
}
