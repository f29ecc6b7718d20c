package forecastfarm.launcher.io;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The time index of one series: just enough to label the forecast horizon (last value, step, kind),
 * never the full list of dates, so that millions of series fit in memory.
 *
 * <p>Accepted ds formats (all ds values of one series must share one format):
 * <ul>
 *   <li>integers ({@code 1, 2, 3} or {@code 1975}); continued by the most common difference. Four-digit
 *       values 1000..2999 whose most common difference is 1 are reported as "yearly", otherwise "integer";
 *   <li>ISO dates {@code yyyy-MM-dd}: if all dates fall on the same day of month (or on month ends) they
 *       are k months apart: k=1 monthly, k=3 quarterly, k=12 yearly (continued on that day of month,
 *       clamped to the month's length; month ends stay month ends). Otherwise by the (lower) median gap in
 *       days: if the history has at least 10 points, no Saturday or Sunday and a median gap of 1 day it is
 *       business-daily (continued Mon-Fri, holidays are not known); else a median gap of 1 is daily, 7 is
 *       weekly, g is "every g days";
 *   <li>month labels {@code yyyy-MM}: monthly (or every k months). The year may have 1 to 4 digits (M3
 *       monthly has series labelled {@code 1-01 .. 5-05}, years unknown); a year written with fewer than 4
 *       digits is continued unpadded ({@code 5-05} then {@code 5-06}), a 4-digit one padded. M3 quarterly
 *       data labels quarter q of year Y as {@code Y-0q} ({@code 1993-02} = 1993 Q2): when every label has MM
 *       in 01..04 and the year
 *       changes somewhere in the history (impossible for consecutive months), the labels are read as
 *       quarters and continued in the same form ({@code 1995-04} then {@code 1996-01}). A short series
 *       that stays inside one year with MM in 01..04 is ambiguous and read as monthly.
 * </ul>
 * A single-point history continues with step 1 (integer +1, daily, monthly).
 */
public final class TimeAxis {

    private enum Kind {
        INTEGER,
        YEAR,
        DAYS,
        BUSINESS_DAYS,
        DATE_MONTHS,
        MONTH_LABEL,
        QUARTER_LABEL
    }

    private static final int FMT_INT = 1;
    private static final int FMT_MONTH = 2;
    private static final int FMT_DATE = 3;

    private final Kind kind;
    /** INTEGER/YEAR: the value; DAYS/BUSINESS_DAYS/DATE_MONTHS: epoch day; MONTH_LABEL: y*12+m-1; QUARTER_LABEL: y*4+q-1. */
    private final long last;
    /** Units: INTEGER/YEAR: value; DAYS: days; BUSINESS_DAYS: 1 business day; DATE_MONTHS, MONTH_LABEL: months; QUARTER_LABEL: quarters. */
    private final long step;
    /** DATE_MONTHS only: the day of month to continue on, 0 = month end. */
    private final int anchorDay;

    private final int length;
    /** MONTH_LABEL/QUARTER_LABEL: write the year with 4 digits (else as is: M3 has labels like "5-04"). */
    private final boolean padYear;

    private TimeAxis(Kind kind, long last, long step, int anchorDay, int length) {
        this(kind, last, step, anchorDay, length, true);
    }

    private TimeAxis(Kind kind, long last, long step, int anchorDay, int length, boolean padYear) {
        this.kind = kind;
        this.padYear = padYear;
        this.last = last;
        this.step = step;
        this.anchorDay = anchorDay;
        this.length = length;
    }

    /**
     * Parses and validates the ds values of one series (in file order).
     *
     * @throws InputException (with {@link InputException#offendingIndex()} set) when a value cannot be
     *                        parsed, formats are mixed, or the values are not strictly increasing
     */
    public static TimeAxis of(List<String> dsValues, String seriesId) {
        Objects.requireNonNull(dsValues, "dsValues");
        int n = dsValues.size();
        if (n == 0) {
            throw new InputException("series " + seriesId + " has no rows", -1);
        }
        long[] keys = new long[n];
        int format = 0;
        int firstIndexOfFormat = 0;
        boolean allFourDigitYears = true;
        boolean padYear = true;
        for (int i = 0; i < n; i++) {
            String raw = dsValues.get(i);
            String s = raw == null ? "" : raw.strip();
            int f = formatOf(s);
            if (s.isEmpty()) {
                throw new InputException("series " + seriesId + ": empty ds", i);
            }
            if (f == 0) {
                throw new InputException(
                        "series " + seriesId + ": ds '" + s
                                + "' is not an integer, a date (yyyy-MM-dd) or a month (yyyy-MM)",
                        i);
            }
            if (format == 0) {
                format = f;
                firstIndexOfFormat = i;
            } else if (f != format) {
                throw new InputException(
                        "series " + seriesId + ": ds '" + s + "' has a different format than '"
                                + dsValues.get(firstIndexOfFormat).strip()
                                + "' (all ds of a series must be integers, or dates yyyy-MM-dd, or months yyyy-MM)",
                        i);
            }
            long key;
            switch (f) {
                case FMT_INT -> {
                    try {
                        key = Long.parseLong(s);
                    } catch (NumberFormatException e) {
                        throw new InputException("series " + seriesId + ": ds '" + s + "' is too large", i);
                    }
                    if (s.length() != 4 || key < 1000 || key > 2999) {
                        allFourDigitYears = false;
                    }
                }
                case FMT_MONTH -> {
                    int dash = s.indexOf('-');
                    int y = digits(s, 0, dash);
                    int m = digits(s, dash + 1, s.length());
                    padYear = dash == 4;
                    if (m < 1 || m > 12) {
                        throw new InputException("series " + seriesId + ": ds '" + s + "' is not a valid month", i);
                    }
                    key = y * 12L + (m - 1);
                }
                default -> {
                    try {
                        key = LocalDate.of(digits(s, 0, 4), digits(s, 5, 7), digits(s, 8, 10))
                                .toEpochDay();
                    } catch (DateTimeException e) {
                        throw new InputException("series " + seriesId + ": ds '" + s + "' is not a valid date", i);
                    }
                }
            }
            keys[i] = key;
            if (i > 0 && key <= keys[i - 1]) {
                String prev = dsValues.get(i - 1).strip();
                if (key == keys[i - 1]) {
                    throw new InputException("series " + seriesId + ": duplicate ds " + s, i);
                }
                throw new InputException(
                        "series " + seriesId + ": ds " + s + " comes after " + prev
                                + " (rows must be sorted by ds within a series)",
                        i);
            }
        }
        return switch (format) {
            case FMT_INT -> {
                long step = n == 1 ? 1 : modeOfDiffs(keys);
                TimeAxis axis = new TimeAxis(
                        allFourDigitYears && step == 1 ? Kind.YEAR : Kind.INTEGER, keys[n - 1], step, 0, n);
                requireRegular(keys, step, axis, dsValues, seriesId);
                yield axis;
            }
            case FMT_MONTH -> monthLabels(keys, padYear, dsValues, seriesId);
            default -> dates(keys, dsValues, seriesId);
        };
    }

    /**
     * Models assume equally spaced observations: a missing period (a gap) or an odd spacing is refused rather than
     * silently forecast as if the points were adjacent.
     */
    private static void requireRegular(long[] keys, long step, TimeAxis axis, List<String> ds, String seriesId) {
        for (int i = 1; i < keys.length; i++) {
            long diff = keys[i] - keys[i - 1];
            if (diff != step) {
                throw irregular(axis, diff % step == 0 ? diff / step - 1 : -1, i, ds, seriesId);
            }
        }
    }

    private static InputException irregular(TimeAxis axis, long missing, int i, List<String> ds, String seriesId) {
        String what = missing > 0
                ? missing + " missing " + axis.describeFrequency() + (missing == 1 ? " period" : " periods")
                : "a spacing that is not " + axis.describeFrequency();
        return new InputException(
                "series " + seriesId + ": ds " + ds.get(i - 1).strip() + " is followed by "
                        + ds.get(i).strip() + " (" + what + "); fill the gap (e.g. carry the last value forward or "
                        + "interpolate) so that every period has a value",
                i);
    }

    private static TimeAxis monthLabels(long[] keys, boolean padYear, List<String> ds, String seriesId) {
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
            TimeAxis axis = new TimeAxis(Kind.QUARTER_LABEL, q[n - 1], modeOfDiffs(q), 0, n, padYear);
            requireRegular(q, axis.step, axis, ds, seriesId);
            return axis;
        }
        TimeAxis axis = new TimeAxis(Kind.MONTH_LABEL, keys[n - 1], n == 1 ? 1 : modeOfDiffs(keys), 0, n, padYear);
        requireRegular(keys, axis.step, axis, ds, seriesId);
        return axis;
    }

    private static TimeAxis dates(long[] epochDays, List<String> ds, String seriesId) {
        int n = epochDays.length;
        if (n == 1) {
            return new TimeAxis(Kind.DAYS, epochDays[0], 1, 0, 1);
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
            TimeAxis axis =
                    new TimeAxis(Kind.DATE_MONTHS, epochDays[n - 1], modeOfDiffs(months), allMonthEnd ? 0 : maxDay, n);
            requireRegular(months, axis.step, axis, ds, seriesId);
            return axis;
        }
        long[] gaps = new long[n - 1];
        for (int i = 1; i < n; i++) {
            gaps[i - 1] = epochDays[i] - epochDays[i - 1];
        }
        Arrays.sort(gaps);
        long median = gaps[(gaps.length - 1) / 2];
        if (!weekend && n >= 10 && median == 1) {
            TimeAxis axis = new TimeAxis(Kind.BUSINESS_DAYS, epochDays[n - 1], 1, 0, n);
            requireFewHolidays(epochDays, axis, ds, seriesId);
            return axis;
        }
        TimeAxis axis = new TimeAxis(Kind.DAYS, epochDays[n - 1], median, 0, n);
        if (!weekend && median == 1) {
            requireFewHolidays(epochDays, axis, ds, seriesId); // weekdays only, too short to call business-daily
        } else {
            requireRegular(epochDays, median, axis, ds, seriesId);
        }
        return axis;
    }

    /** Business days skip market holidays; more than this many weekdays missing in a row is a gap in the data. */
    static final int MAX_HOLIDAYS_IN_A_ROW = 4;

    private static void requireFewHolidays(long[] epochDays, TimeAxis axis, List<String> ds, String seriesId) {
        for (int i = 1; i < epochDays.length; i++) {
            long missing = weekdaysBetween(epochDays[i - 1], epochDays[i]);
            if (missing > MAX_HOLIDAYS_IN_A_ROW) {
                throw irregular(axis, missing, i, ds, seriesId);
            }
        }
    }

    private static long weekdaysBetween(long from, long to) {
        long count = 0;
        for (long d = from + 1; d < to; d++) {
            DayOfWeek dow = LocalDate.ofEpochDay(d).getDayOfWeek();
            count += dow == DayOfWeek.SATURDAY || dow == DayOfWeek.SUNDAY ? 0 : 1;
        }
        return count;
    }

    /** Most common difference between consecutive keys (ties: the smallest); keys strictly increasing, n >= 2. */
    private static long modeOfDiffs(long[] keys) {
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

    /** 0 = unknown; otherwise FMT_INT, FMT_MONTH (yyyy-MM) or FMT_DATE (yyyy-MM-dd); checks shape only. */
    private static int formatOf(String s) {
        int len = s.length();
        if (len == 0) {
            return 0;
        }
        int start = (s.charAt(0) == '-' || s.charAt(0) == '+') ? 1 : 0;
        if (len > start && allDigits(s, start, len)) {
            return FMT_INT;
        }
        int dash = s.indexOf('-');
        if (dash >= 1 && dash <= 4 && len == dash + 3 && allDigits(s, 0, dash) && allDigits(s, dash + 1, len)) {
            return FMT_MONTH;
        }
        if (len == 10
                && allDigits(s, 0, 4)
                && s.charAt(4) == '-'
                && allDigits(s, 5, 7)
                && s.charAt(7) == '-'
                && allDigits(s, 8, 10)) {
            return FMT_DATE;
        }
        return 0;
    }

    private static boolean allDigits(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static int digits(String s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            v = v * 10 + (s.charAt(i) - '0');
        }
        return v;
    }

    /** The ds labels of the next {@code horizon} periods after the history, in the history's format. */
    public String[] future(int horizon) {
        if (horizon < 0) {
            throw new IllegalArgumentException("horizon must be >= 0: " + horizon);
        }
        String[] out = new String[horizon];
        switch (kind) {
            case INTEGER, YEAR -> {
                for (int h = 1; h <= horizon; h++) {
                    out[h - 1] = Long.toString(last + step * h);
                }
            }
            case DAYS -> {
                for (int h = 1; h <= horizon; h++) {
                    out[h - 1] = LocalDate.ofEpochDay(last + step * h).toString();
                }
            }
            case BUSINESS_DAYS -> {
                LocalDate d = LocalDate.ofEpochDay(last);
                for (int h = 0; h < horizon; h++) {
                    do {
                        d = d.plusDays(1);
                    } while (d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY);
                    out[h] = d.toString();
                }
            }
            case DATE_MONTHS -> {
                YearMonth base = YearMonth.from(LocalDate.ofEpochDay(last));
                for (int h = 1; h <= horizon; h++) {
                    YearMonth ym = base.plusMonths(step * h);
                    int day = anchorDay == 0 ? ym.lengthOfMonth() : Math.min(anchorDay, ym.lengthOfMonth());
                    out[h - 1] = ym.atDay(day).toString();
                }
            }
            case MONTH_LABEL -> {
                for (int h = 1; h <= horizon; h++) {
                    long k = last + step * h;
                    out[h - 1] = label(Math.floorDiv(k, 12), Math.floorMod(k, 12) + 1, padYear);
                }
            }
            case QUARTER_LABEL -> {
                for (int h = 1; h <= horizon; h++) {
                    long k = last + step * h;
                    out[h - 1] = label(Math.floorDiv(k, 4), Math.floorMod(k, 4) + 1, padYear);
                }
            }
            default -> throw new AssertionError(kind);
        }
        return out;
    }

    private static String label(long year, int period, boolean padYear) {
        StringBuilder sb = new StringBuilder(7);
        String y = Long.toString(year);
        for (int i = y.length(); padYear && i < 4; i++) {
            sb.append('0');
        }
        sb.append(y).append('-');
        if (period < 10) {
            sb.append('0');
        }
        return sb.append(period).toString();
    }

    /**
     * Season length implied by the frequency: business-daily 5, daily 7, weekly 52, monthly 12,
     * quarterly 4, yearly and integer 1 (every k months: 12/k when k divides 12, else 1; other day gaps 1).
     */
    public int inferredSeasonLength() {
        return switch (kind) {
            case INTEGER, YEAR -> 1;
            case BUSINESS_DAYS -> 5;
            case DAYS -> step == 1 ? 7 : step == 7 ? 52 : 1;
            case DATE_MONTHS, MONTH_LABEL -> 12 % step == 0 ? (int) (12 / step) : 1;
            case QUARTER_LABEL -> 4 % step == 0 ? (int) (4 / step) : 1;
        };
    }

    /**
     * "business-daily", "daily", "weekly", "monthly", "quarterly", "yearly" or "integer"; unusual
     * spacings give "every N days", "every N months" or "every N quarters".
     */
    public String describeFrequency() {
        return switch (kind) {
            case INTEGER -> "integer";
            case YEAR -> "yearly";
            case BUSINESS_DAYS -> "business-daily";
            case DAYS -> step == 1 ? "daily" : step == 7 ? "weekly" : "every " + step + " days";
            case DATE_MONTHS, MONTH_LABEL ->
                step == 1 ? "monthly" : step == 3 ? "quarterly" : step == 12 ? "yearly" : "every " + step + " months";
            case QUARTER_LABEL -> step == 1 ? "quarterly" : step == 4 ? "yearly" : "every " + step + " quarters";
        };
    }

    /** Number of points in the history. */
    public int length() {
        return length;
    }

    /** The last ds of the history, formatted as the history was (normalized: no surrounding spaces, no '+'). */
    public String last() {
        return switch (kind) {
            case INTEGER, YEAR -> Long.toString(last);
            case DAYS, BUSINESS_DAYS, DATE_MONTHS -> LocalDate.ofEpochDay(last).toString();
            case MONTH_LABEL -> label(Math.floorDiv(last, 12), (int) Math.floorMod(last, 12) + 1, padYear);
            case QUARTER_LABEL -> label(Math.floorDiv(last, 4), (int) Math.floorMod(last, 4) + 1, padYear);
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TimeAxis t
                && t.kind == kind
                && t.last == last
                && t.step == step
                && t.anchorDay == anchorDay
                && t.length == length
                && t.padYear == padYear;
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, last, step, anchorDay, length, padYear);
    }

    @Override
    public String toString() {
        return "TimeAxis[" + describeFrequency() + ", last=" + last() + ", n=" + length + "]";
    }
}
