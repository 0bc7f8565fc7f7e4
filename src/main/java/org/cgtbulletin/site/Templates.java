package org.cgtbulletin.site;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TimeZone;
import java.util.TreeMap;
import java.util.stream.Stream;

import freemarker.cache.StringTemplateLoader;
import freemarker.core.TemplateClassResolver;
import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import freemarker.template.TemplateNotFoundException;
import org.cgtbulletin.model.TextBuffer;

/**
 * The Freemarker templates of {@code --templates}: {@code .ftlh} pages are HTML with auto-escaping, {@code .ftlx}
 * files XML with auto-escaping, so nothing from the data becomes markup unless a template says {@code ?no_esc}
 * (used only for HTML this program made: flexmark's output, chart SVG references). No class can be instantiated
 * from a template and the {@code ?api} built-in is off. Thread-safe once built (pages and digests render in
 * parallel); the PDF digests use it for {@code templates/digest/}.
 */
public final class Templates {

    /** A template failed: its file, line and what went wrong, for the {@code FILE:LINE: field: message} list. */
    public static final class TemplateProblem extends Exception {
        private static final long serialVersionUID = 1L;
        public final String file;
        public final long line;

        public TemplateProblem(String file, long line, String message) {
            super(message);
            this.file = file;
            this.line = line;
        }
    }

    private final Configuration config;
    private final Path dir;
    /** Every file of the folder as read once, by its path relative to it ({@link #snapshot}); null otherwise. */
    private final SortedMap<String, byte[]> files;

    /** The templates of {@code dir}, each read from there when it is first used. */
    public Templates(Path dir) throws IOException {
        this(dir, null);
    }

    /**
     * The templates of {@code dir} read at once, every file of the folder (through a symbolic link if it is one), and
     * rendered from those bytes only, whatever happens to the files afterwards: what a page is made from is then
     * exactly what {@link #files} holds, which the preview digests ({@link PageMemo}). A file that vanishes while it
     * is read (an editor's temporary file) is left out.
     */
    static Templates snapshot(Path dir) throws IOException {
        Path real = dir.toRealPath();
        SortedMap<String, byte[]> files = new TreeMap<>();
        List<Path> listed;
        try (Stream<Path> s = Files.walk(real)) {
            listed = s.filter(Files::isRegularFile).toList();
        }
        for (Path f : listed) {
            try {
                files.put(real.relativize(f).toString().replace('\\', '/'), Files.readAllBytes(f));
            } catch (NoSuchFileException gone) {
                // deleted between the listing and the reading
            }
        }
        return new Templates(dir, Collections.unmodifiableSortedMap(files));
    }

    private Templates(Path dir, SortedMap<String, byte[]> files) throws IOException {
        this.dir = dir;
        this.files = files;
        config = new Configuration(Configuration.VERSION_2_3_34);
        if (files == null) {
            config.setDirectoryForTemplateLoading(dir.toFile());
        } else {
            StringTemplateLoader loader = new StringTemplateLoader();
            files.forEach((name, bytes) -> loader.putTemplate(name, new String(bytes, StandardCharsets.UTF_8), 0));
            config.setTemplateLoader(loader);
        }
        config.setDefaultEncoding("UTF-8");
        config.setOutputEncoding("UTF-8");
        config.setRecognizeStandardFileExtensions(true);
        config.setLocale(Locale.UK);
        config.setTimeZone(TimeZone.getTimeZone("UTC"));
        config.setNumberFormat("computer");
        config.setBooleanFormat("c");
        config.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        config.setLogTemplateExceptions(false);
        config.setWrapUncheckedExceptions(true);
        config.setFallbackOnNullLoopVariable(false);
        config.setAPIBuiltinEnabled(false);
        config.setNewBuiltinClassResolver(TemplateClassResolver.ALLOWS_NOTHING_RESOLVER);
        // Read each template once: a Templates lives for one render (the preview makes a new one for each), and a
        // check for changes before every page costs a canonical path (several system calls) per page.
        config.setTemplateUpdateDelayMilliseconds(Long.MAX_VALUE);
    }

    /** Every file of the folder as {@link #snapshot} read it, in path order; null for templates read lazily. */
    SortedMap<String, byte[]> files() {
        return files;
    }

    /** Renders {@code name} with {@code model} into {@code target} (parent folders created); returns the bytes. */
    byte[] render(String name, Map<String, Object> model, Path target) throws IOException, TemplateProblem {
        // Into a builder, then encoded at once: a file writer encodes every small string Freemarker writes on its
        // own (a third of the pages' template time), where String.getBytes copies an ASCII page in one go.
        TextBuffer out = new TextBuffer(8192);
        process(name, model, out);
        byte[] bytes = out.toString().getBytes(StandardCharsets.UTF_8);
        write(target, bytes);
        return bytes;
    }

    /**
     * Writes a page's bytes to {@code target}, its parent folders created. A file already there (in a recycled
     * staging folder) is replaced, never written into: it may be another name of a page of the published site
     * ({@link SpareSite#copy}), which must not change before the publish.
     */
    static void write(Path target, byte[] bytes) throws IOException {
        Files.createDirectories(target.getParent());
        try {
            Files.write(target, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException e) {
            Files.delete(target);
            Files.write(target, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        }
    }

    public String render(String name, Map<String, Object> model) throws IOException, TemplateProblem {
        TextBuffer out = new TextBuffer(8192);
        process(name, model, out);
        return out.toString();
    }

    private void process(String name, Map<String, Object> model, Writer out) throws IOException, TemplateProblem {
        try {
            Template template = config.getTemplate(name);
            template.process(model, out);
        } catch (TemplateNotFoundException e) {
            throw new TemplateProblem(dir.resolve(name).toString(), 1, "the template is missing from " + dir);
        } catch (freemarker.core.ParseException e) {
            throw new TemplateProblem(dir.resolve(name).toString(), Math.max(1, e.getLineNumber()),
                    "template syntax: " + e.getEditorMessage());
        } catch (TemplateException e) {
            String file = e.getTemplateSourceName() != null ? dir.resolve(e.getTemplateSourceName()).toString()
                    : dir.resolve(name).toString();
            Integer line = e.getLineNumber();
            List<String> lines = e.getMessageWithoutStackTop().lines().map(String::strip)
                    .filter(x -> !x.isEmpty()).toList();
            String message = lines.isEmpty() ? "template error" : lines.get(0);
            if (lines.size() > 1 && lines.get(1).startsWith("==>")) {
                message += " " + lines.get(1).replaceAll("\\s*\\[in template.*$", "");
            }
            throw new TemplateProblem(file, line == null ? 1 : line, message);
        } catch (StackOverflowError e) {
            // A macro, function or include that calls itself without end: the template's fault, not the program's.
            throw new TemplateProblem(dir.resolve(name).toString(), 1, "the template (or a macro, function or"
                    + " include it uses) calls itself without end; check for a recursion that never stops");
        }
    }
}
