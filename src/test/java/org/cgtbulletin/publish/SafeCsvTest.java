package org.cgtbulletin.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.StringWriter;
import java.util.List;

import org.junit.jupiter.api.Test;

/** No published CSV field can be run as a spreadsheet formula. */
class SafeCsvTest {

    @Test
    void formulaPrefixesAreNeutralized() {
        for (String hostile : List.of("=SUM(A1:A9)", "+1", "-2+3", "@cmd", "\tx", "\r=1")) {
            assertEquals("'" + hostile, SafeCsv.neutralize(hostile));
        }
        assertEquals("*", SafeCsv.neutralize("*"));
        assertEquals("2026-Q3", SafeCsv.neutralize("2026-Q3"));
        assertEquals("", SafeCsv.neutralize(null));
    }

    @Test
    void rowsAreQuotedAndNeutralized() throws IOException {
        StringWriter w = new StringWriter();
        try (SafeCsv csv = new SafeCsv(w, List.of("a", "b"))) {
            csv.row(List.of("=HYPERLINK(\"http://x\")", "plain, with comma"));
        }
        assertEquals("a,b\n\"'=HYPERLINK(\"\"http://x\"\")\",\"plain, with comma\"\n", w.toString());
    }
}
