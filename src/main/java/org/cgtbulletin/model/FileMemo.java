package org.cgtbulletin.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a long-running process (the preview server) computed from each file, remembered with the file's stamp
 * ({@link FileStamp}: its size, modification time and file key). A file whose stamp is unchanged gives the remembered
 * value without being read; an edit, an editor's atomic save (a new inode) included, gives a new stamp and the value
 * is computed again. The stamp is taken before the file is read, so an edit made while it is read is seen next time.
 * A file modified less than {@link #SETTLED} before it was read is not remembered at all (as git treats a "racily
 * clean" file): where times are kept to the second, an edit within the same second that kept the size would keep the
 * stamp too. A stamp set back by hand on a file
 * rewritten to the same size would still be missed; the preview clears its memos at every full build, which a change
 * of the data, the taxonomy or the settings brings.
 *
 * <p>Several threads may use one memo at once; values must be immutable (or never changed once made).
 *
 * @param <V> what is remembered of a file
 */
public final class FileMemo<V> {

    /** Computes a file's value. */
    public interface Computation<V> {
        V apply(Path file) throws IOException;
    }

    private record Key(Path file, String variant) {
    }

    private record Entry<V>(FileStamp stamp, V value) {
    }

    /** How long before it is read a file must have been modified last to be remembered. */
    static final Duration SETTLED = Duration.ofSeconds(3);

    private final Map<Key, Entry<V>> entries = new ConcurrentHashMap<>();
    private final Clock clock;

    public FileMemo() {
        this(Clock.systemUTC());
    }

    /** A memo that judges how recently a file was modified by {@code clock} (a test's). */
    FileMemo(Clock clock) {
        this.clock = clock;
    }

    /**
     * The value of {@code file} read as {@code variant} says (what else the computation depends on, e.g. a
     * setting): the one remembered if the file's stamp is the one it was computed at, else {@code compute}'s,
     * remembered unless the file was modified too recently ({@link #SETTLED}).
     */
    public V get(Path file, String variant, Computation<V> compute) throws IOException {
        return get(file, Files.readAttributes(file, BasicFileAttributes.class), variant, compute);
    }

    /** As {@link #get(Path, String, Computation)}, with the file's attributes just read by the caller. */
    public V get(Path file, BasicFileAttributes a, String variant, Computation<V> compute) throws IOException {
        FileStamp stamp = FileStamp.of(a);
        Key key = new Key(file.toAbsolutePath().normalize(), variant);
        Entry<V> known = entries.get(key);
        if (known != null && known.stamp().equals(stamp)) {
            return known.value();
        }
        Instant readAt = clock.instant();
        V value = compute.apply(file);
        if (a.lastModifiedTime().toInstant().isBefore(readAt.minus(SETTLED))) {
            entries.put(key, new Entry<>(stamp, value));
        } else {
            entries.remove(key); // modified just now: another edit could keep its stamp, so read it again next time
        }
        return value;
    }

    /** Forgets everything (what the values depend on besides the files changed). */
    public void clear() {
        entries.clear();
    }
}
