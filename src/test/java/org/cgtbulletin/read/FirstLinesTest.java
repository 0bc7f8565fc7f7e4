package org.cgtbulletin.read;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FirstLinesTest {

    /** Seeded ids, sequential ones and repeats among them, against a map's putIfAbsent. */
    @ParameterizedTest
    @ValueSource(longs = {1, 7, 99, 20261202})
    void remembersTheFirstLineOfEachIdAsAMapDoes(long seed) {
        Random random = new Random(seed);
        FirstLines lines = new FirstLines();
        Map<String, Long> expected = new HashMap<>();
        int distinct = 1 + random.nextInt(20_000);
        for (long line = 2; line < 60_000; line++) {
            int k = random.nextInt(distinct);
            String id = k % 3 == 0 ? "R-" + k : Integer.toString(k * 7919, 36) + "." + (k & 7);
            Long first = expected.putIfAbsent(id, line);
            assertEquals(first == null ? -1 : first, lines.putIfAbsent(id, line), id + " on line " + line);
        }
    }

    /**
     * Ids that all share one hash code ("Aa" and "BB" hash alike, and so do all strings made of them) and ids
     * that do not, interleaved, each seen twice: the crowded ones too are found again, before and after the
     * table grows.
     */
    @ParameterizedTest
    @ValueSource(longs = {3, 2026})
    void findsIdsWhoseHashCodesAllCollide(long seed) {
        Random random = new Random(seed);
        List<String> ids = new ArrayList<>();
        for (int k = 0; k < 1 << 11; k++) {
            StringBuilder id = new StringBuilder();
            for (int bit = 0; bit < 11; bit++) {
                id.append((k >> bit & 1) == 0 ? "Aa" : "BB");
            }
            ids.add(id.toString());
            ids.add("R-" + k);
        }
        List<String> twice = new ArrayList<>(ids);
        twice.addAll(ids);
        Collections.shuffle(twice, random);
        assertFirstLinesAsAMap(twice);
    }

    /**
     * Ids whose hash codes fall in a narrow range (two characters c1 c2 hash to 31 c1 + c2), so that their homes
     * neighbour one another and the runs of full slots merge, as the table grows: each id, seen up to three times,
     * gets the line it was first seen on, as from a map.
     */
    @ParameterizedTest
    @ValueSource(longs = {5, 31, 20261203})
    void idsWhoseHomesNeighbourOneAnotherAreFoundAcrossGrowth(long seed) {
        Random random = new Random(seed);
        List<String> ids = new ArrayList<>();
        for (int k = 0; k < 9_000; k++) {
            int hash = 4_000 + random.nextInt(600); // 600 homes for 9,000 ids
            char first = (char) (hash / 31 - random.nextInt(3));
            char second = (char) (hash - 31 * first);
            ids.add(first + "" + second + (k % 2 == 0 ? "" : "\u0000")); // a trailing NUL shifts the hash by 31 x
        }
        List<String> seen = new ArrayList<>(ids);
        seen.addAll(ids.subList(0, 6_000));
        seen.addAll(ids.subList(3_000, 4_000));
        Collections.shuffle(seen, random);
        assertFirstLinesAsAMap(seen);
    }

    /** The ids seen on lines 2, 3, ...: each gets the line it was first seen on, or -1, as from a map. */
    private static void assertFirstLinesAsAMap(List<String> seen) {
        FirstLines lines = new FirstLines();
        Map<String, Long> expected = new HashMap<>();
        long line = 2;
        for (String id : seen) {
            Long first = expected.putIfAbsent(id, line);
            assertEquals(first == null ? -1 : first, lines.putIfAbsent(id, line), "line " + line);
            line++;
        }
    }
}
