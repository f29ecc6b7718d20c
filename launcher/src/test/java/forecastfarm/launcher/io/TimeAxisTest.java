package forecastfarm.launcher.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimeAxisTest {

    private static TimeAxis axis(String... ds) {
        return TimeAxis.of(List.of(ds), "S");
    }

    private static List<String> dates(LocalDate from, int n, int stepDays) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(from.plusDays((long) i * stepDays).toString());
        }
        return out;
    }

    /** Weekdays only, ending at {@code last}. */
    private static List<String> weekdaysUpTo(LocalDate last, int n) {
        List<String> out = new ArrayList<>();
        LocalDate d = last;
        while (out.size() < n) {
            if (d.getDayOfWeek().getValue() <= 5) {
                out.add(0, d.toString());
            }
            d = d.minusDays(1);
        }
        return out;
    }

    @Test
    void integersContinueByStep() {
        TimeAxis a = axis("1", "2", "3", "4", "5");
        assertArrayEquals(new String[] {"6", "7", "8"}, a.future(3));
        assertEquals("integer", a.describeFrequency());
        assertEquals(1, a.inferredSeasonLength());
        assertEquals(5, a.length());
        assertEquals("5", a.last());
    }

    @Test
    void integerStepIsTheMostCommonDifference() {
        TimeAxis a = axis("0", "5", "10", "15", "20", "25");
        assertArrayEquals(new String[] {"30", "35"}, a.future(2));
        // differences 5, 5, 10, 5: step 5, and the 10 is a gap
        org.junit.jupiter.api.Assertions.assertThrows(InputException.class, () -> axis("0", "5", "10", "20", "25"));
        // negative and signed integers
        assertArrayEquals(new String[] {"0", "1"}, axis("-3", "-2", "-1").future(2));
    }

    @Test
    void yearsContinueYearly() {
        // M3 yearly N0001: 1975..1988, test horizon 1989..1994
        List<String> ds = new ArrayList<>();
        for (int y = 1975; y <= 1988; y++) {
            ds.add(Integer.toString(y));
        }
        TimeAxis a = TimeAxis.of(ds, "N0001");
        assertEquals("yearly", a.describeFrequency());
        assertEquals(1, a.inferredSeasonLength());
        assertArrayEquals(new String[] {"1989", "1990", "1991", "1992", "1993", "1994"}, a.future(6));
        // four-digit values 5 apart are integers, not years
        assertEquals("integer", axis("1990", "1995", "2000").describeFrequency());
        assertArrayEquals(new String[] {"2005"}, axis("1990", "1995", "2000").future(1));
    }

    @Test
    void businessDailyContinuesAcrossTheWeekend() {
        List<String> ds = weekdaysUpTo(LocalDate.parse("2018-08-17"), 12); // Fri 2018-08-17
        TimeAxis a = TimeAxis.of(ds, "MMM");
        assertEquals("business-daily", a.describeFrequency());
        assertEquals(5, a.inferredSeasonLength());
        assertArrayEquals(
                new String[] {"2018-08-20", "2018-08-21", "2018-08-22", "2018-08-23", "2018-08-24", "2018-08-27"},
                a.future(6));
    }

    @Test
    void fewerThanTenWeekdaysAreDaily() {
        List<String> ds = weekdaysUpTo(LocalDate.parse("2018-08-17"), 9);
        TimeAxis a = TimeAxis.of(ds, "S");
        assertEquals("daily", a.describeFrequency());
        assertEquals(7, a.inferredSeasonLength());
        assertArrayEquals(new String[] {"2018-08-18", "2018-08-19"}, a.future(2));
    }

    @Test
    void dailyWithWeekends() {
        TimeAxis a = TimeAxis.of(dates(LocalDate.parse("2018-12-20"), 14, 1), "S"); // ends 2019-01-02
        assertEquals("daily", a.describeFrequency());
        assertEquals(7, a.inferredSeasonLength());
        assertArrayEquals(new String[] {"2019-01-03", "2019-01-04", "2019-01-05"}, a.future(3));
        // a missing day in daily data with weekends is a gap
        org.junit.jupiter.api.Assertions.assertThrows(
                InputException.class, () -> axis("2018-01-01", "2018-01-02", "2018-01-04", "2018-01-05", "2018-01-06"));
    }

    @Test
    void weekly() {
        // Sundays
        TimeAxis a = TimeAxis.of(dates(LocalDate.parse("2018-11-04"), 8, 7), "S"); // ends 2018-12-23
        assertEquals("weekly", a.describeFrequency());
        assertEquals(52, a.inferredSeasonLength());
        assertArrayEquals(new String[] {"2018-12-30", "2019-01-06"}, a.future(2));
        // Mondays only, many points, no weekend: still weekly, not business-daily
        TimeAxis mondays = TimeAxis.of(dates(LocalDate.parse("2018-01-01"), 20, 7), "S");
        assertEquals("weekly", mondays.describeFrequency());
        assertArrayEquals(new String[] {"2018-05-21"}, mondays.future(1));
    }

    @Test
    void otherDayGaps() {
        TimeAxis a = axis("2018-01-01", "2018-01-15", "2018-01-29");
        assertEquals("every 14 days", a.describeFrequency());
        assertEquals(1, a.inferredSeasonLength());
        assertArrayEquals(new String[] {"2018-02-12"}, a.future(1));
    }

    @Test
    void monthLabelsContinueMonthly() {
        TimeAxis a = axis("1994-09", "1994-10", "1994-11");
        assertEquals("monthly", a.describeFrequency());
        assertEquals(12, a.inferredSeasonLength());
        assertArrayEquals(new String[] {"1994-12", "1995-01", "1995-02"}, a.future(3));
        assertEquals("1994-11", a.last());
    }

    @Test
    void m3MonthLabelsWithShortYears() {
        // M3 monthly N2801..N2829 are labelled 1-01 .. 5-05 (years unknown); m3_monthly_test.csv goes on 5-06
        TimeAxis a = axis("4-11", "4-12", "5-01", "5-02", "5-03", "5-04", "5-05");
        assertEquals("monthly", a.describeFrequency());
        assertEquals(12, a.inferredSeasonLength());
        assertArrayEquals(new String[] {"5-06", "5-07"}, a.future(2));
        assertArrayEquals(new String[] {"10-01"}, axis("9-11", "9-12").future(1));
        assertEquals("5-05", a.last());
    }

    @Test
    void m3QuarterLabelsContinueAsQuarters() {
        // M3 quarterly writes quarter q of year Y as Y-0q; N0646 ends 1992-04, test horizon below
        TimeAxis a = axis("1991-03", "1991-04", "1992-01", "1992-02", "1992-03", "1992-04");
        assertEquals("quarterly", a.describeFrequency());
        assertEquals(4, a.inferredSeasonLength());
        assertArrayEquals(
                new String[] {"1993-01", "1993-02", "1993-03", "1993-04", "1994-01", "1994-02", "1994-03", "1994-04"},
                a.future(8));
        // a year change between labels 01..04 only: quarters even over two points
        assertArrayEquals(new String[] {"1993-05"}, axis("1993-03", "1993-04").future(1)); // no year change: months
        assertArrayEquals(new String[] {"1994-02"}, axis("1993-04", "1994-01").future(1));
        // within one year, labels 01..04 are ambiguous: read as months
        TimeAxis shortOne = axis("1990-01", "1990-02", "1990-03");
        assertEquals("monthly", shortOne.describeFrequency());
        assertArrayEquals(new String[] {"1990-04", "1990-05"}, shortOne.future(2));
    }

    @Test
    void monthlyQuarterlyAndYearlyDates() {
        TimeAxis first = axis("2018-01-01", "2018-02-01", "2018-03-01");
        assertEquals("monthly", first.describeFrequency());
        assertEquals(12, first.inferredSeasonLength());
        assertArrayEquals(new String[] {"2018-04-01", "2018-05-01"}, first.future(2));

        TimeAxis ends = axis("2018-11-30", "2018-12-31", "2019-01-31", "2019-02-28");
        assertEquals("monthly", ends.describeFrequency());
        assertArrayEquals(new String[] {"2019-03-31", "2019-04-30"}, ends.future(2));

        TimeAxis day31 = axis("2018-12-31", "2019-01-31", "2019-02-28", "2019-03-31");
        assertArrayEquals(new String[] {"2019-04-30", "2019-05-31"}, day31.future(2));

        TimeAxis quarters = axis("2018-01-01", "2018-04-01", "2018-07-01");
        assertEquals("quarterly", quarters.describeFrequency());
        assertEquals(4, quarters.inferredSeasonLength());
        assertArrayEquals(new String[] {"2018-10-01", "2019-01-01"}, quarters.future(2));

        TimeAxis years = axis("2016-06-30", "2017-06-30", "2018-06-30");
        assertEquals("yearly", years.describeFrequency());
        assertEquals(1, years.inferredSeasonLength());
        assertArrayEquals(new String[] {"2019-06-30"}, years.future(1));
    }

    @Test
    void singlePointContinuesWithStepOne() {
        assertArrayEquals(new String[] {"8", "9"}, axis("7").future(2));
        assertArrayEquals(new String[] {"2018-01-01"}, axis("2017-12-31").future(1));
        assertArrayEquals(new String[] {"2000-01"}, axis("1999-12").future(1));
        assertEquals("daily", axis("2017-12-31").describeFrequency());
    }

    @Test
    void futureOfZeroAndNegative() {
        assertEquals(0, axis("1", "2").future(0).length);
        assertThrows(IllegalArgumentException.class, () -> axis("1", "2").future(-1));
    }

    @Test
    void outOfOrderNamesBothValues() {
        InputException e = assertThrows(
                InputException.class, () -> TimeAxis.of(List.of("2018-01-04", "2018-01-08", "2018-01-05"), "AAPL"));
        assertEquals(
                "series AAPL: ds 2018-01-05 comes after 2018-01-08 (rows must be sorted by ds within a series)",
                e.getMessage());
        assertEquals(2, e.offendingIndex());
    }

    @Test
    void duplicate() {
        InputException e = assertThrows(
                InputException.class, () -> TimeAxis.of(List.of("2018-01-04", "2018-01-05", "2018-01-05"), "X"));
        assertEquals("series X: duplicate ds 2018-01-05", e.getMessage());
        assertEquals(2, e.offendingIndex());
        assertEquals(
                "series X: duplicate ds 3",
                assertThrows(InputException.class, () -> TimeAxis.of(List.of("1", "3", "3"), "X"))
                        .getMessage());
    }

    @Test
    void badValues() {
        assertEquals(
                "series X: ds 'tomorrow' is not an integer, a date (yyyy-MM-dd), a date-time (yyyy-MM-dd HH:mm[:ss])"
                        + " or a month (yyyy-MM)",
                assertThrows(InputException.class, () -> TimeAxis.of(List.of("1", "tomorrow"), "X"))
                        .getMessage());
        assertEquals(
                "series X: ds '2018-02-30' is not a valid date",
                assertThrows(InputException.class, () -> TimeAxis.of(List.of("2018-02-30"), "X"))
                        .getMessage());
        assertEquals(
                "series X: ds '1990-13' is not a valid month",
                assertThrows(InputException.class, () -> TimeAxis.of(List.of("1990-13"), "X"))
                        .getMessage());
        assertEquals(
                "series X: empty ds",
                assertThrows(InputException.class, () -> TimeAxis.of(List.of("1", " "), "X"))
                        .getMessage());
        InputException mixed =
                assertThrows(InputException.class, () -> TimeAxis.of(List.of("1990-01", "1990-02", "1990-03-01"), "X"));
        assertEquals(
                "series X: ds '1990-03-01' has a different format than '1990-01' (all ds of a series must be in"
                        + " one format: integers, dates yyyy-MM-dd, date-times yyyy-MM-dd HH:mm[:ss] all naive or all"
                        + " with an offset, or months yyyy-MM)",
                mixed.getMessage());
        assertEquals(2, mixed.offendingIndex());
        assertEquals(
                "series X has no rows",
                assertThrows(InputException.class, () -> TimeAxis.of(List.of(), "X"))
                        .getMessage());
    }

    @Test
    void keepsOnlyWhatIsNeededAndCompares() {
        TimeAxis a = axis("1994-09", "1994-10", "1994-11");
        assertEquals(a, axis(" 1994-09", "1994-10", "1994-11 "));
        assertNotEquals(a, axis("1994-10", "1994-11"));
        assertEquals(a.hashCode(), axis("1994-09", "1994-10", "1994-11").hashCode());
        assertEquals("TimeAxis[monthly, last=1994-11, n=3]", a.toString());
        // no collection fields: the axis holds a few numbers (and how date-times are written), never the dates
        for (Class<?> c : List.of(TimeAxis.class, DsStyle.class)) {
            for (var f : c.getDeclaredFields()) {
                if (!java.lang.reflect.Modifier.isStatic(f.getModifiers())) {
                    assertEquals(
                            true,
                            f.getType().isPrimitive()
                                    || f.getType().isEnum()
                                    || f.getType() == DsStyle.class
                                    || f.getType() == java.time.ZoneId.class,
                            f.toString());
                }
            }
        }
    }

    @Test
    void aMissingMonthIsAGapNamedWithBothDates() {
        InputException e = org.junit.jupiter.api.Assertions.assertThrows(
                InputException.class,
                () -> TimeAxis.of(
                        java.util.List.of("2020-01-01", "2020-02-01", "2020-03-01", "2020-05-01", "2020-06-01"), "A"));
        org.junit.jupiter.api.Assertions.assertEquals(3, e.offendingIndex());
        org.junit.jupiter.api.Assertions.assertTrue(
                e.getMessage().contains("ds 2020-03-01 is followed by 2020-05-01 (1 missing monthly period)"),
                e.getMessage());
    }

    @Test
    void gapsInIntegerQuarterAndWeeklyDataAreRefused() {
        for (java.util.List<String> ds : java.util.List.of(
                java.util.List.of("1", "2", "3", "5", "6"),
                java.util.List.of("1990-01", "1990-02", "1990-04", "1991-01", "1991-02"),
                java.util.List.of("2020-01-06", "2020-01-13", "2020-01-20", "2020-02-03", "2020-02-10"),
                java.util.List.of("1", "2", "3", "4", "6", "7", "9"))) {
            org.junit.jupiter.api.Assertions.assertThrows(
                    InputException.class, () -> TimeAxis.of(ds, "X"), ds.toString());
        }
    }

    @Test
    void businessDaysAllowMarketHolidaysButNotAWeekMissing() {
        java.util.List<String> withHolidays = java.util.List.of(
                "2018-06-27",
                "2018-06-28",
                "2018-06-29",
                "2018-07-02",
                "2018-07-03",
                "2018-07-05",
                "2018-07-06",
                "2018-07-09",
                "2018-07-10",
                "2018-07-11",
                "2018-07-12");
        org.junit.jupiter.api.Assertions.assertEquals(
                "business-daily",
                TimeAxis.of(withHolidays, "S").describeFrequency(),
                "July 4th is a holiday, not a gap");
        java.util.List<String> weekMissing = new java.util.ArrayList<>(withHolidays);
        weekMissing.addAll(java.util.List.of("2018-07-20", "2018-07-23"));
        InputException e = org.junit.jupiter.api.Assertions.assertThrows(
                InputException.class, () -> TimeAxis.of(weekMissing, "S"));
        org.junit.jupiter.api.Assertions.assertTrue(
                e.getMessage().contains("(5 missing business-daily periods)"), e.getMessage());
    }
}
