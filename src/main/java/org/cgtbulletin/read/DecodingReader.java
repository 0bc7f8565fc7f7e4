package org.cgtbulletin.read;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.cgtbulletin.model.Problems;

/**
 * Decodes UTF-8 strictly, as a {@link Reader}: a leading byte-order mark is dropped, and every invalid byte
 * sequence is reported with its line and column (then read as U+FFFD so that reading, and reporting, goes on).
 * Counts physical lines itself, so the location does not depend on the parser reading ahead.
 */
final class DecodingReader extends Reader {

    private static final int MAX_REPORTED = 200;

    private final InputStream in;
    private final String file;
    private final Problems problems;
    private CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteBuffer bytes = ByteBuffer.allocate(1 << 16);
    private boolean endOfInput;
    private boolean flushed;
    private boolean atStart = true;
    private boolean bomChecked;
    private long line = 1;
    private long column = 1;
    private long reported;
    /** The line of the first invalid sequence not listed. */
    private long firstUnlisted;
    private long bytesRead;

    DecodingReader(InputStream in, String file, Problems problems) {
        this.in = in;
        this.file = file;
        this.problems = problems;
        bytes.flip();
    }

    /** Bytes consumed from the underlying stream so far. */
    long bytesRead() {
        return bytesRead;
    }

    @Override
    public int read(char[] cbuf, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        CharBuffer out = CharBuffer.wrap(cbuf, off, len);
        while (out.position() == off) {
            if (flushed) {
                return -1;
            }
            if (!endOfInput && bytes.remaining() < 4) {
                fill();
                if (!bomChecked && (bytes.remaining() >= 2 || endOfInput)) {
                    bomChecked = true;
                    utf16();
                }
            }
            CoderResult result = decoder.decode(bytes, out, endOfInput);
            if (result.isError()) {
                if (!out.hasRemaining()) {
                    break; // no room for the replacement: the bad bytes are reported by the next read
                }
                malformed(result.length(), cbuf, off, out.position());
                bytes.position(bytes.position() + result.length());
                out.put('\uFFFD');
                if (out.remaining() == 0) {
                    break;
                }
                continue;
            }
            if (result.isUnderflow() && endOfInput && !bytes.hasRemaining()) {
                decoder.flush(out);
                flushed = true; // the decoder is done: the next read ends the text
                if (out.position() == off) {
                    return -1;
                }
                break;
            }
            if (result.isOverflow()) {
                break;
            }
        }
        int start = off;
        if (atStart && out.position() > off) {
            atStart = false;
            if (cbuf[off] == '\uFEFF') {
                start = off + 1;
                if (out.position() == start) {
                    return read(cbuf, off, len);
                }
                System.arraycopy(cbuf, start, cbuf, off, out.position() - start);
                out.position(out.position() - 1);
            }
        }
        int n = out.position() - off;
        track(cbuf, off, off + n);
        return n;
    }

    /**
     * A file in UTF-16 (as spreadsheets save "Unicode text"), known by its byte-order mark or by the zero byte beside
     * each ASCII character it starts with, is an error, said once; it is read as UTF-16 all the same, so that its
     * other problems are the real ones, not every other byte.
     */
    private void utf16() {
        if (bytes.remaining() < 2) {
            return;
        }
        int a = bytes.get(bytes.position()) & 0xFF;
        int b = bytes.get(bytes.position() + 1) & 0xFF;
        java.nio.charset.Charset utf16 = null;
        String why = null;
        if ((a == 0xFF && b == 0xFE) || (a == 0xFE && b == 0xFF)) {
            utf16 = StandardCharsets.UTF_16;
            why = String.format(Locale.ROOT, "it starts with the bytes 0x%02X 0x%02X", a, b);
        } else {
            // Without the mark: the text's first characters are ASCII with a zero byte after (or before) each.
            int n = Math.min(bytes.remaining(), 64) & ~1;
            int zeroEven = 0;
            int zeroOdd = 0;
            for (int i = 0; i < n; i++) {
                if (bytes.get(bytes.position() + i) == 0) {
                    zeroEven += i % 2 == 0 ? 1 : 0;
                    zeroOdd += i % 2 == 1 ? 1 : 0;
                }
            }
            if (n >= 8 && (zeroOdd == n / 2 && zeroEven == 0 || zeroEven == n / 2 && zeroOdd == 0)) {
                utf16 = zeroOdd > 0 ? StandardCharsets.UTF_16LE : StandardCharsets.UTF_16BE;
                why = "every other byte of its first characters is zero";
            }
        }
        if (utf16 != null) {
            problems.error(file, 1, "encoding", "the file is UTF-16 (" + why + "), not UTF-8; save it again as"
                    + " UTF-8 (in a spreadsheet: CSV UTF-8)");
            decoder = utf16.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE);
        }
    }

    private void fill() throws IOException {
        bytes.compact();
        int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
        if (n < 0) {
            endOfInput = true;
        } else {
            bytes.position(bytes.position() + n);
            bytesRead += n;
        }
        bytes.flip();
    }

    private void track(char[] cbuf, int from, int to) {
        int lastNewline = -1;
        for (int i = from; i < to; i++) {
            if (cbuf[i] == '\n') {
                line++;
                lastNewline = i;
            }
        }
        // the column after the last line feed: 1, plus one for each character since
        column = lastNewline < 0 ? column + (to - from) : to - lastNewline;
    }

    private void malformed(int length, char[] cbuf, int off, int upTo) {
        // Locate the bad bytes: lines before this chunk, plus newlines already decoded in it.
        long l = line;
        long c = column;
        for (int i = off; i < upTo; i++) {
            if (cbuf[i] == '\n') {
                l++;
                c = 1;
            } else {
                c++;
            }
        }
        reported++;
        if (reported > MAX_REPORTED) {
            if (reported == MAX_REPORTED + 1) {
                firstUnlisted = l;
            }
            return;
        }
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < length && bytes.position() + i < bytes.limit(); i++) {
            if (i > 0) {
                hex.append(' ');
            }
            hex.append(String.format(Locale.ROOT, "0x%02X", bytes.get(bytes.position() + i) & 0xFF));
        }
        String message = "invalid UTF-8 at column " + c + ": byte" + (length > 1 ? "s " : " ") + hex + " "
                + why(length) + "; expected the file to be saved as UTF-8 (it may be Latin-1 or Windows-1252)";
        problems.error(file, l, "encoding", message);
    }

    /** What is wrong with the {@code length} bad bytes at the buffer's position, in words. */
    private String why(int length) {
        int first = bytes.get(bytes.position()) & 0xFF;
        int at = bytes.position() + length;
        String next = at < bytes.limit() ? String.format(Locale.ROOT, "0x%02X", bytes.get(at) & 0xFF) : null;
        if (first >= 0x80 && first <= 0xBF) {
            return "continue" + (length > 1 ? "" : "s") + " a UTF-8 character that was never started";
        }
        if (first == 0xC0 || first == 0xC1 || first >= 0xF5) {
            return length > 1 ? "start with a byte that never appears in UTF-8" : "never appears in UTF-8";
        }
        if (first == 0xED && length > 1 && (bytes.get(bytes.position() + 1) & 0xE0) == 0xA0) {
            return "encode half of a UTF-16 surrogate pair, which UTF-8 does not allow";
        }
        return (length > 1 ? "start" : "starts") + " a UTF-8 character that " + (next == null
                ? "the file ends before completing" : "the next byte (" + next + ") does not continue");
    }

    /** Adds one line saying how many encoding errors were found beyond those listed. */
    void reportUnlisted() {
        if (reported > MAX_REPORTED) {
            problems.error(file, firstUnlisted, "encoding", (reported - MAX_REPORTED)
                    + " more invalid UTF-8 sequences in this file, from this line on, are not listed (" + reported
                    + " in all); is it UTF-8 at all?");
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
