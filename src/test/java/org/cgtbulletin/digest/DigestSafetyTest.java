package org.cgtbulletin.digest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.interactive.action.PDAction;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionGoTo;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionURI;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotation;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationLink;
import org.cgtbulletin.Bulletin;
import org.cgtbulletin.cli.CliRun;
import org.cgtbulletin.model.Problems;
import org.cgtbulletin.model.Quarter;
import org.cgtbulletin.read.DatasetFiles;
import org.cgtbulletin.read.ValidationRules;
import org.cgtbulletin.site.SiteInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile editorial text and taxonomy labels stay text in a digest: no script action, no link to anything but the
 * web or mail, nothing fetched from outside, even with raw HTML allowed by staff and ill-formed markup.
 */
class DigestSafetyTest {

    @TempDir
    Path dir;

    private Path content() throws IOException {
        Path content = dir.resolve("content");
        try (Stream<Path> s = Files.walk(DigestFixtures.GOLDEN)) {
            for (Path p : s.sorted().toList()) {
                Path target = content.resolve(DigestFixtures.GOLDEN.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        return content;
    }

    @Test
    void hostileTextStaysTextAndLinksCannotRunAnything() throws Exception {
        Path content = content();
        Files.writeString(content.resolve("bulletin.yaml"), "site:\n  allow_raw_html: true\n");
        Path taxonomy = content.resolve("taxonomy.yaml");
        Files.writeString(taxonomy, Files.readString(taxonomy).replace("label: \"Expansion\"",
                "label: \"Expansion <img src=x onerror=alert(1)>\""));
        Files.writeString(content.resolve("lessons/sampling-ports.md"), "---\ntitle: \"Swab <script>alert(0)</script>\"\n"
                + "summary: \"s\"\nsteps: [expansion]\n---\n<a href=\"javascript:alert(1)\" onclick=\"alert(2)\">js</a>"
                + " <a href=\"file:///etc/passwd\">file</a> <img src=\"https://tracker.example/p.png\" alt=\"pixel\">"
                + " <iframe src=\"https://evil.example/\"></iframe> <a href=\"https://example.org/ok\">ok</a>\n");
        Path editorial = content.resolve("bulletins/2026-q2.md");
        Files.writeString(editorial, Files.readString(editorial) + "\n<div><p>unclosed <b>markup &nbsp; here\n");
        Problems problems = new Problems();
        Bulletin.Prepared p = Bulletin.prepare(new DatasetFiles(content.resolve("data/reports.csv"),
                content.resolve("data/volumes.csv"), null, taxonomy),
                new ValidationRules(LocalDate.ofInstant(CliRun.CLOCK.instant(), CliRun.CLOCK.getZone()), null),
                content, dir.resolve("none.csv"), null, problems);
        assertNotNull(p, problems.toString());
        SiteInput in = p.site();
        Digests.Source source = Digests.source(in, DigestFixtures.TEMPLATES,
                DigestPeriod.quarter(Quarter.parse("2026-Q2")), null);
        String x = source.xhtml();
        assertFalse(x.contains("<script"), x);
        assertFalse(x.contains("<img src=\"https://") || x.contains("<iframe"), x);
        assertFalse(x.contains("javascript:") || x.contains("file:") || x.contains("onclick"), x);
        assertTrue(x.contains("Swab &lt;script&gt;alert(0)&lt;/script&gt;"), "a title is text");
        assertTrue(x.contains("Expansion &lt;img src=x onerror=alert(1)&gt;"), "a label is text");
        assertTrue(x.contains("unclosed markup here"), "ill-formed HTML becomes its text: " + x);

        byte[] pdf = Digests.render(in, DigestFixtures.TEMPLATES, Quarter.parse("2026-Q2"), null, problems);
        assertNotNull(pdf, problems.toString());
        List<String> targets = new ArrayList<>();
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            assertEquals(null, doc.getDocumentCatalog().getOpenAction(), "nothing runs on opening");
            for (PDPage page : doc.getPages()) {
                for (PDAnnotation a : page.getAnnotations()) {
                    assertTrue(a instanceof PDAnnotationLink, a.getSubtype());
                    PDAction action = ((PDAnnotationLink) a).getAction();
                    if (action instanceof PDActionURI uri) {
                        targets.add(uri.getURI());
                    } else {
                        assertTrue(action instanceof PDActionGoTo, "only web links and jumps within: " + action);
                    }
                }
            }
        }
        assertEquals(List.of("https://example.org/ok"), targets);
    }
}
