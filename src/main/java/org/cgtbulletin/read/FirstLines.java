package org.cgtbulletin.read;

import java.util.HashMap;
import java.util.Map;

/**
 * The line on which each report id was first seen, to name it when the id comes again: open addressing over an
 * array of ids and one of lines, rather than a {@code HashMap<String, Long>} with a node and a boxed line for each
 * of a million reports (validating a million reports took about a tenth less CPU). Ids go where
 * {@code HashMap} would put them, so ids numbered in sequence fill neighbouring slots; ids whose hash codes
 * crowd one place (which a hash table probed in sequence handles in quadratic time) go to a {@code HashMap},
 * which handles them in logarithmic time.
 */
final class FirstLines {

    private static final int MAX_PROBES = 32;

    private String[] ids = new String[1 << 12];
    private long[] lines = new long[1 << 12];
    private int size;
    private final Map<String, Long> crowded = new HashMap<>();

    /** Records {@code id} as first seen on {@code line}; returns the earlier line if it was seen before, else -1. */
    long putIfAbsent(String id, long line) {
        int mask = ids.length - 1;
        int i = home(id, mask);
        for (int probes = 0; probes < MAX_PROBES; probes++, i = (i + 1) & mask) {
            String there = ids[i];
            if (there == null) {
                if (!crowded.isEmpty() && crowded.containsKey(id)) {
                    return crowded.get(id); // crowded out before the table grew
                }
                ids[i] = id;
                lines[i] = line;
                if (++size > ids.length / 2) {
                    grow();
                }
                return -1;
            }
            if (there.equals(id)) {
                return lines[i];
            }
        }
        Long first = crowded.putIfAbsent(id, line);
        return first == null ? -1 : first;
    }

    private static int home(String id, int mask) {
        int h = id.hashCode();
        return (h ^ (h >>> 16)) & mask;
    }

    private void grow() {
        String[] oldIds = ids;
        long[] oldLines = lines;
        ids = new String[oldIds.length * 2];
        lines = new long[oldIds.length * 2];
        int mask = ids.length - 1;
        for (int i = 0; i < oldIds.length; i++) {
            if (oldIds[i] != null) {
                int j = home(oldIds[i], mask);
                while (ids[j] != null) {
                    j = (j + 1) & mask;
                }
                ids[j] = oldIds[i];
                lines[j] = oldLines[i];
            }
        }
    }
}
