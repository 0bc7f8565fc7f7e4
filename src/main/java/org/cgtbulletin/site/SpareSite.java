package org.cgtbulletin.site;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import org.cgtbulletin.model.FileStamp;

/**
 * An earlier version of the site, recycled as a re-render's staging folder ({@code publish.Recycling}): what of it the
 * re-render may keep. {@link #survey} (on a thread of its own, while the preview waits for the next edit) lists its
 * files and finds the <em>verified</em> pages, those whose file is known to hold what a memo of pages ({@link
 * PageMemo}) says: by their stamp (size, time, file key), when the memo is the one the folder's pages were written
 * with, or else by reading them (their digest must be the memo's; the preview's first build surveys so the site it
 * replaced, which it did not write). Every other file is deleted there and then, with the folders left empty. A
 * re-render into the folder then {@link #keep}s each verified page whose inputs are again the memo's (its file is
 * neither rendered, copied nor touched), writes everything else, and finally {@link #prune}s the verified pages it
 * did not publish and the folders they leave empty. What remains is exactly the files the re-render wrote or kept:
 * the folder a render into an empty staging folder gives, byte for byte ({@code RecyclingTest} compares them).
 *
 * <p>A file changed since it was written (by hand, or a site published over the preview's by another build while it
 * served) has another stamp, and costs a render, never a stale page. A kept page's file is looked at once more when
 * it is kept, one system call. Nothing but this process writes into the spare, whose name carries its process id; a
 * file put there by hand after the survey would not be seen.
 */
public final class SpareSite {

    /** A verified page: its memo entry, with the stamp of its file here. */
    private final Map<String, PageMemo.Entry> verified;
    /** The pages kept by the re-render under way. */
    private final Set<String> kept = ConcurrentHashMap.newKeySet();
    /** Folders (relative) a file was deleted from: removed if nothing is left in them. */
    private final Set<String> emptied = new TreeSet<>();

    private SpareSite(Map<String, PageMemo.Entry> verified) {
        this.verified = verified;
    }

    /**
     * Surveys {@code folder}, an earlier version of the site, against {@code memo}, and deletes from it everything but
     * the verified pages. {@code written}: the memo is the one its pages were written with (a page is verified by
     * its stamp); otherwise the memo says what a render gives, and a page is verified by reading it.
     */
    public static SpareSite survey(Path folder, PageMemo memo, boolean written) throws IOException {
        Map<String, BasicFileAttributes> files = new TreeMap<>();
        List<String> folders = new ArrayList<>();
        Files.walkFileTree(folder, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                if (!dir.equals(folder)) {
                    folders.add(relative(folder, dir));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                files.put(relative(folder, file), attrs);
                return FileVisitResult.CONTINUE;
            }
        });
        Map<String, PageMemo.Entry> verified = new HashMap<>();
        for (Map.Entry<String, BasicFileAttributes> f : files.entrySet()) {
            String path = pagePath(f.getKey());
            PageMemo.Entry entry = path == null ? null : memo.get(path);
            BasicFileAttributes attrs = f.getValue();
            if (entry == null || !attrs.isRegularFile()) {
                continue;
            }
            FileStamp stamp = FileStamp.of(attrs);
            if (written ? stamp.equals(entry.stamp())
                    : PageMemo.digest(Files.readAllBytes(folder.resolve(f.getKey()))) == entry.output()) {
                verified.put(path, entry.at(stamp));
            }
        }
        SpareSite spare = new SpareSite(verified);
        // What stays is known from the walk: each folder keeps the files verified in it and the folders kept in it;
        // any other folder, emptied here or empty before, goes (deepest first), with no look at it again.
        Set<String> occupied = new HashSet<>();
        for (String f : files.keySet()) {
            String path = pagePath(f);
            if (path == null || !verified.containsKey(path)) {
                spare.delete(folder, f);
            } else {
                for (int slash = f.lastIndexOf('/'); slash > 0 && occupied.add(f.substring(0, slash));
                        slash = f.lastIndexOf('/', slash - 1)) {
                    // the folders above a kept file stay
                }
            }
        }
        spare.emptied.clear();
        folders.sort(Comparator.reverseOrder()); // a folder after those inside it
        for (String f : folders) {
            if (!occupied.contains(f)) {
                Files.deleteIfExists(folder.resolve(f));
            }
        }
        return spare;
    }

    /**
     * Fills the new, empty folder {@code copy} with the pages of {@code published} that are as {@code memo} records
     * them, and gives it as a spare whose every page is verified: nothing else is in it. The preview's first build,
     * which replaced no earlier version, seeds its spare so. A page whose file still has the stamp the memo recorded is
     * linked, not copied (a second name for the same file: no bytes written, where a copy of 10,000 pages wrote 180 MB
     * and took 4 to 10 s on this machine's disk); a page with another stamp is copied if its bytes have the recorded
     * digest, else left out. Linking is safe because nothing writes into a file of a recycled staging folder: a page
     * written there replaces the file ({@link Templates#write}), and every other file was deleted by the survey (the
     * other writers of a staging folder, of data, charts, the search index and digests, create their files new, so that
     * a file left there by mistake fails the render rather than being written into). Where the file system has no
     * links, pages are copied.
     */
    public static SpareSite copy(Path published, Path copy, PageMemo memo) throws IOException {
        Map<String, PageMemo.Entry> verified = new HashMap<>();
        boolean links = true;
        for (Map.Entry<String, PageMemo.Entry> e : new TreeMap<>(memo.entries()).entrySet()) {
            String path = e.getKey();
            PageMemo.Entry entry = e.getValue();
            Path source = published.resolve(path + PAGE_FILE);
            Path target = copy.resolve(path + PAGE_FILE);
            FileStamp stamp;
            try {
                stamp = FileStamp.of(source);
            } catch (NoSuchFileException | java.nio.file.NotDirectoryException gone) {
                continue; // gone meanwhile: written by the next re-render
            }
            if (links && stamp.equals(entry.stamp())) {
                try {
                    Files.createDirectories(target.getParent());
                    Files.createLink(target, source);
                    verified.put(path, entry);
                    continue;
                } catch (NoSuchFileException gone) {
                    continue;
                } catch (UnsupportedOperationException | java.nio.file.FileSystemException noLinks) {
                    links = false; // copy this page and the rest
                }
            }
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(source);
            } catch (NoSuchFileException gone) {
                continue;
            }
            if (PageMemo.digest(bytes) == entry.output()) {
                Files.createDirectories(target.getParent());
                Files.write(target, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                verified.put(path, entry.at(FileStamp.of(target)));
            }
        }
        return new SpareSite(verified);
    }

    /** The page path of a page file ("lessons/x/" for "lessons/x/index.html", "" for the home page), else null. */
    private static String pagePath(String file) {
        return file.equals(PAGE_FILE) ? "" : file.endsWith("/" + PAGE_FILE)
                ? file.substring(0, file.length() - PAGE_FILE.length()) : null;
    }

    private static final String PAGE_FILE = "index.html";

    private static String relative(Path root, Path file) {
        return root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
    }

    /**
     * The memo entry of the page at {@code path} when it is verified, was rendered from {@code inputs} (the digest
     * of what it would be rendered from now), and its file in {@code staging} is still the one surveyed: the file
     * stays as it is. Null otherwise: the page is to be written.
     */
    PageMemo.Entry keep(Path staging, String path, long inputs) {
        PageMemo.Entry v = verified.get(path);
        if (v == null || v.inputs() != inputs) {
            return null;
        }
        try {
            if (!FileStamp.of(staging.resolve(path).resolve(PAGE_FILE)).equals(v.stamp())) {
                return null;
            }
        } catch (IOException e) {
            return null; // gone: written again
        }
        kept.add(path);
        return v;
    }

    /**
     * After the re-render: deletes the verified pages it neither kept nor wrote ({@code written}: the page paths it
     * published), then every folder a file was deleted from that is now empty, and its parents that are then empty.
     */
    public void prune(Path staging, Collection<String> written) throws IOException {
        Set<String> published = new HashSet<>(written);
        for (String path : verified.keySet()) {
            if (!kept.contains(path) && !published.contains(path)) {
                delete(staging, path + PAGE_FILE);
            }
        }
        removeEmptied(staging);
    }

    /** Removes each folder a file was deleted from if it is empty now, and its parents that are then empty. */
    private void removeEmptied(Path root) throws IOException {
        List<String> folders = new ArrayList<>(emptied);
        folders.sort((a, b) -> b.compareTo(a)); // a folder after those inside it
        for (String folder : folders) {
            for (Path dir = root.resolve(folder); !dir.equals(root) && isEmpty(dir); dir = dir.getParent()) {
                Files.delete(dir);
            }
        }
        emptied.clear();
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
}
