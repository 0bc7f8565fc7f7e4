package org.cgtbulletin.model;

/** The controlled vocabularies of the taxonomy, named by their field names in the dataset. */
public enum Dimension {
    PRODUCT_CLASS("product_class"),
    PROCESS_STEP("process_step"),
    FAILURE_MODE("failure_mode"),
    OUTCOME("outcome"),
    ROOT_CAUSE("root_cause"),
    PLATFORM("platform");

    private final String field;

    Dimension(String field) {
        this.field = field;
    }

    /** The field (and taxonomy key) name, e.g. {@code process_step}. */
    public String field() {
        return field;
    }

    public static Dimension byField(String field) {
        for (Dimension d : values()) {
            if (d.field.equals(field)) {
                return d;
            }
        }
        return null;
    }
}
