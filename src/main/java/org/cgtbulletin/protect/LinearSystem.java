package org.cgtbulletin.protect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * An immutable snapshot of a {@link LinkedTables}, compiled for the algorithms: each relation as a sparse row of
 * net integer coefficients over cells (+1 for the total, -1 per occurrence as a part, so that the row times the
 * vector of cell values is 0), and for each cell the relations it occurs in.
 */
final class LinearSystem {

    final int cells;
    /**
     * The tables' own cells: ids below this. Those from it on are hidden cells ({@link LinkedTables#addHiddenCell}),
     * unknowns that are never published: the audits do not look at their intervals.
     */
    final int shown;
    final long[] value;
    final String[] label;
    final List<SortedMap<String, Long>> contributions;
    final String[] keptReason;
    /** Per cell: its value is public already (see {@link LinkedTables#knownAlready}); never a complement. */
    final boolean[] known;
    /**
     * Per cell kept withheld even when determined ({@link LinkedTables#keepSuppressedEvenIfDetermined}): the cells
     * it gained since the earlier release; null for every other cell.
     */
    final int[][] gainedSince;
    /** Per cell: kept withheld and protected as if it failed a rule ({@link LinkedTables#keepProtected}). */
    final boolean[] protectedKept;
    /** Per row: the cells with a non-zero net coefficient, ascending. */
    final int[][] rowCells;
    /** Per row: the net coefficients, aligned with {@link #rowCells}. */
    final int[][] rowCoef;
    /** Per row: the cell declared as the relation's total. */
    final int[] rowTotal;
    /** Per row: index of the relation in the order it was added. */
    final int[] rowRelation;
    /** Per cell: the rows it has a non-zero coefficient in, ascending. */
    final int[][] cellRows;
    /** Per cell: in how many rows it is the declared total. */
    final int[] timesTotal;
    /**
     * The tables' footprints as this snapshot found them, indexed for alternative datasets when first asked for
     * ({@link LinkedTables#footprintIndex}); null where there are none to build alternative datasets from: no
     * footprints, or hidden cells.
     */
    private final java.util.function.Supplier<AlternativeData.Index> footprintIndex;

    LinearSystem(LinkedTables tables) {
        this(tables, false);
    }

    /**
     * As {@link #LinearSystem(LinkedTables)}; with {@code implied}, the implied relations are rows too, and the
     * hidden cells ({@link LinkedTables#addHiddenCell}) are cells after the tables' own, in the order added.
     */
    LinearSystem(LinkedTables tables, boolean implied) {
        shown = tables.size();
        cells = shown + (implied ? tables.hiddenCellCount() : 0);
        // A footprint does not say which hidden cells a report adds to: with them, no alternative dataset can be made.
        ReportFootprints footprints = tables.reportFootprints();
        footprintIndex = cells == shown && footprints != null ? () -> tables.footprintIndex(footprints, shown) : null;
        value = new long[cells];
        label = new String[cells];
        keptReason = new String[cells];
        known = new boolean[cells];
        gainedSince = new int[cells][];
        protectedKept = new boolean[cells];
        contributions = new ArrayList<>(cells);
        for (int c = 0; c < shown; c++) {
            value[c] = tables.total(c);
            label[c] = tables.label(c);
            keptReason[c] = tables.keptReason(c);
            known[c] = tables.isKnownAlready(c);
            gainedSince[c] = tables.gainedSince(c);
            protectedKept[c] = tables.isProtectedKept(c);
            contributions.add(tables.contributions(c));
        }
        for (int c = shown; c < cells; c++) {
            value[c] = tables.hiddenTotal(shown - 1 - c);
            label[c] = tables.hiddenLabel(shown - 1 - c);
            contributions.add(tables.hiddenContributions(shown - 1 - c));
        }
        List<int[]> rc = new ArrayList<>();
        List<int[]> co = new ArrayList<>();
        List<Integer> tot = new ArrayList<>();
        List<Integer> rel = new ArrayList<>();
        int stated = tables.relationCount();
        for (int r = 0; r < stated + (implied ? tables.impliedRelationCount() : 0); r++) {
            int[] relation = r < stated ? tables.relation(r) : tables.impliedRelation(r - stated);
            for (int i = 0; i < relation.length; i++) {
                relation[i] = relation[i] >= 0 ? relation[i] : shown - 1 - relation[i];
            }
            TreeMap<Integer, Integer> net = new TreeMap<>();
            net.merge(relation[0], 1, Integer::sum);
            for (int i = 1; i < relation.length; i++) {
                net.merge(relation[i], -1, Integer::sum);
            }
            net.values().removeIf(v -> v == 0);
            if (net.isEmpty()) {
                continue; // e.g. t = t: says nothing
            }
            int[] cs = new int[net.size()];
            int[] vs = new int[net.size()];
            int i = 0;
            for (var e : net.entrySet()) {
                cs[i] = e.getKey();
                vs[i] = e.getValue();
                i++;
            }
            rc.add(cs);
            co.add(vs);
            tot.add(relation[0]);
            rel.add(r);
        }
        rowCells = rc.toArray(new int[0][]);
        rowCoef = co.toArray(new int[0][]);
        rowTotal = tot.stream().mapToInt(Integer::intValue).toArray();
        rowRelation = rel.stream().mapToInt(Integer::intValue).toArray();
        int[] count = new int[cells];
        timesTotal = new int[cells];
        for (int r = 0; r < rowCells.length; r++) {
            for (int c : rowCells[r]) {
                count[c]++;
            }
            timesTotal[rowTotal[r]]++;
        }
        cellRows = new int[cells][];
        for (int c = 0; c < cells; c++) {
            cellRows[c] = new int[count[c]];
        }
        Arrays.fill(count, 0);
        for (int r = 0; r < rowCells.length; r++) {
            for (int c : rowCells[r]) {
                cellRows[c][count[c]++] = r;
            }
        }
    }

    int rows() {
        return rowCells.length;
    }

    /**
     * A hash of what an audit's proofs rest on: the cells, their values and contributions, and the relations (not
     * which cells are kept or known, which only decide what is withheld). Two snapshots of the same tables agree.
     */
    long fingerprint() {
        long h = 31L * cells + shown;
        h = 31 * h + Arrays.hashCode(value);
        h = 31 * h + Arrays.deepHashCode(rowCells);
        h = 31 * h + Arrays.deepHashCode(rowCoef);
        return 31 * h + contributions.hashCode();
    }

    /** Whether the cell is a part (negative net coefficient) of the row. */
    boolean isPart(int row, int cell) {
        int i = Arrays.binarySearch(rowCells[row], cell);
        return i >= 0 && rowCoef[row][i] < 0;
    }

    /** A contributor's own amount in a cell (0 when it did not contribute). */
    long own(String token, int cell) {
        Long x = contributions.get(cell).get(token);
        return x == null ? 0 : x;
    }

    /**
     * The footprints indexed for alternative datasets, built once for the tables (the audits of a protection share
     * it), or null when there are no footprints, or hidden cells, or too many (code combinations times quarters above
     * {@link AlternativeData#MAX_PAIRS}).
     */
    AlternativeData.Index footprintIndex() {
        return footprintIndex == null ? null : footprintIndex.get();
    }
}
