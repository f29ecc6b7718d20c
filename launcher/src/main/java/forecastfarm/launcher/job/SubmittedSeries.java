package forecastfarm.launcher.job;

import forecastfarm.launcher.io.Series;
import forecastfarm.launcher.io.TimeAxis;
import java.util.Arrays;

/**
 * What the job keeps of a series while it is on the farm: enough to label its rows, and (for series to plot) the
 * recent history.
 *
 * @param seq          its number in input order, from 0.
 * @param axis         its time axis (forecast ds).
 * @param recent       the last values (for plots), as many as the read kept labels of ({@link Series#recentDs()}),
 *                     or null when it is not to be plotted.
 * @param recentDs     their ds labels, or null.
 * @param seasonLength the m it was forecast with.
 * @param valueName    its value column's name (the plot's y axis title), or null.
 * @param tailDs       the ds labels of its last points, as many as the job's work needs ({@link SeriesWork#tailDs()};
 *                     fewer when the series is shorter), oldest first.
 */
public record SubmittedSeries(
        long seq,
        String id,
        TimeAxis axis,
        double[] recent,
        String[] recentDs,
        int seasonLength,
        String valueName,
        String[] tailDs) {
    static SubmittedSeries of(
            final long seq, final Series series, final int seasonLength, final boolean keepHistory, final int tail) {
        final String[] ds = series.recentDs();
        final String[] tailDs = Arrays.copyOfRange(ds, ds.length - Math.min(tail, ds.length), ds.length);
        if (!keepHistory) {
            return new SubmittedSeries(seq, series.id(), series.axis(), null, null, seasonLength, null, tailDs);
        }
        final double[] y = series.y();
        return new SubmittedSeries(
                seq,
                series.id(),
                series.axis(),
                Arrays.copyOfRange(y, y.length - ds.length, y.length),
                ds,
                seasonLength,
                series.valueName(),
                tailDs);
    }
}
