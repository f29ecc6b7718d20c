package forecastfarm.launcher.io;

import java.util.Objects;

/**
 * One time series as read from the input.
 *
 * @param id        the series id ({@code unique_id})
 * @param y         the values, oldest first; all finite
 * @param axis      the time index: enough to label the forecast horizon
 * @param firstLine 1-based line in the input file where the series starts (for messages); 0 if not from a file
 */
public record Series(String id, double[] y, TimeAxis axis, long firstLine) {
    public Series {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(y, "y");
        Objects.requireNonNull(axis, "axis");
        if (axis.length() != y.length) {
            throw new IllegalArgumentException(
                    "series " + id + ": " + y.length + " values but the time axis has " + axis.length());
        }
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
