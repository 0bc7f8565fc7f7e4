package org.cgtbulletin.sample;

import java.util.List;

/**
 * Where failures originate, how often, and how bad they are: the synthetic world's ground truth. Rates are
 * events per 100 batches started; a pattern applies to cell products, to vectors, or to one product class.
 */
record FailurePattern(String step, String mode, double ratePer100, Kind kind, String productClass,
        Trend trend) {

    enum Kind { CELL, VECTOR }

    /** A planted change in rate over time, as a multiplier of the base rate by quarter index (0 = oldest). */
    interface Trend {
        double factor(int quarter, int quarters);

        Trend NONE = (q, n) -> 1.0;
    }

    /** Rises linearly over the last 8 quarters to {@code top} times the base rate. */
    static Trend risingOverLastEight(double top) {
        return (q, n) -> {
            int start = n - 8;
            return q <= start ? 1.0 : 1.0 + (top - 1.0) * (q - start) / 7.0;
        };
    }

    /** Falls to {@code floor} times the base rate over the last 6 quarters (a shipper change). */
    static Trend fallingOverLastSix(double floor) {
        return (q, n) -> {
            int start = n - 6;
            return q <= start ? 1.0 : 1.0 - (1.0 - floor) * (q - start) / 5.0;
        };
    }

    /** {@code times} the base rate in the latest quarter only. */
    static Trend spikeInLastQuarter(double times) {
        return (q, n) -> q == n - 1 ? times : 1.0;
    }

    static FailurePattern cell(String step, String mode, double rate) {
        return new FailurePattern(step, mode, rate, Kind.CELL, null, Trend.NONE);
    }

    static FailurePattern vector(String step, String mode, double rate) {
        return new FailurePattern(step, mode, rate, Kind.VECTOR, null, Trend.NONE);
    }

    boolean appliesTo(String productClass) {
        if (this.productClass != null) {
            return this.productClass.equals(productClass);
        }
        boolean isVector = productClass.endsWith("_vector");
        return kind == (isVector ? Kind.VECTOR : Kind.CELL);
    }

    double rate(int quarter, int quarters) {
        return ratePer100 * trend.factor(quarter, quarters);
    }

    /**
     * The planted world. Trends worth finding: mycoplasma at expansion in autologous CAR-T rising from about 1
     * to 3.5 per 100 batches over the last eight quarters; temperature excursions in storage and distribution
     * falling to a third after a shipper change; a spike of empty-capsid results at AAV downstream in the
     * latest quarter; chain-of-identity errors concentrated at receipt of starting material.
     */
    static final List<FailurePattern> WORLD = List.of(
            cell("starting_material", "starting_material_oos", 1.4),
            cell("starting_material", "shipping_delay", 0.9),
            cell("starting_material", "chain_of_identity_error", 0.7),
            cell("cell_selection", "low_purity", 0.8),
            cell("activation", "raw_material_defect", 0.4),
            cell("genetic_modification", "low_transduction", 1.2),
            cell("genetic_modification", "vcn_oos", 0.5),
            cell("expansion", "expansion_failure", 2.0),
            cell("expansion", "low_viability", 1.0),
            new FailurePattern("expansion", "mycoplasma_positive", 1.0, Kind.CELL, "car_t_autologous",
                    risingOverLastEight(3.5)),
            cell("expansion", "mycoplasma_positive", 0.5),
            cell("expansion", "sterility_positive", 0.4),
            cell("expansion", "equipment_failure", 0.6),
            cell("expansion", "operator_error", 0.5),
            cell("harvest", "low_viability", 0.6),
            cell("harvest", "insufficient_dose", 0.9),
            cell("formulation_fill", "labelling_error", 0.3),
            cell("formulation_fill", "closed_system_breach", 0.3),
            cell("cryopreservation", "cryo_failure", 0.5),
            cell("cryopreservation", "equipment_failure", 0.3),
            cell("qc_release", "assay_invalid", 1.2),
            cell("qc_release", "potency_fail", 0.5),
            cell("qc_release", "identity_fail", 0.2),
            cell("qc_release", "endotoxin_oos", 0.2),
            cell("qc_release", "documentation_error", 1.5),
            new FailurePattern("storage_distribution", "temperature_excursion", 1.8, Kind.CELL, null,
                    fallingOverLastSix(0.33)),
            cell("storage_distribution", "shipping_delay", 0.8),
            cell("storage_distribution", "chain_of_identity_error", 0.1),
            cell("thaw_administration", "low_viability", 0.3),
            cell("facility", "environmental_excursion", 0.8),
            vector("vector_upstream", "low_vector_titer", 2.5),
            vector("vector_upstream", "equipment_failure", 0.8),
            vector("vector_upstream", "raw_material_defect", 0.6),
            vector("vector_upstream", "sterility_positive", 0.3),
            new FailurePattern("vector_downstream", "empty_capsids_oos", 1.2, Kind.VECTOR, "aav_vector",
                    spikeInLastQuarter(3.5)),
            vector("vector_downstream", "low_vector_titer", 1.0),
            vector("vector_fill_finish", "sterility_positive", 0.2),
            vector("vector_fill_finish", "endotoxin_oos", 0.3),
            new FailurePattern("qc_release", "rcv_positive", 0.15, Kind.VECTOR, "lentiviral_vector", Trend.NONE),
            vector("qc_release", "assay_invalid", 1.0),
            vector("qc_release", "documentation_error", 1.0),
            vector("facility", "environmental_excursion", 0.7),
            vector("storage_distribution", "temperature_excursion", 0.5));
}
