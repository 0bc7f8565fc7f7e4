package org.cgtbulletin.cli;

import java.io.PrintStream;
import java.time.Clock;

/**
 * What a command may use of the outside world: its output streams, the clock (only to check dates), and whether
 * standard error is a terminal (progress is then redrawn in place).
 */
record Session(PrintStream out, PrintStream err, Clock clock, boolean terminal) {
}
