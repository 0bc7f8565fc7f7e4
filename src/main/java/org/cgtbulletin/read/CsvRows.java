package org.cgtbulletin.read;

import java.io.IOException;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.cgtbulletin.model.Problems;

/** Reads RFC 4180 CSV with a header row, columns in any order, and reports what makes a file unreadable. */
final class CsvRows {

    private static final Pattern START_LINE = Pattern.compile("\\(startline ([0-9,.\\u00a0\\u202f ]+)\\)");
    private static final Pattern AT_LINE = Pattern.compile("at line: ([0-9,.\\u00a0\\u202f]+)");

    private CsvRows() {
    }

    /** Opens the file again, from its start (to read on after a record that breaks its structure). */
    interface Reopen {
        Reader open() throws IOException;
    }

    /**
     * How many records that break the file's structure are read past (each costs a reading of the file up to it);
     * after that, the rest of the file is not checked, and the message says so.
     */
    static final int MAX_RESYNCS = 20;

    /** As {@link #read(Reader, Reopen, String, RowSchema, Problems, RowSink)}, never reading past a broken record. */
    static boolean read(Reader reader, String file, RowSchema schema, Problems problems, RowSink sink)
            throws IOException {
        return read(reader, null, file, schema, problems, sink);
    }

    /**
     * Reads every row of the file into the sink. Returns false when the file could not be read to the end, or had
     * a record that breaks its structure (the reason is among the problems). After such a record (a quote never
     * closed, text after a closing quote), the file is opened again with {@code reopen} (when not null) and read on
     * from the line after the one the record started on, as if the record had ended with its line, so that the
     * problems of the rest of the file are reported too; the reader given is read to its end, so that a bad byte
     * anywhere is reported once, by it.
     */
    static boolean read(Reader reader, Reopen reopen, String file, RowSchema schema, Problems problems,
            RowSink sink) throws IOException {
        List<Reader> reopened = new ArrayList<>();
        try (reader) {
            CsvRecords records = new CsvRecords(reader);
            boolean[] failed = {false};
            long[] brokenAt = {0};
            long lineBefore = 0;
            String[] header = null;
            long headerLine = 1;
            // The header is the first non-blank line.
            while (header == null) {
                String[] r = next(records, 0, file, lineBefore, problems, failed, brokenAt, false);
                if (r == null) {
                    if (!failed[0]) {
                        problems.error(file, 1, "file", "the file is empty; expected a header row naming the "
                                + schema.what() + " columns (" + String.join(",", schema.requiredInOrder())
                                + ", ...). A file with only the header row means no " + schema.what() + "s");
                    }
                    return false;
                }
                if (isBlank(r)) {
                    lineBefore = records.linesConsumed();
                    continue;
                }
                header = r;
                headerLine = lineBefore + 1;
                lineBefore = records.linesConsumed();
            }
            int[] positions = headerPositions(header, headerLine, file, schema, problems);
            if (positions == null) {
                return false;
            }
            Set<String> present = new LinkedHashSet<>();
            for (int p : positions) {
                if (p >= 0) {
                    present.add(schema.fields().get(p));
                }
            }
            sink.columns(headerLine, present);
            int width = schema.fields().size();
            long offset = 0; // lines of the file before the part being read (after a broken record)
            int resyncs = 0;
            while (true) {
                String[] r = next(records, offset, file, lineBefore, problems, failed, brokenAt,
                        reopen != null && resyncs < MAX_RESYNCS);
                if (r == null) {
                    if (!failed[0]) {
                        return resyncs == 0;
                    }
                    if (reopen == null || resyncs == MAX_RESYNCS) {
                        return false;
                    }
                    if (brokenAt[0] < 0) {
                        return false; // not a broken record: the file cannot be read on
                    }
                    if (resyncs++ == 0) {
                        reader.transferTo(Writer.nullWriter()); // its bad bytes, if any, are reported by it
                    }
                    Reader again = reopen.open();
                    reopened.add(again);
                    offset = brokenAt[0];
                    records = new CsvRecords(afterLines(again, offset));
                    lineBefore = 0;
                    failed[0] = false;
                    continue;
                }
                long line = offset + lineBefore + 1;
                lineBefore = records.linesConsumed();
                if (isBlank(r)) {
                    continue;
                }
                if (r.length != positions.length) {
                    // A row of one field where the header has many, holding another delimiter about as often as the
                    // header has commas: name it.
                    String delimiter = r.length == 1 && positions.length > 2 ? foundDelimiter(r[0]) : null;
                    if (delimiter != null && delimiterCount(r[0]) < (positions.length - 1) / 2) {
                        delimiter = null;
                    }
                    problems.error(file, line, "row", "this row has " + r.length + " field"
                            + (r.length == 1 ? "" : "s") + " but the header has " + positions.length
                            + (delimiter != null ? "; its values are separated by " + delimiter
                                    + ", not by commas as in the header"
                                    : "; check for an unquoted comma, a missing comma or a stray quote"));
                    continue;
                }
                String[] values = new String[width];
                for (int i = 0; i < positions.length; i++) {
                    int p = positions[i];
                    if (p >= 0) {
                        values[p] = r[i];
                    }
                }
                sink.row(new RawRow(line, values));
            }
        } finally {
            for (Reader r : reopened) {
                r.close();
            }
        }
    }

    /**
     * The reader after {@code lines} line ends ({@code \n}, {@code \r\n} or {@code \r}, as the CSV reader counts
     * them), read a buffer at a time; what was read past the last one is pushed back.
     */
    private static Reader afterLines(Reader reader, long lines) throws IOException {
        PushbackReader in = new PushbackReader(reader, BUFFER);
        char[] buffer = new char[BUFFER];
        long left = lines;
        while (left > 0) {
            int n = in.read(buffer, 0, BUFFER);
            if (n < 0) {
                return in;
            }
            for (int i = 0; i < n; i++) {
                char c = buffer[i];
                if (c == '\n' || c == '\r') {
                    if (c == '\r') {
                        if (i + 1 < n) {
                            i += buffer[i + 1] == '\n' ? 1 : 0;
                        } else {
                            int next = in.read();
                            if (next >= 0 && next != '\n') {
                                in.unread(next);
                            }
                        }
                    }
                    if (--left == 0) {
                        in.unread(buffer, i + 1, n - i - 1);
                        return in;
                    }
                }
            }
        }
        return in;
    }

    private static final int BUFFER = 8192;

    /**
     * The next record, or null at the end or when the rest cannot be read (then failed[0] is set, and brokenAt[0]
     * is the line the broken record starts on). {@code offset}: lines of the file before the records' first.
     * {@code readsOn}: whether the caller reads on after a broken record, which the message then says.
     */
    private static String[] next(CsvRecords records, long offset, String file, long lineBefore, Problems problems,
            boolean[] failed, long[] brokenAt, boolean readsOn) throws IOException {
        try {
            return records.next();
        } catch (UncheckedIOException | IllegalStateException e) {
            failed[0] = true;
            String message = e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
            long line = offset + lineBefore + 1;
            Matcher m = START_LINE.matcher(message == null ? "" : message);
            if (m.find()) { // the library's count, from the record where it took over
                line = offset + records.libraryOffset() + Long.parseLong(m.group(1).replaceAll("[^0-9]", ""));
            }
            brokenAt[0] = line;
            String rest = readsOn ? ". The lines after it are read as if that row ended with its line"
                    : ". Nothing after this point was read";
            if (message != null && message.contains("EOF reached before encapsulated token finished")) {
                problems.error(file, line, "quote", "a quoted field starting on this line is never closed: "
                        + "the file ended inside it. Close the quote, and write a quote inside a field as two"
                        + " quotes (\"\")" + rest);
            } else if (message != null && message.toLowerCase(Locale.ROOT)
                    .contains("invalid character between encapsulated token")) {
                problems.error(file, line, "quote", "a quoted field in the row starting on this line is not"
                        + " closed where it should be: text follows its closing quote"
                        + where(message, offset + records.libraryOffset()) + ". Probably a quote is never closed, or"
                        + " a quote inside a field is not doubled (\"\")" + rest);
            } else {
                problems.error(file, line, "row", "the CSV cannot be read past this point: " + message);
                failed[0] = true;
                brokenAt[0] = -1;
            }
            return null;
        }
    }

    private static String where(String message, long offset) {
        Matcher m = AT_LINE.matcher(message);
        return m.find() ? " on line " + (offset + Long.parseLong(m.group(1).replaceAll("[^0-9]", ""))) : "";
    }

    /** An empty line, or one of spaces only (a stray space on a line of its own is not a row of one field). */
    private static boolean isBlank(String[] r) {
        return r.length == 1 && r[0].isBlank();
    }

    /** Maps each column to its schema position (-1 for unknown columns); null when the header is unusable. */
    private static int[] headerPositions(String[] header, long line, String file, RowSchema schema,
            Problems problems) {
        if (header.length == 1) {
            String only = header[0];
            String delimiter = foundDelimiter(only);
            if (delimiter != null) {
                problems.error(file, line, "header", "the columns are separated by " + delimiter
                        + ", not by commas; expected comma-separated values (RFC 4180). Export the file again"
                        + " as CSV with commas");
                return null;
            }
        }
        int[] positions = new int[header.length];
        Set<String> unknown = new LinkedHashSet<>();
        Set<String> seen = new LinkedHashSet<>();
        boolean ok = true;
        for (int i = 0; i < header.length; i++) {
            String name = header[i].trim().toLowerCase(Locale.ROOT);
            positions[i] = schema.indexOf(name);
            if (positions[i] < 0) {
                // unknown columns are ignored, however many share a name (or have none, as a spreadsheet's
                // trailing empty columns)
                unknown.add(name.isEmpty() ? "(column " + (i + 1) + " without a name)" : name);
            } else if (!seen.add(name)) {
                problems.error(file, line, name, "column '" + name + "' appears more than once in the header;"
                        + " each column the bulletin reads must appear once, or it cannot tell which one to use");
                ok = false;
            }
        }
        if (!ok) {
            return null;
        }
        if (!unknown.isEmpty()) {
            String delimiter = unknown.size() == 1 ? foundDelimiter(unknown.iterator().next()) : null;
            if (delimiter != null && header.length <= 2) {
                problems.error(file, line, "header", "the columns are separated by " + delimiter
                        + ", not by commas; expected comma-separated values (RFC 4180)");
                return null;
            }
            problems.warning(file, line, "header", "unknown column" + (unknown.size() > 1 ? "s " : " ")
                    + String.join(", ", unknown) + " will be ignored; known " + schema.what() + " columns are "
                    + String.join(", ", schema.fields()));
        }
        return positions;
    }

    /** Names the delimiter a single-column header (or row) seems to use instead of commas, or null. */
    private static String foundDelimiter(String text) {
        int semicolons = count(text, ';');
        int tabs = count(text, '\t');
        int pipes = count(text, '|');
        int max = Math.max(semicolons, Math.max(tabs, pipes));
        if (max == 0) {
            return null;
        }
        if (max == semicolons) {
            return "semicolons (';')";
        }
        return max == tabs ? "tabs" : "vertical bars ('|')";
    }

    /** How often the most frequent of ';', tab and '|' occurs in the text. */
    private static int delimiterCount(String text) {
        return Math.max(count(text, ';'), Math.max(count(text, '\t'), count(text, '|')));
    }

    private static int count(String s, char c) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == c) {
                n++;
            }
        }
        return n;
    }
}
