package org.cgtbulletin.protect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * sdcTable's problemdata(): a 4x4 table with margins where every row and column holds at least two suppressions,
 * yet w|b = 47 is exactly recoverable (attacker LP interval [47, 47]); adding x|b fixes it (w|b in [0, 141]).
 * Expected intervals: lp_check_problemdata.out (scipy linprog).
 */
class SdcTableProblemDataTest {

    static final String[] ROWS = {"w", "x", "y", "z"};
    static final String[] COLS = {"a", "b", "c", "d"};
    static final long[][] INNER = {
        {30, 47, 64, 89},
        {90, 124, 5, 31},
        {92, 100, 59, 85},
        {800, 991, 651, 685},
    };
    /** Nothing fails a rule: only derivability and interval width are at stake. */
    static final DisclosureRules NO_RULES = new DisclosureRules(0, 0, 1.0, 0.0);

    static Grids table() {
        return Grids.of(new String[][] {ROWS, COLS}, idx -> Map.of("m" + idx[0] + idx[1], INNER[idx[0]][idx[1]]));
    }

    record Expected(int row, int col, long value, double low, double high) {
    }

    /** The two sections of the .out file: the 9-cell pattern, and the pattern plus x|b. */
    static List<List<Expected>> expected() throws IOException {
        String text;
        try (InputStream in = SdcTableProblemDataTest.class.getResourceAsStream("/protect/lp_check_problemdata.out")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Pattern p = Pattern.compile("\\('(\\w)', '(\\w)'\\) true (\\d+) attacker interval ([\\d.]+) ([\\d.]+)");
        List<List<Expected>> sections = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("---")) {
                sections.add(new ArrayList<>());
                continue;
            }
            Matcher m = p.matcher(line);
            if (m.find()) {
                sections.get(sections.size() - 1).add(new Expected(Arrays.asList(ROWS).indexOf(m.group(1)),
                        Arrays.asList(COLS).indexOf(m.group(2)), Long.parseLong(m.group(3)),
                        Double.parseDouble(m.group(4)), Double.parseDouble(m.group(5))));
            }
        }
        return sections;
    }

    private static CellStatus[] pattern(Grids g, List<Expected> cells) {
        CellStatus[] s = new CellStatus[g.tables.size()];
        Arrays.fill(s, CellStatus.PUBLISHED);
        for (Expected e : cells) {
            s[g.id(e.row(), e.col())] = CellStatus.SUPPRESSED_SECONDARY;
        }
        return s;
    }

    @Test
    void marginsAreRecomputedFromInnerCells() {
        Grids g = table();
        assertEquals(230, g.tables.total(g.id(0, 4)));
        assertEquals(1262, g.tables.total(g.id(4, 1)));
        assertEquals(3943, g.tables.total(g.id(4, 4)));
    }

    @Test
    void nineSuppressionsLeaveWbExactlyDerivable() throws IOException {
        Grids g = table();
        List<Expected> cells = expected().get(0);
        assertEquals(9, cells.size());
        Auditor.Detail d = DisclosureControl.detail(g.tables, pattern(g, cells), NO_RULES);
        assertEquals(List.of("w|b"), d.report().derivable());
        assertEquals(List.of("w|b"), d.report().tooNarrow());
        assertEquals(9, d.report().intervalChecked());
        int wb = g.id(0, 1);
        assertEquals(47, d.low()[wb], 1e-6);
        assertEquals(47, d.high()[wb], 1e-6);
        for (Expected e : cells) {
            int c = g.id(e.row(), e.col());
            assertEquals(e.value(), g.tables.total(c));
            assertEquals(e.low(), d.low()[c], 1e-6, g.tables.label(c));
            assertEquals(e.high(), d.high()[c], 1e-6, g.tables.label(c));
        }
    }

    @Test
    void addingXbProtectsWb() throws IOException {
        Grids g = table();
        List<Expected> cells = expected().get(1);
        assertEquals(10, cells.size());
        Auditor.Detail d = DisclosureControl.detail(g.tables, pattern(g, cells), NO_RULES);
        assertTrue(d.report().clean(), d.report().toString());
        int wb = g.id(0, 1);
        assertFalse(d.determined()[wb]);
        assertEquals(0, d.low()[wb], 1e-6);
        assertEquals(141, d.high()[wb], 1e-6);
        for (Expected e : cells) {
            int c = g.id(e.row(), e.col());
            assertEquals(e.low(), d.low()[c], 1e-6, g.tables.label(c));
            assertEquals(e.high(), d.high()[c], 1e-6, g.tables.label(c));
        }
    }

    @Test
    void protectRepairsThePatternWhenItIsCarriedOver() throws IOException {
        // The nine cells kept from a "previous release": protect must not leave w|b derivable.
        Grids g = table();
        for (Expected e : expected().get(0)) {
            g.tables.keepSuppressed(g.id(e.row(), e.col()), "suppressed in 2024Q4");
        }
        Protection p = DisclosureControl.protect(g.tables, NO_RULES);
        assertTrue(p.audit().clean(), p.audit().toString());
        // No rule applies, so the carried-over cells are complements that protect the earlier release.
        assertEquals(0, p.audit().primary());
        assertTrue(p.audit().secondary() >= 10);
        long carried = p.suppressions().stream().filter(s -> "suppressed in 2024Q4".equals(s.reason())).count();
        assertEquals(9, carried);
    }
}
