import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.LocalDate;

import org.cgtbulletin.aggregate.Aggregator;
import org.cgtbulletin.aggregate.Tables;
import org.cgtbulletin.model.Problems;
import org.cgtbulletin.protect.AuditReport;
import org.cgtbulletin.protect.DisclosureControl;
import org.cgtbulletin.protect.DisclosureRules;
import org.cgtbulletin.protect.Protection;
import org.cgtbulletin.read.DatasetFiles;
import org.cgtbulletin.read.DatasetReader;
import org.cgtbulletin.read.DatasetSummary;
import org.cgtbulletin.read.ValidationRules;

/**
 * Benchmark of the protect and audit stage alone (run by bench/protect.sh, in one JVM): reads a data folder
 * (reports.csv, volumes.csv; the taxonomy of content/), aggregates it once, then protects and audits the count
 * and denominator tables R times with the default rules. Prints each run's wall time and the process's CPU time
 * in it (this machine's wall times vary with its neighbours' load; CPU time helps tell the work from the wait),
 * and the first audit's summary.
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
        Tables tables = agg[0].tables(ds.first(), ds.last(), ds.volumes());
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        System.out.printf("%s: %d reports, %d cells%n", data, ds.reports(), tables.cells().size());
        System.out.println("run  wall ms  CPU ms  (protect and audit: counts and denominators side by side,"
                + " as in a build)");
        AuditReport first = null;
        for (int run = 1; run <= runs; run++) {
            long cpu = os.getProcessCpuTime();
            long wall = System.nanoTime();
            // As the build does: the two independent systems side by side.
            Protection counts = DisclosureControl.protectEach(tables.counts(), tables.batches(),
                    DisclosureRules.defaults()).get(0);
            System.out.printf("%3d  %7d  %6d%n", run, (System.nanoTime() - wall) / 1_000_000,
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
