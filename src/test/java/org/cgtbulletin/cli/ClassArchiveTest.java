package org.cgtbulletin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which class-data archive the work starts from (making one, and starting from it: {@code ClassArchiveIT}). */
class ClassArchiveTest {

    @TempDir
    Path dir;

    @Test
    void theArchiveOfAJarIsBesideItWithTheSameName() {
        assertEquals(Path.of("target/bulletin.jsa"), ClassArchive.of(Path.of("target/bulletin.jar")));
        assertEquals(Path.of("/opt/b/bulletin-1.2.jsa"), ClassArchive.of(Path.of("/opt/b/bulletin-1.2.jar")));
    }

    @Test
    void anArchiveIsUsedOnlyWhenItWasMadeAfterTheJar() throws IOException {
        Path jar = Files.writeString(dir.resolve("bulletin.jar"), "jar");
        assertEquals(Optional.empty(), ClassArchive.usable(jar), "none made");
        Path archive = Files.writeString(dir.resolve("bulletin.jsa"), "archive");
        Files.setLastModifiedTime(jar, FileTime.fromMillis(1_000_000));
        Files.setLastModifiedTime(archive, FileTime.fromMillis(2_000_000));
        assertEquals(Optional.of(new ClassArchive.Use(jar.toRealPath(), archive.toRealPath())),
                ClassArchive.usable(jar));
        Files.setLastModifiedTime(jar, FileTime.fromMillis(3_000_000)); // the jar built again, the archive not
        assertEquals(Optional.empty(), ClassArchive.usable(jar));
        assertEquals(Optional.empty(), ClassArchive.usable(dir.resolve("missing.jar")));
    }

    @Test
    void aJarReachedThroughALinkUsesTheArchiveBesideTheRealJar() throws IOException {
        Path real = Files.createDirectories(dir.resolve("real"));
        Path jar = Files.writeString(real.resolve("bulletin-0.1.0.jar"), "jar");
        Path archive = Files.writeString(real.resolve("bulletin-0.1.0.jsa"), "archive");
        Files.setLastModifiedTime(jar, FileTime.fromMillis(1_000_000));
        Files.setLastModifiedTime(archive, FileTime.fromMillis(2_000_000));
        Path link = Files.createSymbolicLink(dir.resolve("bulletin.jar"), jar);
        assertEquals(Optional.of(new ClassArchive.Use(jar.toRealPath(), archive.toRealPath())),
                ClassArchive.usable(link));
    }

    @Test
    void aTrainingBuildStartsFromNothingAndWhenItFailsLeavesNoArchiveNeitherOldNorPartial() throws Exception {
        // Not a jar: the JVM that would write the archive exits with an error at once.
        Path jar = Files.writeString(dir.resolve("bulletin.jar"), "not a jar");
        Path old = Files.writeString(dir.resolve("bulletin.jsa"), "an archive of an earlier jar");
        // The last training's site: removed, or the next build would keep its digests and load no PDF class.
        Path lastDigest = Files.createDirectories(dir.resolve("work/site/digests")).resolve("bulletin-2026-q3.pdf");
        Files.writeString(lastDigest, "%PDF");
        Files.createDirectories(dir.resolve("work/audit"));
        Files.createDirectories(dir.resolve("work/data"));
        ClassArchive.main(new String[] {jar.toString(), "content", "templates", dir.resolve("work").toString()});
        try (var left = Files.list(dir.resolve("work"))) {
            assertEquals(List.of("training.log"), left.map(f -> f.getFileName().toString()).toList(),
                    "the data, site and staff audit of the training are deleted; its log stays");
        }
        assertFalse(Files.exists(old), "the old archive is removed, not left to be refused");
        try (var files = Files.list(dir)) {
            assertEquals(List.of("bulletin.jar", "work"), files.map(f -> f.getFileName().toString()).sorted()
                    .toList(), "no partial archive left behind");
        }
        assertTrue(Files.readString(dir.resolve("work/training.log")).contains("jarfile"),
                "the training JVM's own words are in the log");
    }
}
