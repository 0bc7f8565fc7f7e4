import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.cgtbulletin.aggregate.Aggregator;
import org.cgtbulletin.aggregate.Tables;
import org.cgtbulletin.model.Problems;
import org.cgtbulletin.protect.AuditReport;
import org.cgtbulletin.protect.DisclosureControl;
import org.cgtbulletin.protect.DisclosureRules;
import org.cgtbulletin.protect.Protection;
import org.cgtbulletin.protect.SuppressionPattern;
import org.cgtbulletin.read.DatasetFiles;
import org.cgtbulletin.read.DatasetReader;
import org.cgtbulletin.read.DatasetSummary;
import org.cgtbulletin.read.ValidationRules;

/**
 * Benchmark of the protect and audit stages alone (run by bench/protect.sh, in one JVM): reads a data folder
 * (reports.csv, volumes.csv; the taxonomy of content/), aggregates it once, then protects and audits the count
 * and denominator tables R times with the default rules. Prints the time of aggregation, then per run the time
 * of the suppression (rules and complements), of its audit (proofs and repairs), their wall time and the
 * process's CPU time in it (this machine's wall times vary with its neighbours' load; CPU time helps tell the
 * work from the wait), and the first audit's summary.
 * The first run is what a build pays (cold JIT); the later ones show the warm cost.
 * Usage: java -cp target/bulletin.jar bench/ProtectBench.java [DATA_DIR] [R]
 */
public class ProtectBench {

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args.length > 0 ? args[0] : "content/data");
        int runs = Math.max(1, args.length > 1 ? Integer.parseInt(args[1]) : 3);
        Aggregator[] agg = new Aggregator[1];
        Problems problems = new Problems();
        DatasetSummary ds = DatasetReader.read(new DatasetFiles(data.resolve("reports.csv"),
                data.resolve("volumes.csv"), null, Path.of("content", "taxonomy.yaml")),
                new ValidationRules(LocalDate.of(2100, 1, 1), null), problems, t -> agg[0] = new Aggregator(t));
        if (problems.hasErrors()) {
            throw new IllegalStateException(problems.toString());
        }
        long aggregateStart = System.nanoTime();
        Tables tables = agg[0].tables(ds.first(), ds.last(), ds.volumes());
        long aggregateMillis = (System.nanoTime() - aggregateStart) / 1_000_000;
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        System.out.printf("%s: %d reports, %d cells; aggregate (complete tables and relations) %d ms%n", data,
                ds.reports(), tables.cells().size(), aggregateMillis);
        System.out.println("run  protect ms  audit ms  wall ms  CPU ms  (counts and denominators side by side,"
                + " as in a build)");
        AuditReport first = null;
        for (int run = 1; run <= runs; run++) {
            long cpu = os.getProcessCpuTime();
            long wall = System.nanoTime();
            // As the build does: the two independent systems side by side, suppressed, then audited.
            List<SuppressionPattern> patterns = DisclosureControl.suppressEach(tables.counts(), tables.batches(),
                    DisclosureRules.defaults());
            long suppressed = System.nanoTime();
            Protection counts = DisclosureControl.auditEach(patterns).get(0);
            long end = System.nanoTime();
            System.out.printf("%3d  %10d  %8d  %7d  %6d%n", run, (suppressed - wall) / 1_000_000,
                    (end - suppressed) / 1_000_000, (end - wall) / 1_000_000,
                    (os.getProcessCpuTime() - cpu) / 1_000_000);
            if (first == null) {
                first = counts.audit();
            }
        }
        System.out.printf("audit of the counts: %d withheld by a rule, %d complements; %d derivable, %d too narrow,"
                + " %d recoverable by their largest contributor, %d intervals and %d largest-contributor checks not"
                + " proven; %d intervals decided, %d of them by restricted programs%n", first.primary(),
                first.secondary(), first.derivable().size(), first.tooNarrow().size(),
                first.coalitionBreaches().size(), first.intervalNotProven().size(),
                first.coalitionNotProven().size(), first.intervalChecked(), first.intervalRestricted());
    }
}
