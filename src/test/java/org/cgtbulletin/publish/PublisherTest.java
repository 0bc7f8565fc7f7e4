package org.cgtbulletin.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A folder staged is published or discarded as a whole; the target never shows a half-written version. */
class PublisherTest {

    @TempDir
    Path dir;

    private List<String> left() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** {@code target} published with a.txt "old", then staged with a.txt "new". */
    private static Publisher.Staged newStagedOverOld(Path target) throws IOException {
        Publisher.publish(target, staging -> Files.writeString(staging.resolve("a.txt"), "old"), null);
        return Publisher.stage(target, staging -> Files.writeString(staging.resolve("a.txt"), "new"), null);
    }

    @Test
    void aStagedFolderIsSwappedInOnlyWhenPublished() throws IOException {
        Path target = dir.resolve("audit");
        Publisher.Staged staged = newStagedOverOld(target);
        assertEquals("old", Files.readString(target.resolve("a.txt")), "staged, not yet published");
        staged.publish();
        assertEquals("new", Files.readString(target.resolve("a.txt")));
        assertEquals(List.of("audit"), left(), "no staging or old folder left");
    }

    @Test
    void aDiscardedStagedFolderLeavesTheTargetAsItWas() throws IOException {
        Path target = dir.resolve("audit");
        newStagedOverOld(target).discard();
        assertEquals("old", Files.readString(target.resolve("a.txt")));
        assertEquals(List.of("audit"), left());
        // and a first publish discarded leaves nothing at all
        Publisher.stage(dir.resolve("site"), staging -> Files.writeString(staging.resolve("b.txt"), "b"), null)
                .discard();
        assertFalse(Files.exists(dir.resolve("site")));
        assertEquals(List.of("audit"), left());
    }

    @Test
    void contentThatFailsLeavesNoStagingFolder() {
        Path target = dir.resolve("audit");
        assertThrows(IOException.class, () -> Publisher.stage(target, staging -> {
            Files.writeString(staging.resolve("a.txt"), "half");
            throw new IOException("disk full");
        }, null));
        assertFalse(Files.exists(target));
        try {
            assertEquals(List.of(), left());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
