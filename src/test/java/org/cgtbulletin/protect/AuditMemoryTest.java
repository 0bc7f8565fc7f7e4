package org.cgtbulletin.protect;

import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

/**
 * {@link AuditMemory}: proofs carry to a pattern that withholds more, or publishes only cells the last audit found
 * exactly derivable, and start afresh otherwise.
 */
class AuditMemoryTest {

    @Test
    void proofsCarryOnlyWhileEveryPointOfTheLastAuditStaysFeasible() {
        AuditMemory memory = new AuditMemory();
        boolean[] first = {true, true, false, false};
        RestrictedAudit.Proofs proofs = memory.proofs(first);
        memory.remember(first, new boolean[] {false, true, false, false});

        boolean[] grown = {true, true, true, false};
        assertSame(proofs, memory.proofs(grown), "more withheld: the same proofs");
        memory.remember(grown, new boolean[] {false, true, false, false});

        boolean[] derivableGone = {true, false, true, false};
        assertSame(proofs, memory.proofs(derivableGone), "cell 1 was exactly derivable: still the same");
        memory.remember(derivableGone, new boolean[4]);

        boolean[] otherGone = {true, false, false, false};
        assertNotSame(proofs, memory.proofs(otherGone), "cell 2 was not derivable: afresh");

        AuditMemory other = new AuditMemory();
        RestrictedAudit.Proofs small = other.proofs(new boolean[] {true});
        other.remember(new boolean[] {true}, new boolean[1]);
        assertNotSame(small, other.proofs(new boolean[] {true, true}), "another system: afresh");
    }
}
