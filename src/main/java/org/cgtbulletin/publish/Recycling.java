package org.cgtbulletin.publish;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * The version of an output folder that a publish replaced, kept beside it ({@code <target>.<pid>.spare}) for a process
 * that publishes the same folder again and again: the preview server, which publishes every page of the site after
 * each edit although only a few of them changed. At 10,000 pages, creating the staging folder's 10,000 folders and
 * files and deleting the replaced version's took 4 to 5 s on this project's machine; in a recycled staging folder
 * the content rewrites only what changed.
 *
 * <p>{@link Publisher#publish(Path, Publisher.Content, java.nio.file.attribute.FileTime, Recycling)} keeps the
 * version it replaces here (instead of deleting it) and, at the next publish, moves the spare in as the staging
 * folder (instead of an empty one). The content then finds an earlier version of its own files there and must leave
 * exactly the files it publishes, no stale one (the site stage does so by a survey of the spare, {@code
 * site.SpareSite}). A caller that cannot tell what the spare holds {@link #discard}s it before publishing; the swap
 * stays what it was, so a failed publish still leaves the published folder exactly as it was (and the spare, taken
 * as its staging folder, is deleted with it).
 *
 * <p>Only this process writes the spare: its name carries the process id, like the staging folder's. {@link #close}
 * deletes it (the server does when it stops); a spare left by a process that was killed is as harmless as its
 * staging folder, and can be deleted.
 */
public final class Recycling implements AutoCloseable {

    private final Path target;
    private final Path spare;
    private boolean closed;

    /** Recycling for the output folder {@code target}; nothing is kept yet. */
    public Recycling(Path target) {
        this.target = target.toAbsolutePath().normalize();
        this.spare = this.target.resolveSibling(this.target.getFileName() + "."
                + ProcessHandle.current().pid() + ".spare");
    }

    /** The folder holding the version replaced by the latest publish, or null when there is none. */
    public synchronized Path spare() {
        return Files.isDirectory(spare, LinkOption.NOFOLLOW_LINKS) ? spare : null;
    }

    /** Fills a new folder from the published one ({@link #seed}), and says what it put there. */
    public interface Filler<T> {
        T fill(Path published, Path copy) throws IOException;
    }

    /**
     * Makes a spare as a copy of the published folder, of what of it {@code fill} copies (the files that would be
     * written again anyway may be left out), when there is none (after a first publish, which replaced nothing, so
     * that the next publish need not create every file again); returns what {@code fill} said of it, or null when
     * there already is a spare, nothing is published, or recycling was closed. The copy is made beside it and renamed
     * into place once complete (the files it holds keep their stamps); a copy that fails (the published folder swapped
     * meanwhile by another process) is deleted and the failure thrown.
     */
    public synchronized <T> T seed(Filler<T> fill) throws IOException {
        if (closed || spare() != null || !Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        Path copy = spare.resolveSibling(spare.getFileName() + ".copy");
        Publisher.deleteTree(copy);
        T filled;
        try {
            Files.createDirectories(copy);
            filled = fill.fill(target, copy);
            Publisher.move(copy, spare);
        } catch (IOException | RuntimeException e) {
            try {
                Publisher.deleteTree(copy);
            } catch (IOException | RuntimeException cleanup) {
                e.addSuppressed(cleanup); // the cause is what went wrong, not the folder left behind
            }
            throw e;
        }
        return filled;
    }

    /** Deletes the spare: the next publish stages into an empty folder. */
    public synchronized void discard() throws IOException {
        Publisher.deleteTree(spare);
    }

    /** Moves the spare to {@code staging}; false when there is none (or it is for another target). */
    synchronized boolean take(Path publishedTarget, Path staging) throws IOException {
        if (!publishedTarget.equals(target) || spare() == null) {
            return false;
        }
        Publisher.move(spare, staging);
        return true;
    }

    /** Keeps {@code replaced}, the version a publish of the target just replaced, as the spare. */
    synchronized void keep(Path publishedTarget, Path replaced) throws IOException {
        if (closed || !publishedTarget.equals(target)) {
            Publisher.deleteTree(replaced);
            return;
        }
        Publisher.deleteTree(spare);
        Publisher.move(replaced, spare);
    }

    /** Deletes the spare; from now on a publish deletes what it replaces and nothing is kept or copied. */
    @Override
    public synchronized void close() throws IOException {
        closed = true;
        discard();
    }
}
