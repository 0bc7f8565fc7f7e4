package org.cgtbulletin.analyze;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.cgtbulletin.model.CellKey;
import org.cgtbulletin.model.PublishedCell;
import org.cgtbulletin.model.Quarter;
import org.cgtbulletin.model.Taxonomy;

/**
 * A synthetic published world for analysis tests: events per (product class, step, mode, quarter) and batches per
 * (product class, quarter), turned into the rows of cells.csv for every table the analysis reads (overall, class,
 * step, mode, step x mode, class x step, class x mode), all published unless withheld on purpose.
 */
final class World {

    static final String ALL = CellKey.ALL;

    final List<String> classes;
    final List<String> steps;
    final List<String> modes;
    final List<Quarter> quarters;
    /** events[class][step][mode][quarter] */
    final long[][][][] events;
    /** batches[class][quarter]; ignored when volumes is false */
    final long[][] batches;
    boolean volumes = true;
    final Set<CellKey> withheld = new HashSet<>();

    World(List<String> classes, List<String> steps, List<String> modes, Quarter first, int quarters) {
        this.classes = classes;
        this.steps = steps;
        this.modes = modes;
        this.quarters = new ArrayList<>();
        Quarter q = first;
        for (int i = 0; i < quarters; i++) {
            this.quarters.add(q);
            q = q.next();
        }
        events = new long[classes.size()][steps.size()][modes.size()][quarters];
        batches = new long[classes.size()][quarters];
    }

    /** Two classes, three steps, four modes. */
    static World small(int quarters) {
        return new World(List.of("car_t_autologous", "aav_vector"), List.of("starting_material", "expansion",
                "qc_release"), List.of("mycoplasma_positive", "low_viability", "documentation_error",
                "equipment_failure"), new Quarter(2024, 4), quarters);
    }

    Taxonomy taxonomy() {
        return TestTaxonomy.of(classes, steps, modes);
    }

    Quarter last() {
        return quarters.get(quarters.size() - 1);
    }

    /** Withholds one row (as disclosure control would). */
    World withhold(Quarter q, String productClass, String step, String mode) {
        withheld.add(new CellKey(q.toString(), productClass, step, mode, ALL));
        return this;
    }

    List<PublishedCell> cells() {
        List<PublishedCell> rows = new ArrayList<>();
        for (int qi = 0; qi < quarters.size(); qi++) {
            Map<String, Long> denominators = new HashMap<>();
            long allBatches = 0;
            for (int c = 0; c < classes.size(); c++) {
                denominators.put(classes.get(c), batches[c][qi]);
                allBatches += batches[c][qi];
            }
            denominators.put(ALL, allBatches);
            for (int c = -1; c < classes.size(); c++) {
                for (int s = -1; s < steps.size(); s++) {
                    for (int m = -1; m < modes.size(); m++) {
                        int dims = (c >= 0 ? 1 : 0) + (s >= 0 ? 1 : 0) + (m >= 0 ? 1 : 0);
                        if (dims > 2) {
                            continue; // no class x step x mode table
                        }
                        rows.add(row(qi, c, s, m, denominators));
                    }
                }
            }
        }
        return rows;
    }

    private PublishedCell row(int qi, int c, int s, int m, Map<String, Long> denominators) {
        long total = 0;
        for (int ci = 0; ci < classes.size(); ci++) {
            for (int si = 0; si < steps.size(); si++) {
                for (int mi = 0; mi < modes.size(); mi++) {
                    if ((c < 0 || c == ci) && (s < 0 || s == si) && (m < 0 || m == mi)) {
                        total += events[ci][si][mi][qi];
                    }
                }
            }
        }
        String pc = c < 0 ? ALL : classes.get(c);
        CellKey key = new CellKey(quarters.get(qi).toString(), pc, s < 0 ? ALL : steps.get(s),
                m < 0 ? ALL : modes.get(m), ALL);
        Long b = volumes ? denominators.get(pc) : null;
        if (withheld.contains(key)) {
            return new PublishedCell(key, null, b, null, null, null, PublishedCell.SUPPRESSED);
        }
        Rates.Rate rate = b == null ? null : Rates.perHundred(total, b);
        return new PublishedCell(key, total, b, rate == null ? null : rate.perHundred(),
                rate == null ? null : rate.low(), rate == null ? null : rate.high(), PublishedCell.PUBLISHED);
    }
}
