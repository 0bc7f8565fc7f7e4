package org.cgtbulletin.protect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * The interval and coalition audit of a component too large to solve as one program (more than
 * {@value IntervalAudit#MAX_LP_UNKNOWNS} suppressed cells), by <em>restricted</em> programs.
 *
 * <p><b>Restriction.</b> For a target cell, keep as unknowns only a set N of the component's suppressed cells
 * around it, and fix every other suppressed cell at its true value, as if it were published. Each solution of
 * that program, completed with the true values, solves the whole component's program (the true values are
 * non-negative and at least any contributor's own amounts), so the restricted feasible interval of the target is
 * <em>contained</em> in its true one. When the restricted interval already gives the protection the cell needs,
 * the cell is proven protected. That, an alternative dataset ({@link AlternativeData}, tried on what the
 * programs leave not proven), and an exact certificate from the whole component's program ({@link SparseSimplex},
 * {@link Certificates}, tried on what is still open after that) are the only ways a cell passes here.
 *
 * <p><b>Choosing N (column generation).</b> N starts as the cells reachable from the target through relations,
 * breadth first, up to {@value #FIRST_UNKNOWNS} cells. If the restricted optimum does not give the protection, the
 * program's exact dual solution y prices every fixed cell j: its reduced cost is -sum_r y_r a_rj. A fixed cell
 * strictly above its lower bound with a non-zero reduced cost, or at its bound with a negative one, could improve
 * the optimum if it were free: those cells join N and the program is solved again, up to
 * {@value #MAX_UNKNOWNS} unknowns. When no fixed cell prices out, y is dual feasible for the whole component's
 * program and the restricted optimum <em>is</em> the component's optimum (linear programming duality): a bound
 * that falls short is then proven too short, and the cell is reported too narrow (or recoverable by its largest
 * contributor), exactly as for a small component. A cell that is neither proven protected nor proven exposed
 * within the cap is reported <em>not proven</em>, never as passed.
 *
 * <p>Programs are solved exactly ({@link ExactSimplex} with duals): no tolerance is needed, since every bound and
 * every reduced cost is an exact rational. A program that cannot be solved exactly (64-bit overflow) leaves its
 * cell not proven.
 *
 * <p>A solved program proves more than its target: every other unknown in it whose restricted interval already
 * suffices is proven with it (one warm-started optimisation per bound). Cells are visited in ascending order;
 * results are deterministic.
 *
 * <p><b>Cores.</b> The interval audit and the largest-contributor audit write disjoint results, so they run side
 * by side; so do the intervals' first crossover to the whole program and the alternative datasets, then the two
 * chains of whole programs (the interval checks, then the last contributors' when that evens the chains out by
 * estimated work; the other contributors', then the last interval checks when that evens them out, each chain
 * sharing its points only with its own checks). With more cores, the searches of the
 * next cells start ahead of each loop ({@link Lookahead}) and are used in loop order. Neither changes a result:
 * the report is the same on one core as on eight.
 *
 * <p><b>Work budget.</b> The simplex work is counted (tableau entries visited, {@link ExactSimplex#work}) and
 * capped at {@value #WORK_BUDGET} per audit (shared by its repair rounds through {@link Proofs}; refilled for each
 * audit of a protection's later patterns, {@link AuditMemory}); the
 * intervals and the largest contributors each get half of what is left when an audit begins, and give back what
 * they do not spend. A chain whose programs prove too few cells for their work stops early ({@link #yieldTooLow}).
 * Cells not reached are left to the alternative datasets and the whole component's program, and reported not proven
 * if those do not decide them either. The count, not the clock, decides: the same input gives the same report on
 * any machine.
 */
final class RestrictedAudit {

    /** Unknowns of a restricted program before column generation adds any. */
    static final int FIRST_UNKNOWNS = 60;
    /** Largest restricted program. */
    static final int MAX_UNKNOWNS = 600;
    /**
     * Work (tableau entries visited by simplex pivots, see {@link ExactSimplex#work}) that one audit (with its repair
     * rounds) may spend on restricted programs; when it is spent, the cells not yet decided are reported not
     * proven. A deterministic bound on the time (the sample's audit spends about a third of it).
     */
    static final long WORK_BUDGET = 4_000_000_000L;

    private final int firstUnknowns;
    private final int maxUnknowns;
    /** Work left (one element, shared with the {@link Proofs} when there are some). */
    private final long[] budget;
    private final LinearSystem sys;
    private final DisclosureRules rules;
    private final DisclosureRules.Assessment[] assess;
    private final boolean[] primary;
    private final Component comp;
    private final boolean[] determined;
    private final int n;
    /** Per local unknown: the local rows holding it, ascending. */
    private final int[][] colRows;
    /** Every unknown at least 0: the lower bounds of a program without others (shared: never written). */
    private final long[] noLowerBounds;
    /** Per local unknown: whether its coefficient in every row is +1 or -1 (the presolve then need not look). */
    private final boolean[] unitColumn;
    /** Per local unknown: its coefficient in each of {@link #colRows}' rows. */
    private final int[][] colCoef;
    /** Per local unknown: its true value. */
    private final long[] truth;
    /** Per local unknown: the upper bound that protects it ({@link #need}), worked out once. */
    private final long[] needs;
    /** Per local unknown: whether it fails R3 or R4 ({@link #magnitude}). */
    private final boolean[] magnitudes;

    private final boolean[] checked;
    private final boolean[] narrow;
    private final boolean[] breach;
    private final boolean[] coalitionOpen;
    private final double[] low;
    private final double[] high;
    /** Per local unknown: whether low/high come from a restricted program (else exact, or not computed). */
    private final boolean[] restricted;
    /** Whether the intervals' and the largest contributors' chains stopped for a low yield (each written by its own). */
    private boolean intervalChainStopped;
    private boolean coalitionChainStopped;
    /**
     * Per local unknown: the cells (system ids) its proof of protection may move from their true values, for the
     * interval and against the largest contributor (two arrays: the two audits run side by side); null while not
     * proven. Every point the proof rests on has every other cell at its true value, so a later pattern that
     * publishes none of them keeps the proof ({@link Proofs#forget}).
     */
    private final CellSet[] intervalSupport;
    private final CellSet[] coalitionSupport;
    /**
     * Per local unknown: the repair hint ({@link IntervalAudit.Result#repairHint}) of an interval proven too narrow,
     * and of a largest-contributor breach (two arrays: the two audits run side by side), or -1.
     */
    private final int[] intervalHint;
    private final int[] coalitionHint;
    private static final int[] NONE = {};
    private static final long[] NO_BOUNDS = {};
    /** -1 for each unknown a program may have: the {@code column} of a program the presolve pins entirely. */
    private final int[] allPinned;
    /** Per thread (the audits run side by side, searches ahead): work arrays over the whole component. */
    private final ThreadLocal<Scratch> scratch;

    private RestrictedAudit(LinearSystem sys, DisclosureRules rules, DisclosureRules.Assessment[] assess,
                            boolean[] primary, Component comp, boolean[] determined, int firstUnknowns,
                            int maxUnknowns, long[] budget) {
        if (firstUnknowns < 1 || maxUnknowns < firstUnknowns) {
            throw new IllegalArgumentException("caps " + firstUnknowns + ", " + maxUnknowns);
        }
        this.firstUnknowns = firstUnknowns;
        this.maxUnknowns = maxUnknowns;
        this.allPinned = new int[maxUnknowns];
        Arrays.fill(allPinned, -1);
        this.budget = budget;
        this.sys = sys;
        this.rules = rules;
        this.assess = assess;
        this.primary = primary;
        this.comp = comp;
        this.determined = determined;
        this.n = comp.size();
        int[] count = new int[n];
        for (int[] cols : comp.rowCols) {
            for (int c : cols) {
                count[c]++;
            }
        }
        colRows = new int[n][];
        colCoef = new int[n][];
        for (int k = 0; k < n; k++) {
            colRows[k] = new int[count[k]];
            colCoef[k] = new int[count[k]];
        }
        Arrays.fill(count, 0);
        for (int r = 0; r < comp.rowCols.length; r++) {
            int[] cols = comp.rowCols[r];
            for (int t = 0; t < cols.length; t++) {
                int c = cols[t];
                colCoef[c][count[c]] = comp.rowCoef[r][t];
                colRows[c][count[c]++] = r;
            }
        }
        noLowerBounds = new long[n];
        unitColumn = new boolean[n];
        for (int k = 0; k < n; k++) {
            boolean unit = true;
            for (int a : colCoef[k]) {
                unit &= Math.abs(a) == 1;
            }
            unitColumn[k] = unit;
        }
        truth = new long[n];
        for (int k = 0; k < n; k++) {
            truth[k] = sys.value[comp.cells[k]];
        }
        magnitudes = new boolean[n];
        needs = new long[n];
        for (int k = 0; k < n; k++) {
            DisclosureRules.Assessment a = assess[comp.cells[k]];
            magnitudes[k] = a.fails("R3") || a.fails("R4");
            needs[k] = rules.protectingBound(a, truth[k]); // worked out once per cell
        }
        checked = new boolean[n];
        narrow = new boolean[n];
        breach = new boolean[n];
        coalitionOpen = new boolean[n];
        low = new double[n];
        high = new double[n];
        restricted = new boolean[n];
        intervalSupport = new CellSet[n];
        coalitionSupport = new CellSet[n];
        intervalHint = IntervalAudit.noHints(n);
        coalitionHint = IntervalAudit.noHints(n);
        for (int k = 0; k < n; k++) {
            // a hidden cell: an unknown, never published, whose interval is no finding (and is not computed)
            checked[k] = comp.cells[k] >= sys.shown;
        }
        Arrays.fill(low, Double.NaN);
        Arrays.fill(high, Double.NaN);
        int cells = n;
        int rowCount = comp.rowCols.length;
        scratch = ThreadLocal.withInitial(() -> new Scratch(cells, rowCount));
    }

    /**
     * Arrays over the whole component that a program's set-up, duals and pricing need for a moment: allocated once
     * per thread rather than once per program (there are tens of thousands of programs, most with a few unknowns
     * left to the simplex). Each use leaves them as it found them: -1, zero, false.
     */
    private static final class Scratch {
        /** Per local unknown: its index in the program's N, or -1. */
        final int[] pos;
        /** Per local row: its index in the program's rows, or -1. */
        final int[] rowAt;
        /** Per local row: one bit, set only while a program collects its rows (then cleared). */
        final long[] rowBits;
        /** Per local unknown: the reduced cost being summed, whether touched, whether it overflowed. */
        final long[] acc;
        final boolean[] touched;
        final boolean[] overflow;
        /** The presolve's work arrays ({@link Program}): per program row, and per unknown of N. */
        final int[] freeCount;
        final int[] freeXor;
        final boolean[] usedRow;
        final int[] queue;
        final boolean[] free;
        final int[] pinRow;
        final int[] pinned;
        /** The cells a verified point moves ({@link #support}). */
        final int[] moved;
        /** {@link #neighbourhood}'s marks (cleared after each): per local unknown, per local row, and its rows. */
        final boolean[] near;
        final boolean[] nearRow;
        final int[] nearRows;
        /** The duals of the program a search just solved ({@link Program#duals(int, int, long[])}), per its rows. */
        final long[] duals;

        Scratch(int cells, int rows) {
            moved = new int[cells];
            near = new boolean[cells];
            nearRow = new boolean[rows];
            nearRows = new int[rows];
            duals = new long[rows];
            freeCount = new int[rows];
            freeXor = new int[rows];
            usedRow = new boolean[rows];
            queue = new int[rows];
            free = new boolean[cells];
            pinRow = new int[cells];
            pinned = new int[cells];
            pos = new int[cells];
            rowAt = new int[rows];
            rowBits = new long[(rows + 63) >>> 6];
            acc = new long[cells];
            touched = new boolean[cells];
            overflow = new boolean[cells];
            Arrays.fill(pos, -1);
            Arrays.fill(rowAt, -1);
        }

        /** Indexes a program's unknowns and rows (both ascending) in {@link #pos} and {@link #rowAt}. */
        void index(int[] unknowns, int[] rows) {
            for (int i = 0; i < unknowns.length; i++) {
                pos[unknowns[i]] = i;
            }
            for (int i = 0; i < rows.length; i++) {
                rowAt[rows[i]] = i;
            }
        }

        /** Undoes {@link #index}. */
        void clear(int[] unknowns, int[] rows) {
            for (int u : unknowns) {
                pos[u] = -1;
            }
            for (int r : rows) {
                rowAt[r] = -1;
            }
        }
    }

    /**
     * Proofs of protection that stay valid while more cells are suppressed, per cell id of the linked system: a
     * restricted program proving a cell protected fixes every other withheld cell at its true value, as if
     * published, so it is the same program, with the same interval, after a published cell is withheld. Only
     * proofs of protection carry over (a cell found too narrow may be widened by more suppressions). One
     * instance follows one growing status pattern (complementary suppression only adds suppressions); it refuses
     * a pattern that drops a suppression it was given, unless made to follow {@link #publishingPinned} patterns.
     */
    static final class Proofs {
        /** Work left for restricted programs, shared by the audits these proofs follow until {@link #refill}. */
        private final long[] budget = {WORK_BUDGET};
        private final boolean[] suppressed;
        private final boolean[] interval;
        private final boolean[] coalition;
        private final double[] low;
        private final double[] high;
        /**
         * Per cell proven: the cells its proof's points may have away from their true values (system ids; see
         * {@link RestrictedAudit#intervalSupport}), or null for any.
         */
        private final CellSet[] intervalSupport;
        private final CellSet[] coalitionSupport;

        /** Whether a pattern may publish a cell it was given withheld (see {@link #publishingPinned}). */
        private final boolean pinnedMayGo;
        /** Whether a chain of restricted programs of an audit these proofs followed stopped for a low yield. */
        private boolean programsStopped;

        Proofs(int cells) {
            this(cells, false);
        }

        private Proofs(int cells, boolean pinnedMayGo) {
            this.pinnedMayGo = pinnedMayGo;
            suppressed = new boolean[cells];
            interval = new boolean[cells];
            coalition = new boolean[cells];
            low = new double[cells];
            high = new double[cells];
            intervalSupport = new CellSet[cells];
            coalitionSupport = new CellSet[cells];
        }

        /**
         * The last basis of each component's whole program, in system terms: a larger pattern's program starts
         * from it (its component holds the old one whole, and every old row), so its crossover has little to do.
         */
        private final List<Basis> bases = new ArrayList<>();

        /**
         * A whole program's basis: its chain of programs (0 intervals, 1 largest contributors), its component's
         * cells and rows, its basic cells and basic artificial rows.
         */
        private record Basis(int chain, int[] cells, int[] rows, int[] basicCells, int[] artificialRows) {
        }

        /**
         * Suggests to lp (over comp) the basis the same chain kept from an earlier pattern's component inside comp,
         * if any.
         */
        boolean suggest(Component comp, SparseSimplex lp, int chain) {
            Basis best = null;
            for (Basis b : bases) {
                if (b.chain == chain && Arrays.binarySearch(comp.cells, b.cells[0]) >= 0
                        && (best == null || b.cells.length > best.cells.length)) {
                    best = b;
                }
            }
            if (best == null) {
                return false;
            }
            Map<Integer, Integer> localRow = new HashMap<>();
            for (int i = 0; i < comp.sysRow.length; i++) {
                localRow.put(comp.sysRow[i], i);
            }
            int[] unknowns = new int[best.basicCells.length];
            for (int t = 0; t < unknowns.length; t++) {
                unknowns[t] = Arrays.binarySearch(comp.cells, best.basicCells[t]);
                if (unknowns[t] < 0) {
                    return false; // not the same system: no suggestion
                }
            }
            boolean[] oldRow = new boolean[comp.sysRow.length];
            for (int r : best.rows) {
                Integer i = localRow.get(r);
                if (i == null) {
                    return false;
                }
                oldRow[i] = true;
            }
            List<Integer> artificial = new ArrayList<>();
            for (int r : best.artificialRows) {
                artificial.add(localRow.get(r));
            }
            for (int i = 0; i < oldRow.length; i++) {
                if (!oldRow[i]) {
                    artificial.add(i); // a row the old program did not have
                }
            }
            return lp.suggest(unknowns, artificial.stream().mapToInt(Integer::intValue).toArray());
        }

        /** Keeps lp's last basis (over comp), if it has one, for the same chain's next, larger pattern. */
        void keep(Component comp, SparseSimplex lp, int chain) {
            if (!lp.started()) {
                return;
            }
            bases.removeIf(b -> b.chain == chain && Arrays.binarySearch(comp.cells, b.cells[0]) >= 0);
            int[] basicCells = Arrays.stream(lp.basicUnknowns()).map(k -> comp.cells[k]).toArray();
            int[] artificialRows = Arrays.stream(lp.basicArtificialRows()).map(i -> comp.sysRow[i]).toArray();
            bases.add(new Basis(chain, comp.cells.clone(), comp.sysRow.clone(), basicCells, artificialRows));
        }

        /**
         * Proofs for patterns that, besides withholding more, may publish cells: the caller promises that every
         * proof left rests on points with each such cell at its true value, either because the cell was pinned to
         * one value in the earlier pattern's feasible set, or because it has dropped the other proofs ({@link
         * #forget}, as {@link AuditMemory} does); each proof's point is then one of the later set too. The published
         * cells' own proofs are dropped.
         */
        static Proofs publishingPinned(int cells) {
            return new Proofs(cells, true);
        }

        /**
         * Drops the proofs that rest on a point moving one of the given cells away from its true value: for a pattern
         * that publishes those cells (the others' points are points of its feasible set too: it withholds every cell
         * they move). A proof whose points are not known is dropped too.
         *
         * @param published per cell, whether the next pattern publishes it though the last audit did not pin it
         */
        void forget(boolean[] published) {
            boolean any = false;
            for (boolean p : published) {
                any |= p;
            }
            if (any) {
                for (int c = 0; c < suppressed.length; c++) {
                    if (interval[c] && touches(intervalSupport[c], published)) {
                        interval[c] = false;
                        intervalSupport[c] = null;
                    }
                    if (coalition[c] && touches(coalitionSupport[c], published)) {
                        coalition[c] = false;
                        coalitionSupport[c] = null;
                    }
                }
            }
        }

        private static boolean touches(CellSet support, boolean[] published) {
            return support == null || support.anyOf(published);
        }

        /** Whether the cell's interval is proven wide enough (for tests). */
        boolean intervalProven(int cell) {
            return interval[cell];
        }

        /** Gives the audits these proofs follow the whole work budget again ({@link AuditMemory}: one per audit). */
        void refill() {
            budget[0] = WORK_BUDGET;
        }

        /**
         * Gives the next audit these proofs follow no work for restricted programs: every check of a large component
         * goes to the alternative datasets and the whole component's program ({@link HiddenTableAudit}, where the
         * restricted programs cost more than they save).
         */
        void withoutRestrictedPrograms() {
            budget[0] = 0;
        }

        /** Records that a chain of restricted programs of the audit these proofs follow stopped for a low yield. */
        void noteProgramsStopped() {
            programsStopped = true;
        }

        /**
         * Whether a chain of restricted programs of an audit these proofs followed stopped for a low yield
         * ({@link Chain}): the cells' protection there needs moves wider than the programs' neighbourhoods.
         */
        boolean programsStopped() {
            return programsStopped;
        }

        /** The work the audits these proofs follow have left for restricted programs (for tests). */
        long workLeft() {
            return budget[0];
        }

        /**
         * Records the pattern about to be audited; throws if it is not a superset of the previous one (unless these
         * proofs follow {@link #publishingPinned} patterns).
         */
        void advance(boolean[] now) {
            for (int c = 0; c < suppressed.length; c++) {
                if (suppressed[c] && !now[c]) {
                    if (!pinnedMayGo) {
                        throw new IllegalStateException("proofs carried over to a pattern that publishes cell " + c);
                    }
                    interval[c] = false;
                    coalition[c] = false;
                }
                suppressed[c] = now[c];
            }
        }
    }

    /** Audits a large component (see the class comment). */
    static IntervalAudit.Result audit(LinearSystem sys, DisclosureRules rules, DisclosureRules.Assessment[] assess,
                                      boolean[] primary, Component comp, boolean[] determined) {
        return audit(sys, rules, assess, primary, comp, determined, null);
    }

    /**
     * As {@link #audit(LinearSystem, DisclosureRules, DisclosureRules.Assessment[], boolean[], Component,
     * boolean[])}, taking over the proofs of earlier audits of smaller patterns and adding its own.
     *
     * @param proofs the proofs so far (updated), or null
     */
    static IntervalAudit.Result audit(LinearSystem sys, DisclosureRules rules, DisclosureRules.Assessment[] assess,
                                      boolean[] primary, Component comp, boolean[] determined, Proofs proofs) {
        return audit(sys, rules, assess, primary, comp, determined, FIRST_UNKNOWNS, MAX_UNKNOWNS, proofs,
                proofs == null ? new long[] {WORK_BUDGET} : proofs.budget, WHOLE_ITERATIONS);
    }

    /** As {@link #audit(LinearSystem, DisclosureRules, DisclosureRules.Assessment[], boolean[], Component,
     * boolean[])} with other caps on the program sizes, and whole-program iterations (0: none), for tests. */
    static IntervalAudit.Result audit(LinearSystem sys, DisclosureRules rules, DisclosureRules.Assessment[] assess,
                                      boolean[] primary, Component comp, boolean[] determined, int firstUnknowns,
                                      int maxUnknowns, long wholeIterations) {
        return audit(sys, rules, assess, primary, comp, determined, firstUnknowns, maxUnknowns, null,
                new long[] {WORK_BUDGET}, wholeIterations);
    }

    /** As the default with a work budget for the restricted programs and no whole program (for tests). */
    static IntervalAudit.Result audit(LinearSystem sys, DisclosureRules rules, DisclosureRules.Assessment[] assess,
                                      boolean[] primary, Component comp, boolean[] determined, long workBudget) {
        return audit(sys, rules, assess, primary, comp, determined, FIRST_UNKNOWNS, MAX_UNKNOWNS, null,
                new long[] {workBudget}, 0);
    }

    private static IntervalAudit.Result audit(LinearSystem sys, DisclosureRules rules,
                                              DisclosureRules.Assessment[] assess, boolean[] primary, Component comp,
                                              boolean[] determined, int firstUnknowns, int maxUnknowns,
                                              Proofs proofs, long[] budget, long wholeIterations) {
        RestrictedAudit a = new RestrictedAudit(sys, rules, assess, primary, comp, determined, firstUnknowns,
                maxUnknowns, budget);
        boolean[] coalitionSafe = new boolean[comp.size()];
        if (proofs != null) {
            for (int k = 0; k < comp.size(); k++) {
                int cell = comp.cells[k];
                if (proofs.interval[cell] && !determined[k]) {
                    a.checked[k] = true;
                    a.restricted[k] = true;
                    a.low[k] = proofs.low[cell];
                    a.high[k] = proofs.high[cell];
                    a.intervalSupport[k] = proofs.intervalSupport[cell];
                }
                coalitionSafe[k] = proofs.coalition[cell] && !determined[k];
                if (coalitionSafe[k]) {
                    a.coalitionSupport[k] = proofs.coalitionSupport[cell];
                }
            }
        }
        // with no work for restricted programs, every open check goes to the whole program (SHARED_INTERVAL_CHECK_WORK)
        long intervalCheckWork = budget[0] > 0 ? INTERVAL_CHECK_WORK : SHARED_INTERVAL_CHECK_WORK;
        a.intervalsAndCoalitions(coalitionSafe);
        if (proofs != null && (a.intervalChainStopped || a.coalitionChainStopped)) {
            proofs.noteProgramsStopped();
        }
        a.alternativesAndWholeProgram(coalitionSafe, wholeIterations, proofs, intervalCheckWork);
        if (proofs != null) {
            for (int k = 0; k < comp.size(); k++) {
                int cell = comp.cells[k];
                if (a.checked[k] && !a.narrow[k] && a.restricted[k]) {
                    proofs.interval[cell] = true;
                    proofs.low[cell] = a.low[k];
                    proofs.high[cell] = a.high[k];
                    proofs.intervalSupport[cell] = a.intervalSupport[k];
                }
                if (coalitionSafe[k]) {
                    proofs.coalition[cell] = true;
                    proofs.coalitionSupport[cell] = a.coalitionSupport[k];
                }
            }
        }
        int[] hint = new int[comp.size()];
        for (int k = 0; k < hint.length; k++) {
            hint[k] = a.intervalHint[k] >= 0 ? a.intervalHint[k] : a.coalitionHint[k];
        }
        return new IntervalAudit.Result(determined, a.checked, a.restricted, a.low, a.high, a.narrow, a.breach,
                a.coalitionOpen, hint);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Intervals

    /**
     * The interval audit of every cell and the coalition audit of every primary cell by restricted programs, side
     * by side on two cores when there are two: each has its own half of the work budget (what they leave goes back
     * to it), and they write disjoint results, so the outcome does not depend on the timing.
     */
    private void intervalsAndCoalitions(boolean[] coalitionSafe) {
        long half = budget[0] / 2;
        long[] intervalWork = {budget[0] - half};
        long[] coalitionWork = {half};
        int spare = Math.max(0, Runtime.getRuntime().availableProcessors() - 2) / 2;
        Lookahead.sideBySide(() -> intervals(intervalWork, spare),
                () -> coalitions(coalitionSafe, coalitionWork, spare));
        budget[0] = intervalWork[0] + coalitionWork[0];
    }

    /**
     * The interval audit of every cell while {@code account} (work left) is positive and the programs' yield is
     * not too low ({@link #yieldTooLow}), with searches started ahead on {@code spare} cores.
     */
    private void intervals(long[] account, int spare) {
        Chain chain = new Chain(account, this::provenIntervals);
        try (Lookahead<Search> ahead = new Lookahead<>(spare)) {
            for (int k = 0; k < n; k++) {
                interval(k, chain.programs(), ahead);
                chain.judge();
            }
        }
        intervalChainStopped = chain.stopped();
    }

    /**
     * A chain of restricted programs (the intervals', or the largest contributors'), judged after each cell by
     * {@link #yieldTooLow}, over all its work and over the last {@value #YIELD_AFTER} of it: {@link #programs} is
     * the work account its programs charge, until either yield is too low, and then an empty one, so that the rest
     * of its cells are left to the alternative datasets and the whole program. What the account has left still goes
     * back to the budget.
     *
     * <p>Why the last stretch too: a chain often proves most of what it will early, then grows programs to the cap
     * for cells they do not prove. At a million reports the tables' own largest-contributor chain proved 1,083 cells
     * in its first 210 million of work and none in the next 525 million (0.39 s of a core), which its whole yield
     * let through until the 735th million; on the sample its later stretches proved about 1,400 cells per billion,
     * below the bar, after an early 4,000. Judged over the last stretch as well, the audit stage took 3.41 to 4.30 s
     * against 3.66 to 4.14 s at a million reports (shorter in three of four pairs), 7.19 to 8.00 s against 7.58 to
     * 8.71 s on the sample (three of four), 4.20 to 4.68 s against 4.34 to 4.74 s at 100,000 reports and 6.57 to
     * 7.93 s against 7.34 to 8.79 s at 10,000 (two of three each, with less CPU in five of six), every published file
     * the same; the staff audits the same too, but for a quarterly release over the previous one at a million reports,
     * whose staff audit reports other restricted intervals for 979 cells, each still inside the attacker's (another
     * proof decides them; 6 Dec 2026, seventeenth session).
     */
    static final class Chain {
        /** Work between two of the marks the last stretch is measured from. */
        private static final long MARK_EVERY = YIELD_AFTER / 10;

        private final long[] account;
        private final long start;
        private final IntSupplier proven;
        private final int before;
        private long[] programs;
        /** The work spent and the cells proven at marks at least {@link #MARK_EVERY} of work apart, oldest first. */
        private final long[] markSpent;
        private final int[] markProven;
        private int marks;

        Chain(long[] account, IntSupplier proven) {
            this.account = account;
            this.start = account[0];
            this.proven = proven;
            this.before = proven.getAsInt();
            this.programs = account;
            // marks for the whole account; a last search may overspend it, and then the oldest marks give way
            int capacity = (int) Math.min(1 << 16, Math.max(0, start) / MARK_EVERY + 2);
            this.markSpent = new long[capacity];
            this.markProven = new int[capacity];
        }

        long[] programs() {
            return programs;
        }

        /** Whether the chain was stopped for a low yield. */
        boolean stopped() {
            return programs != account;
        }

        void judge() {
            if (programs != account) {
                return;
            }
            long spent = start - account[0];
            if (spent < YIELD_AFTER && marks > 0 && spent - markSpent[marks - 1] < MARK_EVERY) {
                return; // nothing to judge or to mark yet
            }
            int now = proven.getAsInt() - before;
            if (marks == 0 || spent - markSpent[marks - 1] >= MARK_EVERY) {
                if (marks == markSpent.length) { // (not expected: the capacity covers the account)
                    System.arraycopy(markSpent, 1, markSpent, 0, marks - 1);
                    System.arraycopy(markProven, 1, markProven, 0, marks - 1);
                    marks--;
                }
                markSpent[marks] = spent;
                markProven[marks] = now;
                marks++;
            }
            if (spent < YIELD_AFTER) {
                return;
            }
            // the latest mark at least YIELD_AFTER of work ago
            int from = marks - 1;
            while (from > 0 && spent - markSpent[from] < YIELD_AFTER) {
                from--;
            }
            boolean lastStretchLow = spent - markSpent[from] >= YIELD_AFTER
                    && yieldTooLow(spent - markSpent[from], now - markProven[from]);
            if (yieldTooLow(spent, now) || lastStretchLow) {
                programs = new long[] {0};
            }
        }
    }

    /** Cells whose interval is proven wide enough (by this audit or an earlier round's). */
    private int provenIntervals() {
        int proven = 0;
        for (int k = 0; k < n; k++) {
            if (checked[k] && !narrow[k]) {
                proven++;
            }
        }
        return proven;
    }

    /**
     * Whether a chain of restricted programs that has spent {@code spent} work and proven {@code proven} cells
     * should leave the rest to the alternative datasets and the whole component's program: after
     * {@value #YIELD_AFTER} work, when it has proven fewer than {@value #MIN_YIELD} cells per billion.
     *
     * <p>Restricted programs are the cheap proof where a cell's protection needs a small neighbourhood (the
     * sample: its intervals proved 3,400 cells per billion of work, its largest contributors 1,700, and it is
     * audited as before). Where protection needs wide moves (a million reports, whose counts are large and whose
     * dominance rules ask for wide intervals) they yield little: their searches grow to the cap of
     * {@value #MAX_UNKNOWNS} unknowns, and most of those end not proven. There the intervals proved 860 cells per
     * billion and the largest contributors 520, the budget ran out, and the alternative datasets and the whole
     * program then decided the rest anyway; with no restricted programs at all that audit took 2.3 to 2.9 s instead
     * of 4.3 to 6.2 s, while the sample's took 9.3 to 11.1 s instead of 5.6 to 8.7 s (4 Dec, {@code
     * bench/protect.sh}'s harness). The decision is made from counts, not time, so the audit stays deterministic.
     */
    static boolean yieldTooLow(long spent, int proven) {
        return spent >= YIELD_AFTER && (long) proven * 1_000_000_000L < MIN_YIELD * spent;
    }

    /**
     * Work a chain of restricted programs spends before its yield is judged ({@link #yieldTooLow}), and the length of
     * the last stretch of its work it is also judged over ({@link Chain}). A quarter of a
     * billion since 6 Dec 2026 (half a billion before): at a million reports the tables' own audit's interval chain
     * ran about 1.5 s before it was judged and stopped; judged at a quarter, the audit stage took 4.62 to 5.59 s against
     * 5.17 to 6.64 s in four alternating pairs, and 10,000 and 100,000 reports' audits were as fast or faster, every
     * {@code cells.csv} from 10,000 to 3,000,000 reports and the sample's whole site and staff audit byte for byte as
     * before (what changes is which proof decides a cell at a million reports, so the restricted intervals the staff
     * audit lists there; each is still contained in the attacker's).
     */
    static final long YIELD_AFTER = 250_000_000L;
    /** Cells proven per billion of work below which a chain stops ({@link #yieldTooLow}). */
    static final long MIN_YIELD = 1_500;

    /** The interval audit of cell k, with the upward searches of the next open cells started ahead. */
    private void interval(int k, long[] account, Lookahead<Search> ahead) {
        ahead.passed(k);
        if (checked[k]) {
            return;
        }
        if (determined[k]) {
            // Exactly derivable: a single value, whatever any program says.
            checked[k] = true;
            narrow[k] = true;
            low[k] = truth[k];
            high[k] = truth[k];
            return;
        }
        if (account[0] <= 0) {
            return; // work budget spent: not proven
        }
        long v = truth[k];
        boolean magnitude = magnitude(k);
        for (int j = k + 1; j < n && ahead.ahead() && ahead.room() > 0; j++) {
            if (!checked[j] && !determined[j] && !ahead.offered(j)) {
                long needJ = need(j);
                int target = j;
                ahead.offer(j, () -> search(target, -1, null, needJ, new long[1]));
            }
        }
        long needK = need(k);
        Search up = adopt(ahead.take(k, () -> search(k, -1, null, needK, new long[1])), account);
        if (up.meets) {
            prove(k, up.program);
            shareIntervals(up.program);
            return;
        }
        Search down = null;
        if (!magnitude && v >= 1) {
            // Width 1 may also come from below: min <= v - 1.
            down = search(k, 1, null, v - 1, account);
            if (down.meets) {
                prove(k, down.program);
                shareIntervals(down.program);
                return;
            }
        }
        boolean exposed = up.optimal && (magnitude || v == 0 || down.optimal);
        if (exposed) {
            intervalHint[k] = repairHint(up.program, k, null);
        }
        Program last = down != null && down.program != null ? down.program : up.program;
        record(k, last);
        checked[k] = exposed;
        narrow[k] = exposed;
    }

    /** Marks the other unknowns of a solved interval program that it proves protected. */
    private void shareIntervals(Program p) {
        for (int i = 0; i < p.unknowns.length; i++) {
            int j = p.unknowns[i];
            if (checked[j] || determined[j]) {
                continue;
            }
            if (proves(p, i, need(j), magnitude(j) ? Long.MIN_VALUE : truth[j] - 1) != null) {
                prove(j, p);
            }
        }
    }

    /** The cell fails R3 or R4: its interval must reach an upper protection level, not just have width 1. */
    private boolean magnitude(int k) {
        return magnitudes[k];
    }

    /**
     * The smallest integer upper bound that protects the cell: value + 1 (width 1), or the upper protection level
     * its failed magnitude rules ask for; Long.MAX_VALUE when only an unbounded interval would do.
     */
    private long need(int k) {
        return needs[k];
    }

    // ---------------------------------------------------------------------------------------------------------
    // Coalitions

    /**
     * The coalition audit of every primary cell with a largest contributor; {@code safe} (per local unknown) holds
     * the cells already proven safe from it on entry, and every cell proven safe here on return.
     */
    private void coalitions(boolean[] safe, long[] account, int spare) {
        boolean[] done = safe.clone();
        Map<String, long[]> ownOf = new HashMap<>();
        Chain chain = new Chain(account, () -> provenCoalitions(done));
        try (Lookahead<Search> ahead = new Lookahead<>(spare)) {
            for (int k = 0; k < n; k++) {
                coalition(k, done, ownOf, chain.programs(), ahead);
                chain.judge();
            }
        }
        coalitionChainStopped = chain.stopped();
        for (int k = 0; k < n; k++) {
            int cell = comp.cells[k];
            safe[k] = done[k] && !determined[k] && !breach[k] && !coalitionOpen[k] && primary[cell]
                    && assess[cell].largest() != null;
        }
    }

    /** Cells whose largest contributor is proven unable to recover them (by this audit or an earlier round's). */
    private int provenCoalitions(boolean[] done) {
        int proven = 0;
        for (int k = 0; k < n; k++) {
            if (done[k] && !determined[k] && !breach[k] && !coalitionOpen[k]) {
                proven++;
            }
        }
        return proven;
    }

    /** The largest contributor's own amounts, per local unknown, kept in {@code ownOf}. */
    private long[] own(String token, Map<String, long[]> ownOf) {
        return ownOf.computeIfAbsent(token, t -> {
            long[] o = new long[n];
            for (int j = 0; j < n; j++) {
                o[j] = sys.own(t, comp.cells[j]);
            }
            return o;
        });
    }

    /** Whether cell k (local) is a primary cell with a largest contributor whose check is still to do. */
    private boolean coalitionToDo(int k, boolean[] done) {
        int cell = comp.cells[k];
        return primary[cell] && assess[cell].largest() != null && !determined[k] && !done[k];
    }

    /** The coalition audit of cell k, with the upward searches of the next cells to check started ahead. */
    private void coalition(int k, boolean[] done, Map<String, long[]> ownOf, long[] account,
                           Lookahead<Search> ahead) {
        ahead.passed(k);
        int cell = comp.cells[k];
        String largest = assess[cell].largest();
        if (!primary[cell] || largest == null) {
            return;
        }
        if (determined[k]) {
            breach[k] = true; // derivable: the contributor recovers it like anyone else
            return;
        }
        if (done[k]) {
            return;
        }
        if (account[0] <= 0) {
            coalitionOpen[k] = true; // work budget spent: not proven
            return;
        }
        for (int j = k + 1; j < n && ahead.ahead() && ahead.room() > 0; j++) {
            if (coalitionToDo(j, done) && !ahead.offered(j)) {
                long[] ownJ = own(assess[comp.cells[j]].largest(), ownOf);
                int target = j;
                ahead.offer(j, () -> search(target, -1, ownJ, truth[target] + 1, new long[1]));
            }
        }
        long[] own = own(largest, ownOf);
        long v = truth[k];
        done[k] = true;
        Search up = adopt(ahead.take(k, () -> search(k, -1, own, v + 1, new long[1])), account);
        if (up.meets) {
            coalitionSupport[k] = up.support;
            shareCoalition(up.program, largest, own, done);
            return;
        }
        Search down = null;
        if (v - 1 >= own[k]) {
            down = search(k, 1, own, v - 1, account);
            if (down.meets) {
                coalitionSupport[k] = down.support;
                shareCoalition(down.program, largest, own, done);
                return;
            }
        }
        boolean exposed = up.optimal && (down == null || down.optimal);
        breach[k] = exposed;
        coalitionOpen[k] = !exposed;
        if (exposed) {
            coalitionHint[k] = repairHint(up.program, k, largest);
        }
    }

    /** Marks the other primary cells of the same largest contributor that a solved program proves. */
    private void shareCoalition(Program p, String token, long[] own, boolean[] done) {
        for (int i = 0; i < p.unknowns.length; i++) {
            int j = p.unknowns[i];
            int cell = comp.cells[j];
            if (done[j] || determined[j] || !primary[cell] || !token.equals(assess[cell].largest())) {
                continue;
            }
            long floor = truth[j] - 1 >= own[j] ? truth[j] - 1 : Long.MIN_VALUE;
            int[] support = proves(p, i, truth[j] + 1, floor);
            if (support != null) {
                done[j] = true;
                coalitionSupport[j] = CellSet.of(support, sys.cells);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Alternative datasets

    /**
     * Alternative datasets ({@link AlternativeData}) for every check the restricted programs left not proven: the
     * interval (up to the protection the cell needs, or width 1 from below), and against the largest contributor.
     * A dataset found proves the check; none found leaves it not proven. {@code coalitionSafe} gets the cells it
     * proves safe from their largest contributor.
     */
    private void alternatives(boolean[] coalitionSafe) {
        AlternativeData alt = null;
        for (int k = 0; k < n; k++) {
            boolean interval = !checked[k] && !determined[k];
            if (!interval && !coalitionOpen[k]) {
                continue;
            }
            if (alt == null) {
                alt = AlternativeData.of(sys, comp);
                if (alt == null) {
                    return; // no report footprints: nothing to build alternatives from
                }
            }
            int cell = comp.cells[k];
            long v = truth[k];
            if (interval) {
                long need = need(k);
                Long up = need == Long.MAX_VALUE ? null : alt.reach(cell, 1, need, null);
                Long down = up != null || magnitude(k) || v < 1 ? null : alt.reach(cell, -1, v - 1, null);
                if (up != null || down != null) {
                    checked[k] = true;
                    narrow[k] = false;
                    restricted[k] = true; // an interval contained in the attacker's, as a restricted program's
                    low[k] = down != null ? down : v;
                    high[k] = up != null ? up : v;
                    intervalSupport[k] = CellSet.of(alt.moved(), sys.cells);
                }
            }
            if (coalitionOpen[k]) {
                String largest = assess[cell].largest();
                long own = sys.own(largest, cell);
                if (alt.reach(cell, 1, v + 1, largest) != null
                        || (v - 1 >= own && alt.reach(cell, -1, v - 1, largest) != null)) {
                    coalitionOpen[k] = false;
                    coalitionSafe[k] = true;
                    coalitionSupport[k] = CellSet.of(alt.moved(), sys.cells);
                }
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // The whole program, in floating point, with exact certificates

    /**
     * Simplex iterations (and exact-vertex refinement steps) each chain of whole-program checks of one audit may
     * spend (see {@link SparseSimplex}).
     */
    static final long WHOLE_ITERATIONS = 400_000;

    /**
     * The alternative datasets, then the whole component's program ({@link SparseSimplex}) for every check still
     * open, in two independent chains of programs, each with its own simplex, basis and iterations: the intervals
     * (lower bounds 0) and the largest contributors (their own amounts). They write disjoint results (the interval
     * fields; the coalition fields), so the second runs on a spare core, if any, beside the first. The intervals'
     * program crosses over to its first basis beside the alternative datasets (it needs nothing from them), and
     * the largest contributors' programs start from that basis unless an earlier pattern left them one: a
     * crossover from scratch costs several times one from a basis of the same program.
     */
    private void alternativesAndWholeProgram(boolean[] coalitionSafe, long iterations, Proofs proofs,
            long intervalCheckWork) {
        boolean open = false;
        for (int k = 0; k < n && !open; k++) {
            open = (!checked[k] && !determined[k]) || coalitionOpen[k];
        }
        if (iterations <= 0 || !open) {
            alternatives(coalitionSafe);
            return;
        }
        SparseSimplex intervalsLp = new SparseSimplex(comp);
        SparseSimplex coalitionsLp = new SparseSimplex(comp);
        boolean coalitionsSuggested = false;
        if (proofs != null) {
            proofs.suggest(comp, intervalsLp, 0);
            coalitionsSuggested = proofs.suggest(comp, coalitionsLp, 1);
        }
        long[] intervalsLeft = {iterations};
        boolean[] intervalsStarted = {false};
        Lookahead.sideBySide(() -> alternatives(coalitionSafe), () -> {
            intervalsStarted[0] = intervalsLp.start(new long[n], truth, iterations) == SparseSimplex.Status.OPTIMAL;
            intervalsLeft[0] -= intervalsLp.spent();
        });
        if (!coalitionsSuggested && intervalsStarted[0]) {
            coalitionsLp.suggest(intervalsLp.basicUnknowns(), intervalsLp.basicArtificialRows());
        }
        // The contributors' programs, in token order; the last few go to the intervals' chain while that shortens
        // the longer chain by estimated work (decided from counts alone, so the outcome does not depend on timing).
        List<Map.Entry<String, List<Integer>>> tokens = openCoalitionsByToken();
        List<Integer> openIntervals = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            if (!checked[k] && !determined[k]) {
                openIntervals.add(k);
            }
        }
        long intervalsWork = openIntervals.size() * intervalCheckWork;
        long coalitionsWork = 0;
        for (var t : tokens) {
            coalitionsWork += tokenWork(t);
        }
        int split = tokens.size();
        while (split > 1 && intervalsWork + tokenWork(tokens.get(split - 1)) < coalitionsWork) {
            split--;
            intervalsWork += tokenWork(tokens.get(split));
            coalitionsWork -= tokenWork(tokens.get(split));
        }
        List<Map.Entry<String, List<Integer>>> ownChain = tokens.subList(0, split);
        List<Map.Entry<String, List<Integer>>> intervalsChain = tokens.subList(split, tokens.size());
        // When the interval checks alone are by far the longer chain, the last of them go to the other chain,
        // after its contributors and a crossover to the intervals' program, while that shortens the longer chain
        // (RESTART_WORK says by how far). Each chain shares its points only with its own checks, so what either
        // finds does not depend on the other's timing.
        int kept = openIntervals.size();
        long restart = RESTART_WORK;
        while (kept > 0 && coalitionsWork + restart + intervalCheckWork < intervalsWork - intervalCheckWork) {
            kept--;
            intervalsWork -= intervalCheckWork;
            coalitionsWork += restart + intervalCheckWork;
            restart = 0;
        }
        List<Integer> ownIntervals = openIntervals.subList(0, kept);
        List<Integer> movedIntervals = openIntervals.subList(kept, openIntervals.size());
        Lookahead.sideBySide(() -> {
                    if (intervalsStarted[0]) {
                        wholeIntervals(intervalsLp, ownIntervals, intervalsLeft);
                    }
                    wholeCoalitions(intervalsLp, intervalsChain, coalitionSafe, intervalsLeft);
                },
                () -> {
                    long[] left = {iterations};
                    wholeCoalitions(coalitionsLp, ownChain, coalitionSafe, left);
                    if (!movedIntervals.isEmpty() && left[0] > 0) {
                        boolean started = coalitionsLp.start(new long[n], truth, left[0])
                                == SparseSimplex.Status.OPTIMAL;
                        left[0] -= coalitionsLp.spent();
                        if (started) {
                            wholeIntervals(coalitionsLp, movedIntervals, left);
                        }
                    }
                });
        if (proofs != null) {
            proofs.keep(comp, intervalsLp, 0);
            proofs.keep(comp, coalitionsLp, 1);
        }
    }

    /**
     * The interval checks of {@code open} (cells still open), on the whole component's program (lower bounds 0,
     * already started): each optimum is turned into an exact proof by {@link Certificates}: a verified point proves
     * protection (and, shared, the other cells of {@code open} it already protects), verified duals prove a bound
     * too short. A check neither way stays not proven.
     */
    private void wholeIntervals(SparseSimplex lp, List<Integer> open, long[] left) {
        long[] zero = new long[n];
        for (int k : open) {
            if (!checked[k]) {
                wholeInterval(lp, zero, k, open, left);
            }
        }
    }

    /**
     * Rough costs of whole-program work (milliseconds on the sample's component, warm), used only to share the
     * contributors' programs between the two chains, moving the last to the intervals' chain while that shortens
     * the longer one: an open interval check, a contributor's program (its crossover), a largest-contributor
     * check (most are settled by another check's point).
     */
    private static final long INTERVAL_CHECK_WORK = 4;
    private static final long TOKEN_WORK = 80;
    private static final long COALITION_CHECK_WORK = 2;
    /**
     * An open interval check where no restricted program ran first (the audit through the hidden cells once they
     * stopped paying, {@link Proofs#withoutRestrictedPrograms}): every check of the component is then open, and
     * most are settled by another's point as cheaply as a largest-contributor check. Counted at 4 there, the
     * interval checks looked twice as long as they were and a fifth of them moved to the contributors' chain, where
     * they share fewer points: at 10,000 reports (4,983 open checks, 14 contributors' 4,415) the chains took 1.20
     * and 2.06 s; counted at 2, nothing moves and they take 1.25 and 1.27 s. At a million reports (6,484 checks, 9
     * contributors' 6,155) 0.88 and 1.03 s with 1,463 moved, 1.07 and 0.71 s with none (6 Dec 2026, eighteenth
     * session). Where restricted programs ran, the checks they leave open are the hard ones, and the old estimate
     * stays (a generated dataset of 3,000 reports, whose restricted programs pay in every audit, took a second
     * longer with 2 there).
     */
    private static final long SHARED_INTERVAL_CHECK_WORK = 2;
    /**
     * The crossover that lets the contributors' chain take interval checks, and what the checks moved after it cost
     * more there. Counted as high as this because the interval checks' estimate is the roughest: most checks are
     * settled by another check's point, the more so the larger the data. At a million and three million reports
     * (378 and 313 open checks, estimated at 1.5 and 1.25 s) the crossover counted at 80 let 124 and 99 of them
     * move, and the two chains then took 0.51 to 0.79 s and 0.53 to 0.79 s; with none moved, 0.28 to 0.42 s and
     * 0.37 to 0.55 s (4 Dec 2026, quick compiler, 24 and 6 audits each way, alternating). Nothing moves on the
     * sample either way.
     */
    private static final long RESTART_WORK = 1200;

    private static long tokenWork(Map.Entry<String, List<Integer>> token) {
        return TOKEN_WORK + COALITION_CHECK_WORK * token.getValue().size();
    }

    /** The open largest-contributor checks (local unknowns, ascending) by largest contributor, in token order. */
    private List<Map.Entry<String, List<Integer>>> openCoalitionsByToken() {
        Map<String, List<Integer>> byToken = new java.util.TreeMap<>();
        for (int k = 0; k < n; k++) {
            if (coalitionOpen[k]) {
                byToken.computeIfAbsent(assess[comp.cells[k]].largest(), t -> new ArrayList<>()).add(k);
            }
        }
        return new ArrayList<>(byToken.entrySet());
    }

    /**
     * The largest-contributor checks still open of the given contributors, on the whole component's program lp,
     * one program per contributor (its own amounts are the lower bounds), proven as in {@link #wholeIntervals}.
     */
    private void wholeCoalitions(SparseSimplex lp, List<Map.Entry<String, List<Integer>>> tokens,
                                 boolean[] coalitionSafe, long[] left) {
        for (var e : tokens) {
            if (left[0] <= 0) {
                return;
            }
            long[] own = new long[n];
            for (int j = 0; j < n; j++) {
                own[j] = sys.own(e.getKey(), comp.cells[j]);
            }
            SparseSimplex.Status started = lp.start(own, truth, left[0]);
            left[0] -= lp.spent();
            if (started != SparseSimplex.Status.OPTIMAL) {
                continue;
            }
            for (int k : e.getValue()) {
                if (!coalitionOpen[k]) {
                    continue;
                }
                long v = truth[k];
                Side up = side(lp, own, k, 1, v + 1, left);
                Side down = up.point != null || v - 1 < own[k] ? null : side(lp, own, k, -1, v - 1, left);
                if (up.point != null || (down != null && down.point != null)) {
                    Certificates.Point point = up.point != null ? up.point : down.point;
                    CellSet support = support(point);
                    coalitionOpen[k] = false;
                    coalitionSafe[k] = true;
                    coalitionSupport[k] = support;
                    shareCoalitionPoint(point, support, own, e.getValue(), coalitionSafe);
                } else if (up.bound != null && (v - 1 < own[k] || down.bound != null)) {
                    coalitionOpen[k] = false;
                    breach[k] = true;
                    coalitionHint[k] = repairHint(up.duals, e.getKey());
                }
            }
        }
    }

    /** Proves every other open largest-contributor check of the same contributor that a verified point (with that
     * contributor's own amounts as lower bounds) already settles: the cell reaches value + 1, or value - 1 above its
     * own amount. */
    private void shareCoalitionPoint(Certificates.Point p, CellSet support, long[] own, List<Integer> cells,
                                     boolean[] coalitionSafe) {
        for (int j : cells) {
            if (!coalitionOpen[j]) {
                continue;
            }
            long v = truth[j];
            if (p.atLeast(j, v + 1) || (v - 1 >= own[j] && p.atMost(j, v - 1))) {
                coalitionOpen[j] = false;
                coalitionSafe[j] = true;
                coalitionSupport[j] = support;
            }
        }
    }

    /** One side of a check on the whole program: a verified point reaching the target, or a verified bound short
     * of it, or neither. */
    private record Side(Certificates.Point point, Certificates.Rational bound, double[] duals) {
    }

    private static final Side UNDECIDED = new Side(null, null, null);

    /** Optimises x_k in direction sense and tries to prove {@code sense * x_k >= sense * target} either way. */
    private Side side(SparseSimplex lp, long[] lower, int k, int sense, long target, long[] left) {
        if (left[0] <= 0) {
            return UNDECIDED;
        }
        if (!lp.started()) {
            // A factorisation found the last basis singular: cross over again from the true values.
            SparseSimplex.Status restarted = lp.start(lower, truth, left[0]);
            left[0] -= lp.spent();
            if (restarted != SparseSimplex.Status.OPTIMAL || left[0] <= 0) {
                return UNDECIDED;
            }
        }
        long budget = Math.min(left[0], 20L * lp.rows() + 1000);
        SparseSimplex.Status s = lp.optimise(k, sense, budget, target);
        left[0] -= lp.spent();
        if (s == SparseSimplex.Status.REACHED) {
            // The target is reached before the optimum: that vertex, verified exactly, is the proof. One that
            // does not verify (large denominators, rounding) is optimised on from where it stopped, as before.
            Certificates.Point p = Certificates.point(comp, lower, lp.primal());
            if (p != null && (sense > 0 ? p.atLeast(k, target) : p.atMost(k, target))) {
                return new Side(p, null, null);
            }
            budget -= lp.spent();
            s = lp.optimise(k, sense, Math.max(0, budget));
            left[0] -= lp.spent();
        }
        double[] x = lp.primal();
        if (s == SparseSimplex.Status.UNBOUNDED) {
            double[] ray = lp.ray();
            double dir = sense * ray[k];
            if (dir <= 0) {
                return UNDECIDED;
            }
            double t = Math.ceil(Math.max(0, sense * (target - x[k])) / dir) + 1;
            for (int j = 0; j < n; j++) {
                x[j] += t * ray[j];
            }
        } else if (s != SparseSimplex.Status.OPTIMAL) {
            return UNDECIDED;
        }
        // A certificate that fails its exact check is tried once more after a fresh factorisation of the basis,
        // which removes the rounding the eta updates accumulated.
        boolean refreshed = false;
        while (true) {
            if (sense * (x[k] - target) >= -1e-6) {
                Certificates.Point p = Certificates.point(comp, lower, x);
                if (p == null && s == SparseSimplex.Status.OPTIMAL) {
                    // Not a point of small denominators: the vertex in exact rationals, by refinement, whose steps
                    // count against the iterations like the simplex's own.
                    p = Certificates.point(comp, lower, lp.exactVertex());
                    left[0] -= lp.spent();
                }
                if (p != null && (sense > 0 ? p.atLeast(k, target) : p.atMost(k, target))) {
                    return new Side(p, null, null);
                }
            } else {
                double[] y = lp.dual(k);
                Certificates.Rational b = Certificates.bound(comp, lower, y, k, sense);
                if (b != null && (sense > 0 ? !b.atLeast(target) : !b.atMost(target))) {
                    return new Side(null, b, y);
                }
            }
            if (refreshed || s != SparseSimplex.Status.OPTIMAL || !lp.refresh()) {
                return UNDECIDED;
            }
            refreshed = true;
            x = lp.primal();
        }
    }

    private void wholeInterval(SparseSimplex lp, long[] zero, int k, List<Integer> open, long[] left) {
        long v = truth[k];
        long need = need(k);
        boolean magnitude = magnitude(k);
        Side up = need == Long.MAX_VALUE ? UNDECIDED : side(lp, zero, k, 1, need, left);
        if (up.point != null) {
            CellSet support = support(up.point);
            provePoint(k, v, up.point.value(k), support);
            sharePoint(up.point, support, open);
            return;
        }
        Side down = UNDECIDED;
        if (!magnitude && v >= 1) {
            down = side(lp, zero, k, -1, v - 1, left);
            if (down.point != null) {
                CellSet support = support(down.point);
                provePoint(k, down.point.value(k), v, support);
                sharePoint(down.point, support, open);
                return;
            }
        }
        if (up.bound != null && (magnitude || v == 0 || down.bound != null)) {
            checked[k] = true;
            narrow[k] = true;
            // Marked as a restricted program's finding, so that it is repaired as one: a primary cell gets a
            // complement that can lend it something; a pinned complement is reported, not repaired.
            restricted[k] = true;
            high[k] = up.bound.value();
            // Without a certified minimum, the true value: [v, max] lies inside the attacker's interval.
            low[k] = down.bound != null ? down.bound.value() : v;
            intervalHint[k] = repairHint(up.duals, null);
        }
    }

    private void provePoint(int k, double lo, double hi, CellSet support) {
        intervalSupport[k] = support;
        checked[k] = true;
        narrow[k] = false;
        restricted[k] = true; // an interval contained in the attacker's, as a restricted program's
        low[k] = lo;
        high[k] = hi;
    }

    /** The cells (system ids, ascending) a verified point has away from their true values. */
    private CellSet support(Certificates.Point p) {
        int[] moved = scratch.get().moved; // (not an array of the component's size for each point)
        int m = 0;
        for (int j = 0; j < n; j++) {
            if (p.differs(j, truth[j])) {
                moved[m++] = comp.cells[j];
            }
        }
        return CellSet.of(moved, m, sys.cells);
    }

    /** Proves every other open cell the verified point already protects. */
    private void sharePoint(Certificates.Point p, CellSet support, List<Integer> open) {
        for (int j : open) {
            if (checked[j]) {
                continue;
            }
            long v = truth[j];
            long need = need(j);
            if (need != Long.MAX_VALUE && p.atLeast(j, need)) {
                provePoint(j, v, p.value(j), support);
            } else if (!magnitude(j) && v >= 1 && p.atMost(j, v - 1)) {
                provePoint(j, p.value(j), v, support);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Repair hints

    /**
     * The repair hint for cell k from restricted program p, just solved for the maximum of x_k (its duals are
     * optimal for the whole component's program, since no fixed cell priced out), or -1.
     */
    private int repairHint(Program p, int k, String token) {
        if (p == null) {
            return -1;
        }
        try {
            long[] scaled = p.duals(p.at(k), -1);
            double[] y = new double[comp.rowCols.length];
            for (int i = 0; i < scaled.length; i++) {
                y[p.rows[i]] = -(double) scaled[i]; // min -x_k's duals, turned into max x_k's (any positive scale)
            }
            return repairHint(y, token);
        } catch (ArithmeticException | ExactSimplex.Unsolved | IllegalStateException unsolvable) {
            return -1;
        }
    }

    /**
     * The published cell whose withholding most raises the maximum of a cell that the duals y certify (one per
     * row of the component, the whole program's sign: g = e_k - A^T y &lt;= 0 proves the maximum): withheld, a
     * cell c becomes an unknown with reduced cost g_c = -sum_r y_r a_rc. With g_c &gt; 0 raising it raises the
     * bound without limit (as far as these duals tell); with g_c &lt; 0 lowering it to its floor (0, or the
     * contributor's own amount) raises the bound by -g_c times what it can give. Only cells whose every relation
     * holds a withheld cell of the component count: any other relation would pin the cell at its value. The first
     * kind is preferred, the larger gain first, then the lower cell id; -1 when no published cell would help. A
     * heuristic for the repair only: the next audit decides.
     */
    private int repairHint(double[] y, String token) {
        if (y == null) {
            return -1;
        }
        java.util.TreeMap<Integer, Double> reduced = new java.util.TreeMap<>();
        for (int i = 0; i < y.length; i++) {
            if (Math.abs(y[i]) < SparseSimplex.COST_TOL) {
                continue;
            }
            int r = comp.sysRow[i];
            int[] cells = sys.rowCells[r];
            int[] coef = sys.rowCoef[r];
            for (int t = 0; t < cells.length; t++) {
                if (Arrays.binarySearch(comp.cells, cells[t]) < 0) { // not withheld (else it is in the component)
                    reduced.merge(cells[t], -y[i] * coef[t], Double::sum);
                }
            }
        }
        boolean[] inComponent = new boolean[sys.rowCells.length];
        for (int r : comp.sysRow) {
            inComponent[r] = true;
        }
        int best = -1;
        boolean bestRises = false;
        double bestGain = 0;
        candidates:
        for (var e : reduced.entrySet()) {
            int c = e.getKey();
            for (int r : sys.cellRows[c]) {
                if (!inComponent[r]) {
                    continue candidates; // a relation with nothing else withheld would pin it at its value
                }
            }
            double g = e.getValue();
            boolean rises = g > SparseSimplex.COST_TOL;
            double gain;
            if (rises) {
                gain = g;
            } else if (g < -SparseSimplex.COST_TOL) {
                gain = -g * (sys.value[c] - (token == null ? 0 : sys.own(token, c)));
                if (gain <= 0) {
                    continue;
                }
            } else {
                continue;
            }
            if (best < 0 || (rises && !bestRises) || (rises == bestRises && gain > bestGain)) {
                best = c;
                bestRises = rises;
                bestGain = gain;
            }
        }
        return best;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Restricted programs

    /**
     * A restricted program over a set N of the component's unknowns (every other unknown fixed at its true value),
     * presolved: a row holding a single free unknown (with coefficient +-1) pins it at its true value, which is
     * substituted, and so on to a fixed point (on a neighbourhood most boundary rows are such rows). The rest goes
     * to an {@link ExactSimplex} with duals; the duals of the eliminated rows are recovered afterwards by
     * back-substitution, so that every pinned unknown has reduced cost 0 and the duals are optimal for the whole
     * restricted program.
     */
    private final class Program {
        /** N: local indices of the component, ascending. */
        final int[] unknowns;
        /** The component's rows holding an unknown of N (local row indices, ascending). */
        final int[] rows;
        /** Per unknown of N: its lower bound (never written: it may be {@link #noLowerBounds}, longer than N). */
        long[] lower;
        /**
         * Per unknown of N: its column in the simplex, or -1 when pinned by the presolve (never written once made: it
         * may be {@link #allPinned}, longer than N).
         */
        int[] column;
        /** Per simplex row: the index into {@link #rows}. */
        int[] lpRow;
        /** Elimination order: the index into {@link #rows} of the row that pinned... */
        int[] pinRow;
        /** ... the index into {@link #unknowns} it pinned. */
        int[] pinned;
        /** The simplex's columns (local unknowns left free by the presolve), their lower bounds, its rows. */
        private int[] lpColumns;
        private long[] lpLower;
        private int[] lpRows;
        /** The simplex over the unknowns left free; null when the presolve pinned them all. */
        final ExactSimplex lp;
        /** Work of {@link #lp} already charged to {@link #account}. */
        private long charged;
        /** Whether the simplex sits at the optimal vertex of the last {@link #bound} (finite, not pinned). */
        private boolean atVertex;
        /**
         * The cells the two points behind the last {@link #interval} move from their true values (system ids,
         * ascending; see {@link #witness}), or null.
         */
        int[] intervalPoints;
        /**
         * What the work is charged to (counted down): the audit's budget, or, for a program solved ahead of the
         * loop ({@link Lookahead}), its own count until the loop adopts it.
         */
        private long[] account;

        Program(int[] unknowns, long[] lowerOrNull, long[] account) {
            this.unknowns = unknowns;
            this.account = account;
            Scratch scratch = RestrictedAudit.this.scratch.get();
            // The rows holding an unknown, ascending: marked in a bit set, read back in order (no sort).
            long[] bits = scratch.rowBits;
            int m = 0;
            for (int u : unknowns) {
                for (int r : colRows[u]) {
                    long bit = 1L << r;
                    if ((bits[r >>> 6] & bit) == 0) {
                        bits[r >>> 6] |= bit;
                        m++;
                    }
                }
            }
            rows = new int[m];
            int w = 0;
            for (int word = 0; w < m; word++) {
                long b = bits[word];
                bits[word] = 0;
                while (b != 0) {
                    rows[w++] = (word << 6) + Long.numberOfTrailingZeros(b);
                    b &= b - 1;
                }
            }
            try {
                scratch.index(NONE, rows);
                presolve(lowerOrNull, scratch);
            } finally {
                scratch.clear(NONE, rows);
            }
            lp = lpColumns.length == 0 ? null
                    : new ExactSimplex(comp.sub(lpColumns, lpRows, truth, scratch.pos), lpLower, true);
            charge();
        }

        /**
         * The cells the point behind the last {@link #bound} moves from their true values (system ids, ascending):
         * for a finite bound, the optimal vertex's unknowns away from their true values (the unknowns the presolve
         * pinned, and every cell outside N, are at theirs); for an unbounded one, every unknown of N (the points
         * along the ray). Read right after the bound, before the simplex moves on.
         */
        int[] witness() {
            if (!atVertex) {
                int[] all = new int[unknowns.length];
                for (int i = 0; i < all.length; i++) {
                    all[i] = comp.cells[unknowns[i]];
                }
                return all;
            }
            long[] at = new long[lpColumns.length];
            for (int t = 0; t < at.length; t++) {
                at[t] = truth[lpColumns[t]];
            }
            boolean[] away = lp.awayFrom(at);
            int count = 0;
            for (boolean a : away) {
                count += a ? 1 : 0;
            }
            int[] moved = new int[count];
            int w = 0;
            for (int t = 0; t < away.length; t++) { // the columns, and the component's cells, are ascending
                if (away[t]) {
                    moved[w++] = comp.cells[lpColumns[t]];
                }
            }
            return moved;
        }

        /** The presolve (see the class comment) and the simplex's columns, rows and bounds. */
        private void presolve(long[] lowerOrNull, Scratch scratch) {
            int[] rowAt = scratch.rowAt;
            int size = unknowns.length;
            int m = rows.length;
            if (lowerOrNull == null) {
                lower = noLowerBounds; // read only, as far as N goes
            } else {
                lower = new long[size];
                for (int i = 0; i < size; i++) {
                    lower[i] = lowerOrNull[unknowns[i]];
                }
            }
            // Presolve: propagate rows with a single free unknown. Per row: how many unknowns of N it holds, and
            // the exclusive or of their indices in N (once one is left, that is its index: rows can be long). The
            // work arrays are the thread's (about 86,000 programs at a million reports, each pinning all but a few
            // of its 270 unknowns on average: with new arrays for each, and the coefficient looked up for every pin,
            // the presolve took 1.35 s of CPU against 1.05 s).
            int[] freeCount = scratch.freeCount;
            int[] freeXor = scratch.freeXor;
            boolean[] used = scratch.usedRow;
            int[] queue = scratch.queue;
            boolean[] free = scratch.free;
            Arrays.fill(freeCount, 0, m, 0);
            Arrays.fill(freeXor, 0, m, 0);
            Arrays.fill(used, 0, m, false);
            Arrays.fill(free, 0, size, true);
            for (int j = 0; j < size; j++) {
                for (int r : colRows[unknowns[j]]) {
                    int i = rowAt[r];
                    freeCount[i]++;
                    freeXor[i] ^= j;
                }
            }
            int head = 0;
            int tail = 0;
            for (int i = 0; i < m; i++) {
                if (freeCount[i] == 1) {
                    queue[tail++] = i;
                }
            }
            int[] pr = scratch.pinRow;
            int[] pv = scratch.pinned;
            int pins = 0;
            while (head < tail) {
                int i = queue[head++];
                if (freeCount[i] != 1) {
                    continue;
                }
                int j = freeXor[i];
                if (!unitColumn[unknowns[j]] && Math.abs(coefficient(rows[i], unknowns[j])) != 1) {
                    continue; // coefficient other than +-1: leave the row to the simplex
                }
                free[j] = false;
                used[i] = true;
                pr[pins] = i;
                pv[pins] = j;
                pins++;
                for (int r2 : colRows[unknowns[j]]) {
                    int i2 = rowAt[r2];
                    freeCount[i2]--;
                    freeXor[i2] ^= j;
                    if (freeCount[i2] == 1) {
                        queue[tail++] = i2;
                    }
                }
            }
            pinRow = Arrays.copyOf(pr, pins);
            pinned = Arrays.copyOf(pv, pins);
            if (pins == size) {
                // Every unknown pinned (about 90% of the programs at a million reports): no column, and no row left,
                // since each row's count fell to 0 as its last unknown was pinned. Shared, never written.
                column = allPinned;
                lpColumns = NONE;
                lpRows = NONE;
                lpRow = NONE;
                lpLower = NO_BOUNDS;
                return;
            }
            column = new int[size];
            int nFree = 0;
            for (int i = 0; i < size; i++) {
                column[i] = free[i] ? nFree++ : -1;
            }
            int[] freeUnknowns = new int[nFree];
            long[] freeLower = new long[nFree];
            for (int i = 0; i < size; i++) {
                if (free[i]) {
                    freeUnknowns[column[i]] = unknowns[i];
                    freeLower[column[i]] = lower[i];
                }
            }
            int kept = 0;
            for (int i = 0; i < m; i++) {
                if (!used[i] && freeCount[i] > 0) {
                    kept++;
                }
            }
            lpRow = new int[kept];
            int[] keptRows = new int[kept];
            int w = 0;
            for (int i = 0; i < m; i++) {
                if (!used[i] && freeCount[i] > 0) {
                    lpRow[w] = i;
                    keptRows[w] = rows[i];
                    w++;
                }
            }
            lpColumns = freeUnknowns;
            lpRows = keptRows;
            lpLower = freeLower;
        }

        /** Charges the simplex work done since the last charge to the account. */
        private void charge() {
            if (lp != null) {
                long w = lp.work();
                account[0] -= w - charged;
                charged = w;
            }
        }

        /** Index of the component's local unknown in N, or -1. */
        int at(int local) {
            int i = Arrays.binarySearch(unknowns, local);
            return i < 0 ? -1 : i;
        }

        /**
         * The integer bound of unknown i (index into N): floor(max) for sign -1, ceil(min) for sign +1;
         * Long.MAX_VALUE when unbounded above.
         */
        long bound(int i, int sign) {
            atVertex = false;
            if (column[i] < 0) {
                return truth[unknowns[i]];
            }
            long[] opt;
            try {
                opt = lp.optimize(column[i], sign);
            } finally {
                charge();
            }
            if (opt == null) {
                return Long.MAX_VALUE;
            }
            atVertex = true;
            return sign < 0 ? Math.addExact(lower[i], Math.floorDiv(opt[0], opt[1]))
                    : Math.addExact(lower[i], -Math.floorDiv(-opt[0], opt[1]));
        }

        /** The restricted interval of unknown i (index into N) as {low, high}; high may be +Infinity. */
        double[] interval(int i) {
            intervalPoints = null;
            if (column[i] < 0) {
                return new double[] {truth[unknowns[i]], truth[unknowns[i]]};
            }
            long[] hi;
            long[] lo;
            try {
                hi = lp.optimize(column[i], -1);
                atVertex = hi != null;
                int[] high = witness();
                lo = lp.optimize(column[i], 1);
                atVertex = true;
                intervalPoints = union(high, witness());
            } finally {
                atVertex = false;
                charge();
            }
            return new double[] {lower[i] + (double) lo[0] / lo[1],
                    hi == null ? Double.POSITIVE_INFINITY : lower[i] + (double) hi[0] / hi[1]};
        }

        /**
         * Optimal duals, times a common positive scale D, for every row of {@link #rows}, of the program
         * min sign * x_i just solved by {@link #bound}: from the simplex for its rows, 0 for rows the presolve
         * emptied, and for each pinning row, in reverse elimination order, the value that gives its pinned unknown
         * reduced cost 0.
         */
        long[] duals(int i, int sign) {
            return duals(i, sign, new long[rows.length]);
        }

        /** As {@link #duals(int, int)}, into the first {@code rows.length} entries of {@code y}. */
        long[] duals(int i, int sign, long[] y) {
            long scale = lp == null ? 1 : lp.denominator();
            Arrays.fill(y, 0, rows.length, 0);
            if (lp != null && column[i] >= 0) {
                long[] yl = lp.scaledDuals(column[i], sign);
                for (int q = 0; q < lpRow.length; q++) {
                    y[lpRow[q]] = yl[q];
                }
            }
            Scratch scratch = RestrictedAudit.this.scratch.get();
            int[] rowAt = scratch.rowAt;
            try {
                scratch.index(NONE, rows);
                for (int t = pinned.length - 1; t >= 0; t--) {
                    int j = pinned[t];
                    int own = pinRow[t];
                    long sum = j == i ? sign * scale : 0; // D c_j
                    long a = 0;
                    int[] holding = colRows[unknowns[j]];
                    int[] coefs = colCoef[unknowns[j]];
                    for (int e = 0; e < holding.length; e++) {
                        int q = rowAt[holding[e]];
                        if (q == own) {
                            a = coefs[e];
                        } else if (y[q] != 0) { // most duals of a pinned program are 0, and adding 0 is no call
                            sum = Math.subtractExact(sum, Math.multiplyExact(y[q], (long) coefs[e]));
                        }
                    }
                    y[own] = a == 1 ? sum : Math.negateExact(sum); // a is +-1
                }
            } finally {
                scratch.clear(NONE, rows);
            }
            return y;
        }
    }

    /** The coefficient of local unknown c in local row r. */
    private int coefficient(int r, int c) {
        // an unknown is in a few rows, a row may hold hundreds of unknowns: look among the unknown's rows
        int[] holding = colRows[c];
        for (int e = 0; e < holding.length; e++) {
            if (holding[e] == r) {
                return colCoef[c][e];
            }
        }
        throw new IllegalArgumentException("unknown " + c + " is not in row " + r);
    }

    /**
     * The outcome of optimising one bound of a target by column generation: the last program (null when none
     * could be solved), whether its bound meets the target, and whether that bound is the whole component's.
     */
    private record Search(Program program, boolean meets, boolean optimal, long[] account, CellSet support) {
        Search(Program program, boolean meets, boolean optimal, long[] account) {
            this(program, meets, optimal, account, null);
        }
    }

    /**
     * The search as the loop takes it: the work done on the search's own account (ahead of the loop) is charged
     * to the loop's {@code account} now, where the sequential loop would have charged it, and the program charges
     * that account from here on.
     */
    private static Search adopt(Search s, long[] account) {
        account[0] += s.account[0];
        if (s.program != null) {
            s.program.account = account;
        }
        return s;
    }

    /**
     * Optimises sign * x_k (sign -1: max, +1: min) over restricted programs around k, adding priced-out cells
     * until the integer bound meets {@code target} (max: floor(max) &gt;= target; min: ceil(min) &lt;= target),
     * no fixed cell prices out (the bound is the component's own), or the cap is reached.
     */
    private Search search(int k, int sign, long[] lower, long target, long[] account) {
        int[] unknowns = neighbourhood(k);
        Program p = null;
        while (true) {
            try {
                p = new Program(unknowns, lower, account);
                int at = p.at(k);
                long bound = p.bound(at, sign);
                if (sign < 0 ? bound >= target : bound <= target) {
                    return new Search(p, true, false, account, CellSet.of(p.witness(), sys.cells));
                }
                int[] more = priced(p, p.duals(at, sign, scratch.get().duals), lower);
                if (more.length == 0) {
                    return new Search(p, false, true, account);
                }
                if (unknowns.length >= maxUnknowns) {
                    return new Search(p, false, false, account);
                }
                unknowns = union(unknowns, more, maxUnknowns);
            } catch (ArithmeticException | ExactSimplex.Unsolved | IllegalStateException unsolvable) {
                return new Search(p, false, false, account);
            }
        }
    }

    /**
     * Whether program p gives unknown i (index into N) a floor(max) &gt;= up, or a ceil(min) &lt;= down: the cells
     * the point that shows it moves ({@link Program#witness}), or null when it does not.
     */
    private static int[] proves(Program p, int i, long up, long down) {
        if (p.column[i] < 0) {
            return null;
        }
        try {
            long max = p.bound(i, -1);
            if (max >= up) {
                return p.witness();
            }
            if (down == Long.MIN_VALUE) {
                return null;
            }
            long min = p.bound(i, 1);
            return min <= down ? p.witness() : null;
        } catch (ArithmeticException | ExactSimplex.Unsolved unsolvable) {
            return null;
        }
    }

    /** The cells of two ascending lists, ascending, each once. */
    private static int[] union(int[] a, int[] b) {
        int[] out = new int[a.length + b.length];
        int i = 0;
        int j = 0;
        int w = 0;
        while (i < a.length || j < b.length) {
            int next = j >= b.length || (i < a.length && a[i] <= b[j]) ? a[i] : b[j];
            if (i < a.length && a[i] == next) {
                i++;
            }
            if (j < b.length && b[j] == next) {
                j++;
            }
            out[w++] = next;
        }
        return Arrays.copyOf(out, w);
    }

    /** Records k as proven protected by program p, with p's interval for k (contained in the true one). */
    private void prove(int k, Program p) {
        record(k, p);
        // the points of the interval reported, one of which reaches what the cell needs (the same optimum)
        intervalSupport[k] = Double.isNaN(low[k]) ? null : CellSet.of(p.intervalPoints, sys.cells);
        checked[k] = true;
        narrow[k] = false;
    }

    /** Stores program p's interval for k (both bounds); leaves NaN when p is null or cannot be solved. */
    private void record(int k, Program p) {
        if (p == null) {
            return;
        }
        try {
            double[] lh = p.interval(p.at(k));
            low[k] = lh[0];
            high[k] = lh[1];
            restricted[k] = true;
        } catch (ArithmeticException | ExactSimplex.Unsolved unsolvable) {
            low[k] = Double.NaN;
            high[k] = Double.NaN;
        }
    }

    /** The first unknowns around k: breadth first through the relations, at most firstUnknowns, ascending. */
    private int[] neighbourhood(int k) {
        Scratch scratch = this.scratch.get();
        boolean[] seen = scratch.near;
        boolean[] seenRow = scratch.nearRow;
        int[] rowsSeen = scratch.nearRows;
        int[] in = new int[Math.min(firstUnknowns, n)];
        int size = 0;
        int rowCount = 0;
        in[size++] = k;
        seen[k] = true;
        // level by level: the frontier is in[from, to); the next level is appended in the order found, and the
        // search ends once N is full (the cells past the cap are never taken)
        int from = 0;
        int to = size;
        try {
            while (size < in.length && from < to) {
                for (int f = from; f < to && size < in.length; f++) {
                    for (int r : colRows[in[f]]) {
                        if (size == in.length) {
                            break;
                        }
                        if (!seenRow[r]) {
                            seenRow[r] = true;
                            rowsSeen[rowCount++] = r;
                            for (int c : comp.rowCols[r]) {
                                if (!seen[c]) {
                                    seen[c] = true;
                                    in[size++] = c;
                                    if (size == in.length) {
                                        break;
                                    }
                                }
                            }
                        }
                    }
                }
                from = to;
                to = size;
            }
        } finally {
            for (int i = 0; i < size; i++) {
                seen[in[i]] = false;
            }
            for (int i = 0; i < rowCount; i++) {
                seenRow[rowsSeen[i]] = false;
            }
        }
        int[] out = Arrays.copyOf(in, size);
        Arrays.sort(out);
        return out;
    }

    /**
     * The fixed cells (local indices, ascending) whose reduced cost under the duals y (one per row of p, scaled
     * by a positive constant) says that freeing them could improve the bound: negative, or positive while the
     * cell is above its lower bound. Empty: the bound is the whole component's.
     */
    private int[] priced(Program p, long[] y, long[] lower) {
        Scratch scratch = this.scratch.get();
        int[] inN = scratch.pos;
        long[] acc = scratch.acc;
        boolean[] touched = scratch.touched;
        boolean[] overflow = scratch.overflow;
        int[] cand = new int[16];
        int count = 0;
        try {
            scratch.index(p.unknowns, NONE);
            for (int i = 0; i < p.rows.length; i++) {
                if (y[i] == 0) {
                    continue;
                }
                int r = p.rows[i];
                int[] cols = comp.rowCols[r];
                int[] coef = comp.rowCoef[r];
                for (int t = 0; t < cols.length; t++) {
                    int c = cols[t];
                    if (inN[c] >= 0) {
                        continue;
                    }
                    if (!touched[c]) {
                        touched[c] = true;
                        if (count == cand.length) {
                            cand = Arrays.copyOf(cand, 2 * count);
                        }
                        cand[count++] = c;
                    }
                    try {
                        acc[c] = Math.addExact(acc[c], Math.multiplyExact(y[i], (long) coef[t]));
                    } catch (ArithmeticException wide) {
                        overflow[c] = true; // cannot price exactly: free it, which can only help
                    }
                }
            }
            int[] out = new int[count];
            int w = 0;
            for (int q = 0; q < count; q++) {
                int c = cand[q];
                long reduced = overflow[c] ? 1 : -acc[c]; // D * (0 - y . a_c)
                long floor = lower == null ? 0 : lower[c];
                if (overflow[c] || reduced < 0 || (reduced > 0 && truth[c] > floor)) {
                    out[w++] = c;
                }
            }
            out = Arrays.copyOf(out, w);
            Arrays.sort(out);
            return out;
        } finally {
            scratch.clear(p.unknowns, NONE);
            for (int q = 0; q < count; q++) {
                int c = cand[q];
                acc[c] = 0;
                touched[c] = false;
                overflow[c] = false;
            }
        }
    }

    /**
     * The sorted union of a and the first elements of b, at most cap elements in all: both ascending, and apart (b
     * holds cells outside the program), so merged in one pass.
     */
    private static int[] union(int[] a, int[] b, int cap) {
        int nb = Math.min(Math.max(0, cap - a.length), b.length);
        int[] out = new int[a.length + nb];
        int i = 0;
        int j = 0;
        for (int w = 0; w < out.length; w++) {
            out[w] = j >= nb || (i < a.length && a[i] < b[j]) ? a[i++] : b[j++];
        }
        return out;
    }
}
