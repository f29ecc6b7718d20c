package forecastfarm.launcher.io;

import java.util.Objects;

/**
 * One time series as read from the input.
 *
 * @param id        the series id ({@code unique_id})
 * @param y         the values, oldest first; all finite
 * @param axis      the time index: enough to label the forecast horizon
 * @param firstLine 1-based line in the input file where the series starts (for messages); 0 if not from a file
 * @param recentDs  the ds labels of the last {@link #RECENT_DS} (or fewer) points, oldest first, as written in the
 *                  input: enough to plot the recent history with its real dates (holidays and gaps included)
 * @param valueName the name of the input's value column for this series ({@code y}, {@code Close}, a wide file's
 *                  column header), the plots' y axis title; null when the reader does not say
 */
public record Series(String id, double[] y, TimeAxis axis, long firstLine, String[] recentDs, String valueName) {
    /** How many of the last ds labels a series keeps for plots. */
    public static final int RECENT_DS = 512;

    public Series {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(y, "y");
        Objects.requireNonNull(axis, "axis");
        Objects.requireNonNull(recentDs, "recentDs");
        if (recentDs.length > Math.min(RECENT_DS, y.length)) {
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
     * A series whose recent ds labels are the last {@link #RECENT_DS} of {@code ds} (all of its labels, oldest first).
     */
    public static Series of(String id, double[] y, TimeAxis axis, long firstLine, java.util.List<String> ds) {
        return of(id, y, axis, firstLine, ds, null);
    }

    /** {@link #of(String, double[], TimeAxis, long, java.util.List)} with the name of its value column. */
    public static Series of(
            String id, double[] y, TimeAxis axis, long firstLine, java.util.List<String> ds, String valueName) {
        int from = Math.max(0, ds.size() - RECENT_DS);
        return new Series(
                id,
                y,
                axis,
                firstLine,
                ds.subList(from, ds.size()).stream().map(String::strip).toArray(String[]::new),
                valueName);
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
