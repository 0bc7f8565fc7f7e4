package org.cgtbulletin.cli;

import org.cgtbulletin.model.Quarter;
import picocli.CommandLine;

/** Parses a YYYY-Qn option value. */
final class QuarterConverter implements CommandLine.ITypeConverter<Quarter> {
    @Override
    public Quarter convert(String value) {
        Quarter q = Quarter.parseOrNull(value);
        if (q == null) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a quarter; expected YYYY-Qn,"
                    + " for example 2026-Q3");
        }
        return q;
    }
}
