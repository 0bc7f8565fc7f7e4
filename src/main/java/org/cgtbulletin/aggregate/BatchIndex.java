package org.cgtbulletin.aggregate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntFunction;

import org.cgtbulletin.model.Quarter;
import org.cgtbulletin.protect.LinkedTables;

/**
 * Denominators: batches started per period and product class (and over all classes), with contributions per
 * contributor, since a production volume is as confidential as a failure count.
 */
final class BatchIndex {

    private final List<Period> periods;
    private final int classes;
    private final List<TreeMap<String, Long>> contributions = new ArrayList<>();

    BatchIndex(List<Period> periods, int classes) {
        this.periods = periods;
        this.classes = classes;
        for (int i = 0; i < periods.size() * (classes + 1); i++) {
            contributions.add(new TreeMap<>());
        }
    }

    /** Cell id: per period, first all classes ('*'), then each class in taxonomy order. */
    int id(int p, int productClass) {
        return p * (classes + 1) + (productClass < 0 ? 0 : productClass + 1);
    }

    void add(Quarter q, int productClass, String contributor, long batches) {
        for (int p = 0; p < periods.size(); p++) {
            if (periods.get(p).quarters().contains(q)) {
                contributions.get(id(p, productClass)).merge(contributor, batches, Long::sum);
                contributions.get(id(p, -1)).merge(contributor, batches, Long::sum);
            }
        }
    }

    List<BatchKey> keys(IntFunction<String> classCode) {
        List<BatchKey> keys = new ArrayList<>();
        for (Period period : periods) {
            for (int pc = -1; pc < classes; pc++) {
                keys.add(new BatchKey(period.name(), classCode.apply(pc)));
            }
        }
        return keys;
    }

    LinkedTables linked(IntFunction<String> classCode) {
        LinkedTables tables = new LinkedTables();
        List<BatchKey> keys = keys(classCode);
        for (int id = 0; id < keys.size(); id++) {
            Map<String, Long> m = contributions.get(id);
            tables.addCell("batches " + keys.get(id).period() + " " + keys.get(id).productClass(), m);
        }
        for (int p = 0; p < periods.size(); p++) {
            int[] parts = new int[classes];
            for (int pc = 0; pc < classes; pc++) {
                parts[pc] = id(p, pc);
            }
            tables.addRelation(id(p, -1), parts);
        }
        for (int p = 0; p < periods.size(); p++) {
            List<Integer> sub = Period.partsOf(periods, p);
            if (sub.isEmpty()) {
                continue;
            }
            for (int pc = -1; pc < classes; pc++) {
                int[] parts = new int[sub.size()];
                for (int i = 0; i < parts.length; i++) {
                    parts[i] = id(sub.get(i), pc);
                }
                tables.addRelation(id(p, pc), parts);
            }
        }
        return tables;
    }
}
