package org.cgtbulletin.read;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The records of an RFC 4180 file, as Commons CSV parses them with {@link #FORMAT}, each with the physical lines it
 * ends on. A record whose fields are all plain (no quote) or quoted as RFC 4180 writes them (a field that starts
 * with a quote, doubles every quote inside and ends with a quote right before a comma or the end of the line or
 * file) is split here, from a buffer of characters: that is the whole of a well-formed file. Anything else (a
 * quote inside a plain field, text or spaces after a closing quote, a quote never closed, a record of more than a
 * million characters) is handed to Commons CSV from that record to the end of the file, so that its records, its
 * error messages and the point where it stops reading are the library's own. The records split here are the ones
 * the library gives too (CsvRecordsTest compares the two on seeded random files, read in chunks of random sizes).
 *
 * <p>Why split here at all: Commons CSV reads one character at a time through two buffered readers and a
 * StringBuilder, and was most of the reading of a million reports (about 1.5 s of a core of the 2.1 s spent on
 * the read-ahead thread, which the validation then waited for); splitting at commas is a loop over a char array.
 */
final class CsvRecords {

    /** The format both ways read: RFC 4180, empty lines kept (as records of one empty field), no trimming. */
    static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setIgnoreEmptyLines(false)
            .setIgnoreSurroundingSpaces(false)
            .build();

    /** The longest record split here, in characters; a longer one (or a quote never closed) goes to the library. */
    static final int MAX_SPLIT = 1 << 20;

    private static final int CHUNK = 1 << 16;
    /** {@link #scan}'s answer when the buffer ends before the record does: read more and scan again. */
    private static final int MORE = -1;
    /** {@link #scan}'s answer for a record the library must read. */
    private static final int IRREGULAR = -2;

    private final Reader in;
    private char[] buf = new char[2 * CHUNK];
    private int pos;
    private int limit;
    private boolean eof;
    /** Physical lines ended so far by the records returned (line ends inside quoted fields included). */
    private long lines;
    /** The lines the current scan ended, added to {@link #lines} once its record is returned. */
    private int scanLines;
    private final List<String> fields = new ArrayList<>();
    /** Recent short values, by a hash of their characters ({@link #text}). */
    private final String[] recent = new String[1 << 12];
    /**
     * The characters of each of {@link #recent}, compared with a field's as arrays: through {@code String.charAt},
     * which checks its index on every call, the comparison was the largest item in the reading thread's profile (a
     * million reports, 6 Dec 2026; {@code validate} 0.04 s faster without it).
     */
    private final char[][] recentChars = new char[recent.length][];
    private final StringBuilder unquoted = new StringBuilder();

    private CSVParser library;
    private Iterator<CSVRecord> libraryRecords;
    /** The lines before the record the library started on. */
    private long libraryOffset;

    CsvRecords(Reader in) {
        this.in = in;
    }

    /**
     * The next record's fields, or null at the end of the file. Once the library reads, what it throws is thrown as
     * it threw it (an {@link UncheckedIOException} whose cause is the library's {@code CSVException}); the line
     * numbers in its message count from {@link #libraryOffset()}.
     */
    String[] next() throws IOException {
        if (libraryRecords != null) {
            return libraryRecords.hasNext() ? libraryRecords.next().values() : null;
        }
        while (true) {
            if (pos == limit && !fill()) {
                return null; // the end of the file at the start of a record: no record (as the library)
            }
            int end = scan(pos);
            if (end >= 0) {
                pos = end;
                lines += scanLines;
                return fields.toArray(new String[0]);
            }
            if (end == IRREGULAR || !fill()) {
                // (fill() false: the file ended, and scan() has already seen that; it cannot happen, but the
                // library is the safe answer)
                return handOver();
            }
        }
    }

    /**
     * The physical lines ended by the records returned so far, as {@code CSVParser.getCurrentLineNumber()} counts
     * them: the next record starts on the line after.
     */
    long linesConsumed() {
        return library != null ? libraryOffset + library.getCurrentLineNumber() : lines;
    }

    /** The lines before the record from which the library reads (0 while it does not). */
    long libraryOffset() {
        return libraryOffset;
    }

    /** Whether the library reads the rest (a record was not one split here). */
    boolean handedOver() {
        return library != null;
    }

    /**
     * Splits the record starting at {@code p} into {@link #fields}; returns the position after it (after its line
     * end), {@link #MORE} when the buffer ends first and the file does not, or {@link #IRREGULAR}.
     */
    private int scan(int p) {
        fields.clear();
        scanLines = 0;
        char[] b = buf;
        int lim = limit;
        if (lim - p > MAX_SPLIT) {
            lim = p + MAX_SPLIT; // a record reaching this far is the library's
        }
        boolean last = eof && lim == limit; // the buffer's end is the file's end
        // Reaching lim when the file goes on: read more, unless lim is the cap on a record's length.
        int cut = lim == limit ? MORE : IRREGULAR;
        while (true) { // at the start of a field
            if (p == lim) {
                if (!last) {
                    return cut;
                }
                fields.add(""); // the file ends right after a comma: one more empty field
                scanLines++; // a record that ends with the file still counts a line (as the library's reader)
                return p;
            }
            if (b[p] == '"') {
                int start = p + 1;
                int q = start;
                boolean doubled = false;
                while (true) {
                    while (q < lim && b[q] != '"') {
                        char c = b[q];
                        if (c == '\r' || (c == '\n' && (q == start || b[q - 1] != '\r'))) {
                            scanLines++;
                        }
                        q++;
                    }
                    if (q == lim) {
                        return last ? IRREGULAR : cut; // never closed here
                    }
                    if (q + 1 == lim && !last) {
                        return cut; // a doubled quote, or the closing one?
                    }
                    if (q + 1 < lim && b[q + 1] == '"') {
                        doubled = true;
                        q += 2;
                        continue;
                    }
                    break; // b[q] closes the field
                }
                fields.add(doubled ? undouble(b, start, q) : text(b, start, q));
                p = q + 1;
            } else {
                int s = p;
                while (p < lim) {
                    char c = b[p];
                    if (c == ',' || c == '\r' || c == '\n') {
                        break;
                    }
                    if (c == '"') {
                        return IRREGULAR; // a quote inside a plain field: the library's to read
                    }
                    p++;
                }
                if (p == lim && !last) {
                    return cut;
                }
                fields.add(text(b, s, p));
            }
            // after a field: a comma, a line end, or the end of the file
            if (p == lim) {
                scanLines++; // as above
                return p;
            }
            char c = b[p];
            if (c == ',') {
                p++;
                continue;
            }
            if (c == '\n') {
                scanLines++;
                return p + 1;
            }
            if (c == '\r') {
                if (p + 1 < lim) {
                    scanLines++;
                    return b[p + 1] == '\n' ? p + 2 : p + 1;
                }
                if (!last) {
                    return cut; // is a line feed next?
                }
                scanLines++;
                return p + 1;
            }
            return IRREGULAR; // text after a closing quote
        }
    }

    /**
     * The characters {@code from} to {@code to} as a string: for a short value, the same instance as the last time
     * these characters came, if they were the last of their hash. Most fields of a reports file are codes, dates and
     * flags that repeat from row to row: sharing one string each spares the collector a dozen new strings per row
     * and the validation's look-ups the hashing of each (a string keeps its hash code).
     */
    private String text(char[] b, int from, int to) {
        int length = to - from;
        if (length > 32) {
            return new String(b, from, length);
        }
        int h = length;
        for (int i = from; i < to; i++) {
            h = 31 * h + b[i];
        }
        int slot = (h ^ (h >>> 12)) & (recent.length - 1);
        char[] seen = recentChars[slot];
        if (seen != null && seen.length == length) {
            int i = 0;
            while (i < length && seen[i] == b[from + i]) {
                i++;
            }
            if (i == length) {
                return recent[slot];
            }
        }
        String r = new String(b, from, length);
        recent[slot] = r;
        recentChars[slot] = Arrays.copyOfRange(b, from, to);
        return r;
    }

    private String undouble(char[] b, int from, int to) {
        unquoted.setLength(0);
        for (int i = from; i < to; i++) {
            unquoted.append(b[i]);
            if (b[i] == '"') {
                i++; // the second of a doubled quote
            }
        }
        return unquoted.toString();
    }

    /** Reads more of the file behind what is left unread; false at the end of the file. */
    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        int left = limit - pos;
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, left);
            pos = 0;
            limit = left;
        }
        if (buf.length - limit < CHUNK) {
            buf = Arrays.copyOf(buf, Math.max(2 * buf.length, limit + CHUNK));
        }
        int n = in.read(buf, limit, buf.length - limit);
        if (n < 0) {
            eof = true;
            return left > 0; // what is left is still to be read
        }
        limit += n;
        return true;
    }

    /** From the record at {@link #pos} on, the library reads: what is buffered, then the rest of the file. */
    private String[] handOver() throws IOException {
        libraryOffset = lines;
        char[] rest = buf;
        int from = pos;
        int to = limit;
        Reader remaining = new Reader() {
            private int at = from;

            @Override
            public int read(char[] cbuf, int off, int len) throws IOException {
                if (at < to) {
                    int n = Math.min(len, to - at);
                    System.arraycopy(rest, at, cbuf, off, n);
                    at += n;
                    return n;
                }
                return in.read(cbuf, off, len);
            }

            @Override
            public void close() throws IOException {
                in.close();
            }
        };
        library = FORMAT.parse(remaining);
        libraryRecords = library.iterator();
        return next();
    }
}
