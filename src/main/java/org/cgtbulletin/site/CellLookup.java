package org.cgtbulletin.site;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.cgtbulletin.model.CellKey;
import org.cgtbulletin.model.PublishedCell;
import org.cgtbulletin.model.Quarter;
import org.cgtbulletin.publish.CellsFiles;

/**
 * The published rows by key, and their view for templates: every number as the exact text of its cells.csv
 * field, so a page can never show a figure that the download does not contain.
 */
public final class CellLookup {

    static final String ALL = CellKey.ALL;

    private final Map<CellKey, PublishedCell> byKey = new HashMap<>();
    private final List<Quarter> quarters;
    private final boolean rates;

    CellLookup(List<PublishedCell> cells, Quarter first, Quarter asOf, boolean rates) {
        for (PublishedCell c : cells) {
            byKey.put(c.key(), c);
        }
        List<Quarter> q = new ArrayList<>();
        if (first != null && asOf != null) {
            for (Quarter x = first; x.compareTo(asOf) <= 0; x = x.next()) {
                q.add(x);
            }
        }
        this.quarters = List.copyOf(q);
        this.rates = rates;
    }

    List<Quarter> quarters() {
        return quarters;
    }

    boolean rates() {
        return rates;
    }

    PublishedCell get(String period, String product, String step, String mode, String outcome) {
        return byKey.get(new CellKey(period, product, step, mode, outcome));
    }

    boolean has(String period, String product, String step, String mode, String outcome) {
        return get(period, product, step, mode, outcome) != null;
    }

    /** The quarterly series of one key pattern, oldest first (missing keys are absent, never invented). */
    List<PublishedCell> series(String product, String step, String mode, String outcome) {
        List<PublishedCell> s = new ArrayList<>();
        for (Quarter q : quarters) {
            PublishedCell c = get(q.toString(), product, step, mode, outcome);
            if (c != null) {
                s.add(c);
            }
        }
        return s;
    }

    /**
     * A row as text fields for a template, exactly as cells.csv writes them (the site's pages and the PDF digests);
     * {@code null} cell gives an all-empty "not tabulated" view.
     */
    public static Map<String, Object> view(PublishedCell c) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (c == null) {
            m.put("exists", false);
            m.put("period", "");
            m.put("published", false);
            m.put("events", "");
            m.put("batches", "");
            m.put("rate", "");
            m.put("low", "");
            m.put("high", "");
            m.put("status", "");
            return m;
        }
        List<String> f = CellsFiles.fields(c);
        m.put("exists", true);
        m.put("period", c.key().period());
        m.put("periodLabel", periodLabel(c.key().period()));
        m.put("published", c.isPublished());
        m.put("events", f.get(5));
        m.put("batches", f.get(6));
        m.put("rate", f.get(7));
        m.put("low", f.get(8));
        m.put("high", f.get(9));
        m.put("status", f.get(10));
        return m;
    }

    /** "2026-Q3" as "2026 Q3"; years and "all" as "2026" and "All quarters". */
    static String periodLabel(String period) {
        if (period.equals("all")) {
            return "All quarters";
        }
        return period.replace("-Q", " Q");
    }
}
