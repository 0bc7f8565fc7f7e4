package org.cgtbulletin.publish;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes published CSV: RFC 4180, LF line ends, and no field that a spreadsheet would run as a formula (a field
 * starting with =, +, -, @, tab or carriage return is prefixed with an apostrophe).
 */
public final class SafeCsv implements AutoCloseable {

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator('\n').build();

    private final CSVPrinter printer;

    public SafeCsv(Writer out, List<String> header) throws IOException {
        this.printer = new CSVPrinter(out, FORMAT);
        row(header);
    }

    public void row(List<String> fields) throws IOException {
        for (String f : fields) {
            printer.print(neutralize(f));
        }
        printer.println();
    }

    /** The text made inert for spreadsheets; null becomes the empty field. */
    public static String neutralize(String field) {
        if (field == null || field.isEmpty()) {
            return "";
        }
        char c = field.charAt(0);
        if (c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r') {
            return "'" + field;
        }
        return field;
    }

    @Override
    public void close() throws IOException {
        printer.close();
    }
}
