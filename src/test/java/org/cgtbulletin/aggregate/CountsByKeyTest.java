package org.cgtbulletin.aggregate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CountsByKeyTest {

    /** Seeded random keys (0, negative keys, packed keys that differ in one field, repeats) against a map. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 42, 20261202})
    void countsWhatAMapCounts(long seed) {
        Random random = new Random(seed);
        CountsByKey counts = new CountsByKey();
        Map<Long, Long> expected = new TreeMap<>();
        int distinct = 1 + random.nextInt(5000);
        long[] pool = new long[distinct];
        for (int i = 0; i < distinct; i++) {
            pool[i] = switch (i % 4) {
                case 0 -> random.nextLong();
                case 1 -> ((long) random.nextInt(1 << 20) << 44) | ((long) random.nextInt(120) << 32)
                        | random.nextInt(1 << 16); // packed, as the aggregator does
                case 2 -> i; // small keys, 0 among them
                default -> -i;
            };
        }
        int increments = random.nextInt(40_000);
        for (int i = 0; i < increments; i++) {
            long key = pool[random.nextInt(distinct)];
            counts.increment(key);
            expected.merge(key, 1L, Long::sum);
        }
        assertEquals(expected.size(), counts.size());
        assertArrayEquals(expected.keySet().stream().mapToLong(Long::longValue).toArray(), counts.sortedKeys());
        for (long key : pool) {
            assertEquals(expected.getOrDefault(key, 0L), counts.count(key), "count of " + key);
        }
    }
}
