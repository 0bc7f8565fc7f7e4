package org.cgtbulletin.protect;

/**
 * The audit's exact derivability ({@link DerivabilityCheck}) for any set of unknowns over one linked system, such
 * as the cells whose change since a previous release a reader cannot read off (the relations hold for the changes
 * as for the numbers). The system is compiled once, so that several sets of unknowns can be tried.
 */
public final class Derivability {

    private final LinearSystem sys;

    /**
     * @param tables the linked system (a snapshot is taken)
     */
    public Derivability(LinkedTables tables) {
        sys = new LinearSystem(tables);
    }

    /** Per cell: whether it is unknown and the other cells determine it exactly through the relations. */
    public boolean[] determined(boolean[] unknown) {
        check(unknown);
        boolean[] out = new boolean[sys.cells];
        for (Component comp : Component.of(sys, unknown)) {
            boolean[] det = DerivabilityCheck.determined(comp);
            for (int k = 0; k < det.length; k++) {
                out[comp.cells[k]] = det[k];
            }
        }
        return out;
    }

    /** Whether one unknown cell is determined (only its component is solved). */
    public boolean determined(boolean[] unknown, int cell) {
        check(unknown);
        if (!unknown[cell]) {
            return false;
        }
        for (Component comp : Component.of(sys, unknown)) {
            int k = java.util.Arrays.binarySearch(comp.cells, cell);
            if (k >= 0) {
                return DerivabilityCheck.determined(comp)[k];
            }
        }
        return false;
    }

    private void check(boolean[] unknown) {
        if (unknown.length != sys.cells) {
            throw new IllegalArgumentException(unknown.length + " entries for " + sys.cells + " cells");
        }
    }
}
