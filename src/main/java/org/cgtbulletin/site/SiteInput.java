package org.cgtbulletin.site;

import java.util.List;

import org.cgtbulletin.analyze.SignalSettings;
import org.cgtbulletin.analyze.Signals;
import org.cgtbulletin.config.SiteSettings;
import org.cgtbulletin.content.EditorialContent;
import org.cgtbulletin.model.PublishedCell;
import org.cgtbulletin.model.Quarter;
import org.cgtbulletin.model.Signal;
import org.cgtbulletin.model.Story;
import org.cgtbulletin.model.Taxonomy;
import org.cgtbulletin.protect.DisclosureRules;

/**
 * Everything the website shows, already protected and analysed: the site draws every number from {@code cells}
 * (the rows of cells.csv) and nothing else.
 *
 * @param first        the first quarter with data, null when there are no reports
 * @param asOf         the latest published quarter, null when there are no reports
 * @param hasVolumes   whether denominators (batches started) exist, so charts show rates rather than counts
 * @param signalRun    what the signal analysis tested, skipped and found, for the methodology page
 * @param signalSettings the analysis settings in force
 */
public record SiteInput(SiteSettings settings, Taxonomy taxonomy, Quarter first, Quarter asOf,
        List<PublishedCell> cells, boolean hasVolumes, List<Signal> signals, List<Story> stories,
        EditorialContent content, DisclosureRules rules, boolean weakerRules, Signals.Result signalRun,
        SignalSettings signalSettings) {
}
