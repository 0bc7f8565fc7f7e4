package org.cgtbulletin.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the preview remembers of a file is given again only while the file keeps the stamp it was read at. */
class FileMemoTest {

    @TempDir
    Path dir;

    /** A clock the test moves. */
    private Instant now = Instant.parse("2026-12-04T12:00:00Z");
    private final AtomicInteger reads = new AtomicInteger();
    private final FileMemo<String> memo = new FileMemo<>(new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    });

    private String read(Path file, String variant) throws IOException {
        return memo.get(file, variant, f -> {
            reads.incrementAndGet();
            return variant + ":" + Files.readString(f);
        });
    }

    private Path write(String name, String text, Instant modified) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        Files.setLastModifiedTime(f, FileTime.from(modified));
        return f;
    }

    @Test
    void aSettledFileIsReadOnceUntilItsStampChanges() throws IOException {
        Path f = write("a.md", "first", now.minusSeconds(60));
        assertEquals("md:first", read(f, "md"));
        assertEquals("md:first", read(f, "md"));
        assertEquals(1, reads.get(), "unchanged: remembered");
        assertEquals("other:first", read(f, "other"));
        assertEquals(2, reads.get(), "another variant is computed on its own");
        write("a.md", "second, longer", now.minusSeconds(30));
        assertEquals("md:second, longer", read(f, "md"));
        Files.setLastModifiedTime(f, FileTime.from(now.minusSeconds(20)));
        assertEquals("md:second, longer", read(f, "md"));
        assertEquals(4, reads.get(), "a new size or time: read again");
    }

    @Test
    void aFileModifiedJustBeforeItIsReadIsReadAgainNextTime() throws IOException {
        // Where times are kept to the second, two saves within one second that keep the size keep the stamp too.
        Instant second = now.minusMillis(400);
        Path f = write("a.md", "draft", second);
        assertEquals("md:draft", read(f, "md"));
        write("a.md", "final", second); // same size, same time
        now = now.plusMillis(500);
        assertEquals("md:final", read(f, "md"), "not remembered: it had just been modified when read");
        now = now.plusSeconds(10);
        assertEquals("md:final", read(f, "md"));
        assertEquals("md:final", read(f, "md"));
        assertEquals(3, reads.get(), "remembered once settled");
    }
}
