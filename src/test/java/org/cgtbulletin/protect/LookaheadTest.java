package org.cgtbulletin.protect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LookaheadTest {

    /**
     * A loop in the audit's shape: each key's result may settle later keys (as a proof shared with other cells),
     * which the loop then skips. Work runs ahead on the spare threads; the loop's outcome must be the sequential
     * one.
     */
    private static List<String> loop(int spare, long seed, AtomicInteger ran) {
        Random random = new Random(seed);
        int n = 200;
        int[] settles = new int[n];
        for (int k = 0; k < n; k++) {
            settles[k] = random.nextInt(4); // settles the next 0..3 keys
        }
        boolean[] settled = new boolean[n];
        List<String> out = new ArrayList<>();
        try (Lookahead<Integer> ahead = new Lookahead<>(spare)) {
            for (int k = 0; k < n; k++) {
                ahead.passed(k);
                if (settled[k]) {
                    continue;
                }
                for (int j = k + 1; j < n && ahead.ahead() && ahead.room() > 0; j++) {
                    if (!settled[j] && !ahead.offered(j)) {
                        int key = j;
                        ahead.offer(j, () -> work(key, settles, ran));
                    }
                }
                int key = k;
                int reach = ahead.take(k, () -> work(key, settles, ran));
                out.add(k + ":" + reach);
                for (int j = k + 1; j <= Math.min(n - 1, k + reach); j++) {
                    settled[j] = true;
                }
            }
        }
        return out;
    }

    private static int work(int key, int[] settles, AtomicInteger ran) {
        ran.incrementAndGet();
        long x = key;
        for (int i = 0; i < 20_000; i++) {
            x = x * 6364136223846793005L + 1442695040888963407L; // some work, so that workers really run ahead
        }
        return x == 42 ? -1 : settles[key];
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void theLoopGetsTheSequentialResultsWhateverTheThreads(long seed) {
        AtomicInteger sequentialRuns = new AtomicInteger();
        List<String> sequential = loop(0, seed, sequentialRuns);
        for (int spare : new int[] {1, 2, 3}) {
            AtomicInteger runs = new AtomicInteger();
            assertEquals(sequential, loop(spare, seed, runs), spare + " spare threads");
            assertTrue(runs.get() >= sequentialRuns.get(), "work ahead is extra, never less");
        }
    }

    @org.junit.jupiter.api.Test
    void sideBySideRunsBothAndPassesOnFailures() {
        AtomicInteger main = new AtomicInteger();
        AtomicInteger side = new AtomicInteger();
        Lookahead.sideBySide(main::incrementAndGet, side::incrementAndGet);
        assertEquals(1, main.get());
        assertEquals(1, side.get());
        assertThrows(ArithmeticException.class, () -> Lookahead.sideBySide(() -> { }, () -> {
            throw new ArithmeticException("side");
        }));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1})
    void failuresOfTheWorkReachTheLoop(int spare) {
        try (Lookahead<Integer> ahead = new Lookahead<>(spare)) {
            ahead.offer(3, () -> {
                throw new ArithmeticException("overflow");
            });
            assertEquals(spare > 0, ahead.offered(3));
            ArithmeticException e = assertThrows(ArithmeticException.class, () -> ahead.take(3, () -> {
                throw new ArithmeticException("overflow");
            }));
            assertEquals("overflow", e.getMessage());
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1})
    void withoutSpareThreadsNothingIsOfferedAndTheLoopDoesTheWork(int spare) {
        try (Lookahead<String> ahead = new Lookahead<>(spare)) {
            assertEquals(spare > 0, ahead.ahead());
            ahead.offer(1, () -> "ahead");
            assertEquals(spare > 0 ? "ahead" : "here", ahead.take(1, () -> "here"));
            assertFalse(ahead.offered(1));
            ahead.offer(2, () -> "skipped");
            ahead.passed(3);
            assertFalse(ahead.offered(2));
            assertEquals("here", ahead.take(2, () -> "here"));
        }
    }
}
