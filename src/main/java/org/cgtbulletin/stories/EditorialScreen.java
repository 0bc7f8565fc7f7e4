package org.cgtbulletin.stories;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

import org.cgtbulletin.model.FileMemo;
import org.cgtbulletin.model.Problems;

/**
 * Screens the editorial content, which is published as staff wrote it, for the denylist's terms: the data contract
 * says none may appear in anything published, and only the narratives pass through the {@link Deidentifier}. Every
 * text file under the content folder (Markdown, the taxonomy's labels and descriptions, the bulletin's settings,
 * the editors' story choices) is read, except the dataset's own files, as a reader would see it ({@link #readable});
 * each occurrence of a term is an error at its file and line, so that nothing is published until the text or the
 * denylist is corrected.
 */
public final class EditorialScreen {

    private static final Set<String> TEXT = Set.of("md", "markdown", "yaml", "yml", "json");

    private EditorialScreen() {
    }

    /** A denylisted term found in a file: its line and the term as written. */
    private record Hit(int line, String term) {
    }

    /**
     * Reports, as errors, each denylisted term in the text files under {@code content}, skipping its
     * {@code data} folder and the files in {@code dataset} (the reports, volumes and denylist, wherever they are).
     * {@code memo} (or null), for a process that screens the same content again and again with the same denylist
     * (the preview server): it remembers each file's findings, and a file unchanged since ({@link FileMemo}) is not
     * read again. The caller gives a memo of its own to each denylist.
     */
    public static void check(Path content, Set<Path> dataset, Deidentifier deidentifier, FileMemo<Object> memo,
            Problems problems) throws IOException {
        if (deidentifier.denylistSize() == 0 || !Files.isDirectory(content)) {
            return;
        }
        Path data = content.resolve("data").toAbsolutePath().normalize();
        // Each text file with its attributes, read once by the walk (what the memo compares), in path order.
        SortedMap<Path, BasicFileAttributes> files = new TreeMap<>();
        // Links are followed, a linked content folder or lessons folder included: what the site reads is screened.
        Files.walkFileTree(content, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
                new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                        return dir.toAbsolutePath().normalize().startsWith(data) ? FileVisitResult.SKIP_SUBTREE
                                : FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
                        if (attrs.isRegularFile() && TEXT.contains(extension(f))
                                && !dataset.contains(f.toAbsolutePath().normalize())) {
                            files.put(f, attrs);
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path f, IOException e) throws IOException {
                        throw e; // a link that loops, a folder that cannot be read: as any unreadable input
                    }
                });
        for (Map.Entry<Path, BasicFileAttributes> e : files.entrySet()) {
            Path f = e.getKey();
            @SuppressWarnings("unchecked")
            List<Hit> hits = memo == null ? screen(f, deidentifier)
                    : (List<Hit>) memo.get(f, e.getValue(), "screened", file -> screen(file, deidentifier));
            for (Hit hit : hits) {
                problems.error(f.toString(), hit.line(), "denylist", "'" + hit.term() + "' is a term of the"
                        + " denylist, and none may appear in anything published; reword this text, or remove the"
                        + " term from the denylist if it was listed by mistake");
            }
        }
    }

    private static List<Hit> screen(Path f, Deidentifier deidentifier) throws IOException {
        String text = new String(Files.readAllBytes(f), StandardCharsets.UTF_8);
        int[] source = new int[text.length() + 1];
        String readable = readable(text, source);
        List<int[]> spans = deidentifier.deniedSpans(readable);
        if (spans.isEmpty()) {
            return List.of();
        }
        List<Hit> hits = new ArrayList<>();
        int line = 1;
        int at = 0;
        for (int[] span : spans) {
            int start = source[span[0]];
            for (; at < start; at++) {
                if (text.charAt(at) == '\n') {
                    line++;
                }
            }
            hits.add(new Hit(line, readable.substring(span[0], span[1]).strip()));
        }
        return List.copyOf(hits);
    }

    /**
     * The text as a reader of the page sees it, near enough for matching: Markdown's emphasis, code and escape marks
     * dropped, each HTML tag and character reference a space ({@code &amp;} an ampersand), each run of white space
     * one space; so that {@code Halvorsen **Biologics**} and {@code Halvorsen&nbsp;Biologics} are found. YAML
     * comments are screened too: a {@code #} line may be the text of a folded block. {@code source[i]} receives the
     * offset in {@code text} of the readable text's character i.
     */
    static String readable(String text, int[] source) {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            int skip = 1;
            char emit = c;
            if (c == '*' || c == '_' || c == '~' || c == '`' || c == '\\') {
                emit = 0;
            } else if (c == '<') {
                int end = text.indexOf('>', i);
                if (end > i + 1 && (Character.isLetter(text.charAt(i + 1)) || text.charAt(i + 1) == '/'
                        || text.charAt(i + 1) == '!')) {
                    skip = end + 1 - i;
                    emit = ' ';
                }
            } else if (c == '&') {
                int end = text.indexOf(';', i);
                if (end > i + 1 && end - i <= 10 && text.substring(i + 1, end).chars().allMatch(
                        ch -> Character.isLetterOrDigit(ch) || ch == '#')) {
                    skip = end + 1 - i;
                    emit = text.substring(i + 1, end).equals("amp") ? '&' : ' ';
                }
            }
            if (Character.isWhitespace(emit) || Character.isSpaceChar(emit)) {
                emit = ' ';
            }
            if (emit != 0 && !(emit == ' ' && out.length() > 0 && out.charAt(out.length() - 1) == ' ')) {
                source[out.length()] = i;
                out.append(emit);
            }
            i += skip;
        }
        source[out.length()] = text.length();
        return out.toString();
    }

    private static String extension(Path f) {
        String name = f.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
