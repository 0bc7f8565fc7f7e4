package org.cgtbulletin.serve;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Notices when any input of a build changes: a fingerprint of every file's path, size and modification time
 * under the watched folders and files, compared on each poll. Polling (not the WatchService) because it sees
 * editors' atomic saves and files in new subfolders the same way on every platform.
 */
public final class ChangeWatcher {

    private final List<Path> roots;
    private Map<Path, String> last;

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
        Map<Path, String> now = fingerprint();
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

    private Map<Path, String> fingerprint() {
        Map<Path, String> f = new HashMap<>();
        for (Path root : roots) {
            if (!Files.exists(root)) {
                f.put(root, "absent");
                continue;
            }
            // A root that is a symbolic link (a templates folder kept elsewhere) is walked where it leads; its files
            // are named under the root as given, as the build names them.
            try {
                Path start = root.toRealPath();
                try (Stream<Path> s = Files.walk(start)) {
                    s.filter(Files::isRegularFile).forEach(p -> {
                        Path named = root.resolve(start.relativize(p).toString());
                        try {
                            f.put(named, Files.size(p) + " " + Files.getLastModifiedTime(p).toMillis());
                        } catch (IOException e) {
                            f.put(named, "unreadable");
                        }
                    });
                }
            } catch (IOException | UncheckedIOException e) {
                f.put(root, "unreadable");
            }
        }
        return f;
    }
}
