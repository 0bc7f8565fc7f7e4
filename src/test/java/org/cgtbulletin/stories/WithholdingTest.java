package org.cgtbulletin.stories;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What is too short, too damaged or still identifying after de-identification. */
class WithholdingTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "Escalated at the Elmstead site after the alarm.",
        "Material came from Foo Biologics last week.",
        "Supplied by Kestrel Labs Ltd. in bulk.",
        "Supplied by Varn, Inc. in bulk.",
        "Our facility in Elmstead lost power for two hours.",
        "Cells were shipped to St Mary's Hospital overnight.",
        "Made at the Greyfield Manufacturing Site in spring.",
        "Reagent from Brightwater GmbH was out of date.",
        "Site of Quillon Park reported the deviation.",
        "The Aldenmoor plant had a power cut.",
        "Sampling moved into the cabinet at the Elmstead site.",
        "Bags came from Oriel Biologics."})
    void capitalizedNamesBesideFacilityOrCompanyWordsAreIdentifying(String text) {
        String reason = Withholding.identifying(text);
        assertNotNull(reason, text);
        assertTrue(reason.startsWith("still looks identifying: a capitalized name"), reason);
        for (String name : new String[] {"Elmstead", "Foo", "Kestrel", "Varn", "Mary", "Greyfield", "Brightwater",
            "Quillon", "Aldenmoor", "Oriel"}) {
            assertTrue(!reason.contains(name), "a reason never quotes the name: " + reason);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Escalated at the [name] site after the alarm.",
        "The QC lab repeated the assay the next day.",
        "Our apheresis centre confirmed the patient's identity.",
        "Manufacturing site staff were retrained on aseptic technique.",
        "The GMP facility was shut down for cleaning.",
        "Collection Centre confirmed receipt within the hour.",
        "The Site visit found nothing of concern.",
        "Human AB serum lot was positive for mycoplasma.",
        "Cell Co-culture failed on day 4.",
        "A CAR-T Cell Therapies workshop discussed the case.",
        "BacT/ALERT bottle flagged positive at 30 hours.",
        "Transferred to the back-up unit at the clinical site.",
        "The CDMO site and the CMO facility agreed a plan."})
    void genericWordsAndAcronymsAreNotNames(String text) {
        assertNull(Withholding.identifying(text), text);
    }

    @Test
    void tooShortOrTooDamaged() {
        assertEquals("too short after de-identification: 14 characters of text left (at least 40 needed)",
                Withholding.tooThin("Contact [email] today.", 40));
        assertNull(Withholding.tooThin("Updated the procedure and retrained the team.", 40));
        assertEquals("too damaged by de-identification: 4 of 11 words are placeholders (at most a third may be)",
                Withholding.tooThin("[name] called [name] about lot [lot] and sent the [link] report.", 20));
        assertNull(Withholding.tooThin("Retrained operators on aseptic sampling at [name].", 20));
    }

    /**
     * The quick test that lets most words skip the checks never turns away a word they could match: every marker
     * word, as written, in lower and upper case, with punctuation around it and a final dot, passes it.
     */
    @Test
    void theQuickTestPassesEveryMarkerWordInEveryForm() {
        for (Set<String> words : List.of(Withholding.LEGAL_SUFFIXES, Withholding.FACILITY_WORDS,
                Withholding.COMPANY_WORDS)) {
            for (String word : words) {
                for (String form : List.of(word, word.toLowerCase(Locale.ROOT), word.toUpperCase(Locale.ROOT))) {
                    for (String written : List.of(form, form + ".", "(" + form + "),", "\u201C" + form + ".\u201D")) {
                        assertTrue(Withholding.mayBeMarker(written), written);
                    }
                }
            }
        }
        assertFalse(Withholding.mayBeMarker("contamination"));
        assertFalse(Withholding.mayBeMarker("the"));
        assertTrue(Withholding.mayBeMarker("Sit\u00e9"), "a word beyond ASCII is always looked at");
    }
}
