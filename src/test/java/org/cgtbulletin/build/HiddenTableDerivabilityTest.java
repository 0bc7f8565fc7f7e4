package org.cgtbulletin.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.cgtbulletin.cli.CliRun;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An attack on the published event counts, written apart from the project's own protection code (it reads only
 * cells.csv and the taxonomy): can a reader work out a withheld count exactly from the published ones?
 *
 * <p>The model. Every report has one product class, process step, failure mode and outcome, so all the event
 * tables of a quarter are margins of one hidden table x_q(class, step, mode, outcome) of counts. A year's row is
 * the sum of its quarters' rows and an 'all' row the sum of every quarter's (checked below where cells.csv
 * publishes them all), so the honest unknowns are the hidden cells of every quarter at once, and one system
 * covers every period. A published zero forces every hidden cell under it (in each quarter it covers) to 0; every
 * published row is a known linear form (the sum of the hidden cells under it). A withheld row is given away
 * exactly when its form lies in the span of the published forms; that is decided exactly, by Gaussian
 * elimination modulo the prime 2^61-1 (coefficients 0/1; a wrong answer would need the prime to divide a minor of
 * the system, which is not a practical concern).
 *
 * <p>One reduction keeps the system small. The outcome is only ever tabulated on its own (never crossed with
 * another dimension), so each quarter's forms depend on x_q only through y_q(class, step, mode) (the outcomes
 * summed) and z_q(outcome) (all else summed). Once the published zeros are applied, x_q may be non-zero exactly
 * on a product of the allowed (class, step, mode) cells and the allowed outcomes, and on such a product the map
 * x_q -> (y_q, z_q) reaches every pair with equal totals (a complete bipartite support is connected). So a form is
 * in the span over the x unknowns exactly when it is in the span over the y and z unknowns together with the
 * known relation sum(y_q) - sum(z_q) = 0 for each quarter: same answers, about 2,000 unknowns instead of 11,000.
 * Which dimensions are crossed is read from cells.csv, not assumed.
 *
 * <p>Not modelled: bounds (a reader also knows counts are non-negative and that a primary-suppressed count is
 * not 0; that can narrow a withheld count's range, which the project's audit checks as intervals); only exact
 * linear determination is tested here. Only the events counts are attacked, not batches started.
 */
class HiddenTableDerivabilityTest {

    static final List<String> DIMS = List.of("product_class", "process_step", "failure_mode", "outcome");

    @TempDir
    static Path dir;
    static Path site;
    static CliRun sampleBuild;

    @BeforeAll
    static void buildTheShippedSample() {
        site = dir.resolve("site");
        sampleBuild = CliRun.of("build", "--output", site.toString(), "--audit", dir.resolve("audit").toString());
    }

    @Test
    void noWithheldEventCountOfTheSampleFollowsFromThePublishedOnesAndTheHiddenTablesZeros() throws IOException {
        assertEquals(0, sampleBuild.status(), sampleBuild.err());
        Map<String, List<String>> codes = taxonomyCodes(Path.of("content", "taxonomy.yaml"));
        List<Row> rows = new ArrayList<>();
        try (Reader r = Files.newBufferedReader(site.resolve("data/cells.csv"))) {
            for (CSVRecord c : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build().parse(r)) {
                String[] key = new String[DIMS.size()];
                for (int d = 0; d < key.length; d++) {
                    key[d] = c.get(DIMS.get(d));
                }
                boolean published = c.get("status").equals("published");
                assertTrue(published || c.get("status").startsWith("suppressed"), c.toString());
                assertEquals(published, !c.get("events").isEmpty(), "events shown exactly when published: " + c);
                rows.add(new Row(c.get("period"), key, published ? Long.valueOf(c.get("events")) : null));
            }
        }
        Checker checker = new Checker(DIMS, codes, rows);
        assertEquals(List.of("outcome"), checker.sideDims(), "only the outcome is tabulated on its own");
        assertTrue(checker.quarters().size() >= 8, "the sample spans several years: " + checker.quarters());
        // the model's premise: a year's (and all's) published count is the sum of its quarters' published counts
        assertEquals(List.of(), checker.periodSumsBroken(), "year and all rows are sums of quarter rows");
        long started = System.nanoTime();
        Checker.Result result = checker.run();
        System.out.printf("hidden-table check: %d unknowns, %d published forms of rank %d, %d withheld rows,"
                + " %d derivable (%.1f s)%n", result.unknowns(), result.publishedForms(), result.rank(),
                result.withheld(), result.derivable().size(), (System.nanoTime() - started) / 1e9);
        assertTrue(result.withheld() > 1000, "the sample withholds many counts: " + result.withheld());
        result.derivable().forEach(System.out::println);
        assertTrue(result.derivable().isEmpty(), () -> result.derivable().size()
                + " withheld event counts a reader can work out exactly:\n" + String.join("\n", result.derivable()));
    }

    /**
     * The checker can fail: one quarter, 2 classes x 2 steps x 2 modes (and 2 outcomes on their own). Step s only
     * ever goes with mode m and step t only with mode n. The class-by-step table is withheld whole, its margins
     * published: alone, that leaves it one degree of freedom. But once the step-by-mode table publishes its two
     * zeros, class a's count at step s is its count of mode m, which is published, and so on for the other three.
     * With the step-by-mode table withheld whole instead, nothing is given away.
     */
    @Test
    void aWithheldCountGivenAwayByAPublishedZeroOfTheHiddenTableIsFound() {
        List<String> dims = List.of("class", "step", "mode", "outcome");
        Map<String, List<String>> codes = Map.of("class", List.of("a", "b"), "step", List.of("s", "t"), "mode",
                List.of("m", "n"), "outcome", List.of("ok", "lost"));
        // hidden table: (a,s,m) 3, (a,t,n) 4, (b,s,m) 2, (b,t,n) 5; outcomes ok 8, lost 6
        List<Row> rows = List.of(
                row("*", "*", "*", "*", 14L),
                row("a", "*", "*", "*", 7L), row("b", "*", "*", "*", 7L),
                row("*", "s", "*", "*", 5L), row("*", "t", "*", "*", 9L),
                row("*", "*", "m", "*", 5L), row("*", "*", "n", "*", 9L),
                row("*", "*", "*", "ok", 8L), row("*", "*", "*", "lost", 6L),
                row("a", "s", "*", "*", null), row("a", "t", "*", "*", null),
                row("b", "s", "*", "*", null), row("b", "t", "*", "*", null),
                row("a", "*", "m", "*", 3L), row("a", "*", "n", "*", 4L),
                row("b", "*", "m", "*", 2L), row("b", "*", "n", "*", 5L));
        List<Row> zerosPublished = new ArrayList<>(rows);
        zerosPublished.addAll(List.of(row("*", "s", "m", "*", 5L), row("*", "s", "n", "*", 0L),
                row("*", "t", "m", "*", 0L), row("*", "t", "n", "*", 9L)));
        assertEquals(List.of("2025-Q1 a/s/*/*", "2025-Q1 a/t/*/*", "2025-Q1 b/s/*/*", "2025-Q1 b/t/*/*"),
                new Checker(dims, codes, zerosPublished).run().derivable().stream().map(d -> d.split(":")[0])
                        .toList());
        List<Row> stepByModeWithheld = new ArrayList<>(rows);
        stepByModeWithheld.addAll(List.of(row("*", "s", "m", "*", null), row("*", "s", "n", "*", null),
                row("*", "t", "m", "*", null), row("*", "t", "n", "*", null)));
        assertEquals(List.of(), new Checker(dims, codes, stepByModeWithheld).run().derivable());
        // the outcome table and the hidden table add up to the same total: a withheld outcome is the total less
        // the other outcome
        List<Row> outcomes = new ArrayList<>(stepByModeWithheld);
        outcomes.set(7, row("*", "*", "*", "ok", 14L));
        outcomes.set(8, row("*", "*", "*", "lost", null));
        assertEquals(List.of("2025-Q1 */*/*/lost"), new Checker(dims, codes, outcomes).run().derivable().stream()
                .map(d -> d.split(":")[0]).toList());
        // the 'all' period ties quarters together: a withheld quarter row is the all row less the other quarter's
        List<Row> twoQuarters = new ArrayList<>(List.of(
                new Row("2025-Q1", new String[] {"a", "*", "*", "*"}, null),
                new Row("2025-Q2", new String[] {"a", "*", "*", "*"}, 2L),
                new Row("2025", new String[] {"a", "*", "*", "*"}, null),
                new Row("all", new String[] {"a", "*", "*", "*"}, 9L)));
        assertEquals(List.of("2025-Q1 a/*/*/*", "2025 a/*/*/*"),
                new Checker(dims, codes, twoQuarters).run().derivable().stream().map(d -> d.split(":")[0])
                        .toList());
    }

    private static Row row(String c, String s, String m, String o, Long events) {
        return new Row("2025-Q1", new String[] {c, s, m, o}, events);
    }

    /** The codes of each dimension, in taxonomy order. */
    static Map<String, List<String>> taxonomyCodes(Path taxonomy) throws IOException {
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(taxonomy.toFile());
        Map<String, List<String>> codes = new LinkedHashMap<>();
        for (String d : DIMS) {
            List<String> list = new ArrayList<>();
            root.get(d).get("codes").forEach(c -> list.add(c.get("code").asText()));
            codes.put(d, list);
        }
        return codes;
    }

    /** One row of cells.csv: a period, a code or '*' per dimension, and the events count (null when withheld). */
    record Row(String period, String[] codes, Long events) {
        String label() {
            return period + " " + String.join("/", codes);
        }
    }

    /** The system a reader can set up from the rows, and which withheld rows it determines. */
    static final class Checker {

        record Result(int unknowns, int publishedForms, int rank, int withheld, List<String> derivable) {
        }

        private final List<String> dims;
        private final List<Row> rows;
        private final List<String> quarters = new ArrayList<>();
        private final Map<String, List<Integer>> partsOf = new HashMap<>();
        /** Dimensions crossed with another in some row (the hidden table y), and those only ever alone (z). */
        private final List<Integer> cube = new ArrayList<>();
        private final List<Integer> side = new ArrayList<>();
        private final int[][] codeIndex; // per row, per dimension: the code's index, or -1 for '*'
        private final int[] sizes;

        Checker(List<String> dims, Map<String, List<String>> codes, List<Row> rows) {
            this.dims = dims;
            this.rows = rows;
            this.sizes = new int[dims.size()];
            List<Map<String, Integer>> index = new ArrayList<>();
            for (int d = 0; d < dims.size(); d++) {
                List<String> list = codes.get(dims.get(d));
                sizes[d] = list.size();
                Map<String, Integer> m = new HashMap<>();
                for (int i = 0; i < list.size(); i++) {
                    m.put(list.get(i), i);
                }
                index.add(m);
            }
            codeIndex = new int[rows.size()][dims.size()];
            boolean[] crossed = new boolean[dims.size()];
            for (int r = 0; r < rows.size(); r++) {
                Row row = rows.get(r);
                int named = 0;
                for (int d = 0; d < dims.size(); d++) {
                    String c = row.codes()[d];
                    if (c.equals("*")) {
                        codeIndex[r][d] = -1;
                    } else {
                        Integer i = index.get(d).get(c);
                        if (i == null) {
                            throw new IllegalArgumentException("code not in the taxonomy: " + row.label());
                        }
                        codeIndex[r][d] = i;
                        named++;
                    }
                }
                for (int d = 0; d < dims.size() && named > 1; d++) {
                    crossed[d] |= codeIndex[r][d] >= 0;
                }
                if (row.period().matches("\\d{4}-Q[1-4]") && !quarters.contains(row.period())) {
                    quarters.add(row.period());
                }
            }
            for (int d = 0; d < dims.size(); d++) {
                (crossed[d] ? cube : side).add(d);
            }
            quarters.sort(null);
            for (Row row : rows) {
                partsOf.computeIfAbsent(row.period(), p -> {
                    List<Integer> parts = new ArrayList<>();
                    for (int q = 0; q < quarters.size(); q++) {
                        String name = quarters.get(q);
                        if (p.equals("all") || name.equals(p) || name.startsWith(p + "-")) {
                            parts.add(q);
                        }
                    }
                    if (parts.isEmpty()) {
                        throw new IllegalArgumentException("a period of no quarter: " + p);
                    }
                    return parts;
                });
            }
        }

        List<String> sideDims() {
            return side.stream().map(dims::get).toList();
        }

        List<String> quarters() {
            return quarters;
        }

        /** Published year and all rows that are not the sum of their quarters' rows, where those are published. */
        List<String> periodSumsBroken() {
            Map<String, Long> published = new HashMap<>();
            for (Row row : rows) {
                if (row.events() != null) {
                    published.put(row.label(), row.events());
                }
            }
            List<String> broken = new ArrayList<>();
            int checked = 0;
            for (Row row : rows) {
                if (row.events() == null || quarters.contains(row.period())) {
                    continue;
                }
                long sum = 0;
                boolean all = true;
                for (int q : partsOf.get(row.period())) {
                    Long v = published.get(new Row(quarters.get(q), row.codes(), null).label());
                    all &= v != null;
                    sum += v == null ? 0 : v;
                }
                if (all) {
                    checked++;
                    if (sum != row.events()) {
                        broken.add(row.label() + " = " + row.events() + ", its quarters add to " + sum);
                    }
                }
            }
            if (checked == 0 && rows.stream().anyMatch(r -> !quarters.contains(r.period()))) {
                broken.add("no year or all row could be checked against its quarters");
            }
            return broken;
        }

        Result run() {
            int cubeCells = 1;
            for (int d : cube) {
                cubeCells *= sizes[d];
            }
            // the hidden cells the published zeros leave open, per quarter: y over the crossed dimensions, z per
            // dimension tabulated alone
            boolean[][] yOpen = new boolean[quarters.size()][cubeCells];
            boolean[][][] zOpen = new boolean[quarters.size()][dims.size()][];
            for (int q = 0; q < quarters.size(); q++) {
                Arrays.fill(yOpen[q], true);
                for (int d : side) {
                    zOpen[q][d] = new boolean[sizes[d]];
                    Arrays.fill(zOpen[q][d], true);
                }
            }
            int[][] cellCodes = new int[cubeCells][];
            for (int cell = 0; cell < cubeCells; cell++) {
                cellCodes[cell] = cubeCodes(cell);
            }
            for (int r = 0; r < rows.size(); r++) {
                Row row = rows.get(r);
                if (row.events() == null || row.events() != 0) {
                    continue;
                }
                int sideDim = sideDim(r);
                for (int q : partsOf.get(row.period())) {
                    if (sideDim >= 0) {
                        zOpen[q][sideDim][codeIndex[r][sideDim]] = false;
                    } else {
                        for (int cell = 0; cell < cubeCells; cell++) {
                            if (yOpen[q][cell] && under(r, cellCodes[cell])) {
                                yOpen[q][cell] = false;
                            }
                        }
                    }
                }
            }
            // number the open unknowns; a quarter with no open y cell, or no open code of a lone dimension, is all 0
            int n = 0;
            int[][] yId = new int[quarters.size()][cubeCells];
            int[][][] zId = new int[quarters.size()][dims.size()][];
            boolean[] quarterOpen = new boolean[quarters.size()];
            for (int q = 0; q < quarters.size(); q++) {
                boolean open = any(yOpen[q]);
                for (int d : side) {
                    open &= any(zOpen[q][d]);
                }
                quarterOpen[q] = open;
                for (int cell = 0; cell < cubeCells; cell++) {
                    yId[q][cell] = open && yOpen[q][cell] ? n++ : -1;
                }
                for (int d : side) {
                    zId[q][d] = new int[sizes[d]];
                    for (int c = 0; c < sizes[d]; c++) {
                        zId[q][d][c] = open && zOpen[q][d][c] ? n++ : -1;
                    }
                }
            }
            Echelon echelon = new Echelon(n);
            // what the reader knows besides the rows: in each quarter, each lone dimension adds up to the same total
            int forms = 0;
            for (int q = 0; q < quarters.size(); q++) {
                for (int d : side) {
                    if (!quarterOpen[q]) {
                        continue;
                    }
                    Map<Integer, Long> form = new HashMap<>();
                    for (int id : yId[q]) {
                        if (id >= 0) {
                            form.put(id, 1L);
                        }
                    }
                    for (int id : zId[q][d]) {
                        if (id >= 0) {
                            form.put(id, Echelon.P - 1);
                        }
                    }
                    echelon.add(form);
                    forms++;
                }
            }
            // published rows: quarters first (their forms stay within one quarter, so the elimination stays sparse)
            List<Integer> published = new ArrayList<>();
            List<Integer> withheld = new ArrayList<>();
            for (int r = 0; r < rows.size(); r++) {
                (rows.get(r).events() != null ? published : withheld).add(r);
            }
            published.sort((a, b) -> Integer.compare(partsOf.get(rows.get(a).period()).size(),
                    partsOf.get(rows.get(b).period()).size()));
            for (int r : published) {
                Map<Integer, Long> form = form(r, cellCodes, yId, zId);
                if (!form.isEmpty()) {
                    echelon.add(form);
                    forms++;
                }
            }
            List<String> derivable = new ArrayList<>();
            for (int r : withheld) {
                Map<Integer, Long> form = form(r, cellCodes, yId, zId);
                if (form.isEmpty()) {
                    derivable.add(rows.get(r).label() + ": 0, every hidden cell under it is under a published zero");
                } else if (echelon.inSpan(form)) {
                    derivable.add(rows.get(r).label() + ": a combination of published counts (" + form.size()
                            + " hidden cells)");
                }
            }
            return new Result(n, forms, echelon.rank(), withheld.size(), derivable);
        }

        /** The open unknowns under row r, each with coefficient 1. */
        private Map<Integer, Long> form(int r, int[][] cellCodes, int[][] yId, int[][][] zId) {
            Map<Integer, Long> form = new HashMap<>();
            int sideDim = sideDim(r);
            for (int q : partsOf.get(rows.get(r).period())) {
                if (sideDim >= 0) {
                    int id = zId[q][sideDim][codeIndex[r][sideDim]];
                    if (id >= 0) {
                        form.put(id, 1L);
                    }
                } else {
                    for (int cell = 0; cell < cellCodes.length; cell++) {
                        if (yId[q][cell] >= 0 && under(r, cellCodes[cell])) {
                            form.put(yId[q][cell], 1L);
                        }
                    }
                }
            }
            return form;
        }

        /** The lone dimension row r names, or -1 (a row names at most one: that is what makes it lone). */
        private int sideDim(int r) {
            for (int d : side) {
                if (codeIndex[r][d] >= 0) {
                    return d;
                }
            }
            return -1;
        }

        /** Whether the hidden cell with these codes (indexed by dimension) is under row r, which names no lone one. */
        private boolean under(int r, int[] codes) {
            for (int d : cube) {
                if (codeIndex[r][d] >= 0 && codeIndex[r][d] != codes[d]) {
                    return false;
                }
            }
            return true;
        }

        private int[] cubeCodes(int cell) {
            int[] codes = new int[dims.size()];
            Arrays.fill(codes, -1);
            for (int i = cube.size() - 1; i >= 0; i--) {
                int d = cube.get(i);
                codes[d] = cell % sizes[d];
                cell /= sizes[d];
            }
            return codes;
        }

        private static boolean any(boolean[] a) {
            for (boolean b : a) {
                if (b) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * Row echelon form modulo P = 2^61-1, rows kept sparse and scaled to 1 at their pivot. Row i is zero at the
     * pivots of rows before it, so reducing by the rows in order leaves a vector zero at every pivot.
     */
    static final class Echelon {

        static final long P = (1L << 61) - 1;

        private final int n;
        private final List<int[]> cols = new ArrayList<>();
        private final List<long[]> vals = new ArrayList<>();
        private final List<Integer> pivots = new ArrayList<>();
        private final long[] scratch;

        Echelon(int n) {
            this.n = n;
            this.scratch = new long[n];
        }

        int rank() {
            return pivots.size();
        }

        /** Adds a row; whether it was independent of those before. */
        boolean add(Map<Integer, Long> form) {
            reduce(form);
            int pivot = -1;
            int nonZero = 0;
            for (int c = 0; c < n; c++) {
                if (scratch[c] != 0) {
                    nonZero++;
                    if (pivot < 0) {
                        pivot = c;
                    }
                }
            }
            if (pivot < 0) {
                return false;
            }
            long inverse = pow(scratch[pivot], P - 2);
            int[] c = new int[nonZero];
            long[] v = new long[nonZero];
            for (int i = 0, k = 0; i < n; i++) {
                if (scratch[i] != 0) {
                    c[k] = i;
                    v[k++] = mul(scratch[i], inverse);
                    scratch[i] = 0;
                }
            }
            cols.add(c);
            vals.add(v);
            pivots.add(pivot);
            return true;
        }

        boolean inSpan(Map<Integer, Long> form) {
            reduce(form);
            boolean zero = true;
            for (int c = 0; c < n; c++) {
                zero &= scratch[c] == 0;
                scratch[c] = 0;
            }
            return zero;
        }

        private void reduce(Map<Integer, Long> form) {
            form.forEach((c, v) -> scratch[c] = v % P);
            for (int i = 0; i < pivots.size(); i++) {
                long f = scratch[pivots.get(i)];
                if (f == 0) {
                    continue;
                }
                int[] c = cols.get(i);
                long[] v = vals.get(i);
                for (int k = 0; k < c.length; k++) {
                    scratch[c[k]] = sub(scratch[c[k]], mul(f, v[k]));
                }
            }
        }

        static long sub(long a, long b) {
            long d = a - b;
            return d < 0 ? d + P : d;
        }

        static long mul(long a, long b) {
            long hi = Math.multiplyHigh(a, b);
            long lo = a * b;
            long r = (lo & P) + ((lo >>> 61) | (hi << 3));
            while (r >= P) {
                r -= P;
            }
            return r;
        }

        static long pow(long a, long e) {
            long r = 1;
            while (e > 0) {
                if ((e & 1) == 1) {
                    r = mul(r, a);
                }
                a = mul(a, a);
                e >>= 1;
            }
            return r;
        }
    }
}
