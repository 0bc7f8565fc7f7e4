package org.cgtbulletin.serve;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Notices when any input of a build changes: a fingerprint of every file's path, size and modification time
 * under the watched folders and files, compared on each poll. Polling (not the WatchService) because it sees
 * editors' atomic saves and files in new subfolders the same way on every platform.
 */
public final class ChangeWatcher {

    private final List<Path> roots;
    private List<String> last;

    public ChangeWatcher(List<Path> roots) {
        this.roots = roots.stream().filter(Objects::nonNull).toList();
        this.last = fingerprint();
    }

    /** True when something changed since the previous call (or construction). */
    public boolean changed() {
        List<String> now = fingerprint();
        boolean changed = !now.equals(last);
        last = now;
        return changed;
    }

    private List<String> fingerprint() {
        List<String> f = new ArrayList<>();
        for (Path root : roots) {
            if (!Files.exists(root)) {
                f.add(root + " absent");
                continue;
            }
            try (Stream<Path> s = Files.walk(root)) {
                s.filter(Files::isRegularFile).sorted().forEach(p -> {
                    try {
                        f.add(p + " " + Files.size(p) + " " + Files.getLastModifiedTime(p).toMillis());
                    } catch (IOException e) {
                        f.add(p + " unreadable");
                    }
                });
            } catch (IOException | UncheckedIOException e) {
                f.add(root + " unreadable");
            }
        }
        return f;
    }
}
