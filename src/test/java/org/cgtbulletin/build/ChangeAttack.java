package org.cgtbulletin.build;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.apache.commons.csv.CSVRecord;

/**
 * A reader with two releases' cells.csv, working out changes: the changes since the first obey the tables'
 * relations (a margin is the sum of its codes' cells, a year of its quarters, {@code all} of its years), the change
 * of a cell both publish is read off, and so, assumed 0, is that of every cell of a quarter none of whose numbers
 * both publish moved. Relations with one change left unknown are solved, until none is: chains of relations, which
 * the build must not let pin the change of a cell neither release lets the reader difference.
 */
final class ChangeAttack {

    private ChangeAttack() {
    }

    /** The changes worked out for cells not published in both releases, by key (period|class|step|mode|outcome). */
    static Map<String, Long> changesOfWithheld(List<CSVRecord> first, List<CSVRecord> second) {
        Map<String, CSVRecord> before = byKey(first);
        Map<String, CSVRecord> after = byKey(second);
        Set<String> moved = new TreeSet<>();
        Map<String, Long> known = new TreeMap<>();
        for (Map.Entry<String, CSVRecord> e : after.entrySet()) {
            CSVRecord then = before.get(e.getKey());
            if (then != null && published(then) && published(e.getValue())) {
                long change = Long.parseLong(e.getValue().get("events")) - Long.parseLong(then.get("events"));
                known.put(e.getKey(), change);
                if (change != 0) {
                    moved.add(period(e.getKey()));
                }
            }
        }
        Set<String> periodsThen = new TreeSet<>();
        before.keySet().forEach(k -> periodsThen.add(period(k)));
        for (String key : after.keySet()) {
            String p = period(key);
            if (p.contains("-Q") && periodsThen.contains(p) && !moved.contains(p)) {
                known.putIfAbsent(key, 0L);
            }
            if (!periodsThen.contains(p) && published(after.get(key))) {
                known.put(key, Long.parseLong(after.get(key).get("events")));
            }
        }
        List<List<String>> relations = relations(after.keySet());
        boolean progress = true;
        while (progress) {
            progress = false;
            for (List<String> rel : relations) {
                String unknown = null;
                int unknowns = 0;
                long sum = 0; // total minus parts, over the known ones
                for (int i = 0; i < rel.size(); i++) {
                    Long x = known.get(rel.get(i));
                    if (x == null) {
                        unknown = rel.get(i);
                        unknowns++;
                    } else {
                        sum += i == 0 ? x : -x;
                    }
                }
                if (unknowns == 1) {
                    known.put(unknown, unknown.equals(rel.get(0)) ? -sum : sum);
                    progress = true;
                }
            }
        }
        Map<String, Long> out = new TreeMap<>();
        known.forEach((key, change) -> {
            CSVRecord then = before.get(key);
            boolean readOff = published(after.get(key))
                    && (then != null ? published(then) : !periodsThen.contains(period(key)));
            if (!readOff) {
                out.put(key, change);
            }
        });
        return out;
    }

    /** Every relation as [total, parts...] (a part missing from cells.csv has no reports: its change is 0). */
    private static List<List<String>> relations(Set<String> keys) {
        List<Set<String>> codes = new ArrayList<>();
        for (int d = 0; d < 5; d++) {
            codes.add(new TreeSet<>());
        }
        for (String key : keys) {
            String[] k = key.split("\\|");
            for (int d = 1; d < 5; d++) {
                if (!k[d].equals("*")) {
                    codes.get(d).add(k[d]);
                }
            }
            codes.get(0).add(k[0]);
        }
        List<List<String>> out = new ArrayList<>();
        for (String key : new TreeSet<>(keys)) {
            String[] k = key.split("\\|");
            for (int d = 1; d < 5; d++) {
                if (!k[d].equals("*")) {
                    continue;
                }
                List<String> rel = new ArrayList<>(List.of(key));
                for (String code : codes.get(d)) {
                    String[] part = k.clone();
                    part[d] = code;
                    String p = String.join("|", part);
                    if (keys.contains(p)) {
                        rel.add(p);
                    }
                }
                if (rel.size() > 1) {
                    out.add(rel);
                }
            }
            if (!k[0].contains("-Q")) {
                List<String> rel = new ArrayList<>(List.of(key));
                for (String p : codes.get(0)) {
                    boolean in = k[0].equals("all") ? p.length() == 4 : p.startsWith(k[0] + "-Q");
                    String[] part = k.clone();
                    part[0] = p;
                    if (in && keys.contains(String.join("|", part))) {
                        rel.add(String.join("|", part));
                    }
                }
                if (rel.size() > 1) {
                    out.add(rel);
                }
            }
        }
        return out;
    }

    private static Map<String, CSVRecord> byKey(List<CSVRecord> cells) {
        Map<String, CSVRecord> m = new HashMap<>();
        for (CSVRecord c : cells) {
            m.put(c.get("period") + "|" + c.get("product_class") + "|" + c.get("process_step") + "|"
                    + c.get("failure_mode") + "|" + c.get("outcome"), c);
        }
        return m;
    }

    private static boolean published(CSVRecord c) {
        return c.get("status").equals("published");
    }

    private static String period(String key) {
        return key.substring(0, key.indexOf('|'));
    }
}
