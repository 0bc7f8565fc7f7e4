package org.cgtbulletin.digest;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;

import freemarker.core.TemplateClassResolver;
import freemarker.core.XMLOutputFormat;
import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import freemarker.template.TemplateNotFoundException;

/**
 * The digest's Freemarker templates, {@code templates/digest/*.ftlx}: XHTML with XML auto-escaping, so nothing from
 * the data becomes markup unless a template says {@code ?no_esc} (used only for editorial HTML this program made
 * well-formed). The same safety settings as the site's templates: no class can be instantiated from a template
 * and {@code ?api} is off. Thread-safe once built: the digests render in parallel.
 */
final class DigestTemplates {

    /** The folder under {@code --templates} that holds the digest's templates and print style sheet. */
    static final String FOLDER = "digest";
    static final String MAIN = "digest.ftlx";

    /** A template failed: its file, line and what went wrong, for the {@code FILE:LINE: field: message} list. */
    static final class Problem extends Exception {
        private static final long serialVersionUID = 1L;
        final String file;
        final long line;

        Problem(String file, long line, String message) {
            super(message);
            this.file = file;
            this.line = line;
        }
    }

    private final Configuration config;
    private final Path dir;

    DigestTemplates(Path templatesDir) throws Problem {
        this.dir = templatesDir.resolve(FOLDER);
        if (!Files.isDirectory(dir)) {
            throw new Problem(dir.resolve(MAIN).toString(), 1, "the digest templates are missing: expected "
                    + MAIN + " and digest.css in " + dir + " (shipped in the project's templates/digest/ folder)");
        }
        config = new Configuration(Configuration.VERSION_2_3_34);
        try {
            config.setDirectoryForTemplateLoading(dir.toFile());
        } catch (IOException e) {
            throw new Problem(dir.toString(), 1, "cannot read the digest templates: " + e.getMessage());
        }
        config.setDefaultEncoding("UTF-8");
        config.setOutputEncoding("UTF-8");
        config.setRecognizeStandardFileExtensions(true);
        config.setOutputFormat(XMLOutputFormat.INSTANCE);
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
    }

    /** The folder the templates (and the style sheet they link) are read from. */
    Path dir() {
        return dir;
    }

    String render(String name, Map<String, Object> model) throws IOException, Problem {
        try {
            Template template = config.getTemplate(name);
            StringWriter out = new StringWriter();
            template.process(model, out);
            return out.toString();
        } catch (TemplateNotFoundException e) {
            throw new Problem(dir.resolve(name).toString(), 1, "the template is missing from " + dir);
        } catch (freemarker.core.ParseException e) {
            throw new Problem(dir.resolve(name).toString(), Math.max(1, e.getLineNumber()),
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
            throw new Problem(file, line == null ? 1 : line, message);
        }
    }
}
