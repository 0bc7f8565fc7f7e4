package org.cgtbulletin.protect;

import java.util.Objects;

/**
 * A change since the previous release, of a cell whose change a reader cannot read off by subtracting the two
 * releases, that fails the rules on its own and that the check of the table of changes did not prove hidden: either
 * given away (a reader works it out, or narrows it below the protection the rules ask for, and no cell was left to
 * withhold for it) or not proven either way (the check could not judge it). For the staff audit only.
 *
 * @param cell      the cell's label
 * @param change    the change (confidential)
 * @param givenAway true when given away, false when not proven either way
 * @param why       what the check found, or why it could not judge
 * @param rules     why the change may not be read: the rules it fails on its own
 */
public record ChangeFinding(String cell, long change, boolean givenAway, String why, String rules) {

    /** Checks that the texts are present. */
    public ChangeFinding {
        Objects.requireNonNull(cell, "cell");
        Objects.requireNonNull(why, "why");
        Objects.requireNonNull(rules, "rules");
    }
}
