package org.cgtbulletin.protect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.cgtbulletin.aggregate.Aggregator;
import org.cgtbulletin.aggregate.Tables;
import org.cgtbulletin.model.Problems;
import org.cgtbulletin.read.DatasetFiles;
import org.cgtbulletin.read.DatasetReader;
import org.cgtbulletin.read.DatasetSummary;
import org.cgtbulletin.read.ValidationRules;
import org.junit.jupiter.api.Test;

/**
 * Protection of the shipped sample ({@code content/data}), whose count cells form one component of over 4,000
 * withheld cells: no withheld cell is derivable, none is proven too narrow (complements whose own interval is
 * pinned are published) nor recoverable by its largest contributor, and every cell the restricted
 * programs could not decide within their work budget is listed as not proven (never counted as checked).
 */
class SampleProtectionTest {

    @Test
    void everyWithheldCellIsDecidedAndNoPrimaryCellIsExposed() throws IOException {
        Tables tables = sampleTables();
        Protection p = DisclosureControl.protect(tables.counts(), DisclosureRules.defaults());
        AuditReport a = p.audit();
        assertTrue(a.intervalRestricted() > 2000, a.toString());
        assertEquals(a.primary() + a.secondary(), a.intervalChecked() + a.intervalNotProven().size(),
                "every withheld cell is either checked or listed as not proven");
        assertTrue(a.intervalNotProven().size() < (a.primary() + a.secondary()) / 10,
                "the work budget decides the great majority: " + a.intervalNotProven().size());
        assertEquals(List.of(), a.derivable());
        assertEquals(List.of(), a.coalitionBreaches());
        // complements the published cells pin to one value are published, so no withheld cell is too narrow
        assertEquals(List.of(), a.tooNarrow());
        assertFalse(p.determined().isEmpty(), "the sample has complements pinned by non-negativity");
        for (Suppression s : p.suppressions()) {
            assertFalse(p.determined().contains(s.label()), s.toString());
        }
        assertEquals(p.audit(), DisclosureControl.protect(tables.counts(), DisclosureRules.defaults()).audit());
    }

    /** The shipped sample's tables, all its quarters. */
    private static Tables sampleTables() throws IOException {
        Path data = Path.of("content", "data");
        Aggregator[] agg = new Aggregator[1];
        Problems problems = new Problems();
        DatasetSummary ds = DatasetReader.read(new DatasetFiles(data.resolve("reports.csv"),
                data.resolve("volumes.csv"), data.resolve("denylist.txt"), Path.of("content", "taxonomy.yaml")),
                new ValidationRules(LocalDate.of(2027, 1, 1), null), problems, t -> agg[0] = new Aggregator(t));
        assertFalse(problems.hasErrors(), problems.toString());
        return agg[0].tables(ds.first(), ds.last(), ds.volumes());
    }

    /**
     * Each contributor's amounts in the hidden class-by-step-by-mode cells (what its largest-contributor attack
     * through them starts from) add up, per contributor, to its amounts in every two-way cell above them.
     */
    @Test
    void theHiddenCellsHoldEachContributorsAmounts() throws IOException {
        LinkedTables counts = sampleTables().counts();
        assertTrue(counts.impliedRelationCount() > 1000, "" + counts.impliedRelationCount());
        long withMoreThanOne = 0;
        for (int i = 0; i < counts.impliedRelationCount(); i++) {
            int[] relation = counts.impliedRelation(i);
            java.util.TreeMap<String, Long> sum = new java.util.TreeMap<>();
            for (int k = 1; k < relation.length; k++) {
                long total = 0;
                for (var e : counts.hiddenContributions(relation[k]).entrySet()) {
                    sum.merge(e.getKey(), e.getValue(), Long::sum);
                    total += e.getValue();
                }
                assertEquals(counts.hiddenTotal(relation[k]), total, counts.hiddenLabel(relation[k]));
                withMoreThanOne += counts.hiddenContributions(relation[k]).size() > 1 ? 1 : 0;
            }
            assertEquals(counts.contributions(relation[0]), sum, counts.label(relation[0]));
        }
        assertTrue(withMoreThanOne > 0);
    }
}
