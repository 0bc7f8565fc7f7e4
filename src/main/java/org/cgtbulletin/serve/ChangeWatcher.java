package org.cgtbulletin.serve;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Notices when any input of a build changes: a fingerprint of every file's path, size and modification time
 * under the watched folders and files, compared on each poll. Polling (not the WatchService) because it sees
 * editors' atomic saves and files in new subfolders the same way on every platform.
 */
public final class ChangeWatcher {

    private final List<Path> roots;
    private Map<Path, Object> last;

    public ChangeWatcher(List<Path> roots) {
        this.roots = roots.stream().filter(Objects::nonNull).toList();
        this.last = fingerprint();
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
                Files.walkFileTree(start, new SimpleFileVisitor<>() {
                    private Path named(Path p) {
                        return !linked ? p : start.equals(p) ? root : root.resolve(start.relativize(p).toString());
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
