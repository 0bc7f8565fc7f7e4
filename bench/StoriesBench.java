import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import org.cgtbulletin.model.Dimension;
import org.cgtbulletin.model.FailureReport;
import org.cgtbulletin.model.Problems;
import org.cgtbulletin.model.Quarter;
import org.cgtbulletin.model.Taxonomy;
import org.cgtbulletin.model.TaxonomyCode;
import org.cgtbulletin.stories.Deidentifier;
import org.cgtbulletin.stories.Editorial;
import org.cgtbulletin.stories.StoryDesk;

/**
 * Benchmark of de-identification (run by bench/stories.sh, in one JVM): N narratives of about 300 characters
 * (seeded; some carry planted identifiers and denylist names) against a seeded denylist of T terms. Times
 * building the automaton, cleaning every text on one thread, and the whole stories stage (StoryDesk: cleaning
 * narrative and lesson as reports stream by, then contributor tokens, withhold rules, ids and sorting).
 * Usage: java -cp target/bulletin.jar bench/StoriesBench.java [N] [T] [SEED]
 *    or: java -cp target/bulletin.jar bench/StoriesBench.java --denylist [T] [SEED]   (prints the denylist only;
 *        bench/build.sh and bench/scaling.sh use it for the 1,500-term denylist)
 */
public class StoriesBench {

    static final String[] SYLLABLES = {"var", "hol", "ten", "bri", "mar", "lo", "wen", "dal", "ka", "ster", "ron",
        "fel", "gar", "bel", "thor", "ind", "ash", "mer", "quil", "dun", "pen", "hal", "cor", "vane", "ley", "ridge",
        "moor", "stad", "berg", "ton", "by", "wick", "ham", "ford", "sen", "ova", "ski", "elli", "ano", "ez"};
    static final String[] ORG_WORDS = {"Biologics", "Therapeutics", "Cell", "Gene", "Bio", "Vector Works",
        "Biosciences", "Cell Center", "Pharma", "Medical"};
    static final String[] WHAT = {
        "Viability fell to %d%% at harvest against a limit of 70%%; the cells had been held at room temperature"
                + " longer than validated.",
        "Storage freezer alarmed at -60 °C against a -80 °C set point for %d minutes overnight; the call-out did"
                + " not reach the on-call engineer.",
        "Culture reached only %d%% of the target cell number by day 10; the starting material had a low CD3+"
                + " fraction and IL-2 was prepared at half strength.",
        "Settle plate in the grade A zone grew %d CFU during an aseptic connection; the batch was assessed for"
                + " impact and the operator retrained.",
        "Empty-capsid ratio by AUC was %d%% against a limit of 30%%; the full/empty separation ran with a shifted"
                + " salt gradient.",
        "Transduction efficiency of %d%% was below specification; the MOI calculation used an outdated titre of"
                + " 2 x 10^8 TU/mL.",
        "Flight cancellation delayed the shipment by %d hours; the dry shipper stayed below -150 °C and the"
                + " product stayed within its validated window."};
    static final String[] MORE = {
        " Lot release testing was repeated with fresh reagents and the result confirmed on day %d.",
        " The deviation was closed after a root-cause review of the batch record and %d interviews.",
        " HEK293 passage number and AAV9 titre were within range; the 0.22 µm filter integrity test passed.",
        " Investigation found no link to the IL-7/IL-15 supplement; CAPA effectiveness check at %d weeks."};
    static final String[] LEAKS = {" Material from lot 22-0417B was involved.", " Reference batch CX-20931.",
        " Contact j.doe@example-bio.com for details.", " Call +44 20 7946 0958 for details.",
        " QA lead on (617) 555-0143 approved it.", " It occurred on 14 March 2025.", " Logged 2025-03-14.",
        " Dr. Meyer led the investigation.", " See https://qms.example.org/dev/4411 for the record."};

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("--denylist")) { // only print a seeded denylist of T terms
            int t = args.length > 1 ? Integer.parseInt(args[1]) : 1_500;
            long seed = args.length > 2 ? Long.parseLong(args[2]) : 20261125L;
            denylist(t, new SplittableRandom(seed)).forEach(System.out::println);
            return;
        }
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int t = args.length > 1 ? Integer.parseInt(args[1]) : 1_500;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 20261125L;
        SplittableRandom r = new SplittableRandom(seed);
        List<String> denylist = denylist(t, r);
        List<String> texts = new ArrayList<>(n);
        long chars = 0;
        for (int i = 0; i < n; i++) {
            String s = narrative(r, denylist);
            texts.add(s);
            chars += s.length();
        }
        System.out.printf(Locale.ROOT, "%d narratives, %.0f characters on average; denylist of %d terms%n", n,
                (double) chars / n, denylist.size());

        long t0 = System.nanoTime();
        Deidentifier d = Deidentifier.of(denylist);
        long t1 = System.nanoTime();
        System.out.printf(Locale.ROOT, "build the denylist automaton: %.3f s%n", (t1 - t0) / 1e9);

        // warm-up on a slice, then measure the whole set
        for (int i = 0; i < Math.min(n, 20_000); i++) {
            d.clean(texts.get(i));
        }
        int rounds = 3;
        double best = Double.MAX_VALUE;
        long removed = 0;
        for (int round = 0; round < rounds; round++) {
            long a = System.nanoTime();
            removed = 0;
            for (String s : texts) {
                removed += d.clean(s).removed();
            }
            best = Math.min(best, (System.nanoTime() - a) / 1e9);
        }
        System.out.printf(Locale.ROOT, "de-identify %d narratives, one thread: %.3f s (best of %d), %.0f per second,"
                + " %.1f MB/s; %d identifiers removed%n", n, best, rounds, n / best, chars / 1e6 / best, removed);
        // What came out, to compare two versions of the de-identifier: same seed, same checksum, same texts.
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        for (String s : texts) {
            crc.update(d.clean(s).text().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        System.out.printf(Locale.ROOT, "checksum of the de-identified texts: %08x%n", crc.getValue());

        Taxonomy taxonomy = taxonomy();
        long a = System.nanoTime();
        StoryDesk desk = new StoryDesk(taxonomy, d, Editorial.none(), 3);
        for (int i = 0; i < n; i++) {
            desk.accept(new FailureReport(String.format(Locale.ROOT, "R-%07d", i), "C" + (i % 12), "2026-Q3",
                    new Quarter(2026, 1 + i % 3), i % 5 == 0 ? "til" : "car_t_autologous", "expansion",
                    "low_viability", "batch_lost", null, null, null, texts.get(i),
                    "Updated the procedure and retrained the team; effectiveness check planned for next quarter.",
                    true));
        }
        long f = System.nanoTime();
        StoryDesk.Result result = desk.finish(new Quarter(2026, 3), List.of(), new Problems());
        long b = System.nanoTime();
        System.out.printf(Locale.ROOT, "whole stories stage (StoryDesk, narrative and lesson of %d reports): %.3f s"
                + " (handing reports over %.3f s, finish with waiting for the worker %.3f s); %d stories published,"
                + " %d withheld%n", n, (b - a) / 1e9,
                (f - a) / 1e9, (b - f) / 1e9, result.published().size(), result.audit().storiesWithheld());
        System.out.printf(Locale.ROOT, "machine: %d cores, Java %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
    }

    static List<String> denylist(int t, SplittableRandom r) {
        Set<String> terms = new LinkedHashSet<>(List.of("Northbridge Cell Therapies", "Northbridge",
                "Halvorsen Biologics", "Halvorsen", "Ridgeway", "Meyer"));
        while (terms.size() < t) {
            String name = word(r);
            switch (r.nextInt(3)) {
                case 0 -> terms.add(name);
                case 1 -> terms.add(name + " " + ORG_WORDS[r.nextInt(ORG_WORDS.length)]);
                default -> terms.add(cap(SYLLABLES[r.nextInt(SYLLABLES.length)] + SYLLABLES[r.nextInt(
                        SYLLABLES.length)]) + " " + name);
            }
        }
        return List.copyOf(terms);
    }

    static String word(SplittableRandom r) {
        int k = 2 + r.nextInt(2);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < k; i++) {
            b.append(SYLLABLES[r.nextInt(SYLLABLES.length)]);
        }
        return cap(b.toString());
    }

    static String cap(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    static String narrative(SplittableRandom r, List<String> denylist) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, WHAT[r.nextInt(WHAT.length)],
                3 + r.nextInt(40)));
        while (b.length() < 250) {
            b.append(String.format(Locale.ROOT, MORE[r.nextInt(MORE.length)], 2 + r.nextInt(20)));
        }
        if (r.nextInt(100) < 3) {
            b.append(LEAKS[r.nextInt(LEAKS.length)]);
        }
        if (r.nextInt(100) < 5) {
            b.append(" Escalated with ").append(denylist.get(r.nextInt(denylist.size()))).append("'s team.");
        }
        return b.toString();
    }

    static Taxonomy taxonomy() {
        Map<Dimension, List<TaxonomyCode>> codes = new EnumMap<>(Dimension.class);
        codes.put(Dimension.PRODUCT_CLASS, List.of(new TaxonomyCode("car_t_autologous", "Autologous CAR-T", "",
                "Cell therapy", 0), new TaxonomyCode("til", "Tumour-infiltrating lymphocytes", "", "Cell therapy", 1)));
        codes.put(Dimension.PROCESS_STEP, List.of(new TaxonomyCode("expansion", "Expansion", "", "Cell processing",
                0)));
        codes.put(Dimension.FAILURE_MODE, List.of(new TaxonomyCode("low_viability", "Low viability", "",
                "Cell quality", 0)));
        codes.put(Dimension.OUTCOME, List.of(new TaxonomyCode("batch_lost", "Batch lost", "", "Product impact",
                0)));
        return new Taxonomy(codes);
    }
}
