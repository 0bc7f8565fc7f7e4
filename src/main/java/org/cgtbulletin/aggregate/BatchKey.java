package org.cgtbulletin.aggregate;

/** The key of a denominator cell: batches started in a period, in a product class or {@code *} for all. */
public record BatchKey(String period, String productClass) {
}
