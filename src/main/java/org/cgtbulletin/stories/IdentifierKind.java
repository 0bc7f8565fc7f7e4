package org.cgtbulletin.stories;

/**
 * What de-identification removes from a narrative or lesson, with the neutral placeholder that takes its place.
 * Exact dates are the exception: they become their quarter ({@code 2025-Q1}), or {@code [date]} when the year is
 * not given. Markup is removed without a placeholder.
 */
public enum IdentifierKind {
    /** HTML tags, comments, script and style elements (removed; the text around them stays plain text). */
    MARKUP("markup", ""),
    EMAIL("email", "[email]"),
    /** URLs, bare web addresses and script links such as {@code javascript:}. */
    LINK("link", "[link]"),
    PHONE("phone", "[phone]"),
    /** A titled name such as "Dr. Meyer" or a social-media handle. */
    NAME("name", "[name]"),
    /** A term of the denylist (an organisation, a site or a person). */
    DENYLIST("denylist", "[name]"),
    /** A contributor token found in the text. */
    CONTRIBUTOR("contributor", "[id]"),
    /** A lot, batch or serial number. */
    LOT("lot", "[lot]"),
    /** Another identifier-shaped code: a record, patient or donor number, a report id. */
    IDENTIFIER("identifier", "[id]"),
    /** A mention of a product class that is shown only as its group (too few manufacturers make it). */
    PRODUCT_CLASS("product_class", "[product]"),
    /** An exact date: replaced by its quarter, or by {@code [date]} when no year is given. */
    DATE("date", "[date]");

    private final String code;
    private final String placeholder;

    IdentifierKind(String code, String placeholder) {
        this.code = code;
        this.placeholder = placeholder;
    }

    /** The name used in the staff audit, e.g. {@code email}. */
    public String code() {
        return code;
    }

    /** What replaces it in the published text. */
    public String placeholder() {
        return placeholder;
    }
}
