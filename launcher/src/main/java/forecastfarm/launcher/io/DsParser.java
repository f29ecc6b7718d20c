package forecastfarm.launcher.io;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Reads one ds value into a number (its key) and says which of the accepted formats it has. Checks the shape by
 * hand (no exception for a value of another shape: most series are read once per pass) and the ranges with {@code
 * java.time}. Reusable, not thread-safe: the fields describe the last value read.
 *
 * <p>Keys: {@link #INT} the value; {@link #MONTH} {@code y*12+m-1}; {@link #DATE} the epoch day; {@link
 * #LOCAL_DATE_TIME} and {@link #OFFSET_DATE_TIME} the written wall time in milliseconds since 1970-01-01T00:00 (as
 * if in UTC; the offset is in {@link #offsetSeconds}); {@link #EPOCH} epoch milliseconds.
 */
final class DsParser {
    static final int UNKNOWN = 0;
    static final int INT = 1;
    static final int MONTH = 2;
    static final int DATE = 3;
    static final int LOCAL_DATE_TIME = 4;
    static final int OFFSET_DATE_TIME = 5;
    static final int EPOCH = 6;

    /** Epoch seconds beyond this (year 9999) are refused rather than overflowing. */
    private static final long MAX_EPOCH_SECONDS = 253_402_300_799L;

    private final boolean epoch;

    long key;
    /** MONTH: the year was written with 4 digits. */
    boolean fourDigitYear;
    /** Date-times: 'T' between date and time (else ' '), seconds written, digits of the fraction of a second. */
    boolean tSeparator;

    boolean seconds;
    int fractionDigits;
    /** OFFSET_DATE_TIME: the offset, and whether it was written 'Z'. */
    int offsetSeconds;

    boolean zulu;

    DsParser(boolean epoch) {
        this.epoch = epoch;
    }

    /**
     * Reads {@code s} (stripped, not empty).
     *
     * @return its format, {@link #UNKNOWN} for a shape no format has
     * @throws DateTimeException     when the shape is right but a field is out of range (month 13, hour 25)
     * @throws NumberFormatException when an integer is too large
     */
    int read(String s) {
        int len = s.length();
        int start = (s.charAt(0) == '-' || s.charAt(0) == '+') ? 1 : 0;
        if (len > start && allDigits(s, start, len)) {
            key = Long.parseLong(s);
            if (!epoch) {
                return INT;
            }
            if (Math.abs(key) > MAX_EPOCH_SECONDS) {
                throw new DateTimeException("out of range");
            }
            key *= 1000;
            return EPOCH;
        }
        if (epoch) {
            return UNKNOWN;
        }
        int dash = s.indexOf('-');
        if (dash >= 1 && dash <= 4 && len == dash + 3 && allDigits(s, 0, dash) && allDigits(s, dash + 1, len)) {
            int m = digits(s, dash + 1, len);
            if (m < 1 || m > 12) {
                throw new DateTimeException("month " + m);
            }
            fourDigitYear = dash == 4;
            key = digits(s, 0, dash) * 12L + (m - 1);
            return MONTH;
        }
        if (len < 10 || !isDate(s)) {
            return UNKNOWN;
        }
        LocalDate date = LocalDate.of(digits(s, 0, 4), digits(s, 5, 7), digits(s, 8, 10));
        if (len == 10) {
            key = date.toEpochDay();
            return DATE;
        }
        return dateTime(s, date);
    }

    private int dateTime(String s, LocalDate date) {
        int len = s.length();
        char sep = s.charAt(10);
        if ((sep != ' ' && sep != 'T') || len < 16 || !twoDigits(s, 11) || s.charAt(13) != ':' || !twoDigits(s, 14)) {
            return UNKNOWN;
        }
        tSeparator = sep == 'T';
        int hour = digits(s, 11, 13);
        int minute = digits(s, 14, 16);
        int second = 0;
        int nanos = 0;
        int i = 16;
        seconds = i < len && s.charAt(i) == ':' && twoDigits(s, i + 1);
        if (seconds) {
            second = digits(s, i + 1, i + 3);
            i += 3;
        }
        fractionDigits = 0;
        if (seconds && i < len && s.charAt(i) == '.') {
            int from = ++i;
            while (i < len && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                i++;
            }
            fractionDigits = i - from;
            if (fractionDigits == 0 || fractionDigits > 9) {
                return UNKNOWN;
            }
            nanos = digits(s, from, i);
            for (int k = fractionDigits; k < 9; k++) {
                nanos *= 10;
            }
        }
        key = LocalDateTime.of(date.getYear(), date.getMonthValue(), date.getDayOfMonth(), hour, minute, second, nanos)
                                .toEpochSecond(ZoneOffset.UTC)
                        * 1000
                + nanos / 1_000_000;
        if (i == len) {
            return LOCAL_DATE_TIME;
        }
        return offset(s, i) ? OFFSET_DATE_TIME : UNKNOWN;
    }

    /** {@code Z}, {@code +HH:mm}, {@code +HHmm} or {@code +HH} (or '-') from {@code i} to the end. */
    private boolean offset(String s, int i) {
        int len = s.length();
        zulu = s.charAt(i) == 'Z' && i + 1 == len;
        if (zulu) {
            offsetSeconds = 0;
            return true;
        }
        char sign = s.charAt(i);
        if ((sign != '+' && sign != '-') || !twoDigits(s, i + 1)) {
            return false;
        }
        int hours = digits(s, i + 1, i + 3);
        int minutes;
        int rest = len - (i + 3);
        if (rest == 0) {
            minutes = 0;
        } else if (rest == 3 && s.charAt(i + 3) == ':' && twoDigits(s, i + 4)) {
            minutes = digits(s, i + 4, i + 6);
        } else if (rest == 2 && twoDigits(s, i + 3)) {
            minutes = digits(s, i + 3, i + 5);
        } else {
            return false;
        }
        offsetSeconds = ZoneOffset.ofHoursMinutes(sign == '-' ? -hours : hours, sign == '-' ? -minutes : minutes)
                .getTotalSeconds();
        return true;
    }

    private static boolean isDate(String s) {
        return allDigits(s, 0, 4)
                && s.charAt(4) == '-'
                && allDigits(s, 5, 7)
                && s.charAt(7) == '-'
                && allDigits(s, 8, 10);
    }

    private static boolean twoDigits(String s, int from) {
        return from + 2 <= s.length() && allDigits(s, from, from + 2);
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
}
