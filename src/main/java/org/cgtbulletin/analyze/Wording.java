package org.cgtbulletin.analyze;

import java.util.List;
import java.util.Locale;

import org.cgtbulletin.model.CellKey;
import org.cgtbulletin.model.Dimension;
import org.cgtbulletin.model.PublishedCell;
import org.cgtbulletin.model.Quarter;
import org.cgtbulletin.model.Taxonomy;

/**
 * One plain sentence per signal, with the taxonomy's labels. Every number in a sentence is a published number of
 * cells.csv as it prints there (events, batches-based rates to three decimals) or the signal's own statistic.
 */
final class Wording {

    private static final String[] NUMBERS = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
        "nine", "ten", "eleven", "twelve"};

    private final Taxonomy taxonomy;
    private final boolean rates;
    private final Quarter asOf;

    Wording(Taxonomy taxonomy, boolean rates, Quarter asOf) {
        this.taxonomy = taxonomy;
        this.rates = rates;
        this.asOf = asOf;
    }

    /** The series as the subject of a sentence, e.g. "Mycoplasma positive reports at the Expansion step". */
    String subject(Signals.Series s) {
        boolean pc = !s.productClass().equals(CellKey.ALL);
        boolean ps = !s.processStep().equals(CellKey.ALL);
        boolean fm = !s.failureMode().equals(CellKey.ALL);
        String where = ps ? " at the " + step(s) + " step" : pc ? " in the " + productClass(s) + " product class" : "";
        if (fm) {
            return mode(s) + " reports" + where;
        }
        return ps || pc ? "Failures" + where : "All failure reports";
    }

    String trend(Signals.Series s, List<PublishedCell> rows, double rateRatio) {
        PublishedCell first = rows.get(0);
        PublishedCell last = rows.get(rows.size() - 1);
        boolean up = rateRatio > 1;
        String over = " over " + quarters(rows.size()) + " (" + first.key().period() + " to " + last.key().period()
                + ")";
        if (!rates) {
            return subject(s) + (up ? " rose" : " fell") + " from " + first.events() + " in " + first.key().period()
                    + " to " + last.events() + " in " + last.key().period() + ", a ratio of " + ratio(rateRatio)
                    + " per quarter over " + quarters(rows.size()) + "; these are counts of reports, which may reflect"
                    + " production volume rather than a change in the failure rate.";
        }
        String from = Rates.format(first.ratePer100());
        String to = Rates.format(last.ratePer100());
        boolean consistent = up ? last.ratePer100() > first.ratePer100() : last.ratePer100() < first.ratePer100();
        if (consistent) {
            return subject(s) + (up ? " rose" : " fell") + " from " + from + " to " + to
                    + " per 100 batches started" + over + ", a rate ratio of " + ratio(rateRatio) + " per quarter.";
        }
        return subject(s) + " trended " + (up ? "upward" : "downward") + over + ", a rate ratio of "
                + ratio(rateRatio) + " per quarter, although " + last.key().period() + " (" + to
                + " per 100 batches started) is not " + (up ? "above " : "below ") + first.key().period() + " ("
                + from + ").";
    }

    String spike(Signals.Series s, List<PublishedCell> rows, SpikeTest.Result r) {
        PublishedCell latest = rows.get(rows.size() - 1);
        String previous = "the previous " + quarters(rows.size() - 1);
        String level = rates ? Rates.format(latest.ratePer100()) + " per 100 batches started in " + asOf + " ("
                + latest.events() + " reports)" : latest.events() + " in " + asOf;
        String sentence = subject(s) + " jumped to " + level;
        if (r.baseline() == 0) {
            sentence += (rates ? ", " : " ") + "after none in " + previous;
        } else {
            sentence += ", " + ratio(r.rateRatio()) + " times the " + (rates ? "rate" : "quarterly average") + " of "
                    + previous;
        }
        return sentence + (rates ? "." : ", which may reflect production volume.");
    }

    String disproportion(Signals.Series cell, PublishedCell context, Disproportionality.Table t,
            boolean byProductClass) {
        String where = byProductClass ? "in the " + productClass(cell) + " product class" : "at the " + step(cell)
                + " step";
        String rest = byProductClass ? "in other product classes" : "at other steps";
        String head = mode(cell) + " reports are over-represented " + where + ": " + t.a() + " of its "
                + context.events() + " reports in " + asOf;
        if (t.c() == 0) {
            return head + ", and none " + rest + ".";
        }
        return head + ", " + ratio(t.prr()) + " times their share of reports " + rest
                + " (proportional reporting ratio).";
    }

    private String step(Signals.Series s) {
        return taxonomy.label(Dimension.PROCESS_STEP, s.processStep());
    }

    private String mode(Signals.Series s) {
        return taxonomy.label(Dimension.FAILURE_MODE, s.failureMode());
    }

    private String productClass(Signals.Series s) {
        return taxonomy.label(Dimension.PRODUCT_CLASS, s.productClass());
    }

    /** "eight quarters"; digits above twelve. */
    static String quarters(int n) {
        return (n < NUMBERS.length ? NUMBERS[n] : Integer.toString(n)) + (n == 1 ? " quarter" : " quarters");
    }

    /** A ratio to two decimals, or three when two would show 1.00. */
    static String ratio(double r) {
        String two = String.format(Locale.ROOT, "%.2f", r);
        return two.equals("1.00") ? String.format(Locale.ROOT, "%.3f", r) : two;
    }
}
