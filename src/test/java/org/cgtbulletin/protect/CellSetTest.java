package org.cgtbulletin.protect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Random;
import java.util.TreeSet;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link CellSet}: the same set and the same answers whichever form it takes, on seeded random sets. */
class CellSetTest {

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void bothFormsHoldTheSameCellsAndFindTheSameMarks(long seed) {
        Random rnd = new Random(seed);
        int cells = 1 + rnd.nextInt(3_000);
        // from a few cells (a list) to most of them (bits), across the point where the form changes
        double share = rnd.nextDouble() * (seed % 2 == 0 ? 0.06 : 1.0);
        TreeSet<Integer> chosen = new TreeSet<>();
        for (int c = 0; c < cells; c++) {
            if (rnd.nextDouble() < share) {
                chosen.add(c);
            }
        }
        int[] ids = chosen.stream().mapToInt(Integer::intValue).toArray();
        int[] padded = java.util.Arrays.copyOf(ids, ids.length + 5); // only the first ids.length count
        CellSet set = CellSet.of(padded, ids.length, cells);
        assertArrayEquals(ids, set.ids());
        assertArrayEquals(ids, CellSet.of(ids, cells).ids());
        for (int trial = 0; trial < 50; trial++) {
            boolean[] marked = new boolean[cells];
            boolean expected = false;
            for (int m = rnd.nextInt(4); m > 0; m--) {
                int c = rnd.nextInt(cells);
                marked[c] = true;
                expected |= chosen.contains(c);
            }
            assertEquals(expected, set.anyOf(marked), "seed " + seed + ", trial " + trial);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {63, 64, 65, 640, 6_400})
    void theLastCellAndTheFirstAreFoundInEitherForm(int cells) {
        int[] all = new int[cells];
        for (int c = 0; c < cells; c++) {
            all[c] = c;
        }
        CellSet many = CellSet.of(all, cells); // bits
        CellSet ends = CellSet.of(new int[] {0, cells - 1}, cells); // a list from 64 cells on
        for (CellSet set : new CellSet[] {many, ends}) {
            boolean[] last = new boolean[cells];
            last[cells - 1] = true;
            boolean[] first = new boolean[cells];
            first[0] = true;
            assertEquals(true, set.anyOf(last));
            assertEquals(true, set.anyOf(first));
        }
        boolean[] none = new boolean[cells];
        assertEquals(false, many.anyOf(none));
        assertArrayEquals(all, many.ids());
        assertNull(CellSet.of(null, cells));
    }
}
