package org.cgtbulletin.sample;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.cgtbulletin.model.Quarter;

/**
 * Writes a realistic synthetic dataset: 14 contributors of very different sizes making plausible product
 * classes over 16 quarters, production growing about 5% a quarter, failure events drawn in proportion to
 * batches started times the rates of {@link FailurePattern#WORLD} (which plants the trends worth finding), and
 * stories for a share of the reports ({@link #STORY_PERCENT} unless asked otherwise). The same arguments always give
 * the same bytes.
 */
public final class SampleGenerator {

    static final int QUARTERS = 16;
    static final double GROWTH = 1.05;
    /** The share of reports with a story (narrative and lesson), in percent, unless asked otherwise. */
    public static final int STORY_PERCENT = 35;

    /** Token, batches per quarter at the start (all classes), product classes made. */
    private record Maker(String token, double size, List<String> classes, String platform) {
    }

    private static final List<Maker> MAKERS = List.of(
            new Maker("C01", 150, List.of("car_t_autologous", "lentiviral_vector"), "closed_automated"),
            new Maker("C02", 110, List.of("car_t_autologous", "car_t_allogeneic"), "closed_automated"),
            new Maker("C03", 80, List.of("aav_vector"), "closed_manual"),
            new Maker("C04", 60, List.of("car_t_autologous", "tcr_t"), "closed_manual"),
            new Maker("C05", 45, List.of("aav_vector", "lentiviral_vector"), "closed_manual"),
            new Maker("C06", 35, List.of("car_t_autologous", "til"), "open_manual"),
            new Maker("C07", 28, List.of("hsc_gene_therapy", "lentiviral_vector"), "closed_manual"),
            new Maker("C08", 22, List.of("car_t_autologous", "nk_cell"), "closed_automated"),
            new Maker("C09", 16, List.of("msc"), "open_manual"),
            new Maker("C10", 14, List.of("aav_vector"), "closed_manual"),
            new Maker("C11", 11, List.of("car_t_autologous", "til"), "open_manual"),
            new Maker("C12", 8, List.of("ipsc_derived"), "closed_manual"),
            new Maker("C13", 6, List.of("car_t_autologous"), "closed_automated"),
            new Maker("C14", 5, List.of("tcr_t", "car_t_allogeneic"), "closed_manual"));

    private record Volume(String contributor, Quarter quarter, String productClass, long batches) {
    }

    private record Event(LocalDate date, String occurred, String contributor, String productClass,
            FailurePattern pattern) {
    }

    /** The first line of the denylist {@link #generate} writes: how a folder it wrote is recognised. */
    public static final String DENYLIST_FIRST_LINE = "# Names the administrator knows; none may be published"
            + " (fictional)";

    /** The files {@link #generate} writes into its folder. */
    public static final List<String> FILES = List.of("reports.csv", "volumes.csv", "denylist.txt");

    private SampleGenerator() {
    }

    public static SampleSummary generate(Path outputDir, int reports, long seed, Quarter lastQuarter)
            throws IOException {
        return generate(outputDir, reports, STORY_PERCENT, seed, lastQuarter);
    }

    /**
     * As {@link #generate(Path, int, long, Quarter)}, with {@code storyPercent} (0 to 100) of the reports, in
     * expectation, carrying a story.
     */
    public static SampleSummary generate(Path outputDir, int reports, int storyPercent, long seed,
            Quarter lastQuarter) throws IOException {
        if (storyPercent < 0 || storyPercent > 100) {
            throw new IllegalArgumentException("story share must be 0 to 100 percent, not " + storyPercent);
        }
        SplittableRandom random = new SplittableRandom(seed);
        Quarter first = lastQuarter;
        for (int i = 1; i < QUARTERS; i++) {
            first = first.previous();
        }
        List<Volume> volumes = scaled(volumes(first, random), first, reports);
        List<Event> events = events(volumes, first, reports, random);
        Files.createDirectories(outputDir);
        writeVolumes(outputDir.resolve("volumes.csv"), volumes);
        writeReports(outputDir.resolve("reports.csv"), events, storyPercent, random);
        List<String> deny = Narratives.DENYLIST;
        Files.writeString(outputDir.resolve("denylist.txt"), DENYLIST_FIRST_LINE + "\n" + String.join("\n", deny)
                + "\n", StandardCharsets.UTF_8);
        return new SampleSummary(events.size(), volumes.size(), MAKERS.size(), first, lastQuarter, deny.size());
    }

    private static List<Volume> volumes(Quarter first, SplittableRandom r) {
        List<Volume> volumes = new ArrayList<>();
        for (Maker m : MAKERS) {
            double growth = GROWTH + (r.nextDouble() - 0.5) * 0.04;
            for (int ci = 0; ci < m.classes().size(); ci++) {
                String pc = m.classes().get(ci);
                double share = ci == 0 ? 0.7 : 0.3;
                if (m.classes().size() == 1) {
                    share = 1.0;
                }
                Quarter q = first;
                for (int i = 0; i < QUARTERS; i++, q = q.next()) {
                    double expected = m.size() * share * Math.pow(growth, i) * (0.9 + 0.2 * r.nextDouble());
                    volumes.add(new Volume(m.token(), q, pc, Math.max(1, Math.round(expected))));
                }
            }
        }
        return volumes;
    }

    /**
     * Scales production so that the expected number of failure reports is the number asked for: the rates of
     * the world then hold as rates per 100 batches, whatever the size of the sample.
     */
    private static List<Volume> scaled(List<Volume> volumes, Quarter first, int reports) {
        double expected = 0;
        for (Volume v : volumes) {
            int qi = first.quartersUntil(v.quarter());
            for (FailurePattern p : FailurePattern.WORLD) {
                if (p.appliesTo(v.productClass())) {
                    expected += v.batches() * p.rate(qi, QUARTERS) / 100.0;
                }
            }
        }
        double factor = reports == 0 ? 1 : reports / expected;
        List<Volume> out = new ArrayList<>(volumes.size());
        for (Volume v : volumes) {
            out.add(new Volume(v.contributor(), v.quarter(), v.productClass(),
                    Math.max(1, Math.round(v.batches() * factor))));
        }
        return out;
    }

    /** Exactly {@code n} events, each drawn with probability proportional to batches x failure rate. */
    private static List<Event> events(List<Volume> volumes, Quarter first, int n, SplittableRandom r) {
        List<double[]> weights = new ArrayList<>();
        List<Volume> cellOf = new ArrayList<>();
        List<FailurePattern> patternOf = new ArrayList<>();
        double total = 0;
        for (Volume v : volumes) {
            int qi = first.quartersUntil(v.quarter());
            for (FailurePattern p : FailurePattern.WORLD) {
                if (!p.appliesTo(v.productClass())) {
                    continue;
                }
                double w = v.batches() * p.rate(qi, QUARTERS) / 100.0;
                total += w;
                weights.add(new double[] {total});
                cellOf.add(v);
                patternOf.add(p);
            }
        }
        List<Event> events = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            double u = r.nextDouble() * total;
            int lo = 0;
            int hi = weights.size() - 1;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (weights.get(mid)[0] > u) {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            Volume v = cellOf.get(lo);
            LocalDate date = v.quarter().firstDay().plusDays(r.nextInt(90));
            int form = r.nextInt(10);
            String occurred = form < 7 ? date.toString()
                    : form < 9 ? date.toString().substring(0, 7) : v.quarter().toString();
            events.add(new Event(date, occurred, v.contributor(), v.productClass(), patternOf.get(lo)));
        }
        events.sort(Comparator.comparing(Event::date));
        return events;
    }

    private static void writeVolumes(Path file, List<Volume> volumes) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
             CSVPrinter csv = new CSVPrinter(w, CSVFormat.RFC4180.builder().setRecordSeparator('\n')
                     .setHeader("contributor", "quarter", "product_class", "batches_started").build())) {
            for (Volume v : volumes) {
                csv.printRecord(v.contributor(), v.quarter(), v.productClass(), v.batches());
            }
        }
    }

    private static void writeReports(Path file, List<Event> events, int storyPercent, SplittableRandom r)
            throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
             CSVPrinter csv = new CSVPrinter(w, CSVFormat.RFC4180.builder().setRecordSeparator('\n')
                     .setHeader("report_id", "contributor", "occurred", "product_class", "process_step",
                             "failure_mode", "outcome", "detected_at", "root_cause", "platform", "publishable",
                             "narrative", "lesson").build())) {
            int id = 0;
            for (Event e : events) {
                id++;
                FailurePattern p = e.pattern();
                boolean hasStory = r.nextInt(100) < storyPercent;
                String[] story = hasStory ? Narratives.story(p.step(), p.mode(), r, r.nextInt(100) < 3) : null;
                Maker maker = MAKERS.stream().filter(m -> m.token().equals(e.contributor())).findFirst()
                        .orElseThrow();
                csv.printRecord(String.format(Locale.ROOT, "R-%06d", id), e.contributor(), e.occurred(),
                        e.productClass(), p.step(), p.mode(), Outcomes.pick(p.mode(), p.kind(), r),
                        r.nextInt(100) < 15 ? "" : Outcomes.detectedAt(p.step(), p.mode(), r),
                        r.nextInt(100) < 20 ? "" : Outcomes.rootCause(p.mode(), r),
                        r.nextInt(100) < 20 ? "" : maker.platform(),
                        hasStory && r.nextBoolean() ? "true" : "false",
                        story == null ? "" : story[0], story == null ? "" : story[1]);
            }
        }
    }
}
