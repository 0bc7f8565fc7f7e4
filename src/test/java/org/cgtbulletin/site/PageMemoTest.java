package org.cgtbulletin.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * A page's inputs digest is the digest of one byte stream: each value tagged with its kind, each string as its length
 * in UTF-8 bytes and then those bytes, whichever way the digest feeds them (short ASCII strings go straight into its
 * block, others through an encoded array).
 */
class PageMemoTest {

    private static void number(ByteArrayOutputStream out, int n) {
        out.write(n >>> 24);
        out.write(n >>> 16);
        out.write(n >>> 8);
        out.write(n);
    }

    private static void text(ByteArrayOutputStream out, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        number(out, b.length);
        out.writeBytes(b);
    }

    @Test
    void theDigestIsThatOfTheDocumentedStreamForShortLongAsciiAndOtherStrings() {
        String longAscii = "x".repeat(300);
        String accented = "Process step \u00d7 failure mode \u2013 r\u00e9sum\u00e9";
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("title", "Swab the sampling port");
        model.put("long", longAscii);
        model.put("accented", accented);
        model.put("empty", "");
        long templates = 0x0123456789abcdefL;

        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        number(expected, (int) (templates >>> 32));
        number(expected, (int) templates);
        text(expected, "lesson.ftlh");
        expected.write(6);
        number(expected, model.size());
        for (Map.Entry<String, Object> e : model.entrySet()) {
            text(expected, e.getKey());
            expected.write(1);
            text(expected, (String) e.getValue());
        }
        assertEquals(PageMemo.digest(expected.toByteArray()), PageMemo.inputs(templates, "lesson.ftlh", model));
    }

    @Test
    void oneCharacterChangedChangesTheDigest() {
        Map<String, Object> a = new LinkedHashMap<>(Map.of("t", "Swab the sampling port"));
        Map<String, Object> b = new LinkedHashMap<>(Map.of("t", "Swab the sampling porT"));
        Map<String, Object> c = new LinkedHashMap<>(Map.of("t", "Swab the sampling p\u00f6rt"));
        long da = PageMemo.inputs(1, "x.ftlh", a);
        assertEquals(da, PageMemo.inputs(1, "x.ftlh", new LinkedHashMap<>(a)));
        assertNotEquals(da, PageMemo.inputs(1, "x.ftlh", b));
        assertNotEquals(da, PageMemo.inputs(1, "x.ftlh", c));
        // a string filling the digest's block across its edge, many times over
        Map<String, Object> big = new LinkedHashMap<>();
        for (int i = 0; i < 2000; i++) {
            big.put("k" + i, "value number " + i);
        }
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        number(expected, 0);
        number(expected, 1);
        text(expected, "x.ftlh");
        expected.write(6);
        number(expected, big.size());
        big.forEach((k, v) -> {
            text(expected, k);
            expected.write(1);
            text(expected, (String) v);
        });
        assertEquals(PageMemo.digest(expected.toByteArray()), PageMemo.inputs(1, "x.ftlh", big));
    }
}
