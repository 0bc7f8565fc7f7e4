package org.cgtbulletin.model;

/** Batches started by one contributor in one product class and quarter: the denominator of rates. */
public record BatchVolume(String contributor, Quarter quarter, String productClass, long batchesStarted) {
}
