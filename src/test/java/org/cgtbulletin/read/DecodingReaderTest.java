package org.cgtbulletin.read;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;

import org.cgtbulletin.model.Problem;
import org.cgtbulletin.model.Problems;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** An invalid byte is reported at its line and column, however the text is read in pieces. */
class DecodingReaderTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 7, 64, 4096, 1 << 17})
    void anInvalidByteIsLocatedByLineAndColumnWhateverTheReadSize(int readSize) throws IOException {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        StringBuilder expected = new StringBuilder();
        List<int[]> bad = List.of(new int[] {3, 5}, new int[] {3, 9}, new int[] {1200, 1}, new int[] {2500, 40});
        for (int line = 1; line <= 3000; line++) {
            int column = 1;
            for (int k = 0; k < 3 + line % 50; k++) {
                for (int[] b : bad) {
                    if (b[0] == line && b[1] == column) {
                        file.write(0xE9); // Latin-1 e acute: not UTF-8
                        expected.append(line).append(':').append(column).append(' ');
                        column++;
                    }
                }
                file.write(k % 7 == 0 ? ',' : 'a' + k % 26);
                column++;
            }
            file.write('\n');
        }
        Problems problems = new Problems();
        try (DecodingReader reader = new DecodingReader(new ByteArrayInputStream(file.toByteArray()), "f.csv",
                problems)) {
            char[] buffer = new char[readSize];
            while (reader.read(buffer, 0, readSize) >= 0) {
                // read to the end
            }
        }
        StringBuilder found = new StringBuilder();
        for (Problem p : problems.kept()) {
            String m = p.message();
            String column = m.substring("invalid UTF-8 at column ".length(), m.indexOf(':'));
            found.append(p.line()).append(':').append(column).append(' ');
        }
        assertEquals(expected.toString(), found.toString());
    }
}
