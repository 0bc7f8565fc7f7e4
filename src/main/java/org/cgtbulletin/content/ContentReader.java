package org.cgtbulletin.content;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.cgtbulletin.content.EditorialContent.Editorial;
import org.cgtbulletin.content.EditorialContent.Lesson;
import org.cgtbulletin.content.EditorialContent.Page;
import org.cgtbulletin.model.Dimension;
import org.cgtbulletin.model.FileMemo;
import org.cgtbulletin.model.Parallel;
import org.cgtbulletin.model.Problems;
import org.cgtbulletin.model.Quarter;
import org.cgtbulletin.model.Taxonomy;

/**
 * Reads the editorial Markdown of the content folder: {@code bulletins/YYYY-qn.md}, {@code lessons/*.md} and
 * {@code pages/*.md}, each with optional YAML front matter between {@code ---} lines. Front matter is strict: an
 * unknown key, a missing title or a tag that is not a taxonomy code is a located problem, like a bad data row.
 */
public final class ContentReader {

    private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]*");
    private static final Pattern BULLETIN = Pattern.compile("(\\d{4})-[qQ]([1-4])");

    private final Markdown markdown;

    /**
     * Jackson's YAML reader, made when the first front matter outside {@link FrontMatter}'s plain shape needs it:
     * making it took tens of milliseconds at the start of a build, before the first Markdown file could be read.
     * Configured once and never changed, so every thread may use it.
     */
    private static final class Yaml {
        static final ObjectMapper MAPPER = new ObjectMapper(new YAMLFactory())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY);
    }

    private ContentReader(boolean allowRawHtml) {
        this.markdown = new Markdown(allowRawHtml);
    }

    /** One file's result and its own problems, so files can be read in parallel and reported in order. */
    private record Outcome<T>(T value, Problems problems) {
    }

    /**
     * Reads {@code files} on all cores; the outcomes in file order. With a {@code memo}, a file unchanged since it
     * was read as {@code kind} gives the outcome it gave then.
     */
    private static <T> List<Outcome<T>> each(List<Path> files, String kind, FileMemo<Object> memo,
            FileReader<T> reader) throws IOException {
        try {
            return Parallel.map(files, f -> {
                if (memo == null) {
                    return outcome(f, reader);
                }
                @SuppressWarnings("unchecked")
                Outcome<T> known = (Outcome<T>) memo.get(f, kind, file -> outcome(file, reader));
                return known;
            });
        } catch (Parallel.Failure e) {
            throw (IOException) e.getCause(); // the only checked exception a FileReader throws
        }
    }

    private static <T> Outcome<T> outcome(Path f, FileReader<T> reader) throws IOException {
        Problems local = new Problems();
        try {
            return new Outcome<>(reader.read(f, local), local);
        } catch (StackOverflowError e) {
            // Pathological nesting (thousands of '>' or '[' in a row) exhausts the parser's stack: the
            // file's problem, reported as such, not the program's.
            local.error(f.toString(), 1, "markdown", "nested too deeply to read (thousands of"
                    + " quotes, lists, brackets or emphasis markers inside each other?); simplify the text");
            return new Outcome<T>(null, local);
        }
    }

    /** Adds every file's problems in file order; returns the values. */
    private static <T> List<T> values(List<Outcome<T>> outcomes, Problems problems) {
        List<T> values = new ArrayList<>();
        for (Outcome<T> o : outcomes) {
            o.problems().kept().forEach(problems::add);
            if (o.value() != null) {
                values.add(o.value());
            }
        }
        return values;
    }

    private interface FileReader<T> {
        T read(Path file, Problems problems) throws IOException;
    }

    /** Reads every Markdown file; files with problems are left out and the problems collected. */
    public static EditorialContent read(Path contentDir, boolean allowRawHtml, Taxonomy taxonomy, Problems problems)
            throws IOException {
        return read(contentDir, allowRawHtml, () -> taxonomy, null, problems);
    }

    /**
     * Reads every Markdown file, as {@link #read(Path, boolean, Taxonomy, Problems)} does, asking for the taxonomy
     * only once every file is read and rendered: the work can begin before the taxonomy is read, and only the
     * lessons' tags wait for it. When {@code taxonomy} gives null (it could not be read), the files' own problems
     * are collected, the tags are not checked, and null is returned. The problems are added in the same order either
     * way: file by file, each file's tags last. {@code memo} (or null), for a process that reads the same content
     * again and again (the preview server, after each edit): it remembers what each file gave, and a file unchanged
     * since ({@link FileMemo}) is not read or rendered again (at 10,000 lessons, about 0.5 s an edit). Only this class
     * puts values in it.
     */
    public static EditorialContent read(Path contentDir, boolean allowRawHtml, Supplier<Taxonomy> taxonomy,
            FileMemo<Object> memo, Problems problems) throws IOException {
        ContentReader reader = new ContentReader(allowRawHtml);
        String html = allowRawHtml ? " with raw HTML" : "";
        List<Outcome<Editorial>> bulletinFiles = each(markdownFiles(contentDir.resolve("bulletins")),
                "bulletin" + html, memo, reader::bulletin);
        List<Outcome<UntaggedLesson>> lessonFiles = each(markdownFiles(contentDir.resolve("lessons")),
                "lesson" + html, memo, reader::lesson);
        List<Outcome<Page>> pageFiles = each(markdownFiles(contentDir.resolve("pages")), "page" + html, memo,
                reader::page);
        Taxonomy codes = taxonomy.get();
        Map<Quarter, Editorial> bulletins = new TreeMap<>();
        for (Editorial e : values(bulletinFiles, problems)) {
            bulletins.put(e.quarter(), e);
        }
        List<Lesson> lessons = new ArrayList<>();
        for (Outcome<UntaggedLesson> o : lessonFiles) {
            o.problems().kept().forEach(problems::add);
            if (o.value() != null && codes != null) {
                lessons.add(o.value().tagged(codes, problems));
            }
        }
        lessons.sort(Comparator.comparing(Lesson::title).thenComparing(Lesson::slug));
        Map<String, Page> pages = new LinkedHashMap<>();
        for (Page p : values(pageFiles, problems)) {
            pages.put(p.slug(), p);
        }
        if (codes == null) {
            return null;
        }
        for (Editorial e : bulletins.values()) {
            for (String slug : e.featuredLessons()) {
                if (lessons.stream().noneMatch(l -> l.slug().equals(slug))) {
                    problems.error(contentDir.resolve("bulletins").resolve(e.quarter().slug() + ".md").toString(),
                            1, "featured_lessons", "no lesson '" + slug + "' in " + contentDir.resolve("lessons")
                            + "; expected the file name of a lesson without .md");
                }
            }
        }
        return new EditorialContent(bulletins, List.copyOf(lessons), pages);
    }

    private Editorial bulletin(Path file, Problems problems) throws IOException {
        var m = BULLETIN.matcher(stem(file));
        if (!m.matches()) {
            problems.error(file.toString(), 1, "file name", "expected a quarter such as 2026-q3.md, found '"
                    + file.getFileName() + "'");
            return null;
        }
        Quarter quarter = new Quarter(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
        Parsed<BulletinMatter> p = parse(file, BulletinMatter.class, BulletinMatter::new, problems);
        if (p == null) {
            return null;
        }
        BulletinMatter fm = p.matter == null ? new BulletinMatter() : p.matter;
        String title = fm.title != null ? fm.title : "Bulletin " + quarter;
        return new Editorial(quarter, title, nullToEmpty(fm.summary), p.html,
                List.copyOf(fm.featuredLessons == null ? List.of() : fm.featuredLessons));
    }

    /** A lesson read and rendered, its tags not yet checked against the taxonomy. */
    private record UntaggedLesson(Path file, String slug, String title, String summary, LessonMatter matter,
            String html) {

        Lesson tagged(Taxonomy taxonomy, Problems problems) {
            List<String> steps = codes(file, "steps", Dimension.PROCESS_STEP, matter.steps, taxonomy, problems);
            List<String> modes = codes(file, "modes", Dimension.FAILURE_MODE, matter.modes, taxonomy, problems);
            List<String> products = codes(file, "products", Dimension.PRODUCT_CLASS, matter.products, taxonomy,
                    problems);
            return new Lesson(slug, title, summary, steps, modes, products, html);
        }
    }

    private UntaggedLesson lesson(Path file, Problems problems) throws IOException {
        if (!slugOk(file, problems)) {
            return null;
        }
        Parsed<LessonMatter> p = parse(file, LessonMatter.class, LessonMatter::new, problems);
        if (p == null) {
            return null;
        }
        LessonMatter fm = p.matter == null ? new LessonMatter() : p.matter;
        if (fm.title == null || fm.title.isBlank()) {
            problems.error(file.toString(), 1, "title", "a lesson needs a title in its front matter");
            return null;
        }
        return new UntaggedLesson(file, stem(file), fm.title, nullToEmpty(fm.summary), fm, p.html);
    }

    private Page page(Path file, Problems problems) throws IOException {
        if (!slugOk(file, problems)) {
            return null;
        }
        Parsed<PageMatter> p = parse(file, PageMatter.class, PageMatter::new, problems);
        if (p == null) {
            return null;
        }
        PageMatter fm = p.matter == null ? new PageMatter() : p.matter;
        String title = fm.title != null ? fm.title : stem(file);
        return new Page(stem(file), title, nullToEmpty(fm.summary), p.html);
    }

    private static boolean slugOk(Path file, Problems problems) {
        if (SLUG.matcher(stem(file)).matches()) {
            return true;
        }
        problems.error(file.toString(), 1, "file name", "expected lower-case letters, digits and hyphens (it"
                + " becomes the page address), found '" + file.getFileName() + "'");
        return false;
    }

    private static List<String> codes(Path file, String field, Dimension dimension, List<String> written,
            Taxonomy taxonomy, Problems problems) {
        List<String> codes = new ArrayList<>();
        for (String w : written == null ? List.<String>of() : written) {
            var code = taxonomy.find(dimension, w);
            if (code == null) {
                problems.error(file.toString(), 1, field, "'" + w + "' is not a " + dimension.field()
                        + " code of the taxonomy");
            } else if (!codes.contains(code.code())) {
                codes.add(code.code());
            }
        }
        return List.copyOf(codes);
    }

    private record Parsed<T>(T matter, String html) {
    }

    /**
     * Where the text holds a character that XML 1.0 (the feed, the digests' XHTML) does not allow: a control character
     * other than tab and line ends, U+FFFE, U+FFFF or half a surrogate pair; -1 when none does.
     */
    static int notText(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c < 0xD800) {
                continue;
            }
            if (c < 0x20 ? c != '\t' && c != '\n' && c != '\r' : c == 0xFFFE || c == 0xFFFF) {
                return i;
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    private <T extends FrontMatter.Fields> Parsed<T> parse(Path file, Class<T> type, Supplier<T> make,
            Problems problems) throws IOException {
        String text;
        byte[] bytes = Files.readAllBytes(file);
        if (plainAscii(bytes)) {
            text = new String(bytes, StandardCharsets.ISO_8859_1); // ASCII: one byte a character, copied at once
        } else {
            try {
                text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
            } catch (CharacterCodingException e) {
                problems.error(file.toString(), 1, "encoding", "the file is not valid UTF-8");
                return null;
            }
            if (text.startsWith("\uFEFF")) {
                text = text.substring(1);
            }
            text = text.replace("\r\n", "\n");
        }
        int bad = notText(text);
        if (bad >= 0) {
            long line = 1 + text.chars().limit(bad).filter(ch -> ch == '\n').count();
            problems.error(file.toString(), line, "text", String.format(java.util.Locale.ROOT, "character U+%04X is"
                    + " not text (a control character or a non-character, which no page, feed or PDF may hold):"
                    + " remove it", (int) text.charAt(bad)));
            return null;
        }
        Split split = split(text);
        if (split == null) {
            problems.error(file.toString(), 1, "front matter", "starts with '---' but has no closing '---' line");
            return null;
        }
        boolean hasMatter = split.yaml() != null && !split.yaml().isBlank();
        T matter = hasMatter ? FrontMatter.read(split.yaml(), make) : null;
        if (hasMatter && matter == null) { // not of the plain shape: Jackson reads it, or says what is wrong
            try {
                matter = Yaml.MAPPER.readValue(split.yaml(), type);
            } catch (UnrecognizedPropertyException e) {
                problems.error(file.toString(), line(e), e.getPropertyName(), "unknown front matter key '"
                        + e.getPropertyName() + "'; known keys are " + e.getKnownPropertyIds());
                return null;
            } catch (JsonMappingException e) {
                problems.error(file.toString(), line(e), "front matter", e.getOriginalMessage());
                return null;
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                problems.error(file.toString(), line(e), "front matter", "not valid YAML: " + e.getOriginalMessage());
                return null;
            }
        }
        return new Parsed<>(matter, markdown.toHtml(split.body()));
    }

    /**
     * Whether the file is ASCII without a carriage return: then it needs neither the decoder's checks nor its line
     * ends normalised (the decoder and {@code replace} took 4% of the time of 10,000 short lessons). Anything else
     * (a byte of a multi-byte character, a byte-order mark, a carriage return) goes the checked way.
     */
    private static boolean plainAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0 || b == '\r') {
                return false;
            }
        }
        return true;
    }

    /** A file's text cut after its front matter: the YAML between the {@code ---} lines (null if none), the rest. */
    record Split(String yaml, String body) {
    }

    /**
     * The text's front matter and body, or null when it starts with {@code ---} but no line closes it ({@code ---}
     * or {@code ...}). Only the body goes to flexmark: the front matter is what this reads, not what flexmark's
     * own front-matter parser would take (whose every line also costs a regular expression).
     */
    static Split split(String text) {
        if (!text.startsWith("---\n")) {
            return new Split(null, text);
        }
        int from = 4;
        while (from <= text.length()) {
            int eol = text.indexOf('\n', from);
            String line = text.substring(from, eol < 0 ? text.length() : eol).stripTrailing();
            if (line.equals("---") || line.equals("...")) {
                return new Split(text.substring(4, from), eol < 0 ? "" : text.substring(eol + 1));
            }
            if (eol < 0) {
                return null;
            }
            from = eol + 1;
        }
        return null;
    }

    /** The file line of a front-matter problem (the YAML starts on the file's second line). */
    private static long line(com.fasterxml.jackson.core.JsonProcessingException e) {
        return e.getLocation() == null ? 1 : e.getLocation().getLineNr() + 1;
    }

    private static List<Path> markdownFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".md"))
                    .sorted().toList();
        }
    }

    private static String stem(Path file) {
        String name = file.getFileName().toString();
        return name.substring(0, name.length() - 3);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s.strip();
    }

    static final class BulletinMatter implements FrontMatter.Fields {
        @JsonProperty("title")
        String title;
        @JsonProperty("summary")
        String summary;
        @JsonProperty("featured_lessons")
        List<String> featuredLessons;

        @Override
        public boolean set(String key, Object value) {
            switch (key) {
                case "title" -> title = text(value);
                case "summary" -> summary = text(value);
                case "featured_lessons" -> featuredLessons = list(value);
                default -> {
                    return false;
                }
            }
            return !(value instanceof List<?>) || key.equals("featured_lessons");
        }
    }

    static final class LessonMatter implements FrontMatter.Fields {
        @JsonProperty("title")
        String title;
        @JsonProperty("summary")
        String summary;
        @JsonProperty("steps")
        List<String> steps;
        @JsonProperty("modes")
        List<String> modes;
        @JsonProperty("products")
        List<String> products;

        @Override
        public boolean set(String key, Object value) {
            switch (key) {
                case "title" -> title = text(value);
                case "summary" -> summary = text(value);
                case "steps" -> steps = list(value);
                case "modes" -> modes = list(value);
                case "products" -> products = list(value);
                default -> {
                    return false;
                }
            }
            return !(value instanceof List<?>) || !key.equals("title") && !key.equals("summary");
        }
    }

    static final class PageMatter implements FrontMatter.Fields {
        @JsonProperty("title")
        String title;
        @JsonProperty("summary")
        String summary;

        @Override
        public boolean set(String key, Object value) {
            switch (key) {
                case "title" -> title = text(value);
                case "summary" -> summary = text(value);
                default -> {
                    return false;
                }
            }
            return !(value instanceof List<?>);
        }
    }

    /** A string field's value (null for a list, which the caller refuses). */
    private static String text(Object value) {
        return value instanceof String s ? s : null;
    }

    /** A list field's value: a single string is a list of one, as Jackson reads it here. */
    @SuppressWarnings("unchecked")
    private static List<String> list(Object value) {
        return value instanceof String s ? List.of(s) : (List<String>) value;
    }
}
