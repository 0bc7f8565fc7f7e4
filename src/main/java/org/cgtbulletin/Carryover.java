package org.cgtbulletin;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.function.Function;
import java.util.function.IntPredicate;

import org.cgtbulletin.aggregate.BatchKey;
import org.cgtbulletin.aggregate.Tables;
import org.cgtbulletin.model.CellKey;
import org.cgtbulletin.model.Quarter;
import org.cgtbulletin.protect.ChangeAudit;
import org.cgtbulletin.protect.ChangeFinding;
import org.cgtbulletin.protect.DisclosureRules;
import org.cgtbulletin.protect.LinkedTables;
import org.cgtbulletin.protect.Protection;
import org.cgtbulletin.publish.PreviousRelease;

/**
 * Releases over time: every cell the previous release withheld stays withheld, so that nobody can subtract two
 * releases to recover it; and a total it published that has grown since is withheld when what it gained is
 * ({@link #keepMovedAggregates}). (Stricter than "unless it now passes every rule": a withheld cell whose count changed
 * because late reports arrived could otherwise be recovered as its new value minus the published change.)
 */
final class Carryover {

    private Carryover() {
    }

    /**
     * The other half of releases over time: a year or {@code all} cell that the previous release published, and that
     * gained quarters since (those it did not have: later ones, or earlier ones that late reports opened), gives
     * away their sum if published again (the
     * new value minus the old one): with one new quarter, that quarter's cell with the same codes. So such a cell is
     * kept withheld whenever a cell it gained is withheld now; the same for denominators. Returns how many cells were
     * newly kept, so that the caller computes the protection again, until none is (each round only adds withheld
     * cells, so this ends). A cell already kept is not counted again. Such a total stays withheld even when the
     * published cells determine it if a cell it gained is withheld in the audited pattern, and the staff audit then
     * reports it too narrow; determined with every cell it gained published (a complement that the audit publishes
     * because it is determined, say), it is published too: withholding a determined number hides nothing
     * ({@link LinkedTables#keepSuppressedEvenIfDetermined}).
     *
     * @param countWithheld whether a count cell (by id) is withheld by the current protection
     * @param batchWithheld the same for a denominator cell
     */
    static int keepMovedAggregates(Tables tables, PreviousRelease.Decisions previous, IntPredicate countWithheld,
            IntPredicate batchWithheld) {
        return new Comparison(tables, previous).keepMovedAggregates(countWithheld, batchWithheld);
    }

    /**
     * The tables compared with the previous release, worked out once for a protection and asked again after each of
     * its rounds ({@code Bulletin.protect}): what the previous release published for each cell, the quarter cells
     * each total gained or saw revised since, each cell's change and its contributors' amounts then. None of it
     * depends on the round: what a round changes (which cells are withheld, published or kept) is asked each time.
     * Worked out again for every check, it was about 2.5 s of the audit stage of a million reports' quarterly release
     * (eleven checks of the totals, 0.15 s each, and four of the changes, 0.2 to 0.5 s). The checks themselves are
     * {@link #keepMovedAggregates}, {@link #keepRevealingTotals} and {@link #keepChangesHidden}, as those say.
     */
    static final class Comparison {
        private final Tables tables;
        private final PreviousRelease.Decisions previous;
        /** Per count cell and per denominator cell: the parts in the quarters it gained; made when first asked. */
        private Gained[] countsGained;
        private Gained[] batchesGained;
        /** The denominators' keys as cells.csv rows. */
        private List<CellKey> batchKeys;
        /** Per table (0 counts, 1 denominators), each made when first asked: the numbers then, by cell id. */
        private final Long[][] numbersThen = new Long[2][];
        /** The contributors' amounts then, by cell id (empty: not known). */
        private final List<Map<Integer, java.util.Optional<SortedMap<String, Long>>>> contributionsThen =
                List.of(new HashMap<>(), new HashMap<>());
        /** Each cell's change since, and whether its quarter saw none. */
        private final Changed[] changed = new Changed[2];

        Comparison(Tables tables, PreviousRelease.Decisions previous) {
            this.tables = tables;
            this.previous = previous;
        }

        /** {@link Carryover#keepMovedAggregates}. */
        int keepMovedAggregates(IntPredicate countWithheld, IntPredicate batchWithheld) {
            if (previous.quarters().isEmpty()) {
                return 0;
            }
            if (countsGained == null) {
                countsGained = gainedParts(tables.counts(), tables.cells(), previous.publishedCounts());
                batchesGained = gainedParts(tables.batches(), batchKeys(), previous.publishedBatches());
            }
            return keepMoved(tables.counts(), countsGained, countWithheld)
                    + keepMoved(tables.batches(), batchesGained, batchWithheld);
        }

        private static int keepMoved(LinkedTables table, Gained[] gained, IntPredicate withheld) {
            int kept = 0;
            for (int id = 0; id < gained.length; id++) {
                if (gained[id] == null || withheld.test(id) || table.isKept(id)) {
                    continue;
                }
                Parts parts = gained[id].parts(withheld);
                if (parts != null) {
                    table.keepSuppressedEvenIfDetermined(id, MOVED + parts.withheld(), parts.ids());
                    kept++;
                }
            }
            return kept;
        }

        private List<Quarter> added() {
            List<Quarter> added = new ArrayList<>();
            for (String period : tables.periods()) {
                Quarter q = Quarter.parseOrNull(period);
                if (q != null && !previous.quarters().contains(q)) {
                    added.add(q);
                }
            }
            return added;
        }

        /**
         * Per cell of a table (its cells.csv rows' keys): a year or {@code all} cell the previous release published
         * (in {@code publishedThen}), its changed parts; else null.
         */
        private Gained[] gainedParts(LinkedTables table, List<CellKey> keys, Map<CellKey, Long> publishedThen) {
            List<Quarter> added = added();
            Map<CellKey, Integer> ids = new HashMap<>();
            for (int id = 0; id < keys.size(); id++) {
                ids.put(keys.get(id), id);
            }
            Gained[] out = new Gained[keys.size()];
            for (int id = 0; id < out.length; id++) {
                CellKey key = keys.get(id);
                if (Quarter.parseOrNull(key.period()) != null || !publishedThen.containsKey(key)) {
                    continue;
                }
                Function<Quarter, CellKey> part = q -> new CellKey(q.toString(), key.productClass(),
                        key.processStep(), key.failureMode(), key.outcome());
                Function<Quarter, Integer> partIn = q -> ids.get(part.apply(q));
                out[id] = Gained.of(changed(key.period(), added, previous, partIn, table::total,
                        q -> publishedThen.get(part.apply(q))), partIn);
            }
            return out;
        }

        /** The denominators' keys as their cells.csv rows, in the tables' order. */
        List<CellKey> batchKeys() {
            if (batchKeys == null) {
                batchKeys = Carryover.batchKeys(tables);
            }
            return batchKeys;
        }

        /** {@link Carryover#numberThen} of every cell of a table (0 counts, 1 denominators). */
        Long[] numbersThen(boolean batch) {
            int t = batch ? 1 : 0;
            if (numbersThen[t] == null) {
                List<CellKey> keys = batch ? batchKeys() : tables.cells();
                Long[] then = new Long[keys.size()];
                for (int id = 0; id < then.length; id++) {
                    then[id] = numberThen(keys.get(id), batch, previous);
                }
                numbersThen[t] = then;
            }
            return numbersThen[t];
        }

        /** {@link Carryover#contributionsThen} of a cell, kept once asked (read only). */
        SortedMap<String, Long> contributionsThen(int id, boolean batch) {
            return contributionsThen.get(batch ? 1 : 0).computeIfAbsent(id, c -> java.util.Optional.ofNullable(
                    Carryover.contributionsThen((batch ? batchKeys() : tables.cells()).get(c), batch, previous))
                    .map(java.util.Collections::unmodifiableSortedMap)).orElse(null);
        }

        /** {@link Carryover#keepRevealingTotals}. */
        int keepRevealingTotals(IntPredicate countWithheld, IntPredicate batchWithheld, DisclosureRules rules) {
            if (previous.quarters().isEmpty()) {
                return 0;
            }
            return revealing(tables.counts(), tables.cells(), false, this, countWithheld, rules)
                    + revealing(tables.batches(), batchKeys(), true, this, batchWithheld, rules);
        }

        /** {@link Carryover#keepChangesHidden}. */
        Changes keepChangesHidden(IntPredicate countPublished, IntPredicate batchPublished, DisclosureRules rules) {
            if (previous.quarters().isEmpty()) {
                return new Changes(0, ChangeAudit.notChecked("there is no previous release"));
            }
            if (previous.contributors().missing() != null) {
                return new Changes(0, ChangeAudit.notChecked("there is no record of who contributed to the previous"
                        + " release's cells (" + previous.contributors().missing() + ")"));
            }
            List<ChangeFinding> counts = new ArrayList<>();
            List<ChangeFinding> batches = new ArrayList<>();
            int kept = hideChanges(tables.counts(), tables.cells(), false, this, countPublished, rules, counts)
                    + hideChanges(tables.batches(), batchKeys(), true, this, batchPublished, rules, batches);
            return new Changes(kept, new ChangeAudit(null, counts, batches));
        }

        /** {@link Changed} of a table (0 counts, 1 denominators), made when first asked. */
        Changed changes(LinkedTables table, List<CellKey> keys, boolean batch) {
            int t = batch ? 1 : 0;
            if (changed[t] == null) {
                changed[t] = Changed.of(table, keys, batch, previous);
            }
            return changed[t];
        }
    }

    /**
     * A total's parts in the quarters it gained or saw revised, in that order ({@link #changed}): the quarters and
     * the ids of the parts the tables have.
     */
    private record Gained(List<Quarter> quarters, int[] ids) {

        static Gained of(List<Quarter> changed, Function<Quarter, Integer> partIn) {
            List<Quarter> quarters = new ArrayList<>();
            List<Integer> ids = new ArrayList<>();
            for (Quarter q : changed) {
                Integer part = partIn.apply(q);
                if (part != null) {
                    quarters.add(q);
                    ids.add(part);
                }
            }
            return new Gained(quarters, ids.stream().mapToInt(Integer::intValue).toArray());
        }

        /** The parts, with the first whose cell is withheld; null when none is. */
        Parts parts(IntPredicate withheld) {
            for (int k = 0; k < ids.length; k++) {
                if (withheld.test(ids[k])) {
                    return new Parts(quarters.get(k), ids.clone());
                }
            }
            return null;
        }
    }

    /** The cells a total gained (their ids), and the first gained quarter whose cell is withheld. */
    private record Parts(Quarter withheld, int[] ids) {
    }

    private static final String MOVED = "published in the previous release; its change since would reveal a withheld"
            + " cell of ";

    /**
     * The quarters of a total whose cell changed since the previous release: those it gained, and those both releases
     * have whose cell, published then, holds another number now (revised by late reports).
     */
    private static List<Quarter> changed(String period, List<Quarter> added, PreviousRelease.Decisions previous,
            Function<Quarter, Integer> partIn, java.util.function.IntToLongFunction total,
            Function<Quarter, Long> publishedThen) {
        List<Quarter> changed = new ArrayList<>(gained(period, added));
        for (Quarter q : previous.quarters()) {
            if (sums(period, q)) {
                Integer part = partIn.apply(q);
                Long then = publishedThen.apply(q);
                if (part != null && then != null && then != total.applyAsLong(part)) {
                    changed.add(q);
                }
            }
        }
        return changed;
    }

    /** The quarters a year ({@code YYYY}) or {@code all} gained since the previous release. */
    private static List<Quarter> gained(String period, List<Quarter> added) {
        return quartersIn(period, added);
    }

    /** Whether a period (a quarter, a year or {@code all}) sums the quarter's cells. */
    private static boolean sums(String period, Quarter q) {
        return period.equals("all") || period.equals(Integer.toString(q.year())) || period.equals(q.toString());
    }

    /** The quarters (of those given) that a period sums. */
    private static List<Quarter> quartersIn(String period, java.util.Collection<Quarter> quarters) {
        List<Quarter> in = new ArrayList<>();
        for (Quarter q : quarters) {
            if (sums(period, q)) {
                in.add(q);
            }
        }
        return in;
    }

    /** A denominator's key as the cells.csv row it is published in (period, product class, *, *, *). */
    private static CellKey asCell(BatchKey b) {
        return new CellKey(b.period(), b.productClass(), "*", "*", "*");
    }

    /**
     * Carries the previous release's decisions over: what it withheld stays withheld; what it published with the same
     * number is public (never chosen as a complement); and a quarter's cell it published that late reports have
     * changed is withheld unless the change passes the rules on its own ({@link Revision}): the new number minus the
     * published one is what those reports add up to, and would otherwise be read off by subtracting the releases.
     * Totals over such a quarter are then kept by {@link #keepMovedAggregates}.
     */
    static void apply(Tables tables, PreviousRelease.Decisions previous, DisclosureRules rules) {
        for (int id = 0; id < tables.cells().size(); id++) {
            carry(tables.counts(), id, tables.cells().get(id), false, previous, rules);
        }
        for (int id = 0; id < tables.batchCells().size(); id++) {
            BatchKey b = tables.batchCells().get(id);
            carry(tables.batches(), id, asCell(b), true, previous, rules);
        }
    }

    /** One cell's decision carried over (see {@link #apply}); {@code batch} for a denominator. */
    private static void carry(LinkedTables table, int id, CellKey key, boolean batch,
            PreviousRelease.Decisions previous, DisclosureRules rules) {
        long now = table.total(id);
        Long then = (batch ? previous.publishedBatches() : previous.publishedCounts()).get(key);
        if ((batch ? previous.withheldBatches() : previous.withheldCounts()).contains(key)) {
            table.keepSuppressed(id, "withheld in the previous release");
        } else if (then != null && then == now) {
            table.knownAlready(id); // published before with this value: never a complement now
        } else if (then != null && Quarter.parseOrNull(key.period()) != null) {
            PreviousRelease.Contributors before = previous.contributors();
            String refusal = Revision.refusal(then, now, before.of(key, batch, then), table.contributions(id),
                    before.missing() != null ? before.missing() : "the staff audit's " + PreviousRelease.CONTRIBUTIONS
                            + " does not add up to the number published for this cell", rules);
            if (refusal != null) {
                table.keepSuppressed(id, refusal);
            }
        }
    }

    /**
     * Who contributed to each quarter cell of this release, published or withheld, for the staff audit to keep
     * ({@link PreviousRelease#writeContributions}), in the tables' order: the next release needs it to put the
     * changes late reports make to any of them to the rules ({@link Revision}, {@link #keepRevealingTotals}).
     */
    static PreviousRelease.Contributors recorded(Tables tables) {
        Map<CellKey, SortedMap<String, Long>> c = new LinkedHashMap<>();
        for (int id = 0; id < tables.cells().size(); id++) {
            CellKey key = tables.cells().get(id);
            if (tables.counts().total(id) > 0 && Quarter.parseOrNull(key.period()) != null) {
                c.put(key, tables.counts().contributions(id));
            }
        }
        Map<CellKey, SortedMap<String, Long>> b = new LinkedHashMap<>();
        for (int id = 0; id < tables.batchCells().size(); id++) {
            BatchKey key = tables.batchCells().get(id);
            if (tables.batches().total(id) > 0 && Quarter.parseOrNull(key.period()) != null) {
                b.put(asCell(key), tables.batches().contributions(id));
            }
        }
        return new PreviousRelease.Contributors(c, b, null);
    }

    /**
     * Releases over time, the changes of withheld cells: a total that both releases publish, less the changes of its
     * parts that both publish, is the change of its other parts, cells a reader never sees (one late report in a
     * withheld quarter cell moves the year's total by one). So for every relation of the tables whose total both
     * releases publish, the change of the parts a reader cannot difference (withheld now, or withheld before) is put to
     * the rules as a revision is ({@link Revision#changeRefusal}; who made it from the staff audit's record of the
     * previous release); when it fails them, the total is kept withheld, and the caller protects again. A cell of a
     * period the previous release did not have counts as 0 then. Each relation is judged on its own here (the audit of
     * the current release then proves that no kept total can be worked out from the published cells, or reports it
     * too narrow); changes that only a combination of relations gives away are {@link #keepChangesHidden}'s.
     *
     * @return how many totals were newly kept
     */
    static int keepRevealingTotals(Tables tables, PreviousRelease.Decisions previous, IntPredicate countWithheld,
            IntPredicate batchWithheld, DisclosureRules rules) {
        return new Comparison(tables, previous).keepRevealingTotals(countWithheld, batchWithheld, rules);
    }

    private static int revealing(LinkedTables table, List<CellKey> keys, boolean batch, Comparison since,
            IntPredicate withheld, DisclosureRules rules) {
        int n = keys.size();
        Long[] then = since.numbersThen(batch);
        boolean[] differenced = new boolean[n]; // published in both releases (or new, and published now)
        for (int id = 0; id < n; id++) {
            differenced[id] = then[id] != null && !withheld.test(id) && !table.isKept(id);
        }
        PreviousRelease.Contributors record = since.previous.contributors();
        int kept = 0;
        for (int r = 0; r < table.relationCount(); r++) {
            int[] relation = table.relation(r);
            int total = relation[0];
            if (!differenced[total]) {
                continue;
            }
            long change = table.total(total) - then[total];
            List<Integer> hidden = new ArrayList<>();
            for (int k = 1; k < relation.length; k++) {
                int part = relation[k];
                if (differenced[part]) {
                    change -= table.total(part) - then[part];
                } else {
                    hidden.add(part);
                }
            }
            if (hidden.isEmpty() || change == 0) {
                continue;
            }
            SortedMap<String, Long> before = new java.util.TreeMap<>();
            SortedMap<String, Long> after = new java.util.TreeMap<>();
            boolean known = true;
            for (int part : hidden) {
                table.contributions(part).forEach((token, x) -> after.merge(token, x, Long::sum));
                SortedMap<String, Long> b = since.contributionsThen(part, batch);
                if (b == null) {
                    known = false;
                } else {
                    b.forEach((token, x) -> before.merge(token, x, Long::sum));
                }
            }
            String refusal = Revision.changeRefusal(change, known ? before : null, after,
                    record.missing() != null ? record.missing() : "", rules);
            if (refusal != null) {
                table.keepSuppressedEvenIfDetermined(total, "published in the previous release; its change since,"
                        + " less its published parts' changes, is the change of " + hidden.size() + " withheld cell"
                        + (hidden.size() == 1 ? "" : "s") + " (" + table.label(hidden.get(0))
                        + (hidden.size() == 1 ? "" : ", ...") + ")" + refusal,
                        hidden.stream().mapToInt(Integer::intValue).toArray());
                differenced[total] = false;
                kept++;
            }
        }
        return kept;
    }

    /**
     * Releases over time, the table of changes as a whole: the changes since the previous release obey the tables'
     * relations as the numbers do, so a reader who has both releases holds a table of changes in which every cell
     * both publish is known, and so is every cell of a quarter that nothing changed in (a reader who sees none of its
     * published numbers move assumes so, and is right); through chains of relations ({@link #keepRevealingTotals}
     * judges each relation on its own) that table can pin the change of a cell neither release lets the reader
     * difference, and so can the hidden class-by-step-by-mode table of changes beneath it (exact derivability only,
     * its cells' changes unknowns of either sign; candidates to withhold are found through its cells too). Every such
     * change is put to the rules ({@link Revision#changeRefusal}, who made it from the staff
     * audit's record); for each that fails them, one more published cell is kept withheld and protected ({@link
     * LinkedTables#keepProtected}: its change is hidden only if its number now is): the first of the nearest ones
     * through the relations ({@link #candidates}) whose withholding leaves that change undetermined, tried one by
     * one (at most {@link #MAX_TESTS} tests a round; past them, or when none does, the first that at least leaves
     * the change undetermined, else the first), unless a cell chosen
     * for another change already hides it. The caller protects again, so a choice that hid too little is made up
     * for in the next round.
     * A rise is also judged by its interval ({@link org.cgtbulletin.protect.Derivability#narrowed}: one value, or
     * an upper bound short of the rules' protection): a reader who knows that late reports only add knows every
     * unknown rise is at least 0, which can pin or narrow a change that the relations alone leave open (a step's
     * total that did not move says that none of its cells rose); where some cell fell, also as a reader who wrongly
     * believes nothing fell would narrow it. The intervals are solved where the changes a reader cannot read off
     * form components whose programs fit a size and work budget (a million reports' quarterly release: one of
     * 2,510 unknown changes, solved); a fall, and a rise in a larger component, get exact derivability only; a cell
     * whose withholding would move a rise the intervals judge into such a component is not taken as hiding it (it
     * may still be chosen when no cell is found that does). What the check leaves open goes to the staff audit: a
     * change that fails the rules and that no cell could be found to hide, and one it could not judge (a rise whose
     * interval was not solved, or a fall that the relations do not pin).
     * Without the record of the previous release the changes of withheld cells are not known, and nothing is
     * checked (the build warns).
     *
     * @param countPublished whether a reader has a count cell's number (by id) from the current protection: it is
     *                       published, or pinned by the published ones
     * @param batchPublished the same for a denominator cell
     * @return how many cells were newly kept, and what the check left open (meaningful when none was kept: a round
     *         that keeps a cell is followed by another)
     */
    static Changes keepChangesHidden(Tables tables, PreviousRelease.Decisions previous, IntPredicate countPublished,
            IntPredicate batchPublished, DisclosureRules rules) {
        return new Comparison(tables, previous).keepChangesHidden(countPublished, batchPublished, rules);
    }

    /**
     * What {@link #keepChangesHidden} did: how many cells it newly kept withheld, and what it left open.
     *
     * @param kept  cells newly kept
     * @param audit the changes that fail the rules and were not proven hidden
     */
    record Changes(int kept, ChangeAudit audit) {
    }

    /** The denominators' keys as their cells.csv rows, in the tables' order. */
    private static List<CellKey> batchKeys(Tables tables) {
        List<CellKey> keys = new ArrayList<>();
        for (BatchKey b : tables.batchCells()) {
            keys.add(asCell(b));
        }
        return keys;
    }

    /**
     * Each cell's change since the previous release (its number now less the sum of its quarters' contributions
     * then), and whether it is of a quarter nothing changed in (its change known to be 0).
     */
    private record Changed(long[] change, boolean[] settled) {

        static Changed of(LinkedTables table, List<CellKey> keys, boolean batch, PreviousRelease.Decisions previous) {
            int n = keys.size();
            Map<CellKey, Long> then = new HashMap<>(); // each cell's number then: quarters', and their years' and all's
            java.util.Set<Quarter> revised = new java.util.HashSet<>();
            for (int id = 0; id < n; id++) {
                CellKey key = keys.get(id);
                Quarter q = Quarter.parseOrNull(key.period());
                if (q != null && previous.quarters().contains(q)) {
                    long x = previous.contributors().then(key, batch).values().stream().mapToLong(Long::longValue)
                            .sum();
                    if (x != table.total(id)) {
                        revised.add(q);
                    }
                    for (String period : List.of(key.period(), Integer.toString(q.year()), "all")) {
                        then.merge(new CellKey(period, key.productClass(), key.processStep(), key.failureMode(),
                                key.outcome()), x, Long::sum);
                    }
                }
            }
            long[] change = new long[n];
            boolean[] settled = new boolean[n];
            for (int id = 0; id < n; id++) {
                CellKey key = keys.get(id);
                change[id] = table.total(id) - then.getOrDefault(key, 0L);
                Quarter q = Quarter.parseOrNull(key.period());
                settled[id] = q != null && previous.quarters().contains(q) && !revised.contains(q);
            }
            return new Changed(change, settled);
        }
    }

    private static int hideChanges(LinkedTables table, List<CellKey> keys, boolean batch, Comparison since,
            IntPredicate published, DisclosureRules rules, List<ChangeFinding> open) {
        int n = keys.size();
        Changed base = since.changes(table, keys, batch);
        long[] change = base.change().clone();
        boolean[] settled = base.settled(); // a cell of a quarter nothing changed in: its change is known to be 0
        Long[] numbersThen = since.numbersThen(batch);
        boolean[] unknown = new boolean[n];
        boolean any = false;
        for (int id = 0; id < n; id++) {
            unknown[id] = !settled[id] && !(published.test(id) && numbersThen[id] != null);
            any |= unknown[id] && change[id] != 0;
        }
        if (!any) {
            return 0;
        }
        // Exactly, through the hidden class-by-step-by-mode table of changes too (its cells' changes unknown, of
        // either sign: what a reader can work out without knowing that late reports only add); the intervals over
        // the tables' own relations only.
        org.cgtbulletin.protect.Derivability exact = org.cgtbulletin.protect.Derivability.withImplied(table);
        org.cgtbulletin.protect.Derivability derivability = new org.cgtbulletin.protect.Derivability(table);
        boolean[] determined = exact.determined(unknown);
        // What a reader knows of an unknown change: a rise is at least 0 (late reports only add), a fall at least
        // what it is. A reader who believes that nothing fell takes every change to be at least 0, which is wrong
        // where a cell fell, but can still narrow a rise to its true value: that belief is tried too.
        long[] lower = new long[n];
        long[] believed = new long[n];
        boolean anyFall = false;
        for (int id = 0; id < n; id++) {
            lower[id] = Math.min(0, change[id]);
            anyFall |= unknown[id] && change[id] < 0;
        }
        String[] refusals = new String[n];
        SortedMap<Integer, Map<String, Long>> rises = new java.util.TreeMap<>(); // the rises that fail the rules
        for (int id = 0; id < n; id++) {
            if (!unknown[id] || change[id] == 0) {
                continue; // a fall is judged by exact derivability only (and listed in the audit if it fails)
            }
            SortedMap<String, Long> before = since.contributionsThen(id, batch);
            refusals[id] = Revision.changeRefusal(change[id], before, table.contributions(id), "", rules);
            if (refusals[id] != null && change[id] > 0) {
                rises.put(id, before != null ? Revision.changes(before, table.contributions(id))
                        : Revision.worstCase(table.contributions(id), change[id]));
            }
        }
        // A rise is given away when pinned, or narrowed under what the reader knows or believes. In testing a cell
        // to withhold for a rise the interval check judges, a rise it leaves unjudged (in a component too large to
        // solve) counts as still given away, so that no cell is taken to hide what it cannot be shown to hide; a
        // rise the check could not judge in the first place is tested, as a fall is, by exact derivability alone.
        java.util.function.BiPredicate<boolean[], Integer> narrowedWith = (unknowns, cell) -> {
            SortedMap<Integer, Map<String, Long>> one = new java.util.TreeMap<>(Map.of(cell, rises.get(cell)));
            org.cgtbulletin.protect.Derivability.Narrowed known = derivability.narrowed(unknowns, change, lower, one,
                    rules, false);
            if (known.tooNarrow().get(cell) || known.unchecked().get(cell)) {
                return true;
            }
            boolean fell = false;
            for (int c = 0; c < n && !fell; c++) {
                fell = unknowns[c] && change[c] < 0;
            }
            return fell && derivability.narrowed(unknowns, change, believed, one, rules, true).tooNarrow().get(cell);
        };
        org.cgtbulletin.protect.Derivability.Narrowed first = derivability.narrowed(unknown, change, lower, rises,
                rules, false);
        java.util.BitSet narrowed = first.tooNarrow();
        if (anyFall) {
            narrowed.or(derivability.narrowed(unknown, change, believed, rises, rules, true).tooNarrow());
        }
        for (int id = 0; id < n; id++) {
            if (refusals[id] == null) {
                continue;
            }
            String why;
            boolean away = determined[id] || narrowed.get(id);
            if (away) {
                why = "a reader can " + (determined[id] ? "work it out exactly" : "narrow it down (late reports only"
                        + " add)") + " from the changes it can read off, and no published cell near it was left to"
                        + " withhold";
            } else if (change[id] > 0 && first.unchecked().get(id)) {
                why = "a rise the relations do not pin; its interval was not solved (the program over the changes a"
                        + " reader cannot read off around it was too large for the check's budget, or could not be"
                        + " solved)";
            } else if (change[id] < 0) {
                why = "a fall the relations do not pin; a fall's interval is not checked";
            } else {
                continue; // a rise its interval proves hidden
            }
            open.add(new ChangeFinding(table.label(id), change[id], away, why, refusals[id].substring(2)));
        }
        boolean[] hidden = unknown.clone(); // with the cells chosen this round
        int tests = MAX_TESTS;
        List<int[]> groups = null;
        int[][] rowsOf = null;
        int kept = 0;
        for (int id = 0; id < n; id++) {
            String refusal = refusals[id];
            if (refusal == null || !(determined[id] || narrowed.get(id))) {
                continue;
            }
            boolean byInterval = rises.containsKey(id) && !first.unchecked().get(id);
            if (kept > 0 && tests-- > 0 && !exact.determined(hidden, id)
                    && !(byInterval && narrowedWith.test(hidden, id))) {
                continue; // hidden by a cell chosen for another
            }
            if (rowsOf == null) {
                groups = linkedGroups(table);
                rowsOf = rowsOf(groups, table.size());
            }
            List<Integer> candidates = candidates(id, table, groups, rowsOf, unknown, settled, change);
            int hide = candidates.isEmpty() ? -1 : candidates.get(0);
            int unpins = -1; // the first candidate that at least leaves the change undetermined
            boolean found = false;
            for (int c : candidates) {
                if (tests-- <= 0) {
                    break;
                }
                hidden[c] = true;
                boolean pinned = exact.determined(hidden, id);
                boolean still = pinned || byInterval && narrowedWith.test(hidden, id);
                hidden[c] = false;
                if (!still) {
                    hide = c;
                    found = true;
                    break;
                }
                if (!pinned && unpins < 0) {
                    unpins = c;
                }
            }
            if (!found && unpins >= 0) {
                hide = unpins;
            }
            if (hide >= 0 && !hidden[hide]) {
                hidden[hide] = true;
                table.keepProtected(hide, "its change since the previous release would, with the other changes"
                        + " a reader can read off" + (determined[id] ? ", give away" : " and late reports only adding,"
                        + " narrow down") + " that of '" + table.label(id) + "'" + refusal);
                kept++;
            }
        }
        return kept;
    }

    /**
     * How many sets of unknowns {@link #keepChangesHidden} tests at most in one table, beyond the first (each test is
     * an exact derivability and, for a rise, up to two interval programs).
     */
    private static final int MAX_TESTS = 32;

    /**
     * The groups of cells a reader links: each relation's cells, then, per hidden cell of the class-by-step-by-mode
     * table, the two-way cells it is under (the margins a change in it moves together).
     */
    private static List<int[]> linkedGroups(LinkedTables table) {
        List<int[]> groups = new ArrayList<>();
        for (int r = 0; r < table.relationCount(); r++) {
            groups.add(table.relation(r));
        }
        for (int[] cells : table.cellsOverHidden()) {
            if (cells.length > 1) {
                groups.add(cells);
            }
        }
        return groups;
    }

    /** Per cell, the groups it is in (their indexes, ascending). */
    private static int[][] rowsOf(List<int[]> groups, int cells) {
        int[] count = new int[cells];
        for (int[] g : groups) {
            for (int c : g) {
                count[c]++;
            }
        }
        int[][] rows = new int[cells][];
        for (int c = 0; c < rows.length; c++) {
            rows[c] = new int[count[c]];
            count[c] = 0;
        }
        for (int r = 0; r < groups.size(); r++) {
            for (int c : groups.get(r)) {
                if (count[c] == 0 || rows[c][count[c] - 1] != r) {
                    rows[c][count[c]++] = r;
                }
            }
        }
        for (int c = 0; c < rows.length; c++) {
            rows[c] = java.util.Arrays.copyOf(rows[c], count[c]);
        }
        return rows;
    }

    /**
     * The cells whose change a reader knows (published, or pinned by the published ones), not of a quarter nothing
     * changed in nor kept protected already, nearest to {@code cell} through {@link #linkedGroups relations and
     * hidden cells} and cells whose change is
     * unknown, in the order they are tried: by distance, and at one distance a changed one first, then the smaller,
     * then the lower id; zeros last (a withheld zero mostly hides nothing: non-negativity pins it). At most
     * {@link #MAX_CANDIDATES}.
     */
    private static List<Integer> candidates(int cell, LinkedTables table, List<int[]> groups, int[][] rowsOf,
            boolean[] unknown, boolean[] settled, long[] change) {
        java.util.BitSet seen = new java.util.BitSet();
        seen.set(cell);
        List<Integer> out = new ArrayList<>();
        List<Integer> zeros = new ArrayList<>();
        List<Integer> frontier = List.of(cell);
        while (!frontier.isEmpty() && out.size() < MAX_CANDIDATES) {
            List<Integer> next = new ArrayList<>();
            List<Integer> here = new ArrayList<>();
            for (int u : frontier) {
                for (int r : rowsOf[u]) {
                    for (int c : groups.get(r)) {
                        if (seen.get(c)) {
                            continue;
                        }
                        seen.set(c);
                        if (unknown[c]) {
                            next.add(c);
                        } else if (!settled[c] && !table.isProtectedKept(c)) {
                            // (one kept protected already is withheld, or pinned beyond repair: never again, so
                            // that the rounds end)
                            (table.total(c) > 0 ? here : zeros).add(c);
                        }
                    }
                }
            }
            here.sort((a, b) -> a.equals(b) ? 0 : nearer(a, b, table, change) ? -1 : 1);
            out.addAll(here);
            next.sort(null);
            frontier = next;
        }
        zeros.sort(null);
        out.addAll(zeros);
        return out.subList(0, Math.min(out.size(), MAX_CANDIDATES));
    }

    private static final int MAX_CANDIDATES = 12;

    /** Whether cell a is a better one to withhold than b: changed before unchanged, then smaller, then lower id. */
    private static boolean nearer(int a, int b, LinkedTables table, long[] change) {
        if ((change[a] != 0) != (change[b] != 0)) {
            return change[a] != 0;
        }
        return table.total(a) != table.total(b) ? table.total(a) < table.total(b) : a < b;
    }

    /**
     * The number a reader has for a cell from the previous release: the one it published; 0 for a cell of a period it
     * did not have (a quarter since, or a year none of whose quarters it had); null when it withheld it.
     */
    private static Long numberThen(CellKey key, boolean batch, PreviousRelease.Decisions previous) {
        Long published = (batch ? previous.publishedBatches() : previous.publishedCounts()).get(key);
        if (published != null) {
            return published;
        }
        return quartersIn(key.period(), previous.quarters()).isEmpty() ? Long.valueOf(0) : null;
    }

    /**
     * Each contributor's amount in a cell in the previous release, from its staff audit's record of its quarter
     * cells (a year or {@code all} cell as the sum of its quarters'); null when the record is not known.
     */
    private static SortedMap<String, Long> contributionsThen(CellKey key, boolean batch,
            PreviousRelease.Decisions previous) {
        SortedMap<String, Long> sum = new java.util.TreeMap<>();
        for (Quarter q : quartersIn(key.period(), previous.quarters())) {
            SortedMap<String, Long> part = previous.contributors().then(new CellKey(q.toString(), key.productClass(),
                    key.processStep(), key.failureMode(), key.outcome()), batch);
            if (part == null) {
                return null;
            }
            part.forEach((token, x) -> sum.merge(token, x, Long::sum));
        }
        return sum;
    }
}
