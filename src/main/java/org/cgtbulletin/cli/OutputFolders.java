package org.cgtbulletin.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.cgtbulletin.publish.CellsFiles;

/**
 * Whether a build may write its site to {@code --output} and its staff audit to {@code --audit}. A build replaces each
 * folder whole (the publisher swaps a new version in), so a folder that holds anything else would lose it: the
 * working folder, the content or templates, an input file, or files of the user's own. Each folder must be new,
 * empty, or one a build published before (a site with its {@code data/cells.csv}, an audit with its
 * {@code audit.json}); neither may be inside the other, the staff audit never inside the public site. Paths are
 * compared as the file system resolves them, symbolic links followed, even links to folders not made yet.
 */
final class OutputFolders {

    private OutputFolders() {
    }

    /**
     * Why the build must not write to these folders, or null when it may. {@code watched}: the preview's first build,
     * whose server watches the content and templates folders (so its output may not be inside them).
     */
    static String refusal(Path output, Path audit, InputOptions inputs, boolean watched) {
        Path site = real(output);
        Path staff = real(audit);
        if (staff.startsWith(site) || site.startsWith(staff)) {
            return "--audit (" + audit + ") must not be inside --output (" + output + ") or contain it: the staff"
                    + " audit must never be published";
        }
        if (Files.exists(site) && !Files.isDirectory(site)) {
            return "--output (" + output + ") is a file, not a folder: a build would replace it; name a folder";
        }
        if (Files.exists(staff) && !Files.isDirectory(staff)) {
            return "--audit (" + audit + ") is a file, not a folder: a build would replace it; name a folder";
        }
        List<Protected> kept = new ArrayList<>();
        kept.add(new Protected("the working folder", Path.of("")));
        kept.add(new Protected("the content folder (--content)", inputs.content));
        kept.add(new Protected("the templates folder (--templates)", inputs.templates));
        var files = inputs.files();
        kept.add(new Protected("the reports file", files.reports()));
        kept.add(new Protected("the volumes file", files.volumes()));
        kept.add(new Protected("the denylist file", files.denylist()));
        kept.add(new Protected("the taxonomy file", files.taxonomy()));
        for (Protected p : kept) {
            if (p.path() == null) {
                continue;
            }
            Path r = real(p.path());
            if (r.startsWith(site)) {
                return "--output (" + output + ") is or holds " + p.what() + " (" + p.path() + "): a build replaces"
                        + " its output folder whole and would delete it; name a folder of its own, such as 'site'";
            }
            if (r.startsWith(staff)) {
                return "--audit (" + audit + ") is or holds " + p.what() + " (" + p.path() + "): a build replaces"
                        + " its audit folder whole and would delete it; name a folder of its own, such as 'audit'";
            }
        }
        for (Protected source : List.of(new Protected("the content folder (--content)", inputs.content),
                new Protected("the templates folder (--templates)", inputs.templates))) {
            Path r = real(source.path());
            String inside = site.startsWith(r) ? "--output (" + output + ")"
                    : staff.startsWith(r) ? "--audit (" + audit + ")" : null;
            if (inside != null && watched) {
                return inside + " is inside " + source.what() + " (" + source.path() + "), which the preview"
                        + " watches: it would rebuild on its own output without end; name a folder outside";
            }
        }
        if (!emptyOr(site, "data/cells.csv", OutputFolders::isCellsFile)) {
            return "--output (" + output + ") holds files but no site a build published (no data/cells.csv with"
                    + " the bulletin's header): a build replaces the folder whole and would delete them; name a new"
                    + " or empty folder";
        }
        if (!emptyOr(staff, "audit.json", Files::isRegularFile)) {
            return "--audit (" + audit + ") holds files but no staff audit a build wrote (no audit.json): a build"
                    + " replaces the folder whole and would delete them; name a new or empty folder";
        }
        return null;
    }

    private record Protected(String what, Path path) {
    }

    /** Why an explicit {@code --previous} cannot be read as the previous release, or null (also when not given). */
    static String previousRefusal(Path previous) {
        return previous == null || Files.isRegularFile(previous) ? null : "--previous (" + previous + ") is "
                + (Files.isDirectory(previous) ? "a folder" : "not there") + "; name the previous release's"
                + " data/cells.csv, or leave the option out to read OUTPUT/data/cells.csv";
    }

    /** The folder does not exist, is empty, or has {@code mark} (a relative path) passing {@code test}. */
    private static boolean emptyOr(Path dir, String mark, java.util.function.Predicate<Path> test) {
        if (!Files.isDirectory(dir)) {
            return true; // not there yet (a file was refused before)
        }
        try (Stream<Path> entries = Files.list(dir)) {
            if (entries.findAny().isEmpty()) {
                return true;
            }
        } catch (IOException e) {
            return true; // unreadable: the publisher reports that
        }
        return test.test(dir.resolve(mark));
    }

    /** A {@code cells.csv} as the bulletin writes it: the contract's header on its first line. */
    private static boolean isCellsFile(Path file) {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String first = in.readLine();
            return first != null && first.replace("\uFEFF", "").strip().equals(String.join(",", CellsFiles.HEADER));
        } catch (IOException | java.io.UncheckedIOException e) {
            return false;
        }
    }

    /**
     * The path as the file system will resolve it, absolute: each symbolic link on the way is followed where it is met
     * (so that a {@code ..} after it climbs from where the link leads, as the file system does), including a link
     * whose target does not exist yet (a build would create the folder through it); the part that does not exist is
     * taken as written.
     */
    static Path real(Path path) {
        java.util.Deque<String> todo = new java.util.ArrayDeque<>();
        Path absolute = path.toAbsolutePath();
        for (int i = absolute.getNameCount() - 1; i >= 0; i--) {
            todo.push(absolute.getName(i).toString());
        }
        Path resolved = absolute.getRoot();
        int links = 0;
        while (!todo.isEmpty()) {
            String part = todo.pop();
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                resolved = resolved.getParent() == null ? resolved : resolved.getParent();
                continue;
            }
            Path next = resolved.resolve(part);
            if (Files.isSymbolicLink(next) && links++ < 40) {
                try {
                    Path target = Files.readSymbolicLink(next);
                    for (int i = target.getNameCount() - 1; i >= 0; i--) {
                        todo.push(target.getName(i).toString());
                    }
                    if (target.isAbsolute()) {
                        resolved = target.getRoot();
                    }
                    continue;
                } catch (IOException e) {
                    return absolute.normalize();
                }
            }
            resolved = next;
        }
        return resolved;
    }
}
