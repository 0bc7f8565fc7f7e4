package org.cgtbulletin.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ParallelTest {

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 17, 10_000})
    void everyIndexRunsExactlyOnce(int count) {
        AtomicIntegerArray runs = new AtomicIntegerArray(count);
        Throwable[] failures = Parallel.run(count, runs::incrementAndGet);
        assertEquals(count, failures.length);
        for (int i = 0; i < count; i++) {
            assertEquals(1, runs.get(i), "index " + i);
            assertNull(failures[i]);
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void mapKeepsTheItemsOrderWhateverOrderTheyFinishIn(long seed) {
        Random random = new Random(seed);
        List<Integer> items = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            items.add(random.nextInt(1000));
        }
        List<String> results = Parallel.map(items, n -> {
            if (n % 7 == 0) {
                Thread.sleep(1); // some finish late
            }
            return "item " + n;
        });
        assertEquals(items.stream().map(n -> "item " + n).toList(), results);
    }

    @Test
    void usesMoreThanOneThreadWhereThereAreCores() {
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        Parallel.run(200, i -> {
            threads.add(Thread.currentThread());
            Thread.sleep(2);
        });
        assertTrue(threads.contains(Thread.currentThread()), "the caller takes tasks too");
        assertEquals(Math.min(200, Runtime.getRuntime().availableProcessors()), threads.size());
    }

    @Test
    void failuresAreKeptByIndexAndTheOthersStillRun() {
        AtomicIntegerArray runs = new AtomicIntegerArray(100);
        Throwable[] failures = Parallel.run(100, i -> {
            runs.incrementAndGet(i);
            if (i == 40) {
                throw new IOException("forty");
            }
            if (i == 70) {
                throw new StackOverflowError("seventy");
            }
        });
        IntStream.range(0, 100).forEach(i -> assertEquals(1, runs.get(i)));
        assertEquals("forty", failures[40].getMessage());
        assertEquals("seventy", failures[70].getMessage());
        assertEquals(2, java.util.Arrays.stream(failures).filter(f -> f != null).count());
    }

    @Test
    void mapThrowsTheFirstFailureInItemOrder() {
        List<Integer> items = IntStream.range(0, 300).boxed().toList();
        IllegalStateException first = new IllegalStateException("first");
        RuntimeException thrown = assertThrows(RuntimeException.class, () -> Parallel.map(items, i -> {
            if (i == 299) {
                throw new IllegalArgumentException("last");
            }
            if (i == 150) {
                Thread.sleep(20); // met after the later failure, reported before it
                throw first;
            }
            return i;
        }));
        assertSame(first, thrown);

        IOException io = new IOException("checked");
        Parallel.Failure failure = assertThrows(Parallel.Failure.class, () -> Parallel.map(items, i -> {
            if (i == 5) {
                throw io;
            }
            return i;
        }));
        assertSame(io, failure.getCause());

        assertThrows(StackOverflowError.class, () -> Parallel.map(items, i -> {
            throw new StackOverflowError();
        }));
    }

    @Test
    void startedWorkRunsBesideTheCallerAndGivesItsResultOrItsFailure() throws InterruptedException {
        java.util.concurrent.CountDownLatch callerWent = new java.util.concurrent.CountDownLatch(1);
        Parallel.Pending<String> pending = Parallel.start(() -> {
            callerWent.await(); // finishes only once the caller has gone on: it cannot have run on the caller
            return "done on " + Thread.currentThread().getName();
        });
        callerWent.countDown();
        assertEquals("done on parallel-start", pending.join());

        IOException io = new IOException("unreadable");
        Parallel.Failure failure = assertThrows(Parallel.Failure.class, () -> Parallel.start(() -> {
            throw io;
        }).join());
        assertSame(io, failure.getCause());
        IllegalStateException unchecked = new IllegalStateException("bug");
        assertSame(unchecked, assertThrows(IllegalStateException.class, () -> Parallel.start(() -> {
            throw unchecked;
        }).join()));
    }
}
