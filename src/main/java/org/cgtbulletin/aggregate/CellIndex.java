package org.cgtbulletin.aggregate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.cgtbulletin.model.CellKey;
import org.cgtbulletin.protect.LinkedTables;

/**
 * Numbers every cell of every table in every period, accumulates contributions per contributor, and states the
 * additive relations that tie the tables together (margins within a period, years over quarters, all over years).
 */
final class CellIndex {

    interface KeyMaker {
        CellKey key(String period, int[] codes);
    }

    private final List<Period> periods;
    private final int[] sizes;
    private final int[][] base;
    private final int cellsPerPeriod;
    private final int contributors;
    /** Per cell, amounts by contributor index; a row is allocated when the cell gets its first report. */
    private final long[][] amounts;

    CellIndex(List<Period> periods, int[] sizes, int contributors) {
        this.contributors = contributors;
        this.periods = periods;
        this.sizes = sizes.clone();
        int perPeriod = 0;
        int[] tableSize = new int[Aggregator.TABLES.length];
        for (int t = 0; t < Aggregator.TABLES.length; t++) {
            int n = 1;
            for (int d = 0; d < sizes.length; d++) {
                if (Aggregator.TABLES[t][d]) {
                    n *= sizes[d];
                }
            }
            tableSize[t] = n;
            perPeriod += n;
        }
        this.cellsPerPeriod = perPeriod;
        this.base = new int[periods.size()][Aggregator.TABLES.length];
        int next = 0;
        for (int p = 0; p < periods.size(); p++) {
            for (int t = 0; t < Aggregator.TABLES.length; t++) {
                base[p][t] = next;
                next += tableSize[t];
            }
        }
        this.amounts = new long[next][];
    }

    int size() {
        return cellsPerPeriod * periods.size();
    }

    /** The id of the cell of table t in period p that holds the given codes (codes of other dims ignored). */
    int id(int p, int t, int... codes) {
        int offset = 0;
        for (int d = 0; d < sizes.length; d++) {
            if (Aggregator.TABLES[t][d]) {
                offset = offset * sizes[d] + codes[d];
            }
        }
        return base[p][t] + offset;
    }

    void add(int p, int[] codes, int contributor, long n) {
        for (int t = 0; t < Aggregator.TABLES.length; t++) {
            int id = id(p, t, codes);
            if (amounts[id] == null) {
                amounts[id] = new long[contributors];
            }
            amounts[id][contributor] += n;
        }
    }

    /** Cell keys in id order. */
    List<CellKey> keys(KeyMaker maker) {
        List<CellKey> keys = new ArrayList<>(size());
        for (Period period : periods) {
            for (int t = 0; t < Aggregator.TABLES.length; t++) {
                forEachCell(t, codes -> keys.add(maker.key(period.name(), codes)));
            }
        }
        return keys;
    }

    LinkedTables linked(KeyMaker maker, List<String> contributorTokens) {
        LinkedTables tables = new LinkedTables();
        List<CellKey> keys = keys(maker);
        for (int id = 0; id < keys.size(); id++) {
            Map<String, Long> byToken = new TreeMap<>();
            long[] row = amounts[id];
            for (int c = 0; row != null && c < contributors; c++) {
                if (row[c] > 0) {
                    byToken.put(contributorTokens.get(c), row[c]);
                }
            }
            int assigned = tables.addCell(keys.get(id).label(), byToken);
            if (assigned != id) {
                throw new IllegalStateException("cell ids out of step: " + assigned + " != " + id);
            }
        }
        for (int p = 0; p < periods.size(); p++) {
            marginRelations(tables, p);
            crossRelations(tables, p);
        }
        periodRelations(tables);
        return tables;
    }

    /**
     * The relations the three two-way tables owe to the one table they all come from. Every report has one class,
     * step and mode, so class by step, class by mode and step by mode are the margins of a hidden three-way table
     * x(class, step, mode) of non-negative counts; and x is 0 wherever one of its three margins is 0, as a reader
     * sees (zeros are published). So, for one class, the steps and modes that x may join fall apart into groups
     * (connected through the combinations where none of the three margins is 0), and within each group the class's
     * steps add up to the same number as its modes: the class's reports there, counted either way. The same for
     * one step (its classes against its modes, in class by step and step by mode) and for one mode. A published
     * zero in step by mode can so tie a withheld class-by-mode cell to published ones (a review of 5 Dec found the
     * sample's potency failures of one class in one quarter recoverable exactly: the failure modes seen only at QC
     * release, and QC release only with them, so the class's QC-release count was the sum of those modes' counts).
     * A group of one step (or one mode, or one class) on one side is stated as a relation, that cell equal to the
     * sum of the other side's; a group with several on both sides cannot be written as a total and its parts, and
     * is left out. Groups that hold every non-zero cell of both sides say what the tables' totals already say, and
     * are left out too. The true zeros are used, also where a zero is withheld: that credits a reader with more
     * than it knows. These relations are stated apart ({@link LinkedTables#addImpliedRelation}): protecting them
     * with the others made the sample's build withhold all but 15 of its 20,988 cells (the branch
     * experiment/cube-relations); instead, once the tables are protected, each withheld count they still give
     * away is hidden by one more withheld cell ({@code ThreeWayTable}), and what remains goes to the staff audit.
     */
    private void crossRelations(LinkedTables tables, int p) {
        int classes = sizes[0];
        int steps = sizes[1];
        int modes = sizes[2];
        int[][] a = new int[classes][steps];
        int[][] b = new int[classes][modes];
        int[][] d = new int[steps][modes];
        for (int pc = 0; pc < classes; pc++) {
            for (int ps = 0; ps < steps; ps++) {
                a[pc][ps] = id(p, PC_PS, pc, ps, 0, 0);
            }
            for (int fm = 0; fm < modes; fm++) {
                b[pc][fm] = id(p, PC_FM, pc, 0, fm, 0);
            }
        }
        for (int ps = 0; ps < steps; ps++) {
            for (int fm = 0; fm < modes; fm++) {
                d[ps][fm] = id(p, PS_FM, 0, ps, fm, 0);
            }
        }
        for (int pc = 0; pc < classes; pc++) { // one class: its steps (class by step) against its modes
            groupRelations(tables, a[pc], b[pc], (ps, fm) -> tables.total(d[ps][fm]) > 0);
        }
        for (int ps = 0; ps < steps; ps++) { // one step: its classes (class by step) against its modes
            int[] left = new int[classes];
            for (int pc = 0; pc < classes; pc++) {
                left[pc] = a[pc][ps];
            }
            groupRelations(tables, left, d[ps], (pc, fm) -> tables.total(b[pc][fm]) > 0);
        }
        for (int fm = 0; fm < modes; fm++) { // one mode: its classes (class by mode) against its steps
            int[] left = new int[classes];
            int[] right = new int[steps];
            for (int pc = 0; pc < classes; pc++) {
                left[pc] = b[pc][fm];
            }
            for (int ps = 0; ps < steps; ps++) {
                right[ps] = d[ps][fm];
            }
            groupRelations(tables, left, right, (pc, ps) -> tables.total(a[pc][ps]) > 0);
        }
    }

    /** Whether the hidden table may be non-zero where the i-th left cell meets the j-th right one (third margin). */
    private interface Joined {
        boolean test(int i, int j);
    }

    /**
     * For two margins of the hidden table over a line of it (left and right cells, each the sum of the hidden cells
     * it meets), the relations of their groups: left i and right j are joined when both are non-zero and the third
     * margin allows it; each group of joined cells has the same sum on both sides.
     */
    private static void groupRelations(LinkedTables tables, int[] left, int[] right, Joined third) {
        int n = left.length;
        int[] parent = new int[n + right.length];
        for (int i = 0; i < parent.length; i++) {
            parent[i] = i;
        }
        for (int i = 0; i < n; i++) {
            if (tables.total(left[i]) == 0) {
                continue;
            }
            for (int j = 0; j < right.length; j++) {
                if (tables.total(right[j]) > 0 && third.test(i, j)) {
                    parent[find(parent, i)] = find(parent, n + j);
                }
            }
        }
        // the groups, by their root, in the order of their first member
        Map<Integer, List<Integer>> groups = new java.util.LinkedHashMap<>();
        for (int v = 0; v < parent.length; v++) {
            int cell = v < n ? left[v] : right[v - n];
            if (tables.total(cell) > 0) {
                groups.computeIfAbsent(find(parent, v), k -> new ArrayList<>()).add(v);
            }
        }
        if (groups.size() < 2) {
            return; // one group: what the totals say already
        }
        for (List<Integer> group : groups.values()) {
            List<Integer> l = new ArrayList<>();
            List<Integer> r = new ArrayList<>();
            for (int v : group) {
                if (v < n) {
                    l.add(left[v]);
                } else {
                    r.add(right[v - n]);
                }
            }
            if (l.size() == 1 && !r.isEmpty()) {
                tables.addImpliedRelation(l.get(0), toArray(r));
            } else if (r.size() == 1 && !l.isEmpty()) {
                tables.addImpliedRelation(r.get(0), toArray(l));
            }
        }
    }

    private static int find(int[] parent, int v) {
        while (parent[v] != v) {
            parent[v] = parent[parent[v]];
            v = parent[v];
        }
        return v;
    }

    private static final int TOTAL = 0;
    private static final int PC = 1;
    private static final int PS = 2;
    private static final int FM = 3;
    private static final int OC = 4;
    private static final int PS_FM = 5;
    private static final int PC_PS = 6;
    private static final int PC_FM = 7;

    private void marginRelations(LinkedTables tables, int p) {
        int total = id(p, TOTAL, 0, 0, 0, 0);
        for (int t : new int[] {PC, PS, FM, OC}) {
            List<Integer> parts = new ArrayList<>();
            forEachCell(t, codes -> parts.add(id(p, t, codes)));
            tables.addRelation(total, toArray(parts));
        }
        for (int ps = 0; ps < sizes[1]; ps++) {
            int[] byMode = new int[sizes[2]];
            for (int fm = 0; fm < sizes[2]; fm++) {
                byMode[fm] = id(p, PS_FM, 0, ps, fm, 0);
            }
            tables.addRelation(id(p, PS, 0, ps, 0, 0), byMode);
            int[] byClass = new int[sizes[0]];
            for (int pc = 0; pc < sizes[0]; pc++) {
                byClass[pc] = id(p, PC_PS, pc, ps, 0, 0);
            }
            tables.addRelation(id(p, PS, 0, ps, 0, 0), byClass);
        }
        for (int fm = 0; fm < sizes[2]; fm++) {
            int[] bySteps = new int[sizes[1]];
            for (int ps = 0; ps < sizes[1]; ps++) {
                bySteps[ps] = id(p, PS_FM, 0, ps, fm, 0);
            }
            tables.addRelation(id(p, FM, 0, 0, fm, 0), bySteps);
            int[] byClass = new int[sizes[0]];
            for (int pc = 0; pc < sizes[0]; pc++) {
                byClass[pc] = id(p, PC_FM, pc, 0, fm, 0);
            }
            tables.addRelation(id(p, FM, 0, 0, fm, 0), byClass);
        }
        for (int pc = 0; pc < sizes[0]; pc++) {
            int[] bySteps = new int[sizes[1]];
            for (int ps = 0; ps < sizes[1]; ps++) {
                bySteps[ps] = id(p, PC_PS, pc, ps, 0, 0);
            }
            tables.addRelation(id(p, PC, pc, 0, 0, 0), bySteps);
            int[] byMode = new int[sizes[2]];
            for (int fm = 0; fm < sizes[2]; fm++) {
                byMode[fm] = id(p, PC_FM, pc, 0, fm, 0);
            }
            tables.addRelation(id(p, PC, pc, 0, 0, 0), byMode);
        }
    }

    /** Each year's cell is the sum of its quarters' cells; each 'all' cell the sum of the years' cells. */
    private void periodRelations(LinkedTables tables) {
        for (int p = 0; p < periods.size(); p++) {
            List<Integer> parts = Period.partsOf(periods, p);
            if (parts.isEmpty()) {
                continue;
            }
            for (int t = 0; t < Aggregator.TABLES.length; t++) {
                int table = t;
                int period = p;
                forEachCell(t, codes -> {
                    int[] ids = new int[parts.size()];
                    for (int i = 0; i < ids.length; i++) {
                        ids[i] = id(parts.get(i), table, codes);
                    }
                    tables.addRelation(id(period, table, codes), ids);
                });
            }
        }
    }

    interface CodesVisitor {
        void visit(int[] codes);
    }

    /** Visits every code combination of table t (codes of dims not in t are -1, meaning '*'). */
    void forEachCell(int t, CodesVisitor visitor) {
        int[] codes = new int[sizes.length];
        for (int d = 0; d < sizes.length; d++) {
            codes[d] = Aggregator.TABLES[t][d] ? 0 : -1;
        }
        while (true) {
            visitor.visit(codes.clone());
            int d = sizes.length - 1;
            while (d >= 0) {
                if (Aggregator.TABLES[t][d]) {
                    codes[d]++;
                    if (codes[d] < sizes[d]) {
                        break;
                    }
                    codes[d] = 0;
                }
                d--;
            }
            if (d < 0) {
                return;
            }
        }
    }

    static int[] toArray(List<Integer> list) {
        return list.stream().mapToInt(Integer::intValue).toArray();
    }
}
