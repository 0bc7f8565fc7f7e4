package org.cgtbulletin.publish;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;

/**
 * The only code that writes to an output folder. Everything is written into a staging folder beside the target
 * ({@code <target>.<pid>.staging}); only when that is complete is it swapped in by renames, so a failed build
 * leaves the previously published folder exactly as it was. A process that publishes the same folder again and
 * again (the preview server) may recycle: see {@link Recycling}.
 */
public final class Publisher {

    /**
     * Writes the complete content of a folder into the staging folder it is given: an empty one, or, when the
     * publisher recycles ({@link Recycling}), an earlier version the content must bring to exactly its files.
     */
    public interface Content {
        void writeTo(Path staging) throws IOException;
    }

    private Publisher() {
    }

    /**
     * Publishes {@code content} as {@code target}. File times are set to {@code fileTime} (from
     * SOURCE_DATE_EPOCH or a fixed instant) so that archives of the output are reproducible.
     */
    public static void publish(Path target, Content content, FileTime fileTime) throws IOException {
        publish(target, content, fileTime, null);
    }

    /**
     * As {@link #publish(Path, Content, FileTime)}; with {@code recycling} (for {@code target}), the staging folder
     * is the version of the folder replaced by the publish before, when {@link Recycling#take} hands it over (the
     * content must then leave in it exactly the files it publishes, see {@link Recycling}), and the version this
     * publish replaces is kept for the next one instead of deleted. Without it, or when there is nothing to hand
     * over, the staging folder starts empty. Not both a file time and recycling: a recycled folder's files may be other
     * names of published files (see {@code site.SpareSite#copy}), whose times must not change before the swap.
     */
    public static void publish(Path target, Content content, FileTime fileTime, Recycling recycling)
            throws IOException {
        stage(target, content, fileTime, recycling).swap(recycling);
    }

    /**
     * Writes {@code content} into {@code target}'s staging folder, as {@link #publish(Path, Content, FileTime)}
     * does, and leaves it there: {@link Staged#publish} swaps it in later, {@link Staged#discard} deletes it. So a
     * folder can be written while other work goes on, and published only once that work has been published too.
     */
    public static Staged stage(Path target, Content content, FileTime fileTime) throws IOException {
        return stage(target, content, fileTime, null);
    }

    private static Staged stage(Path target, Content content, FileTime fileTime, Recycling recycling)
            throws IOException {
        if (fileTime != null && recycling != null) {
            throw new IllegalArgumentException("a file time is for a publish into an empty staging folder");
        }
        Path absolute = target.toAbsolutePath().normalize();
        Path parent = absolute.getParent();
        Files.createDirectories(parent);
        long pid = ProcessHandle.current().pid();
        Path staging = parent.resolve(absolute.getFileName() + "." + pid + ".staging");
        Path old = parent.resolve(absolute.getFileName() + "." + pid + ".old");
        deleteTree(staging);
        deleteTree(old);
        if (recycling == null || !recycling.take(absolute, staging)) {
            Files.createDirectories(staging);
        }
        try {
            content.writeTo(staging);
            setTimes(staging, fileTime);
        } catch (IOException | RuntimeException | Error e) {
            try {
                deleteTree(staging);
            } catch (IOException | RuntimeException cleanup) {
                e.addSuppressed(cleanup); // the cause is what went wrong, not the folder left behind
            }
            throw e;
        }
        return new Staged(absolute, staging, old);
    }

    /** A folder written into its staging folder and not yet swapped in ({@link #stage}). */
    public static final class Staged {
        private final Path target;
        private final Path staging;
        private final Path old;

        private Staged(Path target, Path staging, Path old) {
            this.target = target;
            this.staging = staging;
            this.old = old;
        }

        /** Swaps the staged folder in by renames, as {@link Publisher#publish(Path, Content, FileTime)} does. */
        public void publish() throws IOException {
            swap(null);
        }

        /** Deletes the staged folder: the target stays exactly as it was. */
        public void discard() throws IOException {
            deleteTree(staging);
        }

        private void swap(Recycling recycling) throws IOException {
            boolean hadOld = Files.exists(target, LinkOption.NOFOLLOW_LINKS);
            if (hadOld) {
                try {
                    move(target, old);
                } catch (IOException e) {
                    deleteTree(staging); // the target stays as it was, and nothing is left beside it
                    throw e;
                }
            }
            try {
                move(staging, target);
            } catch (IOException e) {
                if (hadOld) {
                    move(old, target);
                }
                deleteTree(staging);
                throw e;
            }
            if (hadOld) {
                if (recycling != null) {
                    recycling.keep(target, old);
                } else {
                    deleteTree(old);
                }
            }
        }
    }

    static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    private static void setTimes(Path root, FileTime time) throws IOException {
        if (time == null) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.setLastModifiedTime(file, time);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                Files.setLastModifiedTime(dir, time);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Deletes {@code root} and everything in it (links themselves, not what they point to); nothing if absent. */
    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
