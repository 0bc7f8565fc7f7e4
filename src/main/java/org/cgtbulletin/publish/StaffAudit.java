package org.cgtbulletin.publish;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import org.cgtbulletin.model.Quarter;
import org.cgtbulletin.protect.AuditReport;
import org.cgtbulletin.protect.DisclosureRules;
import org.cgtbulletin.protect.Protection;
import org.cgtbulletin.protect.Suppression;

/**
 * The staff-only disclosure audit: every withheld cell with the rule that failed or the reason it was withheld
 * as a complement, the audit's findings and summary counts; as {@code audit.json} and {@code index.html}.
 * Contributors appear only by their pseudonymous tokens.
 */
public final class StaffAudit {

    private StaffAudit() {
    }

    public static void write(Path dir, Quarter asOf, DisclosureRules rules, boolean weaker, Protection counts,
            Protection batches) throws IOException {
        try (OutputStream out = Files.newOutputStream(dir.resolve("audit.json"));
             JsonGenerator g = new JsonFactory().createGenerator(out, JsonEncoding.UTF8)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("as_of", asOf == null ? null : asOf.toString());
            g.writeObjectFieldStart("rules");
            g.writeNumberField("min_contributors", rules.minContributors());
            g.writeNumberField("min_events", rules.minEvents());
            g.writeNumberField("dominance", rules.dominance());
            g.writeNumberField("p_percent", rules.pPercent());
            g.writeBooleanField("weaker_than_defaults", weaker);
            g.writeEndObject();
            system(g, "events", counts);
            system(g, "batches_started", batches);
            g.writeEndObject();
            g.writeRaw('\n');
        }
        try (Writer w = Files.newBufferedWriter(dir.resolve("index.html"), StandardCharsets.UTF_8)) {
            w.write("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                    + "<meta name=\"robots\" content=\"noindex\"><title>Disclosure audit (staff only)</title>"
                    + "<style>body{font:15px/1.45 system-ui,sans-serif;margin:2rem;max-width:72rem}"
                    + "table{border-collapse:collapse}td,th{border:1px solid #bbb;padding:.2rem .5rem;text-align:left}"
                    + ".num{text-align:right}</style></head><body>\n");
            w.write("<h1>Disclosure audit, as of " + Html.escape(String.valueOf(asOf)) + "</h1>\n");
            w.write("<p><strong>Staff only. Never publish this folder.</strong> Rules in force: R1 at least "
                    + rules.minContributors() + " contributors, R2 at least " + rules.minEvents()
                    + " events, R3 no contributor above " + rules.dominance() + " of the cell, R4 p% = "
                    + rules.pPercent() + (weaker ? " <strong>(weaker than the defaults)</strong>" : "")
                    + ".</p>\n");
            html(w, "Event counts", counts);
            html(w, "Batches started (denominators)", batches);
            w.write("</body></html>\n");
        }
    }

    private static void system(JsonGenerator g, String name, Protection p) throws IOException {
        AuditReport a = p.audit();
        g.writeObjectFieldStart(name);
        g.writeObjectFieldStart("summary");
        g.writeNumberField("cells", a.cells());
        g.writeNumberField("published", a.published());
        g.writeNumberField("suppressed_primary", a.primary());
        g.writeNumberField("suppressed_secondary", a.secondary());
        g.writeNumberField("intervals_checked", a.intervalChecked());
        g.writeNumberField("intervals_checked_by_restricted_programs", a.intervalRestricted());
        g.writeNumberField("intervals_not_checked", a.intervalSkipped());
        g.writeNumberField("largest_contributor_not_checked", a.coalitionNotProven().size());
        g.writeEndObject();
        stringArray(g, "derivable", a.derivable());
        stringArray(g, "interval_too_narrow", a.tooNarrow());
        stringArray(g, "recoverable_by_largest_contributor", a.coalitionBreaches());
        stringArray(g, "interval_not_proven", a.intervalNotProven());
        stringArray(g, "largest_contributor_not_proven", a.coalitionNotProven());
        g.writeArrayFieldStart("suppressions");
        for (Suppression s : p.suppressions()) {
            g.writeStartObject();
            g.writeStringField("cell", s.label());
            g.writeStringField("status", s.status().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
            g.writeStringField("reason", s.reason());
            g.writeNumberField("value", s.value());
            if (s.intervalChecked()) {
                g.writeNumberField("feasible_low", s.feasibleLow());
                g.writeNumberField("feasible_high", s.feasibleHigh());
                // Restricted: the attacker's feasible interval contains [feasible_low, feasible_high].
                g.writeStringField("interval", s.intervalRestricted() ? "restricted" : "exact");
            } else {
                g.writeStringField("interval", "not proven");
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void stringArray(JsonGenerator g, String name, List<String> values) throws IOException {
        g.writeArrayFieldStart(name);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }

    private static void html(Writer w, String title, Protection p) throws IOException {
        AuditReport a = p.audit();
        w.write("<h2>" + Html.escape(title) + "</h2>\n<p>" + a.cells() + " cells: " + a.published() + " published, "
                + a.primary() + " withheld by a rule, " + a.secondary() + " withheld as complements. Exactly"
                + " derivable withheld cells: " + a.derivable().size() + ". Feasible intervals checked by linear"
                + " programming: " + a.intervalChecked() + " (of which " + a.intervalRestricted()
                + " by restricted programs, a neighbourhood of the cell in a component too large to solve whole);"
                + " not proven either way: " + a.intervalSkipped() + "; too narrow: " + a.tooNarrow().size()
                + "; recoverable by their largest contributor: " + a.coalitionBreaches().size()
                + " (not proven either way: " + a.coalitionNotProven().size() + ").</p>\n");
        for (List<String> problems : List.of(a.derivable(), a.tooNarrow(), a.coalitionBreaches())) {
            if (!problems.isEmpty()) {
                w.write("<p><strong>Attention:</strong> " + Html.escape(String.join("; ", problems)) + "</p>\n");
            }
        }
        for (List<String> open : List.of(a.intervalNotProven(), a.coalitionNotProven())) {
            if (!open.isEmpty()) {
                w.write("<p><strong>Not proven protected</strong> (the audit could neither prove the protection nor"
                        + " find a breach): " + Html.escape(String.join("; ", open)) + "</p>\n");
            }
        }
        w.write("<table><thead><tr><th>cell</th><th>status</th><th>reason</th><th class=\"num\">value</th>"
                + "<th class=\"num\">feasible interval</th></tr></thead><tbody>\n");
        for (Suppression s : p.suppressions()) {
            w.write("<tr><td>" + Html.escape(s.label()) + "</td><td>" + Html.escape(s.status().name()) + "</td><td>"
                    + Html.escape(s.reason()) + "</td><td class=\"num\">" + s.value() + "</td><td class=\"num\">"
                    + (s.intervalChecked() ? (s.intervalRestricted() ? "contains " : "") + "[" + fmt(s.feasibleLow())
                            + ", " + fmt(s.feasibleHigh()) + "]" : "not proven")
                    + "</td></tr>\n");
        }
        w.write("</tbody></table>\n");
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(java.util.Locale.ROOT, "%.2f", v);
    }
}
