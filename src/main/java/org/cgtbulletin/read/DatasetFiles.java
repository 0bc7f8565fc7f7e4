package org.cgtbulletin.read;

import java.nio.file.Path;

/**
 * Where the inputs are. Volumes and denylist are optional (null when not given).
 *
 * @param taxonomy the taxonomy file, YAML or JSON
 */
public record DatasetFiles(Path reports, Path volumes, Path denylist, Path taxonomy) {
}
