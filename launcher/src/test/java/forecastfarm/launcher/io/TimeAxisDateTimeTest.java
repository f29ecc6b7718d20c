package forecastfarm.launcher.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link TimeAxis} on date-times, epoch seconds and zones. */
class TimeAxisDateTimeTest {
    private static final TimeSettings LONDON = new TimeSettings(ZoneId.of("Europe/London"), false);
    private static final TimeSettings EPOCH = new TimeSettings(ZoneOffset.UTC, true);

    private static TimeAxis axis(String... ds) {
        return TimeAxis.of(List.of(ds), "S");
    }

    /** ds in the reader's way: row i is on line i + 2 (after the header). */
    private static TimeAxis withLines(List<String> ds, TimeSettings time) {
        return TimeAxis.of(ds, "S", time, i -> i + 2);
    }

    private static List<String> steps(String first, int n, int stepMinutes, String pattern) {
        DateTimeFormatter f = DateTimeFormatter.ofPattern(pattern);
        LocalDateTime t = LocalDateTime.parse(first.replace(' ', 'T'));
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(t.plusMinutes((long) i * stepMinutes).format(f));
        }
        return out;
    }

    @Test
    void hourlyWithSecondsContinuesHourlyInTheSameStyle() {
        TimeAxis a = TimeAxis.of(steps("2020-01-01 00:00", 48, 60, "yyyy-MM-dd HH:mm:ss"), "S");
        assertEquals("hourly", a.describeFrequency());
        assertArrayEquals(new String[] {"2020-01-03 00:00:00", "2020-01-03 01:00:00"}, a.future(2));
        assertEquals("2020-01-02 23:00:00", a.last());
        assertArrayEquals(new double[] {24, 168}, a.inferredSeasons());
        assertEquals(24, a.inferredSeasonLength());
    }

    @Test
    void withoutSecondsWithTZAndOffsets() {
        assertArrayEquals(
                new String[] {"2020-01-01T02:00", "2020-01-01T03:00"},
                axis("2020-01-01T00:00", "2020-01-01T01:00").future(2));
        assertArrayEquals(
                new String[] {"2020-01-01T02:00:00Z"},
                axis("2020-01-01T00:00:00Z", "2020-01-01T01:00:00Z").future(1));
        // an offset that is not the zone's (UTC) is kept as written
        TimeAxis plusOne = axis("2020-01-01 00:00+01:00", "2020-01-01 01:00+01:00");
        assertArrayEquals(new String[] {"2020-01-01 02:00+01:00"}, plusOne.future(1));
        assertEquals("2020-01-01 01:00+01:00", plusOne.last());
        // +0100 and +01 are read too; the same instants in other offsets are the same series
        assertEquals(
                "hourly",
                axis("2020-01-01 00:00+0100", "2020-01-01 00:00Z", "2020-01-01 00:00-01")
                        .describeFrequency());
        assertArrayEquals(
                new String[] {"2020-01-01 00:00:01.500"},
                axis("2020-01-01 00:00:00.000", "2020-01-01 00:00:00.500", "2020-01-01 00:00:01.000")
                        .future(1));
    }

    @Test
    void offsetsFollowTheZoneWhenTheyAreItsOffsets() {
        TimeSettings paris = new TimeSettings(ZoneId.of("Europe/Paris"), false);
        // clocks go back at 03:00 CEST on 2020-10-25
        TimeAxis a = TimeAxis.of(List.of("2020-10-25 00:00+02:00", "2020-10-25 01:00+02:00"), "S", paris, null);
        assertArrayEquals(
                new String[] {"2020-10-25 02:00+02:00", "2020-10-25 02:00+01:00", "2020-10-25 03:00+01:00"},
                a.future(3));
    }

    @Test
    void epochSecondsWithTheOption() {
        TimeAxis a = TimeAxis.of(List.of("1577836800", "1577840400", "1577844000"), "S", EPOCH, null);
        assertEquals("hourly", a.describeFrequency());
        assertArrayEquals(new String[] {"1577847600", "1577851200"}, a.future(2));
        assertEquals("integer", axis("1577836800", "1577840400", "1577844000").describeFrequency(), "not by default");
        InputException e =
                assertThrows(InputException.class, () -> withLines(List.of("1577836800", "2020-01-01"), EPOCH));
        assertEquals(
                "series S line 3: ds '2020-01-01' is not a whole number of seconds since 1970-01-01T00:00Z"
                        + " (--time-format epoch)",
                e.getMessage());
    }

    @Test
    void naiveHoursThroughDaylightSavingHaveNoGapAndNoDuplicate() {
        // London: clocks go forward at 01:00 GMT on 2020-03-29 (no 01:xx) and back at 02:00 BST on 2020-10-25
        TimeAxis spring = withLines(
                List.of("2020-03-28 23:00", "2020-03-29 00:00", "2020-03-29 02:00", "2020-03-29 03:00"), LONDON);
        assertEquals("hourly", spring.describeFrequency());
        assertArrayEquals(new String[] {"2020-03-29 04:00"}, spring.future(1));
        TimeAxis autumn = withLines(
                List.of("2020-10-24 23:00", "2020-10-25 00:00", "2020-10-25 01:00", "2020-10-25 01:00"), LONDON);
        assertEquals("hourly", autumn.describeFrequency());
        assertArrayEquals(new String[] {"2020-10-25 02:00", "2020-10-25 03:00"}, autumn.future(2));
        TimeAxis beforeTheChange = withLines(List.of("2020-10-24 23:00", "2020-10-25 00:00"), LONDON);
        assertArrayEquals(
                new String[] {"2020-10-25 01:00", "2020-10-25 01:00", "2020-10-25 02:00"}, beforeTheChange.future(3));
        // in UTC the same wall times are a gap and a duplicate
        InputException gap = assertThrows(
                InputException.class,
                () -> withLines(
                        List.of("2020-03-28 23:00", "2020-03-29 00:00", "2020-03-29 02:00"), TimeSettings.DEFAULT));
        assertEquals(
                "series S line 4: ds 2020-03-29 00:00 (line 3) is followed by 2020-03-29 02:00 (1 missing hourly"
                        + " period); fill the gap (e.g. carry the last value forward or interpolate) so that every"
                        + " period has a value",
                gap.getMessage());
        assertEquals(2, gap.offendingIndex());
    }

    @Test
    void aWallTimeTheZoneSkipsIsNamed() {
        InputException e = assertThrows(
                InputException.class,
                () -> withLines(List.of("2020-03-29 00:00", "2020-03-29 01:00", "2020-03-29 02:00"), LONDON));
        assertEquals(
                "series S line 3: ds 2020-03-29 01:00 does not exist in Europe/London (the clocks skip it); check"
                        + " --time-zone",
                e.getMessage());
    }

    @Test
    void duplicatesNameBothLines() {
        InputException e = assertThrows(
                InputException.class,
                () -> withLines(
                        List.of("2020-01-01 00:00", "2020-01-01 01:00", "2020-01-01 01:00"), TimeSettings.DEFAULT));
        assertEquals(
                "series S line 4: duplicate ds 2020-01-01 01:00 (the same time as line 3); keep one row per time",
                e.getMessage());
        InputException sameInstant =
                assertThrows(InputException.class, () -> axis("2020-01-01 01:00+01:00", "2020-01-01 00:00Z"));
        assertEquals("series S: duplicate ds 2020-01-01 00:00Z", sameInstant.getMessage());
    }

    @Test
    void minuteStepsAndTheirSeasons() {
        TimeAxis five = TimeAxis.of(steps("2020-01-01 00:00", 30, 5, "yyyy-MM-dd HH:mm"), "S");
        assertEquals("5-minutely", five.describeFrequency());
        assertArrayEquals(new double[] {288, 2016}, five.inferredSeasons());
        assertArrayEquals(new String[] {"2020-01-01 02:30"}, five.future(1));
        TimeAxis fifteen = TimeAxis.of(steps("2020-01-01 00:00", 30, 15, "yyyy-MM-dd HH:mm"), "S");
        assertEquals("15-minutely", fifteen.describeFrequency());
        assertArrayEquals(new double[] {96, 672}, fifteen.inferredSeasons());
        TimeAxis half = TimeAxis.of(steps("2020-01-01 00:00", 30, 30, "yyyy-MM-dd HH:mm"), "S");
        assertEquals("half-hourly", half.describeFrequency());
        assertArrayEquals(new double[] {48, 336}, half.inferredSeasons());
        assertEquals(
                "minutely",
                TimeAxis.of(steps("2020-01-01 00:00", 3, 1, "yyyy-MM-dd HH:mm"), "S")
                        .describeFrequency());
    }

    @Test
    void oneTimeOfDayStepsOnTheWallCalendar() {
        // midnight in London through the change of 2020-03-29: 23 hours apart, still daily
        TimeAxis daily = withLines(
                List.of("2020-03-27 00:00:00", "2020-03-28 00:00:00", "2020-03-29 00:00:00", "2020-03-30 00:00:00"),
                LONDON);
        assertEquals("daily", daily.describeFrequency());
        assertArrayEquals(new String[] {"2020-03-31 00:00:00"}, daily.future(1));
        assertArrayEquals(new double[] {7}, daily.inferredSeasons());
        TimeAxis monthly = axis("2020-01-31T09:30Z", "2020-02-29T09:30Z", "2020-03-31T09:30Z");
        assertEquals("monthly", monthly.describeFrequency());
        assertArrayEquals(new String[] {"2020-04-30T09:30Z"}, monthly.future(1));
    }

    @Test
    void longDailySeriesAlsoGetAYearlySeason() {
        List<String> days = new ArrayList<>();
        for (int i = 0; i < TimeAxis.MIN_DAILY_FOR_YEARLY; i++) {
            days.add(LocalDate.of(2018, 1, 1).plusDays(i).toString());
        }
        assertArrayEquals(new double[] {7, 365.25}, TimeAxis.of(days, "S").inferredSeasons());
        assertEquals(7, TimeAxis.of(days, "S").inferredSeasonLength());
        assertArrayEquals(
                new double[] {7}, TimeAxis.of(days.subList(1, days.size()), "S").inferredSeasons());
    }

    @Test
    void seriesWrittenAlikeShareOneStyle() throws Exception {
        java.lang.reflect.Field style = TimeAxis.class.getDeclaredField("style");
        style.setAccessible(true);
        Object a = style.get(axis("2020-01-01 00:00", "2020-01-01 01:00"));
        Object b = style.get(axis("2021-06-01 10:00", "2021-06-01 10:30"));
        org.junit.jupiter.api.Assertions.assertSame(a, b, "millions of series need not hold a style each");
        org.junit.jupiter.api.Assertions.assertNotSame(a, style.get(axis("2021-06-01T10:00", "2021-06-01T10:30")));
    }

    @Test
    void badDateTimes() {
        assertEquals(
                "series S line 3: ds '2020-01-01 25:00' is not a valid date-time",
                assertThrows(
                                InputException.class,
                                () -> withLines(List.of("2020-01-01 00:00", "2020-01-01 25:00"), TimeSettings.DEFAULT))
                        .getMessage());
        assertEquals(
                "series S line 3: ds '2020-01-01 01:00Z' has a different format than '2020-01-01 00:00' (all ds of a"
                        + " series must be in one format: integers, dates yyyy-MM-dd, date-times yyyy-MM-dd HH:mm[:ss]"
                        + " all naive or all with an offset, or months yyyy-MM)",
                assertThrows(
                                InputException.class,
                                () -> withLines(List.of("2020-01-01 00:00", "2020-01-01 01:00Z"), TimeSettings.DEFAULT))
                        .getMessage());
        for (String bad : List.of("2020-01-01 1:00", "2020-01-01 01:00:0", "2020-01-01 01:00 Z", "2020-01-01X01:00")) {
            assertThrows(InputException.class, () -> axis(bad), bad);
        }
    }
}
