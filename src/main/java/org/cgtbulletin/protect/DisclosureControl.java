package org.cgtbulletin.protect;

import java.util.List;
import java.util.Objects;

/**
 * Disclosure control of a linked system of additive tables: which cells may be published so that nobody can work
 * out what one contributor reported.
 *
 * <p>{@link #protect} runs, over all relations as one system:
 * <ol>
 *   <li>primary suppression: every cell failing a {@link DisclosureRules rule} gets {@link CellStatus#SUPPRESSED};
 *       a cell kept from a previous release ({@link LinkedTables#keepSuppressed}) that passes every rule now is
 *       withheld as {@link CellStatus#SUPPRESSED_SECONDARY} (it protects the earlier release, not itself);</li>
 *   <li>complementary suppression: a fast heuristic to a fixed point, then additions until no suppressed cell is
 *       exactly derivable from the published ones (exact linear algebra); see {@code ComplementarySuppression}.
 *       These two steps are {@link #suppress}, which returns the {@link SuppressionPattern} still to audit;</li>
 *   <li>the {@link SuppressionPattern#audit audit} that proves the pattern, with more complements while the
 *       interval or coalition audit fails (a bounded number of rounds).</li>
 * </ol>
 *
 * <p>The audit proves, for every suppressed cell, that it is not determined by the published cells through the
 * relations (sparse Gaussian elimination, exact, modulo two 61-bit primes); bounds its feasible interval by exact
 * linear programming with non-negativity and integrality rounding (a component of linked suppressed cells of at
 * most {@value IntervalAudit#MAX_LP_UNKNOWNS} cells as one program, a larger one as the package documentation
 * says); checks the interval against the protection the cell's failed rules require; and repeats the interval
 * with the primary cell's largest contributor's own amounts as lower bounds. See {@link AuditReport} for the
 * fields.
 *
 * <p>Deterministic: the same tables and rules give identical statuses, reasons and reports. Stateless and
 * thread-safe (each call works on its own snapshot of the tables).
 */
public final class DisclosureControl {

    private DisclosureControl() {
    }

    /**
     * Primary suppression by the rules, then complementary suppression over the whole linked system, then the
     * audit.
     *
     * @param tables the linked system (a snapshot is taken)
     * @param rules  the primary-suppression rules
     * @return the status of every cell, the suppressions and the audit
     * @throws IllegalArgumentException if a rule threshold is NaN or infinite
     */
    public static Protection protect(LinkedTables tables, DisclosureRules rules) {
        return suppress(tables, rules).audit();
    }

    /**
     * Primary suppression by the rules, then complementary suppression until no withheld cell is exactly derivable
     * from the published ones: the pattern {@link SuppressionPattern#audit} proves (and repairs) before anything
     * is published. {@link #protect} is the two steps in one.
     *
     * @param tables the linked system (a snapshot is taken)
     * @param rules  the primary-suppression rules
     * @return the pattern, not yet audited
     * @throws IllegalArgumentException if a rule threshold is NaN or infinite
     */
    public static SuppressionPattern suppress(LinkedTables tables, DisclosureRules rules) {
        Objects.requireNonNull(tables, "tables");
        Objects.requireNonNull(rules, "rules").validate();
        LinearSystem sys = new LinearSystem(tables);
        Auditor auditor = new Auditor(sys, rules);
        int n = sys.cells;
        CellStatus[] status = new CellStatus[n];
        String[] reason = new String[n];
        for (int c = 0; c < n; c++) {
            List<String> failed = auditor.assess[c].failed();
            String kept = sys.keptReason[c];
            if (!failed.isEmpty()) {
                status[c] = CellStatus.SUPPRESSED;
                String why = rules.describe(failed);
                reason[c] = kept == null ? why : why + "; " + kept;
            } else if (kept != null) {
                // Passes every rule now, withheld only so that releases cannot be subtracted: a complement.
                status[c] = CellStatus.SUPPRESSED_SECONDARY;
                reason[c] = kept;
            } else {
                status[c] = CellStatus.PUBLISHED;
            }
        }
        ComplementarySuppression complements = new ComplementarySuppression(auditor, status, reason);
        complements.suppress();
        return new SuppressionPattern(sys, complements);
    }

    /**
     * An audited protection with more cells withheld, and some published: the given published cells, each kept by
     * {@link LinkedTables#keepSuppressed} since, become complements; the given complements that a reader can work out
     * anyway (through relations the protection does not state, such as {@link LinkedTables#addImpliedRelation}) are
     * published and listed as determined ({@link Protection#determined}), as the audit does with those it finds
     * pinned; and complementary suppression goes on from there (the heuristic and exact derivability: every other
     * cell keeps its status). The pattern is then audited again like any other ({@link SuppressionPattern#audit}).
     *
     * <p>Withholding more cells only widens what a reader can work out of every other withheld cell (more unknowns,
     * the same relations), and publishing a number a reader can work out tells nothing new; starting from the
     * earlier pattern, rather than suppressing afresh, keeps its complements where they were instead of moving
     * them, which could expose other cells through the relations the protection does not state.
     *
     * @param tables  the linked system, the cells kept since marked (a snapshot is taken)
     * @param audited the earlier protection of the same system
     * @param keep    cells {@code audited} publishes, now kept withheld
     * @param publish complements of {@code audited} to publish: not failing a rule, not {@link
     *                LinkedTables#keepProtected kept protected}, not {@link LinkedTables#keepSuppressedEvenIfDetermined
     *                kept even if determined}
     * @param rules   the primary-suppression rules
     * @return the pattern, not yet audited
     * @throws IllegalArgumentException if a cell to keep was not published or not kept, or one to publish is not
     *                                  such a complement, or the protection is another system's
     */
    public static SuppressionPattern suppressAlso(LinkedTables tables, Protection audited, int[] keep, int[] publish,
                                                  DisclosureRules rules) {
        String[] reason = new String[audited.status().length];
        for (Suppression s : audited.suppressions()) {
            reason[s.cell()] = s.reason();
        }
        java.util.Set<String> determined = new java.util.HashSet<>(audited.determined());
        java.util.BitSet before = new java.util.BitSet();
        for (int c = 0; c < tables.size() && !determined.isEmpty(); c++) {
            if (audited.published(c) && determined.contains(tables.label(c))) {
                before.set(c);
            }
        }
        return suppressAlso(tables, audited.status(), reason, before, keep, publish, rules);
    }

    /**
     * As {@link #suppressAlso(LinkedTables, Protection, int[], int[], DisclosureRules)}, from a pattern not yet
     * audited (which is left as it was).
     *
     * @param tables  the linked system, the cells kept since marked (a snapshot is taken)
     * @param earlier the earlier pattern of the same system, not audited
     * @param keep    cells {@code earlier} publishes, now kept withheld
     * @param publish complements of {@code earlier} to publish, as for the protection
     * @param rules   the primary-suppression rules
     * @return the pattern, not yet audited
     */
    public static SuppressionPattern suppressAlso(LinkedTables tables, SuppressionPattern earlier, int[] keep,
                                                  int[] publish, DisclosureRules rules) {
        return suppressAlso(tables, earlier.status(), earlier.reasons(), earlier.determinedBefore(), keep, publish,
                rules);
    }

    private static SuppressionPattern suppressAlso(LinkedTables tables, CellStatus[] before, String[] reasons,
                                                   java.util.BitSet determined, int[] keep, int[] publish,
                                                   DisclosureRules rules) {
        Objects.requireNonNull(tables, "tables");
        Objects.requireNonNull(rules, "rules").validate();
        LinearSystem sys = new LinearSystem(tables);
        if (before.length != sys.cells) {
            throw new IllegalArgumentException("a pattern of " + before.length + " cells, not " + sys.cells);
        }
        CellStatus[] status = before.clone();
        String[] reason = reasons.clone();
        Auditor auditor = new Auditor(sys, rules);
        for (int c : publish) {
            if (status[c] != CellStatus.SUPPRESSED_SECONDARY || !auditor.assess[c].failed().isEmpty()
                    || sys.protectedKept[c] || sys.gainedSince[c] != null) {
                throw new IllegalArgumentException("cell " + sys.label[c] + " is not a complement to publish");
            }
            status[c] = CellStatus.PUBLISHED;
            reason[c] = null;
            determined.set(c);
        }
        for (int c : keep) {
            if (status[c] != CellStatus.PUBLISHED || sys.keptReason[c] == null) {
                throw new IllegalArgumentException("cell " + sys.label[c] + " is not a published cell kept since");
            }
            status[c] = CellStatus.SUPPRESSED_SECONDARY;
            reason[c] = sys.keptReason[c];
            determined.clear(c);
        }
        // a number a reader can work out is never a complement: withholding it would hide nothing
        for (int c = determined.nextSetBit(0); c >= 0; c = determined.nextSetBit(c + 1)) {
            sys.known[c] = true;
        }
        ComplementarySuppression complements = new ComplementarySuppression(auditor, status, reason);
        complements.suppress();
        return new SuppressionPattern(sys, complements, determined);
    }

    /**
     * {@link #protect Protects} two independent linked systems (such as the counts and the denominators, which
     * share no relation) side by side, on a spare core if there is one: each system's result is exactly what
     * {@link #protect} gives it alone, whatever the timing.
     *
     * @return the two protections, in the order of the systems
     */
    public static List<Protection> protectEach(LinkedTables first, LinkedTables second, DisclosureRules rules) {
        return auditEach(suppressEach(first, second, rules));
    }

    /**
     * {@link #suppress} of two independent linked systems, side by side (see {@link #protectEach}).
     *
     * @return the two patterns, in the order of the systems
     */
    public static List<SuppressionPattern> suppressEach(LinkedTables first, LinkedTables second,
                                                        DisclosureRules rules) {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(second, "second");
        Objects.requireNonNull(rules, "rules").validate();
        SuppressionPattern[] out = new SuppressionPattern[2];
        Lookahead.sideBySide(() -> out[0] = suppress(first, rules), () -> out[1] = suppress(second, rules));
        return List.of(out);
    }

    /**
     * {@link SuppressionPattern#audit Audits} two patterns of independent systems side by side.
     *
     * @param patterns two patterns, from {@link #suppressEach}
     * @return the two protections, in the same order
     */
    public static List<Protection> auditEach(List<SuppressionPattern> patterns) {
        return auditEach(patterns, null);
    }

    /**
     * As {@link #auditEach(List)}, the first pattern's audit remembered in {@code first} ({@link
     * SuppressionPattern#audit(AuditMemory)}).
     *
     * @param patterns two patterns, from {@link #suppressEach}
     * @param first    the memory of the first system's protection in the making, or null
     * @return the two protections, in the same order
     */
    public static List<Protection> auditEach(List<SuppressionPattern> patterns, AuditMemory first) {
        if (patterns.size() != 2) {
            throw new IllegalArgumentException("two patterns expected, got " + patterns.size());
        }
        Protection[] out = new Protection[2];
        Lookahead.sideBySide(() -> out[0] = patterns.get(0).audit(first), () -> out[1] = patterns.get(1).audit());
        return List.of(out);
    }

    /**
     * Audits a given status pattern (for tests, and for auditing a previous release's pattern). Cells with status
     * {@link CellStatus#SUPPRESSED}, and suppressed cells failing a rule, are treated as primary (coalition audit);
     * every suppressed cell must have an interval of width at least 1, and a cell failing R3 or R4 the upper
     * protection that rule requires.
     *
     * @param tables the linked system
     * @param status one status per cell, indexed by cell id
     * @param rules  the rules the cells are judged by
     * @return the audit report
     * @throws IllegalArgumentException if the array length differs from the number of cells, or a rule threshold
     *                                  is NaN or infinite
     */
    public static AuditReport audit(LinkedTables tables, CellStatus[] status, DisclosureRules rules) {
        return detail(tables, status, rules).report();
    }

    /** The audit with per-cell intervals (package-private, for tests). */
    static Auditor.Detail detail(LinkedTables tables, CellStatus[] status, DisclosureRules rules) {
        Objects.requireNonNull(tables, "tables");
        Objects.requireNonNull(rules, "rules").validate();
        return new Auditor(new LinearSystem(tables), rules).audit(status.clone());
    }
}
