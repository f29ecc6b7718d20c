package forecastfarm.launcher.io;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Arrays;

/**
 * The calendar rules of {@link TimeAxis}: which regular step a series' keys follow (months on a day of month, business
 * days, every k days, month and quarter labels) and the refusal of gaps and odd spacings.
 */
final class CalendarSteps {
    private CalendarSteps() {}

    /**
     * Models assume equally spaced observations: a missing period (a gap) or an odd spacing is refused rather than
     * silently forecast as if the points were adjacent.
     */
    static void requireRegular(long[] keys, long step, TimeAxis axis, SeriesDs ds) {
        for (int i = 1; i < keys.length; i++) {
            long diff = keys[i] - keys[i - 1];
            if (diff != step) {
                throw irregular(axis, diff % step == 0 ? diff / step - 1 : -1, i, ds);
            }
        }
    }

    static InputException irregular(TimeAxis axis, long missing, int i, SeriesDs ds) {
        String what = missing > 0
                ? missing + " missing " + axis.describeFrequency() + (missing == 1 ? " period" : " periods")
                : "a spacing that is not " + axis.describeFrequency();
        return ds.problem(
                i,
                "ds " + ds.text(i - 1) + ds.at(i - 1) + " is followed by " + ds.text(i) + " (" + what
                        + "); fill the gap (e.g. carry the last value forward or interpolate) so that every period"
                        + " has a value");
    }

    static TimeAxis monthLabels(long[] keys, boolean padYear, SeriesDs ds) {
        int n = keys.length;
        boolean allUpTo4 = true;
        boolean yearChanges = false;
        for (int i = 0; i < n; i++) {
            if (Math.floorMod(keys[i], 12) > 3) {
                allUpTo4 = false;
                break;
            }
            if (i > 0 && Math.floorDiv(keys[i], 12) != Math.floorDiv(keys[i - 1], 12)) {
                yearChanges = true;
            }
        }
        if (allUpTo4 && yearChanges) {
            long[] q = new long[n];
            for (int i = 0; i < n; i++) {
                q[i] = Math.floorDiv(keys[i], 12) * 4 + Math.floorMod(keys[i], 12);
            }
            TimeAxis axis = new TimeAxis(TimeAxis.Kind.QUARTER_LABEL, q[n - 1], modeOfDiffs(q), 0, n, padYear);
            requireRegular(q, axis.step(), axis, ds);
            return axis;
        }
        TimeAxis axis =
                new TimeAxis(TimeAxis.Kind.MONTH_LABEL, keys[n - 1], n == 1 ? 1 : modeOfDiffs(keys), 0, n, padYear);
        requireRegular(keys, axis.step(), axis, ds);
        return axis;
    }

    static TimeAxis dates(long[] epochDays, SeriesDs ds) {
        int n = epochDays.length;
        if (n == 1) {
            return new TimeAxis(TimeAxis.Kind.DAYS, epochDays[0], 1, 0, 1);
        }
        // Months apart on a fixed day of month (or on month ends)?
        boolean allMonthEnd = true;
        int maxDay = 0;
        boolean weekend = false;
        for (long d : epochDays) {
            LocalDate date = LocalDate.ofEpochDay(d);
            allMonthEnd &= date.getDayOfMonth() == date.lengthOfMonth();
            maxDay = Math.max(maxDay, date.getDayOfMonth());
            DayOfWeek dow = date.getDayOfWeek();
            weekend |= dow == DayOfWeek.SATURDAY || dow == DayOfWeek.SUNDAY;
        }
        boolean anchored = true;
        for (long d : epochDays) {
            LocalDate date = LocalDate.ofEpochDay(d);
            int day = date.getDayOfMonth();
            if (day != maxDay && !(day < maxDay && day == date.lengthOfMonth())) {
                anchored = false;
                break;
            }
        }
        if (allMonthEnd || anchored) {
            long[] months = new long[n];
            for (int i = 0; i < n; i++) {
                LocalDate date = LocalDate.ofEpochDay(epochDays[i]);
                months[i] = date.getYear() * 12L + date.getMonthValue() - 1;
            }
            TimeAxis axis = new TimeAxis(
                    TimeAxis.Kind.DATE_MONTHS, epochDays[n - 1], modeOfDiffs(months), allMonthEnd ? 0 : maxDay, n);
            requireRegular(months, axis.step(), axis, ds);
            return axis;
        }
        long[] gaps = new long[n - 1];
        for (int i = 1; i < n; i++) {
            gaps[i - 1] = epochDays[i] - epochDays[i - 1];
        }
        Arrays.sort(gaps);
        long median = gaps[(gaps.length - 1) / 2];
        if (!weekend && n >= 10 && median == 1) {
            TimeAxis axis = new TimeAxis(TimeAxis.Kind.BUSINESS_DAYS, epochDays[n - 1], 1, 0, n);
            requireFewHolidays(epochDays, axis, ds);
            return axis;
        }
        TimeAxis axis = new TimeAxis(TimeAxis.Kind.DAYS, epochDays[n - 1], median, 0, n);
        if (!weekend && median == 1) {
            requireFewHolidays(epochDays, axis, ds); // weekdays only, too short to call business-daily
        } else {
            requireRegular(epochDays, median, axis, ds);
        }
        return axis;
    }

    /** Business days skip market holidays; more than this many weekdays missing in a row is a gap in the data. */
    static final int MAX_HOLIDAYS_IN_A_ROW = 4;

    static void requireFewHolidays(long[] epochDays, TimeAxis axis, SeriesDs ds) {
        for (int i = 1; i < epochDays.length; i++) {
            long missing = weekdaysBetween(epochDays[i - 1], epochDays[i]);
            if (missing > MAX_HOLIDAYS_IN_A_ROW) {
                throw irregular(axis, missing, i, ds);
            }
        }
    }

    static long weekdaysBetween(long from, long to) {
        long count = 0;
        for (long d = from + 1; d < to; d++) {
            DayOfWeek dow = LocalDate.ofEpochDay(d).getDayOfWeek();
            count += dow == DayOfWeek.SATURDAY || dow == DayOfWeek.SUNDAY ? 0 : 1;
        }
        return count;
    }

    /** Most common difference between consecutive keys (ties: the smallest); keys strictly increasing, n >= 2. */
    static long modeOfDiffs(long[] keys) {
        long[] d = new long[keys.length - 1];
        for (int i = 1; i < keys.length; i++) {
            d[i - 1] = keys[i] - keys[i - 1];
        }
        Arrays.sort(d);
        long best = d[0];
        int bestCount = 0;
        for (int i = 0; i < d.length; ) {
            int j = i;
            while (j < d.length && d[j] == d[i]) {
                j++;
            }
            if (j - i > bestCount) {
                bestCount = j - i;
                best = d[i];
            }
            i = j;
        }
        return best;
    }

    /** "hourly", "15-minutely", "half-hourly", "daily", "every 2 hours", ... for a step between instants. */
    static String describeInstantStep(long ms) {
        if (ms % TimeAxis.MS_PER_DAY == 0) {
            long days = ms / TimeAxis.MS_PER_DAY;
            return days == 1 ? "daily" : days == 7 ? "weekly" : "every " + days + " days";
        }
        if (ms % TimeAxis.MS_PER_HOUR == 0) {
            return ms == TimeAxis.MS_PER_HOUR ? "hourly" : "every " + ms / TimeAxis.MS_PER_HOUR + " hours";
        }
        if (ms % 60_000 == 0) {
            long minutes = ms / 60_000;
            return minutes == 1 ? "minutely" : minutes == 30 ? "half-hourly" : minutes + "-minutely";
        }
        return ms % 1000 == 0 ? "every " + ms / 1000 + " seconds" : "every " + ms + " ms";
    }
}
