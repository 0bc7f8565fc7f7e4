package org.cgtbulletin.read;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The validator's date arithmetic (integers, no branches) against java.time. */
class DayKeyTest {

    @Test
    void monthLengthsAreThoseOfTheCalendarForEveryYearItReads() {
        for (int year = 0; year <= 9999; year++) {
            for (int month = 1; month <= 12; month++) {
                assertEquals(YearMonth.of(year, month).lengthOfMonth(), ReportValidator.monthDays(year, month),
                        year + "-" + month);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 29, 20261204})
    void dayKeysAreOrderedAsTheDates(long seed) {
        Random random = new Random(seed);
        for (int k = 0; k < 100_000; k++) {
            LocalDate a = day(random);
            LocalDate b = random.nextInt(4) == 0 // often the same month, where only the days differ
                    ? a.withDayOfMonth(1 + random.nextInt(a.lengthOfMonth())) : day(random);
            assertEquals(Integer.signum(a.compareTo(b)), Integer.signum(Integer.compare(key(a), key(b))), a + " " + b);
        }
    }

    private static LocalDate day(Random random) {
        return LocalDate.ofEpochDay(LocalDate.of(1990, 1, 1).toEpochDay() + random.nextInt(60 * 366));
    }

    private static int key(LocalDate d) {
        return ReportValidator.dayKey(d.getYear(), d.getMonthValue(), d.getDayOfMonth());
    }
}
