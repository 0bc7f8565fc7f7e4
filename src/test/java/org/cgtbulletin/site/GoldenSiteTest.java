package org.cgtbulletin.site;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.cgtbulletin.cli.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Golden files: the small input folder {@code src/test/resources/golden/input} must render exactly the pages in
 * {@code golden/expected}. When a change to the site is intended, regenerate them on purpose with
 * {@code mvn -q test -Dtest=GoldenSiteTest -Dgolden.update=true} and review the diff before committing.
 */
class GoldenSiteTest {

    static final Path INPUT = Path.of("src/test/resources/golden/input");
    static final Path EXPECTED = Path.of("src/test/resources/golden/expected");
    static final List<String> FILES = List.of("index.html", "bulletins/index.html", "bulletins/2026-q2/index.html",
            "steps/expansion/index.html", "steps/expansion/trend.csv", "modes/mycoplasma_positive/index.html",
            "products/aav_vector/index.html", "matrix/index.html", "lessons/index.html",
            "lessons/sampling-ports/index.html", "about/index.html", "methodology/index.html", "data/index.html",
            "search/index.html", "404.html", "feed.xml", "sitemap.xml", "data/cells.csv", "assets/search-index.js");

    @TempDir
    Path dir;

    @Test
    void theGoldenInputRendersTheExpectedPages() throws IOException {
        Path site = dir.resolve("site");
        CliRun run = CliRun.of("build", "--content", INPUT.toString(), "--reports",
                INPUT.resolve("data/reports.csv").toString(), "--output", site.toString(),
                "--audit", dir.resolve("audit").toString());
        assertEquals(0, run.status(), run.err());
        boolean update = Boolean.getBoolean("golden.update");
        for (String f : FILES) {
            String actual = Files.readString(site.resolve(f));
            Path expected = EXPECTED.resolve(f);
            if (update) {
                Files.createDirectories(expected.getParent());
                Files.writeString(expected, actual);
            }
            assertEquals(Files.readString(expected), actual, f + " differs from its golden file; if the change is"
                    + " intended, regenerate with -Dgolden.update=true and review the diff");
        }
    }
}
