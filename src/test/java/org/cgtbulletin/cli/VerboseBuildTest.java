package org.cgtbulletin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.regex.Pattern;

import org.cgtbulletin.Bulletin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerboseBuildTest {

    private static final Path GOLDEN = Path.of("src/test/resources/golden/input");

    /** Where the time goes: every stage, in order, with its wall time and the process's CPU time meanwhile. */
    @Test
    void verboseListsEveryStageWithItsWallAndCpuTime(@TempDir Path dir) {
        CliRun run = CliRun.of("build", "--verbose", "--content", GOLDEN.toString(), "--reports",
                GOLDEN.resolve("data/reports.csv").toString(), "--output", dir.resolve("site").toString(),
                "--audit", dir.resolve("audit").toString());
        assertEquals(0, run.status(), run.err());
        // Last, the JVM the work ran in (its collector and heap limit matter to anyone comparing timings).
        assertTrue(run.out().lines().anyMatch(l -> l.matches("JVM: .+ \\S+ garbage collector, heap limit \\d+ MB, as"
                + " started, JVM options: .+")), run.out());
        java.util.List<String> lines = run.out().lines().filter(l -> l.startsWith("  ")).toList();
        assertEquals(Bulletin.STAGES.size(), lines.size(), run.out());
        for (int i = 0; i < lines.size(); i++) {
            String stage = Bulletin.STAGES.get(i);
            assertTrue(lines.get(i).matches("  " + Pattern.quote(stage) + " +\\d+ ms  \\(CPU +\\d+ ms\\)"),
                    lines.get(i));
        }
    }
}
