package org.cgtbulletin.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.cgtbulletin.cli.CliRun;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The site in a real browser (headless Chromium): the offline search finds pages when the site is opened from
 * disk, hostile search text stays text, and every other page works without JavaScript. CI installs Chromium and sets
 * BULLETIN_REQUIRE_BROWSER=1, so there these tests can never be skipped; elsewhere they run when Chromium is
 * installed.
 */
class BrowserTest {

    @TempDir
    static Path dir;
    static Path site;
    static String chromium;

    @BeforeAll
    static void build() {
        chromium = find();
        boolean required = "1".equals(System.getenv("BULLETIN_REQUIRE_BROWSER"));
        if (required && chromium == null) {
            throw new IllegalStateException("BULLETIN_REQUIRE_BROWSER=1 but no chromium on PATH");
        }
        assumeTrue(chromium != null, "Chromium is not installed (apt-get install chromium)");
        site = dir.resolve("site");
        CliRun run = CliRun.of("build", "--content", GoldenSiteTest.INPUT.toString(), "--reports",
                GoldenSiteTest.INPUT.resolve("data/reports.csv").toString(), "--output", site.toString(),
                "--audit", dir.resolve("audit").toString());
        assertEquals(0, run.status(), run.err());
    }

    static String find() {
        for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
            for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
                if (Files.isExecutable(Path.of(d, name))) {
                    return Path.of(d, name).toString();
                }
            }
        }
        return null;
    }

    /** The DOM after scripts ran, as Chromium serialises it. */
    static String dom(String url) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--disable-extensions", "--user-data-dir=" + dir.resolve("profile"),
                "--virtual-time-budget=3000", "--dump-dom"));
        cmd.add(url);
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "chromium did not finish");
        return new String(out, StandardCharsets.UTF_8);
    }

    @Test
    void searchFindsTrendPagesAndLessonsFromDisk() throws Exception {
        String dom = dom(site.resolve("search/index.html").toUri() + "?q=swab");
        assertTrue(dom.contains("1 result for"), dom);
        assertTrue(dom.contains("href=\"../lessons/sampling-ports/index.html\">Swab the sampling port</a>"), dom);
        dom = dom(site.resolve("search/index.html").toUri() + "?q=expansion");
        assertTrue(dom.contains(">Expansion</a>"), dom);
        assertTrue(dom.contains("href=\"../steps/expansion/index.html\""), dom);
    }

    @Test
    void hostileSearchTextIsShownAsText() throws Exception {
        String dom = dom(site.resolve("search/index.html").toUri() + "?q=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E");
        assertTrue(dom.contains("No page matches"), dom);
        assertTrue(dom.contains("&lt;img src=x onerror=alert(1)&gt;"), dom);
        assertFalse(dom.contains("<img src=\"x\""), dom);
    }

    /** Only the search page has a script, and it says what to do without one; everything else is plain HTML. */
    @Test
    void pagesWorkWithoutJavaScript() throws Exception {
        for (Path page : SiteFiles.files(site, ".html")) {
            String html = Files.readString(page);
            if (page.endsWith(Path.of("search", "index.html"))) {
                assertTrue(html.contains("<noscript><p>Search needs JavaScript."), html);
            } else {
                assertFalse(html.contains("<script"), page + " needs JavaScript");
            }
        }
        String dom = dom(site.resolve("steps/expansion/index.html").toUri().toString());
        assertTrue(dom.contains("<h1>Expansion</h1>"), dom);
    }
}
