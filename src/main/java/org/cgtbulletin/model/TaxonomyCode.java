package org.cgtbulletin.model;

/**
 * One code of a controlled vocabulary, as staff wrote it in the taxonomy file.
 *
 * @param code        lower_snake_case code used in the data and in site URLs
 * @param label       what a quality engineer calls it, e.g. "Mycoplasma positive"
 * @param description one line saying what belongs under this code
 * @param group       the group label (e.g. "Microbial"); used to generalize rare product classes
 * @param order       position in the taxonomy file (process order for steps, severity for outcomes)
 */
public record TaxonomyCode(String code, String label, String description, String group, int order) {
}
