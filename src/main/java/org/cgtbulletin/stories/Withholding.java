package org.cgtbulletin.stories;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;

/**
 * Decides whether a de-identified text may be published. A text is withheld when what is left is too short to
 * be useful ({@link #MIN_NARRATIVE} or {@link #MIN_LESSON} characters besides placeholders), when it is too
 * damaged (more than a third of its words are placeholders), or when it still looks identifying: a capitalized
 * name beside a word such as "site", "facility", "Inc", "Ltd" or "GmbH", or beside a company word such as
 * "Therapeutics" or "Biologics", that no denylist term caught. Generic words ("the QC lab", "our apheresis
 * centre", "Manufacturing site") and all-capital acronyms ("the GMP facility") do not count as names.
 * A reason never quotes the text: the staff audit must not repeat a name.
 */
final class Withholding {

    /** Least characters of text (placeholders not counted) for a narrative to be useful. */
    static final int MIN_NARRATIVE = 40;
    /** Least characters of text (placeholders not counted) for a lesson to be useful. */
    static final int MIN_LESSON = 20;

    static final Set<String> LEGAL_SUFFIXES = Set.of("Inc", "Incorporated", "Ltd", "Limited", "LLC",
            "L.L.C", "LLP", "GmbH", "AG", "SA", "S.A", "SAS", "SARL", "S.r.l", "Srl", "BV", "B.V", "NV", "N.V", "plc",
            "PLC", "Corp", "Corporation", "Co", "Pty", "Pvt", "KG", "Oy", "SpA", "S.p.A", "KK", "K.K");
    static final Set<String> FACILITY_WORDS = Set.of("site", "facility", "facilities", "plant", "campus",
            "centre", "center", "hospital", "clinic", "laboratory", "laboratories", "lab", "labs", "institute",
            "university", "infirmary", "headquarters");
    static final Set<String> COMPANY_WORDS = Set.of("Therapeutics", "Biologics", "Biotherapeutics",
            "Biosciences", "Bioscience", "Biotech", "Biotechnology", "Pharma", "Pharmaceuticals", "Pharmaceutical",
            "BioPharma", "Biopharma", "Biopharmaceuticals", "Genomics", "Holdings", "Therapies", "Bio", "Biomedical",
            "Medicines", "Vaccines", "Biologicals", "Laboratories", "Labs");
    /** A name is looked for at most this many words before or after its facility or company word. */
    private static final int MAX_NAME_WORDS = 6;
    private static final Set<String> PLACE_PREPOSITIONS = Set.of("of", "in", "at", "near");
    private static final Set<String> GENERIC = Set.of("the", "a", "an", "this", "that", "these", "those", "our",
            "their", "its", "his", "her", "each", "every", "another", "one", "same", "both", "either", "neither",
            "any", "no", "some", "which", "whose", "at", "in", "on", "of", "from", "to", "by", "for", "with", "and",
            "or", "after", "before", "during", "when", "while", "then", "however", "also", "all", "later", "since",
            "main", "new", "old", "first", "second", "third", "other", "clinical", "collection", "manufacturing",
            "production", "processing", "receiving", "treating", "treatment", "partner", "vendor", "supplier",
            "customer", "contract", "backup", "back-up", "remote", "local", "satellite", "apheresis", "cell",
            "cells", "gene", "therapy", "therapies", "viral", "vector", "testing", "test", "grade", "quality",
            "control", "central", "regional", "external", "internal", "donor", "patient", "hospital", "infusion",
            "transplant", "storage", "distribution", "warehouse", "logistics", "shipping", "packaging", "filling",
            "fill", "finish", "cleanroom", "clean", "room", "research", "development", "analytical",
            "microbiology", "pilot", "commercial", "sterile", "aseptic", "cryo", "cryopreservation",
            "cryostorage", "cord", "blood", "bone", "marrow", "tissue", "site", "facility", "building", "floor",
            "suite", "area", "zone", "unit", "alternate", "alternative", "sending", "originating", "destination",
            "release", "stability", "biobank", "bank", "manufacturer", "north", "south", "east", "west",
            "upstream", "downstream", "plasmid", "cgmp", "gmp", "flow", "cytometry", "pharmacy",
            "courier", "airport", "customs", "hub", "depot", "transit", "sponsor", "investigator", "study",
            "trial", "oncology", "haematology", "hematology", "transfusion", "medicine", "medical", "university",
            "academic", "national", "reference", "contracted", "qualified", "licensed", "approved", "closed",
            "open", "automated", "manual", "january", "february", "march", "april", "may", "june", "july",
            "august", "september", "october", "november", "december", "monday", "tuesday", "wednesday",
            "thursday", "friday", "saturday", "sunday", "staff", "personnel", "operators", "operator", "team",
            "teams", "escalated", "found", "noted", "reported", "confirmed", "sent", "returned", "shipped",
            "received", "delivered", "ordered", "supplied", "visited", "audited", "contacted", "called",
            "informed", "notified", "agreed");

    private Withholding() {
    }

    /** Why a text must not be published, or null when it may be; {@code minimum} is the length it needs. */
    static String tooThin(String text, int minimum) {
        int placeholders = 0;
        int length = Deidentifier.collapse(text).length();
        if (text.indexOf('[') >= 0) {
            Matcher p = Deidentifier.PLACEHOLDER.matcher(text);
            StringBuilder rest = new StringBuilder(text.length());
            int last = 0;
            while (p.find()) {
                placeholders++;
                rest.append(text, last, p.start()).append(' ');
                last = p.end();
            }
            rest.append(text, last, text.length());
            length = Deidentifier.collapse(rest.toString()).length();
        }
        if (length < minimum) {
            return "too short after de-identification: " + length + " characters of text left (at least " + minimum
                    + " needed)";
        }
        int words = 0;
        boolean afterSpace = true;
        for (char c : text.toCharArray()) {
            boolean space = isWhitespace(c);
            if (!space && afterSpace) {
                words++;
            }
            afterSpace = space;
        }
        if (placeholders * 3 > words) {
            return "too damaged by de-identification: " + placeholders + " of " + words
                    + " words are placeholders (at most a third may be)";
        }
        return null;
    }

    /** Why a text still looks identifying (without quoting it), or null when it does not. */
    static String identifying(String text) {
        Words w = new Words(text);
        for (int k = 0; k < w.count; k++) {
            if (!w.mayBeMarker(k)) {
                continue; // most words: none of the checks below can match, so no string is made for them
            }
            String word = w.core(k);
            if (word.isEmpty()) {
                continue;
            }
            String before = null;
            String bare = stripDot(word);
            if (LEGAL_SUFFIXES.contains(word) || LEGAL_SUFFIXES.contains(bare)) {
                before = w.runBefore(k, true);
            } else if (FACILITY_WORDS.contains(bare.toLowerCase(Locale.ROOT))) {
                before = w.runBefore(k, false);
                if (before == null || !names(before)) {
                    String after = w.placeAfter(k);
                    if (after != null && names(after)) {
                        return "still looks identifying: a capitalized name after '" + bare.toLowerCase(Locale.ROOT)
                                + "' at character " + (w.start[k] + 1);
                    }
                }
            } else if (COMPANY_WORDS.contains(bare)) {
                before = w.runBefore(k, false);
            }
            if (before != null && names(before)) {
                return "still looks identifying: a capitalized name before '" + bare + "' at character "
                        + (w.start[k] + 1);
            }
        }
        return null;
    }

    /** {@link Character#isWhitespace(char)}, with ASCII answered without a table lookup. */
    static boolean isWhitespace(char c) {
        return c < 0x80 ? c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1C && c <= 0x1F) : Character.isWhitespace(c);
    }

    /** The hashes ({@link String#hashCode()}) of every marker word in lower case, sorted. */
    private static final int[] MARKER_HASHES;
    /** The shortest and the longest marker word. */
    private static final int[] MARKER_LENGTHS;

    static {
        Set<String> markers = new TreeSet<>();
        for (Set<String> words : List.of(LEGAL_SUFFIXES, FACILITY_WORDS, COMPANY_WORDS)) {
            words.forEach(word -> markers.add(word.toLowerCase(Locale.ROOT)));
        }
        MARKER_HASHES = markers.stream().mapToInt(String::hashCode).sorted().distinct().toArray();
        MARKER_LENGTHS = new int[] {markers.stream().mapToInt(String::length).min().orElseThrow(),
                markers.stream().mapToInt(String::length).max().orElseThrow()};
    }

    /** Whether the text's first word may be a marker word (see {@link Words#mayBeMarker}). */
    static boolean mayBeMarker(String word) {
        Words w = new Words(word);
        return w.count > 0 && w.mayBeMarker(0);
    }

    private static String stripDot(String word) {
        return word.endsWith(".") ? word.substring(0, word.length() - 1) : word;
    }

    /** The words of a text (separated by spaces), with the punctuation around each. */
    private static final class Words {
        final String text;
        final char[] chars;
        int count;
        int[] start = new int[32];
        int[] end = new int[32];

        Words(String text) {
            this.text = text;
            this.chars = text.toCharArray();
            int n = chars.length;
            int i = 0;
            while (i < n) {
                while (i < n && isWhitespace(chars[i])) {
                    i++;
                }
                int j = i;
                while (j < n && !isWhitespace(chars[j])) {
                    j++;
                }
                if (j > i) {
                    if (count == start.length) {
                        start = java.util.Arrays.copyOf(start, count * 2);
                        end = java.util.Arrays.copyOf(end, count * 2);
                    }
                    start[count] = i;
                    end[count] = j;
                    count++;
                }
                i = j;
            }
        }

        /** The word without the punctuation around it (a final dot of an abbreviation such as "Co." is kept). */
        String core(int k) {
            int a = coreStart(k);
            return text.substring(a, coreEnd(k, a));
        }

        private int coreStart(int k) {
            int a = start[k];
            while (a < end[k] && opening(chars[a])) {
                a++;
            }
            return a;
        }

        private int coreEnd(int k, int coreStart) {
            int b = end[k];
            while (b > coreStart && closing(chars[b - 1])) {
                b--;
            }
            return b;
        }

        /**
         * Whether word k, without its punctuation and a final dot, may be one of the legal suffixes, facility or
         * company words that {@link #identifying} looks for: false only when it certainly is none (its length or
         * its lower-case hash is no marker's); a word with a character beyond ASCII is always looked at.
         */
        boolean mayBeMarker(int k) {
            int a = coreStart(k);
            int b = coreEnd(k, a);
            if (b > a && chars[b - 1] == '.') {
                b--;
            }
            if (b - a < MARKER_LENGTHS[0] || b - a > MARKER_LENGTHS[1]) {
                return false;
            }
            int hash = 0;
            for (int i = a; i < b; i++) {
                char c = chars[i];
                if (c >= 0x80) {
                    return true;
                }
                hash = 31 * hash + (c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
            }
            return Arrays.binarySearch(MARKER_HASHES, hash) >= 0;
        }

        /** Whether word k ends a phrase (a comma, a full stop...) so that no name runs across it. */
        boolean ends(int k) {
            char last = chars[end[k] - 1];
            return ",;:!?)]}.\"".indexOf(last) >= 0;
        }

        /** Punctuation a word may start with: {@code ( [ { " '} and opening quotation marks. */
        private static boolean opening(char c) {
            return switch (c) {
                case '(', '[', '{', '"', '\'', '\u201C', '\u2018' -> true;
                default -> false;
            };
        }

        /** Punctuation a word may end with: {@code , ; : ! ? ) ] } " '} and closing quotation marks. */
        private static boolean closing(char c) {
            return switch (c) {
                case ',', ';', ':', '!', '?', ')', ']', '}', '"', '\'', '\u201D', '\u2019' -> true;
                default -> false;
            };
        }

        private boolean capitalized(int k) {
            String w = core(k);
            return !w.isEmpty() && Character.isUpperCase(w.charAt(0)) && !w.startsWith("[");
        }

        /** The capitalized words right before word k (an "&" may join them), or null. */
        String runBefore(int k, boolean commaAllowed) {
            int first = k;
            for (int i = k - 1; i >= Math.max(0, k - MAX_NAME_WORDS); i--) {
                boolean joiner = text.substring(start[i], end[i]).equals("&");
                boolean lastOfRun = i == k - 1;
                if (!joiner && !capitalized(i)) {
                    break;
                }
                if (ends(i) && !(lastOfRun && commaAllowed && text.charAt(end[i] - 1) == ',')) {
                    break;
                }
                first = i;
            }
            if (first == k) {
                return null;
            }
            return text.substring(start[first], end[k - 1]);
        }

        /** After a facility word: "in", "of", "at" or "near", an optional "the", then capitalized words, or null. */
        String placeAfter(int k) {
            if (ends(k) || k + 2 >= count || !PLACE_PREPOSITIONS.contains(core(k + 1)) || ends(k + 1)) {
                return null;
            }
            int i = k + 2;
            if (core(i).equals("the") && !ends(i)) {
                i++;
            }
            int first = i;
            int last = -1;
            while (i < count && i < k + 2 + MAX_NAME_WORDS && capitalized(i)) {
                last = i;
                if (ends(i)) {
                    break;
                }
                i++;
            }
            return last < 0 ? null : text.substring(start[first], end[last]);
        }
    }

    /** Whether a run of capitalized words holds a word that is neither generic nor an all-capital acronym. */
    private static boolean names(String run) {
        for (String word : run.split("\\s+")) {
            String w = word.replaceAll("^[(\\[{\"'\u201C\u2018]+|[,;:!?.)\\]}\"'\u201D\u2019&]+$", "")
                    .replaceAll("['\u2019]s$", "");
            if (w.isEmpty() || w.length() == 1) {
                continue;
            }
            boolean lower = false;
            for (int i = 0; i < w.length(); i++) {
                lower |= Character.isLowerCase(w.charAt(i));
            }
            if (lower && !GENERIC.contains(w.toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }
}
