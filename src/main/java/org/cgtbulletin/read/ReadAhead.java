package org.cgtbulletin.read;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

import org.cgtbulletin.model.Problem;
import org.cgtbulletin.model.Problems;

/**
 * Reads a file on a thread of its own while the caller's thread validates what was read: parsing and decoding
 * (about half of reading a large file) overlap the checks and the aggregation. The rows, the header's columns and
 * the reader's problems are handed over in batches in the order the reader found them, and the caller applies
 * them in that order, so the sink and the problems see exactly the sequence a read on one thread gives (a row's
 * own problems come before any the reader finds after it). At most a few batches are in flight: memory does not
 * grow with the file.
 */
final class ReadAhead {

    /** Rows and problems per hand-over. */
    private static final int BATCH = 1024;
    /** Hand-overs in flight. */
    private static final int IN_FLIGHT = 8;

    /** A read of one file into a sink, with its problems; returns the number of bytes read. */
    interface Reading {
        long read(Problems problems, RowSink sink) throws IOException;
    }

    private record Columns(long line, Set<String> present) {
    }

    private record Done(long bytes) {
    }

    private record Failed(Throwable cause) {
    }

    private ReadAhead() {
    }

    /**
     * Runs {@code reading} on a thread of its own (on one core, on this thread) and feeds its rows to {@code sink}
     * and its problems to {@code problems} on this thread; returns what {@code reading} returned and throws what
     * it threw.
     */
    static long read(Reading reading, Problems problems, RowSink sink) throws IOException {
        if (Runtime.getRuntime().availableProcessors() < 2) {
            return reading.read(problems, sink);
        }
        BlockingQueue<List<Object>> queue = new ArrayBlockingQueue<>(IN_FLIGHT);
        Thread reader = new Thread(() -> produce(reading, queue), "read-ahead");
        reader.setDaemon(true);
        reader.start();
        try {
            while (true) {
                for (Object o : queue.take()) {
                    if (o instanceof RawRow row) {
                        sink.row(row);
                    } else if (o instanceof Problem p) {
                        problems.add(p);
                    } else if (o instanceof Columns c) {
                        sink.columns(c.line(), c.present());
                    } else if (o instanceof Done d) {
                        return d.bytes();
                    } else if (o instanceof Failed f) {
                        throw rethrown(f.cause());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading", e);
        } finally {
            reader.interrupt(); // stops a reader still running when this side failed
        }
    }

    private static void produce(Reading reading, BlockingQueue<List<Object>> queue) {
        Batches out = new Batches(queue);
        Object last;
        try {
            last = new Done(reading.read(Problems.handedTo(out::add), out));
        } catch (Stopped e) {
            return; // the caller has gone: nobody takes the rest
        } catch (Throwable t) {
            last = new Failed(t);
        }
        try {
            out.add(last);
            out.flush();
        } catch (Stopped e) {
            // the caller has gone
        }
    }

    private static RuntimeException rethrown(Throwable t) throws IOException {
        if (t instanceof IOException io) {
            throw io;
        }
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new UncheckedIOException(new IOException(t));
    }

    /** The reader's side: collects rows and problems into batches and hands each over when full. */
    private static final class Batches implements RowSink {
        private final BlockingQueue<List<Object>> queue;
        private List<Object> batch = new ArrayList<>(BATCH);

        Batches(BlockingQueue<List<Object>> queue) {
            this.queue = queue;
        }

        @Override
        public void columns(long line, Set<String> present) {
            add(new Columns(line, new LinkedHashSet<>(present)));
        }

        @Override
        public void row(RawRow row) {
            add(row);
        }

        void add(Object o) {
            batch.add(o);
            if (batch.size() == BATCH) {
                flush();
            }
        }

        void flush() {
            try {
                queue.put(batch);
            } catch (InterruptedException e) {
                throw new Stopped();
            }
            batch = new ArrayList<>(BATCH);
        }
    }

    /** The caller stopped taking batches. */
    private static final class Stopped extends RuntimeException {
        Stopped() {
            super(null, null, false, false);
        }
    }
}
