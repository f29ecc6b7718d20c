package forecastfarm.launcher.job;

import forecastfarm.launcher.io.Series;
import forecastfarm.launcher.io.TimeAxis;

/**
 * What the job keeps of a series while it is on the farm: enough to label its forecast, and (for series to plot)
 * the recent history.
 *
 * @param seq        its number in input order, from 0.
 * @param recent     the last values (for plots), or null when it is not to be plotted.
 * @param recentDs   their ds labels, or null.
 * @param seasonLength the m it was forecast with.
 * @param valueName  its value column's name (the plot's y axis title), or null.
 */
record SubmittedSeries(
        long seq, String id, TimeAxis axis, double[] recent, String[] recentDs, int seasonLength, String valueName) {
    static SubmittedSeries of(final long seq, final Series series, final int seasonLength, final boolean keepHistory) {
        if (!keepHistory) {
            return new SubmittedSeries(seq, series.id(), series.axis(), null, null, seasonLength, null);
        }
        final String[] ds = series.recentDs();
        final double[] y = series.y();
        return new SubmittedSeries(
                seq,
                series.id(),
                series.axis(),
                java.util.Arrays.copyOfRange(y, y.length - ds.length, y.length),
                ds,
                seasonLength,
                series.valueName());
    }
}
