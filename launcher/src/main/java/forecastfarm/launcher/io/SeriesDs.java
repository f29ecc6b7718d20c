package forecastfarm.launcher.io;

import java.time.DateTimeException;
import java.util.List;
import java.util.function.IntToLongFunction;

/**
 * The ds values of one series being validated, and how a message names a row: "series B line 7" when the reader
 * knows the input lines ({@code lineOf}: index to 1-based line), else "series B".
 */
record SeriesDs(List<String> ds, String seriesId, IntToLongFunction lineOf) {

    /** "series B line 7: " + what (or "series B: " + what). */
    InputException problem(int i, String what) {
        return new InputException(
                "series " + seriesId + (lineOf == null ? "" : " line " + lineOf.applyAsLong(i)) + ": " + what, i);
    }

    /** The stripped ds of row i. */
    String text(int i) {
        String raw = ds.get(i);
        return raw == null ? "" : raw.strip();
    }

    /** " (line 6)" for row i, or "" when lines are unknown. */
    String at(int i) {
        return lineOf == null ? "" : " (line " + lineOf.applyAsLong(i) + ")";
    }

    /**
     * Reads the ds of row i with {@code p}.
     *
     * @return its {@link DsParser} format, never UNKNOWN
     * @throws InputException when it has no accepted format or a field is out of range
     */
    int read(DsParser p, int i, boolean epoch) {
        String s = text(i);
        int f;
        try {
            f = p.read(s);
        } catch (NumberFormatException e) {
            throw problem(i, "ds '" + s + "' is too large");
        } catch (DateTimeException e) {
            String what = epoch ? "epoch second" : s.length() <= 7 ? "month" : s.length() == 10 ? "date" : "date-time";
            throw problem(i, "ds '" + s + "' is not a valid " + what);
        }
        if (f == DsParser.UNKNOWN) {
            throw problem(
                    i,
                    epoch
                            ? "ds '" + s + "' is not a whole number of seconds since 1970-01-01T00:00Z"
                                    + " (--time-format epoch)"
                            : "ds '" + s + "' is not an integer, a date (yyyy-MM-dd), a date-time"
                                    + " (yyyy-MM-dd HH:mm[:ss]) or a month (yyyy-MM)");
        }
        return f;
    }

    /** Row i is not after row i - 1: a duplicate, or unsorted. */
    InputException outOfOrder(int i, boolean duplicate) {
        if (duplicate) {
            return problem(
                    i,
                    "duplicate ds " + text(i)
                            + (lineOf == null
                                    ? ""
                                    : " (the same time as line " + lineOf.applyAsLong(i - 1)
                                            + "); keep one row per time"));
        }
        return problem(
                i,
                "ds " + text(i) + " comes after " + text(i - 1)
                        + (lineOf == null ? "" : " on line " + lineOf.applyAsLong(i - 1))
                        + " (rows must be sorted by ds within a series)");
    }
}
