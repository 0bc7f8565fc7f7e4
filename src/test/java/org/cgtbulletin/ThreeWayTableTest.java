package org.cgtbulletin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.cgtbulletin.protect.AuditMemory;
import org.cgtbulletin.protect.DisclosureControl;
import org.cgtbulletin.protect.DisclosureRules;
import org.cgtbulletin.protect.HiddenTableAudit;
import org.cgtbulletin.protect.LinkedTables;
import org.cgtbulletin.protect.Protection;
import org.junit.jupiter.api.Test;

/** {@link ThreeWayTable}: a range the hidden cells narrow is widened by withholding the cell that bounds it. */
class ThreeWayTableTest {

    @Test
    void aPublishedCellThatBoundsAWithheldCountThroughHiddenCellsIsKeptWithheld() {
        DisclosureRules rules = DisclosureRules.defaults();
        LinkedTables t = new LinkedTables();
        // x: one contributor's single report (R3 asks for an upper bound of 2); p = 10 reports of four contributors
        int x = t.addCell("x", Map.of("C1", 1L));
        int p = t.addCell("p", Map.of("C1", 3L, "C2", 3L, "C3", 2L, "C4", 2L));
        int q = t.addCell("q", Map.of("C2", 7L, "C3", 7L, "C4", 6L));
        int h1 = t.addHiddenCell("h1", 1);
        int h2 = t.addHiddenCell("h2", 9);
        int h3 = t.addHiddenCell("h3", 11);
        // x = h1, p = h1 + h2, q = h2 + h3: x <= p - h2, and h2 >= 0 only, so x <= 10: protected
        t.addImpliedRelation(x, new int[] {h1});
        t.addImpliedRelation(p, new int[] {h1, h2});
        t.addImpliedRelation(q, new int[] {h2, h3});
        Protection protection = DisclosureControl.protect(t, rules);
        assertFalse(protection.published(x));
        assertTrue(protection.published(p) && protection.published(q));
        ThreeWayTable.Hiding none = ThreeWayTable.keepDerivableHidden(t, protection, rules,
                new AuditMemory(), true);
        assertNull(none.pattern(), "x <= 10 is protection enough");
        assertEquals(List.of(), none.derivable());
    }

    @Test
    void aRangeBoundedThroughHiddenCellsIsWidened() {
        DisclosureRules rules = DisclosureRules.defaults();
        LinkedTables t = new LinkedTables();
        // x: one contributor's single report (R3 asks for an upper bound of 2); p, q, r pass every rule
        int x = t.addCell("x", Map.of("C1", 1L));
        int p = t.addCell("p", Map.of("C1", 4L, "C2", 3L, "C3", 3L));
        int q = t.addCell("q", Map.of("C2", 5L, "C3", 5L, "C4", 4L));
        int r = t.addCell("r", Map.of("C2", 2L, "C3", 2L, "C4", 1L));
        int h1 = t.addHiddenCell("h1", 1);
        int h2 = t.addHiddenCell("h2", 9);
        int h3 = t.addHiddenCell("h3", 5);
        int h4 = t.addHiddenCell("h4", 0);
        // x = h1, p = h1 + h2, q = h2 + h3, r = h3 + h4: x = p - q + r - h4 <= 1, and h4 is free, so x is not
        // derivable; but 1 is below the 2 its protection asks for
        t.addImpliedRelation(x, new int[] {h1});
        t.addImpliedRelation(p, new int[] {h1, h2});
        t.addImpliedRelation(q, new int[] {h2, h3});
        t.addImpliedRelation(r, new int[] {h3, h4});
        Protection protection = DisclosureControl.protect(t, rules);
        assertFalse(protection.published(x));
        assertTrue(protection.published(p) && protection.published(q) && protection.published(r));

        AuditMemory memory = new AuditMemory();
        ThreeWayTable.Hiding first = ThreeWayTable.keepDerivableHidden(t, protection, rules, memory, true);
        assertEquals(List.of("x (range too narrow through it, or recoverable by its largest contributor)"),
                first.derivable());
        assertNotNull(first.pattern());
        Protection widened = first.pattern().audit();
        assertFalse(widened.published(x));
        int withheld = (widened.published(p) ? 0 : 1) + (widened.published(q) ? 0 : 1)
                + (widened.published(r) ? 0 : 1);
        assertEquals(1, withheld, "one of the cells that bound x is withheld");

        ThreeWayTable.Hiding second = ThreeWayTable.keepDerivableHidden(t, widened, rules, memory, true);
        assertNull(second.pattern(), "x is protected now");
        assertEquals(List.of(), second.derivable());
    }

    /**
     * Two chains bound x alike (x = p1 - q1 + r1 - h4 = p2 - q2 + r2 - h7 &lt;= 1, where 2 is asked for): withholding
     * the one cell a proof points to leaves the other chain, which took a round (an audit) per chain; the widening
     * program breaks both in one round.
     */
    @Test
    void everyChainThatBoundsARangeIsBrokenInOneRound() {
        DisclosureRules rules = DisclosureRules.defaults();
        LinkedTables t = new LinkedTables();
        int x = t.addCell("x", Map.of("C1", 1L));
        int h1 = t.addHiddenCell("h1", 1);
        int[][] chains = new int[2][];
        for (int k = 1; k <= 2; k++) {
            int p = t.addCell("p" + k, Map.of("C1", 4L, "C2", 3L, "C3", 3L));
            int q = t.addCell("q" + k, Map.of("C2", 5L, "C3", 5L, "C4", 4L));
            int r = t.addCell("r" + k, Map.of("C2", 2L, "C3", 2L, "C4", 1L));
            int ha = t.addHiddenCell("a" + k, 9);
            int hb = t.addHiddenCell("b" + k, 5);
            int hc = t.addHiddenCell("c" + k, 0);
            t.addImpliedRelation(p, new int[] {h1, ha});
            t.addImpliedRelation(q, new int[] {ha, hb});
            t.addImpliedRelation(r, new int[] {hb, hc});
            chains[k - 1] = new int[] {p, q, r};
        }
        t.addImpliedRelation(x, new int[] {h1});
        Protection protection = DisclosureControl.protect(t, rules);
        assertFalse(protection.published(x));

        AuditMemory memory = new AuditMemory();
        ThreeWayTable.Hiding first = ThreeWayTable.keepDerivableHidden(t, protection, rules, memory, true);
        assertNotNull(first.pattern());
        Protection widened = first.pattern().audit();
        for (int[] chain : chains) {
            long withheld = java.util.Arrays.stream(chain).filter(c -> !widened.published(c)).count();
            assertEquals(1, withheld, "one cell of each chain is withheld");
        }
        ThreeWayTable.Hiding second = ThreeWayTable.keepDerivableHidden(t, widened, rules, memory, true);
        assertNull(second.pattern(), "x is protected after one round");
        assertEquals(List.of(), second.derivable());
    }
}
