package org.cgtbulletin.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;

import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The records {@link CsvRecords} gives are those Commons CSV gives for the same text, with the same line numbers,
 * and where the library stops with an error, it stops at the same place with the same error: on seeded random
 * files (well-formed ones, and ones with every kind of damage), read in chunks of random sizes.
 */
class CsvRecordsTest {

    private static final Pattern LINE_NUMBER = Pattern.compile("(startline |at line: )([0-9,.\u00a0\u202f]+)");

    /** What a reader of the file sees: each record with the line it starts on, then the error that stopped it. */
    private record Reading(List<String> records, String error) {
    }

    static LongStream seeds() {
        return LongStream.range(0, 400);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void wellFormedFilesAreSplitHereAsTheLibraryParsesThem(long seed) throws IOException {
        Random random = new Random(seed);
        String text = wellFormed(random);
        CsvRecords[] records = new CsvRecords[1];
        assertEquals(library(text), split(text, random, records), text);
        assertFalse(records[0].handedOver(), "a well-formed file is split here throughout");
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void damagedFilesGiveTheLibrarysRecordsAndErrors(long seed) throws IOException {
        Random random = new Random(seed);
        String text = damaged(wellFormed(random), random);
        assertEquals(library(text), split(text, random, new CsvRecords[1]), text);
    }

    @Test
    void aRecordLongerThanTheSplitLimitIsTheLibrarys() throws IOException {
        String text = "a,b\n1,\"" + "x\"\"y,\n".repeat(CsvRecords.MAX_SPLIT / 6 + 10) + "\"\n2,z\n";
        CsvRecords[] records = new CsvRecords[1];
        Reading split = split(text, new Random(1), records);
        assertEquals(library(text), split);
        assertEquals(3, split.records().size());
        assertTrue(records[0].handedOver());
    }

    @Test
    void textAfterAClosingQuoteIsReportedOnItsLineOfTheFile() throws IOException {
        String text = "a,b\r\n1,2\r\n3,\"q\r\nr\"\r\n\"x\"y,4\r\n5,6\r\n";
        Reading split = split(text, new Random(2), new CsvRecords[1]);
        assertEquals(library(text), split);
        assertTrue(split.error().contains("at line: 5"), split.error());
    }

    @Test
    void aShortValueThatRepeatsIsOneStringAndOtherValuesAreTheirOwn() throws IOException {
        String longText = "x".repeat(40);
        CsvRecords records = new CsvRecords(new StringReader(("a,expansion,\"" + longText + "\"\n").repeat(3)));
        String[] first = records.next();
        String[] second = records.next();
        assertTrue(first[1] == second[1] && first[0] == second[0], "a repeated code is not shared");
        assertTrue(first[2] != second[2], "a long text is shared");
        assertEquals(List.of("a", "expansion", longText), List.of(second));
    }

    /** Commons CSV alone, as CsvRows read before CsvRecords. */
    private static Reading library(String text) throws IOException {
        List<String> out = new ArrayList<>();
        try (CSVParser parser = CsvRecords.FORMAT.parse(new StringReader(text))) {
            Iterator<CSVRecord> it = parser.iterator();
            long before = 0;
            while (true) {
                CSVRecord r;
                try {
                    if (!it.hasNext()) {
                        return new Reading(out, null);
                    }
                    r = it.next();
                } catch (UncheckedIOException | IllegalStateException e) {
                    return new Reading(out, error(e, 0));
                }
                out.add((before + 1) + " " + Arrays.toString(r.values()));
                before = parser.getCurrentLineNumber();
            }
        }
    }

    private static Reading split(String text, Random random, CsvRecords[] made) throws IOException {
        List<String> out = new ArrayList<>();
        CsvRecords records = new CsvRecords(new Chunks(text, random));
        made[0] = records;
        long before = 0;
        while (true) {
            String[] r;
            try {
                r = records.next();
            } catch (UncheckedIOException | IllegalStateException e) {
                return new Reading(out, error(e, records.libraryOffset()));
            }
            if (r == null) {
                return new Reading(out, null);
            }
            out.add((before + 1) + " " + Arrays.toString(r));
            before = records.linesConsumed();
        }
    }

    /** The error's message, its line numbers counted from the start of the file, its character position left out. */
    private static String error(RuntimeException e, long offset) {
        String message = e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
        Matcher m = LINE_NUMBER.matcher(message.replaceAll(", position: [0-9,.\u00a0\u202f]+", ""));
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, m.group(1) + (offset + Long.parseLong(m.group(2).replaceAll("[^0-9]", ""))));
        }
        m.appendTail(out);
        return e.getClass().getSimpleName() + ": " + out;
    }

    private static String wellFormed(Random random) {
        StringBuilder b = new StringBuilder();
        int records = random.nextInt(60);
        int width = 1 + random.nextInt(5);
        String[] ends = {"\n", "\r\n", "\r"};
        for (int r = 0; r < records; r++) {
            int fields = random.nextInt(8) == 0 ? 1 + random.nextInt(6) : width;
            if (random.nextInt(15) == 0) {
                fields = 0; // an empty line
            }
            for (int f = 0; f < fields; f++) {
                if (f > 0) {
                    b.append(',');
                }
                String value = value(random);
                if (random.nextInt(3) == 0 || value.indexOf('"') >= 0 || value.indexOf(',') >= 0
                        || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                    b.append('"').append(value.replace("\"", "\"\"")).append('"');
                } else {
                    b.append(value);
                }
            }
            if (r < records - 1 || random.nextBoolean()) {
                b.append(ends[random.nextInt(ends.length)]);
            }
        }
        return b.toString();
    }

    private static String value(Random random) {
        String alphabet = "abc ,\"\r\n\u00e9\u20ac\t;";
        int length = random.nextInt(4) == 0 ? random.nextInt(3000) : random.nextInt(12);
        StringBuilder v = new StringBuilder();
        for (int i = 0; i < length; i++) {
            v.append(random.nextInt(4) == 0 ? alphabet.charAt(random.nextInt(alphabet.length())) : 'x');
        }
        return v.toString();
    }

    /** The text with a few characters inserted, deleted or replaced, mostly quotes, commas and line ends. */
    private static String damaged(String text, Random random) {
        StringBuilder b = new StringBuilder(text);
        String damage = "\"\",\r\n ax";
        int changes = 1 + random.nextInt(4);
        for (int i = 0; i < changes; i++) {
            int at = b.length() == 0 ? 0 : random.nextInt(b.length() + 1);
            char c = damage.charAt(random.nextInt(damage.length()));
            switch (random.nextInt(3)) {
                case 0 -> b.insert(at, c);
                case 1 -> {
                    if (at < b.length()) {
                        b.deleteCharAt(at);
                    }
                }
                default -> {
                    if (at < b.length()) {
                        b.setCharAt(at, c);
                    }
                }
            }
        }
        return b.toString();
    }

    /** Gives the text in pieces of random sizes, as a decoding reader fills whatever room it is given. */
    private static final class Chunks extends Reader {
        private final String text;
        private final Random random;
        private int at;

        Chunks(String text, Random random) {
            this.text = text;
            this.random = random;
        }

        @Override
        public int read(char[] cbuf, int off, int len) {
            if (at == text.length()) {
                return -1;
            }
            int n = Math.min(Math.min(len, text.length() - at), 1 + random.nextInt(random.nextBoolean() ? 7 : 70_000));
            text.getChars(at, at + n, cbuf, off);
            at += n;
            return n;
        }

        @Override
        public void close() {
        }
    }
}
