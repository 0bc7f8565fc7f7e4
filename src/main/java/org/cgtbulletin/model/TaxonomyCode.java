package org.cgtbulletin.model;

/**
 * One code of a controlled vocabulary, as staff wrote it in the taxonomy file.
 *
 * @param code        lower_snake_case code used in the data and in site URLs
 * @param label       what a quality engineer calls it, e.g. "Mycoplasma positive"
 * @param description one line saying what belongs under this code
 * @param group       the group label (e.g. "Microbial"); used to generalize rare product classes
 * @param order       position in the taxonomy file (process order for steps, severity for outcomes)
 * @param aliases     other names of the code in free text ("MSCs", "mesenchymal stromal cells"): removed, with the
 *                    label, from a story whose product class is shown only as its group
 */
public record TaxonomyCode(String code, String label, String description, String group, int order,
        java.util.List<String> aliases) {

    public TaxonomyCode {
        aliases = java.util.List.copyOf(aliases);
    }

    /** A code without aliases. */
    public TaxonomyCode(String code, String label, String description, String group, int order) {
        this(code, label, description, group, order, java.util.List.of());
    }
}
