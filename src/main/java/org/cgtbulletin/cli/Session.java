package org.cgtbulletin.cli;

import java.io.PrintStream;
import java.time.Clock;

/** What a command may use of the outside world: its output streams and the clock (only to check dates). */
record Session(PrintStream out, PrintStream err, Clock clock) {
}
