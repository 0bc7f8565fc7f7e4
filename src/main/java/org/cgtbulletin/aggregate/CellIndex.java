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
        }
        periodRelations(tables);
        return tables;
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
