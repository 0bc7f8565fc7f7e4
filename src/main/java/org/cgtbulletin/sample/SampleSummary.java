package org.cgtbulletin.sample;

import org.cgtbulletin.model.Quarter;

/** What {@link SampleGenerator} wrote. */
public record SampleSummary(long reports, long volumeRows, int contributors, Quarter first, Quarter last,
        int denylistTerms) {
}
