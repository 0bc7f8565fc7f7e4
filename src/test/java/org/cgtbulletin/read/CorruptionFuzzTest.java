package org.cgtbulletin.read;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import java.util.stream.LongStream;

import org.cgtbulletin.cli.CliRun;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded byte-level corruption of a valid file: validation never crashes; it exits 0, or 1 with every problem
 * located as FILE:LINE: field: message.
 */
class CorruptionFuzzTest {

    private static final byte[][] CSV_AND_JSON = new byte[3][];
    private static final String[] NAMES = {"r.csv", "r.json", "r.jsonl"};
    private static final byte[] NASTY = {'"', ',', '\n', '\r', ';', '{', '}', '[', ']', ':', (byte) 0xFF,
            (byte) 0xC3, (byte) 0x80, (byte) 0xE2, 0, '\t', ' ', 'x', '9', '-'};

    static {
        try {
            var rows = TestRows.rows(25, 99);
            CSV_AND_JSON[0] = TestRows.csv(rows).getBytes(StandardCharsets.UTF_8);
            CSV_AND_JSON[1] = TestRows.json(rows).getBytes(StandardCharsets.UTF_8);
            CSV_AND_JSON[2] = TestRows.jsonLines(rows).getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @TempDir
    static Path dir;

    static LongStream seeds() {
        return LongStream.range(0, 3000);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void corruptedInputIsRejectedCleanlyOrAccepted(long seed) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        int format = (int) (seed % 3);
        byte[] data = mutate(CSV_AND_JSON[format], r);
        Path f = dir.resolve(seed + "-" + NAMES[format]);
        Files.write(f, data);
        CliRun run = CliRun.of("validate", "--reports", f.toString());
        assertTrue(run.status() == 0 || run.status() == 1, () -> "status " + run.status() + ": " + run.err());
        assertTrue(!run.err().contains("Exception") && !run.err().contains("\tat "), run::err);
        if (run.status() == 1) {
            // every line a located problem: of the corrupted file, or (a warning) of the sample's volumes, which
            // may not cover the quarters the corruption made
            Pattern located = Pattern.compile("(" + Pattern.quote(f.toString()) + ":\\d+: [a-z_]+: .+|"
                    + Pattern.quote(Path.of("content", "data", "volumes.csv").toString())
                    + ":\\d+: [a-z_]+: warning: .+)");
            run.err().lines()
                    .filter(l -> !l.startsWith("... and ") && !l.matches("\\d+ errors?, \\d+ warnings?\\.")
                            && !l.startsWith("The inputs have problems"))
                    .forEach(l -> assertTrue(located.matcher(l).matches(), () -> "not located: " + l));
        }
    }

    private static byte[] mutate(byte[] original, SplittableRandom r) {
        byte[] data = original.clone();
        int edits = 1 + r.nextInt(4);
        for (int e = 0; e < edits; e++) {
            int at = r.nextInt(data.length);
            byte b = NASTY[r.nextInt(NASTY.length)];
            switch (r.nextInt(4)) {
                case 0 -> data[at] = b;
                case 1 -> data[at] = (byte) r.nextInt(256);
                case 2 -> { // delete a byte
                    byte[] d = new byte[data.length - 1];
                    System.arraycopy(data, 0, d, 0, at);
                    System.arraycopy(data, at + 1, d, at, data.length - at - 1);
                    data = d.length == 0 ? data : d;
                }
                default -> { // insert a byte
                    byte[] d = new byte[data.length + 1];
                    System.arraycopy(data, 0, d, 0, at);
                    d[at] = b;
                    System.arraycopy(data, at, d, at + 1, data.length - at);
                    data = d;
                }
            }
        }
        if (r.nextInt(50) == 0) {
            data = java.util.Arrays.copyOf(data, r.nextInt(data.length));
        }
        return data;
    }
}
