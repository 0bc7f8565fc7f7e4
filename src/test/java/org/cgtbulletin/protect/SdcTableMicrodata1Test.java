package org.cgtbulletin.protect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * sdcTable's microdata1 (100 records, region A-D x gender with margins), from sdcTools/sdcTable tests: the
 * frequency rule with maxN = 2 flags exactly A/female, and the protected pattern is the 4-cell rectangle
 * A/male, A/female + two cells of another region (sdcTable's OPT/HITAS/HYPERCUBE give C, GAUSS gives D).
 */
class SdcTableMicrodata1Test {

    private static final String[] REGIONS = {"A", "B", "C", "D"};
    private static final String[] GENDERS = {"male", "female"};
    private static List<String[]> records;

    @BeforeAll
    static void read() throws IOException {
        records = new ArrayList<>();
        try (InputStream in = SdcTableMicrodata1Test.class.getResourceAsStream("/protect/microdata1.csv")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (String line : text.split("\n")) {
                if (line.isBlank() || line.startsWith("row")) {
                    continue;
                }
                records.add(line.trim().split(","));
            }
        }
        assertEquals(100, records.size());
    }

    /** Frequency table: every record is its own contributor with amount 1 (T = K = frequency). */
    static Grids frequencyTable() {
        return Grids.of(new String[][] {REGIONS, GENDERS}, idx -> {
            Map<String, Long> m = new TreeMap<>();
            for (String[] r : records) {
                if (r[1].equals(REGIONS[idx[0]]) && r[2].equals(GENDERS[idx[1]])) {
                    m.put("rec" + r[0], 1L);
                }
            }
            return m;
        });
    }

    /** freq <= 2 unsafe (sdcTable maxN = 2), every other rule off. */
    static final DisclosureRules FREQ_MAXN_2 = new DisclosureRules(0, 3, 1.0, 0.0);

    @Test
    void frequenciesMatchTheReference() {
        Grids g = frequencyTable();
        // cells_computed.csv: freq per cell
        assertEquals(100, g.tables.total(g.id(4, 2)));
        assertEquals(55, g.tables.total(g.id(4, 0)));
        assertEquals(45, g.tables.total(g.id(4, 1)));
        assertEquals(20, g.tables.total(g.id(0, 2)));
        assertEquals(18, g.tables.total(g.id(0, 0)));
        assertEquals(2, g.tables.total(g.id(0, 1)));
        assertEquals(12, g.tables.total(g.id(2, 0)));
        assertEquals(10, g.tables.total(g.id(2, 1)));
        assertEquals(11, g.tables.total(g.id(3, 0)));
        assertEquals(14, g.tables.total(g.id(3, 1)));
    }

    @Test
    void frequencyRulePrimaryIsExactlyAFemale() {
        Grids g = frequencyTable();
        List<Integer> primary = new ArrayList<>();
        for (int c = 0; c < g.tables.size(); c++) {
            if (!FREQ_MAXN_2.failed(g.tables.contributions(c)).isEmpty()) {
                primary.add(c);
            }
        }
        assertEquals(List.of(g.id(0, 1)), primary);
        assertEquals("A|female", g.tables.label(primary.get(0)));
    }

    @Test
    void protectGivesARectangleThatPassesTheAudit() {
        Grids g = frequencyTable();
        Protection p = DisclosureControl.protect(g.tables, FREQ_MAXN_2);
        AuditReport a = p.audit();
        assertEquals(1, a.primary());
        assertEquals(3, a.secondary());
        assertEquals(4, p.suppressions().size());
        assertEquals(11, a.published());
        assertTrue(a.clean(), a.toString());
        assertEquals(CellStatus.SUPPRESSED, p.status()[g.id(0, 1)]);
        assertEquals(CellStatus.SUPPRESSED_SECONDARY, p.status()[g.id(0, 0)]);
        Set<Integer> rows = new HashSet<>();
        Set<Integer> cols = new HashSet<>();
        for (Suppression s : p.suppressions()) {
            int[] rc = g.coords(s.cell());
            assertTrue(rc[0] < 4 && rc[1] < 2, "inner cells only: " + s.label());
            rows.add(rc[0]);
            cols.add(rc[1]);
            assertTrue(s.intervalChecked());
            assertTrue(s.feasibleHigh() - s.feasibleLow() >= 1, s.toString());
        }
        assertEquals(2, rows.size());
        assertEquals(2, cols.size());
        // the same pattern audited from outside
        assertEquals(a, DisclosureControl.audit(g.tables, p.status(), FREQ_MAXN_2));
    }

    @Test
    void twoSuppressionsInOneLineAreNotEnough() {
        Grids g = frequencyTable();
        CellStatus[] s = new CellStatus[g.tables.size()];
        java.util.Arrays.fill(s, CellStatus.PUBLISHED);
        s[g.id(0, 1)] = CellStatus.SUPPRESSED;
        s[g.id(0, 0)] = CellStatus.SUPPRESSED_SECONDARY; // only the row is covered, not the columns
        AuditReport a = DisclosureControl.audit(g.tables, s, FREQ_MAXN_2);
        assertEquals(List.of("A|male", "A|female"), a.derivable());
    }
}
