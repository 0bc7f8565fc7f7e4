package org.cgtbulletin.protect;

/**
 * What happens to a cell in the release.
 *
 * <ul>
 *   <li>{@link #PUBLISHED}: its value is shown;</li>
 *   <li>{@link #SUPPRESSED}: withheld because it fails a rule itself (primary suppression);</li>
 *   <li>{@link #SUPPRESSED_SECONDARY}: withheld as a complement, so that withheld cells cannot be computed from
 *       published ones, or because a previous release withheld it ({@link LinkedTables#keepSuppressed}) and it
 *       passes every rule now.</li>
 * </ul>
 */
public enum CellStatus {
    /** Value shown. */
    PUBLISHED,
    /** Withheld because it fails a rule itself. */
    SUPPRESSED,
    /** Withheld as a complement, or carried over from a previous release while passing every rule. */
    SUPPRESSED_SECONDARY;

    /**
     * Whether each cell of a status pattern is withheld.
     *
     * @param status one status per cell, by id
     * @return per cell id, true when it is not {@link #PUBLISHED}
     */
    public static boolean[] withheld(CellStatus[] status) {
        boolean[] withheld = new boolean[status.length];
        for (int id = 0; id < status.length; id++) {
            withheld[id] = status[id] != PUBLISHED;
        }
        return withheld;
    }
}
