package org.cgtbulletin.read;

import java.util.List;

import org.cgtbulletin.model.BatchVolume;
import org.cgtbulletin.model.Quarter;
import org.cgtbulletin.model.Taxonomy;

/**
 * What was read, besides the reports themselves (which stream to the caller): the taxonomy, the volumes and
 * denylist (small), and counts. Taxonomy is null when it could not be read.
 *
 * @param first earliest quarter with a valid report, null when there are none
 */
public record DatasetSummary(
        Taxonomy taxonomy,
        long reports,
        long publishable,
        int contributors,
        Quarter first,
        Quarter last,
        List<BatchVolume> volumes,
        List<String> denylist,
        long reportBytes) {
}
