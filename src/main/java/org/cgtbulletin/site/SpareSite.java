package org.cgtbulletin.site;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An earlier version of the site, recycled as a re-render's staging folder ({@code publish.Recycling}): what of it the
 * re-render may keep, and how the rest goes. {@link #survey} (on a thread of its own, while the preview waits for the
 * next edit) lists its files and checks each page file against the memo it was published with: a page whose file
 * still has the digest the memo recorded is <em>verified</em>. Then a re-render into that folder {@link #clear}s
 * every file but the verified pages before it writes anything, {@link #keep}s a verified page whose inputs are
 * again those it was rendered from (its file is already the one a render would write, so it is neither rendered,
 * copied nor touched), overwrites the others, and finally {@link #prune}s the verified pages it did not publish and
 * the folders left empty. What remains is exactly the set of files the re-render wrote or kept: the same folder a
 * render into an empty staging folder gives, byte for byte ({@code RecyclingTest} compares them).
 *
 * <p>The survey reads every page (at 10,000 pages, about 90 MB, 0.2 to 0.5 s), so that a folder that is not what the
 * memo says (a site published over the preview's by another build while it served, say) costs a render, never a
 * stale page. A kept page's file is looked at once more when it is kept (its size, time and file key as surveyed),
 * one system call.
 */
public final class SpareSite {

    /** A verified page: its memo entry and its file's attributes when it was read. */
    private record Verified(PageMemo.Entry entry, long size, FileTime modified, Object fileKey) {
    }

    /** Every file of the spare, relative to its folder ('/'-separated). */
    private final List<String> files;
    /** The verified pages, by page path (a folder path ending in '/', or "" for the home page). */
    private final Map<String, Verified> verified;
    /** The pages kept by the re-render under way. */
    private final Set<String> kept = ConcurrentHashMap.newKeySet();
    /** Folders (relative) a file was deleted from: removed at the end if nothing is left in them. */
    private final Set<String> emptied = new TreeSet<>();

    private SpareSite(List<String> files, Map<String, Verified> verified) {
        this.files = files;
        this.verified = verified;
    }

    /**
     * Surveys {@code folder}, a version of the site published with {@code memo} (the memo that described the pages
     * while it was the published folder).
     */
    public static SpareSite survey(Path folder, PageMemo memo) throws IOException {
        List<String> files = new ArrayList<>();
        Files.walkFileTree(folder, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                files.add(relative(folder, file));
                return FileVisitResult.CONTINUE;
            }
        });
        Map<String, Verified> verified = new HashMap<>();
        for (String f : files) {
            if (!f.equals(PAGE_FILE) && !f.endsWith("/" + PAGE_FILE)) {
                continue;
            }
            String path = f.substring(0, f.length() - PAGE_FILE.length());
            PageMemo.Entry entry = memo.get(path);
            if (entry == null) {
                continue;
            }
            Path file = folder.resolve(f);
            BasicFileAttributes before = Files.readAttributes(file, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            if (!before.isRegularFile() || PageMemo.digest(Files.readAllBytes(file)) != entry.output()) {
                continue;
            }
            verified.put(path, new Verified(entry, before.size(), before.lastModifiedTime(), before.fileKey()));
        }
        return new SpareSite(files, verified);
    }

    private static final String PAGE_FILE = "index.html";

    private static String relative(Path root, Path file) {
        return root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
    }

    /**
     * Deletes every file of {@code staging} (the surveyed folder, moved there) but the verified pages, before the
     * re-render writes into it.
     */
    public void clear(Path staging) throws IOException {
        for (String f : files) {
            String path = f.equals(PAGE_FILE) ? "" : f.endsWith("/" + PAGE_FILE)
                    ? f.substring(0, f.length() - PAGE_FILE.length()) : null;
            if (path == null || !verified.containsKey(path)) {
                delete(staging, f);
            }
        }
    }

    /**
     * The memo entry of the page at {@code path} when it is verified, was rendered from {@code inputs} (the digest
     * of what it would be rendered from now), and its file in {@code staging} is still the one surveyed: the file
     * stays as it is. Null otherwise: the page is to be written.
     */
    PageMemo.Entry keep(Path staging, String path, long inputs) {
        Verified v = verified.get(path);
        if (v == null || v.entry().inputs() != inputs) {
            return null;
        }
        try {
            BasicFileAttributes now = Files.readAttributes(staging.resolve(path).resolve(PAGE_FILE),
                    BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!now.isRegularFile() || now.size() != v.size() || !now.lastModifiedTime().equals(v.modified())
                    || !Objects.equals(now.fileKey(), v.fileKey())) {
                return null;
            }
        } catch (IOException e) {
            return null; // gone: written again
        }
        kept.add(path);
        return v.entry();
    }

    /**
     * After the re-render: deletes the verified pages it neither kept nor wrote ({@code written}: the page paths it
     * published), then every folder a file was deleted from that is now empty, and its parents that are then empty.
     */
    public void prune(Path staging, Collection<String> written) throws IOException {
        Set<String> published = new java.util.HashSet<>(written);
        for (String path : verified.keySet()) {
            if (!kept.contains(path) && !published.contains(path)) {
                delete(staging, path + PAGE_FILE);
            }
        }
        List<String> folders = new ArrayList<>(emptied);
        folders.sort((a, b) -> b.compareTo(a)); // a folder after those inside it
        for (String folder : folders) {
            for (Path dir = staging.resolve(folder); !dir.equals(staging) && isEmpty(dir); dir = dir.getParent()) {
                Files.delete(dir);
            }
        }
    }

    private void delete(Path staging, String file) throws IOException {
        try {
            Files.delete(staging.resolve(file));
        } catch (NoSuchFileException e) {
            // already gone
        }
        int slash = file.lastIndexOf('/');
        if (slash > 0) {
            emptied.add(file.substring(0, slash));
        }
    }

    private static boolean isEmpty(Path dir) throws IOException {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            return !entries.iterator().hasNext();
        }
    }

    /** How many pages the survey verified. */
    public int verifiedPages() {
        return verified.size();
    }
}
