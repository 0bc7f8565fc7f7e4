package org.cgtbulletin.serve;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * Notices when any input of a build changes: a fingerprint of every file's path, size and modification time
 * under the watched folders and files, compared on each poll. Polling (not the WatchService alone) because it sees
 * editors' atomic saves and files in new subfolders the same way on every platform. The file system's own
 * notifications, where the platform has them (the WatchService; inotify on Linux), only wake the wait between two
 * polls early ({@link #await}): an edit is then looked for at once rather than up to a poll's interval later (150 ms
 * on average at the server's 300 ms), and what changed is still what the fingerprints say.
 */
public final class ChangeWatcher implements AutoCloseable {

    private final List<Path> roots;
    private Map<Path, Object> last;
    /** The notifications that wake {@link #await}, or null where none can be had. */
    private final WatchService hints;
    /** The folders registered with {@link #hints}, each with its key (registered again once it is no longer valid). */
    private final Map<Path, WatchKey> watched = new HashMap<>();

    public ChangeWatcher(List<Path> roots) {
        this.roots = roots.stream().filter(Objects::nonNull).toList();
        this.hints = hints();
        this.last = fingerprint();
    }

    private static WatchService hints() {
        try {
            return java.nio.file.FileSystems.getDefault().newWatchService();
        } catch (IOException | UnsupportedOperationException e) {
            return null; // polling alone
        }
    }

    /**
     * Waits up to {@code millis}, or less when the file system reports a change in a watched folder (or reported one
     * since the previous poll); then {@link #changes} says what changed, if anything.
     */
    public void await(long millis) throws InterruptedException {
        if (hints == null) {
            Thread.sleep(millis);
            return;
        }
        try {
            WatchKey key = hints.poll(millis, TimeUnit.MILLISECONDS);
            while (key != null) { // every notification so far: the fingerprints will say what they were
                key.pollEvents();
                key.reset();
                key = hints.poll();
            }
        } catch (ClosedWatchServiceException e) {
            Thread.sleep(millis);
        }
    }

    /** Whether the file system's notifications wake {@link #await} here (else it waits its whole course). */
    boolean notifies() {
        return hints != null && !watched.isEmpty();
    }

    /** Registers {@code dir} for notifications, once (again if its registration lapsed); quietly not if it cannot. */
    private void notifyOn(Path dir) {
        if (hints == null) {
            return;
        }
        WatchKey key = watched.get(dir);
        if (key != null && key.isValid()) {
            return;
        }
        try {
            watched.put(dir, dir.register(hints, StandardWatchEventKinds.ENTRY_CREATE,
                    StandardWatchEventKinds.ENTRY_DELETE, StandardWatchEventKinds.ENTRY_MODIFY));
        } catch (IOException | UnsupportedOperationException | ClosedWatchServiceException e) {
            watched.remove(dir); // polled all the same
        }
    }

    @Override
    public void close() throws IOException {
        if (hints != null) {
            hints.close();
        }
    }

    /** True when something changed since the previous call (or construction). */
    public boolean changed() {
        return !changes().isEmpty();
    }

    /**
     * The files that changed, appeared or disappeared since the previous call (or construction), in order; a watched
     * root that appeared, disappeared or became unreadable is itself in the set.
     */
    public SortedSet<Path> changes() {
        Map<Path, Object> now = fingerprint();
        SortedSet<Path> changed = new TreeSet<>();
        now.forEach((p, f) -> {
            if (!f.equals(last.get(p))) {
                changed.add(p);
            }
        });
        last.keySet().stream().filter(p -> !now.containsKey(p)).forEach(changed::add);
        last = now;
        return changed;
    }

    /** A file as a poll saw it. */
    private record Seen(long size, long modifiedMillis) {
    }

    private Map<Path, Object> fingerprint() {
        Map<Path, Object> f = new HashMap<>();
        for (Path root : roots) {
            if (!Files.exists(root)) {
                f.put(root, "absent");
                continue;
            }
            // A root that is a symbolic link (a templates folder kept elsewhere) is walked where it leads; its files
            // are named under the root as given, as the build names them. One look at each file (the walk's own):
            // at 10,000 lessons, a poll took three system calls a file.
            try {
                boolean linked = Files.isSymbolicLink(root);
                Path start = linked ? root.toRealPath() : root;
                if (!Files.isDirectory(start)) {
                    Path parent = start.toAbsolutePath().getParent();
                    if (parent != null) {
                        notifyOn(parent); // a watched file (the reports, say): its folder's notifications
                    }
                }
                Files.walkFileTree(start, new SimpleFileVisitor<>() {
                    private Path named(Path p) {
                        return !linked ? p : start.equals(p) ? root : root.resolve(start.relativize(p).toString());
                    }

                    @Override
                    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                        notifyOn(dir);
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFile(Path p, BasicFileAttributes attrs) {
                        BasicFileAttributes a = attrs;
                        if (a.isSymbolicLink()) { // a linked file: what it links to, as the build reads it
                            try {
                                a = Files.readAttributes(p, BasicFileAttributes.class);
                            } catch (IOException e) {
                                return FileVisitResult.CONTINUE; // a broken link is no file
                            }
                        }
                        if (a.isRegularFile()) {
                            f.put(named(p), new Seen(a.size(), a.lastModifiedTime().toMillis()));
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path p, IOException e) {
                        f.put(named(p), "unreadable");
                        return FileVisitResult.CONTINUE;
                    }
                });
            } catch (IOException | UncheckedIOException e) {
                f.put(root, "unreadable");
            }
        }
        return f;
    }
}
