package org.cgtbulletin.protect;

/**
 * Which cells of a {@link LinkedTables} one report adds 1 to, per code combination and quarter (its footprint).
 * Every relation of the system holds for a footprint (a report is in a total exactly when it is in one of the
 * total's parts), so adding footprints to the true cells and taking others away keeps every relation: that is
 * how the audit builds <em>alternative datasets</em> ({@link AlternativeData}). The audit checks each one against
 * the relations before it counts, so a wrong footprint can cost a proof, never give a false one.
 */
public interface ReportFootprints {

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
     * The cells one report of a combination in a quarter adds 1 to.
     *
     * @param combination the combination's index
     * @param quarter     the quarter's index
     * @return their ids, ascending, without repetition
     */
    int[] cells(int combination, int quarter);
}
