package org.cgtbulletin.sample;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * What happened and what was learned, in a quality engineer's words, composed from phrase banks per failure
 * mode. A few stories carry a residual identifier (lot number, e-mail, telephone, exact date, a person's or an
 * organisation's name) that the administrator missed, so that de-identification has something real to catch.
 */
final class Narratives {

    private static final Map<String, List<String>> WHAT = Map.ofEntries(
            Map.entry("mycoplasma_positive", List.of(
                    "Day-%d in-process sample positive for mycoplasma by NAT; the culture was terminated and the"
                            + " lot of serum-free medium was later implicated.",
                    "Mycoplasma detected by qPCR in the day-%d expansion sample; retained media and the feed"
                            + " supplement were tested and the supplement lot was positive.")),
            Map.entry("sterility_positive", List.of(
                    "Sterility sample from day %d grew a Gram-positive coccus; investigation traced it to a"
                            + " sampling port manipulated outside the biosafety cabinet.",
                    "BacT/ALERT bottle flagged positive at %d hours; identification showed skin flora"
                            + " consistent with an aseptic technique lapse.")),
            Map.entry("temperature_excursion", List.of(
                    "Dry shipper logger showed a rise above -150 °C for %d minutes during transit; the product"
                            + " was quarantined pending stability assessment.",
                    "Storage freezer alarmed at -60 °C against a -80 °C set point for %d minutes overnight;"
                            + " the alarm call-out did not reach the on-call engineer.")),
            Map.entry("empty_capsids_oos", List.of(
                    "Empty-capsid ratio by AUC was %d%% against a limit of 30%%; the full/empty separation step"
                            + " ran with a shifted salt gradient.",
                    "Analytical ultracentrifugation showed %d%% empty capsids after the affinity step; the"
                            + " anion-exchange polishing run was repeated.")),
            Map.entry("chain_of_identity_error", List.of(
                    "The apheresis bag label and the accompanying paperwork carried different identifiers;"
                            + " receipt was held for %d hours until the collection centre confirmed identity.",
                    "A courier manifest listed the wrong patient identifier; the discrepancy was caught at"
                            + " receipt scanning and resolved within %d hours.")),
            Map.entry("low_viability", List.of(
                    "Viability fell to %d%% at harvest against a limit of 70%%; the cells had been held at room"
                            + " temperature longer than validated.",
                    "Post-thaw viability was %d%%, below the 70%% specification; the thaw water bath was found"
                            + " out of calibration.")),
            Map.entry("expansion_failure", List.of(
                    "Culture reached only %d%% of the target cell number by day 10; the patient's starting"
                            + " material had a low CD3+ fraction.",
                    "Fold expansion stalled at day %d; IL-2 in the feed medium had been prepared at half"
                            + " strength.")),
            Map.entry("low_transduction", List.of(
                    "CAR expression was %d%% against a minimum of 20%%; the vector lot had been thawed twice"
                            + " before use.",
                    "Transduction efficiency of %d%% was below specification; the MOI calculation used an"
                            + " outdated titre.")),
            Map.entry("low_vector_titer", List.of(
                    "Harvest titre was %d%% of the expected value; the transfection reagent to DNA ratio was"
                            + " outside the validated range.",
                    "Functional titre came in at %d%% of target after a change of HEK293 cell bank passage.")),
            Map.entry("documentation_error", List.of(
                    "The batch record had %d entries without a second-person verification; found at QA review"
                            + " before release.",
                    "A transcription error in the cell count (%d instead of the recorded value) was found at"
                            + " batch record review.")),
            Map.entry("assay_invalid", List.of(
                    "The potency assay run failed system suitability (%d%% CV on the reference standard) and"
                            + " had to be repeated, delaying release.",
                    "Flow cytometry run invalid: the compensation controls were prepared %d hours early.")),
            Map.entry("equipment_failure", List.of(
                    "The bioreactor rocker stopped on day %d after a power supply fault; the run continued"
                            + " after a validated hold.",
                    "The controlled-rate freezer aborted its profile at minute %d; the bags were transferred"
                            + " to a back-up unit.")),
            Map.entry("starting_material_oos", List.of(
                    "Apheresis product arrived with a lymphocyte count %d%% below the acceptance criterion;"
                            + " manufacture proceeded under a planned deviation.",
                    "Incoming leukapheresis had %d%% granulocyte contamination against a limit of 30%%.")),
            Map.entry("environmental_excursion", List.of(
                    "Settle plate in the grade A zone grew %d CFU during an aseptic connection; the batch was"
                            + " assessed for impact.",
                    "Non-viable particle counts in the grade B room exceeded the action limit for %d minutes"
                            + " after a door interlock failed.")),
            Map.entry("shipping_delay", List.of(
                    "Flight cancellation delayed the shipment by %d hours; the product stayed within its"
                            + " validated stability window.",
                    "Customs hold of %d hours on the starting material; collection-to-start time exceeded"
                            + " the target.")));

    private static final List<String> GENERIC = List.of(
            "Deviation raised at the %s step after an unexpected result on day %d; investigation completed"
                    + " within the quarter.",
            "Issue found at the %s step during routine review (%d observations); product impact assessed by QA.");

    private static final Map<String, List<String>> LESSON = Map.ofEntries(
            Map.entry("mycoplasma_positive", List.of(
                    "Added supplier CoA review of the mycoplasma test method before release of media lots.",
                    "Introduced rapid NAT testing of incoming media and supplements.")),
            Map.entry("sterility_positive", List.of(
                    "Retrained operators on aseptic sampling and moved all sampling into the cabinet.",
                    "Replaced open sampling with welded sample pouches.")),
            Map.entry("temperature_excursion", List.of(
                    "Qualified a new shipper with a longer hold time and added real-time temperature alerts.",
                    "Escalation of freezer alarms now goes to two people, tested monthly.")),
            Map.entry("empty_capsids_oos", List.of(
                    "Tightened the gradient preparation check and added an in-process empty/full assay.",
                    "Added a second-person check of buffer conductivity before polishing.")),
            Map.entry("chain_of_identity_error", List.of(
                    "Barcode scanning at receipt is now mandatory, with no manual override.",
                    "Agreed a single identifier format with all collection centres.")));

    private static final List<String> GENERIC_LESSON = List.of(
            "Updated the procedure and retrained the team; effectiveness check planned for next quarter.",
            "Added the scenario to the risk assessment and introduced an in-process check.",
            "Shared the finding with the supplier and added an incoming inspection step.");

    /** Residual identifiers the administrator missed, to be caught by de-identification. */
    private static final List<String> LEAKS = List.of(
            " Material from lot 22-0417B was involved.",
            " Reference batch CX-20931.",
            " Contact j.doe@example-bio.com for the investigation report.",
            " Call +44 20 7946 0958 for details.",
            " QA lead on (617) 555-0143 approved the plan.",
            " The event occurred on 14 March 2025.",
            " Logged 2025-03-14 in the deviation system.",
            " Dr. Meyer led the investigation.",
            " See https://qms.example.org/dev/4411 for the record.",
            " This happened at Northbridge Cell Therapies.",
            " Halvorsen Biologics supplied the reagent.",
            " Escalated at the Ridgeway site.");

    private Narratives() {
    }

    static String[] story(String step, String mode, SplittableRandom r, boolean leak) {
        List<String> what = WHAT.get(mode);
        String narrative = what != null
                ? String.format(java.util.Locale.ROOT, what.get(r.nextInt(what.size())), 3 + r.nextInt(40))
                : String.format(java.util.Locale.ROOT, GENERIC.get(r.nextInt(GENERIC.size())),
                        step.replace('_', ' '), 2 + r.nextInt(12));
        if (leak) {
            narrative += LEAKS.get(r.nextInt(LEAKS.size()));
        }
        List<String> lessons = LESSON.getOrDefault(mode, GENERIC_LESSON);
        return new String[] {narrative, lessons.get(r.nextInt(lessons.size()))};
    }

    static final List<String> DENYLIST = List.of(
            "Northbridge Cell Therapies", "Northbridge", "Halvorsen Biologics", "Halvorsen", "Ridgeway",
            "Meyer", "Okonkwo", "Lindqvist", "Castellano", "Brightwater Bio", "Aldenmoor", "Kestrel Therapeutics",
            "Vantor Cell", "Pellmann", "Suncrest Gene", "Oriel Vector Works", "Marlowe", "Tamsin Hale",
            "Fenwick Biologics", "Greyfield", "Ashcombe", "Quillon", "Rosenthal", "Haverly", "Corvane",
            "Lakemont Cell Center", "Dunmore", "Everwell Biotherapeutics", "Sorensen", "Yarrowby",
            "Caldera Cell", "Penhallow", "Westbury site", "Ilse Brandt", "Novak", "Thornbury");
}
