package org.cgtbulletin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The progress display with a hand-driven clock: quiet for a second, then stages as they begin. */
class ProgressDisplayTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private long now;

    private String shown() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aRunShorterThanASecondShowsNothing() {
        try (ProgressDisplay p = new ProgressDisplay(err, false, List.of("read", "render", "write"), () -> now,
                false)) {
            p.stage("read");
            now += 400_000_000L;
            p.stage("write");
            now += 500_000_000L;
            p.tick();
        }
        assertEquals("", shown());
    }

    @Test
    void withoutATerminalEachStageIsOneLineAndPartsAtMostOnceASecond() {
        try (ProgressDisplay p = new ProgressDisplay(err, false, List.of("read", "render", "write"), () -> now,
                false)) {
            p.stage("read");
            now += 1_200_000_000L;
            p.tick(); // the timer: past a second, the current stage is shown
            p.tick();
            p.stage("render");
            p.step(1, 4);
            now += 300_000_000L;
            p.step(2, 4); // within a second of the last line: not shown
            now += 1_000_000_000L;
            p.step(3, 4);
            now += 1_000_000_000L;
            p.tick(); // nothing new: no line
        }
        assertEquals("[1/3] read (1.2 s)\n[2/3] render (1.2 s)\n[2/3] render 3/4 (2.5 s)\n", shown());
    }

    @Test
    void onATerminalOneLineIsRedrawnWithABarAndClearedAtTheEnd() {
        try (ProgressDisplay p = new ProgressDisplay(err, true, List.of("read", "render"), () -> now, false)) {
            now += 1_500_000_000L;
            p.stage("render");
            p.step(1, 2);
        }
        String s = shown();
        assertTrue(s.contains("\r[" + "#".repeat(12) + ".".repeat(12) + "] 2/2 render  1.5 s\033[K"), s);
        assertTrue(s.contains("\r[" + "#".repeat(18) + ".".repeat(6) + "] 2/2 render 1/2  1.5 s\033[K"), s);
        assertTrue(s.endsWith("\r\033[K"), "the line is cleared for the summary");
        assertTrue(!s.contains("\n"), "nothing scrolls");
    }
}
