package org.cgtbulletin.digest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.cgtbulletin.site.Templates;

/**
 * The digest's Freemarker templates, {@code templates/digest/*.ftlx}: XHTML with XML auto-escaping, so nothing from
 * the data becomes markup unless a template says {@code ?no_esc} (used only for editorial HTML this program made
 * well-formed). They are loaded by the site's {@link Templates}, with its safety settings (no class can be
 * instantiated from a template, {@code ?api} is off) and its located errors. Thread-safe once built: the digests
 * render in parallel.
 */
final class DigestTemplates {

    /** The folder under {@code --templates} that holds the digest's templates and print style sheet. */
    static final String FOLDER = "digest";
    static final String MAIN = "digest.ftlx";

    private final Templates templates;
    private final Path dir;

    DigestTemplates(Path templatesDir) throws Templates.TemplateProblem {
        this.dir = templatesDir.resolve(FOLDER);
        if (!Files.isDirectory(dir)) {
            throw new Templates.TemplateProblem(dir.resolve(MAIN).toString(), 1, "the digest templates are missing:"
                    + " expected " + MAIN + " and digest.css in " + dir
                    + " (shipped in the project's templates/digest/ folder)");
        }
        try {
            templates = new Templates(dir);
        } catch (IOException e) {
            throw new Templates.TemplateProblem(dir.toString(), 1, "cannot read the digest templates: "
                    + e.getMessage());
        }
    }

    /** The folder the templates (and the style sheet they link) are read from. */
    Path dir() {
        return dir;
    }

    String render(String name, Map<String, Object> model) throws IOException, Templates.TemplateProblem {
        return templates.render(name, model);
    }
}
