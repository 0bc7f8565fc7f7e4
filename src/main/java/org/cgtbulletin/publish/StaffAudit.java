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
import org.cgtbulletin.protect.ChangeAudit;
import org.cgtbulletin.protect.ChangeFinding;
import org.cgtbulletin.protect.DisclosureRules;
import org.cgtbulletin.protect.Protection;
import org.cgtbulletin.protect.Suppression;
import org.cgtbulletin.stories.StoryAudit;

/**
 * The staff-only disclosure audit: every withheld cell with the rule that failed or the reason it was withheld
 * as a complement, the audit's findings and summary counts; every redaction in a narrative or lesson and every
 * withheld story with its reason, by report id; as {@code audit.json} and {@code index.html}.
 * Contributors appear only by their pseudonymous tokens; no narrative text is copied here.
 */
public final class StaffAudit {

    private StaffAudit() {
    }

    public static void write(Path dir, Quarter asOf, DisclosureRules rules, boolean weaker, Protection counts,
            Protection batches, ChangeAudit changes, List<String> crossDerivable, StoryAudit stories)
            throws IOException {
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
            system(g, "events", counts, changes.notChecked(), changes.counts());
            // those no cell was found to hide, and ranges not proven (README, "not done")
            stringArray(g, "events_exposed_through_the_three_way_table", crossDerivable);
            system(g, "batches_started", batches, changes.notChecked(), changes.batches());
            stories(g, stories);
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
            html(w, "Event counts", counts, changes.notChecked(), changes.counts());
            if (!crossDerivable.isEmpty()) {
                w.write("<p><strong>Attention, not hidden:</strong> " + crossDerivable.size() + " withheld"
                        + " event counts a reader can work out exactly, or narrow below their protection, through the"
                        + " class-by-step-by-mode table the two-way tables come from (published zeros say which steps"
                        + " and modes a class's reports can join, and none of its cells is below 0), for which no cell"
                        + " was found to withhold, or whose range through it the audit could not settle: "
                        + Html.escape(String.join("; ", crossDerivable)) + "</p>\n");
            }
            html(w, "Batches started (denominators)", batches, changes.notChecked(), changes.batches());
            html(w, stories);
            w.write("</body></html>\n");
        }
    }

    private static void system(JsonGenerator g, String name, Protection p, String changesNotChecked,
            List<ChangeFinding> changes) throws IOException {
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
        g.writeNumberField("changes_given_away", changes.stream().filter(ChangeFinding::givenAway).count());
        g.writeNumberField("changes_not_proven", changes.stream().filter(c -> !c.givenAway()).count());
        g.writeEndObject();
        stringArray(g, "derivable", a.derivable());
        stringArray(g, "interval_too_narrow", a.tooNarrow());
        stringArray(g, "recoverable_by_largest_contributor", a.coalitionBreaches());
        stringArray(g, "interval_not_proven", a.intervalNotProven());
        stringArray(g, "largest_contributor_not_proven", a.coalitionNotProven());
        stringArray(g, "complements_published_as_determined", p.determined());
        g.writeObjectFieldStart("changes_since_previous_release");
        g.writeStringField("not_checked", changesNotChecked);
        changes(g, "given_away", changes, true);
        changes(g, "not_proven", changes, false);
        g.writeEndObject();
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

    private static void changes(JsonGenerator g, String name, List<ChangeFinding> changes, boolean givenAway)
            throws IOException {
        g.writeArrayFieldStart(name);
        for (ChangeFinding c : changes) {
            if (c.givenAway() == givenAway) {
                g.writeStartObject();
                g.writeStringField("cell", c.cell());
                g.writeNumberField("change", c.change());
                g.writeStringField("finding", c.why());
                g.writeStringField("rules", c.rules());
                g.writeEndObject();
            }
        }
        g.writeEndArray();
    }

    private static void stories(JsonGenerator g, StoryAudit a) throws IOException {
        g.writeObjectFieldStart("stories");
        g.writeObjectFieldStart("summary");
        g.writeNumberField("publishable_reports", a.publishable());
        g.writeNumberField("publishable_with_text", a.withText());
        g.writeNumberField("published", a.published());
        g.writeNumberField("withheld", a.storiesWithheld());
        g.writeNumberField("published_with_year_only", a.shownByYearOnly());
        g.writeNumberField("held_by_editors", a.heldByEditors());
        g.writeNumberField("identifiers_removed", a.redactionCount());
        g.writeEndObject();
        g.writeArrayFieldStart("withheld");
        for (StoryAudit.Withheld w : a.withheld()) {
            g.writeStartObject();
            g.writeStringField("report_id", w.reportId());
            g.writeStringField("field", w.field());
            g.writeStringField("reason", w.reason());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("redactions");
        for (StoryAudit.Redaction r : a.redactions()) {
            g.writeStartObject();
            g.writeStringField("report_id", r.reportId());
            g.writeStringField("field", r.field());
            g.writeStringField("kind", r.kind());
            g.writeNumberField("count", r.count());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void html(Writer w, StoryAudit a) throws IOException {
        w.write("<h2>Narratives and lessons</h2>\n<p>" + a.publishable() + " reports publishable, " + a.withText()
                + " of them with a narrative or lesson: " + a.published() + " stories published, "
                + a.storiesWithheld() + " withheld whole (" + a.heldByEditors() + " by the editors), "
                + a.shownByYearOnly() + " published with their year only (field \"quarter\" below); "
                + a.redactionCount() + " identifiers removed. Stories are listed by report id; their text is"
                + " not copied here.</p>\n");
        w.write("<h3>Withheld stories and fields</h3>\n<table><thead><tr><th>report</th><th>what</th>"
                + "<th>reason</th></tr></thead><tbody>\n");
        for (StoryAudit.Withheld x : a.withheld()) {
            w.write("<tr><td>" + Html.escape(x.reportId()) + "</td><td>" + Html.escape(x.field()) + "</td><td>"
                    + Html.escape(x.reason()) + "</td></tr>\n");
        }
        w.write("</tbody></table>\n<h3>Redactions</h3>\n<table><thead><tr><th>report</th><th>field</th>"
                + "<th>identifier</th><th class=\"num\">removed</th></tr></thead><tbody>\n");
        for (StoryAudit.Redaction r : a.redactions()) {
            w.write("<tr><td>" + Html.escape(r.reportId()) + "</td><td>" + Html.escape(r.field()) + "</td><td>"
                    + Html.escape(r.kind()) + "</td><td class=\"num\">" + r.count() + "</td></tr>\n");
        }
        w.write("</tbody></table>\n");
    }

    private static void stringArray(JsonGenerator g, String name, List<String> values) throws IOException {
        g.writeArrayFieldStart(name);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }

    private static void html(Writer w, String title, Protection p, String changesNotChecked,
            List<ChangeFinding> changes) throws IOException {
        AuditReport a = p.audit();
        w.write("<h2>" + Html.escape(title) + "</h2>\n<p>" + a.cells() + " cells: " + a.published() + " published, "
                + a.primary() + " withheld by a rule, " + a.secondary() + " withheld as complements. Exactly"
                + " derivable withheld cells: " + a.derivable().size() + ". Feasible intervals checked: "
                + a.intervalChecked() + " (of which " + a.intervalRestricted() + " in a component too large to"
                + " solve exactly as one program: by restricted programs over a neighbourhood of the cell, by"
                + " alternative datasets that publish the same numbers, or by the whole program in floating point"
                + " with exactly checked certificates; shown as an interval inside the attacker's);"
                + " not proven either way: " + a.intervalSkipped() + "; too narrow: " + a.tooNarrow().size()
                + "; recoverable by their largest contributor: " + a.coalitionBreaches().size()
                + " (not proven either way: " + a.coalitionNotProven().size() + ").</p>\n");
        if (!p.determined().isEmpty()) {
            int n = p.determined().size();
            w.write("<p>Published after the audit: " + n + (n == 1 ? " withheld cell" : " withheld cells")
                    + " (complements, or cells kept from the previous release) that the"
                    + " published cells determine (non-negativity leaves " + (n == 1 ? "it" : "each") + " one value):"
                    + " withholding " + (n == 1 ? "it" : "them") + " protected nothing, and no withheld cell may be"
                    + " determined. " + Html.escape(String.join("; ", p.determined())) + "</p>\n");
        }
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
        html(w, changesNotChecked, changes);
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

    /** The changes since the previous release that fail the rules and were not proven hidden. */
    private static void html(Writer w, String notChecked, List<ChangeFinding> changes) throws IOException {
        if (notChecked != null) {
            w.write("<p>Changes since the previous release: not checked, since " + Html.escape(notChecked)
                    + ".</p>\n");
            return;
        }
        long away = changes.stream().filter(ChangeFinding::givenAway).count();
        w.write("<p>Changes since the previous release that fail the rules on their own, and that a reader cannot"
                + " read off by subtracting the releases, checked through the table of changes: " + away
                + " given away with no cell left to withhold" + (away > 0 ? " (<strong>attention</strong>)" : "")
                + ", " + (changes.size() - away) + " not proven either way.</p>\n");
        if (changes.isEmpty()) {
            return;
        }
        w.write("<table><thead><tr><th>cell</th><th class=\"num\">change</th><th>finding</th><th>rules</th></tr>"
                + "</thead><tbody>\n");
        for (boolean givenAway : new boolean[] {true, false}) {
            for (ChangeFinding c : changes) {
                if (c.givenAway() == givenAway) {
                    w.write("<tr><td>" + Html.escape(c.cell()) + "</td><td class=\"num\">" + (c.change() > 0 ? "+" : "")
                            + c.change() + "</td><td>" + (givenAway ? "<strong>Given away:</strong> " : "Not proven: ")
                            + Html.escape(c.why()) + "</td><td>" + Html.escape(c.rules()) + "</td></tr>\n");
                }
            }
        }
        w.write("</tbody></table>\n");
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(java.util.Locale.ROOT, "%.2f", v);
    }
}
