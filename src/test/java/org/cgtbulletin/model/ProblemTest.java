package org.cgtbulletin.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Every problem prints as one FILE:LINE: field: message line, whatever a parser's message looked like. */
class ProblemTest {

    @Test
    void aParsersMultiLineMessageBecomesOneLine() {
        String snake = "while scanning a quoted scalar\n in 'reader', line 2, column 10:\n      label: \"Sterility\n"
                + "             ^\nfound unexpected end of stream\n in 'reader', line 4, column 1:\n    \n    ^\n";
        Problem p = Problem.error("t.yaml", 2, "taxonomy", "cannot be read: " + snake);
        assertEquals("t.yaml:2: taxonomy: cannot be read: while scanning a quoted scalar; found unexpected end of"
                + " stream", p.format());
    }

    @Test
    void aOneLineMessageIsKeptAsItIs() {
        assertEquals("r.csv:3: outcome: unknown  code", Problem.error("r.csv", 3, "outcome", "unknown  code")
                .format());
    }
}
