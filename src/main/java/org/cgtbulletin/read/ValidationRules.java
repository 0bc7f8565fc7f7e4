package org.cgtbulletin.read;

import java.time.LocalDate;

import org.cgtbulletin.model.Quarter;

/**
 * What "valid" depends on besides the files: today's date (no report may describe the future) and the
 * optional as-of quarter (no report may be later).
 */
public record ValidationRules(LocalDate today, Quarter asOf) {
}
