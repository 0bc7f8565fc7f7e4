package org.cgtbulletin.site;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;

import org.cgtbulletin.model.FileStamp;

/**
 * What the preview remembers of the pages it published, so that an edit re-renders only the pages that depend on it
 * (issue 8): for each page, by its folder path, a digest of everything the page is rendered from (every file of the
 * templates folder, the template's name and the page's model) and a digest of the bytes that came out. Rendering is a
 * function of those inputs alone (no clock, no state outside the model), so a page whose inputs have the same digest
 * as when the published file was written, and whose published file still has the recorded digest, is copied rather
 * than rendered: the same bytes either way. Anything else is rendered: a changed model or template, a page not seen
 * before, a published file changed or gone, a model holding a value this class cannot digest. The templates are read
 * once per render and rendered from what was read ({@link Templates#snapshot}), so that what is digested is what
 * was used. (A template that printed the time, Freemarker's {@code .now}, would see it frozen in copied pages; the
 * bulletin's templates never print it, as nothing in its output may depend on the clock.)
 *
 * <p>A memo is filled while one render runs (its page jobs add to it side by side) and is read-only afterwards, when
 * the next render consults it. Full builds keep none (it costs them time and nothing uses it).
 *
 * <p>The digests are 64 bits: CRC-32 and CRC-32C of the same bytes side by side. They guard against accidents (an
 * edit, a file changed by hand), not against an adversary, and both are computed by the JVM's own instructions even
 * before the code around them is compiled: with SHA-256 the preview's first re-render was 0.2 s slower, digesting
 * every page's model and the sample's 2 MB of published pages in the interpreter.
 */
public final class PageMemo {

    /**
     * One published page: the digests of what it was rendered from and of its bytes, the stamp of the file as
     * written (null when not known), by which the preview recognises the file later without reading it
     * ({@link SpareSite}; the preview publishes without setting file times), and the page's source (see
     * {@link #inputsOf}), or null.
     */
    record Entry(long inputs, long output, FileStamp stamp, Object source) {

        /** The same page, written to (or found as) another file. */
        Entry at(FileStamp file) {
            return new Entry(inputs, output, file, source);
        }

        /** The same page, made from {@code from}. */
        Entry from(Object from) {
            return new Entry(inputs, output, stamp, from);
        }
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    /** What every page of the render was made from besides its own source (see {@link #inputsOf}); null: unknown. */
    private final Object context;

    PageMemo(Object context) {
        this.context = context;
    }

    /** A memo with nothing in it: every page of the next render is rendered, and remembered. */
    public static PageMemo empty() {
        return new PageMemo(null);
    }

    /**
     * The inputs' digest of the page at {@code path} as remembered, without its model being made again, when the page
     * was made from a {@code source} equal to this one; else null (the model is made and digested). For a render
     * whose context this memo was {@link #madeIn}: the caller vouches that a page's model is a function of the
     * render's context (the data, the site settings, the templates' digest: everything but the editorial content)
     * and of its source alone (a lesson's page: the lesson), which is what the preview's re-renders of one edited
     * lesson among 10,000 save: 10,000 models made and digested.
     */
    Long inputsOf(String path, Object source) {
        Entry e = source == null ? null : entries.get(path);
        return e != null && source.equals(e.source()) ? e.inputs() : null;
    }

    /** Whether the render remembered here had {@code context} (see {@link #inputsOf}). */
    boolean madeIn(Object context) {
        return this.context != null && this.context.equals(context);
    }

    /** How many pages the memo knows. */
    public int size() {
        return entries.size();
    }

    /** Every page remembered, by path (a view). */
    Map<String, Entry> entries() {
        return java.util.Collections.unmodifiableMap(entries);
    }

    Entry get(String path) {
        return entries.get(path);
    }

    void put(String path, Entry entry) {
        entries.put(path, entry);
    }

    /** The digest of {@code bytes}. */
    static long digest(byte[] bytes) {
        Digest d = Digest.start();
        d.update(bytes);
        return d.value();
    }

    /**
     * The digest of the templates, every file of their folder as {@link Templates#snapshot} read it (its path and its
     * bytes, in path order): a template may include or import any other, so any change to any of them changes every
     * page's inputs.
     */
    static long templates(SortedMap<String, byte[]> files) {
        Digest d = Digest.start();
        files.forEach((name, bytes) -> {
            text(d, name);
            number(d, bytes.length);
            d.update(bytes);
        });
        return d.value();
    }

    /**
     * The digest of a page's inputs: the templates' digest, the template's name and the model, or null when the model
     * holds a value whose content this class does not know how to read (the page is then always rendered).
     */
    static Long inputs(long templates, String template, Map<String, Object> model) {
        Digest d = Digest.start();
        number(d, (int) (templates >>> 32));
        number(d, (int) templates);
        text(d, template);
        return value(d, model) ? d.value() : null;
    }

    /**
     * Feeds one model value, tagged with its kind and length so that different models cannot run together into the
     * same bytes; false for a value of another kind. Maps and collections go in their own order, the order a template
     * lists them in (two equal hash maps listed in different orders cost a page rendered again, nothing worse).
     */
    private static boolean value(Digest d, Object o) {
        if (o == null) {
            d.update((byte) 0);
        } else if (o instanceof CharSequence s) {
            d.update((byte) 1);
            text(d, s.toString());
        } else if (o instanceof Boolean b) {
            d.update((byte) 2);
            d.update((byte) (b ? 1 : 0));
        } else if (o instanceof Integer || o instanceof Long || o instanceof Short || o instanceof Byte
                || o instanceof BigInteger || o instanceof BigDecimal) {
            d.update((byte) 3);
            text(d, o.toString());
        } else if (o instanceof Double || o instanceof Float) {
            d.update((byte) 4);
            text(d, o.toString());
        } else if (o instanceof Enum<?> e) {
            d.update((byte) 5);
            text(d, e.getDeclaringClass().getName() + "." + e.name());
        } else if (o instanceof Map<?, ?> m) {
            d.update((byte) 6);
            number(d, m.size());
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!(e.getKey() instanceof String key)) {
                    return false;
                }
                text(d, key);
                if (!value(d, e.getValue())) {
                    return false;
                }
            }
        } else if (o instanceof Collection<?> c) {
            d.update((byte) 8);
            number(d, c.size());
            for (Object x : c) {
                if (!value(d, x)) {
                    return false;
                }
            }
        } else if (o instanceof Object[] a) {
            return value(d, Arrays.asList(a));
        } else {
            return false;
        }
        return true;
    }

    /** Feeds a string: its length in UTF-8 bytes, then those bytes. */
    private static void text(Digest d, String s) {
        if (d.ascii(s)) {
            return;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        number(d, b.length);
        d.update(b);
    }

    private static void number(Digest d, int n) {
        d.update((byte) (n >>> 24));
        d.update((byte) (n >>> 16));
        d.update((byte) (n >>> 8));
        d.update((byte) n);
    }

    /**
     * CRC-32 and CRC-32C of the same bytes, as one 64-bit value; the bytes are gathered and handed over in blocks
     * (a model is fed a few bytes at a time).
     */
    private static final class Digest {
        /**
         * Each thread's, begun afresh by {@link #start} (a digest is never begun inside another): at 10,000 pages a
         * new one for each page, its 16 KB block zeroed, took a tenth of the preview's digesting.
         */
        private static final ThreadLocal<Digest> OWN = ThreadLocal.withInitial(Digest::new);

        private final CRC32 crc = new CRC32();
        private final CRC32C crcC = new CRC32C();
        private final byte[] block = new byte[1 << 14];
        private int filled;

        static Digest start() {
            Digest d = OWN.get();
            d.crc.reset();
            d.crcC.reset();
            d.filled = 0;
            return d;
        }

        /**
         * Feeds a short ASCII string as {@link #text} would (its length, then its bytes, which are its characters)
         * straight into the block; false, having fed nothing, for a long string or one with another character.
         * Most of a model's strings are short labels: encoding each into an array of its own was a quarter of the
         * digesting.
         */
        boolean ascii(String s) {
            int n = s.length();
            if (n > 256 || block.length - filled < n + 4) {
                return false;
            }
            int at = filled + 4;
            for (int i = 0; i < n; i++) {
                char c = s.charAt(i);
                if (c >= 0x80) {
                    return false;
                }
                block[at + i] = (byte) c;
            }
            block[filled] = (byte) (n >>> 24);
            block[filled + 1] = (byte) (n >>> 16);
            block[filled + 2] = (byte) (n >>> 8);
            block[filled + 3] = (byte) n;
            filled = at + n;
            return true;
        }

        void update(byte b) {
            if (filled == block.length) {
                flush();
            }
            block[filled++] = b;
        }

        void update(byte[] bytes) {
            if (bytes.length > block.length - filled) {
                flush();
                if (bytes.length > block.length) {
                    crc.update(bytes);
                    crcC.update(bytes);
                    return;
                }
            }
            System.arraycopy(bytes, 0, block, filled, bytes.length);
            filled += bytes.length;
        }

        private void flush() {
            crc.update(block, 0, filled);
            crcC.update(block, 0, filled);
            filled = 0;
        }

        long value() {
            flush();
            return crc.getValue() << 32 | crcC.getValue();
        }
    }
}
