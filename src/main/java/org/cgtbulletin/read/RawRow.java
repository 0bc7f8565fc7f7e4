package org.cgtbulletin.read;

/**
 * One row as read, before validation: values by schema position, null where the column or key is absent.
 *
 * @param line the physical line where the row starts
 */
record RawRow(long line, String[] values) {
}
