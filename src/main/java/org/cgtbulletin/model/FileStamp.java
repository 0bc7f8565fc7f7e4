package org.cgtbulletin.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;

/**
 * A file as last written: its size, modification time (to the file system's precision) and file key (device and
 * inode, where the platform has them). A file rewritten since, or replaced by another (an editor's atomic save, a
 * folder swapped in), has another stamp; the preview goes by stamps to tell what it has already read or written
 * ({@link FileMemo}, the page memo).
 */
public record FileStamp(long size, FileTime modified, Object fileKey) {

    public static FileStamp of(BasicFileAttributes a) {
        return new FileStamp(a.size(), a.lastModifiedTime(), a.fileKey());
    }

    /** The stamp of {@code file} now (of a link itself, not of what it links to). */
    public static FileStamp of(Path file) throws IOException {
        return of(Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
    }
}
