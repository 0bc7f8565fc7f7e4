package org.cgtbulletin.protect;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * {@link AuditMemory}: the proofs follow one system's patterns, whatever they publish (what a published cell
 * invalidates is dropped from them: {@code RestrictedAuditTest#proofsCarriedPastPublishedCellsAreProofsOfTheNewPattern}),
 * and start afresh for another system: other relations, values or contributions.
 */
class AuditMemoryTest {

    /** A total of three parts, the parts' contributions as given. */
    private static LinearSystem system(long a, long b, long c) {
        LinkedTables t = new LinkedTables();
        int total = t.addCell("total", Map.of("X", a + b + c));
        int[] parts = {t.addCell("a", Map.of("X", a)), t.addCell("b", Map.of("X", b)), t.addCell("c", Map.of("X", c))};
        t.addRelation(total, parts);
        return new LinearSystem(t);
    }

    @Test
    void proofsFollowOneSystemsPatternsAndStartAfreshForAnother() {
        LinearSystem sys = system(1, 2, 3);
        AuditMemory memory = new AuditMemory();
        boolean[] first = {false, true, true, false};
        RestrictedAudit.Proofs proofs = memory.proofs(sys, first);
        memory.remember(first, new boolean[4]);

        boolean[] grown = {false, true, true, true};
        assertSame(proofs, memory.proofs(sys, grown), "more withheld: the same proofs");
        memory.remember(grown, new boolean[4]);

        boolean[] published = {false, false, true, true};
        assertSame(proofs, memory.proofs(system(1, 2, 3), published), "a cell published, the same system: kept");
        memory.remember(published, new boolean[4]);

        assertNotSame(proofs, memory.proofs(system(1, 2, 4), published), "other values: afresh");
        assertThrows(IllegalArgumentException.class, () -> memory.proofs(sys, new boolean[3]));
    }

    /**
     * Once an audit remembered here had a chain of restricted programs stopped for a low yield, the memory says so for
     * the rest of the protection (the audit through the hidden table then goes without them), proofs made afresh
     * or not.
     */
    @Test
    void aChainStoppedForALowYieldIsRememberedForTheProtection() {
        LinearSystem sys = system(1, 2, 3);
        AuditMemory memory = new AuditMemory();
        boolean[] first = {false, true, true, false};
        memory.proofs(sys, first);
        memory.remember(first, new boolean[4]);
        assertFalse(memory.restrictedProgramsStopped());

        memory.proofs(sys, first).noteProgramsStopped();
        assertFalse(memory.restrictedProgramsStopped(), "told once the audit is remembered");
        memory.remember(first, new boolean[4]);
        assertTrue(memory.restrictedProgramsStopped());

        memory.proofs(system(1, 2, 4), first); // another system: its proofs afresh
        memory.remember(first, new boolean[4]);
        assertTrue(memory.restrictedProgramsStopped());
    }
}
