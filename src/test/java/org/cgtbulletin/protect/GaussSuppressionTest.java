package org.cgtbulletin.protect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

/**
 * Cases from Statistics Norway's GaussSuppression vignettes: example1 (age x geo frequencies, 2014) and
 * magnitude1 (sector4 x geo, one row per contribution).
 */
class GaussSuppressionTest {

    private static List<String[]> csv(String name) throws IOException {
        List<String[]> rows = new ArrayList<>();
        try (InputStream in = GaussSuppressionTest.class.getResourceAsStream("/protect/" + name)) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("row")) {
                    rows.add(line.trim().split(","));
                }
            }
        }
        return rows;
    }

    /** example1, 2014: age (old, young) x geo (Iceland, Portugal, Spain) with margins; each unit a contributor. */
    private static Grids example1() throws IOException {
        List<String[]> rows = csv("example1_2014_2015.csv");
        String[] ages = {"old", "young"};
        String[] geos = {"Iceland", "Portugal", "Spain"};
        return Grids.of(new String[][] {ages, geos}, idx -> {
            Map<String, Long> m = new TreeMap<>();
            for (String[] r : rows) {
                if (r[4].equals("2014") && r[1].equals(ages[idx[0]]) && r[2].equals(geos[idx[1]])) {
                    for (int u = 0; u < Integer.parseInt(r[5]); u++) {
                        m.put(r[0] + "-" + u, 1L);
                    }
                }
            }
            return m;
        });
    }

    private static CellStatus[] pattern(int size, int... suppressed) {
        CellStatus[] s = new CellStatus[size];
        Arrays.fill(s, CellStatus.PUBLISHED);
        for (int c : suppressed) {
            s[c] = CellStatus.SUPPRESSED_SECONDARY;
        }
        return s;
    }

    private static void assertSafe(LinkedTables t, DisclosureRules rules, Protection p) {
        assertTrue(p.audit().clean(), p.audit().toString());
        for (int c = 0; c < t.size(); c++) {
            if (p.published(c)) {
                assertEquals(List.of(), rules.failed(t.contributions(c)), t.label(c));
            }
        }
        assertEquals(p.audit(), DisclosureControl.audit(t, p.status(), rules));
    }

    @Test
    void example1MaxN1PublishesZerosSoNothingIsSuppressed() throws IOException {
        Grids g = example1();
        assertEquals(20, g.tables.total(g.id(2, 3)));
        assertEquals(0, g.tables.total(g.id(1, 1))); // young/Portugal
        // maxN = 1: freq <= 1 unsafe; GaussSuppression also protects zeros, our rules publish them.
        DisclosureRules maxN1 = new DisclosureRules(0, 2, 1.0, 0.0);
        Protection p = DisclosureControl.protect(g.tables, maxN1);
        assertEquals(12, p.audit().published());
        assertEquals(0, p.suppressions().size());
        assertSafe(g.tables, maxN1, p);
    }

    @Test
    void example1VignettePatternPassesOurAudit() throws IOException {
        // Vignette output: primary young/Portugal (0), secondary old/Iceland, old/Portugal, young/Iceland.
        Grids g = example1();
        CellStatus[] s = pattern(g.tables.size(), g.id(0, 0), g.id(0, 1), g.id(1, 0));
        s[g.id(1, 1)] = CellStatus.SUPPRESSED;
        Auditor.Detail d = DisclosureControl.detail(g.tables, s, new DisclosureRules(0, 2, 1.0, 0.0));
        assertTrue(d.report().clean(), d.report().toString());
        assertEquals(0, d.low()[g.id(1, 1)], 1e-9);
        assertEquals(2, d.high()[g.id(1, 1)], 1e-9); // young/Total 7 - young/Spain 5
    }

    @Test
    void example1WithDefaultRules() throws IOException {
        Grids g = example1();
        DisclosureRules rules = DisclosureRules.defaults();
        Protection p = DisclosureControl.protect(g.tables, rules);
        assertSafe(g.tables, rules, p);
        // young/Iceland (2), old/Iceland (3), old/Portugal (4) and Total/Portugal (4) fail R2 (and R1 for 2)
        assertEquals(CellStatus.SUPPRESSED, p.status()[g.id(1, 0)]);
        assertEquals(CellStatus.SUPPRESSED, p.status()[g.id(0, 0)]);
        assertEquals(CellStatus.SUPPRESSED, p.status()[g.id(0, 1)]);
        assertEquals(CellStatus.SUPPRESSED, p.status()[g.id(2, 1)]);
        assertEquals(4, p.audit().primary());
    }

    /** example1 2014 with the eu hierarchy: geo Total = EU + nonEU, EU = Portugal + Spain, nonEU = Iceland. */
    @Test
    void example1HierarchyVignettePatternPassesOurAudit() throws IOException {
        List<String[]> rows = csv("example1_2014_2015.csv");
        String[] ages = {"old", "young"};
        String[] geo = {"Total", "EU", "nonEU", "Iceland", "Portugal", "Spain"};
        LinkedTables t = new LinkedTables();
        Map<String, Integer> id = new LinkedHashMap<>();
        for (String age : new String[] {"Total", "old", "young"}) {
            for (String g : geo) {
                Map<String, Long> m = new TreeMap<>();
                for (String[] r : rows) {
                    boolean ageOk = age.equals("Total") || r[1].equals(age);
                    boolean geoOk = g.equals("Total") || r[2].equals(g) || r[3].equals(g);
                    if (r[4].equals("2014") && ageOk && geoOk) {
                        for (int u = 0; u < Integer.parseInt(r[5]); u++) {
                            m.put(r[0] + "-" + u, 1L);
                        }
                    }
                }
                id.put(age + "/" + g, t.addCell(age + "/" + g, m));
            }
        }
        for (String age : new String[] {"Total", "old", "young"}) {
            t.addRelation(id.get(age + "/Total"), new int[] {id.get(age + "/EU"), id.get(age + "/nonEU")});
            t.addRelation(id.get(age + "/Total"),
                    new int[] {id.get(age + "/Iceland"), id.get(age + "/Portugal"), id.get(age + "/Spain")});
            t.addRelation(id.get(age + "/EU"), new int[] {id.get(age + "/Portugal"), id.get(age + "/Spain")});
            t.addRelation(id.get(age + "/nonEU"), new int[] {id.get(age + "/Iceland")});
        }
        for (String g : geo) {
            t.addRelation(id.get("Total/" + g), new int[] {id.get("old/" + g), id.get("young/" + g)});
        }
        assertEquals(15, t.total(id.get("Total/EU")));
        // Vignette, maxN = 2: primary young/nonEU, young/Iceland, young/Portugal (0);
        // secondary old/EU, old/nonEU, old/Iceland, old/Portugal, young/EU.
        CellStatus[] s = pattern(t.size(), id.get("old/EU"), id.get("old/nonEU"), id.get("old/Iceland"),
                id.get("old/Portugal"), id.get("young/EU"));
        for (String c : new String[] {"young/nonEU", "young/Iceland", "young/Portugal"}) {
            s[id.get(c)] = CellStatus.SUPPRESSED;
        }
        DisclosureRules maxN2 = new DisclosureRules(0, 3, 1.0, 0.0);
        AuditReport a = DisclosureControl.audit(t, s, maxN2);
        assertEquals(List.of(), a.derivable());
        assertEquals(8, a.intervalChecked());
        // Our own pattern for the same linked tables (zeros published) is safe too.
        Protection p = DisclosureControl.protect(t, maxN2);
        assertSafe(t, maxN2, p);
        assertEquals(CellStatus.SUPPRESSED, p.status()[id.get("young/Iceland")]);
        assertEquals(CellStatus.SUPPRESSED, p.status()[id.get("young/nonEU")]);
    }

    /** magnitude1 (values x10 to integers), sector4 x geo, contributions = rows. */
    private static Grids magnitude1(boolean byCompany) throws IOException {
        List<String[]> rows = csv("magnitude1.csv");
        String[] sectors = {"Agriculture", "Entertainment", "Governmental", "Industry"};
        String[] geos = {"Iceland", "Portugal", "Spain"};
        return Grids.of(new String[][] {sectors, geos}, idx -> {
            Map<String, Long> m = new TreeMap<>();
            for (String[] r : rows) {
                if (r[1].equals(sectors[idx[0]]) && r[3].equals(geos[idx[1]])) {
                    long tenths = Math.round(Double.parseDouble(r[6]) * 10);
                    m.merge(byCompany ? r[5] : "row" + r[0], tenths, Long::sum);
                }
            }
            return m;
        });
    }

    @Test
    void magnitude1DominanceN1K80MatchesTheVignette() throws IOException {
        Grids g = magnitude1(false);
        DisclosureRules k80 = new DisclosureRules(0, 0, 0.80, 0.0);
        TreeSet<String> primary = new TreeSet<>();
        for (int c = 0; c < g.tables.size(); c++) {
            if (!k80.failed(g.tables.contributions(c)).isEmpty()) {
                primary.add(g.tables.label(c));
            }
        }
        assertEquals(new TreeSet<>(List.of("Entertainment|Iceland", "Governmental|Portugal", "Industry|Portugal",
                "Industry|Spain")), primary);
        assertEquals(4623, g.tables.total(g.id(4, 3)));
        Protection p = DisclosureControl.protect(g.tables, k80);
        assertSafe(g.tables, k80, p);
        // every R3 cell can be pushed up to x1 / 0.8 by an attacker
        for (Suppression s : p.suppressions()) {
            if (s.status() == CellStatus.SUPPRESSED && s.intervalChecked()) {
                long x1 = g.tables.contributions(s.cell()).values().stream().mapToLong(Long::longValue).max()
                        .orElseThrow();
                assertTrue(s.feasibleHigh() >= x1 / 0.8 - 1e-9, s.toString());
            }
        }
    }

    @Test
    void magnitude1FewContributorsMaxN1MatchesTheVignette() throws IOException {
        Grids g = magnitude1(false);
        DisclosureRules maxN1 = new DisclosureRules(2, 0, 1.0, 0.0);
        TreeSet<String> primary = new TreeSet<>();
        for (int c = 0; c < g.tables.size(); c++) {
            if (!maxN1.failed(g.tables.contributions(c)).isEmpty()) {
                primary.add(g.tables.label(c));
            }
        }
        assertEquals(new TreeSet<>(List.of("Entertainment|Iceland", "Industry|Spain")), primary);
        // the vignette's secondary pattern is not derivable under our audit
        CellStatus[] s = pattern(g.tables.size(), g.id(1, 1), g.id(2, 1), g.id(2, 2), g.id(3, 0), g.id(3, 1));
        s[g.id(1, 0)] = CellStatus.SUPPRESSED;
        s[g.id(3, 2)] = CellStatus.SUPPRESSED;
        assertEquals(List.of(), DisclosureControl.audit(g.tables, s, maxN1).derivable());
        Protection p = DisclosureControl.protect(g.tables, maxN1);
        assertSafe(g.tables, maxN1, p);
    }

    @Test
    void magnitude1ByCompanyDefaultRules() throws IOException {
        // contributions summed per company first (a holding), as GaussSuppression's contributorVar does
        Grids g = magnitude1(true);
        assertEquals(4, g.tables.contributions(g.id(4, 3)).size());
        Protection p = DisclosureControl.protect(g.tables, DisclosureRules.defaults());
        assertSafe(g.tables, DisclosureRules.defaults(), p);
    }
}
