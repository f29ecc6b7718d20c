package forecastfarm.launcher.report;

import java.util.List;
import java.util.Objects;

/**
 * Everything one plot shows; independent of the farm. Give the whole history: the writer picks the window.
 *
 * @param id            the series id (user data: any characters)
 * @param historyDs     the history's time labels, same length as {@code history}; or null when unknown (the x
 *                      axis then counts steps, 0 = last observation). ISO dates {@code yyyy-MM-dd}, months
 *                      {@code yyyy-MM}, datetimes {@code yyyy-MM-dd[T ]HH:mm[:ss]} and integers are placed on a
 *                      time or number axis; any other labels are drawn in order, evenly spaced
 * @param history       observed values, oldest first, finite
 * @param futureDs      the forecast's time labels (as many as the longest mean), or null when unknown
 * @param models        the forecasts to draw, in order of preference (the first gets the shaded intervals);
 *                      empty for a failed series
 * @param seasonLength  the season length used (1 if none): the window shows at least two seasons
 * @param failure       why the series has no forecast (shown on the plot), or null when it has one
 * @param valueName     what the values are, the y axis's title: the input's value column ({@code y}, {@code Close},
 *                      {@code --value-col}, a wide file's column header); null or blank for none
 */
public record SeriesPlotData(
        String id,
        String[] historyDs,
        double[] history,
        String[] futureDs,
        List<ModelBand> models,
        int seasonLength,
        String failure,
        String valueName) {
    public SeriesPlotData {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(history, "history");
        models = List.copyOf(models == null ? List.of() : models);
        valueName = valueName == null || valueName.isBlank() ? null : valueName.strip();
        if (historyDs != null && historyDs.length != history.length) {
            throw new IllegalArgumentException(
                    "series " + id + ": " + history.length + " values but " + historyDs.length + " ds labels");
        }
        int h = horizonOf(models);
        if (futureDs != null && futureDs.length < h) {
            throw new IllegalArgumentException("series " + id + ": forecasts of " + h + " steps but only "
                    + futureDs.length + " future ds labels");
        }
        if (history.length == 0 && h == 0) {
            throw new IllegalArgumentException("series " + id + ": nothing to plot (no history, no forecast)");
        }
    }

    /** A forecast series. */
    public static SeriesPlotData forecast(
            String id,
            String[] historyDs,
            double[] history,
            String[] futureDs,
            List<ModelBand> models,
            int seasonLength) {
        return new SeriesPlotData(id, historyDs, history, futureDs, models, seasonLength, null, null);
    }

    /** A failed series: its history and the reason. */
    public static SeriesPlotData failed(
            String id, String[] historyDs, double[] history, int seasonLength, String reason) {
        return new SeriesPlotData(
                id, historyDs, history, null, List.of(), seasonLength, reason == null ? "" : reason, null);
    }

    /** The same plot with {@code valueName} as the y axis's title. */
    public SeriesPlotData withValueName(String valueName) {
        return new SeriesPlotData(id, historyDs, history, futureDs, models, seasonLength, failure, valueName);
    }

    /** Longest forecast among the models (0 without models). */
    public int horizon() {
        return horizonOf(models);
    }

    private static int horizonOf(List<ModelBand> models) {
        int h = 0;
        for (ModelBand m : models) {
            h = Math.max(h, m.mean().length);
        }
        return h;
    }
}
