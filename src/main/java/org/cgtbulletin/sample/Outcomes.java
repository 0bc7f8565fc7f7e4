package org.cgtbulletin.sample;

import java.util.SplittableRandom;

/** Plausible consequences, detection points and root causes for a failure mode. */
final class Outcomes {

    private static final String[] OUTCOMES = {"near_miss", "deviation_no_impact", "product_delayed",
        "exceptional_release", "batch_lost", "patient_not_treated"};

    private Outcomes() {
    }

    /** Outcome drawn from a severity profile (percent per outcome, in severity order) that fits the mode. */
    static String pick(String mode, FailurePattern.Kind kind, SplittableRandom r) {
        int[] profile = switch (mode) {
            case "sterility_positive", "mycoplasma_positive", "rcv_positive" ->
                    kind == FailurePattern.Kind.CELL ? new int[] {5, 15, 5, 0, 60, 15} : new int[] {5, 20, 5, 0, 70, 0};
            case "documentation_error", "labelling_error", "operator_error" -> new int[] {45, 45, 8, 0, 2, 0};
            case "chain_of_identity_error" -> new int[] {70, 22, 5, 0, 3, 0};
            case "temperature_excursion", "equipment_failure", "cryo_failure", "environmental_excursion" ->
                    new int[] {25, 40, 20, 0, 15, 0};
            case "shipping_delay" -> new int[] {30, 15, 50, 0, 0, 5};
            case "assay_invalid" -> new int[] {20, 30, 50, 0, 0, 0};
            case "low_viability", "insufficient_dose", "potency_fail", "low_transduction", "vcn_oos",
                    "low_purity", "identity_fail" -> new int[] {0, 20, 15, 25, 30, 10};
            case "expansion_failure", "starting_material_oos" -> new int[] {0, 15, 20, 10, 35, 20};
            default -> new int[] {10, 40, 20, 0, 30, 0};
        };
        int u = r.nextInt(100);
        for (int i = 0; i < profile.length; i++) {
            u -= profile[i];
            if (u < 0) {
                return OUTCOMES[i];
            }
        }
        return OUTCOMES[1];
    }

    static String detectedAt(String step, String mode, SplittableRandom r) {
        return switch (mode) {
            case "sterility_positive", "mycoplasma_positive", "endotoxin_oos", "potency_fail", "identity_fail",
                    "vcn_oos", "rcv_positive", "empty_capsids_oos", "documentation_error" ->
                    r.nextInt(4) == 0 ? step : "qc_release";
            default -> step;
        };
    }

    static String rootCause(String mode, SplittableRandom r) {
        if (r.nextInt(8) == 0) {
            return "unknown";
        }
        return switch (mode) {
            case "documentation_error", "labelling_error", "operator_error", "chain_of_identity_error" -> "personnel";
            case "equipment_failure", "cryo_failure", "software_failure", "temperature_excursion" -> "equipment";
            case "raw_material_defect", "starting_material_oos", "mycoplasma_positive" -> "material";
            case "environmental_excursion", "sterility_positive" -> "environment";
            case "assay_invalid" -> "measurement";
            default -> "method";
        };
    }
}
