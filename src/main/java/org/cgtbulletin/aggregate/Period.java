package org.cgtbulletin.aggregate;

import java.util.ArrayList;
import java.util.List;

import org.cgtbulletin.model.Quarter;

/** The periods published: every quarter of the range, every calendar year it touches, and {@code all}. */
record Period(String name, List<Quarter> quarters) {

    static List<Period> of(Quarter first, Quarter last) {
        List<Period> periods = new ArrayList<>();
        for (Quarter q = first; q.compareTo(last) <= 0; q = q.next()) {
            periods.add(new Period(q.toString(), List.of(q)));
        }
        for (int year = first.year(); year <= last.year(); year++) {
            List<Quarter> qs = new ArrayList<>();
            for (Quarter q = first; q.compareTo(last) <= 0; q = q.next()) {
                if (q.year() == year) {
                    qs.add(q);
                }
            }
            periods.add(new Period(Integer.toString(year), List.copyOf(qs)));
        }
        List<Quarter> all = new ArrayList<>();
        for (Quarter q = first; q.compareTo(last) <= 0; q = q.next()) {
            all.add(q);
        }
        periods.add(new Period("all", List.copyOf(all)));
        return periods;
    }

    boolean isQuarter() {
        return name.contains("-Q");
    }

    boolean isYear() {
        return name.length() == 4;
    }

    /** Indexes of the periods that period p is the sum of: quarters for a year, years for 'all', none for a quarter. */
    static List<Integer> partsOf(List<Period> periods, int p) {
        Period period = periods.get(p);
        List<Integer> parts = new ArrayList<>();
        for (int i = 0; i < periods.size(); i++) {
            Period other = periods.get(i);
            boolean part = period.name().equals("all") ? other.isYear()
                    : period.isYear() && other.isQuarter() && period.quarters().containsAll(other.quarters());
            if (part) {
                parts.add(i);
            }
        }
        return parts;
    }
}
