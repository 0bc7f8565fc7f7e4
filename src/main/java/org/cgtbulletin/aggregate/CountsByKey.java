package org.cgtbulletin.aggregate;

import java.util.Arrays;

/**
 * A count per packed key (contributor, quarter, codes), for the million increments of a large dataset: open
 * addressing over two arrays of longs, with the key's bits mixed by a multiplication, instead of a
 * {@code HashMap<Long, long[]>} (a boxed key and a node per entry, and {@link Long#hashCode}, which folds the
 * packed fields onto each other so that many keys shared a bucket).
 */
final class CountsByKey {

    private static final long MIX = 0x9E3779B97F4A7C15L;

    private long[] keys = new long[1 << 10];
    /** 0 where no key is stored: a stored key has been counted at least once. */
    private long[] counts = new long[1 << 10];
    private int bits = 10;
    private int size;

    void increment(long key) {
        int i = slot(keys, counts, bits, key);
        if (counts[i] == 0) {
            keys[i] = key;
            if (++size > keys.length / 2) {
                counts[i] = 1;
                grow();
                return;
            }
        }
        counts[i]++;
    }

    int size() {
        return size;
    }

    /** The count of {@code key}; 0 when it was never counted. */
    long count(long key) {
        return counts[slot(keys, counts, bits, key)];
    }

    /** Every key counted, in ascending order (so that what is built from them does not depend on hashing). */
    long[] sortedKeys() {
        long[] out = new long[size];
        int n = 0;
        for (int i = 0; i < keys.length; i++) {
            if (counts[i] != 0) {
                out[n++] = keys[i];
            }
        }
        Arrays.sort(out);
        return out;
    }

    /** Where {@code key} is stored, or the empty slot where it would go. */
    private static int slot(long[] keys, long[] counts, int bits, long key) {
        int mask = keys.length - 1;
        int i = (int) ((key * MIX) >>> (64 - bits));
        while (counts[i] != 0 && keys[i] != key) {
            i = (i + 1) & mask;
        }
        return i;
    }

    private void grow() {
        long[] oldKeys = keys;
        long[] oldCounts = counts;
        bits++;
        keys = new long[1 << bits];
        counts = new long[1 << bits];
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldCounts[i] != 0) {
                int j = slot(keys, counts, bits, oldKeys[i]);
                keys[j] = oldKeys[i];
                counts[j] = oldCounts[i];
            }
        }
    }
}
