package org.cgtbulletin.protect;

import java.util.Arrays;

/**
 * The cells a proof's points move away from their true values (system ids), as a proof keeps them for the audits
 * that follow ({@link RestrictedAudit.Proofs#forget}): a list of ids when they are few, one bit per cell of the
 * system when they are many, whichever is smaller. A restricted program's point moves tens or hundreds of cells, a
 * whole component's vertex thousands: kept as lists, the whole programs' sets of the audits through the hidden
 * table took about 150 MB at a million reports, which outlived the young collections, filled the old generation and
 * set off a full collection (0.3 to 0.45 s) in the middle of the digests; as bits, a few kilobytes each, they do
 * not. Immutable.
 */
final class CellSet {

    /** The ids, ascending; null when {@link #bits} holds the set. */
    private final int[] ids;
    /** Bit c set when cell c is in the set; null when {@link #ids} holds it. */
    private final long[] bits;

    private CellSet(int[] ids, long[] bits) {
        this.ids = ids;
        this.bits = bits;
    }

    /**
     * The set of the first {@code count} entries of {@code ascending} (distinct ids below {@code cells}), copied.
     */
    static CellSet of(int[] ascending, int count, int cells) {
        if ((long) count * Integer.SIZE <= cells) {
            return new CellSet(Arrays.copyOf(ascending, count), null);
        }
        long[] bits = new long[(cells + Long.SIZE - 1) / Long.SIZE];
        for (int i = 0; i < count; i++) {
            int c = ascending[i];
            bits[c >>> 6] |= 1L << c;
        }
        return new CellSet(null, bits);
    }

    /** The set of {@code ascending} (distinct ids below {@code cells}); null for null (cells not known). */
    static CellSet of(int[] ascending, int cells) {
        return ascending == null ? null : of(ascending, ascending.length, cells);
    }

    /** Whether some cell of the set is marked. */
    boolean anyOf(boolean[] marked) {
        if (ids != null) {
            for (int c : ids) {
                if (marked[c]) {
                    return true;
                }
            }
            return false;
        }
        for (int w = 0; w < bits.length; w++) {
            long b = bits[w];
            while (b != 0) {
                if (marked[(w << 6) + Long.numberOfTrailingZeros(b)]) {
                    return true;
                }
                b &= b - 1;
            }
        }
        return false;
    }

    /** The ids, ascending (for tests). */
    int[] ids() {
        if (ids != null) {
            return ids.clone();
        }
        int[] out = new int[Arrays.stream(bits).mapToInt(Long::bitCount).sum()];
        int i = 0;
        for (int w = 0; w < bits.length; w++) {
            long b = bits[w];
            while (b != 0) {
                out[i++] = (w << 6) + Long.numberOfTrailingZeros(b);
                b &= b - 1;
            }
        }
        return out;
    }
}
