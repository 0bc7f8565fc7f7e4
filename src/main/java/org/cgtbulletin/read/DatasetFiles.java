package org.cgtbulletin.read;

import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where the inputs are. Volumes and denylist are optional (null when not given).
 *
 * @param taxonomy the taxonomy file, YAML or JSON
 */
public record DatasetFiles(Path reports, Path volumes, Path denylist, Path taxonomy) {

    /** The reports, volumes and denylist files given, as absolute, normalized paths: the data, not editorial text. */
    public Set<Path> datasetFiles() {
        Set<Path> set = new TreeSet<>();
        for (Path p : new Path[] {reports, volumes, denylist}) {
            if (p != null) {
                set.add(p.toAbsolutePath().normalize());
            }
        }
        return set;
    }
}
