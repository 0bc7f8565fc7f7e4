package org.cgtbulletin.stories;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The de-identification corpus: tricky strings with their exact expected output. Identifiers in many formats
 * must go; near misses (day 7, 20%, CD3+, IL-2, -80 °C, product codes, words inside longer words) must survive
 * unchanged, Unicode included.
 */
class DeidentifierCorpusTest {

    static final List<String> DENYLIST = List.of("Northbridge Cell Therapies", "Northbridge", "Halvorsen Biologics",
            "Halvorsen", "Ridgeway", "Meyer", "Acme", "Sorensen", "Tamsin Hale", "Westbury site", "Lindqvist",
            "O'Brien", "Sørensen", "Müller", "Schroeder Biotech", "Großmann");
    static final Deidentifier DEID = Deidentifier.of(DENYLIST);

    /** One line of the table. */
    record Case(String group, String input, String expected) {
    }

    private static final List<Case> CASES = new ArrayList<>();

    private static void c(String group, String input, String expected) {
        CASES.add(new Case(group, input, expected));
    }

    private static void same(String group, String input) {
        CASES.add(new Case(group, input, input));
    }

    static {
        // e-mail addresses and handles
        c("email", "Contact j.doe@example-bio.com for the report.", "Contact [email] for the report.");
        c("email", "Mail QA.Team+cgt@mfg.example.co.uk today.", "Mail [email] today.");
        c("email", "Write to jane (at) example (dot) com please.", "Write to [email] please.");
        c("email", "Ping @acme_qa on the forum.", "Ping [name] on the forum.");
        c("email", "Send to mailto:qa@example.com now.", "Send to [email] now.");
        // links
        c("link", "See https://qms.example.org/dev/4411 for the record.", "See [link] for the record.");
        c("link", "Details (see www.example.com/deviations).", "Details (see [link]).");
        c("link", "Portal at qms.example-bio.com.", "Portal at [link].");
        c("link", "Click javascript:alert(document.cookie) now.", "Click [link] now.");
        c("link", "Open ftp://files.example.net/a.pdf, then report.", "Open [link], then report.");
        // telephone numbers
        c("phone", "Call +44 20 7946 0958 for details.", "Call [phone] for details.");
        c("phone", "QA lead on (617) 555-0143 approved the plan.", "QA lead on [phone] approved the plan.");
        c("phone", "Hotline 1-800-555-0199 is staffed.", "Hotline [phone] is staffed.");
        c("phone", "Reach us on 617.555.0143 or 617 555 0143.", "Reach us on [phone] or [phone].");
        c("phone", "Tel. 5550143, ext. 4411.", "Tel. [phone], ext. [phone].");
        c("phone", "Office 020 7946 0958; Berlin +49 (0)30 1234567.", "Office [phone]; Berlin [phone].");
        c("phone", "Dial 0044 20 7946 0958 from abroad.", "Dial [phone] from abroad.");
        c("phone", "Paris desk +33 1 23 45 67 89 answered.", "Paris desk [phone] answered.");
        // exact dates: the quarter at most
        c("date", "The event occurred on 14 March 2025.", "The event occurred in 2025-Q1.");
        c("date", "Logged 2025-03-14 in the deviation system.", "Logged 2025-Q1 in the deviation system.");
        c("date", "On March 14, 2025 the freezer failed.", "In 2025-Q1 the freezer failed.");
        c("date", "Dated 14/03/2025 and 14.03.2025.", "Dated 2025-Q1 and 2025-Q1.");
        c("date", "Ambiguous 03/04/2025 keeps only the year.", "Ambiguous 2025 keeps only the year.");
        c("date", "Ambiguous 02/03/2025 stays in one quarter.", "Ambiguous 2025-Q1 stays in one quarter.");
        c("date", "Record date 14-MAR-2025.", "Record date 2025-Q1.");
        c("date", "Started in September 2024 and closed in March.", "Started in 2024-Q3 and closed in [date].");
        c("date", "Opened 2025-03-14T09:30Z, closed 2025-06.", "Opened 2025-Q1, closed 2025-Q2.");
        c("date", "Seen on the 3rd of May.", "Seen on [date].");
        c("date", "Shipped 14-16 March 2025.", "Shipped 2025-Q1.");
        c("date", "Thawed 7/1/24 at the clinic.", "Thawed 2024 at the clinic.");
        c("date", "By mid-October the CAPA was closed.", "By mid-[date] the CAPA was closed.");
        // lot, batch and serial numbers, other identifiers
        c("lot", "Material from lot 22-0417B was involved.", "Material from lot [lot] was involved.");
        c("lot", "Reference batch CX-20931.", "Reference batch [lot].");
        c("lot", "Lot no. 4471 and lots A113, A114 were quarantined.", "Lot no. [lot] and lots [lot] were quarantined.");
        c("lot", "Serial number SN 48213-A failed.", "Serial number SN [lot] failed.");
        c("lot", "LOT-2024-0113 was released.", "[lot] was released.");
        c("lot", "Bag B23-0457 leaked.", "Bag [id] leaked.");
        c("lot", "S/N 48213 replaced; batch #BX77 too.", "S/N [lot] replaced; batch #[lot] too.");
        c("lot", "Patient 104-003 was rescheduled.", "Patient [id] was rescheduled.");
        c("lot", "Deviation DEV-2025-0042 and CAPA 2024-117 were opened.", "Deviation [id] and CAPA [id] were opened.");
        c("lot", "Report R-000101 refers.", "Report [id] refers.");
        c("lot", "Lot n° 4471, Charge 22-0417 and kit 4471-22 were quarantined.",
                "Lot n° [lot], Charge [lot] and kit [lot] were quarantined.");
        c("lot", "See lot-number 4471, Batch-ID 4471 and Chargennummer 22-0417.",
                "See lot-number [lot], Batch-ID [lot] and Chargennummer [lot].");
        c("date", "Exported as 20260811 (11082026) and noted on 11/08.", "Exported as 2026-Q3 (2026-Q3) and noted on"
                + " [date].");
        // dates in other languages, and English months in lower case
        c("date", "Le 11 août 2026, am 11. März 2026 und el 3 de marzo de 2026.",
                "Le 2026-Q3, am 2026-Q1 und el 2026-Q1.");
        c("date", "Noted 14 march 2025, 3rd of april and 2 Juni; gemeld op 7 mei, fin juillet 2025.",
                "Noted 2025-Q1, [date] and [date]; gemeld op [date], fin 2025-Q3.");
        c("date", "Gemeldet am 11.08. und vom 1.08. bis 3.09.; on 11.08. too.",
                "Gemeldet am [date] und vom [date]; on [date] too.");
        same("date", "Mars, mayo and Marco are words; bag 5 may leak; the ratio was 11.08. and pH 7.2 at 1.8.");
        c("date", "Seen on 11 aug 2026, 11 sept 2026, on 14 may 2025 and in may 2025.",
                "Seen in 2026-Q3, 2026-Q3, in 2025-Q2 and in 2025-Q2.");
        c("date", "Le 11 févr. 2026, am 11 Okt. 2026, el 11 dic 2026, il 11 lug 2026, op 11 mrt 2026.",
                "Le 2026-Q1, am 2026-Q4, el 2026-Q4, il 2026-Q3, op 2026-Q1.");
        c("date", "Gemeldet am 13.8.26 und 13-08-26 (am 11.8.26: August or November); firmware 2.10.15 stays.",
                "Gemeldet am 2026-Q3 und 2026-Q3 (am 2026: August or November); firmware 2.10.15 stays.");
        c("date", "Seit dem 11.08. und zwischen 11.08. und 14.08.; sinds 14.08., dal 11.08., il 11/08, em 11/08.",
                "Seit dem [date] und zwischen [date]; sinds [date], dal [date], il [date], em [date].");
        same("date", "Viability rose by 1.5. and from 3.2. to 4.1.; c-Jun 2 and 3 march on; 3 out of 5, 2 set up.");
        c("date", "Seen on aug 11, 2026, on march 14, 2025, on may 14 2025, on 11 aug and on aug 11.",
                "Seen in 2026-Q3, in 2025-Q1, in 2025-Q2, on [date] and on [date].");
        c("date", "Im Okt. 2026, en févr. 2026; between 11.08. and 14.08., 11.08.-14.08. and from 11/08 to 14/08.",
                "Im 2026-Q4, en 2026-Q1; between [date], [date] and from [date].");
        c("date", "Noted dall'11/08, l'11.08., até 14/08, t/m 14.08. and on Wed 11/08; dated 13.8.26.",
                "Noted dall'[date], l'[date], até [date], t/m [date] and on Wed [date]; dated 2026-Q3.");
        same("date", "Python 3.12.10, app 4.10.22, fw 2.10.15, clause 7.5.11, days 7-10-14, 5-10-20 ng/mL, MOI 1-5-10,"
                + " passage 3.10.12 and clone 5.11.23; a 3rd gen 2025 vector; c-Jun 2 and Oct3/4.");
        same("date", "Half (1/2) of the bags, 3/4 of the runs, 24/7 monitoring, 12345678 cells, 12/12 samples passed,"
                + " feed every 12/24 h.");
        // titled names
        c("email", "Mail j.doe @ example-bio.com or jane dot doe at acme dot com today.",
                "Mail [email] or [email] today.");
        c("email", "Mail jane.doe at acme.com or j.doe AT example-bio DOT com.", "Mail [email] or [email].");
        c("link", "See intranet.acmebio.local and example[.]com for it.", "See [link] and [link] for it.");
        same("link", "The run stopped.Local staff kept the v2.local copy.");
        same("email", "Stored @ 4.5 \u00B0C; we looked at it dot by dot.");
        c("name", "Dr. Meyer led the investigation.", "[name] led the investigation.");
        c("name", "Prof. van der Berg and Ms. O'Neill's notes.", "[name] and [name]'s notes.");
        c("name", "Dr Jane Smith-Jones signed.", "[name] signed.");
        c("name", "Reviewed by Mr. J. K. Lee.", "Reviewed by [name].");
        c("name", "Dr. Meyer's team agreed.", "[name]'s team agreed.");
        c("name", "Dr.Smith, DR SMITH, dr. smith and Doctor Smith agreed.", "[name], [name], [name] and [name] agreed.");
        c("name", "Signed by Dr.-Ing. Weber and PROF. JONES.", "Signed by [name] and [name].");
        c("name", "Dr. med. Weber, Dr. rer. nat. Lang, Dipl.-Ing. Roth, Drs. Smith and Dr. d'Arcy agreed.",
                "[name], [name], [name], [name] and [name] agreed.");
        same("name", "The treating doctor confirmed it 20 ms later; MS analysis was fine.");
        // denylist: whole words, any case, possessives, hyphenations, accents, line breaks
        c("denylist", "This happened at Northbridge Cell Therapies.", "This happened at [name].");
        c("denylist", "Halvorsen Biologics supplied the reagent.", "[name] supplied the reagent.");
        c("denylist", "Escalated at the Ridgeway site.", "Escalated at the [name] site.");
        c("denylist", "Acme's reagent and Acme-made bags.", "[name]'s reagent and [name]-made bags.");
        c("denylist", "ACME and acme and pre-Acme.", "[name] and [name] and pre-[name].");
        c("denylist", "Sørensen\u2019s team checked it.", "[name]\u2019s team checked it.");
        c("denylist", "So\u0308rensen checked it.", "[name] checked it."); // the accent as a combining mark
        c("denylist", "Made by Northbridge\nCell Therapies staff.", "Made by [name] staff.");
        c("denylist", "Tamsin  Hale wrote it.", "[name] wrote it.");
        c("denylist", "Lindqvist-led review; O'Brien's SOP.", "[name]-led review; [name]'s SOP.");
        c("denylist", "The Westbury site and Westbury sites.", "The [name] and [name]."); // a plural too
        c("denylist", "North\u200Bbridge hid a zero-width space.", "[name] hid a zero-width space.");
        // transliterated: umlauts spelt out, and digraphs written as the letters they stand for
        c("denylist", "Soerensen, Mueller, MÜLLER and Muller checked it.", "[name], [name], [name] and [name] checked it.");
        c("denylist", "Schröder Biotech and SchroederBiotech supplied it.", "[name] and [name] supplied it.");
        c("denylist", "Grossmann and Großmann agreed.", "[name] and [name] agreed.");
        c("denylist", "Halvoersen and Lindqvist agreed.", "[name] and [name] agreed."); // denylisted without marks
        // Unicode tricks and broken lines
        c("unicode", "Made by Acme\uD83D\uDE00 and \uD83D\uDE00Acme.", "Made by [name]\uD83D\uDE00 and \uD83D\uDE00[name].");
        c("unicode", "\uFF2C\uFF2F\uFF34 \uFF12\uFF12-\uFF10\uFF14\uFF11\uFF17\uFF22 was used.", "LOT [lot] was used.");
        c("unicode", "Call +44 20\n7946 0958 now.", "Call [phone] now.");
        c("unicode", "Ridge\u00ADway and Ridge\u200Dway.", "[name] and [name].");
        c("email", "Mail jdoe@[192.168.0.1] or jdoe@localhost today.", "Mail [email] or [email] today.");
        // glued to a neighbour: removal must not free a name or leave a fragment
        c("glued", "Logged on14 March 2025 by QA.", "Logged on 2025-Q1 by QA.");
        c("glued", "Call tel+44 20 7946 0958 now.", "Call tel[phone] now.");
        c("glued", "See Acmejavascript:alert(1) here.", "See [name][link] here.");
        c("glued", "Ping @@example.com and IL-2example.com today.", "Ping @@[link] and [link] today.");
        c("glued", "Use example.com-based forms.", "Use [link]-based forms.");
        c("glued", "Lot \u00B5L22-0417B was used.", "Lot \u00B5[id] was used.");
        // near misses that must survive exactly
        same("keep", "Day-7 sample positive by NAT; day 7 and D+14 samples were clean.");
        same("keep", "Viability was 20% at -80 \u00B0C; CD3+ fraction low; IL-2 at half strength.");
        same("keep", "2 x 10^8 cells at MOI 5 with IL-7/IL-15.");
        same("keep", "CAR-T product from AAV9, HEK293, CD19 and CD34+ lines.");
        same("keep", "Lot release testing was delayed; the supplement lot was positive.");
        same("keep", "Batch record review found lot-to-lot variability in batch 3.");
        c("denylist", "NorthbridgeCGT, theAcme team and ProAcmeBio's kit; RidgewayQC.",
                "[name], [name] team and [name]'s kit; [name].");
        same("keep", "Acmeville and Macme are not names here.");
        c("denylist", "At northbridgecgt, xhalvorsenbio and theridgeway sites.", "At [name], [name] and [name] sites.");
        same("keep", "Meyerhof and acmeville: short names inside lower-case words stay.");
        c("denylist", "CGTNorthbridge, ACMENorthbridge, NORTHBRIDGEcgt, xNorthbridgeville, Northbridge2 and 2Acme.",
                "[name], [name], [name], [name], [name] and [name].");
        c("denylist", "Tamsin.Hale, Tamsin_Hale, Tamsin/Hale and TamsinHale wrote it; HalvorsenBiologics too.",
                "[name], [name], [name] and [name] wrote it; [name] too.");
        c("denylist", "NORTHBRIDGECGT, CGTNORTHBRIDGE, Halvorsens and the Northbridges; so is RIDGEWAYQC.",
                "[name], [name], [name] and the [name]; so is [name].");
        same("keep", "Meyerhof buffer is fine."); // Meyer: too short a name to look for inside a word
        c("denylist", "Ridgewayfarer is not.", "[name] is not."); // Ridgeway: long enough to be found in any word
        same("keep", "ISO 14644-1 grade B, 21 CFR 1271, pH 7.2, 0.22 \u00B5m filter, \u2265 95% purity, 5 \u00B5L.");
        same("keep", "Held 10-15 minutes; ratio 1:1000; 100-2000 cells per well.");
        same("keep", "Titre 1.2E+13 vg/mL; 1500mL bag; 5x10e6 cells; 2025-Q1 target; FY2025.");
        same("keep", "Dosed on day 14 at 37 \u00B0C for 72 h.");
        same("keep", "The quarter 2025-Q3 and Q4 2025 were busy.");
        same("keep", "Recovery \u2265 70% (n = 12); \u00B5L volumes; -150 \u00B0C dry shipper; Gram-positive coccus.");
        same("keep", "CliniMACS Prodigy, G-Rex100M and Xuri W25 were used.");
        same("keep", "USP <71> sterility and viability <70% or >90%.");
        same("keep", "TCR-T, TIL, NK-92 and iPSC-derived lines; COVID-19 testing; e.g. MSC.");
        same("keep", "Na\u00EFve T cells at 5 \u00D7 10\u2076/mL; \u03B2-galactosidase; 4\u20131BB.");
        c("date", "The March run used a 2 x 10^6 dose, as in May.", "The March run used a 2 x 10^6 dose, as in [date].");
        same("keep", "Wait 3/4 of the time; use 1:1 mix at step 2.5.");
        // markup: removed, never live
        c("markup", "<script>alert(1)</script>Cells <b>failed</b>.", "Cells failed.");
        c("markup", "<img src=x onerror=\"alert(1)\">Bag leaked", "Bag leaked");
        c("markup", "<a href=\"javascript:alert(1)\">click</a> here", "click here");
        c("markup", "Line one<br>Line two", "Line one Line two");
        c("markup", "x <svg onload=alert(1)> y", "x y");
        c("markup", "<svg/onload=alert(5)>Settle plate <IMG SRC=x OnError=alert(1)/>grew.", "Settle plate grew.");
        c("markup", "<!-- hidden -->Visible", "Visible");
        c("markup", "a<b and 3<4", "a< b and 3<4");
        c("markup", "<scr<script>ipt>alert(1)</script>", "< scr");
        c("markup", "Text &lt;b&gt; stays as written", "Text &lt;b&gt; stays as written");
        // whitespace
        c("space", "  First line.\r\n\r\n\r\nSecond\tline.  ", "First line.\n\nSecond line.");
    }

    static Stream<Arguments> cases() {
        return CASES.stream().map(c -> Arguments.of(c.group(), c.input(), c.expected()));
    }

    @ParameterizedTest(name = "[{index}] {0}: {1}")
    @MethodSource("cases")
    void exactOutput(String group, String input, String expected) {
        assertEquals(expected, DEID.clean(input).text());
    }

    @ParameterizedTest(name = "[{index}] {0}: {1}")
    @MethodSource("cases")
    void cleaningTwiceChangesNothing(String group, String input, String expected) {
        assertEquals(expected, DEID.clean(expected).text());
    }

    @Test
    void theCorpusIsLargeAndCoversEveryGroup() {
        assertTrue(CASES.size() >= 60, "at least 60 strings: " + CASES.size());
        assertTrue(CASES.stream().filter(c -> c.group().equals("keep")).count() >= 15);
    }

    @Test
    void countsSayWhatWasRemoved() {
        Deidentified d = DEID.clean("Call +44 20 7946 0958 or mail a@b.com about lot 22-0417B at Ridgeway"
                + " on 2025-03-14. <b>Done</b>");
        assertEquals(Map.of(IdentifierKind.MARKUP, 2, IdentifierKind.EMAIL, 1, IdentifierKind.PHONE, 1,
                IdentifierKind.DENYLIST, 1, IdentifierKind.LOT, 1, IdentifierKind.DATE, 1), d.counts());
        assertEquals("Call [phone] or mail [email] about lot [lot] at [name] in 2025-Q1. Done", d.text());
        assertEquals(7, d.removed());
    }

    @Test
    void aNameIsLookedForInItsTransliteratedSpellingsOnly() {
        assertEquals(List.of("muller", "mueller"), Deidentifier.spellings("Müller", "muller"));
        assertEquals(List.of("mueller"), Deidentifier.spellings("Mueller", "mueller"));
        assertEquals(List.of("muller"), Deidentifier.accentedSpellings("mueller"));
        assertEquals(List.of("großmann", "grossmann"), Deidentifier.spellings("Großmann", "großmann"));
        assertEquals(List.of("straße"), Deidentifier.accentedSpellings("strasse"));
        assertEquals(List.of("kjar", "kjær"), Deidentifier.accentedSpellings("kjaer"));
        assertTrue(Deidentifier.accentedSpellings("baekgaard").contains("bækgard"));
        assertEquals(List.of(), Deidentifier.accentedSpellings("zoe"), "too short");
        // a name given without its marks: the marks spelt out too (a review found Soerensen for Sorensen published)
        assertEquals(List.of("sorensen", "soerensen"), Deidentifier.spellings("Sorensen", "sorensen"));
        assertEquals(List.of("muller", "mueller"), Deidentifier.spellings("Muller", "muller"));
        assertTrue(Deidentifier.spellings("Pedersgard", "pedersgard").contains("pedersgaard"));
        assertEquals(List.of("pots"), Deidentifier.spellings("Pots", "pots"), "too short: never poets");
        assertEquals(List.of("borge", "boerge"), Deidentifier.spellings("Borge", "borge"), "five letters: enough");
        assertEquals(List.of(), Deidentifier.spelledOut("mueller"), "a u already followed by e");
        assertEquals(List.of("aaroen"), Deidentifier.spelledOut("aaron"), "an a already doubled stays");
        assertEquals(Set.of("haelvorsen", "haalvorsen", "halvoersen", "haelvoersen", "haalvoersen"),
                Set.copyOf(Deidentifier.spelledOut("halvorsen")));
        assertEquals(2 * 2 * 2 - 1, Deidentifier.spelledOut("kolumbosun").size(), "the first three places only");
        assertEquals(15, Deidentifier.of(DENYLIST).denylistSize(), "the other spellings are not terms of their own");
    }

    /**
     * Spellings with the letters a digraph stands for count only where the text has such a letter: a review found
     * Maass removing "mass", Staats "stats"; and a long name that is a word too, inflected, is that word.
     */
    @Test
    void anAccentedSpellingNeverRemovesAnOrdinaryWord() {
        Deidentifier d = Deidentifier.of(List.of("Maass", "Staats", "Guenther", "Kjaer", "Baekgaard", "Marshall"));
        assertEquals("Cell mass was low; the stats drifted; marshalled and marshalling.",
                d.clean("Cell mass was low; the stats drifted; marshalled and marshalling.").text());
        assertEquals("[name], [name], [name], [name], [name], [name], [name] and [name].",
                d.clean("Maaß, Maß, Günther, Guenther, Kjær, Bækgård, Baekgaard and Marshall.").text());
        // but a name made a word of stays a name: the next review found these published
        Deidentifier names = Deidentifier.of(List.of("Rosenthal", "Halvorsen", "Lindqvist"));
        assertEquals("[name] practice; the [name] method; [name] rules.",
                names.clean("Rosenthaler practice; the Halvorsenian method; Lindqvistian rules.").text());
    }

    @Test
    void nothingGivesNothing() {
        assertNull(DEID.clean(null).text());
        assertNull(DEID.clean("   \n ").text());
        assertNull(DEID.clean("<b></b>").text());
        assertTrue(DEID.clean(null).counts().isEmpty());
    }

    @Test
    void aDenylistTermThatIsAlsoAKeywordIsStillRemoved() {
        Deidentifier d = Deidentifier.of(List.of("Lot", "Dr", "March", "lot"));
        assertEquals(3, d.denylistSize());
        assertEquals("[name] release by [name], in [name]; [name] [lot] too.",
                d.clean("Lot release by Dr. Smith, in March 2025; lot 12345 too.").text());
        for (String word : List.of("name", "lot", "id", "date", "link", "email", "phone", "product")) {
            assertEquals("[name] and [" + word + "]", Deidentifier.of(List.of(word)).clean(word + " and [" + word
                    + "]").text(), "a placeholder is never matched inside");
        }
    }

    @Test
    void anEmptyDenylistRemovesNoWords() {
        Deidentifier none = Deidentifier.of(List.of());
        assertEquals("Acme and Ridgeway", none.clean("Acme and Ridgeway").text());
        assertEquals(0, none.denylistSize());
    }
}
