package forecastfarm.launcher.io;

import java.util.Objects;

/**
 * One time series as read from the input.
 *
 * @param id        the series id ({@code unique_id})
 * @param y         the values, oldest first; all finite
 * @param axis      the time index: enough to label the forecast horizon
 * @param firstLine 1-based line in the input file where the series starts (for messages); 0 if not from a file
 * @param recentDs  the ds labels of the last points, as many as the read kept ({@link RecentDs}; all of them when the
 *                  series is shorter), oldest first, as written in the input: enough to plot the recent history with
 *                  its real dates (holidays and gaps included) and to label a cv job's windows
 * @param valueName the name of the input's value column for this series ({@code y}, {@code Close}, a wide file's
 *                  column header), the plots' y axis title; null when the reader does not say
 */
public record Series(String id, double[] y, TimeAxis axis, long firstLine, String[] recentDs, String valueName) {
    public Series {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(y, "y");
        Objects.requireNonNull(axis, "axis");
        Objects.requireNonNull(recentDs, "recentDs");
        if (recentDs.length > y.length) {
            throw new IllegalArgumentException(
                    "series " + id + ": " + recentDs.length + " recent ds labels for " + y.length + " values");
        }
        if (axis.length() != y.length) {
            throw new IllegalArgumentException(
                    "series " + id + ": " + y.length + " values but the time axis has " + axis.length());
        }
    }

    /** A series without the name of its value column. */
    public Series(String id, double[] y, TimeAxis axis, long firstLine, String[] recentDs) {
        this(id, y, axis, firstLine, recentDs, null);
    }

    /**
     * A series whose recent ds labels are the last {@link RecentDs#DEFAULT} of {@code ds} (all of its labels, oldest
     * first), without the name of its value column.
     */
    public static Series of(String id, double[] y, TimeAxis axis, long firstLine, java.util.List<String> ds) {
        return of(id, y, axis, firstLine, ds, null, RecentDs.DEFAULT);
    }

    /**
     * The series as a reader hands it over: its recent ds labels the last {@code kept} of {@code ds} (all of its
     * labels, oldest first), and the name of its value column.
     */
    public static Series of(
            String id,
            double[] y,
            TimeAxis axis,
            long firstLine,
            java.util.List<String> ds,
            String valueName,
            RecentDs kept) {
        return new Series(id, y, axis, firstLine, kept.lastOf(ds), valueName);
    }

    /** Number of observations. */
    public int length() {
        return y.length;
    }

    @Override
    public String toString() {
        return "Series[" + id + ", n=" + y.length + ", " + axis + ", firstLine=" + firstLine + "]";
    }
}
