package org.cgtbulletin.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import org.cgtbulletin.model.Problem;
import org.cgtbulletin.model.Problems;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Reading ahead on another thread changes nothing a reader can see: rows, columns and problems reach the sink and
 * the problems in exactly the sequence a read on one thread gives (the sink's own problems for a row come before
 * the reader's later ones), and what the reading throws reaches the caller.
 */
class ReadAheadTest {

    static LongStream seeds() {
        return LongStream.range(1, 9);
    }

    /** A seeded reading: a header, then rows, reader problems and sink problems interleaved. */
    private static ReadAhead.Reading reading(long seed, int events) {
        return (problems, sink) -> {
            SplittableRandom r = new SplittableRandom(seed);
            sink.columns(1, new LinkedHashSet<>(List.of("report_id", "contributor", "occurred")));
            for (int line = 2; line < events + 2; line++) {
                switch (r.nextInt(5)) {
                    case 0 -> problems.error("f.csv", line, "encoding", "reader problem " + line);
                    case 1 -> problems.warning("f.csv", line, "header", "reader warning " + line);
                    default -> sink.row(new RawRow(line, new String[] {"id-" + line, "c" + r.nextInt(9)}));
                }
            }
            return 1000L + seed;
        };
    }

    /** A sink that logs what it receives and, for some rows, adds its own problem (as the validator does). */
    private static final class Log implements RowSink {
        final List<String> events = new ArrayList<>();
        final Problems problems;

        Log(Problems problems) {
            this.problems = problems;
        }

        @Override
        public void columns(long line, Set<String> present) {
            events.add("columns " + line + " " + present);
        }

        @Override
        public void row(RawRow row) {
            events.add("row " + row.line() + " " + String.join("|", row.values()));
            if (row.line() % 3 == 0) {
                problems.error("f.csv", row.line(), "report_id", "sink problem " + row.line());
            }
        }
    }

    private static List<String> problemLines(Problems p) {
        return p.kept().stream().map(Problem::toString).toList();
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void theSameSequenceAsReadingOnOneThread(long seed) throws IOException {
        int events = 50 + (int) seed * 997; // several hand-overs, the last one partly full
        Problems alone = new Problems();
        Log aloneLog = new Log(alone);
        long aloneBytes = reading(seed, events).read(alone, aloneLog);

        Problems ahead = new Problems();
        Log aheadLog = new Log(ahead);
        long aheadBytes = ReadAhead.read(reading(seed, events), ahead, aheadLog);

        assertEquals(aloneBytes, aheadBytes);
        assertEquals(aloneLog.events, aheadLog.events);
        assertEquals(problemLines(alone), problemLines(ahead));
        assertEquals(alone.errorCount(), ahead.errorCount());
        assertEquals(alone.warningCount(), ahead.warningCount());
        assertTrue(ahead.hasErrors());
    }

    @Test
    void whatTheReadingThrowsReachesTheCallerAfterWhatWasReadBeforeIt() {
        IOException broken = new IOException("disk gone");
        Problems problems = new Problems();
        Log log = new Log(problems);
        IOException thrown = assertThrows(IOException.class, () -> ReadAhead.read((p, sink) -> {
            for (int line = 2; line < 3000; line++) {
                sink.row(new RawRow(line, new String[] {"id-" + line}));
            }
            throw broken;
        }, problems, log));
        assertSame(broken, thrown);
        assertEquals(2998, log.events.size());
    }

    @Test
    void aFailingSinkStopsTheReader() throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        RowSink failing = new RowSink() {
            @Override
            public void columns(long line, Set<String> present) {
            }

            @Override
            public void row(RawRow row) {
                throw new IllegalStateException("sink failed at " + row.line());
            }
        };
        assertThrows(IllegalStateException.class, () -> ReadAhead.read((p, sink) -> {
            try {
                for (long line = 2; ; line++) { // endless: only the caller's failure ends it
                    sink.row(new RawRow(line, new String[] {"x"}));
                }
            } finally {
                stopped.countDown();
            }
        }, new Problems(), failing));
        assertTrue(stopped.await(10, TimeUnit.SECONDS), "the reader thread kept reading");
        assertFalse(Thread.currentThread().isInterrupted());
    }
}
