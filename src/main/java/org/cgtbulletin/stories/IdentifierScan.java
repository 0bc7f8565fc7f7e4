package org.cgtbulletin.stories;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One pass over a text. Instead of running every pattern over the whole text, it visits the few places where
 * an identifier can start (a number, a {@code +} or {@code (}, a dot before a top-level domain, a lot or record
 * word, a telephone word, a title, a month name) and tries there only the patterns that can match, anchored.
 */
final class IdentifierScan {

    // ---- e-mail, handles, links ------------------------------------------------------------------------------
    /** The top-level domains an address or bare web address is recognised by. */
    private static final String TLD_NAMES = "com|org|net|edu|gov|int|io|bio|co|uk|de|fr|ch|nl|se|dk|fi|es|eu|ca|au"
            + "|jp|cn|info|biz|health|ie|pl|pt|kr|sg|il|ly|app|dev|tech|science|pharma|care|clinic|onl|online|site|ai";
    /**
     * A host name of an internal network (intranet.acmebio.local): two names or more before the suffix, so that a
     * sentence run on after its full stop ("stopped.Local staff") or a version ("v2.local") is not one.
     */
    private static final Pattern INTERNAL_HOST = Pattern.compile("(?i)(?<![a-z0-9.-])[a-z0-9][a-z0-9-]*"
            + "(?:\\.[a-z0-9][a-z0-9-]*)+\\.(?:local|internal|intranet|lan|corp|intra|localdomain)(?![a-z0-9])");
    private static final Pattern EMAIL = Pattern.compile(
            "(?<![\\p{L}\\p{N}._%+-])[\\p{L}\\p{N}._%+-]+@[\\p{L}\\p{N}-]+(?:\\.[\\p{L}\\p{N}-]+)+"
                    + "|(?<![\\p{L}\\p{N}._%+-])[\\p{L}\\p{N}._%+-]+\\s?[\\[(]\\s?(?i:at)\\s?[\\])]\\s?[\\p{L}\\p{N}-]+"
                    + "(?:\\s?[\\[(]\\s?(?i:dot)\\s?[\\])]\\s?[\\p{L}\\p{N}-]+)+");
    /** Anything else with an at sign inside a word: jdoe@[192.168.0.1], jdoe@localhost. */
    private static final Pattern EMAIL_LOOSE = Pattern.compile(
            "(?<![\\p{L}\\p{N}._%+-])[\\p{L}\\p{N}._%+-]+@[^\\s,;<>()\"']+");
    /** An address with spaces around its at sign: j.doe @ example-bio.com (its last label letters only). */
    private static final Pattern EMAIL_SPACED = Pattern.compile("(?<![\\p{L}\\p{N}._%+-])[\\p{L}\\p{N}._%+-]+"
            + "(?:\\s@\\s?|@\\s)[\\p{L}\\p{N}-]+(?:\\.[\\p{L}\\p{N}-]+)*\\.\\p{L}{2,}(?![\\p{L}\\p{N}-]|\\.\\p{L})");
    /** An address with "at" for its at sign: jane.doe at acme.com (a dotted name, a known top-level domain). */
    private static final Pattern EMAIL_AT_WORD = Pattern.compile("(?<![\\p{L}\\p{N}._%+-])[\\p{L}\\p{N}_%+-]+"
            + "(?:\\.[\\p{L}\\p{N}_%+-]+)+\\s(?i:at)\\s[\\p{L}\\p{N}-]+(?:\\.[\\p{L}\\p{N}-]+)*\\.(?i:" + TLD_NAMES
            + ")(?![\\p{L}\\p{N}])");
    /** An address spelled out: jane dot doe at acme dot com (ending in a known top-level domain). */
    private static final Pattern EMAIL_SPELLED = Pattern.compile("(?i)(?<![\\p{L}\\p{N}.])[\\p{L}\\p{N}_.-]+"
            + "(?:\\s(?:dot|\\.)\\s[\\p{L}\\p{N}_-]+)*\\s(?:at)\\s[\\p{L}\\p{N}-]+(?:\\sdot\\s[\\p{L}\\p{N}-]+)*"
            + "\\sdot\\s(?:" + TLD_NAMES + ")(?![\\p{L}\\p{N}])");
    /** A web address written "defanged": example[.]com, example(.)com, example[dot]com. */
    private static final Pattern DEFANGED_DOMAIN = Pattern.compile("(?i)(?<![\\p{L}\\p{N}-])(?:[a-z0-9-]+"
            + "(?:\\[\\.\\]|\\(\\.\\)|\\[dot\\]|\\(dot\\)|\\.))+(?:" + TLD_NAMES + ")(?![a-z0-9])");
    private static final Pattern HANDLE = Pattern.compile("(?<![\\p{L}\\p{N}._@-])@[A-Za-z][A-Za-z0-9_]{1,30}");
    private static final String TLD = TLD_NAMES;
    private static final Set<String> TLDS = Set.of(TLD.split("\\|"));
    private static final Pattern SCHEME_LINK = Pattern.compile(
            "(?i)\\b(?:https?|s?ftp|file|smb|ssh)://[^\\s<>\"]*"
                    + "|\\bwww\\d{0,3}\\.[^\\s<>\"]+"
                    + "|(?:javascript|vbscript|livescript)\\s*:[^\\s]*"
                    + "|\\b(?:mailto|tel|sms|callto):[^\\s]+"
                    + "|\\bdata:[a-z]+/[a-z0-9.+-]+[;,][^\\s]*");
    private static final Pattern BARE_DOMAIN = Pattern.compile("(?i)"
            + "(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+(?:" + TLD + ")(?:/[^\\s<>\"]*)?(?![a-z0-9])");

    // ---- telephone numbers -----------------------------------------------------------------------------------
    private static final String EXT = "(?:\\s?(?:ext\\.?|x)\\s?\\d{1,5})?";
    /** A number may follow a letter (a typo such as "tel0207..." must not hide it), not a digit or a separator. */
    private static final String NOT_AFTER = "(?<![\\p{N}+.,/-])";
    private static final String NOT_BEFORE = "(?![\\p{L}\\p{N}]|[.,/-]\\d)";
    /** Telephone forms, each with its least and greatest number of digits. */
    private static final List<PhoneForm> PHONES = List.of(
            // international: +44 20 7946 0958, +1 (617) 555-0143, +49 (0)30 1234567
            new PhoneForm("(?<!\\+)\\+\\d{1,3}(?:[ .\\n-]?\\(?\\d{1,4}\\)?){2,6}" + EXT, 8, 20),
            // 00 international: 0044 20 7946 0958
            new PhoneForm(NOT_AFTER + "00\\d{1,3}(?:[ .\\n-]?\\(?\\d{1,4}\\)?){2,6}" + EXT + NOT_BEFORE, 10, 20),
            // North American: (617) 555-0143, 617-555-0143, 617.555.0143, 1-800-555-0199
            new PhoneForm(NOT_AFTER + "(?:1[ .-])?(?:\\(\\d{3}\\)\\s?|\\d{3}[ .\\n-])\\d{3}[ .\\n-]\\d{4}" + EXT
                    + NOT_BEFORE, 10, 16),
            // national with a trunk 0: 020 7946 0958, 030/1234567, 01 23 45 67 89
            new PhoneForm(NOT_AFTER + "0\\d{1,4}(?:[ /\\n-]\\d{2,8}){1,4}" + NOT_BEFORE, 9, 13),
            // after a telephone word: tel. 5550143, call 555 0143, ext. 4411
            new PhoneForm("(?i:tel|telephone|phone|mobile|fax|call|ext|extension|whatsapp|hotline|dial)\\.?:?\\s"
                    + "(?:(?i:on|at|no\\.?|number)\\s)?([+(]?\\d[\\d ().\\n-]{2,}\\d)", 4, 20));

    private record PhoneForm(Pattern pattern, int minDigits, int maxDigits) {
        PhoneForm(String regex, int minDigits, int maxDigits) {
            this(Pattern.compile(regex), minDigits, maxDigits);
        }
    }

    // ---- dates -----------------------------------------------------------------------------------------------
    private static final String[] MONTHS = {"January", "February", "March", "April", "May", "June", "July",
        "August", "September", "October", "November", "December"};
    private static final String MONTH;
    private static final String FULL_MONTH;
    private static final String UPPER_MONTH;

    static {
        StringBuilder m = new StringBuilder("(?:");
        StringBuilder f = new StringBuilder("(?:");
        StringBuilder u = new StringBuilder("(?:");
        for (String name : MONTHS) {
            m.append(name).append('|').append(name.toUpperCase(Locale.ROOT)).append('|');
            f.append(name).append('|');
        }
        m.setLength(m.length() - 1);
        m.append(")(?!\\p{L})|(?:");
        for (String abbr : new String[] {"Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sept", "Sep", "Oct",
            "Nov", "Dec"}) {
            m.append(abbr).append('|');
            u.append(abbr.toUpperCase(Locale.ROOT)).append('|');
        }
        m.setLength(m.length() - 1);
        f.setLength(f.length() - 1);
        MONTH = m.append(")(?!\\p{L})\\.?").toString(); // only an abbreviation takes a dot
        FULL_MONTH = f.append(")(?![\\p{L}\\p{N}])").toString();
        u.setLength(u.length() - 1);
        UPPER_MONTH = u.append(")").toString();
    }

    private static final String ORDINAL = "(?:st|nd|rd|th)?";
    private static final String YEAR = "((?:19|20)\\d{2})";
    /** 14 March 2025, 14th of March, 14-Mar-2025, 14-16 March 2025, the 3rd of May. */
    private static final Pattern DAY_MONTH = Pattern.compile("(?<!\\p{N})(?:the\\s)?(?:\\d{1,2}" + ORDINAL
            + "\\s?(?:-|\u2013|to|and)\\s?)?(\\d{1,2})" + ORDINAL + "(?:\\s(?:of\\s)?|-|/|\\.\\s?)(" + MONTH + ")"
            + "(?:(?:,\\s?|\\s|-|/)" + YEAR + "|\\s'(\\d{2}))?(?![\\p{L}\\p{N}])");
    /** March 14, 2025; March 14; Mar 14-16 2025. */
    private static final Pattern MONTH_DAY = Pattern.compile("(?<![\\p{L}\\p{N}-])(" + MONTH + ")\\s(\\d{1,2})"
            + ORDINAL + "(?:\\s?(?:-|\u2013)\\s?\\d{1,2}" + ORDINAL + ")?(?:,?\\s" + YEAR + ")?(?![\\p{L}\\p{N}])");
    /** 14-MAR-2025, 14 MAR 25: the upper-case abbreviation only in the record form with a year. */
    private static final Pattern RECORD_DATE = Pattern.compile("(?<![\\p{N}/.-])(\\d{1,2})([- ])(" + UPPER_MONTH
            + ")\\2(?:" + YEAR + "|(\\d{2}))(?![\\p{L}\\p{N}/-])");
    /** March 2025, Mar. 2025. */
    private static final Pattern MONTH_YEAR = Pattern.compile("(?<![\\p{L}\\p{N}])(" + MONTH + "),?\\s" + YEAR
            + "(?![\\p{L}\\p{N}])");
    /** A month named after a preposition: in March, mid-March, by the end of September (group 1). */
    private static final Pattern MONTH_ALONE = Pattern.compile("(?:(?i:in|during|since|until|till|by|from"
            + "|through|early|late|end\\sof|start\\sof|beginning\\sof|middle\\sof)\\s|(?i:mid)-)(" + FULL_MONTH + ")");
    /** 2025-03-14, 2025/03/14, 2025.03.14, with an optional time. */
    private static final Pattern ISO_DATE = Pattern.compile("(?<![\\p{N}/.-])" + YEAR
            + "([-/.])(\\d{1,2})\\2(\\d{1,2})(?:[T ]\\d{1,2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?(?:Z|[+-]\\d{2}:?\\d{2})?)?"
            + "(?![\\p{L}\\p{N}/-]|\\.\\d)");
    /** 2025-03 (a month). */
    private static final Pattern YEAR_MONTH = Pattern.compile("(?<![\\p{N}/.-])" + YEAR
            + "[-/](0[1-9]|1[0-2])(?![\\p{L}\\p{N}/-]|\\.\\d)");
    /**
     * 14/03 or 03/14: a day and month of two digits each, without a year (so not 1/2, 3/4 or 24/7); or 14.03. or
     * 1.03., as German and Dutch write a day and month (the month of two digits and the second dot tell it from a
     * decimal number at the end of a sentence: "rose by 1.5." stays). Only after a word that introduces a date, in
     * English or in the languages of {@link #ANY_MONTHS} (am 11.08., seit dem 11.08., op 11.08., le 11/08).
     */
    private static final String DATE_WORDS = "on|by|from|until|till|since|dated|before|after|between|am|vom|bis|ab"
            + "|seit|zum|dem|den|zwischen|und|le|du|au|depuis|el|del|al|desde|hasta|entre|il|dal|tra|fra|em|ate|at\u00E9"
            + "|dia|op|van|tot|t/m|sinds|vanaf|per|mon|monday|tue|tues|tuesday|wed|wednesday|thu|thurs|thursday|fri"
            + "|friday|sat|saturday|sun|sunday";
    /** A word that introduces a date, and what follows it before the number: a space, or an elided article's mark. */
    private static final String DATE_WORD = "\\b(?i:" + DATE_WORDS + ")\\s|\\b(?i:dall|all|nell|l|d)['\u2019]";
    /** A word that introduces a date, before a number (a space between, or an elided article: dall'11/08, l'11.08.). */
    private static final String AFTER_DATE_WORD = "(?<=" + DATE_WORD + ")";
    /** The end of a range of short dates: 11.08.-14.08., 11.08. and 14.08., 11/08 to 14/08. */
    private static final String RANGE = "\\s?(?:-|\u2013|(?i:to|and|und|bis|au|al|a|tot|et|y|e))\\s?";
    private static final Pattern SHORT_NUMERIC_DATE = Pattern.compile(AFTER_DATE_WORD + "(?:(\\d{2})/(\\d{2})"
            + "(?![\\p{L}\\p{N}/-]|[.,]\\d)(?:" + RANGE + "\\d{2}/\\d{2}(?![\\p{L}\\p{N}/-]|[.,]\\d))?"
            + "|(\\d{1,2})\\.(\\d{2})\\.(?![\\p{N}]|\\p{L}|\\s?(?:19|20)\\d{2})(?:" + RANGE
            + "\\d{1,2}\\.\\d{2}\\.(?![\\p{N}]|\\p{L}))?)");
    /** 11.08.-14.08.: two days and months in a range, a date without a word before it. */
    private static final Pattern DOTTED_RANGE = Pattern.compile("(?<![\\p{N}.,])(\\d{1,2})\\.(\\d{2})\\.\\s?[-\u2013]"
            + "\\s?(\\d{1,2})\\.(\\d{2})\\.(?![\\p{N}]|\\p{L})");
    /** A word that introduces a date, right before a number: what a day and month with a two-digit year needs. */
    private static final Pattern DATE_WORD_BEFORE = Pattern.compile("(?:" + DATE_WORD + ")$");
    /**
     * 14/03/2025, 03/14/2025, 14.03.2025, 14-03-2025, 14/03/25; and 14.03.25 or 14-03-25 after a word that
     * introduces a date (on, am, le...), since without one such numbers are more often versions, clauses, passages
     * or dilutions (3.12.10, 7-10-14).
     */
    private static final Pattern NUMERIC_DATE = Pattern.compile("(?<![\\p{N}/.-])(\\d{1,2})([/.-])(\\d{1,2})\\2(?:"
            + YEAR + "|(\\d{2}))(?![\\p{L}\\p{N}/-]|\\.\\d)");
    /** A word before a number that makes 2.10.15 a version rather than a date. */
    private static final Pattern VERSION_WORD = Pattern.compile("(?i)(?:version|ver|firmware|software|release|build"
            + "|rev|revision|v)\\.?\\s?$");

    // ---- lots, batches, other identifiers --------------------------------------------------------------------
    private static final Pattern LOT_WORD = Pattern.compile(
            "(?:\\b(?i:lots?|batch(?:es)?|serials?|lot/batch|kits?|charge|chargen|chargennummer)\\b"
                    + "|\\b(?:S/N|SN|LN|BN|L/N|B/N)\\b)"
                    + "(?:[\\s-]?(?i:no\\.?|nos\\.?|numbers?|nr\\.?|num\\.?|n°|nº|id|code|ref\\.?)|\\s?#)?"
                    + "\\s?[:#=]?\\s?");
    private static final Pattern ID_WORD = Pattern.compile(
            "(?:\\b(?i:deviations?|dev|capa|ncr|oos|oot|investigations?|complaints?|change\\scontrol|cc|tickets?"
                    + "|records?|reports?|ref|reference|patients?|subjects?|donors?|din|coi|isbt|specimens?"
                    + "|work\\sorder|orders?|sample\\sid|case)\\b|\\bPO\\b)"
                    + "(?:\\s?(?i:no\\.?|nos\\.?|numbers?|nr\\.?|num\\.?|id|code)|\\s?#)?\\s?[:#=]?\\s?");
    private static final Pattern LIST_SEPARATOR = Pattern.compile("\\s?(?:,|/|&|\\band\\b|\\bor\\b)\\s?");
    private static final Pattern UNIT_NUMBER = Pattern.compile("\\d+(?:[.,]\\d+)?(?i:ml|l|ul|µl|μl|nl|dl|mg|g|kg"
            + "|ug|µg|μg|ng|pg|mm|um|µm|μm|nm|cm|m|km|mmol|mol|mm|mM|um|nM|pm|rpm|xg|x|h|hr|hrs|min|mins|s|sec|secs"
            + "|ms|d|days|wk|wks|iu|u|ku|mu|kda|da|bp|kb|mb|gb|k|c|f|v|mv|w|kw|pa|kpa|bar|psi|lux|ppm|ppb|cells|vg"
            + "|tu|gc|ifu|pfu|cfu|fold|st|nd|rd|th|s|mosm|hz|khz|mhz|ml/min|l/min|gy|lbs?|oz|ft|in|p)");
    private static final Pattern SCIENTIFIC = Pattern.compile(
            "\\d+(?:[.,]\\d+)?(?:[xX\u00D7]10(?:[eE^]?[+-]?\\d+)?|[eE][+-]?\\d+)");
    private static final Pattern PERIOD_CODE = Pattern.compile("(?i)(?:19|20)\\d{2}-?(?:q[1-4]|h[12])"
            + "|(?:q[1-4]|h[12]|fy|cy)-?(?:19|20)?\\d{2}");
    private static final Pattern LOT_PREFIX = Pattern.compile("(?i)(?:lot|batch|bn|ln|sn|serial)[-_#./]?\\d.*");

    // ---- titled names ----------------------------------------------------------------------------------------
    private static final String PARTICLES = "(?:(?:van|von|de|der|den|da|di|du|la|le|del|della|ten|ter|bin|al|el)\\s)*";
    private static final String NAME_WORD = "(?:[dDlLoO]['\u2019])?\\p{Lu}\\p{L}*(?:['\u2019]\\p{Lu}\\p{L}*)?"
            + "(?:-\\p{Lu}\\p{L}*)?";
    /** A German degree between the title and the name: Dr. med., Dr. rer. nat. */
    private static final String DEGREE = "(?:\\p{Ll}{2,5}\\.\\s?){0,2}";
    /**
     * A title and a name. Doctor and professor in any case (a report written in capitals, or hastily), also glued
     * to the name after their dot ({@code Dr.Smith}) and with a German degree ({@code Dr.-Ing. Weber}); the name
     * capitalized (or in capitals), or after {@code dr.} or {@code prof.} in lower case too ({@code dr. smith}).
     * The other titles only as written, since in lower case or capitals they are mostly other words ({@code ms},
     * {@code MS} for mass spectrometry).
     */
    private static final Pattern TITLED = Pattern.compile("\\b(?:(?:(?i:professor|prof|doctor|drs|dr|dipl)|Mrs|Mr|Ms|Mx"
            + "|Miss|Sir|Dame|Mme|Mlle|Herr|Frau)(?:\\.(?:-\\p{L}+\\.?)?\\s*|\\s)" + DEGREE + PARTICLES
            + "(?:\\p{Lu}\\.\\s?)*"
            + NAME_WORD + "(?:\\s" + PARTICLES + NAME_WORD + ")?|(?i:prof|dr)\\.\\s?\\p{Ll}\\p{L}*)");

    // ---- the scan ------------------------------------------------------------------------------------------------

    private static final Set<String> TITLES = Set.of("Professor", "Prof", "Mrs", "Mr", "Ms", "Mx", "Miss", "Dr",
            "Sir", "Dame", "Mme", "Mlle", "Herr", "Frau", "Doctor", "Drs", "Dipl");
    /** The titles {@link #TITLED} takes in any case, folded. */
    private static final Set<String> ANY_CASE_TITLES = Set.of("professor", "prof", "doctor", "drs", "dr", "dipl");
    private static final Set<String> LOT_KEYS = Set.of("lot", "lots", "batch", "batches", "serial", "serials", "sn",
            "ln", "bn", "s", "l", "b", "kit", "kits", "charge", "chargen", "chargennummer");
    private static final Set<String> ID_KEYS = Set.of("deviation", "deviations", "dev", "capa", "ncr", "oos", "oot",
            "investigation", "investigations", "complaint", "complaints", "change", "cc", "ticket", "tickets",
            "record", "records", "report", "reports", "ref", "reference", "patient", "patients", "subject",
            "subjects", "donor", "donors", "din", "coi", "isbt", "specimen", "specimens", "work", "order", "orders",
            "sample", "case", "po");
    private static final Set<String> PHONE_KEYS = Set.of("tel", "telephone", "phone", "mobile", "fax", "call", "ext",
            "extension", "whatsapp", "hotline", "dial");
    private static final Set<String> MONTH_KEYS = Set.of("in", "during", "since", "until", "till", "by", "from",
            "through", "early", "late", "end", "start", "beginning", "middle", "mid");
    private static final Map<String, Integer> MONTH_WORDS = new HashMap<>();
    private static final int LOT_ACTION = 1;
    private static final int ID_ACTION = 2;
    private static final int PHONE_ACTION = 4;
    private static final int MONTH_AFTER_ACTION = 8;
    private static final int THE_ACTION = 16;
    private static final int TITLE_ACTION = 32;
    private static final int MONTH_ACTION = 64;
    private static final int ANY_MONTH_ACTION = 128;
    /**
     * Months by name, folded (no accents, any case): English, French, German, Spanish, Italian, Dutch and
     * Portuguese; each as {@code month + 100 * what it needs} besides the name ({@link #EITHER}, {@link #A_YEAR},
     * {@link #BOTH}): a full name or an English abbreviation is a date with a day before or after it or a year after
     * it; the English words that are also verbs ("march", "may") need a year after them; other languages'
     * abbreviations, many of them words of other meanings ("set", "out", "mag"), a year after them and a day
     * before them or an abbreviation's dot ({@code Okt. 2026}).
     */
    private static final Map<String, Integer> ANY_MONTHS = new HashMap<>();
    private static final int EITHER = 0;
    private static final int A_YEAR = 1;
    private static final int BOTH = 2;

    static {
        String[][] names = {
            {"january", "janvier", "januar", "janner", "enero", "gennaio", "januari", "janeiro"},
            {"february", "fevrier", "februar", "febrero", "febbraio", "februari", "fevereiro"},
            {"mars", "marz", "maerz", "marzo", "maart", "marco"},
            {"april", "avril", "abril", "aprile"},
            {"mai", "mayo", "maggio", "mei", "maio"},
            {"june", "juin", "juni", "junio", "giugno", "junho"},
            {"july", "juillet", "juli", "julio", "luglio", "julho"},
            {"august", "aout", "agosto", "augustus"},
            {"september", "septembre", "septiembre", "setiembre", "settembre", "setembro"},
            {"october", "octobre", "oktober", "octubre", "ottobre", "outubro"},
            {"november", "novembre", "noviembre", "novembro"},
            {"december", "decembre", "dezember", "diciembre", "dicembre", "dezembro"}};
        String[][] abbreviations = {
            {"janv", "ene"},
            {"fevr", "fev", "febr"},
            {"mrz", "mrt"},
            {"avr", "abr"},
            {"mag"},
            {"giu"},
            {"juil", "lug"},
            {"ago"},
            {"set"},
            {"okt", "ott", "out"},
            {},
            {"dez", "dic"}};
        String[][] english = {{"jan"}, {"feb"}, {"mar"}, {"apr"}, {}, {"jun"}, {"jul"}, {"aug"}, {"sep", "sept"},
            {"oct"}, {"nov"}, {"dec"}};
        for (int month = 1; month <= 12; month++) {
            for (String name : abbreviations[month - 1]) {
                ANY_MONTHS.put(name, month + 100 * BOTH);
            }
            for (String name : english[month - 1]) {
                ANY_MONTHS.put(name, month + 100 * EITHER);
            }
            for (String name : names[month - 1]) {
                ANY_MONTHS.put(name, month + 100 * EITHER);
            }
        }
        ANY_MONTHS.put("march", 3 + 100 * A_YEAR);
        ANY_MONTHS.put("may", 5 + 100 * A_YEAR);
    }

    /** A day before a month's name in any of those languages: 11 août, 11. März, 3 de marzo, 3rd of april. */
    private static final Pattern DAY_BEFORE_MONTH = Pattern.compile("(?<![\\p{N}.,/-])(\\d{1,2})(?:\\.|er|re|e|º|ª"
            + "|st|nd|rd|th)?\\s(?:(?i:de|del|of|the)\\s)?$");
    /** A day after a month's name, and perhaps a year: aug 11, march 14, 2025, okt. 3 2026. */
    private static final Pattern DAY_AFTER_MONTH = Pattern.compile("\\.?\\s(\\d{1,2})(?:st|nd|rd|th)?(?:,?\\s"
            + YEAR + ")?(?![\\p{L}\\p{N}]|[.,:]\\d)");
    /** A year after a month's name: août 2026, März 2026, marzo de 2026, april, 2026. */
    private static final Pattern YEAR_AFTER_MONTH = Pattern.compile("\\.?,?\\s(?:(?i:de|del|of)\\s)?" + YEAR
            + "(?![\\p{L}\\p{N}])");
    /**
     * Every word that starts a pattern (folded), with what it may start. The de-identifier finds them with the
     * denylist terms, in one automaton pass, and hands each to {@link #keyword}.
     */
    static final Map<String, Integer> KEYWORDS;

    static {
        String[] abbreviations = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
        for (int i = 0; i < 12; i++) {
            MONTH_WORDS.put(MONTHS[i], i + 1);
            MONTH_WORDS.put(MONTHS[i].toUpperCase(Locale.ROOT), i + 1);
            MONTH_WORDS.put(abbreviations[i], i + 1);
        }
        MONTH_WORDS.put("Sept", 9);
        Map<String, Integer> actions = new java.util.TreeMap<>();
        LOT_KEYS.forEach(k -> actions.merge(k, LOT_ACTION, (a, b) -> a | b));
        ID_KEYS.forEach(k -> actions.merge(k, ID_ACTION, (a, b) -> a | b));
        PHONE_KEYS.forEach(k -> actions.merge(k, PHONE_ACTION, (a, b) -> a | b));
        MONTH_KEYS.forEach(k -> actions.merge(k, MONTH_AFTER_ACTION, (a, b) -> a | b));
        actions.merge("the", THE_ACTION, (a, b) -> a | b);
        TITLES.forEach(k -> actions.merge(k.toLowerCase(Locale.ROOT), TITLE_ACTION, (a, b) -> a | b));
        MONTH_WORDS.keySet().forEach(k -> actions.merge(k.toLowerCase(Locale.ROOT), MONTH_ACTION, (a, b) -> a | b));
        ANY_MONTHS.keySet().forEach(k -> actions.merge(k, ANY_MONTH_ACTION, (a, b) -> a | b));
        KEYWORDS = java.util.Collections.unmodifiableMap(actions);
    }

    private static final int PHONE_INTERNATIONAL = 0;
    private static final int PHONE_00 = 1;
    private static final int PHONE_NORTH_AMERICA = 2;
    private static final int PHONE_NATIONAL = 3;
    private static final int PHONE_WORD = 4;

    private final String s;
    /** The text's characters: read by index far more often than anything else here. */
    private final char[] t;
    private final int n;
    private final Spans spans;
    private final Map<Pattern, Matcher> matchers = new HashMap<>();

    IdentifierScan(String s, Spans spans) {
        this.s = s;
        this.t = s.toCharArray();
        this.n = t.length;
        this.spans = spans;
    }

    void run() {
        if (s.indexOf('@') >= 0) {
            find(EMAIL, IdentifierKind.EMAIL);
            find(EMAIL_SPACED, IdentifierKind.EMAIL);
            find(EMAIL_LOOSE, IdentifierKind.EMAIL);
            find(HANDLE, IdentifierKind.NAME);
        } else if (s.indexOf("at]") >= 0 || s.indexOf("at)") >= 0 || s.indexOf("AT]") >= 0
                || s.indexOf("AT)") >= 0) {
            find(EMAIL, IdentifierKind.EMAIL);
        }
        String lower = s.indexOf(" dot ") >= 0 || s.indexOf(" DOT ") >= 0 || s.indexOf(" Dot ") >= 0
                || s.indexOf("[.]") >= 0 || s.indexOf("(.)") >= 0 || s.indexOf("dot]") >= 0 || s.indexOf("dot)") >= 0
                ? s.toLowerCase(Locale.ROOT) : null;
        if (lower != null && lower.contains(" dot ") && lower.contains(" at ")) {
            find(EMAIL_SPELLED, IdentifierKind.EMAIL);
        }
        if (s.indexOf(" at ") >= 0 || s.indexOf(" AT ") >= 0 || s.indexOf(" At ") >= 0) {
            find(EMAIL_AT_WORD, IdentifierKind.EMAIL);
        }
        if (internalSuffix()) {
            find(INTERNAL_HOST, IdentifierKind.LINK);
        }
        if (lower != null && (lower.contains("[.]") || lower.contains("(.)") || lower.contains("[dot]")
                || lower.contains("(dot)"))) {
            find(DEFANGED_DOMAIN, IdentifierKind.LINK);
        }
        if (s.indexOf(':') >= 0 || s.indexOf("www") >= 0 || s.indexOf("WWW") >= 0) {
            find(SCHEME_LINK, IdentifierKind.LINK);
        }
        int domainEnd = 0;
        for (int i = 0; i < n; i++) {
            char c = t[i];
            if (c >= '0' && c <= '9') {
                if (i == 0 || !isDigit(t[i - 1])) {
                    number(i); // also after a letter: dates and numbers glued to a word are still found
                }
            } else if (c == '+') {
                phone(PHONE_INTERNATIONAL, i);
            } else if (c == '(') {
                phone(PHONE_NORTH_AMERICA, i);
            } else if (c == '.') {
                if (i >= domainEnd) {
                    domainEnd = domain(i);
                }
            }
        }
        freeStanding(t, spans);
    }

    private void find(Pattern p, IdentifierKind kind) {
        Matcher m = p.matcher(s);
        while (m.find()) {
            int end = kind == IdentifierKind.LINK || p == EMAIL_LOOSE ? trimTrailing(t, m.start(), m.end())
                    : m.end();
            spans.add(m.start(), end, kind, null);
        }
    }

    /** The pattern's match starting exactly at {@code i}, or null. */
    private Matcher at(Pattern p, int i) {
        Matcher m = matchers.get(p);
        if (m == null) {
            m = p.matcher(s);
            m.useTransparentBounds(true);
            m.useAnchoringBounds(false);
            matchers.put(p, m);
        }
        m.region(i, n);
        return m.lookingAt() ? m : null;
    }

    private boolean digitWithin(int from, int length) {
        for (int k = from; k < Math.min(n, from + length); k++) {
            char c = t[k];
            if (c >= '0' && c <= '9') {
                return true;
            }
        }
        return false;
    }

    /**
     * At the first digit of a number: dates and telephone numbers. Each pattern is tried only where the digits
     * and the character after them allow it to match (most numbers in a narrative are none of these).
     */
    private void number(int i) {
        char c = t[i];
        int digits = 1;
        while (i + digits < n && t[i + digits] >= '0' && t[i + digits] <= '9') {
            digits++;
        }
        char next = i + digits < n ? t[i + digits] : '\0';
        if (digits == 4 && (next == '-' || next == '/' || next == '.')) {
            isoDate(i, c);
        }
        if (digits <= 2) {
            dayFirst(i, next);
        }
        if (digits == 8 && (i == 0 || !Character.isLetterOrDigit(t[i - 1]))
                && (next == '\0' || !Character.isLetterOrDigit(next))) {
            compactDate(i);
        }
        if (c == '0' && digits >= 3 && t[i + 1] == '0') {
            phone(PHONE_00, i); // 00, one to three digits, then more digits (separated or not)
        }
        if (c == '0' && digits >= 2 && digits <= 5 && (next == ' ' || next == '/' || next == '-' || next == '\n')) {
            phone(PHONE_NATIONAL, i); // 0, one to four digits, a separator
        }
        if ((digits == 3 || digits == 1 && c == '1') && (next == ' ' || next == '.' || next == '-' || next == '\n')) {
            phone(PHONE_NORTH_AMERICA, i);
        }
    }

    /**
     * 20250314 or 14032025: eight digits that are a real day of 1900 to 2099, year first or last, as a system's export
     * writes dates.
     */
    private void compactDate(int i) {
        int year = Integer.parseInt(s, i, i + 4, 10);
        int month = Integer.parseInt(s, i + 4, i + 6, 10);
        int day = Integer.parseInt(s, i + 6, i + 8, 10);
        if (year >= 1900 && year <= 2099 && month >= 1 && month <= 12 && valid(day, month)) {
            date(s, spans, i, i + 8, Integer.toString(year), month, month);
            return;
        }
        day = Integer.parseInt(s, i, i + 2, 10);
        month = Integer.parseInt(s, i + 2, i + 4, 10);
        year = Integer.parseInt(s, i + 4, i + 8, 10);
        if (year >= 1900 && year <= 2099 && month >= 1 && month <= 12 && valid(day, month)) {
            date(s, spans, i, i + 8, Integer.toString(year), month, month);
        }
    }

    /** Whether a dot is followed by the suffix of an internal network's host names (see {@link #INTERNAL_HOST}). */
    private boolean internalSuffix() {
        for (int dot = s.indexOf('.'); dot >= 0; dot = s.indexOf('.', dot + 1)) {
            for (String suffix : new String[] {"local", "intra", "internal", "lan", "corp"}) {
                if (s.regionMatches(true, dot + 1, suffix, 0, suffix.length())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** 2025-03-14 or 2025-03 at four digits and a separator. */
    private void isoDate(int i, char c) {
        Matcher m;
        if ((c == '1' || c == '2') && (m = at(ISO_DATE, i)) != null) {
            int month = Integer.parseInt(m.group(3));
            if (valid(Integer.parseInt(m.group(4)), month)) {
                date(s, spans, m.start(), m.end(), m.group(1), month, month);
            }
        }
        if ((c == '1' || c == '2') && (m = at(YEAR_MONTH, i)) != null) {
            int month = Integer.parseInt(m.group(2));
            date(s, spans, m.start(), m.end(), m.group(1), month, month);
        }
    }

    /** Dates that start with a day or month of one or two digits: 14/03/2025, 14 March 2025, 14-MAR-2025. */
    private void dayFirst(int i, char next) {
        Matcher m;
        if ((next == '/' || next == '.' || next == '-') && (m = at(NUMERIC_DATE, i)) != null
                && (m.group(5) == null || next == '/' || afterDateWord(i) && !version(i))) {
            int a = Integer.parseInt(m.group(1));
            int b = Integer.parseInt(m.group(3));
            String year = m.group(4) != null ? m.group(4) : "20" + m.group(5);
            boolean dayMonth = valid(a, b);
            boolean monthDay = valid(b, a);
            if (dayMonth || monthDay) {
                date(s, spans, m.start(), m.end(), year, dayMonth ? b : a, monthDay ? a : b);
            }
        } else if (next == '.' && (m = at(DOTTED_RANGE, i)) != null) {
            if (valid(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)))
                    && valid(Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)))) {
                date(s, spans, m.start(), m.end(), null, 1, 1);
            }
        } else if ((next == '/' || next == '.') && (m = at(SHORT_NUMERIC_DATE, i)) != null) {
            int a = Integer.parseInt(m.group(1) != null ? m.group(1) : m.group(3));
            int b = Integer.parseInt(m.group(2) != null ? m.group(2) : m.group(4));
            if (valid(a, b) || valid(b, a)) {
                date(s, spans, m.start(), m.end(), null, 1, 1);
            }
        }
        if (monthInitialWithin(i + 1, DAY_MONTH_REACH) && (m = at(DAY_MONTH, i)) != null) {
            dayMonth(m);
        }
        if ((next == '-' || next == ' ') && monthInitialWithin(i + 1, DAY_MONTH_REACH)
                && (m = at(RECORD_DATE, i)) != null) {
            int month = month(m.group(3));
            if (valid(Integer.parseInt(m.group(1)), month)) {
                String year = m.group(4) != null ? m.group(4) : "20" + m.group(5);
                date(s, spans, m.start(), m.end(), year, month, month);
            }
        }
    }

    /** Whether a word that introduces a date ({@link #DATE_WORDS}) is right before the number at {@code i}. */
    private boolean afterDateWord(int i) {
        return endingAt(DATE_WORD_BEFORE, i, 12) != null;
    }

    /** Whether the number at {@code i} is a version (v2.10.15, firmware 2.10.15) rather than a date of 2015. */
    private boolean version(int i) {
        if (i > 0 && isLetter(t[i - 1])) {
            return true;
        }
        return endingAt(VERSION_WORD, i, 10) != null;
    }

    /** The match of a pattern that ends with {@code $} in the {@code reach} characters before {@code i}, or null. */
    private Matcher endingAt(Pattern p, int i, int reach) {
        Matcher m = matchers.computeIfAbsent(p, x -> x.matcher(s).useTransparentBounds(true));
        m.region(Math.max(0, i - reach), i);
        return m.find() ? m : null;
    }

    /**
     * How far after a number's first digit a month's name can start in {@link #DAY_MONTH} (and
     * {@link #RECORD_DATE}): a range "dd" + ordinal + space + "and" + space (9), the day and its ordinal (4), a
     * space, "of" and a space (4).
     */
    private static final int DAY_MONTH_REACH = 17;

    /** Whether s[from, from + reach) holds a month's initial: every form of every month's name starts with one. */
    private boolean monthInitialWithin(int from, int reach) {
        for (int k = from; k < Math.min(n, from + reach); k++) {
            char c = t[k];
            if (c >= 'A' && c <= 'Z' && (MONTH_INITIALS & (1 << (c - 'A'))) != 0) {
                return true;
            }
        }
        return false;
    }

    /** J, F, M, A, S, O, N and D, as bits from A. */
    private static final int MONTH_INITIALS = initials("JFMASOND");

    private static int initials(String letters) {
        int bits = 0;
        for (char c : letters.toCharArray()) {
            bits |= 1 << (c - 'A');
        }
        return bits;
    }

    private void dayMonth(Matcher m) {
        int month = month(m.group(2));
        if (valid(Integer.parseInt(m.group(1)), month)) {
            String year = m.group(3) != null ? m.group(3) : m.group(4) != null ? "20" + m.group(4) : null;
            date(s, spans, m.start(), m.end(), year, month, month);
        }
    }

    private void phone(int form, int i) {
        PhoneForm f = PHONES.get(form);
        Matcher m = at(f.pattern(), i);
        if (m == null) {
            return;
        }
        int group = form == PHONE_WORD ? 1 : 0;
        int start = m.start(group);
        int end = m.end(group);
        while (end > start && (t[end - 1] == ' ' || t[end - 1] == '.' || t[end - 1] == '-' || t[end - 1] == '(')) {
            end--;
        }
        int digits = 0;
        for (int k = start; k < end; k++) {
            digits += isDigit(t[k]) ? 1 : 0;
        }
        if (digits >= f.minDigits() && digits <= f.maxDigits()) {
            spans.add(start, end, IdentifierKind.PHONE, null);
        }
    }

    /**
     * At a dot followed by a known top-level domain (letters, then no letter or digit): the web address that
     * ends there. Returns where to look for the next dot.
     */
    private int domain(int dot) {
        int k = dot + 1;
        while (k < n && ((t[k] >= 'a' && t[k] <= 'z') || (t[k] >= 'A' && t[k] <= 'Z'))) {
            k++;
        }
        if (k - dot < 3 || (k < n && isAsciiAlnum(t[k]))
                || !TLDS.contains(s.substring(dot + 1, k).toLowerCase(Locale.ROOT))) {
            return dot + 1;
        }
        int start = dot;
        while (start > 0 && isDomainChar(t[start - 1])) {
            start--;
        }
        while (start < dot && !isAsciiAlnum(t[start])) {
            start++; // a name starts with a letter or digit, not with "-" or "."
        }
        if (start == dot) {
            return dot + 1;
        }
        Matcher m = at(BARE_DOMAIN, start);
        if (m != null) {
            spans.add(m.start(), trimTrailing(t, m.start(), m.end()), IdentifierKind.LINK, null);
            return Math.max(dot + 1, m.end());
        }
        return dot + 1;
    }

    private static boolean isDomainChar(char c) {
        return isAsciiAlnum(c) || c == '.' || c == '-';
    }

    /**
     * At a keyword [i, j) (found by the de-identifier's automaton after {@link #run}) that may start a title, a
     * date, a lot, record or telephone number.
     */
    void keyword(int i, int j, int actions) {
        Matcher m;
        if ((actions & TITLE_ACTION) != 0 && (TITLES.contains(s.substring(i, j))
                || ANY_CASE_TITLES.contains(s.substring(i, j).toLowerCase(Locale.ROOT)))
                && (m = at(TITLED, i)) != null) {
            spans.add(m.start(), m.end(), IdentifierKind.NAME, null);
        }
        if ((actions & MONTH_ACTION) != 0 && MONTH_WORDS.containsKey(s.substring(i, j))) {
            if ((m = at(MONTH_DAY, i)) != null) {
                int month = month(m.group(1));
                if (valid(Integer.parseInt(m.group(2)), month)) {
                    date(s, spans, m.start(), m.end(), m.group(3), month, month);
                }
            }
            if ((m = at(MONTH_YEAR, i)) != null) {
                int month = month(m.group(1));
                date(s, spans, m.start(), m.end(), m.group(2), month, month);
            }
        }
        if ((actions & ANY_MONTH_ACTION) != 0) {
            anyMonth(i, j);
        }
        if ((actions & LOT_ACTION) != 0 && digitWithin(j, 30)) {
            afterWord(LOT_WORD, i, IdentifierKind.LOT);
        }
        if ((actions & ID_ACTION) != 0 && digitWithin(j, 30)) {
            afterWord(ID_WORD, i, IdentifierKind.IDENTIFIER);
        }
        if ((actions & PHONE_ACTION) != 0 && digitWithin(j, 16)) {
            phone(PHONE_WORD, i);
        }
        if ((actions & MONTH_AFTER_ACTION) != 0 && j + 1 < n && (t[j] == '-'
                || Character.isUpperCase(t[j + 1]) || t[j + 1] == 'o')
                && (m = at(MONTH_ALONE, i)) != null) {
            spans.add(m.start(1), m.end(1), IdentifierKind.DATE, null);
        }
        if ((actions & THE_ACTION) != 0 && j + 1 < n && isDigit(t[j + 1])
                && (m = at(DAY_MONTH, i)) != null) {
            dayMonth(m);
        }
    }

    /**
     * A month's name in any case and in several languages ({@link #ANY_MONTHS}) with a day before it or a year after
     * it (as its kind needs): {@code 11 août 2026}, {@code am 11. März}, {@code 3 de marzo de 2026},
     * {@code 14 march 2025}, {@code 11 févr. 2026}, {@code 11 aug 2026}. Alone it is left as it is ({@code Mars},
     * {@code mayo}); {@link #MONTH_ALONE} handles English months after a preposition.
     */
    private void anyMonth(int i, int j) {
        Integer code = ANY_MONTHS.get(Fold.of(s.substring(i, j)));
        if (code == null) {
            return;
        }
        int month = code % 100;
        int needs = code / 100;
        if (i > 0 && (t[i - 1] == '-' || t[i - 1] == '/')) {
            return; // c-Jun 2, Oct3/4: a gene's name, not a month
        }
        int start = i;
        boolean day = false;
        Matcher before = endingAt(DAY_BEFORE_MONTH, i, 12);
        if (before != null && valid(Integer.parseInt(before.group(1)), month)) {
            start = before.start();
            day = true;
        }
        Matcher after = at(YEAR_AFTER_MONTH, j);
        boolean dot = j < n && t[j] == '.';
        if (needs == EITHER ? day || after != null : needs == A_YEAR ? after != null
                : after != null && (day || dot)) {
            date(s, spans, start, after != null ? after.end() : j, after != null ? after.group(1) : null, month,
                    month);
            return;
        }
        // the month first: aug 11, march 14, 2025 (a verb's month with a year; another language's with its dot)
        Matcher dayAfter = day ? null : at(DAY_AFTER_MONTH, j);
        if (dayAfter != null && valid(Integer.parseInt(dayAfter.group(1)), month)
                && (needs == EITHER || dayAfter.group(2) != null && (needs == A_YEAR || dot))) {
            date(s, spans, i, dayAfter.end(), dayAfter.group(2), month, month);
        }
    }

    /** Identifier-shaped tokens (and lists of them) right after a word such as "lot", "batch" or "patient". */
    private void afterWord(Pattern word, int i, IdentifierKind kind) {
        Matcher m = at(word, i);
        if (m == null) {
            return;
        }
        int pos = m.end();
        int first = -1;
        int last = -1;
        while (true) {
            int end = tokenEnd(t, pos);
            if (end <= pos || !afterWordId(t, pos, end)) {
                break;
            }
            if (first < 0) {
                first = pos;
            }
            last = end;
            Matcher sep = at(LIST_SEPARATOR, end);
            if (sep == null) {
                break;
            }
            pos = sep.end();
        }
        if (first >= 0) {
            spans.add(first, last, kind, null);
        }
    }

    // ---- dates -----------------------------------------------------------------------------------------------

    private static int month(String name) {
        Integer m = MONTH_WORDS.get(name.endsWith(".") ? name.substring(0, name.length() - 1) : name);
        if (m != null) {
            return m;
        }
        String three = name.substring(0, 3).toLowerCase(Locale.ROOT);
        for (int i = 0; i < MONTHS.length; i++) {
            if (MONTHS[i].substring(0, 3).toLowerCase(Locale.ROOT).equals(three)) {
                return i + 1;
            }
        }
        throw new IllegalArgumentException(name);
    }

    private static boolean valid(int day, int month) {
        return day >= 1 && day <= 31 && month >= 1 && month <= 12;
    }

    /**
     * Adds a date span: its quarter when the year is known and both readings of day and month ({@code monthA},
     * {@code monthB}) agree on it, the year alone when they do not, {@code [date]} without a year. A preceding
     * "on" becomes "in".
     */
    private static void date(String s, Spans spans, int start, int end, String year, int monthA, int monthB) {
        String replacement;
        if (year == null) {
            replacement = null;
        } else if ((monthA - 1) / 3 == (monthB - 1) / 3) {
            replacement = year + "-Q" + ((monthA - 1) / 3 + 1);
        } else {
            replacement = year;
        }
        if (replacement != null && start >= 3 && s.charAt(start - 1) == ' '
                && s.regionMatches(true, start - 3, "on", 0, 2)
                && (start == 3 || !Fold.isWordChar(s.charAt(start - 4)))) {
            replacement = (s.charAt(start - 3) == 'O' ? "In " : "in ") + replacement;
            start -= 3;
        }
        spans.add(start, end, IdentifierKind.DATE, replacement);
    }

    // ---- lot numbers and other identifiers -------------------------------------------------------------------

    /** End of the token of letters, digits and inner {@code - / . _ #} starting at {@code pos}; pos when none. */
    private static int tokenEnd(char[] s, int pos) {
        int i = pos;
        if (i >= s.length || !isAsciiAlnum(s[i])) {
            return pos;
        }
        while (i < s.length) {
            char c = s[i];
            if (isAsciiAlnum(c)) {
                i++;
            } else if (isInnerMark(c) && i + 1 < s.length && isAsciiAlnum(s[i + 1])) {
                i++;
            } else {
                break;
            }
        }
        return i;
    }

    private static boolean isAsciiAlnum(char c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    /** One of {@code - / . _ #}, which may join the parts of an identifier. */
    private static boolean isInnerMark(char c) {
        return c == '-' || c == '/' || c == '.' || c == '_' || c == '#';
    }

    /** {@link Character#isDigit(char)}, with ASCII answered without a table lookup. */
    static boolean isDigit(char c) {
        return c < 0x80 ? c >= '0' && c <= '9' : Character.isDigit(c);
    }

    /** {@link Character#isLetter(char)}, with ASCII answered without a table lookup. */
    static boolean isLetter(char c) {
        return c < 0x80 ? (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') : Character.isLetter(c);
    }

    /** After a lot or record word: a token with a digit, at least 3 characters if it has a letter, else 4. */
    private static boolean afterWordId(char[] s, int start, int end) {
        int digits = 0;
        int letters = 0;
        for (int i = start; i < end; i++) {
            char c = s[i];
            digits += isDigit(c) ? 1 : 0;
            letters += isLetter(c) ? 1 : 0;
        }
        if (digits == 0 || isMeasurement(new String(s, start, end - start))) {
            return false;
        }
        return end - start >= (letters > 0 ? 3 : 4);
    }

    /** Tokens mixing letters with at least 4 digits, anywhere: LOT-2024-0113, B23-0457, CX-20931, R-000101. */
    private static void freeStanding(char[] s, Spans spans) {
        int i = 0;
        int n = s.length;
        while (i < n) {
            char c = s[i];
            if (!isAsciiAlnum(c) || (i > 0 && (isAsciiAlnum(s[i - 1]) || isInnerMark(s[i - 1])
                    && i > 1 && isAsciiAlnum(s[i - 2])))) {
                i++;
                continue;
            }
            int end = tokenEnd(s, i); // past i: s[i] is a letter or digit
            int digits = 0;
            int letters = 0;
            for (int k = i; k < end; k++) { // ASCII letters, digits and inner marks only
                char d = s[k];
                digits += d >= '0' && d <= '9' ? 1 : 0;
                letters += (d >= 'A' && d <= 'Z') || (d >= 'a' && d <= 'z') ? 1 : 0;
            }
            if (digits >= 4 && letters > 0) {
                String token = new String(s, i, end - i);
                if (!isMeasurement(token)) {
                    spans.add(i, end, LOT_PREFIX.matcher(token).matches() ? IdentifierKind.LOT
                            : IdentifierKind.IDENTIFIER, null);
                }
            }
            i = end;
        }
    }

    /** A number with a unit, a power of ten, or a period such as 2025-Q1: not an identifier. */
    private static boolean isMeasurement(String token) {
        return UNIT_NUMBER.matcher(token).matches() || SCIENTIFIC.matcher(token).matches()
                || PERIOD_CODE.matcher(token).matches();
    }

    /** A link does not end with sentence punctuation or an unbalanced closing bracket. */
    private static int trimTrailing(char[] s, int start, int end) {
        while (end > start) {
            char c = s[end - 1];
            if (".,;:!?'\"".indexOf(c) >= 0) {
                end--;
            } else if (c == ')' || c == ']' || c == '}') {
                char open = c == ')' ? '(' : c == ']' ? '[' : '{';
                int opens = 0;
                int closes = 0;
                for (int i = start; i < end; i++) {
                    opens += s[i] == open ? 1 : 0;
                    closes += s[i] == c ? 1 : 0;
                }
                if (closes > opens) {
                    end--;
                } else {
                    break;
                }
            } else {
                break;
            }
        }
        return end;
    }

}
