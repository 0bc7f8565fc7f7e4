package org.cgtbulletin.read;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The line on which each report id was first seen, to name it when the id comes again. The ids' characters are
 * copied into one growing array and found through an open-addressing table of entry numbers, so a million ids are
 * a few large arrays rather than two million small objects (a {@code String} and its bytes each): the reports stream
 * through, and the ids were most of what the collector had to copy at each young collection while a million
 * reports were read (pauses of 45 to 110 ms every 0.35 s). Ids go where {@code HashMap} would put them, so ids
 * numbered in sequence fill neighbouring slots; ids whose hash codes crowd one place (which a table probed in
 * sequence handles in quadratic time) go to a {@code HashMap}, which handles them in logarithmic time.
 */
final class FirstLines {

    private static final int MAX_PROBES = 32;

    /** Per slot: the entry number plus one, or 0 for an empty slot. */
    private int[] slots = new int[1 << 12];
    /** Per entry: the id's hash code, as {@link #spread} spreads it. */
    private int[] hashes = new int[1 << 11];
    /** Per entry: the line it was first seen on. */
    private long[] lines = new long[1 << 11];
    /** Per entry: where its characters start in {@link #chars}; entry e's end is entry e + 1's start. */
    private int[] starts = new int[(1 << 11) + 1];
    private char[] chars = new char[1 << 14];
    private int size;
    private final Map<String, Long> crowded = new HashMap<>();

    /** Records {@code id} as first seen on {@code line}; returns the earlier line if it was seen before, else -1. */
    long putIfAbsent(String id, long line) {
        int h = spread(id.hashCode());
        int mask = slots.length - 1;
        int i = h & mask;
        for (int probes = 0; probes < MAX_PROBES; probes++, i = (i + 1) & mask) {
            int there = slots[i] - 1;
            if (there < 0) {
                if (!crowded.isEmpty() && crowded.containsKey(id)) {
                    return crowded.get(id); // crowded out before the table grew
                }
                slots[i] = add(id, h, line) + 1;
                if (size > slots.length / 2) {
                    grow();
                }
                return -1;
            }
            if (hashes[there] == h && same(there, id)) {
                return lines[there];
            }
        }
        Long first = crowded.putIfAbsent(id, line);
        return first == null ? -1 : first;
    }

    private static int spread(int h) {
        return h ^ (h >>> 16);
    }

    /** Whether entry e holds the characters of {@code id}. */
    private boolean same(int e, String id) {
        int start = starts[e];
        int length = id.length();
        if (starts[e + 1] - start != length) {
            return false;
        }
        for (int k = 0; k < length; k++) {
            if (chars[start + k] != id.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** Stores a new entry; returns its number. */
    private int add(String id, int h, long line) {
        int e = size++;
        if (e == hashes.length) {
            hashes = Arrays.copyOf(hashes, 2 * e);
            lines = Arrays.copyOf(lines, 2 * e);
            starts = Arrays.copyOf(starts, 2 * e + 1);
        }
        int start = starts[e];
        int end = Math.addExact(start, id.length());
        if (end > chars.length) {
            chars = Arrays.copyOf(chars, Math.max(end, (int) Math.min(Integer.MAX_VALUE - 8, 2L * chars.length)));
        }
        id.getChars(0, id.length(), chars, start);
        hashes[e] = h;
        lines[e] = line;
        starts[e + 1] = end;
        return e;
    }

    /**
     * Doubles the table, putting the entries back in the order they came. No entry ends up further from its home than
     * it was (it is at most {@link #MAX_PROBES} slots past it when added): linear probing fills the same set of slots
     * whatever the order, each half of the doubled table holds a part of the entries the old table held in the same
     * slots, and a part of a set fills no more slots than the set.
     */
    private void grow() {
        int[] bigger = new int[slots.length * 2];
        int mask = bigger.length - 1;
        for (int e = 0; e < size; e++) {
            int j = hashes[e] & mask;
            while (bigger[j] != 0) {
                j = (j + 1) & mask;
            }
            bigger[j] = e + 1;
        }
        slots = bigger;
    }
}
