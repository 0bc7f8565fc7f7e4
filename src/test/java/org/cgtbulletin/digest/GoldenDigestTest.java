package org.cgtbulletin.digest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.cgtbulletin.model.Quarter;
import org.cgtbulletin.site.SiteInput;
import org.junit.jupiter.api.Test;

/**
 * Golden files of what a digest is rendered from: the XHTML of the golden input's latest quarter and of its
 * annual digest, and the cells.csv rows each attaches, must be exactly those in
 * {@code src/test/resources/golden/expected-digest}. When a change is intended, regenerate them on purpose with
 * {@code mvn -q test -Dtest=GoldenDigestTest -Dgolden.update=true} and review the diff before committing.
 */
class GoldenDigestTest {

    static final Path EXPECTED = Path.of("src/test/resources/golden/expected-digest");

    @Test
    void theGoldenInputRendersTheExpectedXhtmlAndAttachment() throws Exception {
        SiteInput in = DigestFixtures.golden();
        check(in, DigestPeriod.quarter(Quarter.parse("2026-Q2")), "2026-q2");
        check(in, DigestPeriod.year(2025, in.first()), "2025");
    }

    private static void check(SiteInput in, DigestPeriod period, String name) throws Exception {
        Digests.Source s = Digests.source(in, DigestFixtures.TEMPLATES, period, null);
        compare(name + ".xhtml", s.xhtml());
        compare(s.attachment().name(), new String(s.attachment().content(), StandardCharsets.UTF_8));
    }

    private static void compare(String file, String actual) throws IOException {
        Path expected = EXPECTED.resolve(file);
        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(expected.getParent());
            Files.writeString(expected, actual);
        }
        assertEquals(Files.readString(expected), actual, file + " differs from its golden file; if the change is"
                + " intended, regenerate with -Dgolden.update=true and review the diff");
    }
}
