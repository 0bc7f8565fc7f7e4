package org.cgtbulletin.protect;

/**
 * The finest counts every table of a {@link LinkedTables} adds up: units (reports) per code combination and
 * quarter, in all and per contributor. One unit of combination c in quarter q adds 1 to each of
 * {@link #cells(int, int) cells(c, q)} and to nothing else, so any other non-negative counts over the same
 * combinations and quarters make tables that satisfy every relation of the system. The audit uses that to build
 * <em>alternative datasets</em>: other counts that publish the same numbers, whose withheld cells then lie in the
 * attacker's feasible set (see {@link AlternativeData}).
 */
public interface FinestCounts {

    /**
     * Number of quarters (indexed from 0).
     *
     * @return the number of quarters
     */
    int quarters();

    /**
     * Number of code combinations (indexed from 0).
     *
     * @return the number of combinations
     */
    int combinations();

    /**
     * The cells that one unit of a combination in a quarter adds 1 to.
     *
     * @param combination the combination's index
     * @param quarter     the quarter's index
     * @return their ids, ascending, without repetition
     */
    int[] cells(int combination, int quarter);

    /**
     * Units of a combination in a quarter, all contributors together.
     *
     * @param combination the combination's index
     * @param quarter     the quarter's index
     * @return the number of units
     */
    long units(int combination, int quarter);

    /**
     * Units of one contributor in a combination and quarter.
     *
     * @param contributor the contributor's token
     * @param combination the combination's index
     * @param quarter     the quarter's index
     * @return the number of that contributor's units (0 for an unknown token)
     */
    long units(String contributor, int combination, int quarter);
}
