package org.cgtbulletin.stories;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

import org.cgtbulletin.model.Problems;

/**
 * Screens the editorial content, which is published as staff wrote it, for the denylist's terms: the data contract
 * says none may appear in anything published, and only the narratives pass through the {@link Deidentifier}. Every
 * text file under the content folder (Markdown, the taxonomy's labels and descriptions, the bulletin's settings,
 * the editors' story choices) is read, except the dataset's own files and YAML comment lines; each occurrence of a
 * term is an error at its file and line, so that nothing is published until the text or the denylist is corrected.
 */
public final class EditorialScreen {

    private static final Set<String> TEXT = Set.of("md", "markdown", "yaml", "yml", "json");

    private EditorialScreen() {
    }

    /**
     * Reports, as errors, each denylisted term in the text files under {@code content}, skipping its
     * {@code data} folder and the files in {@code dataset} (the reports, volumes and denylist, wherever they are).
     */
    public static void check(Path content, Set<Path> dataset, Deidentifier deidentifier, Problems problems)
            throws IOException {
        if (deidentifier.denylistSize() == 0 || !Files.isDirectory(content)) {
            return;
        }
        Path data = content.resolve("data").toAbsolutePath().normalize();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(content)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(f -> !f.toAbsolutePath().normalize().startsWith(data))
                    .filter(f -> !dataset.contains(f.toAbsolutePath().normalize()))
                    .filter(f -> TEXT.contains(extension(f)))
                    .sorted()
                    .toList();
        }
        for (Path f : files) {
            String text = new String(Files.readAllBytes(f), StandardCharsets.UTF_8);
            List<int[]> spans = deidentifier.deniedSpans(text);
            if (spans.isEmpty()) {
                continue;
            }
            boolean yaml = extension(f).startsWith("y");
            int line = 1;
            int lineStart = 0;
            int at = 0;
            for (int[] span : spans) {
                for (; at < span[0]; at++) {
                    if (text.charAt(at) == '\n') {
                        line++;
                        lineStart = at + 1;
                    }
                }
                if (yaml && text.substring(lineStart, span[0]).strip().startsWith("#")) {
                    continue; // a YAML comment line: staff's notes, never published
                }
                String term = text.substring(span[0], span[1]).replaceAll("\\s+", " ");
                problems.error(f.toString(), line, "denylist", "'" + term + "' is a term of the denylist, and"
                        + " none may appear in anything published; reword this text, or remove the term from the"
                        + " denylist if it was listed by mistake");
            }
        }
    }

    private static String extension(Path f) {
        String name = f.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
