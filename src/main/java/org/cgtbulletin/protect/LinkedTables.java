package org.cgtbulletin.protect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Builder of one linked system of additive tables: the cells of every table, who contributed how much to each,
 * and the additive relations ({@code total = sum(parts)}) that tie the cells together.
 *
 * <p>Cells are identified by {@code int} ids handed out in insertion order (0, 1, 2, ...). A cell may appear in
 * any number of relations, as the total of some and a part of others; all relations are treated as one system,
 * so disclosure through a chain of overlapping tables is seen.
 *
 * <p>Every relation is checked when it is added: it must hold exactly for the cells' totals, since an additive
 * relation that does not hold in the data would make the published tables inconsistent and the audit
 * meaningless. The builder is not thread-safe; {@link DisclosureControl} takes a snapshot of it, so adding cells
 * or relations afterwards does not affect a result already computed. The one piece of work it does for the audit,
 * indexing the report footprints, may run on another thread ({@link #indexFootprints}) once no more cells are added:
 * it reads only the footprints and the number of cells, which marking cells kept (as the protection does) leaves.
 */
public final class LinkedTables {

    private final List<String> labels = new ArrayList<>();
    private final List<SortedMap<String, Long>> contributions = new ArrayList<>();
    private long[] totals = new long[64];
    private final List<int[]> relations = new ArrayList<>();
    private final List<int[]> implied = new ArrayList<>();
    private final List<String> hiddenLabels = new ArrayList<>();
    private long[] hiddenTotals = new long[64];
    private final List<SortedMap<String, Long>> hiddenContributions = new ArrayList<>();
    private final TreeMap<Integer, String> kept = new TreeMap<>();
    private final java.util.BitSet known = new java.util.BitSet();
    private final TreeMap<Integer, int[]> evenIfDetermined = new TreeMap<>();
    private final java.util.BitSet protectedKept = new java.util.BitSet();
    private ReportFootprints footprints;
    /**
     * The last footprint index built ({@link #footprintIndex}), with what it was built from. Published without a
     * lock: a thread on an idle core ({@link #indexFootprints}) may be descheduled at any moment for as long as
     * the other cores are busy, and a lock it held would stop them.
     */
    private final java.util.concurrent.atomic.AtomicReference<IndexedFootprints> footprintIndex =
            new java.util.concurrent.atomic.AtomicReference<>();

    /** An index of footprints over a number of cells. */
    private record IndexedFootprints(ReportFootprints footprints, int cells, AlternativeData.Index index) {
    }

    /** An empty system. */
    public LinkedTables() {
    }

    /**
     * Adds a cell.
     *
     * @param label         a human-readable name, used in the audit (not necessarily unique)
     * @param contributions contributor token to that contributor's amount in the cell; every amount must be
     *                      {@code >= 0}; zero amounts are kept but do not count as contributing
     * @return the new cell's id (the number of cells added before it)
     * @throws IllegalArgumentException if an amount is negative or the total overflows a {@code long}
     * @throws NullPointerException     if the label, the map, a token or an amount is null
     */
    public int addCell(String label, Map<String, Long> contributions) {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(contributions, "contributions");
        TreeMap<String, Long> copy = new TreeMap<>();
        long total = 0;
        for (Map.Entry<String, Long> e : contributions.entrySet()) {
            String token = Objects.requireNonNull(e.getKey(), "contributor token");
            long amount = Objects.requireNonNull(e.getValue(), "amount of " + token);
            if (amount < 0) {
                throw new IllegalArgumentException("negative amount in cell '" + label + "'");
            }
            try {
                total = Math.addExact(total, amount);
            } catch (ArithmeticException overflow) {
                throw new IllegalArgumentException("total of cell '" + label + "' overflows", overflow);
            }
            copy.put(token, amount);
        }
        int id = labels.size();
        if (id == totals.length) {
            totals = Arrays.copyOf(totals, id * 2);
        }
        totals[id] = total;
        labels.add(label);
        this.contributions.add(Collections.unmodifiableSortedMap(copy));
        return id;
    }

    /**
     * Declares {@code total = sum(parts)}. A part may be listed more than once (it then counts that often).
     *
     * @param total the id of the total cell
     * @param parts the ids of its parts
     *
     * @throws IllegalArgumentException if an id is unknown, or the relation does not hold for the cells' totals
     */
    public void addRelation(int total, int[] parts) {
        relations.add(checkedRow(total, parts));
    }

    /**
     * Declares {@code total = sum(parts)} as a relation a reader can infer, but that the protection does not yet
     * take into account: only {@link Derivability#withImplied} sees it. Its parts may be hidden cells ({@link
     * #addHiddenCell}).
     *
     * @param total the id of the total cell
     * @param parts the ids of its parts, or of hidden cells
     * @throws IllegalArgumentException as {@link #addRelation}
     */
    public void addImpliedRelation(int total, int[] parts) {
        implied.add(checkedRow(total, parts, true));
    }

    /**
     * Adds a hidden cell: a cell of a table that is never published but that published tables are margins of (so
     * that a reader knows it is there, and that it is at least 0), for implied relations only.
     *
     * @param label a human-readable name
     * @param total its true value, at least 0
     * @return its id for {@link #addImpliedRelation}: a negative number, {@code -1 -} the number of hidden cells
     *         added before it
     * @throws IllegalArgumentException if the total is negative
     */
    public int addHiddenCell(String label, long total) {
        return addHiddenCell(label, total, Collections.emptySortedMap());
    }

    /**
     * Adds a hidden cell with what each contributor reported in it: a contributor knows its own amounts in the
     * hidden table as in the published ones, so an attack by a cell's largest contributor starts from them
     * ({@link LinearSystem#own}). The cell is never judged by the rules (it is not published).
     *
     * @param label         a human-readable name
     * @param contributions contributor token to that contributor's amount in the cell, each at least 0
     * @return its id, as {@link #addHiddenCell(String, long)}
     * @throws IllegalArgumentException if an amount is negative or the total overflows a {@code long}
     */
    public int addHiddenCell(String label, Map<String, Long> contributions) {
        Objects.requireNonNull(contributions, "contributions");
        TreeMap<String, Long> copy = new TreeMap<>();
        long total = 0;
        for (Map.Entry<String, Long> e : contributions.entrySet()) {
            long amount = Objects.requireNonNull(e.getValue(), "amount");
            if (amount < 0) {
                throw new IllegalArgumentException("negative amount in hidden cell '" + label + "'");
            }
            copy.put(Objects.requireNonNull(e.getKey(), "contributor token"), amount);
            total = Math.addExact(total, amount);
        }
        return addHiddenCell(label, total, Collections.unmodifiableSortedMap(copy));
    }

    private int addHiddenCell(String label, long total, SortedMap<String, Long> contributions) {
        Objects.requireNonNull(label, "label");
        if (total < 0) {
            throw new IllegalArgumentException("negative total of hidden cell '" + label + "'");
        }
        int index = hiddenLabels.size();
        if (index == hiddenTotals.length) {
            hiddenTotals = Arrays.copyOf(hiddenTotals, index * 2);
        }
        hiddenTotals[index] = total;
        hiddenLabels.add(label);
        hiddenContributions.add(contributions);
        return -1 - index;
    }

    /** The contributions to the hidden cell of the given id, by token (empty when none were given). */
    public SortedMap<String, Long> hiddenContributions(int id) {
        return hiddenContributions.get(hiddenIndex(id));
    }

    /** Number of hidden cells added ({@link #addHiddenCell}). */
    public int hiddenCellCount() {
        return hiddenLabels.size();
    }

    /** The label of the hidden cell of the given id (negative, from {@link #addHiddenCell}). */
    public String hiddenLabel(int id) {
        return hiddenLabels.get(hiddenIndex(id));
    }

    /** The total of the hidden cell of the given id (negative, from {@link #addHiddenCell}). */
    public long hiddenTotal(int id) {
        return hiddenTotals[hiddenIndex(id)];
    }

    private int hiddenIndex(int id) {
        int index = -1 - id;
        if (index < 0 || index >= hiddenLabels.size()) {
            throw new IllegalArgumentException("unknown hidden cell id " + id + " (have " + hiddenLabels.size()
                    + ")");
        }
        return index;
    }

    /**
     * Per hidden cell (by index: {@code -1 - id}), the cells whose implied relations hold it: the margins a change
     * in it moves together.
     *
     * @return one array of cell ids per hidden cell, in the order the relations were added
     */
    public int[][] cellsOverHidden() {
        int[] count = new int[hiddenLabels.size()];
        for (int[] relation : implied) {
            for (int k = 1; k < relation.length; k++) {
                if (relation[k] < 0) {
                    count[-1 - relation[k]]++;
                }
            }
        }
        int[][] over = new int[count.length][];
        for (int h = 0; h < over.length; h++) {
            over[h] = new int[count[h]];
            count[h] = 0;
        }
        for (int[] relation : implied) {
            for (int k = 1; k < relation.length; k++) {
                if (relation[k] < 0) {
                    int h = -1 - relation[k];
                    over[h][count[h]++] = relation[0];
                }
            }
        }
        return over;
    }

    /** Number of implied relations added. */
    public int impliedRelationCount() {
        return implied.size();
    }

    /** The cells of one implied relation: the total, then its parts (hidden cells as negative ids). */
    public int[] impliedRelation(int i) {
        return implied.get(i).clone();
    }

    private int[] checkedRow(int total, int[] parts) {
        return checkedRow(total, parts, false);
    }

    private int[] checkedRow(int total, int[] parts, boolean hiddenParts) {
        Objects.requireNonNull(parts, "parts");
        check(total);
        long sum = 0;
        for (int p : parts) {
            if (!hiddenParts || p >= 0) {
                check(p);
            }
            try {
                sum = Math.addExact(sum, p >= 0 ? totals[p] : hiddenTotal(p));
            } catch (ArithmeticException overflow) {
                throw new IllegalArgumentException("sum of parts of '" + labels.get(total) + "' overflows", overflow);
            }
        }
        if (sum != totals[total]) {
            throw new IllegalArgumentException("relation does not hold: '" + labels.get(total) + "' = "
                    + totals[total] + " but its " + parts.length + " parts sum to " + sum);
        }
        int[] row = new int[parts.length + 1];
        row[0] = total;
        System.arraycopy(parts, 0, row, 1, parts.length);
        return row;
    }

    /**
     * Declares which cells one report adds 1 to, per code combination and quarter (optional): the audit then also
     * looks for alternative datasets that prove withheld cells protected.
     *
     * @param footprints the footprints, over the cells added so far (none may be added after); the audit checks
     *                   every alternative dataset against the relations, so footprints need no check here
     */
    public void reportFootprints(ReportFootprints footprints) {
        this.footprints = Objects.requireNonNull(footprints, "footprints");
    }

    /** The report footprints, or null when none were declared. */
    ReportFootprints reportFootprints() {
        return footprints;
    }

    /**
     * Indexes the report footprints for the audit's alternative datasets now rather than when the audit first needs
     * them ({@link #footprintIndex}): on a core that would otherwise idle while the complements are chosen. Call it
     * once every cell and the footprints are declared; another thread may protect and audit the tables meanwhile.
     */
    public void indexFootprints() {
        ReportFootprints f = footprints;
        if (f != null) {
            footprintIndex(f, size());
        }
    }

    /**
     * The footprints indexed for alternative datasets over {@code cells} cells: the index built last if it is of
     * those, else a new one (kept for the next call). Every audit of a protection, whatever its pattern, and every
     * protection of these tables made again from the start, so shares one (at a million reports its 443,520 pairs
     * took 0.19 s to index, once for each of the audits of the tables' own relations before it was kept here). Two
     * threads asking at once may each build one, equal: neither waits for the other. Null when there are too many
     * footprints (code combinations times quarters above {@link AlternativeData#MAX_PAIRS}).
     *
     * @param f     the footprints, as a snapshot of these tables took them
     * @param cells the number of cells of that snapshot
     */
    AlternativeData.Index footprintIndex(ReportFootprints f, int cells) {
        if ((long) f.quarters() * f.combinations() > AlternativeData.MAX_PAIRS) {
            return null;
        }
        IndexedFootprints last = footprintIndex.get();
        if (last != null && last.footprints() == f && last.cells() == cells) {
            return last.index();
        }
        AlternativeData.Index built = new AlternativeData.Index(f, cells);
        footprintIndex.compareAndSet(last, new IndexedFootprints(f, cells, built));
        return built;
    }

    /**
     * Lets the footprint index go ({@link #footprintIndex}; about 53 MB at a million reports: 443,520 arrays of 24
     * cell ids): for a caller done protecting these tables that keeps them for longer (the preview server keeps a
     * build's tables for hours). A later audit indexes them again.
     */
    public void releaseFootprintIndex() {
        footprintIndex.set(null);
    }

    /**
     * Keeps this cell suppressed whatever the rules say (a decision carried over from a previous release, so that
     * two releases cannot be subtracted). A later call for the same cell replaces the reason.
     *
     * @param cell   the cell id
     * @param reason why, for the staff audit
     */
    public void keepSuppressed(int cell, String reason) {
        check(cell);
        kept.put(cell, Objects.requireNonNull(reason, "reason"));
    }

    /**
     * As {@link #keepSuppressed(int, String)}, and the cell is not published when the published cells turn out to
     * determine it (see {@link Protection#determined}) while one of {@code gained} is withheld: for a total whose
     * publication would give away, against an earlier release, a cell withheld now ({@code gained}: the cells it gained
     * since, whose sum is its change but for revisions of quarters both releases have). Determined with a gained cell
     * withheld, it stays withheld and the staff audit reports it too narrow; determined with every gained cell
     * published, it is published (a reader works its value out from the published cells anyway, and the cells it was
     * kept for are published). Its change since the earlier release also holds revisions of quarters both releases
     * have, which are not audited as cells of their own (README, "What build publishes", item 4).
     *
     * @param cell   the cell id
     * @param reason why, for the staff audit
     * @param gained the ids of the cells it gained since the earlier release
     */
    public void keepSuppressedEvenIfDetermined(int cell, String reason, int[] gained) {
        for (int g : gained) {
            check(g);
        }
        keepSuppressed(cell, reason);
        evenIfDetermined.put(cell, gained.clone());
    }

    /**
     * As {@link #keepSuppressed(int, String)}, and the cell is protected as a cell that fails a rule is: its value
     * may not be worked out from the published cells, nor narrowed to one value (a complement merely kept would be
     * published once the published cells pin it). For a cell withheld because its change since an earlier release,
     * which a reader has the old value for, would help give away another cell's change: hidden only if its value now
     * is. Its status stays a complement's: it fails no rule itself.
     *
     * @param cell   the cell id
     * @param reason why, for the staff audit
     */
    public void keepProtected(int cell, String reason) {
        keepSuppressed(cell, reason);
        protectedKept.set(cell);
    }

    /** Whether {@link #keepProtected} was called for this cell. */
    public boolean isProtectedKept(int cell) {
        return protectedKept.get(cell);
    }

    /**
     * Whether the cell, if withheld as a complement and then found determined (a reader can work it out), may be
     * published: not {@link #keepProtected kept protected} and not {@link #keepSuppressedEvenIfDetermined kept even
     * if determined}.
     */
    public boolean mayPublishWhenDetermined(int cell) {
        check(cell);
        return !protectedKept.get(cell) && !evenIfDetermined.containsKey(cell);
    }

    /** The cells a total kept by {@link #keepSuppressedEvenIfDetermined} gained, or null for any other cell. */
    int[] gainedSince(int cell) {
        int[] g = evenIfDetermined.get(cell);
        return g == null ? null : g.clone();
    }

    /**
     * Number of cells added.
     *
     * @return the number of cells
     */
    public int size() {
        return labels.size();
    }

    /**
     * The label the cell was added with.
     *
     * @param cell a cell id
     * @return its label
     */
    public String label(int cell) {
        check(cell);
        return labels.get(cell);
    }

    /**
     * The cell's total: the sum of its contributions.
     *
     * @param cell a cell id
     * @return its total
     */
    public long total(int cell) {
        check(cell);
        return totals[cell];
    }

    /** The cell's contributions, by token (unmodifiable, sorted by token). */
    public SortedMap<String, Long> contributions(int cell) {
        check(cell);
        return contributions.get(cell);
    }

    /** Number of relations added. */
    public int relationCount() {
        return relations.size();
    }

    /** Relation i as {@code [total, part, part, ...]} (a copy). */
    public int[] relation(int i) {
        return relations.get(i).clone();
    }

    /**
     * Marks this cell's value as public already (a previous release published it, and it has not changed since): it
     * is never chosen as a complement, since withholding a number readers already have protects nothing, and an
     * audit that counted it as unknown would overstate the protection of the cells it was chosen for.
     *
     * @param cell the cell id
     */
    public void knownAlready(int cell) {
        check(cell);
        known.set(cell);
    }

    /**
     * Whether {@link #keepSuppressed} was called for this cell.
     *
     * @param cell the cell id
     * @return true when the cell is kept suppressed
     */
    public boolean isKept(int cell) {
        check(cell);
        return kept.containsKey(cell);
    }

    /** Whether {@link #knownAlready} was called for this cell. */
    boolean isKnownAlready(int cell) {
        return known.get(cell);
    }

    /** The reason the cell is kept suppressed, or null. */
    public String keptReason(int cell) {
        return kept.get(cell);
    }

    private void check(int cell) {
        if (cell < 0 || cell >= labels.size()) {
            throw new IllegalArgumentException("unknown cell id " + cell + " (have " + labels.size() + ")");
        }
    }
}
