package org.cgtbulletin.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The preview server serves the site folder and nothing outside it; the watcher says which files changed. */
class PreviewAndWatcherTest {

    @TempDir
    Path dir;

    private static int status(int port, String path) throws IOException {
        HttpURLConnection c = (HttpURLConnection) new URL("http://127.0.0.1:" + port + path).openConnection();
        try {
            return c.getResponseCode();
        } finally {
            c.disconnect();
        }
    }

    /** A raw request, so that the path reaches the server exactly as written (no client-side normalisation). */
    private static String raw(int port, String path) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.getOutputStream().write(("GET " + path + " HTTP/1.0\r\nHost: x\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void servesTheSiteAndRefusesEverythingOutsideIt() throws IOException {
        Path site = dir.resolve("site");
        Files.createDirectories(site.resolve("lessons/a"));
        Files.writeString(site.resolve("index.html"), "<p>home</p>");
        Files.writeString(site.resolve("lessons/a/index.html"), "<p>lesson</p>");
        Files.writeString(dir.resolve("secret.txt"), "staff only");
        try (Preview p = Preview.start(site, 0)) {
            assertEquals(200, status(p.port(), "/"));
            assertEquals(200, status(p.port(), "/lessons/a/"));
            assertEquals(404, status(p.port(), "/missing/"));
            for (String attack : List.of("/../secret.txt", "/%2e%2e/secret.txt", "/lessons/../../secret.txt",
                    "/..%2fsecret.txt", "/%2e%2e%2fsecret.txt")) {
                String response = raw(p.port(), attack);
                assertTrue(!response.contains("staff only"), attack + " -> " + response);
                assertTrue(!response.startsWith("HTTP/1.1 200") && !response.startsWith("HTTP/1.0 200"),
                        attack + " -> " + response);
            }
        }
    }

    @Test
    void theWatcherSaysWhichFilesChangedAppearedOrWent() throws IOException {
        Path content = dir.resolve("content");
        Files.createDirectories(content.resolve("lessons"));
        Path a = Files.writeString(content.resolve("lessons/a.md"), "a");
        Path b = Files.writeString(content.resolve("lessons/b.md"), "b");
        ChangeWatcher w = new ChangeWatcher(java.util.Arrays.asList(content, null, dir.resolve("absent.csv")));
        assertEquals(Set.of(), w.changes());
        Files.writeString(a, "a, edited");
        Files.setLastModifiedTime(a, FileTime.fromMillis(Files.getLastModifiedTime(a).toMillis() + 2000));
        Files.delete(b);
        Path c = Files.writeString(content.resolve("lessons/c.md"), "c");
        assertEquals(Set.of(a, b, c), w.changes());
        assertEquals(Set.of(), w.changes(), "each change is reported once");
        Path appeared = Files.writeString(dir.resolve("absent.csv"), "x");
        assertEquals(Set.of(appeared), w.changes());
    }

    @Test
    void aFolderReachedThroughASymbolicLinkIsWatchedWhereItLeads() throws IOException {
        Path real = Files.createDirectories(dir.resolve("elsewhere/templates"));
        Path layout = Files.writeString(real.resolve("layout.ftlh"), "<html/>");
        Path link = Files.createSymbolicLink(dir.resolve("templates"), real);
        ChangeWatcher w = new ChangeWatcher(java.util.List.of(link));
        Files.writeString(layout, "<html lang=\"en\"/>");
        Files.setLastModifiedTime(layout, FileTime.fromMillis(Files.getLastModifiedTime(layout).toMillis() + 2000));
        assertEquals(Set.of(link.resolve("layout.ftlh")), w.changes(), "named under the link, as the build names it");
    }

    @Test
    void aChangeWakesTheWaitBetweenTwoPollsWhereTheFileSystemSaysSo() throws Exception {
        Path lessons = Files.createDirectories(dir.resolve("content/lessons"));
        Path lesson = Files.writeString(lessons.resolve("a.md"), "first");
        try (ChangeWatcher w = new ChangeWatcher(List.of(dir.resolve("content")))) {
            Thread writer = new Thread(() -> {
                try {
                    Thread.sleep(200);
                    Files.writeString(lesson, "second, longer");
                } catch (IOException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            writer.start();
            long start = System.nanoTime();
            // Where the file system notifies (Linux, unless its limit of watches is reached), a wait far longer than
            // the test's own limit ends with the edit; elsewhere the watcher only polls, and a short wait is waited.
            boolean notifies = w.notifies();
            w.await(notifies ? 120_000 : 500);
            writer.join();
            if (notifies) {
                assertTrue(System.nanoTime() - start < 60_000_000_000L, "woken by the edit, not by the time");
            }
            assertEquals(Set.of(lesson), w.changes(), "and the fingerprints say what changed");
        }
    }
}
