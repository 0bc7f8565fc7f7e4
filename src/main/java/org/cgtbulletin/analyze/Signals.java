package org.cgtbulletin.analyze;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.cgtbulletin.model.CellKey;
import org.cgtbulletin.model.Dimension;
import org.cgtbulletin.model.PublishedCell;
import org.cgtbulletin.model.Quarter;
import org.cgtbulletin.model.Signal;
import org.cgtbulletin.model.Taxonomy;
import org.cgtbulletin.model.TaxonomyCode;

/**
 * Signal detection over the published rows of cells.csv, and only those: a series is tested only when every
 * number it needs (events, and batches when volumes are published) is published in every quarter it uses, so no
 * statistic can be inverted to recover a withheld number.
 *
 * <p>Series: all reports, each process step, each failure mode, each step x mode and each product class, by quarter;
 * a series whose numbers are the same as those of a series already tested (a failure mode reported at one step
 * only) is the same test and is not run twice.
 * Tests, each with a p-value for the false discovery control and a guard against over-dispersion (one large
 * manufacturer can swing a series):
 * <ul>
 * <li>{@code rising}/{@code falling}: quasi-Poisson log-linear trend over the last {@code trendQuarters} quarters,
 * with log(batches) as offset ({@link PoissonTrend}), two-sided; its dispersion moderated across the build's
 * series ({@link Dispersion}); flagged only if the series' own quasi-Poisson test is also significant;</li>
 * <li>{@code spike}: the as-of quarter against the {@code spikeBaselineQuarters} before it, exact conditional test
 * ({@link SpikeTest}), one-sided; flagged only if the quarter is also above the upper limit of a Laney u' chart of
 * the window's earlier quarters, with sigma_z never below 1 nor below the square root of the series' moderated
 * dispersion ({@link ControlLimits});</li>
 * <li>{@code disproportionate}: in the as-of quarter, a failure mode within a process step or product class against
 * the rest ({@link Disproportionality}), one-sided; flagged only when it also meets Evans' criteria. A mode that no
 * published number shows anywhere else is defined by its step or class and is not tested.</li>
 * </ul>
 * Every test run in the build enters one Benjamini-Hochberg family; a signal needs q at most the configured rate.
 * Without published volumes the same tests run on counts (trends then may reflect production volume).
 */
public final class Signals {

    /** The fewest quarters a trend is fitted over (when the data are younger than the window). */
    public static final int MIN_TREND_QUARTERS = 4;
    /** The fewest earlier quarters a spike is judged against. */
    public static final int MIN_BASELINE_QUARTERS = 2;

    private Signals() {
    }

    /**
     * What the analysis found.
     *
     * @param signals        the flagged signals, in a fixed order: rising, falling, spike, disproportionate, each by
     *                       p-value, then series order
     * @param tested         tests run (the size of the false-discovery family)
     * @param withheld       tests not run because a number they need is withheld
     * @param insufficient   tests not run for too little data: fewer events than min_events (or than Evans' 3),
     *                       too few quarters, all events in one end quarter, or a failure mode reported nowhere else
     * @param rates          true when trends are in rates per batch (volumes published), false when in counts
     * @param windowQuarters quarters in the trend window actually available (at most the setting)
     * @param dispersionDf   the prior degrees of freedom of the trends' moderated dispersions: infinite when the
     *                       series agree with the line through their dispersions, 0 when each stands alone
     */
    public record Result(List<Signal> signals, int tested, int withheld, int insufficient, boolean rates,
            int windowQuarters, double dispersionDf) {

        public static Result none() {
            return new Result(List.of(), 0, 0, 0, false, 0, 0);
        }
    }

    /** One series: codes or {@code *}. */
    record Series(String productClass, String processStep, String failureMode) {
        CellKey key(Quarter q) {
            return new CellKey(q.toString(), productClass, processStep, failureMode, CellKey.ALL);
        }
    }

    enum Test { TREND, SPIKE, DISPROPORTION }

    /** A test that was run, with what its signal sentence needs. */
    static final class Run {
        final Test test;
        final Series series;
        final int order;
        double p;
        double q;
        List<PublishedCell> rows;
        PoissonTrend.Fit fit;
        SpikeTest.Result spike;
        boolean aboveLaneyLimit;
        double chartCentre;
        double laneySigmaZ;
        boolean ownTestSignificant;
        Disproportionality.Table table;
        PublishedCell context;
        boolean byProductClass;
        long events;

        Run(Test test, Series series, int order, double p) {
            this.test = test;
            this.series = series;
            this.order = order;
            this.p = p;
        }
    }

    public static Result detect(List<PublishedCell> cells, Quarter asOf, SignalSettings settings,
            Taxonomy taxonomy) {
        return analyse(cells, asOf, settings, taxonomy).result();
    }

    /** The result with every test that was run (for tests of this package). */
    record Analysis(Result result, List<Run> runs) {
    }

    static Analysis analyse(List<PublishedCell> cells, Quarter asOf, SignalSettings settings, Taxonomy taxonomy) {
        if (asOf == null) {
            return new Analysis(Result.none(), List.of());
        }
        Map<CellKey, PublishedCell> rows = new HashMap<>();
        Set<Quarter> quarters = new HashSet<>();
        // Where each failure mode has been published with events in a quarter so far: "step|mode", "class|mode".
        Set<String> reportedAt = new HashSet<>();
        boolean rates = false;
        for (PublishedCell c : cells) {
            CellKey k = c.key();
            // Only quarters up to the as-of quarter: the analysis as of a past quarter is what it was then (a past
            // digest keeps its signals when later quarters are published).
            Quarter q = Quarter.parseOrNull(k.period());
            if (q == null || q.compareTo(asOf) > 0 || !k.outcome().equals(CellKey.ALL)) {
                continue;
            }
            rates |= c.batches() != null;
            if (c.isPublished() && c.events() != null && c.events() > 0 && !k.failureMode().equals(CellKey.ALL)) {
                if (!k.processStep().equals(CellKey.ALL)) {
                    reportedAt.add("step|" + k.processStep() + "|" + k.failureMode());
                }
                if (!k.productClass().equals(CellKey.ALL)) {
                    reportedAt.add("class|" + k.productClass() + "|" + k.failureMode());
                }
            }
            rows.put(c.key(), c);
            quarters.add(q);
        }
        if (!quarters.contains(asOf)) {
            return new Analysis(Result.none(), List.of());
        }
        List<Quarter> window = before(quarters, asOf, settings.trendQuarters() - 1);
        window.add(asOf);
        // The spike's control chart runs over the trend window (or the baseline, if longer) before the as-of quarter;
        // its exact test compares the as-of quarter with the last spike_baseline_quarters of those.
        List<Quarter> chart = before(quarters, asOf, Math.max(settings.trendQuarters() - 1,
                settings.spikeBaselineQuarters()));

        Detector d = new Detector(rows, rates, settings, reportedAt);
        int order = 0;
        for (Series s : series(taxonomy)) {
            if (!rows.containsKey(s.key(asOf))) {
                continue; // no such table
            }
            d.trend(s, window, order++);
            d.spike(s, chart, asOf, order++);
        }
        Series all = new Series(CellKey.ALL, CellKey.ALL, CellKey.ALL);
        for (TaxonomyCode step : taxonomy.codes(Dimension.PROCESS_STEP)) {
            for (TaxonomyCode mode : taxonomy.codes(Dimension.FAILURE_MODE)) {
                d.disproportion(new Series(CellKey.ALL, step.code(), mode.code()),
                        new Series(CellKey.ALL, step.code(), CellKey.ALL), all, asOf, false, order++);
            }
        }
        for (TaxonomyCode pc : taxonomy.codes(Dimension.PRODUCT_CLASS)) {
            for (TaxonomyCode mode : taxonomy.codes(Dimension.FAILURE_MODE)) {
                d.disproportion(new Series(pc.code(), CellKey.ALL, mode.code()),
                        new Series(pc.code(), CellKey.ALL, CellKey.ALL), all, asOf, true, order++);
            }
        }

        Dispersion.Prior[] priors = d.moderate();
        double[] p = d.runs.stream().mapToDouble(r -> r.p).toArray();
        double[] q = BenjaminiHochberg.adjust(p);
        for (int i = 0; i < q.length; i++) {
            d.runs.get(i).q = q[i];
        }
        Wording wording = new Wording(taxonomy, rates, asOf);
        List<Run> flagged = new ArrayList<>();
        for (Run r : d.runs) {
            if (r.q <= settings.falseDiscoveryRate() && switch (r.test) {
                case TREND -> r.ownTestSignificant;
                case SPIKE -> r.aboveLaneyLimit && r.spike.rateRatio() > 1;
                case DISPROPORTION -> r.table.meetsEvans();
            }) {
                flagged.add(r);
            }
        }
        flagged.sort(Comparator.comparingInt((Run r) -> kindOrder(kind(r))).thenComparingDouble(r -> r.p)
                .thenComparingInt(r -> r.order));
        List<Signal> signals = new ArrayList<>();
        for (Run r : flagged) {
            signals.add(signal(r, asOf, rates, wording));
        }
        return new Analysis(new Result(Collections.unmodifiableList(signals), d.runs.size(), d.withheld,
                d.insufficient, rates, window.size(), priors.length == 0 ? 0 : priors[0].df()),
                Collections.unmodifiableList(d.runs));
    }

    /** Up to {@code count} consecutive quarters with rows before {@code q}, oldest first. */
    private static List<Quarter> before(Set<Quarter> quarters, Quarter q, int count) {
        List<Quarter> list = new ArrayList<>();
        Quarter p = q.previous();
        while (list.size() < count && quarters.contains(p)) {
            list.add(0, p);
            p = p.previous();
        }
        return list;
    }

    /**
     * Every series tested for trends and spikes, most specific first (step x mode, step, mode, product class, all),
     * so that when two series publish the same numbers (a failure mode reported at one step only) the one that
     * says more is the one tested.
     */
    static List<Series> series(Taxonomy taxonomy) {
        String all = CellKey.ALL;
        List<Series> list = new ArrayList<>();
        for (TaxonomyCode s : taxonomy.codes(Dimension.PROCESS_STEP)) {
            for (TaxonomyCode m : taxonomy.codes(Dimension.FAILURE_MODE)) {
                list.add(new Series(all, s.code(), m.code()));
            }
        }
        for (TaxonomyCode s : taxonomy.codes(Dimension.PROCESS_STEP)) {
            list.add(new Series(all, s.code(), all));
        }
        for (TaxonomyCode m : taxonomy.codes(Dimension.FAILURE_MODE)) {
            list.add(new Series(all, all, m.code()));
        }
        for (TaxonomyCode pc : taxonomy.codes(Dimension.PRODUCT_CLASS)) {
            list.add(new Series(pc.code(), all, all));
        }
        list.add(new Series(all, all, all));
        return list;
    }

    private static String kind(Run r) {
        return switch (r.test) {
            case TREND -> r.fit.slope() > 0 ? Signal.RISING : Signal.FALLING;
            case SPIKE -> Signal.SPIKE;
            case DISPROPORTION -> Signal.DISPROPORTIONATE;
        };
    }

    private static int kindOrder(String kind) {
        return List.of(Signal.RISING, Signal.FALLING, Signal.SPIKE, Signal.DISPROPORTIONATE).indexOf(kind);
    }

    private static Signal signal(Run r, Quarter asOf, boolean rates, Wording wording) {
        String kind = kind(r);
        Series s = r.series;
        return switch (r.test) {
            case TREND -> new Signal(kind, s.processStep(), s.failureMode(), s.productClass(), asOf.toString(),
                    rates ? "rate_ratio_per_quarter" : "count_ratio_per_quarter", r.fit.rateRatio(), r.p, r.q,
                    r.rows.get(r.rows.size() - 1).events(), wording.trend(s, r.rows, r.fit.rateRatio()));
            case SPIKE -> new Signal(kind, s.processStep(), s.failureMode(), s.productClass(), asOf.toString(),
                    rates ? "rate_ratio_vs_baseline" : "count_ratio_vs_baseline", r.spike.rateRatio(), r.p, r.q,
                    r.events, wording.spike(s, r.rows, r.spike));
            case DISPROPORTION -> new Signal(kind, s.processStep(), s.failureMode(), s.productClass(),
                    asOf.toString(), "prr", r.table.prr(), r.p, r.q, r.events,
                    wording.disproportion(s, r.context, r.table, r.byProductClass));
        };
    }

    /** Runs the tests of one build and counts what it could not test. */
    private static final class Detector {
        final Map<CellKey, PublishedCell> rows;
        final Set<String> reportedAt;
        final boolean rates;
        final SignalSettings settings;
        final List<Run> runs = new ArrayList<>();
        /** The numbers of every series tested, by test, so that identical series are tested once. */
        final Set<List<Long>> seen = new HashSet<>();
        int withheld;
        int insufficient;

        Detector(Map<CellKey, PublishedCell> rows, boolean rates, SignalSettings settings, Set<String> reportedAt) {
            this.reportedAt = reportedAt;
            this.rows = rows;
            this.rates = rates;
            this.settings = settings;
        }

        /** The series' rows over the quarters, or null when a number the test needs is not published. */
        private List<PublishedCell> published(Series s, List<Quarter> quarters) {
            List<PublishedCell> list = new ArrayList<>();
            for (Quarter q : quarters) {
                PublishedCell c = rows.get(s.key(q));
                if (c == null || !c.isPublished() || c.events() == null || (rates && c.batches() == null)) {
                    return null;
                }
                list.add(c);
            }
            return list;
        }

        /** False when a series with the same numbers was already put to this test. */
        private boolean firstWithNumbers(Test test, List<PublishedCell> list) {
            List<Long> numbers = new ArrayList<>();
            numbers.add((long) test.ordinal());
            for (PublishedCell c : list) {
                numbers.add(c.events());
                numbers.add(c.batches() == null ? -1L : c.batches());
            }
            return seen.add(numbers);
        }

        private boolean positiveExposure(List<PublishedCell> list) {
            return !rates || list.stream().allMatch(c -> c.batches() > 0);
        }

        void trend(Series s, List<Quarter> window, int order) {
            if (window.size() < MIN_TREND_QUARTERS) {
                insufficient++;
                return;
            }
            List<PublishedCell> list = published(s, window);
            if (list == null) {
                withheld++;
                return;
            }
            int n = list.size();
            double[] x = new double[n];
            long[] y = new long[n];
            double[] exposure = rates ? new double[n] : null;
            long total = 0;
            for (int i = 0; i < n; i++) {
                x[i] = i + 1;
                y[i] = list.get(i).events();
                total += y[i];
                if (rates) {
                    exposure[i] = list.get(i).batches();
                }
            }
            if (total < settings.minEvents() || !positiveExposure(list) || !PoissonTrend.estimable(x, y)) {
                insufficient++;
                return;
            }
            if (!firstWithNumbers(Test.TREND, list)) {
                return;
            }
            PoissonTrend.Fit fit = PoissonTrend.fit(x, y, exposure);
            if (!Double.isFinite(fit.slope()) || !Double.isFinite(fit.slopeSe()) || !(fit.slopeSe() > 0)) {
                insufficient++;
                return;
            }
            Run r = new Run(Test.TREND, s, order, Double.NaN); // p once every trend is fitted: see moderate()
            r.fit = fit;
            r.rows = list;
            r.events = total;
            runs.add(r);
        }

        void spike(Series s, List<Quarter> chart, Quarter asOf, int order) {
            if (chart.size() < MIN_BASELINE_QUARTERS) {
                insufficient++;
                return;
            }
            List<Quarter> quarters = new ArrayList<>(chart);
            quarters.add(asOf);
            List<PublishedCell> list = published(s, quarters);
            if (list == null) {
                withheld++;
                return;
            }
            int n = list.size();
            int baselineFrom = Math.max(0, n - 1 - settings.spikeBaselineQuarters());
            long[] counts = new long[n];
            double[] exposure = new double[n];
            boolean[] isChart = new boolean[n];
            long x0 = 0;
            double t0 = 0;
            long chartEvents = 0;
            double chartExposure = 0;
            for (int i = 0; i < n; i++) {
                counts[i] = list.get(i).events();
                exposure[i] = rates ? list.get(i).batches() : 1;
                isChart[i] = i < n - 1;
                if (isChart[i]) {
                    chartEvents += counts[i];
                    chartExposure += exposure[i];
                }
                if (isChart[i] && i >= baselineFrom) {
                    x0 += counts[i];
                    t0 += exposure[i];
                }
            }
            long x1 = counts[n - 1];
            double t1 = exposure[n - 1];
            if (x0 + x1 < settings.minEvents() || !positiveExposure(list)) {
                insufficient++;
                return;
            }
            List<PublishedCell> tested = list.subList(baselineFrom, n);
            if (!firstWithNumbers(Test.SPIKE, list)) {
                return;
            }
            SpikeTest.Result result = SpikeTest.compare(x1, t1, x0, t0);
            Run r = new Run(Test.SPIKE, s, order, result.pValue());
            r.spike = result;
            r.rows = tested;
            r.events = x1;
            // Laney's u' chart (c' without volumes) of the quarters before: sigma_z from their moving ranges, floored
            // at 1 so the limit is never tighter than the plain u chart's.
            r.chartCentre = chartEvents / chartExposure;
            double sigmaZ = ControlLimits.sigmaZ(ControlLimits.Chart.U, counts, exposure, isChart, r.chartCentre);
            r.laneySigmaZ = Double.isNaN(sigmaZ) ? 1 : Math.max(1, sigmaZ);
            runs.add(r); // the limit is set in moderate(), once the series' dispersion is known
        }

        void disproportion(Series cell, Series context, Series all, Quarter asOf, boolean byProductClass,
                int order) {
            Series mode = new Series(CellKey.ALL, CellKey.ALL, cell.failureMode());
            PublishedCell a = rows.get(cell.key(asOf));
            if (a == null) {
                return; // no such table
            }
            PublishedCell ctx = rows.get(context.key(asOf));
            PublishedCell m = rows.get(mode.key(asOf));
            PublishedCell n = rows.get(all.key(asOf));
            if (!isPublished(a) || !isPublished(ctx) || !isPublished(m) || !isPublished(n)) {
                withheld++;
                return;
            }
            Disproportionality.Table t = Disproportionality.Table.of(a.events(), ctx.events(), m.events(),
                    n.events());
            // Nothing to compare with when the context holds every report (c + d = 0) or the mode is every report
            // (b + d = 0); and a mode never published elsewhere is defined by its context.
            if (t.a() < Disproportionality.EVANS_MIN_EVENTS || t.b() + t.d() == 0 || t.c() + t.d() == 0
                    || t.c() == 0 && !reportedElsewhere(cell, byProductClass) || !(t.pValue() >= 0)) {
                insufficient++;
                return;
            }
            Run r = new Run(Test.DISPROPORTION, cell, order, t.pValue());
            r.table = t;
            r.context = ctx;
            r.byProductClass = byProductClass;
            r.events = t.a();
            r.rows = List.of(a);
            runs.add(r);
        }

        /**
         * Moderates the trends' dispersions across the build ({@link Dispersion}) and sets their p-values; returns
         * the prior used.
         */
        Dispersion.Prior[] moderate() {
            List<Run> trends = runs.stream().filter(r -> r.test == Test.TREND).toList();
            double[] phi = trends.stream().mapToDouble(r -> r.fit.dispersionEstimate()).toArray();
            int[] df = trends.stream().mapToInt(r -> r.fit.df()).toArray();
            double[] size = trends.stream().mapToDouble(r -> Math.log((double) r.events / r.fit.n())).toArray();
            Dispersion.Prior[] priors = Dispersion.estimate(phi, df, size);
            Map<Series, Double> dispersion = new HashMap<>();
            for (int i = 0; i < trends.size(); i++) {
                Run r = trends.get(i);
                r.p = r.fit.pValue(priors[i]);
                r.ownTestSignificant = r.fit.ownPValue() <= settings.falseDiscoveryRate();
                dispersion.put(r.series, r.fit.dispersion(priors[i]));
            }
            // A spike's control limit is never narrower than its series' (moderated) dispersion implies.
            for (Run r : runs) {
                if (r.test == Test.SPIKE) {
                    double sigmaZ = Math.max(r.laneySigmaZ, Math.sqrt(dispersion.getOrDefault(r.series, 1.0)));
                    double t1 = r.spike.latestExposure();
                    r.aboveLaneyLimit = r.spike.latest() / t1 > r.chartCentre + 3 * sigmaZ
                            * ControlLimits.sigma(ControlLimits.Chart.U, r.chartCentre, t1);
                }
            }
            return priors;
        }

        /**
         * Whether the failure mode has been published with events in another step (or class) in any period: a mode
         * never seen anywhere else (mycoplasma only at expansion) is defined by its step, not over-represented
         * there, and is not tested.
         */
        private boolean reportedElsewhere(Series cell, boolean byProductClass) {
            String here = byProductClass ? cell.productClass() : cell.processStep();
            String prefix = byProductClass ? "class|" : "step|";
            String suffix = "|" + cell.failureMode();
            for (String at : reportedAt) {
                if (at.startsWith(prefix) && at.endsWith(suffix) && !at.equals(prefix + here + suffix)) {
                    return true;
                }
            }
            return false;
        }

        private static boolean isPublished(PublishedCell c) {
            return c != null && c.isPublished() && c.events() != null;
        }
    }
}
