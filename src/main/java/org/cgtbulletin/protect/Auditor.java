package org.cgtbulletin.protect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Audits status patterns of one {@link LinearSystem} under one rule set: exact derivability and, per component,
 * intervals and the coalition attack (whole-component programs, or restricted ones for a large component). Results are cached per component (a component's restricted
 * system depends only on which cells it holds), so re-auditing after a few more suppressions only redoes the
 * components that changed. The caches are only looked up, never iterated: results do not depend on hash order.
 */
final class Auditor {

    /**
     * Per-cell results of one audit, plus the report. Arrays are indexed by cell id; see {@link IntervalAudit.Result}
     * for their meaning.
     */
    record Detail(AuditReport report, boolean[] determined, boolean[] checked, boolean[] restricted, double[] low,
                  double[] high, boolean[] tooNarrow, boolean[] breach, boolean[] coalitionOpen, int[] repairHint) {
    }

    final LinearSystem sys;
    final DisclosureRules rules;
    final DisclosureRules.Assessment[] assess;
    private final Map<Component.Key, boolean[]> determinedCache = new HashMap<>();
    private final Map<Component.Key, IntervalAudit.Result> auditCache = new HashMap<>();

    Auditor(LinearSystem sys, DisclosureRules rules) {
        this.sys = sys;
        this.rules = rules;
        this.assess = new DisclosureRules.Assessment[sys.cells];
        for (int c = 0; c < sys.cells; c++) {
            assess[c] = rules.assess(sys.contributions.get(c));
        }
    }

    /** Exact derivability of a component's unknowns (cached). */
    boolean[] determined(Component comp) {
        return determinedCache.computeIfAbsent(comp.key(), k -> DerivabilityCheck.determined(comp));
    }

    /** The suppressed cells (ascending ids) that the published cells determine exactly. */
    List<Integer> determinedCells(boolean[] suppressed) {
        List<Integer> out = new ArrayList<>();
        for (Component comp : Component.of(sys, suppressed)) {
            boolean[] det = determined(comp);
            for (int k = 0; k < det.length; k++) {
                if (det[k]) {
                    out.add(comp.cells[k]);
                }
            }
        }
        out.sort(null);
        return out;
    }

    /**
     * Whether a suppressed cell counts as primary: status SUPPRESSED, or it fails a rule itself, or it is kept
     * protected ({@link LinkedTables#keepProtected}). A hidden cell never is: it is not published, and its
     * contributions are there for the largest contributor's attack only.
     */
    boolean primary(CellStatus status, int cell) {
        return cell < sys.shown && (status == CellStatus.SUPPRESSED
                || (status != CellStatus.PUBLISHED && (!assess[cell].failed().isEmpty() || sys.protectedKept[cell])));
    }

    /** The full audit: restricted programs for large components, nothing carried over. */
    Detail audit(CellStatus[] status) {
        return audit(status, true, null);
    }

    /**
     * Audits a status pattern.
     *
     * @param large  whether components too large to solve whole get restricted programs ({@link RestrictedAudit});
     *               without, their intervals and coalition audits are left not proven (only their exact
     *               derivability is checked), which is much faster
     * @param proofs proofs of protection from audits of earlier patterns that this one only adds suppressions to
     *               (updated with this audit's), or null
     */
    Detail audit(CellStatus[] status, boolean large, RestrictedAudit.Proofs proofs) {
        Objects.requireNonNull(status, "status");
        if (status.length != sys.cells) {
            throw new IllegalArgumentException("status has " + status.length + " entries for " + sys.cells + " cells");
        }
        int n = sys.cells;
        boolean[] suppressed = new boolean[n];
        boolean[] primary = new boolean[n];
        int published = 0;
        int primaries = 0;
        int secondaries = 0;
        for (int c = 0; c < n; c++) {
            CellStatus s = Objects.requireNonNull(status[c], "status of cell " + c);
            suppressed[c] = s != CellStatus.PUBLISHED;
            primary[c] = primary(s, c);
            switch (s) {
                case PUBLISHED -> published++;
                case SUPPRESSED -> primaries++;
                case SUPPRESSED_SECONDARY -> secondaries++;
                default -> throw new AssertionError(s);
            }
        }
        boolean[] determined = new boolean[n];
        boolean[] checked = new boolean[n];
        boolean[] restricted = new boolean[n];
        boolean[] open = new boolean[n];
        double[] low = new double[n];
        double[] high = new double[n];
        boolean[] narrow = new boolean[n];
        boolean[] breach = new boolean[n];
        int[] hint = IntervalAudit.noHints(n);
        Arrays.fill(low, Double.NaN);
        Arrays.fill(high, Double.NaN);
        if (proofs != null) {
            proofs.advance(suppressed);
        }
        int intervalChecked = 0;
        int intervalRestricted = 0;
        for (Component comp : Component.of(sys, suppressed)) {
            int[] key = new int[comp.size()];
            for (int k = 0; k < key.length; k++) {
                key[k] = primary[comp.cells[k]] ? ~comp.cells[k] : comp.cells[k];
            }
            boolean[] det = determined(comp);
            IntervalAudit.Result r = comp.size() > IntervalAudit.MAX_LP_UNKNOWNS && !large
                    ? IntervalAudit.audit(sys, rules, assess, primary, comp, det, false, null)
                    : auditCache.computeIfAbsent(new Component.Key(key),
                            x -> IntervalAudit.audit(sys, rules, assess, primary, comp, det, true, proofs));
            for (int k = 0; k < comp.size(); k++) {
                int c = comp.cells[k];
                determined[c] = r.determined()[k];
                checked[c] = r.checked()[k];
                restricted[c] = r.restricted()[k];
                low[c] = r.low()[k];
                high[c] = r.high()[k];
                if (checked[c]) {
                    intervalChecked++;
                    if (restricted[c]) {
                        intervalRestricted++;
                    }
                }
                narrow[c] = r.tooNarrow()[k];
                breach[c] = r.breach()[k];
                open[c] = r.coalitionOpen()[k];
                hint[c] = r.repairHint()[k];
            }
        }
        List<String> derivable = new ArrayList<>();
        List<String> tooNarrow = new ArrayList<>();
        List<String> coalition = new ArrayList<>();
        List<String> notProven = new ArrayList<>();
        List<String> coalitionNotProven = new ArrayList<>();
        for (int c = 0; c < n; c++) {
            if (suppressed[c] && !checked[c]) {
                notProven.add(sys.label[c]);
            }
            if (open[c]) {
                coalitionNotProven.add(sys.label[c]);
            }
            if (determined[c]) {
                derivable.add(sys.label[c]);
            }
            if (narrow[c]) {
                tooNarrow.add(sys.label[c]);
            }
            if (breach[c]) {
                coalition.add(sys.label[c]);
            }
        }
        AuditReport report = new AuditReport(n, published, primaries, secondaries, derivable, tooNarrow, coalition,
                notProven, coalitionNotProven, intervalChecked, intervalRestricted);
        return new Detail(report, determined, checked, restricted, low, high, narrow, breach, open, hint);
    }
}
