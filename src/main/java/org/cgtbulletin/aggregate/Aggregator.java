package org.cgtbulletin.aggregate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.cgtbulletin.model.BatchVolume;
import org.cgtbulletin.model.CellKey;
import org.cgtbulletin.model.Dimension;
import org.cgtbulletin.model.FailureReport;
import org.cgtbulletin.model.Quarter;
import org.cgtbulletin.model.Taxonomy;
import org.cgtbulletin.model.TaxonomyCode;
import org.cgtbulletin.protect.LinkedTables;

/**
 * The aggregate stage. Receives validated reports one at a time (keeping only a count per contributor, quarter
 * and code combination, so memory does not grow with the number of reports or with narratives), then builds
 * every published table, complete with zeros, as one linked system of additive relations.
 */
public final class Aggregator implements Consumer<FailureReport> {

    /** The published tables, as which of (product class, step, mode, outcome) they break down by. */
    static final boolean[][] TABLES = {
        {false, false, false, false}, // overall total
        {true, false, false, false},  // product class
        {false, true, false, false},  // process step
        {false, false, true, false},  // failure mode
        {false, false, false, true},  // outcome
        {false, true, true, false},   // process step x failure mode
        {true, true, false, false},   // product class x process step
        {true, false, true, false},   // product class x failure mode (for disproportionality by product class)
    };
    private static final Dimension[] DIMS = {Dimension.PRODUCT_CLASS, Dimension.PROCESS_STEP,
        Dimension.FAILURE_MODE, Dimension.OUTCOME};

    private final Taxonomy taxonomy;
    private final List<Map<String, Integer>> codeIndex = new ArrayList<>();
    private final Map<String, Integer> contributorIndex = new HashMap<>();
    private final List<String> contributors = new ArrayList<>();
    /** (contributor: 20 bits, quarters since 2000: 12, pc, ps, fm, oc: 8 each) packed into a long -> reports. */
    private final CountsByKey fine = new CountsByKey();
    private Quarter first;
    private Quarter last;

    public Aggregator(Taxonomy taxonomy) {
        this.taxonomy = taxonomy;
        for (Dimension d : DIMS) {
            Map<String, Integer> m = new HashMap<>();
            List<TaxonomyCode> codes = taxonomy.codes(d);
            for (int i = 0; i < codes.size(); i++) {
                m.put(codes.get(i).code(), i);
            }
            codeIndex.add(m);
        }
    }

    @Override
    public void accept(FailureReport r) {
        int c = contributorIndex.computeIfAbsent(r.contributor(), k -> {
            contributors.add(k);
            return contributors.size() - 1;
        });
        int q = (r.quarter().year() - 2000) * 4 + r.quarter().quarter() - 1; // dates before 2000 are rejected
        long key = pack(c, q, codeIndex.get(0).get(r.productClass()), codeIndex.get(1).get(r.processStep()),
                codeIndex.get(2).get(r.failureMode()), codeIndex.get(3).get(r.outcome()));
        fine.increment(key);
        first = first == null || r.quarter().compareTo(first) < 0 ? r.quarter() : first;
        last = last == null || r.quarter().compareTo(last) > 0 ? r.quarter() : last;
    }

    private static long pack(int contributor, int quarter, int pc, int ps, int fm, int oc) {
        return ((long) contributor << 44) | ((long) quarter << 32) | ((long) pc << 24) | ((long) ps << 16)
                | ((long) fm << 8) | oc;
    }

    /** Earliest quarter with a report, or null. */
    public Quarter firstQuarter() {
        return first;
    }

    /** Latest quarter with a report, or null. */
    public Quarter lastQuarter() {
        return last;
    }

    /**
     * Builds the tables over the periods from {@code from} to {@code to} (quarters, the calendar years they
     * touch, and all), with events per cell and batches started per product class.
     */
    public Tables tables(Quarter from, Quarter to, List<BatchVolume> volumes) {
        List<Period> periods = from == null || to == null ? List.of() : Period.of(from, to);
        int[] sizes = new int[DIMS.length];
        for (int d = 0; d < DIMS.length; d++) {
            sizes[d] = taxonomy.codes(DIMS[d]).size();
        }
        CellIndex counts = new CellIndex(periods, sizes, contributors.size());
        addContributions(counts, periods, from);
        LinkedTables countTables = counts.linked(this::keyOf, contributors);
        Footprints footprints = from == null || to == null ? null : Footprints.of(counts, sizes, periods, from, to);
        if (footprints != null) {
            countTables.reportFootprints(footprints);
        }

        BatchIndex batches = new BatchIndex(periods, sizes[0]);
        for (BatchVolume v : volumes) {
            if (v.batchesStarted() == 0 || from == null || v.quarter().compareTo(from) < 0
                    || v.quarter().compareTo(to) > 0) {
                continue;
            }
            batches.add(v.quarter(), codeIndex.get(0).get(v.productClass()), v.contributor(), v.batchesStarted());
        }
        LinkedTables batchTables = batches.linked(this::productClassCode);
        java.util.Set<Quarter> delivered = new java.util.HashSet<>();
        volumes.forEach(v -> delivered.add(v.quarter())); // a row of 0 batches says so: delivered
        List<String> withoutVolumes = volumes.isEmpty() ? List.of() : periods.stream()
                .filter(p -> !delivered.containsAll(p.quarters())).map(Period::name).toList();
        return new Tables(periods.stream().map(Period::name).toList(), counts.keys(this::keyOf), countTables,
                batches.keys(this::productClassCode), batchTables, !volumes.isEmpty(), withoutVolumes);
    }

    private void addContributions(CellIndex counts, List<Period> periods, Quarter from) {
        if (from == null) {
            return;
        }
        // In key order, so that contributions (and everything after) do not depend on hash order.
        long[] keys = fine.sortedKeys();
        Map<Integer, int[]> periodsOfQuarter = new HashMap<>();
        int[] codes = new int[4];
        for (long k : keys) {
            int c = (int) (k >>> 44);
            int qi = (int) ((k >>> 32) & 0xFFF);
            int[] ps = periodsOfQuarter.computeIfAbsent(qi, i -> periodsContaining(periods,
                    new Quarter(2000 + i / 4, i % 4 + 1)));
            codes[0] = (int) ((k >>> 24) & 0xFF);
            codes[1] = (int) ((k >>> 16) & 0xFF);
            codes[2] = (int) ((k >>> 8) & 0xFF);
            codes[3] = (int) (k & 0xFF);
            long reports = fine.count(k);
            for (int p : ps) {
                counts.add(p, codes, c, reports);
            }
        }
    }

    private static int[] periodsContaining(List<Period> periods, Quarter q) {
        return java.util.stream.IntStream.range(0, periods.size())
                .filter(p -> periods.get(p).quarters().contains(q)).toArray();
    }

    private CellKey keyOf(String period, int[] codes) {
        return new CellKey(period, code(0, codes[0]), code(1, codes[1]), code(2, codes[2]), code(3, codes[3]));
    }

    private String code(int dim, int index) {
        return index < 0 ? CellKey.ALL : taxonomy.codes(DIMS[dim]).get(index).code();
    }

    private String productClassCode(int index) {
        return code(0, index);
    }
}
