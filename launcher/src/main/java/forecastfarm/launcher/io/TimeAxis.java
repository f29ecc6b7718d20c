package forecastfarm.launcher.io;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.function.IntToLongFunction;

/**
 * The time index of one series: just enough to label the forecast horizon (last value, step, kind, and for
 * date-times how they are written), never the full list of dates, so that millions of series fit in memory.
 * One class on purpose: inferring the frequency and continuing it share the same per-kind state; the parts that
 * stand alone are already apart ({@link DsParser}, {@link DsStyle}, {@link CalendarSteps}, {@link SeriesDs}).
 *
 * <p>Accepted ds formats (all ds values of one series must share one format; {@link DsParser} reads them):
 * <ul>
 *   <li>integers ({@code 1, 2, 3} or {@code 1975}); continued by the most common difference. Four-digit
 *       values 1000..2999 whose most common difference is 1 are reported as "yearly", otherwise "integer".
 *       With {@code --time-format epoch} integers are instead seconds since 1970-01-01T00:00Z, read as date-times;
 *   <li>ISO dates {@code yyyy-MM-dd}: if all dates fall on the same day of month (or on month ends) they
 *       are k months apart: k=1 monthly, k=3 quarterly, k=12 yearly (continued on that day of month,
 *       clamped to the month's length; month ends stay month ends). Otherwise by the (lower) median gap in
 *       days: if the history has at least 10 points, no Saturday or Sunday and a median gap of 1 day it is
 *       business-daily (continued Mon-Fri, holidays are not known); else a median gap of 1 is daily, 7 is
 *       weekly, g is "every g days";
 *   <li>ISO date-times {@code yyyy-MM-dd HH:mm}, {@code HH:mm:ss}, {@code HH:mm:ss.SSS} ({@code T} for the space
 *       too), naive (local to {@code --time-zone}) or with {@code Z} or an offset ({@code +01:00}, {@code +0100},
 *       {@code +01}). When every value has the same wall-clock time of day they follow the date rules above on
 *       the wall calendar (a daily series at midnight stays at midnight through daylight saving). Otherwise the
 *       step is the most common difference between instants (minutes, 5/15/30 minutes, hours): a naive series
 *       observed through a daylight-saving change has no gap (the skipped hour) and no duplicate (the repeated
 *       hour is read as its earlier, then its later instant). Forecast ds are written like the last input value;
 *   <li>month labels {@code yyyy-MM}: monthly (or every k months). The year may have 1 to 4 digits (M3
 *       monthly has series labelled {@code 1-01 .. 5-05}, years unknown); a year written with fewer than 4
 *       digits is continued unpadded ({@code 5-05} then {@code 5-06}), a 4-digit one padded. M3 quarterly
 *       data labels quarter q of year Y as {@code Y-0q} ({@code 1993-02} = 1993 Q2): when every label has MM
 *       in 01..04 and the year
 *       changes somewhere in the history (impossible for consecutive months), the labels are read as
 *       quarters and continued in the same form ({@code 1995-04} then {@code 1996-01}). A short series
 *       that stays inside one year with MM in 01..04 is ambiguous and read as monthly.
 * </ul>
 * A single-point history continues with step 1 (integer +1, daily, monthly; a date-time daily).
 */
public final class TimeAxis {

    enum Kind {
        INTEGER,
        YEAR,
        DAYS,
        BUSINESS_DAYS,
        DATE_MONTHS,
        MONTH_LABEL,
        QUARTER_LABEL,
        INSTANT
    }

    static final long MS_PER_HOUR = 3_600_000L;
    static final long MS_PER_DAY = 86_400_000L;
    /** Business days skip market holidays; more than this many weekdays missing in a row is a gap in the data. */
    static final int MAX_HOLIDAYS_IN_A_ROW = CalendarSteps.MAX_HOLIDAYS_IN_A_ROW;

    private final Kind kind;
    /**
     * INTEGER/YEAR: the value; DAYS/BUSINESS_DAYS/DATE_MONTHS: epoch day; MONTH_LABEL: y*12+m-1; QUARTER_LABEL:
     * y*4+q-1; INSTANT: epoch milliseconds.
     */
    private final long last;
    /**
     * Units: INTEGER/YEAR: value; DAYS: days; BUSINESS_DAYS: 1 business day; DATE_MONTHS, MONTH_LABEL: months;
     * QUARTER_LABEL: quarters; INSTANT: milliseconds.
     */
    private final long step;
    /** DATE_MONTHS only: the day of month to continue on, 0 = month end. */
    private final int anchorDay;

    private final int length;
    /** MONTH_LABEL/QUARTER_LABEL: write the year with 4 digits (else as is: M3 has labels like "5-04"). */
    private final boolean padYear;
    /** Date-times (INSTANT, and day kinds read from date-times): how they are written; else null. */
    private final DsStyle style;
    /** Day kinds read from date-times: the wall-clock time of day in milliseconds; else -1. */
    private final long timeOfDayMs;

    TimeAxis(Kind kind, long last, long step, int anchorDay, int length) {
        this(kind, last, step, anchorDay, length, true);
    }

    TimeAxis(Kind kind, long last, long step, int anchorDay, int length, boolean padYear) {
        this(kind, last, step, anchorDay, length, padYear, null, -1);
    }

    private TimeAxis(
            Kind kind,
            long last,
            long step,
            int anchorDay,
            int length,
            boolean padYear,
            DsStyle style,
            long timeOfDayMs) {
        this.kind = kind;
        this.padYear = padYear;
        this.last = last;
        this.step = step;
        this.anchorDay = anchorDay;
        this.length = length;
        this.style = style;
        this.timeOfDayMs = timeOfDayMs;
    }

    long step() {
        return step;
    }

    /** Parses and validates the ds values of one series in UTC, integers as integers, messages without lines. */
    public static TimeAxis of(List<String> dsValues, String seriesId) {
        return of(dsValues, seriesId, TimeSettings.DEFAULT, null);
    }

    /**
     * Parses and validates the ds values of one series (in file order).
     *
     * @param time   the zone of naive date-times and whether integers are epoch seconds
     * @param lineOf index to 1-based input line, so that messages name lines ("series B line 7: ..."); null: no
     *               lines
     * @throws InputException (with {@link InputException#offendingIndex()} set) when a value cannot be
     *                        parsed, formats are mixed, the values are not strictly increasing, or a period is
     *                        missing
     */
    public static TimeAxis of(List<String> dsValues, String seriesId, TimeSettings time, IntToLongFunction lineOf) {
        Objects.requireNonNull(dsValues, "dsValues");
        Objects.requireNonNull(time, "time");
        SeriesDs ds = new SeriesDs(dsValues, seriesId, lineOf);
        int n = dsValues.size();
        if (n == 0) {
            throw new InputException("series " + seriesId + " has no rows", -1);
        }
        DsParser p = new DsParser(time.epoch());
        long[] keys = new long[n];
        long[] instants = null;
        int format = 0;
        int firstIndexOfFormat = 0;
        boolean allFourDigitYears = true;
        boolean padYear = true;
        for (int i = 0; i < n; i++) {
            String s = ds.text(i);
            if (s.isEmpty()) {
                throw ds.problem(i, "empty ds");
            }
            int f = ds.read(p, i, time.epoch());
            if (format == 0) {
                format = f;
                firstIndexOfFormat = i;
                instants = f >= DsParser.LOCAL_DATE_TIME ? new long[n] : null;
            } else if (f != format) {
                throw ds.problem(
                        i,
                        "ds '" + s + "' has a different format than '" + ds.text(firstIndexOfFormat)
                                + "' (all ds of a series must be in one format: integers, dates yyyy-MM-dd, date-times"
                                + " yyyy-MM-dd HH:mm[:ss] all naive or all with an offset, or months yyyy-MM)");
            }
            keys[i] = p.key;
            allFourDigitYears &= f == DsParser.INT && s.length() == 4 && p.key >= 1000 && p.key <= 2999;
            padYear = p.fourDigitYear;
            long order = p.key;
            if (instants != null) {
                order = instants[i] = switch (f) {
                    case DsParser.EPOCH -> p.key;
                    case DsParser.OFFSET_DATE_TIME -> p.key - p.offsetSeconds * 1000L;
                    default -> instantOf(p.key, time.zone(), i == 0 ? Long.MIN_VALUE : instants[i - 1], i, ds);
                };
            }
            long previous = i == 0 ? 0 : instants != null ? instants[i - 1] : keys[i - 1];
            if (i > 0 && order <= previous) {
                throw ds.outOfOrder(i, order == previous);
            }
        }
        return switch (format) {
            case DsParser.INT -> {
                long step = n == 1 ? 1 : CalendarSteps.modeOfDiffs(keys);
                TimeAxis axis = new TimeAxis(
                        allFourDigitYears && step == 1 ? Kind.YEAR : Kind.INTEGER, keys[n - 1], step, 0, n);
                CalendarSteps.requireRegular(keys, step, axis, ds);
                yield axis;
            }
            case DsParser.MONTH -> CalendarSteps.monthLabels(keys, padYear, ds);
            case DsParser.DATE -> CalendarSteps.dates(keys, ds);
            case DsParser.EPOCH -> instants(instants, DsStyle.epochSeconds(), ds);
            default ->
                dateTimes(
                        keys,
                        instants,
                        DsStyle.of(p, format == DsParser.OFFSET_DATE_TIME, time.zone(), instants[n - 1]),
                        ds);
        };
    }

    private static long instantOf(long wallMs, ZoneId zone, long previousMs, int i, SeriesDs ds) {
        try {
            return DsStyle.instantOf(wallMs, zone, previousMs);
        } catch (DateTimeException e) {
            throw ds.problem(
                    i,
                    "ds " + ds.text(i) + " does not exist in " + zone.getId()
                            + " (the clocks skip it); check --time-zone");
        }
    }

    /** Date-times at one time of day step on the wall calendar; others on the instant timeline. */
    private static TimeAxis dateTimes(long[] wallMs, long[] instants, DsStyle style, SeriesDs ds) {
        int n = wallMs.length;
        long timeOfDay = Math.floorMod(wallMs[0], MS_PER_DAY);
        for (int i = 0; i < n; i++) {
            if (Math.floorMod(wallMs[i], MS_PER_DAY) != timeOfDay || (i > 0 && wallMs[i] <= wallMs[i - 1])) {
                return instants(instants, style, ds);
            }
        }
        long[] days = new long[n];
        for (int i = 0; i < n; i++) {
            days[i] = Math.floorDiv(wallMs[i], MS_PER_DAY);
        }
        TimeAxis a = CalendarSteps.dates(days, ds);
        return new TimeAxis(a.kind, a.last, a.step, a.anchorDay, a.length, a.padYear, style, timeOfDay);
    }

    private static TimeAxis instants(long[] instants, DsStyle style, SeriesDs ds) {
        int n = instants.length;
        long step = n == 1 ? MS_PER_DAY : CalendarSteps.modeOfDiffs(instants);
        TimeAxis axis = new TimeAxis(Kind.INSTANT, instants[n - 1], step, 0, n, true, style, -1);
        CalendarSteps.requireRegular(instants, step, axis, ds);
        return axis;
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
                    out[h - 1] = dayLabel(last + step * h);
                }
            }
            case BUSINESS_DAYS -> {
                LocalDate d = LocalDate.ofEpochDay(last);
                for (int h = 0; h < horizon; h++) {
                    do {
                        d = d.plusDays(1);
                    } while (d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY);
                    out[h] = dayLabel(d.toEpochDay());
                }
            }
            case DATE_MONTHS -> {
                YearMonth base = YearMonth.from(LocalDate.ofEpochDay(last));
                for (int h = 1; h <= horizon; h++) {
                    YearMonth ym = base.plusMonths(step * h);
                    int day = anchorDay == 0 ? ym.lengthOfMonth() : Math.min(anchorDay, ym.lengthOfMonth());
                    out[h - 1] = dayLabel(ym.atDay(day).toEpochDay());
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
            case INSTANT -> {
                for (int h = 1; h <= horizon; h++) {
                    out[h - 1] = style.formatInstant(last + step * h);
                }
            }
            default -> throw new AssertionError(kind);
        }
        return out;
    }

    /** A date of the day kinds: yyyy-MM-dd, or the date at the series' time of day when it had date-times. */
    private String dayLabel(long epochDay) {
        return style == null
                ? LocalDate.ofEpochDay(epochDay).toString()
                : style.formatWallTime(epochDay * MS_PER_DAY + timeOfDayMs);
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

    /** Series at least this long get a yearly season (365.25) after the weekly one when daily. */
    static final int MIN_DAILY_FOR_YEARLY = 2 * 365;

    /**
     * The first of {@link #inferredSeasons()}, the season of models that take one.
     */
    public int inferredSeasonLength() {
        return (int) inferredSeasons()[0];
    }

    /**
     * Season lengths implied by the frequency, the main one first: business-daily 5, daily 7 (and 365.25 for a
     * series of at least {@value #MIN_DAILY_FOR_YEARLY} points), weekly 52, monthly 12, quarterly 4, yearly and
     * integer 1 (every k months: 12/k when k divides 12, else 1; other day gaps 1); a step that divides a day:
     * per day and per week (hourly 24,168; half-hourly 48,336; 15-minutely 96,672; 5-minutely 288,2016).
     */
    public double[] inferredSeasons() {
        return switch (kind) {
            case INTEGER, YEAR -> new double[] {1};
            case BUSINESS_DAYS -> new double[] {5};
            case DAYS -> daySeasons(step);
            case DATE_MONTHS, MONTH_LABEL -> new double[] {12 % step == 0 ? 12 / step : 1};
            case QUARTER_LABEL -> new double[] {4 % step == 0 ? 4 / step : 1};
            case INSTANT ->
                step < MS_PER_DAY && MS_PER_DAY % step == 0
                        ? new double[] {MS_PER_DAY / step, 7 * MS_PER_DAY / step}
                        : step % MS_PER_DAY == 0 ? daySeasons(step / MS_PER_DAY) : new double[] {1};
        };
    }

    private double[] daySeasons(long days) {
        if (days == 1) {
            return length >= MIN_DAILY_FOR_YEARLY ? new double[] {7, 365.25} : new double[] {7};
        }
        return new double[] {days == 7 ? 52 : 1};
    }

    /**
     * "business-daily", "daily", "weekly", "monthly", "quarterly", "yearly" or "integer"; date-times stepping
     * within a day "minutely", "5-minutely", "15-minutely", "half-hourly" or "hourly"; unusual spacings give
     * "every N days", "every N months", "every N quarters", "every N hours" or "every N seconds".
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
            case INSTANT -> CalendarSteps.describeInstantStep(step);
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
            case DAYS, BUSINESS_DAYS, DATE_MONTHS -> dayLabel(last);
            case MONTH_LABEL -> label(Math.floorDiv(last, 12), (int) Math.floorMod(last, 12) + 1, padYear);
            case QUARTER_LABEL -> label(Math.floorDiv(last, 4), (int) Math.floorMod(last, 4) + 1, padYear);
            case INSTANT -> style.formatInstant(last);
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
                && t.padYear == padYear
                && t.timeOfDayMs == timeOfDayMs
                && Objects.equals(t.style, style);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, last, step, anchorDay, length, padYear, style, timeOfDayMs);
    }

    @Override
    public String toString() {
        return "TimeAxis[" + describeFrequency() + ", last=" + last() + ", n=" + length + "]";
    }
}
